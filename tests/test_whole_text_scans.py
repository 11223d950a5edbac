"""Whole-body scans must find what a line-by-line pass finds: they only decide where to look."""

from hypothesis import given
from hypothesis import strategies as st

from auditor.analysis.segment import headline_marks
from auditor.datafiles import default_rules_dir
from auditor.ingest.lines import LINE_COST, LazyLines
from auditor.outlets.matcher import load_registry
from auditor.outlets.publisher import load_styles
from auditor.outlets.unlisted import unlisted_mentions
from auditor.reuse.prints import MIN_WORDS, paragraph_keys
from auditor.text.body import Body
from auditor.text.normalize import normalize
from auditor.text.safe_regex import (
    any_line_set,
    compile_pattern,
    lines_to_check,
    pattern_set,
)

REG = load_registry([default_rules_dir()])
STYLES = tuple(s.pattern for s in load_styles([default_rules_dir()]))
PIECES = [
    "ERBIL, Kurdistan Region -",
    "A+ A-",
    "Reuters",
    "(AFP) -",
    "told Rudaw",
    "The National",
    "Updated:",
    "May 3, 2021 11:02 AM",
    "READ:",
    "Source: Al Jazeera",
    "editorial team at AlKhaleej Today",
    "  ",
    "\t",
    "Antichrist",
    "the",
    "said",
    "on",
    "Monday.",
    "...",
    "“quoted”",
    "—",
    "İstanbul",
    "ﬁnal",
    "5 MIN READ",
    "[Name/Anadolu Agency]",
    "Photograph: Someone/The Guardian",
    "Baghdad",
    "al-Sadr",
    "BAGHDAD -",
    "Sadr",
    "told the Quad-City Times",
    "Mountain View Gazette reported",
    "(Kenosha Courier) -",
]
line = st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join)
lines = st.lists(line, min_size=1, max_size=12)


@given(lines)
def test_prefilter_never_misses_a_line_that_matches_alone(ls):
    per_line = pattern_set(STYLES)
    whole = any_line_set(STYLES)
    body = Body(ls, 1)
    matching = [k for k, t in enumerate(ls) if per_line.Match(normalize(t.strip(), keep_case=True, collapse=False))]
    if matching:
        assert whole.Match(body.stripped_folded)
    assert set(matching) <= set(lines_to_check(STYLES, body.stripped_folded))


def test_a_match_across_lines_does_not_hide_one_inside_a_line():
    # "[^/]{2,60}" may run over the newline from line 0; line 1 matches by itself.
    patterns = ("Photograph: [^/]{2,60}/The Guardian",)
    text = "Photograph: someone\nPhotograph: AP/The Guardian"
    assert lines_to_check(patterns, text) == [0, 1]  # line 0 only a suspect: the per-line test clears it


def test_patterns_that_read_the_whole_text_get_no_prefilter():
    assert any_line_set((r"\Afoo",)) is None
    assert any_line_set(("(?-m)^foo$",)) is None
    assert any_line_set(("^foo$",)).Match("bar\nfoo\nbaz")


@given(lines)
def test_outlet_lines_from_one_pass_equal_a_pass_per_line(ls):
    body = Body(ls, 7)
    slow = [(7 + k, m.entity.name, m.start) for k, t in enumerate(ls) for m in REG.find(t)]
    fast = [(7 + k, m.entity.name, m.start) for k in REG.lines_hit(body) for m in REG.find(ls[k])]
    assert fast == slow


@given(lines)
def test_unlisted_outlets_from_one_pass_equal_a_pass_per_line(ls):
    whole = unlisted_mentions(Body(ls, 1))
    per_line = {k: found[0] for k, t in enumerate(ls) if (found := unlisted_mentions(Body([t], 1)))}
    assert {k: sorted((m.start, m.entity.name) for m in v) for k, v in whole.items()} == {
        k: sorted((m.start, m.entity.name) for m in v) for k, v in per_line.items()
    }


@given(lines)
def test_line_at_maps_offsets_back_to_their_line(ls):
    body = Body(ls, 1)
    for k in range(len(ls)):
        start = sum(len(t) + 1 for t in ls[:k])
        assert body.line_at(start) == k
        assert body.line_at(start + len(ls[k])) == k  # the newline belongs to its line


@given(lines)
def test_paragraph_keys_equal_the_per_line_recipe(ls):
    import re

    expected = []
    for k, t in enumerate(ls):
        collapsed = normalize(t, keep_case=True)
        if len(collapsed.split()) < MIN_WORDS:
            continue
        if any(
            compile_pattern(p).search(collapsed)
            for p in ("^(?:Updated|Published|Posted|Last modified|First published)\\b",)
        ):
            continue
        expected.append((k, re.sub(r"[^\w ]+", "", normalize(t))))
    got = paragraph_keys(ls, ("^(?:Updated|Published|Posted|Last modified|First published)\\b",))
    assert got == expected


LONG = "A paragraph of running text that goes on and on. " * 8  # longer than any headline


def test_next_marked_reads_blocks_and_skips_unmarked_lines():
    blocks = [[LONG, "Headline here", ""], [LONG, ""], ["Another headline"]]
    lines = LazyLines(iter(blocks), marker=headline_marks())
    assert lines.next_marked(0) == 1
    assert lines.next_marked(2) == 5  # read two more blocks to get there
    assert lines.next_marked(6) == 6 and not lines.has(6)
    lines.release(5)
    # A line costs its characters and LINE_COST (what CPython spends on holding it).
    assert lines[5] == "Another headline" and lines.buffered_chars() == len("Another headline") + LINE_COST


def test_next_marked_stops_reading_once_the_window_is_full():
    blocks = ([f"{LONG} {k}."] * 10 for k in range(1000))
    lines = LazyLines(blocks, marker=headline_marks())
    stop = lines.next_marked(0, max_chars=5000)
    assert 0 < stop <= 100 and lines.read_so_far() <= 100


def test_read_bodies_cuts_the_same_ranges_across_block_edges(tmp_path, monkeypatch):
    import random

    import auditor.ingest.sources as ingest
    from auditor.ingest.readback import read_bodies

    monkeypatch.setattr(ingest, "READ_BLOCK_BYTES", 7)  # many small blocks: ranges cross their edges
    lines = [f"line {k} " + "x" * (k % 5) for k in range(1, 60)]
    path = tmp_path / "d.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rng = random.Random(3)
    wanted = sorted({(str(path), a, a + rng.randrange(0, 9)) for a in (rng.randrange(1, 55) for _ in range(20))})
    got = dict(read_bodies(wanted))
    assert got == {(p, a, b): "\n".join(lines[a - 1 : b]) for p, a, b in wanted}


@given(st.lists(st.text(max_size=30), max_size=6))
def test_support_words_equal_a_regex_pass_over_the_text(texts):
    from auditor.text.lexicon import _WORDS, Support

    folded = " ".join(normalize(t, collapse=False) for t in texts).replace(".", "")
    words = set(_WORDS.findall(folded))
    words |= {w[:-2] for w in words if w.endswith("'s")}
    assert Support(*texts).words == words


@given(st.text())
def test_dropping_punctuation_by_byte_table_equals_the_regex(text):
    import re

    from auditor.reuse.prints import drop_punctuation

    assert drop_punctuation(text) == re.sub(r"[^\w \n]+", "", text)
    ascii_text = text.encode("ascii", "ignore").decode()
    assert drop_punctuation(ascii_text) == re.sub(r"[^\w \n]+", "", ascii_text)


BODY_WORDS = [
    "Iraq",
    "Iraqi",
    "Kurds",
    "went",
    "spies",
    "militias",
    "leader's",
    "U.S.",
    "returned",
    "Christian",
    "gives",
    "e-mail",
    "al-Sadr",
    "told",
    "men",
    "women",
    "Beast",
    "ties",
    "x",
]


@given(
    st.lists(st.sampled_from(BODY_WORDS + ["the", "of", ",", "(", ")", "’s"]), max_size=30),
    st.sampled_from(
        BODY_WORDS + ["Iraqis", "go", "spy", "tie", "Christ", "Kurdish", "returns", "mail", "Sadr's", "US", "ox"]
    ),
)
def test_the_substring_shortcut_never_changes_an_answer(body, word):
    from auditor.text.lexicon import Support

    text = " ".join(body)
    quick = Support(text)
    thorough = Support(text)
    thorough._may_hold = lambda s: True  # always build the word set and run every check
    assert quick.supports(word) == thorough.supports(word)


def test_patterns_without_a_prefilter_send_every_line_to_the_per_line_test():
    assert lines_to_check((r"\Afoo",), "a\nb\nfoo") == [0, 1, 2]
    assert lines_to_check((), "a\nb") == []
