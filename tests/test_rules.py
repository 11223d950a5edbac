"""Rules are data: every shipped rule carries examples that pass; broken files fail clearly."""

import subprocess
import sys
from pathlib import Path

import pytest

from auditor.analysis.rule_examples import check_examples
from auditor.checks.kinds import KINDS
from auditor.checks.loader import load_rules
from auditor.datafiles import default_rules_dir, read_toml
from auditor.errors import RuleError
from conftest import ROOT

SHIPPED = load_rules([default_rules_dir()])


def test_shipped_packs_are_present():
    files = {Path(r.source).stem for r in SHIPPED}
    assert {"eschatology", "loaded_labels", "dehumanising", "provenance"} <= files
    # Meta-test: every rule kind the engine knows is exercised by a shipped rule and its examples.
    assert {r.rule.kind for r in SHIPPED} == set(KINDS)


@pytest.mark.parametrize("lr", SHIPPED, ids=lambda lr: lr.id)
def test_every_rule_has_examples_that_behave(lr):
    assert lr.rule.examples.match and lr.rule.examples.no_match
    assert check_examples([lr]) == []


def test_a_misbehaving_example_is_reported(tmp_path):
    (tmp_path / "bad.toml").write_text(
        'category = "x"\n[[rules]]\nname = "r"\nkind = "term"\nseverity = "low"\nmessage = "m"\nterms = ["zzz"]\n'
        '[[rules.examples.match]]\noriginal = "a b"\naltered = "a c"\n'
        '[[rules.examples.no_match]]\noriginal = "a b"\naltered = "a d"\n'
    )
    [problem] = check_examples(load_rules([tmp_path]))
    assert "bad.toml: rule 'bad.r': field 'examples.match[0]': does not fire" in problem


RULE = """category = "c"
[[rules]]
name = "{name}"
kind = "{kind}"
severity = "high"
message = "m"
{body}
[[rules.examples.match]]
original = "a"
altered = "b"
[[rules.examples.no_match]]
original = "a"
altered = "a"
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        ("category = [", "not valid TOML"),
        (RULE.format(name="r", kind="regexish", body='terms = ["x"]'), "rule 'r': field 'kind': Input tag 'regexish'"),
        (RULE.format(name="r", kind="term", body=""), "rule 'r': field 'terms': Field required"),
        (
            RULE.format(name="r", kind="pattern", body="pattern = '(a)\\1'"),
            "rule 'r': field 'pattern': RE2 cannot compile",
        ),
        (
            RULE.format(name="r", kind="pattern", body="pattern = '(a+)+$'"),
            "rule 'r': field 'pattern': nested unbounded repetition '(a+)+'",
        ),
        (
            RULE.format(name="r", kind="term", body='terms = ["x"]').replace(
                'severity = "high"', 'severity = "severe"'
            ),
            "field 'severity'",
        ),
        (RULE.format(name="Bad Name", kind="term", body='terms = ["x"]'), "field 'name'"),
    ],
)
def test_broken_rule_files_name_file_rule_and_field(tmp_path, text, expected):
    (tmp_path / "pack.toml").write_text(text)
    with pytest.raises(RuleError) as exc:
        load_rules([tmp_path])
    msg = str(exc.value)
    assert msg.startswith(str(tmp_path / "pack.toml")) and expected in msg and "\n" not in msg


@pytest.mark.parametrize(
    "text",
    ['category = "a\\e"\n', "category = {b = 1,}\n", "category = {b = 1,\nc = 2}\n", "category = 07:32\n"],
)
def test_toml_1_1_is_refused_as_python_tomllib_refuses_it(tmp_path, text):
    # An "\e" escape, a trailing comma or a newline in an inline table, a time without seconds:
    # TOML 1.1 (tomli >= 2.4), not 1.0. A rule file must read the same with every install.
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match="not valid TOML"):
        read_toml(path)


def test_duplicate_ids_across_folders_are_an_error(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "pack.toml").write_text(RULE.format(name="r", kind="term", body='terms = ["b"]'))
    with pytest.raises(RuleError, match="duplicate id 'pack.r'"):
        load_rules([tmp_path / "a", tmp_path / "b"])


def test_slow_pattern_for_backtracking_engines_does_not_hang(tmp_path):
    """`a*a*a*a*a*b` on a long run of a's is polynomial-slow for backtracking; RE2 is linear."""
    (tmp_path / "evil.toml").write_text(
        RULE.format(name="r", kind="pattern", body="pattern = 'a*a*a*a*a*a*a*a*b'\nnormalised = false")
    )
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path\n"
        "from auditor.checks.base import Subject\n"
        "from auditor.checks.engine import RuleEngine\n"
        "from auditor.checks.loader import load_rules\n"
        "from auditor.models import Span\n"
        "t = 'a' * 200000 + '!'\n"
        "f = RuleEngine(load_rules([Path(sys.argv[2])])).findings(Subject(altered=t, inserted=[Span(text=t, start=0, end=len(t))]))\n"
        "print(sorted({x.rule for x in f}))\n"
    )
    # The timeout is a hang guard, not a speed claim: the run takes milliseconds.
    out = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "unclassified_insertion" in out.stdout and "evil.r" not in out.stdout


def test_term_rules_match_possessives_plurals_and_nbsp_but_not_inside_words():
    from auditor.checks.kinds import term_hits

    assert term_hits(["Antichrist"], "Antichrist’s\u00a0men")
    assert term_hits(["Antichrist's men"], "ANTICHRIST’S\u00a0MEN")
    assert term_hits(["mercenary"], "mercenaries") == []  # plural by suffix only: list both forms
    assert term_hits(["Christ"], "Christians") == []


def test_ignore_drops_a_rule():
    ids = {r.id for r in load_rules([default_rules_dir()], frozenset({"provenance.unsupported_by_body"}))}
    assert "provenance.unsupported_by_body" not in ids and "eschatology.antichrist" in ids


def test_unclassified_insertions_are_still_reported(ctx):
    from conftest import audit_text

    [a] = audit_text(
        "Sadr visits the gleaming capital\n\nSadr visits the capital\n\nThe cleric arrived on Monday and met officials in the capital for talks.\n",
        ctx,
    ).articles
    assert [(f.rule, f.term, f.severity) for f in a.findings if f.rule == "unclassified_insertion"] == [
        ("unclassified_insertion", "gleaming", "info")
    ]


@pytest.mark.parametrize(
    "pattern, syntax",
    [
        (r"a(b)", "a(b)"),
        (r"\(a\)", "a"),  # escaped parentheses are text
        (r"[()+](x)", "(x)"),  # a class is skipped whole
        (r"[]()](x)", "(x)"),  # "]" first in a class is a member, not its end
        (r"[^]+](y)+", "(y)+"),
        (r"[\]+](z)", "(z)"),
    ],
)
def test_syntax_positions_skip_escapes_and_whole_classes(pattern, syntax):
    from auditor.text.safe_regex import syntax_positions

    assert "".join(pattern[i] for i in syntax_positions(pattern)) == syntax


def test_a_class_that_opens_with_a_bracket_does_not_hide_a_nested_repeat():
    from auditor.text.safe_regex import nested_unbounded_repeat

    # Before: the "]" right after "[" ended the class, so the group seemed to close inside it.
    assert nested_unbounded_repeat(r"([]a]+)+") == "([]a]+)+"
    assert nested_unbounded_repeat(r"([]a]+)") is None
