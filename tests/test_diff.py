from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.analysis.diff import diff_headlines


def test_substitution_keeps_exact_text_of_the_altered_headline():
    d = diff_headlines("Iraqi militias announce ceasefire", "Antichrist’s men announce ceasefire")
    assert [s.text for s in d.inserted] == ["Antichrist’s men"]
    assert [s.text for s in d.replaced] == ["Iraqi militias"]
    assert d.kind == "substitution"


def test_phrase_replacement_and_dropped_suffix():
    d = diff_headlines("Violence escalates against protesters, report says", "Violence escalates from Antichrist’s men")
    assert [s.text for s in d.inserted] == ["Antichrist’s men"]
    assert "report says" in [s.text for s in d.replaced + d.deleted]


def test_unchanged_headline_has_no_edits():
    d = diff_headlines("Oil exports rise", "Oil\u00a0exports rise")
    assert d.kind == "unchanged" and d.edits == [] and d.inserted == []


def test_pure_insertion():
    d = diff_headlines("Dam levels fall in Mosul", "Dam levels fall in Mosul: Revelation 16:12")
    assert d.kind == "insertion"
    assert [s.text for s in d.inserted] == ["Revelation 16:12"]


def test_edit_offsets_point_into_both_headlines():
    o, a = "Sadr calls for calm", "Antichrist calls for calm"
    [e] = diff_headlines(o, a).edits
    assert a[e.altered.start : e.altered.end] == "Antichrist"
    assert o[e.original.start : e.original.end] == "Sadr"


words = st.lists(
    st.sampled_from(
        ["Sadr", "the", "Antichrist’s", "men", "Iraq", "calls", ":", "13", "for", "calm", "–", "Beast\u00a0"]
    ),
    max_size=12,
)


@settings(max_examples=300)
@given(words, words)
def test_inserted_terms_are_substrings_of_the_altered_headline(orig, alt):
    original, altered = " ".join(orig), " ".join(alt)
    d = diff_headlines(original, altered)
    for s in d.inserted:
        assert altered[s.start : s.end] == s.text and s.text
    for s in d.replaced + d.deleted:
        assert original[s.start : s.end] == s.text and s.text


def test_an_inserted_epithet_keeps_its_article_a_small_word_does_not():
    d = diff_headlines("New buses reach the old depot", "New buses of the Beast reach the old depot")
    assert [s.text for s in d.inserted] == ["the Beast"]
    d = diff_headlines("Workers repair the bridge", "Workers repair the old bridge")
    assert [s.text for s in d.inserted] == ["old"]


def test_an_ellipsis_the_altered_headline_keeps_is_part_of_the_title():
    d = diff_headlines("Only Those Who Wait…", "Only Those Who Wait… Antichrist")
    assert not d.truncated_original and [s.text for s in d.inserted] == ["Antichrist"]
