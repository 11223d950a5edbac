"""The CLI as a user meets it: exit codes, one-line errors, nothing written where it must not be."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

import cli
from conftest import ROOT, SAMPLES, TRAPS


def run(*args, cwd=None):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_audit_writes_notes_index_and_json(tmp_path):
    out = tmp_path / "r"
    res = run("audit", str(SAMPLES), "--out", str(out), "--fail-on", "never")
    assert res.exit_code == 0, res.output
    data = json.loads((out / "audit.json").read_text())
    assert [len(d["articles"]) for d in data["documents"]] == [7, 3]
    assert (out / "index.md").is_file()
    notes = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md") if p.name != "index.md")
    assert notes[0] == "farm_dump_a/01-beast-of-the-seas-envoy-meets-kurdish-leaders-in-erbil.md"
    assert len(notes) == 10


@pytest.mark.parametrize("fail_on, code", [("high", 1), ("never", 0)])
def test_exit_code_follows_fail_on(tmp_path, fail_on, code):
    res = run("audit", str(TRAPS / "nbsp_possessive.txt"), "--out", str(tmp_path / "r"), "--fail-on", fail_on)
    assert res.exit_code == code


def test_control_article_passes_even_at_info(tmp_path):
    p = tmp_path / "c.txt"
    p.write_text(
        "Oil exports rise for third month\n\nOil exports rise for third month\n\nExports rose again in April, the ministry said in a statement on Saturday.\n"
    )
    assert run("audit", str(p), "--out", str(tmp_path / "r"), "--fail-on", "info").exit_code == 0


def test_bad_inputs_get_one_line_each_and_the_rest_is_audited(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text((TRAPS / "truncated.txt").read_text())
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "bin.txt").write_bytes(bytes(range(256)) * 4)
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(tmp_path / "in"),
            str(tmp_path / "missing.txt"),
            "--out",
            str(tmp_path / "r"),
            "--fail-on",
            "never",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: is empty" in e for e in errors) and any("bin.txt" in e and "binary" in e for e in errors)
    assert any("missing.txt: no such file" in e for e in errors)
    data = json.loads((tmp_path / "r" / "audit.json").read_text())
    assert [d["path"] for d in data["documents"]] == [str(good)]
    assert len(data["errors"]) == 3


def test_refuses_to_overwrite_files_in_a_folder_it_did_not_create(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.md").write_text("my own notes")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(TRAPS), "--out", str(mine)], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "refusing to overwrite" in proc.stderr and "Traceback" not in proc.stderr
    assert (mine / "index.md").read_text() == "my own notes"
    assert sorted(p.name for p in mine.iterdir()) == ["index.md"]  # refused before writing anything


def test_writes_beside_unrelated_files_without_claiming_the_folder(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "err").write_text("a log another tool keeps here")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(TRAPS), "--out", str(shared), "--fail-on", "never", "-q"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert (shared / "err").read_text() == "a log another tool keeps here"
    assert (shared / "audit.json").is_file() and not (shared / ".headline-auditor").exists()


def test_rerun_removes_notes_of_articles_that_are_gone(tmp_path):
    src = tmp_path / "d.txt"
    src.write_text((TRAPS / "body_furniture.txt").read_text())
    out = tmp_path / "r"
    run("audit", str(src), "--out", str(out), "--fail-on", "never")
    assert len(list((out / "d").glob("*.md"))) == 2
    src.write_text((TRAPS / "truncated.txt").read_text())
    run("audit", str(src), "--out", str(out), "--fail-on", "never")
    assert [p.name for p in (out / "d").glob("*.md")] == [
        "01-antichrist-threatens-a-lawmaker-who-backs-talks-with-israel.md"
    ]


def test_check_reports_stale_files(tmp_path):
    out = tmp_path / "r"
    run("audit", str(TRAPS), "--out", str(out), "--fail-on", "never")
    assert run("audit", str(TRAPS), "--out", str(out), "--check").exit_code == 0
    (out / "index.md").write_text("edited by hand")
    res = run("audit", str(TRAPS), "--out", str(out), "--check")
    assert res.exit_code == 1 and "stale:" in res.output and "index.md" in res.output


def test_rules_list_and_check():
    res = run("rules", "list")
    assert res.exit_code == 0 and "eschatology.antichrist\tterm\teschatological\thigh\t" in res.output
    res = run("rules", "check")
    assert res.exit_code == 0 and "0 problem(s)" in res.output


BROKEN_RULES = {
    "bad_toml": ("category = [\n", "not valid TOML"),
    "unknown_kind": ('category = "c"\n[[rules]]\nname = "r"\nkind = "magic"\n', "rule 'r': field 'kind'"),
    "missing_field": (
        'category = "c"\n[[rules]]\nname = "r"\nkind = "term"\n',
        "rule 'r': field 'severity': Field required",
    ),
    "catastrophic": (
        'category = "c"\n[[rules]]\nname = "r"\nkind = "pattern"\nseverity = "low"\nmessage = "m"\npattern = "(a+)+$"\n'
        '[[rules.examples.match]]\naltered = "a"\n[[rules.examples.no_match]]\naltered = "b"\n',
        "rule 'r': field 'pattern': nested unbounded repetition",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_RULES))
@pytest.mark.parametrize("command", ["check", "audit"])
def test_broken_rule_files_exit_2_with_one_line(tmp_path, case, command):
    text, expected = BROKEN_RULES[case]
    (tmp_path / "x.toml").write_text(text)
    args = (
        ["rules", "check", str(tmp_path)]
        if command == "check"
        else ["audit", str(TRAPS), "--rules", str(tmp_path), "--out", str(tmp_path / "r")]
    )
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith(f"error: {tmp_path / 'x.toml'}: ") and expected in line
    assert not (tmp_path / "r").exists()


def test_duplicate_rule_id_exits_2(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.toml").write_text(BROKEN_RULES["catastrophic"][0].replace("(a+)+$", "a"))
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(TRAPS),
            "--rules",
            str(tmp_path / "a"),
            "--rules",
            str(tmp_path / "b"),
            "--out",
            str(tmp_path / "r"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "duplicate id 'x.r'" in proc.stderr and "Traceback" not in proc.stderr


def test_user_pack_ignore_and_no_default_rules(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "house.toml").write_text(
        'category = "house"\n[[rules]]\nname = "gleaming"\nkind = "term"\nseverity = "low"\nmessage = "m"\nterms = ["gleaming"]\n'
        '[[rules.examples.match]]\noriginal = "a"\naltered = "a gleaming"\n[[rules.examples.no_match]]\noriginal = "a"\naltered = "a"\n'
    )
    doc = tmp_path / "d.txt"
    doc.write_text(
        "Sadr visits the gleaming capital\n\nSadr visits the capital\n\nThe cleric arrived on Monday and met officials in the capital for talks.\n"
    )
    out = tmp_path / "r"
    run(
        "audit",
        str(doc),
        "--out",
        str(out),
        "--rules",
        str(pack),
        "--ignore",
        "provenance.unsupported_by_body",
        "--fail-on",
        "never",
    )
    rules = {f["rule"] for f in json.loads((out / "audit.json").read_text())["documents"][0]["articles"][0]["findings"]}
    assert rules == {"house.gleaming"}
    run("audit", str(doc), "--out", str(out), "--rules", str(pack), "--no-default-rules", "--fail-on", "never")
    rules = {f["rule"] for f in json.loads((out / "audit.json").read_text())["documents"][0]["articles"][0]["findings"]}
    assert rules == {"house.gleaming"}


def test_config_file_supplies_defaults(tmp_path, monkeypatch):
    (tmp_path / "auditor.toml").write_text(
        'ignore = ["provenance.unsupported_by_body"]\nfail_on = "never"\nformat = ["json"]\n'
    )
    doc = tmp_path / "d.txt"
    doc.write_text((TRAPS / "truncated.txt").read_text())
    monkeypatch.chdir(tmp_path)
    res = run("audit", str(doc), "--out", str(tmp_path / "r"))
    assert res.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [".headline-auditor", "audit.json"]
    rules = {
        f["rule"]
        for f in json.loads((tmp_path / "r" / "audit.json").read_text())["documents"][0]["articles"][0]["findings"]
    }
    assert "provenance.unsupported_by_body" not in rules


def test_help_documents_exit_codes_and_every_command_has_help():
    res = run("audit", "--help")
    assert "Exit codes:" in res.output and "--fail-on" in res.output
    for cmd in (cli.audit, cli.rules_list, cli.rules_check, cli.rules):
        assert cmd.help


def test_unknown_format_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(cli.main, ["audit", str(TRAPS), "--out", str(tmp_path / "r"), "--format", "pdf"])
    assert res.exit_code == 2 and "unknown format" in res.output
