"""Issue 18: the output folder under hostile conditions (concurrent runs, read-only, full disk,
symlinks, clashing names), exit codes, and what the files written look like (mode, temp files)."""

import contextlib
import hashlib
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, TRAPS

CLI = [sys.executable, str(ROOT / "cli.py")]
GOOD = (TRAPS / "truncated.txt").read_text(encoding="utf-8")


def cli(*args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, **kw)


def one_error_line(proc: subprocess.CompletedProcess, *parts: str) -> None:
    """Exit 2 with exactly one error line holding every part; no traceback, no 'internal error'."""
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert proc.returncode == 2, proc.stderr
    assert len(errors) == 1 and all(p in errors[0] for p in parts), proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.tmp")] if root.exists() else []


@pytest.fixture
def good(tmp_path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


# -- Item 8: two runs on one --out.


def test_a_second_run_on_the_same_out_waits_and_both_finish(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import write_corpus

    corpus = tmp_path / "c.txt"
    write_corpus(corpus, 3_000_000)
    out = tmp_path / "r"
    cmd = [*CLI, "audit", str(corpus), str(SAMPLES), "--out", str(out), "--fail-on", "never", "--jobs", "1", "-q"]
    first = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not temp_files(out):  # the first run is writing
        time.sleep(0.02)
    second = subprocess.Popen(
        [c for c in cmd if c != "-q"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    errs = [p.communicate(timeout=300)[1] for p in (first, second)]
    # Before: the second run's start-up cleanup deleted the first one's temp files; it crashed.
    assert first.returncode == 0 and second.returncode == 0, errs
    assert "note: waiting for another headline-auditor run writing" in errs[1]
    assert json.loads((out / "audit.json").read_text())["documents"] and not temp_files(out)


def test_cleanup_removes_only_leftovers_of_dead_runs(tmp_path, good):
    out = tmp_path / "r"
    assert cli("audit", str(good), "--out", str(out), "--fail-on", "never").returncode == 0
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    mine = out / "good" / f".00-x.md.{os.getpid()}.abcd1234.tmp"  # this test process is alive
    gone = out / "good" / f".00-x.md.{dead.pid}.abcd1234.tmp"
    old_style = out / ".audit.json.abcd1234.tmp"  # from a version without pids in the names
    for p in (mine, gone, old_style):
        p.write_text("half a report")
    assert cli("audit", str(good), "--out", str(out), "--fail-on", "never").returncode == 0
    assert mine.exists() and not gone.exists() and not old_style.exists()


# -- Item 9: failures to write, bad config: one line naming the file or setting, exit 2.


@contextlib.contextmanager
def read_only(folder: Path):
    """A folder nobody can write in: chmod for a normal user, the immutable flag for root."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root where chattr +i is not allowed: no way to make a read-only folder")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_read_only_out_is_one_line(tmp_path, good):
    ro = tmp_path / "ro"
    ro.mkdir()
    with read_only(ro):
        one_error_line(cli("audit", str(good), "--out", str(ro)), str(ro), "cannot write")
        one_error_line(cli("audit", str(good), "--out", str(ro / "r")), str(ro / "r"), "cannot write")
    assert list(ro.iterdir()) == []


def test_full_disk_is_one_line_and_leaves_no_temp_file(tmp_path):
    # A file-size limit makes writes fail past 3 kB (EFBIG), as a full disk makes them fail (ENOSPC).
    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))

    out = tmp_path / "r"
    proc = subprocess.run(
        [*CLI, "audit", str(SAMPLES), "--out", str(out), "--fail-on", "never", "--no-reuse"],
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=120,
    )
    one_error_line(proc, str(out), "cannot write: File too large")
    assert not temp_files(out)


def test_dangling_out_symlink_is_one_line(tmp_path, good):
    (tmp_path / "out").symlink_to(tmp_path / "nowhere")
    one_error_line(cli("audit", str(good), "--out", str(tmp_path / "out")), "symbolic link to nothing")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    "setting, named",
    [
        ('format = ["md", 5]', "field 'format.1'"),
        ("format = []", "field 'format'"),
        ('format = "md,pdf"', "field 'format.1'"),
        ("out = 5", "field 'out'"),
        ('out = ""', "field 'out'"),
        ('fail_on = "bogus"', "field 'fail_on'"),
        ("jobs = 0", "field 'jobs'"),
        ("jobs = true", "field 'jobs'"),
        ('strict = "yes"', "field 'strict'"),
        ("a = " + "[" * 50_000 + "]" * 50_000, "nested too deeply"),
    ],
)
def test_bad_config_values_name_the_file_and_setting_and_exit_2(tmp_path, good, setting, named):
    (tmp_path / "auditor.toml").write_text(setting + "\n")
    for command in (["audit", str(good)], ["rules", "list"]):
        proc = cli(*command, cwd=tmp_path)
        one_error_line(proc, str(tmp_path / "auditor.toml"), named)
    assert not temp_files(tmp_path) and not (tmp_path / "reports").exists()


def test_a_pyproject_whose_table_is_not_a_table_is_one_line(tmp_path, good):
    (tmp_path / "pyproject.toml").write_text("[tool]\nheadline-auditor = 5\n")
    one_error_line(cli("audit", str(good), cwd=tmp_path), "pyproject.toml", "[tool.headline-auditor] must be a table")


# -- Item 13: the marker, the fetch cache and note folders.


@pytest.mark.parametrize("kind", ["symlink", "folder", "other text"])
def test_a_marker_we_did_not_write_does_not_make_the_folder_ours(tmp_path, good, kind):
    out = tmp_path / "r"
    out.mkdir()
    (out / "good").mkdir()
    precious = out / "good" / "00-my-own-notes.md"
    precious.write_text("the user's notes")
    marker = out / ".headline-auditor"
    if kind == "symlink":
        real = tmp_path / "elsewhere"
        real.write_text("This folder holds reports written by headline-auditor; it may rewrite them.\n")
        marker.symlink_to(real)
    elif kind == "folder":
        marker.mkdir()
    else:
        marker.write_text("mine\n")
    proc = cli("audit", str(good), "--out", str(out), "--fail-on", "never")
    # Before: taken as our folder, and the user's note removed as a note of a gone article.
    one_error_line(proc, "refusing to overwrite")
    assert precious.read_text() == "the user's notes"


def test_a_fetch_cache_symlink_never_leads_outside_out(tmp_path, good):
    out = tmp_path / "r"
    assert cli("audit", str(good), "--out", str(out), "--fail-on", "never").returncode == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    (out / ".fetch-cache").symlink_to(outside)
    proc = cli("audit", str(good), "--out", str(out), "--fail-on", "never", "--verify")
    one_error_line(proc, ".fetch-cache", "not used as the fetch cache")
    assert list(outside.iterdir()) == []


def test_two_inputs_never_share_a_note_folder(tmp_path):
    from auditor.report.paths import NotePaths

    for d in ("d1", "d2"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text(GOOD, encoding="utf-8")
    first = str(tmp_path / "d1" / "x.txt")
    # A file named after the folder d1/x.txt would get: x-<hash of its path>.
    twin = tmp_path / f"x-{hashlib.sha256(first.encode()).hexdigest()[:8]}.txt"
    twin.write_text(GOOD.replace("Cleric", "Preacher"), encoding="utf-8")
    inputs = [first, str(tmp_path / "d2" / "x.txt"), str(twin)]
    folders = [NotePaths(inputs).note(p, 0, "h").split("/")[0] for p in inputs]
    assert len(set(folders)) == 3, folders
    out = tmp_path / "r"
    proc = cli("audit", *inputs, "--out", str(out), "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    assert len(list(out.rglob("01-*.md"))) == 3  # before: two notes, one silently overwritten


# -- Item 14: exit codes.


def test_usage_and_config_errors_exit_2(tmp_path, good):
    assert cli("audit", str(good), "--fail-on", "bogus").returncode == 2
    assert cli("audit").returncode == 2
    assert cli("no-such-command").returncode == 2
    (tmp_path / "auditor.toml").write_text("colour = 'red'\n")
    one_error_line(cli("audit", str(good), cwd=tmp_path), "unknown setting(s): colour")


def test_ctrl_c_exits_130_and_leaves_no_temp_file(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import write_corpus

    corpus = tmp_path / "c.txt"
    write_corpus(corpus, 20_000_000)
    out = tmp_path / "r"
    # Its own process group, as a terminal's Ctrl-C reaches the main process and its workers.
    proc = subprocess.Popen(
        [*CLI, "audit", str(corpus), "--out", str(out), "--jobs", "2", "-q"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not temp_files(out):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    # Before: exit 1 and "Aborted!", and a traceback from each worker.
    assert proc.returncode == 130 and err.strip() == "interrupted", err
    assert not temp_files(out)


# -- Item 15: reports honour the umask.


def test_reports_honour_the_umask(tmp_path, good):
    out = tmp_path / "r"
    proc = subprocess.run(
        [*CLI, "audit", str(good), "--out", str(out), "--format", "md,json,sarif,csv", "--fail-on", "never"],
        capture_output=True,
        preexec_fn=lambda: os.umask(0o027),
        timeout=120,
    )
    assert proc.returncode == 0
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) >= 5
    # Before: 0600 from mkstemp whatever the umask.
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o640}
