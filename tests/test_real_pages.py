"""Floors on the real pages of ../shared/real/aeb-dev (skipped when that folder is absent).

The issue's acceptance, scored by the data's own scripts: story F1 >= 0.93 with no page left
empty, at most 5% of the unaltered pages with a medium+ finding, the farm copies paired on at
least 90% of the pages of each variant (none reversed), "no original" said where none survives,
and the control copies paired on at least 95%.
"""

import re
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

AEB = SHARED / "real" / "aeb-dev"
pytestmark = pytest.mark.slow


def audit(folder, out):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(folder), "--out", str(out)]
        + ["--format", "json", "--fail-on", "never", "-q"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return out / "audit.json"


def score(script, *args):
    cmd = [sys.executable, "-B", str(AEB / script), *map(str, args), "--brief"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=300).stdout


def fraction(line, key):
    got, n = re.search(rf"\b{key} (\d+)/(\d+)", line).groups()
    return int(got) / int(n)


@pytest.fixture(scope="module")
def aeb():
    if not (AEB / "score_body.py").is_file():
        pytest.skip(f"no real pages at {AEB} (they live beside the repository, not in it)")
    return AEB


def test_story_and_quiet_on_unaltered_pages(aeb, tmp_path):
    out = score("score_body.py", audit(aeb / "html", tmp_path / "r"), aeb / "ground-truth.json")
    body, alarms = out.splitlines()[:2]
    assert float(re.search(r"F1 ([\d.]+)", body).group(1)) >= 0.93, body
    assert " empty 0/" in body, body
    assert fraction(alarms, "medium\\+ finding") <= 0.05, alarms


def test_farm_copies_are_paired_wherever_the_real_headline_survives(aeb, tmp_path):
    out = score("score_farm.py", audit(aeb / "farm" / "html", tmp_path / "r"), aeb / "farm" / "gold.json")
    rows = {line.split()[1]: line for line in out.splitlines() if line.startswith("farm ")}
    for variant in "abcde":  # e: "no original" is the right pair
        line = rows[variant]
        assert fraction(line, "pair") >= 0.9 and fraction(line, "category") >= 0.9, line
        assert fraction(line, "reversed") == 0, line


def test_control_copies_keep_the_real_headline_in_the_h1(aeb, tmp_path):
    out = score(
        "score_farm.py", audit(aeb / "farm_control" / "html", tmp_path / "r"), aeb / "farm_control" / "gold.json"
    )
    line = next(line for line in out.splitlines() if line.startswith("farm ctl"))
    assert fraction(line, "pair") >= 0.95 and fraction(line, "category") >= 0.95, line
    assert fraction(line, "reversed") == 0, line
