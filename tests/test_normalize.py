from hypothesis import given, strategies as st

from auditor.normalize import fold, normalize


def test_quotes_dashes_spaces_and_case_fold_to_one_form():
    assert normalize("Antichrist’s\u00a0Men — “now”") == "antichrist's men - \"now\""


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
