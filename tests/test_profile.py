"""--profile says where the time went without changing a report; --no-reuse skips fingerprints."""

import os
import subprocess
import sys
from pathlib import Path

import auditor.analysis.article as article
from auditor.analysis.laps import LAPS, STAGES, Laps, stage_table
from auditor.run.audit import AuditOptions, audit
from conftest import ROOT, SAMPLES


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", *args, "--fail-on", "never"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def reports(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_profile_prints_every_stage_and_changes_no_report(tmp_path):
    plain = run(str(SAMPLES), "--out", str(tmp_path / "a"), "--format", "md,json,sarif,csv", "-q")
    timed = run(str(SAMPLES), "--out", str(tmp_path / "b"), "--format", "md,json,sarif,csv", "-q", "--profile")
    assert plain.returncode == timed.returncode == 0, timed.stderr
    assert "stage" not in plain.stderr
    table = timed.stderr
    for stage in ("start-up", "find articles", "mark headline lines", "rules", "outlets", "publisher", "wall"):
        assert f"\n{stage} " in "\n" + table, stage
    assert reports(tmp_path / "a") == reports(tmp_path / "b")


def test_profile_sums_worker_processes(tmp_path):
    timed = run(str(SAMPLES), "--out", str(tmp_path / "b"), "--format", "json", "-q", "--jobs", "2", "--profile")
    assert timed.returncode == 0, timed.stderr
    jobs = min(2, len(os.sched_getaffinity(0)))  # --jobs is capped at the cores
    assert f"summed over {jobs + (jobs > 1)} process(es)" in timed.stderr


def test_laps_cost_nothing_when_off_and_add_up_when_on():
    laps = Laps()
    laps.start()
    laps.lap("rules")
    assert laps.take() == {}
    laps.on = True
    laps.start()
    laps.lap("rules")
    laps.lap("rules")
    laps.lap("outlets")
    got = laps.take()
    assert set(got) == {"rules", "outlets"} and all(s >= 0 for s in got.values())
    assert laps.take() == {}
    text = stage_table({"rules": 3.0, "outlets": 1.0}, wall=4.5, processes=1)
    assert "75.0%" in text and "25.0%" in text and STAGES["rules"] in text


def test_no_reuse_computes_no_fingerprints(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("paragraph fingerprints computed with reuse off")

    monkeypatch.setattr(article, "paragraph_prints", refuse)
    outcome = audit(AuditOptions(paths=[str(SAMPLES)], out=tmp_path / "r", reuse=False, jobs=1, formats=("json",)))
    assert outcome.errors == [] and outcome.stats.articles > 0
    assert not LAPS.on
