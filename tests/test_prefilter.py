"""The RE2 prefilter (auditor/text/prefilter.py) never changes an answer: wherever the Python
pattern matches, its RE2 superset matches too, and the role of every mention is the one
Python's engine alone gives, in any script around the name."""

import functools
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import auditor.outlets.citations as citations
import auditor.outlets.roles as roles
from auditor.datafiles import default_rules_dir
from auditor.outlets.matcher import load_registry
from auditor.text.normalize import normalize
from auditor.text.prefilter import PY_SPACES, Prefiltered, Unsupported, prefiltered, superset_pattern

PREFILTERED = {
    f"{mod.__name__}.{name}": obj
    for mod in (roles, citations)
    for name, obj in vars(mod).items()
    if isinstance(obj, Prefiltered)
}
# Pieces the texts are made of: cue words of every kind, names, and what Python's Unicode \w,
# \s, \b and case folding treat differently from RE2's ASCII ones.
PIECES = [
    "told",
    "according to",
    "Photo: ",
    "photo credit:",
    "via ",
    "reported by",
    "the newspaper ",
    "said",
    "check out",
    "originally published by ",
    "requests for comment from ",
    "researcher at ",
    "Reuters",
    "Rudaw",
    "Al-Monitor",
    "الشرق الأوسط",
    "وكالة",
    "Agência Brasil",
    "Le Monde",
    "Dépêche",
    "İnterview",
    "TOLD",
    "tıld",
    "ſaid",
    "\u212aurdistan",
    "“",
    "”",
    "’s",
    "'s",
    " ",
    "  ",
    "\u00a0",
    "\u2009",
    "\u3000",
    "\n",
    "\t",
    ".",
    ",",
    "(",
    ")",
    "/",
    "-",
    "—",
    "é",
    "ß",
    "٣",
    "_",
    "x",
]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def test_the_space_list_is_pythons():
    assert set(PY_SPACES) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_the_heavy_cues_run_behind_a_prefilter():
    # Every wrapped pattern translated (none fell back to Python alone unnoticed).
    assert len(PREFILTERED) >= 10
    assert [name for name, p in PREFILTERED.items() if p._pre is None] == []


@settings(max_examples=400, deadline=None)
@given(texts)
def test_the_prefilter_holds_every_python_match(text):
    for name, p in PREFILTERED.items():
        python = p.rx.search(text) is not None
        assert not python or p._pre.Match(text) is not None, (name, text)
        assert (p.search(text) is not None) == python, (name, text)


@pytest.mark.parametrize(
    "pattern, flags, text",
    [
        (r"\bsaid\b", 0, "وقال said"),
        (r"\btold\s+$", re.I, "He TOLD\u00a0"),
        (r"(?:[\w-]+\s+){1,2}?paper\s+$", 0, "Dépêche paper "),
        (r"\w+\s+said", 0, "الشرق said"),
        (r"\bin$", re.I, "İn"),  # Python's case folding takes the dotted capital I
        (r"\bsays\b", re.I, "ſays"),
        (r"foo(?!bar)", 0, "foobaz"),
        (r"end$", 0, "the end\n"),
    ],
)
def test_python_matches_are_kept(pattern, flags, text):
    rx = re.compile(pattern, flags)
    assert rx.search(text)
    assert prefiltered(pattern, flags).search(text)


def test_what_it_cannot_translate_runs_on_python_alone():
    for pattern in (r"(a)\1", r"(?<=x)+y", "(?x) a b"):
        with pytest.raises(Unsupported):
            superset_pattern(re.compile(pattern))
    p = prefiltered(r"(\w)\1")
    assert p._pre is None and p.search("ab cc") and not p.search("ab cd")


LINES = [
    "Photo: Reuters / وكالة الأنباء",
    "المصدر told the Saudi daily Asharq Al-Awsat on Monday.",
    "Selon l’agence, il a déclaré à l'AFP que les négociations reprendraient.",
    "İçişleri bakanı told Rudaw English that the border would reopen.",
    "Müller said, according to Der Spiegel’s report, that talks had failed.",
    "The minister spoke to the French newspaper Le Monde on Tuesday.",
    "“It is over,” a spokesman told Reuters\u00a0on Friday.",
    "Image credit: Anadolu Agency via Getty Images",
    "Dépêche originally published by Al-Monitor. Republished with permission.",
    "فيديو: قناة الجزيرة — Al Jazeera reported the strike first.",
    "ERBIL, Kurdistan Region — Rudaw’s correspondent saw the convoy.",
    "Check out Reuters’ podcast for more.",
]


@pytest.mark.parametrize(
    "name, text",
    [
        ("_SOURCE_LEFT", "according to the Saudi-owned الشرق "),
        ("_SOURCE_LEFT", "in an interview with Dépêche "),
        ("_CREDIT_LEFT", "Photo credit: Agência/ "),
        ("_SELF_REFERENCE_LEFT", "TOLD the "),
        ("_MEDIA_NOUN_LEFT", "the Arabic-language DAİLY "),
    ],
)
def test_cues_next_to_other_scripts(name, text):
    p = PREFILTERED[f"auditor.outlets.roles.{name}"]
    assert p.rx.search(text) and p.search(text)


def test_roles_in_any_script_are_pythons(monkeypatch):
    registry = load_registry([default_rules_dir()])
    cases = [(line, m) for line in LINES for m in registry.find(line)]
    assert len(cases) >= len(LINES)
    fast = [roles.classify(line, m) for line, m in cases]
    for p in PREFILTERED.values():
        monkeypatch.setattr(p, "_pre", None)
    assert [roles.classify(line, m) for line, m in cases] == fast


@functools.cache
def shipped_registry():
    return load_registry([default_rules_dir()])


# What may follow a name: every kind of cue read on the text after it, and plain words.
AFTER = [
    "said",
    " reported",
    " (AP) - ",
    ")",
    " ) ",
    "/ Getty Images",
    " photo",
    " = ",
    "(@reuters)",
    " may earn a commission",
    "'s reporter",
    " wires",
    ".",
    " and",
    " the talks",
    "\u00a0",
]
ROLE_TEXTS = st.lists(
    st.sampled_from(PIECES + AFTER + ["By ", "© 2024 ", "READ MORE: ", "[", "check out "]), max_size=10
)


@settings(max_examples=400, deadline=None)
@given(ROLE_TEXTS, ROLE_TEXTS)
def test_the_quick_way_to_other_gives_the_roles_every_cue_gives(before, after):
    # classify_folded answers early when no cue stands before the name and none after it; the
    # answer must be the one reading every cue in turn gives (roles._role).
    registry = shipped_registry()
    for name in ("Reuters", "AP", "Al Jazeera"):
        line = "".join(before) + name + "".join(after)
        folded = normalize(line, keep_case=True, collapse=False)
        for m in registry.find(line):
            quick = roles.classify_folded(folded, m)
            reading = roles._BEFORE_NAME.read(roles.near(folded[: m.start]))
            slow = "cross_reference" if roles._XREF.match(folded) else roles._role(folded, m, reading, folded[m.end :])
            assert quick == slow, (line, m.start)


def test_a_body_line_is_classified_from_the_body_s_one_fold():
    # sightings() hands classify the body's folded line instead of folding each line again.
    from auditor.text.body import Body

    registry = load_registry([default_rules_dir()])
    body = Body(LINES, 1)
    for line, folded in zip(LINES, body.folded_lines, strict=True):
        for m in registry.find(line):
            assert roles.classify_folded(folded, m) == roles.classify(line, m), line
