"""The quick exit (auditor/commands/quick_exit.py) loses nothing an ordinary exit keeps."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import CLI, ROOT, TRAPS

# The same command line (named as cli.py, as click reads its name from argv), ended by an
# ordinary interpreter exit.
ORDINARY = [
    sys.executable,
    "-c",
    f"import sys; sys.argv[0] = {str(ROOT / 'cli.py')!r}; sys.path.insert(0, {str(ROOT)!r}); import cli; cli.main()",
]


# stdout buffered, as it is for most users (this machine sets PYTHONUNBUFFERED): output the
# quick exit failed to flush would be missing.
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _run(cmd: list[str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*cmd, *args], capture_output=True, timeout=120, check=False, env=BUFFERED)


def _reports(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "args",
    [
        ["--fail-on", "high"],  # findings on stdout, exit status 1
        ["--fail-on", "never", "--format", "json,sarif,csv,md", "--output-format", "json", "--jobs", "2"],
        ["--verify", "--fail-on", "never", "-q"],
    ],
    ids=["text", "all-formats-jobs-2", "quiet"],
)
def test_same_output_status_and_reports_as_an_ordinary_exit(tmp_path, args):
    quick_out, ordinary_out = tmp_path / "quick", tmp_path / "ordinary"
    quick = _run(CLI, "audit", str(TRAPS), "--no-config", "--out", str(quick_out), *args)
    ordinary = _run(ORDINARY, "audit", str(TRAPS), "--no-config", "--out", str(ordinary_out), *args)
    assert quick.returncode == ordinary.returncode
    assert _as_ordinary(quick.stdout, quick_out, ordinary_out) == ordinary.stdout
    assert _as_ordinary(quick.stderr, quick_out, ordinary_out) == ordinary.stderr
    assert (quick.stdout or quick.stderr) or "-q" in args  # what was printed was flushed
    assert _reports(quick_out) == _reports(ordinary_out)


def _as_ordinary(output: bytes, quick_out: Path, ordinary_out: Path) -> bytes:
    """The output with the quick run's --out folder named as the ordinary run's."""
    return output.replace(str(quick_out).encode(), str(ordinary_out).encode())


def test_a_usage_error_keeps_its_status_and_message(tmp_path):
    quick = _run(CLI, "audit", "--no-such-option")
    ordinary = _run(ORDINARY, "audit", "--no-such-option")
    assert quick.returncode == ordinary.returncode == 2
    assert quick.stderr == ordinary.stderr


def _program(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """A click command run through run_and_exit, in its own process."""
    script = tmp_path / "prog.py"
    head = (
        "import atexit, sys, threading, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import click\n"
        "from auditor.commands.quick_exit import run_and_exit\n"
        f"MARK = {str(tmp_path / 'mark')!r}\n"
        "@click.command()\n"
        "def command():\n"
    )
    script.write_text(head + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\nrun_and_exit(command)\n")
    return subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False, env=BUFFERED
    )


def test_exit_handlers_run_and_output_is_flushed(tmp_path):
    done = _program(
        tmp_path,
        """
        atexit.register(lambda: open(MARK, "w").write("handler ran"))
        sys.stdout.write("no newline, still buffered")
        sys.exit(3)
        """,
    )
    assert done.returncode == 3
    assert done.stdout == "no newline, still buffered"
    assert (tmp_path / "mark").read_text() == "handler ran"


def test_a_running_thread_is_waited_for(tmp_path):
    # A thread that is not a daemon keeps an ordinary process alive until it ends: so here.
    done = _program(
        tmp_path,
        """
        def late():
            time.sleep(0.3)
            open(MARK, "w").write("thread finished")
        threading.Thread(target=late).start()
        """,
    )
    assert done.returncode == 0
    assert (tmp_path / "mark").read_text() == "thread finished"


def test_a_message_instead_of_a_status_is_printed(tmp_path):
    done = _program(tmp_path, 'sys.exit("gave up: reasons")')
    assert done.returncode == 1
    assert done.stderr.strip() == "gave up: reasons"


def test_python_dash_m_exits_the_same_way(tmp_path):
    quick_out, ordinary_out = tmp_path / "quick", tmp_path / "ordinary"
    quick = _run([sys.executable, "-m", "auditor"], "audit", str(TRAPS), "--no-config", "--out", str(quick_out))
    ordinary = _run(ORDINARY, "audit", str(TRAPS), "--no-config", "--out", str(ordinary_out))
    assert quick.returncode == ordinary.returncode
    assert _as_ordinary(quick.stdout, quick_out, ordinary_out) == ordinary.stdout
    # click names the program "auditor" under -m, "cli.py" otherwise: compared past the usage line.
    assert _reports(quick_out) == _reports(ordinary_out)


@pytest.mark.parametrize("closed", [1, 2], ids=["stdout", "stderr"])
@pytest.mark.parametrize("args", [["--version"], ["audit", "--no-such-option"]], ids=["version", "usage-error"])
def test_a_closed_stream_gives_the_ordinary_status(closed, args):
    # A closed descriptor leaves sys.stdout or sys.stderr None: the ordinary exit copes with that.
    def run(cmd: list[str]) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [*cmd, *args], capture_output=False, stdout=subprocess.DEVNULL if closed == 2 else None,
            stderr=subprocess.DEVNULL if closed == 1 else None, timeout=60, check=False, env=BUFFERED,
            preexec_fn=lambda: os.close(closed),
        )  # fmt: skip

    assert run(CLI).returncode == run(ORDINARY).returncode


def test_a_full_disk_on_stdout_gives_the_ordinary_status_and_message(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    outcomes = []
    for cmd in (CLI, ORDINARY):
        with open("/dev/full", "wb") as full:
            done = subprocess.run(
                [*cmd, "rules", "list"], stdout=full, stderr=subprocess.PIPE, timeout=60, check=False, env=BUFFERED
            )
        outcomes.append((done.returncode, done.stderr))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] != 0


def test_a_profiler_still_writes_its_file(tmp_path):
    # python -m cProfile writes its output after the program returns: no quick exit under it.
    stats = tmp_path / "run.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats), str(ROOT / "cli.py"), "--version"],
        capture_output=True, timeout=60, check=False, env=BUFFERED,
    )  # fmt: skip
    assert done.returncode == 0
    assert stats.stat().st_size > 0


def test_what_exit_handlers_print_is_flushed(tmp_path):
    done = _program(tmp_path, 'atexit.register(lambda: sys.stdout.write("said at exit"))')
    assert done.returncode == 0
    assert done.stdout == "said at exit"
