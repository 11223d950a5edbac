"""A body is folded once; every other view is cut or derived from that fold, and must equal
what normalising each view on its own gives, whatever the text holds."""

from hypothesis import given
from hypothesis import strategies as st

from auditor.text.body import Body
from auditor.text.lexicon import Support
from auditor.text.normalize import normalize, normalize_lines

# Letters, the characters folding and NFKC change (quotes, dashes, odd spaces, ligatures,
# full-width and compatibility forms), and the ones str.strip() and folding disagree on.
ALPHABET = st.sampled_from(
    list("ab AZ.'`\t")
    + ["’", "“", "—", "\u00a0", "\u2009", "\u3000", "\u200b", "\ufeff", "\u2028", "\x85", "\x1c"]
    + ["ﬁ", "Ａ", "²", "İ", "ß", "é", "e\u0301", "ل", "한"]
)
LINES = st.lists(st.lists(ALPHABET, max_size=12).map("".join), min_size=1, max_size=6)


@given(LINES)
def test_views_cut_from_the_one_fold_equal_folding_each(lines):
    body = Body(lines, 1)
    stripped = "\n".join(line.strip() for line in lines)
    assert body.stripped_folded == normalize(stripped, keep_case=True, collapse=False)
    assert body.stripped_folded_lines == body.stripped_folded.split("\n")
    assert body.lowered == normalize(body.text, collapse=False)
    assert body.collapsed_lines == normalize_lines(lines, keep_case=True)


# Text NFKC leaves as it is, with every kind of space str.split() cuts at: the lines of such a
# body are collapsed from the fold by one scan for the lines that need it (text/body.py).
STABLE = st.sampled_from(list("ab .’“é한\t\r\x0b\x0c\x1c\x1f\x85") + ["  ", "\u2028", "\u2029", "\u1680", "\u205f"])


@given(st.lists(st.lists(STABLE, max_size=12).map("".join), min_size=1, max_size=6))
def test_collapsed_lines_from_one_scan_equal_collapsing_each(lines):
    body = Body(lines, 1)
    assert body.collapsed_lines == [" ".join(t.split()) for t in body.folded_lines]
    assert body.collapsed_lines == normalize_lines(lines, keep_case=True)


@given(LINES)
def test_support_from_the_fold_is_support_of_the_text(lines):
    body = Body(lines, 1)
    assert Support.of_normalized(body.lowered).folded == Support(body.text).folded


WORDISH = st.sampled_from(
    ["iraq", "iraqi", "iraq's", "kurd", "kurdish", "told", "tell", "tells", "said", "say", "city", "cities"]
    + ["evacuate", "evacuation", "christ", "christian", "-", "'s", "’s", "_", "a", "ab", "y", "by", "men", "man"]
)
TEXTS = st.lists(st.sampled_from([" ", "\n", "\u3000", "\u2028", "-", ".", "'", "x"]) | WORDISH, max_size=30).map(
    "".join
)


class WholeSetSupport(Support):
    """Every question answered from the whole word set, as before the needles."""

    @staticmethod
    def _needles(s):
        return [""]


@given(TEXTS, st.lists(WORDISH | st.text(max_size=6), min_size=1, max_size=5))
def test_support_asks_only_the_tokens_a_word_can_be_in(text, questions):
    fast, full = Support(text), WholeSetSupport(text)
    for q in questions:
        assert fast.supports(q) == full.supports(q), q
        assert fast.plus("Kurds say").supports(q) == full.plus("Kurds say").supports(q), q
