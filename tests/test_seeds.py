"""The real seed dumps against the hand-checked gold, with the floors the issues pin."""

import subprocess
import sys

from conftest import ROOT

FLOORS = {
    "headlines_found": 1.0,
    "pairs": 1.0,
    "inserted_terms": 0.95,
    "flag_recall": 1.0,
    "outlet_f1": 0.95,
    "outlet_role_f1": 0.85,
    "publisher": 0.85,
}


def test_scorer_floors_on_the_seeds(shared_dir, tmp_path):
    out = tmp_path / "r"
    audit = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(shared_dir / "seeds"),
            "--out",
            str(out),
            "--fail-on",
            "never",
            "-q",
        ],
        capture_output=True,
        text=True,
    )
    assert audit.returncode == 0, audit.stderr
    score = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "tools" / "score.py"),
            str(out / "audit.json"),
            str(shared_dir / "gold" / "seeds_gold.json"),
        ]
        + [a for k, v in FLOORS.items() for a in ("--min", f"{k}={v}")],
        capture_output=True,
        text=True,
    )
    metrics = dict(line.split(": ", 1) for line in score.stdout.splitlines() if ": " in line)
    assert score.returncode == 0, score.stdout
    assert float(metrics["spurious_headlines"].split()[0]) == 0.0


def test_seed_articles_all_carry_an_eschatological_finding_and_body_support_fires(shared_dir, ctx):
    from conftest import audit_file

    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        for a in audit_file(path, ctx).articles:
            cats = {f.category for f in a.findings}
            assert "eschatological" in cats, (path.name, a.altered.line)
            assert any(f.kind == "body_support" for f in a.findings), (path.name, a.altered.line)
