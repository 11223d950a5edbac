"""The GitHub Action (action.yml): its `run:` steps executed in a shell on a scratch git repository,
as the runner would (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, GITHUB_ACTION_PATH and
RUNNER_TEMP set to temporary files), then its outputs, step summary and SARIF checked. The `uses:`
steps (setup-python, upload-sarif, upload-artifact) are not run; what they would be given is.
The install step is not run either (it would reinstall this checkout); its command is checked."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

yaml = pytest.importorskip("yaml")
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash"
)


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def value(expr, ctx):
    """A context reference (inputs.x, github.x, steps.id.outputs.x, runner.temp) or a quoted string."""
    if expr.startswith("'"):
        return expr.strip("'")
    head, *rest = expr.split(".")
    if head == "steps":
        step_id, _, name = rest
        return ctx["steps"].get(step_id, {}).get(name, "")
    return ctx[head].get(".".join(rest), "")


def condition(text, ctx):
    """The `if:` forms action.yml uses: comparisons joined by &&."""
    for part in text.split("&&"):
        left, op, right = re.fullmatch(r"\s*(\S+)\s*(==|!=)\s*(\S+)\s*", part).groups()
        if (value(left, ctx) == value(right, ctx)) != (op == "=="):
            return False
    return True


def expand(text, ctx):
    return EXPR.sub(lambda m: value(m.group(1), ctx), str(text))


def run_action(repo, tmp, inputs=None, github=None):
    """Run action.yml's steps in ``repo``; return (outputs, summary, uses-steps given, exit code)."""
    defaults = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    ctx = {
        "inputs": {**defaults, **(inputs or {})},
        "github": {"action_path": str(ROOT), "base_ref": "", "event.before": "", **(github or {})},
        "runner": {"temp": str(tmp)},
        "steps": {},
    }
    summary = tmp / "summary.md"
    summary.touch()
    env_base = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",  # this checkout's auditor
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(repo),
        "GITHUB_ACTION_PATH": str(ROOT),
        "RUNNER_TEMP": str(tmp),
    }
    used, code = {}, 0
    for k, step in enumerate(ACTION["runs"]["steps"]):
        if "if" in step and not condition(step["if"], ctx):
            continue
        if "uses" in step:
            used[step["uses"].split("@")[0]] = {k: expand(v, ctx) for k, v in step.get("with", {}).items()}
            continue
        if step.get("id") == "install":
            assert step["run"] == 'python -m pip install --disable-pip-version-check --quiet "$ACTION_PATH"'
            assert step["env"]["ACTION_PATH"] == "${{ github.action_path }}"
            continue
        out_file = tmp / f"output-{k}"
        out_file.touch()
        env = {**env_base, "GITHUB_OUTPUT": str(out_file)}
        env.update({name: expand(v, ctx) for name, v in step.get("env", {}).items()})
        proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
        if "id" in step:
            ctx["steps"][step["id"]] = dict(
                line.split("=", 1) for line in out_file.read_text(encoding="utf-8").splitlines() if line
            )
        if proc.returncode:
            code = proc.returncode
            assert step["name"] == "Fail on findings", proc.stderr  # only the last step may fail
            break
    outputs = {name: expand(spec["value"], ctx) for name, spec in ACTION["outputs"].items()}
    return outputs, summary.read_text(encoding="utf-8"), used, code


@pytest.fixture
def repo(tmp_path):
    """main: four seed dumps and a README; the branch `feature` adds one (a name with a space),
    changes one, renames one, deletes one and adds a CSV, which is no dump."""
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.email", "ci@example.org")
    git(work, "config", "user.name", "CI")
    seeds = work / "seeds"
    seeds.mkdir()
    b = (SAMPLES / "farm_dump_b.txt").read_text(encoding="utf-8")
    for name in ("kept.txt", "untouched.txt", "to_rename.txt", "to_delete.txt"):
        (seeds / name).write_text(b, encoding="utf-8")
    (work / "README.md").write_text("seeds\n")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "base")
    git(tmp_path, "clone", "-q", "--bare", str(work), str(origin))
    git(work, "remote", "add", "origin", str(origin))
    git(work, "fetch", "-q", "origin")
    git(work, "checkout", "-q", "-b", "feature")
    shutil.copy(SAMPLES / "farm_dump_a.txt", seeds / "new dump.txt")
    (seeds / "kept.txt").write_text(b + "\nA line added later.\n", encoding="utf-8")
    git(work, "mv", "seeds/to_rename.txt", "seeds/renamed one.txt")
    git(work, "rm", "-q", "seeds/to_delete.txt")
    (seeds / "list.csv").write_text("a,b\n")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "feature")
    return work


def audited(repo, out="headline-audit"):
    data = json.loads((repo / out / "audit.json").read_text(encoding="utf-8"))
    return sorted(d["path"] for d in data["documents"])


CHANGED = ["seeds/kept.txt", "seeds/new dump.txt", "seeds/renamed one.txt"]


def test_a_pull_request_audits_what_it_added_changed_or_renamed(repo, tmp_path):
    outputs, summary, used, code = run_in(tmp_path, repo, "pr", github={"base_ref": "main"})
    assert audited(repo) == CHANGED  # not the deleted, the untouched or the CSV
    assert code == 1 and outputs["exit-code"] == "1"  # farm_dump_a carries high findings
    assert outputs["files"] == "3" and int(outputs["findings"]) > 0
    assert outputs["sarif"] == "headline-audit/audit.sarif" and outputs["reports"] == "headline-audit"
    sarif = json.loads((repo / outputs["sarif"]).read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert "seeds/new%20dump.txt" in uris and all(not u.startswith(("/", "file:", ".")) for u in uris)
    assert used["github/codeql-action/upload-sarif"] == {"sarif_file": outputs["sarif"], "category": "headline-auditor"}
    assert used["actions/upload-artifact"]["path"] == "headline-audit"
    assert "## Headline audit" in summary and "failed:" in summary
    assert git(repo, "status", "--porcelain", "--untracked-files=no") == ""  # no tracked file touched


def run_in(tmp_path, repo, name, **kw):
    tmp = tmp_path / name
    tmp.mkdir()
    return run_action(repo, tmp, **kw)


def test_a_push_compares_with_the_commit_before_it(repo, tmp_path):
    before = git(repo, "rev-parse", "main")
    outputs, _, _, code = run_in(tmp_path, repo, "push", github={"event.before": before}, inputs={"fail-on": "never"})
    assert audited(repo) == CHANGED and code == 0 and outputs["exit-code"] == "0"


def test_without_a_base_every_matching_file_is_audited(repo, tmp_path):
    # A first push (event.before is all zeros) or a manual run: nothing to compare with.
    outputs, _, _, _ = run_in(tmp_path, repo, "first", github={"event.before": "0" * 40})
    assert audited(repo) == sorted([*CHANGED, "seeds/untouched.txt"]) and outputs["files"] == "4"
    outputs, _, _, _ = run_in(tmp_path, repo, "all", inputs={"all-files": "true", "base-ref": "main"})
    assert outputs["files"] == "4"


def test_no_changed_seed_files_skips_cleanly(repo, tmp_path):
    outputs, summary, used, code = run_in(tmp_path, repo, "none", inputs={"base-ref": "HEAD"})
    assert code == 0 and outputs["files"] == "0" and outputs["sarif"] == "" and outputs["exit-code"] == ""
    assert used == {"actions/setup-python": {"python-version": "3.12"}}
    assert "No changed seed files since `HEAD`" in summary and not (repo / "headline-audit").exists()


HOUSE_RULES = """category = "loaded_label"

[[rules]]
name = "junta"
kind = "term"
severity = "low"
message = "Calls a government a junta"
terms = ["junta"]

[[rules.examples.match]]
original = "Government announces new budget"
altered = "Junta announces new budget"

[[rules.examples.no_match]]
original = "Government announces new budget"
altered = "Government announces revised budget"
"""


def test_globs_rules_baseline_and_an_output_folder(repo, tmp_path):
    house = repo / "house rules"
    house.mkdir()
    (house / "house.toml").write_text(HOUSE_RULES, encoding="utf-8")
    baseline = repo / "known.json"
    cmd = [sys.executable, str(ROOT / "cli.py"), "baseline", "create", str(repo / "seeds"), "-o", str(baseline)]
    subprocess.run([*cmd, "--rules", str(house)], check=True, capture_output=True)
    inputs = {
        "paths": "seeds/**/new*.txt\n  seeds/kept.txt  \n",
        "base-ref": "main",
        "baseline": "known.json",
        "rules": "house rules\n",
        "output": "out dir",
        "artifact-name": "",
        "upload-sarif": "false",
    }
    outputs, _, used, code = run_in(tmp_path, repo, "opts", inputs=inputs)
    assert audited(repo, "out dir") == ["seeds/kept.txt", "seeds/new dump.txt"]
    assert code == 0 and outputs["exit-code"] == "0"  # every finding is in the baseline
    assert set(used) == {"actions/setup-python"}


def test_file_names_and_inputs_are_data_never_code(repo, tmp_path):
    hostile = "seeds/$(touch PWNED) `touch PWNED2`; x.txt"
    shutil.copy(SAMPLES / "farm_dump_b.txt", repo / hostile)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hostile name")
    inputs = {"base-ref": "main", "fail-on": "never", "paths": "seeds\n$(touch PWNED3)", "output": "$(touch PWNED4)"}
    outputs, _, _, code = run_in(tmp_path, repo, "hostile", inputs=inputs)
    assert code == 0 and hostile in audited(repo, "$(touch PWNED4)")
    assert not list(repo.glob("PWNED*")) and not list((repo / "seeds").glob("PWNED*"))


def test_no_expression_is_expanded_inside_a_script():
    # ${{ }} inside run: is pasted into the script before bash reads it: script injection.
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
    for script in (ROOT / ".github" / "action").glob("*.sh"):
        assert "${{" not in script.read_text(encoding="utf-8")


def test_the_action_file_matches_the_action_metadata_schema():
    # actionlint checks workflows, not action.yml: this schema (SchemaStore's github-action.json,
    # shipped by check-jsonschema) does.
    vendor = pytest.importorskip("check_jsonschema.builtin_schemas")
    import jsonschema

    path = Path(vendor.__file__).parent / "vendor" / "github-actions.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(ACTION)


@pytest.mark.skipif(
    shutil.which("shellcheck") is None, reason="shellcheck is not installed (apt-get install shellcheck)"
)
def test_the_action_scripts_pass_shellcheck():
    scripts = sorted(str(p) for p in (ROOT / ".github" / "action").glob("*.sh"))
    steps = [s["run"] for s in ACTION["runs"]["steps"] if "run" in s]
    proc = subprocess.run(["shellcheck", "-s", "bash", *scripts], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
    for script in steps:
        proc = subprocess.run(["shellcheck", "-s", "bash", "-"], input=script, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout
