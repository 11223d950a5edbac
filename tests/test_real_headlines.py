"""Floors on real edited headlines (humicroedit-train, issue 15), when ../shared/real is present."""

import re
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

HUM = SHARED / "real" / "humicroedit-train"
VARIATIONS = ("plain", "tagline", "truncated", "control")


@pytest.fixture(scope="module")
def score(tmp_path_factory):
    if not (HUM / "dumps").is_dir() or not (HUM / "score_real.py").is_file():
        pytest.skip(f"no humicroedit-train dev set at {HUM} (it lives beside the repository, not in it)")
    out = tmp_path_factory.mktemp("hum")
    cmd = [sys.executable, str(ROOT / "cli.py"), "audit", str(HUM / "dumps"), "--out", str(out)]
    subprocess.run([*cmd, "--format", "json", "--fail-on", "never", "-q"], check=True, timeout=900)
    scorer = [sys.executable, str(HUM / "score_real.py"), str(out / "audit.json"), str(HUM / "gold.json")]
    return subprocess.run(scorer, capture_output=True, text=True, check=True).stdout


def table(text):
    """{metric: {column: value}} from score_real.py's first table."""
    lines = text.splitlines()
    columns = lines[0].split()[1:]
    rows = {}
    for line in lines[1:]:
        name, *cells = line.split() or [""]
        if len(cells) != len(columns):
            break  # the table ends where the lines stop having a cell per column
        rows[name] = {c: (None if v == "n/a" else float(v)) for c, v in zip(columns, cells, strict=True)}
    return rows


def test_headlines_found_and_paired_in_every_variation_but_no_original(score):
    rows = table(score)
    for v in VARIATIONS:
        assert rows["headlines_found"][v] >= 0.98, (v, rows["headlines_found"])
        assert rows["pairs"][v] >= 0.98, (v, rows["pairs"])


def test_inserted_terms_controls_and_spurious_headlines(score):
    rows = table(score)
    assert rows["inserted_exact"]["edited"] >= 0.97
    assert rows["controls_clean"]["all"] >= 0.99
    spurious = int(re.search(r"spurious_headlines: (\d+)", score).group(1))
    assert spurious <= 0.01 * rows["n"]["all"]
