"""Report bytes: golden files, escaping of hostile text, and byte-identical reruns."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.text.markdown import md
from conftest import ROOT, audit_text, report_files

GOLDEN = ROOT / "tests" / "golden" / "samples"


def audit_samples(repo: Path, seed: str = "0") -> dict[str, bytes]:
    """The samples audited as the committed reports/ are: inside a git repository (a copy, so
    notes link their lines to ../../samples/...), from its top, into reports/."""
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(ROOT / "samples", repo / "samples")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", "samples", "--out", "reports", "--fail-on", "never", "-q"],
        cwd=repo,
        env=env,
        check=True,
    )
    out = repo / "reports"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_golden_notes_for_the_samples(tmp_path, request):
    got = audit_samples(tmp_path / "r")
    got.pop(".headline-auditor")
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN)
        for rel, data in got.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
        pytest.skip("golden files rewritten; review the diff")
    want = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    assert sorted(got) == sorted(want)
    for rel in want:
        assert got[rel] == want[rel], f"{rel} differs from its golden file (rerun with --update-golden and review)"


def test_reruns_are_byte_identical_across_hash_seeds(tmp_path):
    assert audit_samples(tmp_path / "a", "1") == audit_samples(tmp_path / "b", "4242")


HOSTILE = "Antichrist | **bold** <script>alert(1)</script> [x](javascript:alert(1)) `code` ~~s~~ \x1b[31m"


def test_markdown_escaping_blocks_markup():
    out = md(HOSTILE)
    for raw in ("<script>", "**bold**", "](javascript:", "`code`", "~~s~~", "\x1b", " | "):
        assert raw not in out
    assert "&lt;script&gt;" in out and "\\|" in out and "\u241b" in out


def test_hostile_headline_cannot_break_a_note_table(ctx):
    text = f"{HOSTILE} visits Najaf\n\nSadr visits Najaf\n\nThe cleric visited Najaf on Monday and met local officials there.\n"
    doc = audit_text(text, ctx, name="h|ostile.txt")
    files = report_files([doc])
    import json

    assert json.loads(files["audit.json"])["documents"][0]["articles"][0]["altered"]["text"].startswith("Antichrist |")
    json.loads(files["audit.sarif"])
    note = next(v for k, v in files.items() if k.endswith(".md") and k != "index.md")
    for line in note.splitlines():
        if line.startswith("| altered"):
            assert line.count(" | ") == 2 and line.endswith(" |")  # still exactly three cells
    assert "<script>" not in note and "](javascript:" not in note
    assert all(".." not in k and not k.startswith("/") for k in files)
