"""SARIF for code scanning: repository-relative names however the input is typed, one result
per flagged span, the run's errors and warnings as tool notifications, stable fingerprints."""

import json
import shutil
import subprocess

import jsonschema
import pytest
from click.testing import CliRunner

import cli
from auditor.ingest.repo import SourceRoot, git_top_level
from conftest import ROOT, SAMPLES

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif(monkeypatch, cwd, *paths, out=None):
    """Audit ``paths`` from ``cwd`` (as typed) and return the SARIF log, validated."""
    out = out or cwd / "r"
    monkeypatch.chdir(cwd)
    args = ["audit", *map(str, paths), "--out", str(out), "--format", "sarif", "--fail-on", "never", "-q"]
    CliRunner().invoke(cli.main, args, catch_exceptions=False)
    log = json.loads((out / "audit.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def rules_of(out):
    return json.loads((out / "audit.sarif").read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]


def where(log):
    """(artifactLocation, region start line and columns) of every result."""
    return sorted(
        (
            json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], sort_keys=True),
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"].get("startColumn"),
        )
        for r in log["runs"][0]["results"]
    )


@pytest.fixture
def repo(tmp_path):
    """A scratch git work tree with the sample dumps under seeds/ (one name with a space) and a subfolder."""
    root = tmp_path / "newsroom"
    (root / "seeds").mkdir(parents=True)
    (root / "tools" / "deep").mkdir(parents=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    else:  # walking up for .git is all the auditor does
        (root / ".git").mkdir()
    shutil.copy(SAMPLES / "farm_dump_a.txt", root / "seeds" / "farm dump a.txt")
    shutil.copy(SAMPLES / "farm_dump_b.txt", root / "seeds" / "farm_dump_b.txt")
    return root


def test_uris_are_repository_relative_however_the_input_is_typed(repo, monkeypatch, tmp_path):
    seeds = repo / "seeds"
    typed = [
        (repo, ["./seeds/farm dump a.txt", "seeds/farm_dump_b.txt"]),
        (repo, [seeds]),
        (repo / "tools" / "deep", ["../../seeds/farm dump a.txt", "../../seeds/farm_dump_b.txt"]),
        (repo / "tools", [seeds / "farm dump a.txt", seeds / "farm_dump_b.txt"]),
        (tmp_path, [seeds]),  # from outside the repository: the inputs' work tree is the root
    ]
    logs = [sarif(monkeypatch, cwd, *paths, out=tmp_path / f"r{k}") for k, (cwd, paths) in enumerate(typed)]
    first = where(logs[0])
    assert first and all(where(log) == first for log in logs[1:])
    uris = {json.loads(loc)["uri"] for loc, *_ in first}
    assert uris == {"seeds/farm%20dump%20a.txt", "seeds/farm_dump_b.txt"}
    for log in logs:
        run = log["runs"][0]
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
        for r in run["results"]:
            assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    fingerprints = [
        sorted(r["partialFingerprints"]["headlineAuditor/v1"] for r in log["runs"][0]["results"]) for log in logs
    ]
    assert all(f == fingerprints[0] for f in fingerprints)


def test_an_input_outside_the_root_keeps_an_absolute_uri(repo, monkeypatch, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SAMPLES / "farm_dump_b.txt", elsewhere / "loose.txt")
    log = sarif(monkeypatch, repo, "seeds/farm_dump_b.txt", elsewhere / "loose.txt")
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert {"uri": "seeds/farm_dump_b.txt", "uriBaseId": "%SRCROOT%"} in locations
    assert {"uri": (elsewhere / "loose.txt").resolve().as_uri()} in locations


def test_without_a_work_tree_names_are_relative_to_the_current_folder(tmp_path, monkeypatch):
    if git_top_level(tmp_path.resolve()) is not None:
        pytest.skip("the temporary folder lies inside a git work tree")
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLES / "farm_dump_a.txt", tmp_path / "in" / "a.txt")
    log = sarif(monkeypatch, tmp_path, "./in/a.txt")
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]} == {
        "in/a.txt"
    }


def test_a_linked_worktree_or_submodule_is_its_own_root(tmp_path):
    # There .git is a file ("gitdir: ..."), and git's top level is the folder holding it.
    outer, inner = tmp_path / "outer", tmp_path / "outer" / "vendor" / "sub"
    (outer / ".git").mkdir(parents=True)
    inner.mkdir(parents=True)
    (inner / ".git").write_text("gitdir: ../../.git/modules/sub\n")
    (inner / "x.txt").write_text("x\n")
    root = SourceRoot.of([str(inner / "x.txt")], cwd=outer)
    assert root.root == inner.resolve() and root.relative(str(inner / "x.txt")) == "x.txt"
    assert SourceRoot.of(["vendor/sub/x.txt"], cwd=outer).relative("vendor/sub/x.txt") == "x.txt"


def test_findings_on_one_span_are_one_result(repo, monkeypatch):
    monkeypatch.chdir(repo)
    out = repo / "r"
    CliRunner().invoke(
        cli.main, ["audit", "seeds", "--out", str(out), "--format", "json,sarif", "--fail-on", "never", "-q"]
    )
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    results = json.loads((out / "audit.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    findings = sum(len(a["findings"]) for d in data["documents"] for a in d["articles"])
    # Every finding is in exactly one result, and a few results carry two or more.
    assert sum(len(r["properties"]["rules"]) for r in results) == findings > len(results)
    # No two results of an article overlap: "Beast" inside "Beast of the Sea" is one result.
    spans = {}
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        key = (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], region["startLine"])
        spans.setdefault(key, []).append((region["startColumn"], region["endColumn"]))
    for cols in spans.values():
        cols.sort()
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(cols, cols[1:], strict=False))
    severity = {rule["id"]: rule["properties"]["severity"] for rule in rules_of(out)}
    rank = {"info": 0, "low": 1, "medium": 2, "high": 3}
    for r in results:
        rules = r["properties"]["rules"]
        assert rules[0] == r["ruleId"] and len(set(rules)) == len(rules)
        assert all(other in r["message"]["text"] for other in rules[1:])
        # The result takes the most severe of its findings' rules.
        assert rank[severity[rules[0]]] == max(rank[severity[x]] for x in rules)
    # The original headline is a related location, linked from the message.
    with_original = [r for r in results if "relatedLocations" in r]
    assert with_original and all("[original headline](1)" in r["message"]["text"] for r in with_original)
    for r in with_original:
        rel = r["relatedLocations"][0]["physicalLocation"]
        line = (repo / rel["artifactLocation"]["uri"].replace("%20", " ")).read_text(encoding="utf-8").splitlines()
        assert line[rel["region"]["startLine"] - 1] == rel["region"]["snippet"]["text"]


def test_input_errors_and_warnings_are_tool_notifications(repo, monkeypatch):
    (repo / "seeds" / "nul.txt").write_bytes(
        (SAMPLES / "farm_dump_b.txt").read_bytes().replace(b"\n\n", b"\n\x00\n", 1)
    )
    log = sarif(monkeypatch, repo, "seeds/nul.txt", "seeds/missing.txt")
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    errors = [n for n in notes if n["level"] == "error"]
    warnings = [n for n in notes if n["level"] == "warning"]
    assert len(errors) == 1 and "missing.txt" in errors[0]["message"]["text"]
    assert any("NUL bytes removed" in w["message"]["text"] for w in warnings)
    assert all(
        w["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "seeds/nul.txt", "uriBaseId": "%SRCROOT%"}
        for w in warnings
    )
    clean = sarif(monkeypatch, repo, "seeds/farm_dump_b.txt", out=repo / "r2")["runs"][0]["invocations"][0]
    assert clean == {"executionSuccessful": True, "toolExecutionNotifications": []}
