"""Issue 18: inputs that hang a run or cost without bound, and runs that outlive their parent."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.ingest.sources import open_source
from conftest import ROOT, TRAPS

GOOD = (TRAPS / "truncated.txt").read_text(encoding="utf-8")
CLI = [sys.executable, str(ROOT / "cli.py")]


def cli(*args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, **kw)


def errors_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


needs_fifo = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero"
)


@needs_fifo
def test_fifo_and_devices_are_refused_and_the_rest_is_audited(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(d / "pipe.txt")
    os.mkfifo(d / "pipe.html")
    os.symlink("/dev/zero", d / "zero.txt")
    named = [str(d / "pipe.txt"), str(d / "zero.txt"), "/dev/urandom", str(d / "pipe.html"), str(d / "good.txt")]
    proc = cli("audit", *named, "--out", str(tmp_path / "r"), "--fail-on", "never", "--format", "json", timeout=60)
    errors = errors_of(proc.stderr)
    assert proc.returncode == 2 and len(errors) == 4, proc.stderr
    assert "pipe.txt: is a FIFO (named pipe), not a regular file" in errors[0]
    assert "zero.txt: is a character device" in errors[1] and "/dev/urandom: is a character device" in errors[2]
    docs = json.loads((tmp_path / "r" / "audit.json").read_text())["documents"]
    assert [Path(x["path"]).name for x in docs] == ["good.txt"] and len(docs[0]["articles"]) == 1
    # The same inside a folder: each special file named once, the good one audited.
    proc = cli("audit", str(d), "--out", str(tmp_path / "r2"), "--fail-on", "never", "--format", "json", timeout=60)
    errors = errors_of(proc.stderr)
    assert proc.returncode == 2 and len(errors) == 3 and all("not a regular file" in e for e in errors), proc.stderr
    assert len(json.loads((tmp_path / "r2" / "audit.json").read_text())["documents"]) == 1


@needs_fifo
def test_a_fifo_swapped_in_after_discovery_does_not_block(tmp_path):
    # open_source itself refuses: the check and the read are about the same open file.
    os.mkfifo(tmp_path / "late.txt")
    outcome: list[BaseException] = []

    def attempt():
        try:
            open_source(tmp_path / "late.txt")
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    t = threading.Thread(target=attempt, daemon=True)
    t.start()
    t.join(10)
    assert not t.is_alive(), "opening a FIFO blocked"
    assert isinstance(outcome[0], InputError) and "FIFO" in str(outcome[0])


# -- Items 2 and 3: planning reads bounded windows; one huge line or millions of tiny ones stay cheap.


class CountingReader:
    """A file wrapper that records how many bytes were asked for, and the biggest single read."""

    def __init__(self, fh):
        self.fh, self.total, self.biggest = fh, 0, 0

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        self.biggest = max(self.biggest, len(data))
        return data

    def read(self, n=-1):
        return self._count(self.fh.read(n))

    def readline(self, n=-1):
        return self._count(self.fh.readline(n))

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


def test_planning_a_huge_line_reads_each_byte_once_in_small_pieces(tmp_path, monkeypatch):
    from auditor.analysis.segment import is_cut_point
    from auditor.ingest import chunks
    from auditor.ingest.files import open_input

    p = tmp_path / "huge.txt"
    body = (
        "The minister toured the port on Monday and met officials there, his office said. "
        "Dock workers had stopped work a week before over unpaid wages and the heat in the sheds. "
        "Their union said talks would go on, and that no ship had been loaded since the strike began. "
        "Exporters said the delay was costing them dearly.\n"
    )
    reps = 5_000  # about 1.6 MB of cuttable lines on each side of the long one
    with p.open("w", encoding="utf-8") as fh:
        fh.write(body * reps)
        fh.write("x" * 12_000_000 + "\n")  # one 12 MB line
        fh.write(body * reps)
    readers: list[CountingReader] = []

    def counting_open(path):
        readers.append(CountingReader(open_input(path)))
        return readers[-1]

    monkeypatch.setattr(chunks, "open_input", counting_open)
    cuts = chunks.plan(str(p), "utf-8", is_cut_point, target=1 << 20)
    size = p.stat().st_size
    # Looking for cuts reads each byte once, counting lines before them once more; never a whole line.
    assert readers[0].biggest <= max(chunks.CANDIDATE_BYTES, chunks.READ_BLOCK_BYTES) < 12_000_000
    assert readers[0].total <= 2 * size
    # The short lines around the long one are still cut: before it, and right after its end.
    long_start, long_end = len(body) * reps, len(body) * reps + 12_000_001
    assert any(c.start_byte < long_start for c in cuts[1:]) and any(c.start_byte == long_end for c in cuts)
    # Every cut starts a line the reader may cut at (running text).
    data = p.read_bytes()
    for c in cuts[1:]:
        assert data[c.start_byte - 1 : c.start_byte] == b"\n"
        assert data.count(b"\n", 0, c.start_byte) == c.start_line


def test_released_lines_stay_released_whatever_the_buffer_does():
    from auditor.ingest.lines import LINE_COST, LazyLines

    lines = LazyLines([[str(k) for k in range(5000)], [str(k) for k in range(5000, 10_000)]])
    assert lines[9_999] == "9999"
    lines.release(10)
    with pytest.raises(IndexError):
        lines[9]
    assert lines[10] == "10"
    lines.release(9000)  # past the batch size: the front of the buffer is dropped
    with pytest.raises(IndexError):
        lines.span(8999, 9001)
    assert lines.span(9000, 9002) == ["9000", "9001"] and lines[9_999] == "9999"
    assert lines.buffered_chars() == sum(len(str(k)) + LINE_COST for k in range(9000, 10_000))
    assert len(lines) == 10_000


FLOOR = "import sys\nn = 0\nfor line in open(sys.argv[1], encoding='utf-8'):\n    n += len(line.split())\n"
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.monotonic()\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
    "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode)\n"
    "sys.stdout.write(p.stderr)\n"
)
RSS_LIMIT_MB = 200


def measured(args: list[str], timeout: float = 900) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB of the process tree's largest member, exit code, stderr)."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, timeout=timeout)
    first, _, stderr = out.stdout.partition("\n")
    seconds, rss, rc = first.split()
    return float(seconds), float(rss), int(rc), stderr


def near_the_floor(path: Path, out: Path) -> tuple[float, float, float, str]:
    floor, _, _, _ = measured([sys.executable, "-c", FLOOR, str(path)])
    ours, rss, rc, stderr = measured(
        [*CLI, "audit", str(path), "--out", str(out), "--format", "json", "--fail-on", "never"]
    )
    assert rc == 0, stderr
    return floor, ours, rss, stderr


@pytest.mark.slow
def test_a_300_megabyte_line_costs_about_what_reading_it_does(tmp_path):
    p = tmp_path / "line.txt"
    with p.open("w") as fh:
        fh.write("Antichrist visits Basra port\n\nMinister visits Basra port\n\n")
        for _ in range(300):
            fh.write("x" * 1_000_000)
        fh.write("\n")
    floor, ours, rss, stderr = near_the_floor(p, tmp_path / "r")
    # Before: 50 s and 560 MB (the planner read the line again for every 2 MB goal).
    assert ours < 5 * floor + 10, (floor, ours)
    assert rss < RSS_LIMIT_MB, rss
    assert "line longer than 1,000,000 characters" in stderr


@pytest.mark.slow
def test_twenty_million_one_character_lines_cost_about_what_reading_them_does(tmp_path):
    p = tmp_path / "tiny.txt"
    with p.open("w") as fh:
        for _ in range(20):
            fh.write("a\n" * 1_000_000)
    floor, ours, rss, _ = near_the_floor(p, tmp_path / "r")
    # Before: 51 s and 786 MB (every line kept, and released one at a time from a list's head).
    assert ours < 5 * floor + 10, (floor, ours)
    assert rss < RSS_LIMIT_MB, rss


@pytest.mark.slow
def test_a_two_gigabyte_sparse_line_ends_and_stays_small(tmp_path):
    p = tmp_path / "sparse.txt"
    with p.open("wb") as fh:
        fh.write(b"Antichrist visits Basra port\n\nMinister visits Basra port\n\n")
        fh.write(b"The minister toured the port on Monday, his office said. " + b"word " * 20_000)
        fh.truncate(2 << 30)  # a sparse tail: one line of NULs to the end
    seconds, rss, rc, stderr = measured(
        [*CLI, "audit", str(p), "--out", str(tmp_path / "r"), "--format", "json", "--fail-on", "never"], timeout=600
    )
    # Before: no end, and over 4 GB RSS (the planner's readline() of the whole tail, again and again).
    assert rc == 0 and "NUL bytes removed" in stderr, stderr
    assert rss < RSS_LIMIT_MB, rss
    assert json.loads((tmp_path / "r" / "audit.json").read_text())["documents"][0]["articles"]


# -- Items 4 and 5: processes are capped at the cores and end with the run.


def test_jobs_are_capped_at_the_cores_on_the_command_line_and_in_the_config(tmp_path, monkeypatch):
    from auditor.run.pool import default_jobs

    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    cores = default_jobs()
    proc = cli("audit", str(good), "--jobs", "100000", "--out", str(tmp_path / "r"), "--fail-on", "never", "--strict")
    note = f"note: --jobs (or jobs in the config) 100000 asks for more processes than the {cores} core(s)"
    assert proc.returncode == 0 and note in proc.stderr and f"using {cores}" in proc.stderr, proc.stderr
    (tmp_path / "auditor.toml").write_text("jobs = 100000\n")
    proc = cli("audit", str(good), "--out", str(tmp_path / "r2"), "--fail-on", "never", cwd=tmp_path)
    assert proc.returncode == 0 and note in proc.stderr, proc.stderr


def test_capped_jobs_says_so_only_when_it_caps():
    from auditor.run.pool import capped_jobs, default_jobs

    cores = default_jobs()
    assert capped_jobs(None) == (cores, None) and capped_jobs(1) == (1, None)
    n, note = capped_jobs(cores + 1)
    assert n == cores and note and str(cores + 1) in note


def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``, from /proc."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.add(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc (Linux)")
def test_workers_exit_when_the_main_process_is_killed(tmp_path):
    import signal
    import time

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import write_corpus

    corpus = tmp_path / "big.txt"
    write_corpus(corpus, 40_000_000)
    proc = subprocess.Popen(
        [*CLI, "audit", str(corpus), "--jobs", "2", "--out", str(tmp_path / "r"), "--format", "json", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
            workers = children_of(proc.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the workers never started"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(alive(w) for w in workers):
            time.sleep(0.1)
        # Before: the workers went on auditing, orphaned, holding the run's stdout and stderr.
        assert not any(alive(w) for w in workers)
    finally:  # never leave a worker of this test behind, whatever failed
        proc.kill()
        for w in workers:
            if alive(w) and str(corpus).encode() in Path(f"/proc/{w}/cmdline").read_bytes():
                os.kill(w, signal.SIGKILL)


def test_a_worker_whose_parent_is_gone_exits(tmp_path):
    # exit_with_parent in a process whose "main" is already gone ends it at once, whatever the platform.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from auditor.run.pool import exit_with_parent\n"
        "exit_with_parent(2 ** 22 + 12345)\n"  # above the default pid_max: no such process
        "print('survived')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "survived" not in proc.stdout


# -- Item 16: an input that changes while it is read is said to have changed.


class ChangingSink:
    """A sink that appends to the input as soon as its first result arrives (after it was opened)."""

    def __init__(self, change: bool):
        self.change, self.warnings, self.articles = change, [], 0

    def begin_document(self, doc):
        if self.change:
            with open(doc.path, "a", encoding="utf-8") as fh:
                fh.write("\nA line written while the audit was reading the file.\n")

    def article(self, rec):
        self.articles += 1

    def end_document(self, line_count, warnings):
        self.warnings += warnings

    def finish(self, errors, links):
        return None


@pytest.mark.parametrize("change", [True, False])
def test_an_input_that_changes_while_read_is_warned_about(tmp_path, ctx, change):
    from auditor.run.runner import run_audit

    p = tmp_path / "moving.txt"
    p.write_text(GOOD, encoding="utf-8")
    sink = ChangingSink(change)
    result = run_audit([str(p)], ctx, sink)
    said = [w for w in result.warnings if "changed while it was being read" in w]
    # Before: audited with the sha256 of one version and the lines of another, silently.
    assert sink.articles == 1 and len(said) == (1 if change else 0), result.warnings
    assert said == [w for w in sink.warnings if "changed while" in w]


def test_an_html_page_that_changes_while_read_is_warned_about(tmp_path, ctx):
    from auditor.run.runner import run_audit

    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Antichrist visits Basra port</title></head><body><h1>Minister visits Basra port</h1>"
        "<p>The minister toured the port on Monday and met officials there, his office said.</p></body></html>",
        encoding="utf-8",
    )
    result = run_audit([str(p)], ctx, ChangingSink(True))
    assert any("page.html: changed while it was being read" in w for w in result.warnings), result.warnings
