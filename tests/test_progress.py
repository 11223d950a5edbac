"""The progress bar: moves within a file, shows on a terminal only, and costs nothing elsewhere."""

import fcntl
import io
import os
import pty
import re
import struct
import subprocess
import sys
import termios

from auditor.run.meter import Meter
from auditor.run.progress import Progress
from conftest import ROOT, SAMPLES


def big_dump(tmp_path, articles=200):
    """One file of many short articles, each an altered headline, its original and a body line
    long enough (over 300 characters) for a big file to be cut there."""
    parts = []
    for k in range(articles):
        body = f"The minister arrived in town number {k} on Monday and met the mayor for talks on roads. " * 4
        parts.append(f"Antichrist visits town number {k}\n\nMinister visits town number {k}\n\n{body}\n")
    path = tmp_path / "big.txt"
    path.write_text("\n".join(parts))
    return path


class NullSink:
    """Takes the run's articles and keeps nothing: these tests watch the meter."""

    def begin_document(self, doc): ...
    def article(self, rec): ...
    def end_document(self, n, w): ...


def test_the_meter_moves_within_a_file_when_tasks_run_here(tmp_path, ctx):
    from auditor.run.runner import RunPlan, run_audit

    calls = []
    dump = big_dump(tmp_path)
    plan = RunPlan(jobs=1, chunk_bytes=10**9, progress=lambda *a: calls.append(a))  # one task: the whole file
    run_audit([str(dump)], ctx, NullSink(), plan)
    size = dump.stat().st_size
    within = [c for c in calls if c[2] == 0]  # before the file (its only task) was done
    assert len(within) >= 200 // 16 - 1, calls  # a tick every 16 articles
    articles = [c[4] for c in calls]
    assert articles == sorted(articles) and articles[-1] == 200
    assert [c[0] for c in calls] == sorted(c[0] for c in calls) and all(c[0] <= size for c in calls)
    assert calls[-1] == (size, size, 1, 1, 200)


def test_the_meter_counts_tasks_in_parallel_runs(tmp_path, ctx):
    from auditor.run.runner import RunPlan, run_audit

    calls = []
    dump = big_dump(tmp_path, 400)
    plan = RunPlan(jobs=2, chunk_bytes=5_000, progress=lambda *a: calls.append(a))
    run_audit([str(dump), str(SAMPLES / "farm_dump_a.txt")], ctx, NullSink(), plan)
    done = [c[0] for c in calls]
    assert len(calls) > 4 and done == sorted(done) and calls[-1][2:4] == (2, 2)
    assert 0 < calls[0][0] < dump.stat().st_size  # the first piece of the big file, not the whole file


def test_meter_chunk_ends_and_offsets():
    shown = []
    m = Meter(lambda *a: shown.append(a), ["a", "b"], {"a": 100, "b": 50})
    m.planned("a", [0, 60])
    m.planned("b", [0])
    assert m.ends == {("a", 0): 60, ("a", 60): 100, ("b", 0): 50} and m.total == 150 and m.offsets["b"] == 100


def test_the_bar_draws_bytes_files_and_articles_when_forced():
    out = io.StringIO()
    p = Progress(out, mininterval=0)
    p(1_000_000, 3_000_000, 0, 2, 120)
    p(3_000_000, 3_000_000, 2, 2, 400)
    text = out.getvalue()
    assert "0/2 files, 120 articles" in text and "2/2 files, 400 articles" in text and "100%" in text
    assert "1.00M/3.00M" in text and text.endswith("\n")
    p(3_000_000, 3_000_000, 2, 2, 400)  # after the end: nothing more
    assert out.getvalue() == text


def run_on_a_pty(args, cwd):
    """The CLI with stderr on a pseudo-terminal of 120 columns; (exit code, what the terminal got)."""
    main, sub = pty.openpty()
    fcntl.ioctl(sub, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], stderr=sub, stdout=subprocess.PIPE, cwd=cwd)
    os.close(sub)
    got = b""
    while True:
        try:
            data = os.read(main, 4096)
        except OSError:  # the terminal's other end closed
            break
        if not data:
            break
        got += data
    proc.wait(timeout=300)
    os.close(main)
    return proc.returncode, got.decode("utf-8", errors="replace")


def test_a_terminal_gets_the_bar_and_quiet_or_a_pipe_do_not(tmp_path):
    dump = big_dump(tmp_path)
    args = ["audit", str(dump), "--out", str(tmp_path / "r"), "--jobs", "1", "--output-format", "none", "--no-config"]
    code, term = run_on_a_pty(args, tmp_path)
    bars = [b for b in re.split(r"[\r\n]", term) if b.startswith("audit:")]
    assert bars and "1/1 files, 200 articles" in bars[-1] and "100%" in bars[-1], term
    code, term = run_on_a_pty([*args, "-q"], tmp_path)
    assert "audit:" not in term and "articles" not in term
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True, cwd=tmp_path)
    assert "audit:" not in proc.stderr and "%|" not in proc.stderr


def test_the_library_is_not_imported_off_a_terminal(tmp_path):
    code = (
        "import sys; from click.testing import CliRunner; import cli; "
        f"CliRunner().invoke(cli.main, ['audit', {str(SAMPLES)!r}, '--out', {str(tmp_path / 'r')!r}, '--no-config']); "
        "print('tqdm' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip().splitlines()[-1] == "False", proc.stdout + proc.stderr
