"""stdout as linters print it: a finding a line, GitHub workflow commands, JSON Lines, SARIF; reports unchanged."""

import json
import re
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import cli
from auditor.report.console import ConsoleFinding, github_line, shown_path, text_line
from conftest import FIXTURES, SAMPLES, TRAPS

LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>high|medium|low|info) (?P<rule>\S+) (?P<msg>.*) \[(?P<term>.*)\]$"
)


def run(*args, env=None):
    return CliRunner(env=env).invoke(cli.main, ["audit", *map(str, args)], catch_exceptions=False)


def finding_lines(stdout):
    return [m.groupdict() for m in map(LINE.match, stdout.splitlines()) if m]


def test_text_output_is_one_sorted_line_per_finding_then_the_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)
    # Inputs named in reverse order: the output is sorted by path all the same.
    res = run("samples/farm_dump_b.txt", "samples/farm_dump_a.txt", "--out", tmp_path / "r", "--no-config")
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    found = finding_lines(res.stdout)
    assert len(found) == len(lines) - 2 and found, res.stdout  # every line but the two summary lines
    keys = [(f["path"], int(f["line"]), int(f["col"]), f["rule"], f["term"]) for f in found]
    assert keys == sorted(keys) and keys[0][0] == "samples/farm_dump_a.txt"
    assert lines[-2] == f"Found {len(found)} finding(s) (10 high, 15 medium, 4 info)"
    assert lines[-1].startswith("2 file(s), 10 article(s), 10 finding(s) at or above high; reports in ")
    data = json.loads((tmp_path / "r" / "audit.json").read_text())
    total = sum(len(a["findings"]) for d in data["documents"] for a in d["articles"])
    assert len(found) == total  # all of them, info included, as ruff and semgrep print all
    assert "warning:" in res.stderr and "warning:" not in res.stdout


def test_columns_are_where_sarif_puts_them_in_dumps_and_pages(tmp_path):
    inputs = [FIXTURES / "html", TRAPS]
    res = run(*inputs, "--out", tmp_path / "r", "--format", "sarif", "--output-format", "json", "--no-config")
    mine = {(f["path"], f["line"], f["column"], f["rule"]) for f in map(json.loads, res.stdout.splitlines())}
    sarif = json.loads((tmp_path / "r" / "audit.sarif").read_text())
    theirs, grouped = set(), set()
    for r in sarif["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        uri = unquote(loc["artifactLocation"]["uri"].removeprefix("file://"))  # SARIF's own URI forms
        path = shown_path(uri, str(tmp_path.cwd()))
        theirs.add((path, loc["region"]["startLine"], loc["region"].get("startColumn", 1), r["ruleId"]))
        grouped |= {(path, loc["region"]["startLine"], rule) for rule in r["properties"]["rules"]}
    # SARIF makes one result of the findings on one span (its rule is the most severe one's, at
    # that finding's columns); the terminal prints each finding, the same ones at the same places.
    assert theirs <= mine and {(p, line, rule) for p, line, _, rule in mine} == grouped
    assert any(p.endswith(".html") and c > 1 for p, _, c, _ in mine)


@pytest.mark.parametrize("fmt", ["json", "github", "sarif", "none"])
def test_reports_under_out_are_byte_identical_whatever_stdout_shows(tmp_path, fmt):
    def files(out):
        return {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    run(SAMPLES, "--out", tmp_path / "text", "--format", "md,json,sarif,csv", "--no-config")
    run(SAMPLES, "--out", tmp_path / fmt, "--format", "md,json,sarif,csv", "--output-format", fmt, "--no-config")
    assert files(tmp_path / "text") == files(tmp_path / fmt)


def test_machine_formats_keep_stdout_pure_data(tmp_path):
    res = run(SAMPLES, "--out", tmp_path / "j", "--output-format", "json", "--no-config")
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and {"path", "line", "column", "severity", "rule", "message", "term", "fingerprint"} <= set(rows[0])
    assert "2 file(s), 10 article(s)" in res.stderr
    res = run(SAMPLES, "--out", tmp_path / "s", "--output-format", "sarif", "--min-severity", "high", "--no-config")
    doc = json.loads(res.stdout)  # the whole document: --min-severity filters only the line formats
    assert doc["version"] == "2.1.0" and sum(len(r["properties"]["rules"]) for r in doc["runs"][0]["results"]) == 29
    assert not (tmp_path / "s" / "audit.sarif").exists()  # --format was not asked for it
    res = run(SAMPLES, "--out", tmp_path / "n", "--output-format", "none", "--no-config")
    assert res.stdout.splitlines() == [
        f"2 file(s), 10 article(s), 10 finding(s) at or above high; reports in {tmp_path / 'n'}"
    ]


def test_min_severity_filters_stdout_only(tmp_path):
    res = run(SAMPLES, "--out", tmp_path / "r", "--min-severity", "high", "--fail-on", "medium", "--no-config")
    found = finding_lines(res.stdout)
    assert found and {f["sev"] for f in found} == {"high"} and res.exit_code == 1
    assert "25 finding(s) at or above medium" in res.stdout


def test_quiet_prints_nothing_unless_findings_are_asked_for(tmp_path):
    res = run(SAMPLES, "--out", tmp_path / "r", "-q", "--no-config")
    assert res.stdout == "" and res.exit_code == 1
    res = run(SAMPLES, "--out", tmp_path / "r", "-q", "--output-format", "github", "--no-config")
    assert res.stdout and all(line.startswith("::") for line in res.stdout.splitlines())


def test_colour_follows_the_terminal_no_color_force_color_and_the_option(tmp_path):
    args = (SAMPLES / "farm_dump_b.txt", "--out", tmp_path / "r", "--no-config")
    assert "\x1b[" not in run(*args).stdout  # not a terminal
    assert "\x1b[" in run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout
    assert "\x1b[" not in run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" in run(*args, "--color", "always", env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run(*args, "--color", "never", env={"FORCE_COLOR": "1"}).stdout


def test_findings_a_baseline_knows_are_not_printed_as_new(tmp_path):
    dump = tmp_path / "d.txt"
    dump.write_text((SAMPLES / "farm_dump_b.txt").read_text(encoding="utf-8"), encoding="utf-8")
    base = tmp_path / "b.json"
    CliRunner().invoke(cli.main, ["baseline", "create", str(dump), "-o", str(base), "--no-config"])
    before = finding_lines(run(dump, "--out", tmp_path / "r", "--no-config").stdout)
    dump.write_text(dump.read_text() + "\n\nAntichrist raises taxes\n\nGovernment raises taxes\n\nThe cabinet met.\n")
    res = run(dump, "--out", tmp_path / "r2", "--baseline", base, "--no-config")
    new = finding_lines(res.stdout)
    assert new and {f["term"] for f in new} == {"Antichrist"} and int(new[0]["line"]) > 27
    assert f"; {len(before)} known from the baseline not shown" in res.stdout


def test_terminal_lines_escape_what_could_forge_or_move_the_cursor():
    f = ConsoleFinding("a\nb.txt", 3, 1, "r.x", "Bad\x1b]0;t\x07", "high", "c", "m", "fp")
    line = text_line(f)
    assert "\n" not in line and "\x1b" not in line and "\x07" not in line
    assert line == "a\\nb.txt:3:1: high r.x m [Bad\\x1b]0;t\\x07]"


def test_paths_are_relative_inside_the_current_folder_and_absolute_outside(tmp_path):
    assert shown_path(str(tmp_path / "x" / "a.txt"), str(tmp_path)) == "x/a.txt"
    assert shown_path("./x/a.txt", str(tmp_path.cwd())) == "x/a.txt"
    assert shown_path(str(tmp_path / "a.txt"), str(tmp_path / "x")) == str(tmp_path / "a.txt")


def _unescape(text, prop):
    # How the runner reads a workflow command back (the inverse of actions/toolkit's escaping).
    if prop:
        text = text.replace("%2C", ",").replace("%3A", ":")
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


printable_text = st.text(
    st.characters(max_codepoint=0x2FF, blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), min_size=1
)


@given(path=printable_text, term=printable_text, message=printable_text)
def test_github_commands_escape_per_the_toolkit_rules(path, term, message):
    line = github_line(ConsoleFinding(path, 7, 2, "r.x", term, "medium", "c", message, "fp"))
    assert "\n" not in line and "\r" not in line
    m = re.fullmatch(r"::warning (?P<props>[^:]*)::(?P<data>.*)", line)
    assert m, line
    props = dict(p.split("=", 1) for p in m["props"].split(","))
    assert _unescape(props["file"], True) == path and props["line"] == "7" and props["col"] == "2"
    assert _unescape(props["title"], True) == "r.x (medium)"
    assert _unescape(m["data"], False) == f"{message} [{term}]"


def test_github_levels_and_the_awkward_characters():
    f = ConsoleFinding("a,b:c%.txt", 1, 1, "r", "x\ny", "low", "c", "50%\r", "fp")
    assert github_line(f) == "::notice file=a%2Cb%3Ac%25.txt,line=1,col=1,title=r (low)::50%25\\r [x\\ny]"
    assert github_line(f._replace(severity="high")).startswith("::error ")
