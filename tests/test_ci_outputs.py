"""What CI consumes: SARIF validity and stable fingerprints, baselines, the step summary."""

import json
import subprocess
import sys

import jsonschema
import pytest
from click.testing import CliRunner

import cli
from conftest import ROOT, SAMPLES, TRAPS

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def run(*args):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def sarif_of(path, out):
    run("audit", str(path), "--out", str(out), "--format", "sarif", "--fail-on", "never")
    return json.loads((out / "audit.sarif").read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_oasis_schema(tmp_path):
    log = sarif_of(SAMPLES, tmp_path / "r")
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for r in rules:
        assert (
            r["shortDescription"]["text"]
            and r["help"]["text"]
            and r["properties"]["category"]
            and r["properties"]["severity"]
        )
    for res in run_["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        line = (
            (SAMPLES / res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].split("/")[-1])
            .read_text(encoding="utf-8")
            .splitlines()[region["startLine"] - 1]
        )
        term = line[region["startColumn"] - 1 : region["endColumn"] - 1]
        assert term and term in res["message"]["text"]


def test_every_finding_is_in_one_result(tmp_path):
    # Findings on one span share a result (tests/test_sarif.py); none is lost.
    run("audit", str(SAMPLES), "--out", str(tmp_path / "r"), "--format", "json,sarif", "--fail-on", "never")
    data = json.loads((tmp_path / "r" / "audit.json").read_text())
    n = sum(len(a["findings"]) for d in data["documents"] for a in d["articles"])
    results = json.loads((tmp_path / "r" / "audit.sarif").read_text())["runs"][0]["results"]
    assert sum(len(r["properties"]["rules"]) for r in results) == n


def test_fingerprints_survive_lines_inserted_above(tmp_path):
    text = (TRAPS / "body_furniture.txt").read_text(encoding="utf-8")
    a, b = tmp_path / "a" / "dump.txt", tmp_path / "b" / "dump.txt"
    a.parent.mkdir(), b.parent.mkdir()
    a.write_text(text, encoding="utf-8")
    b.write_text(
        "An unrelated opening paragraph that was added later, long enough to read as body text.\n\n" + text,
        encoding="utf-8",
    )
    fa = {
        (r["ruleId"], r["partialFingerprints"]["headlineAuditor/v1"])
        for r in sarif_of(a, tmp_path / "ra")["runs"][0]["results"]
    }
    fb = {
        (r["ruleId"], r["partialFingerprints"]["headlineAuditor/v1"])
        for r in sarif_of(b, tmp_path / "rb")["runs"][0]["results"]
    }
    assert fa == fb and len(fa) >= 2
    lines_a = {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in sarif_of(a, tmp_path / "ra")["runs"][0]["results"]
    }
    lines_b = {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in sarif_of(b, tmp_path / "rb")["runs"][0]["results"]
    }
    assert lines_b == {n + 2 for n in lines_a}


def test_baseline_keeps_old_findings_from_failing_and_new_ones_still_fail(tmp_path):
    dump = tmp_path / "dump.txt"
    dump.write_text((TRAPS / "truncated.txt").read_text(encoding="utf-8"), encoding="utf-8")
    base = tmp_path / "baseline.json"
    assert run("baseline", "create", str(dump), "--output", str(base)).exit_code == 0
    assert json.loads(base.read_text())["findings"]
    res = run("audit", str(dump), "--out", str(tmp_path / "r"), "--baseline", str(base))
    assert res.exit_code == 0
    note = next((tmp_path / "r" / "dump").glob("*.md")).read_text()
    assert "high (known)" in note
    dump.write_text(
        dump.read_text(encoding="utf-8")
        + "\nBeast seizes the port in{}Basra\n\nMilitia seizes the port in Basra\n\nGunmen took over the port on Friday, officials said in a statement.\n".format(
            "\u00a0"
        ),
        encoding="utf-8",
    )
    res = run("audit", str(dump), "--out", str(tmp_path / "r"), "--baseline", str(base), "--format", "sarif")
    assert res.exit_code == 1
    states = {
        r["baselineState"] for r in json.loads((tmp_path / "r" / "audit.sarif").read_text())["runs"][0]["results"]
    }
    assert states == {"new", "unchanged"}


def test_baseline_create_never_overwrites_a_foreign_file(tmp_path):
    mine = tmp_path / "notes.json"
    mine.write_text('{"mine": true}')
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "baseline", "create", str(TRAPS), "-o", str(mine)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "not overwritten" in proc.stderr
    assert mine.read_text() == '{"mine": true}'


def test_a_broken_baseline_is_a_one_line_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{nope")
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(TRAPS),
            "--out",
            str(tmp_path / "r"),
            "--baseline",
            str(bad),
        ],
        capture_output=True,
        text=True,
    )
    assert (
        proc.returncode == 2
        and proc.stderr.startswith(f"error: {bad}: not a baseline file")
        and "Traceback" not in proc.stderr
    )


def test_summary_is_appended_not_overwritten(tmp_path):
    summary = tmp_path / "step.md"
    summary.write_text("earlier step\n")
    res = run("audit", str(SAMPLES), "--out", str(tmp_path / "r"), "--summary", str(summary))
    assert res.exit_code == 1
    text = summary.read_text()
    assert text.startswith("earlier step\n## Headline audit")
    assert "| high | 10 |" in text and "failed: 10 finding(s) at or above high" in text
    assert "farm\\_dump\\_a/01-beast-of-the-seas-envoy" in text


@pytest.mark.parametrize("fail_on, code", [("info", 1), ("medium", 1), ("high", 1), ("never", 0)])
def test_fail_on_levels(tmp_path, fail_on, code):
    assert run("audit", str(SAMPLES), "--out", str(tmp_path / "r"), "--fail-on", fail_on).exit_code == code
