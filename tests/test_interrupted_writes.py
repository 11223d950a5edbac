"""Ctrl-C (or any error) at any point of writing leaves no temp file and the old report intact.

The signal lands wherever the interpreter happens to be: these tests raise KeyboardInterrupt at
the points a loaded machine showed it landing (the report streams open before the run starts,
the first line of the commit) instead of hoping to hit them with a real signal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import auditor.run.audit as run_audit
import auditor.writer as writer
from auditor.run.audit import AuditOptions, audit
from conftest import SAMPLES


def leftovers(root: Path) -> list[Path]:
    return sorted(root.rglob("*.tmp"))


def interrupt(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt


def test_atomic_write_interrupted_at_the_commit_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(writer, "_commit", interrupt)
    with pytest.raises(KeyboardInterrupt):
        writer.atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n" and leftovers(tmp_path) == []


def test_a_stream_interrupted_at_its_end_is_dropped_by_abandon(tmp_path, monkeypatch):
    target = writer.DirectoryTarget(tmp_path / "r", [], set())
    target.begin("audit.json")
    target.add("audit.json", "{")
    assert len(leftovers(tmp_path)) == 1
    monkeypatch.setattr(writer, "_commit", interrupt)
    with pytest.raises(KeyboardInterrupt):
        target.end("audit.json")
    target.abandon()
    assert leftovers(tmp_path) == [] and not (tmp_path / "r" / "audit.json").exists()


def test_an_interrupt_before_the_run_starts_still_removes_the_open_streams(tmp_path, monkeypatch):
    out = tmp_path / "r"
    # Before: the reports' streams were opened outside the run's try, and a Ctrl-C while the
    # reuse index was being made left .audit.json.*.tmp behind.
    monkeypatch.setattr(run_audit, "ReuseIndex", interrupt)
    with pytest.raises(KeyboardInterrupt):
        audit(AuditOptions(paths=[str(SAMPLES)], out=out, jobs=1, formats=("md", "json", "sarif", "csv")))
    assert leftovers(out) == []


def test_abandon_removes_this_process_temp_files_that_nothing_guarded(tmp_path):
    # Ctrl-C right after mkstemp returns, before any try: the file exists and no handler knows it.
    target = writer.DirectoryTarget(tmp_path / "r", [], {"notes"})
    (tmp_path / "r" / "notes").mkdir()
    ours = tmp_path / "r" / "notes" / f"{writer.temp_prefix('a.md')}abcd1234.tmp"
    other = tmp_path / "r" / "notes" / ".b.md.1.abcd1234.tmp"  # pid 1 is alive: another run's
    ours.write_text("half", encoding="utf-8")
    other.write_text("theirs", encoding="utf-8")
    target.abandon()
    assert not ours.exists() and other.exists()
