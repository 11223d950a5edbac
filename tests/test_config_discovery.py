"""Config files found as ruff finds its own: walking up to the repository root, paths relative to the file."""

import json

import pytest
from click.testing import CliRunner

import cli
from auditor.commands.configured import CONFIG_OPTIONS, KEY_PARAMS
from auditor.run.config import Config, discover

PACK = (
    'category = "house"\n[[rules]]\nname = "gleaming"\nkind = "term"\nseverity = "low"\nmessage = "Puffery"\n'
    'terms = ["gleaming"]\n[[rules.examples.match]]\noriginal = "a"\naltered = "a gleaming"\n'
    '[[rules.examples.no_match]]\noriginal = "a"\naltered = "a"\n'
)
DUMP = (
    "Sadr visits the gleaming capital\n\nSadr visits the capital\n\n"
    "The cleric arrived on Monday and met officials in the capital for talks.\n"
)


def run(*args):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


@pytest.fixture
def repo(tmp_path):
    """A repository: auditor.toml at its root naming a rule pack, a dump two folders down."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "house").mkdir()
    (root / "house" / "house.toml").write_text(PACK)
    (root / "auditor.toml").write_text(
        'rules = ["house"]\nformat = "json"\nfail_on = "never"\nno_default_rules = true\n'
    )
    (root / "seeds" / "new").mkdir(parents=True)
    (root / "seeds" / "new" / "d.txt").write_text(DUMP)
    return root


def rules_found(audit_json):
    return {
        f["rule"] for d in json.loads(audit_json.read_text())["documents"] for a in d["articles"] for f in a["findings"]
    }


def test_a_run_from_a_subfolder_uses_the_repository_config_and_writes_beside_it(repo, monkeypatch):
    monkeypatch.chdir(repo / "seeds" / "new")
    res = run("audit", "d.txt")
    assert res.exit_code == 0, res.output
    # The rule folder and the default output folder are the config file's, not the current folder's.
    assert not (repo / "seeds" / "new" / "reports").exists()
    assert rules_found(repo / "reports" / "audit.json") == {"house.gleaming"}
    assert "reports in ../../reports" in res.output


def test_out_set_in_the_config_is_relative_to_the_config_file(repo, monkeypatch):
    (repo / "auditor.toml").write_text('out = "build/audit"\nformat = ["json"]\nfail_on = "never"\n')
    monkeypatch.chdir(repo / "seeds")
    assert run("audit", "new/d.txt").exit_code == 0
    assert (repo / "build" / "audit" / "audit.json").is_file() and not (repo / "seeds" / "build").exists()


def test_the_search_stops_at_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / "auditor.toml").write_text('fail_on = "never"\n')  # above the repository: not ours
    inner = tmp_path / "repo"
    (inner / ".git").mkdir(parents=True)
    assert discover(inner) == (None, [inner])
    (inner / ".git").rmdir()
    (inner / ".git").write_text("gitdir: /elsewhere\n")  # a worktree's .git is a file
    assert discover(inner)[0] is None
    (inner / ".git").unlink()
    assert discover(inner)[0] == tmp_path / "auditor.toml"


def test_auditor_toml_wins_in_one_folder_and_a_foreign_pyproject_is_passed_by(tmp_path):
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n")  # not ours: keep looking
    (tmp_path / "pyproject.toml").write_text('[tool.headline-auditor]\nfail_on = "low"\n')
    assert discover(sub)[0] == tmp_path / "pyproject.toml"
    (tmp_path / "auditor.toml").write_text('fail_on = "medium"\n')
    assert discover(sub)[0] == tmp_path / "auditor.toml"


def test_unknown_keys_name_the_file_and_the_key(repo, monkeypatch):
    (repo / "auditor.toml").write_text('fail_on = "never"\ncolour = "red"\n')
    monkeypatch.chdir(repo / "seeds")
    res = run("audit", "new/d.txt")
    assert res.exit_code == 2
    assert f"error: {repo / 'auditor.toml'}: unknown setting(s): colour" in res.output
    assert not (repo / "reports").exists()


def test_a_broken_config_does_not_hide_the_help(repo, monkeypatch):
    (repo / "auditor.toml").write_text("colour = 'red'\n")
    monkeypatch.chdir(repo)
    assert run("audit", "--help").exit_code == 0


def test_config_and_no_config(repo, tmp_path, monkeypatch):
    other = tmp_path / "elsewhere.toml"
    other.write_text('format = ["json"]\nfail_on = "never"\nout = "far"\n')
    monkeypatch.chdir(repo / "seeds")
    assert run("audit", "new/d.txt", "--config", str(other)).exit_code == 0
    assert (tmp_path / "far" / "audit.json").is_file()
    res = run("audit", "new/d.txt", "--no-config", "--format", "json", "--out", str(tmp_path / "iso"))
    assert res.exit_code == 0, res.output
    assert "house.gleaming" not in rules_found(tmp_path / "iso" / "audit.json")
    res = run("audit", "new/d.txt", "--no-config", "--config", str(other))
    assert res.exit_code == 2 and "exclude each other" in res.output


def test_config_command_says_where_each_setting_came_from(repo, monkeypatch):
    monkeypatch.chdir(repo / "seeds" / "new")
    res = run("config", "--json", "--fail-on", "medium")
    doc = json.loads(res.output)
    s = doc["settings"]
    assert doc["config_file"] == str(repo / "auditor.toml")
    assert s["rules"] == {"value": ["../../house"], "source": str(repo / "auditor.toml")}
    assert s["fail_on"] == {"value": "medium", "source": "command line"}
    assert s["out"] == {"value": "../../reports", "source": f"default, beside {repo / 'auditor.toml'}"}
    assert s["strict"] == {"value": False, "source": "default"}
    assert list(s) == list(Config.model_fields)
    table = run("config").output.splitlines()
    assert table[0] == f"config file: {repo / 'auditor.toml'}"
    assert table[1].split() == ["setting", "value", "source"]
    assert any(line.split()[:2] == ["format", '["json"]'] for line in table)
    isolated = json.loads(run("config", "--json", "--no-config").output)
    assert isolated["config_file"] is None and isolated["settings"]["out"]["value"] == "reports"


def test_help_lists_every_config_key_and_each_key_is_an_audit_option():
    text = " ".join(run("--help").output.split())
    for key in Config.model_fields:
        assert key in KEY_PARAMS, f"config key {key} has no audit option"
        assert f" {key}," in text or f" {key}." in text, key
    assert len(CONFIG_OPTIONS) == len(Config.model_fields)


def test_an_absolute_path_in_the_config_stays_as_written(repo, tmp_path, monkeypatch):
    (repo / "auditor.toml").write_text(f'out = "{tmp_path / "abs"}"\n')
    monkeypatch.chdir(repo / "seeds")
    assert json.loads(run("config", "--json").output)["settings"]["out"]["value"] == str(tmp_path / "abs")


def test_baseline_create_and_rules_list_read_the_config_too(repo, monkeypatch):
    monkeypatch.chdir(repo / "seeds" / "new")
    listed = run("rules", "list").output
    assert listed.startswith("house.gleaming\t") and "eschatology" not in listed  # no_default_rules = true
    res = run("baseline", "create", "d.txt", "-o", "b.json")
    assert res.exit_code == 0 and "1 finding(s) recorded" in res.output
