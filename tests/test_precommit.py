"""The pre-commit hook: one process, a report folder of its own per run, the findings printed."""

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES

yaml = pytest.importorskip("yaml")
HOOK = [sys.executable, "-m", "auditor.commands.hook"]


def test_the_manifest_asks_for_one_process_and_no_fixed_report_folder():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "headline-audit" and hook["require_serial"] is True and hook["language"] == "python"
    assert hook["entry"].startswith("python -m auditor.commands.hook") and "--out" not in hook["entry"]
    if shutil.which("pre-commit"):
        subprocess.run(["pre-commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], check=True)


def test_runs_at_the_same_time_each_get_complete_reports_and_leave_nothing(tmp_path):
    work = tmp_path / "work"
    (work / "seeds").mkdir(parents=True)
    (work / ".git").mkdir()
    for k in range(6):
        src = SAMPLES / ("farm_dump_a.txt" if k % 2 else "farm_dump_b.txt")
        shutil.copy(src, work / "seeds" / f"copy {k}.txt")
    files = sorted(str(p.relative_to(work)) for p in (work / "seeds").iterdir())
    env_cwd = {"cwd": work, "capture_output": True, "text": True}
    batches = [files[:3], files[3:], files]  # as pre-commit would split them, run at once
    procs = [
        subprocess.Popen(
            [*HOOK, "--fail-on", "high", *b], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=work
        )
        for b in batches
    ]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
    for (code, out, err), batch in zip(results, batches, strict=True):
        assert code == 1, err  # farm_dump_a carries high findings
        assert f"{len(batch)} file(s)" in out and "finding(s) at or above high" in out
        assert "error" not in err and "to read the notes" in err
    assert sorted(p.name for p in work.iterdir()) == [".git", "seeds"]  # nothing written in the work tree
    (work / "clean.txt").write_text(
        "Minister visits Basra port\n\nThe minister toured the port on Monday, officials said.\n"
    )
    clean = subprocess.run([*HOOK, "--fail-on", "high", "clean.txt"], **env_cwd)
    assert clean.returncode == 0 and "to read the notes" not in clean.stderr
    bad = subprocess.run([*HOOK, "--fail-on", "sometimes", "seeds/copy 0.txt"], **env_cwd)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
