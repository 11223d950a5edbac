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
