from hypothesis import given
from hypothesis import strategies as st

from auditor.text.normalize import fold, normalize


def test_quotes_dashes_spaces_and_case_fold_to_one_form():
    assert normalize("Antichrist’s\u00a0Men — “now”") == 'antichrist\'s men - "now"'


def test_keep_case_and_collapse():
    assert normalize("  The\u2009National\n", keep_case=True) == "The National"


@given(st.text())
def test_uncollapsed_normalize_keeps_offsets(text):
    assert len(normalize(text, collapse=False)) == len(text)
    assert len(fold(text)) == len(text)


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\n\r")), max_size=8))
def test_normalize_lines_equals_normalize_per_line(lines):
    from auditor.text.normalize import normalize_lines

    assert normalize_lines(lines, keep_case=True) == [normalize(t, keep_case=True) for t in lines]
    assert normalize_lines(lines) == [normalize(t) for t in lines]


def test_backticks_fold_in_ascii_text_too():
    assert normalize("the `quoted` word") == normalize("the ‘quoted’ word") == "the 'quoted' word"
