"""How alike two headlines are as "the same headline, rewritten": 0 (unrelated) to 1 (the same).

``rewrite_similarity`` is the larger of two views of one edit (measured on 8,841 real edited
headlines and 75,081 pairs of different lines from the humicroedit development set; the
figures are in settings.py):

- word-level Levenshtein similarity, 1 - edits / longer word count: one word swapped in a
  ten-word headline gives 0.9, and two unrelated lines only the words that line up by
  chance. It degrades gracefully when several spans changed.
- "one span replaced": the common character prefix plus suffix over the longer length. It
  rescues short headlines, where one word is a large share of the words ("Sadr visits Najaf"
  / "Sadr kisses Najaf": 0.67 by words, 0.71 by characters).

Both are blind to a shared single word, the flaw that made WRatio pair a short line with any
longer line sharing "for" (0.855). A side that ends in an ellipsis is compared with the other
side's prefix of about its length, since the ellipsis cut the original short.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein, Postfix, Prefix

from auditor.text.normalize import normalize

# A truncated side must keep this many words before its ellipsis to be compared as a prefix.
MIN_TRUNCATED_WORDS = 3
# The edit may change the word count before the cut: prefixes this many words around it are tried.
PREFIX_SLACK = 2
_ELLIPSIS_END = re.compile(r"\s*(?:…|\.\.\.)\s*$")
# Letters and digits with inner ' - . & , ("U.S.", "don't", "2,000" stay one word).
_WORD = re.compile(r"[^\W_](?:[\w'\-.&,]*[^\W_])?")
_STOPWORDS = frozenset(
    "a an the and or but nor of in on at to for from by with without as is are was were be been being it its "
    "this that these those he she they we you i his her their our your my him them us not no so if than then "
    "there here what who whom whose which when where why how all any some says said say will would can could "
    "should may might must do does did has have had 's over into out up down about after before off new just "
    "more most also".split()
)


def strip_ellipsis(text: str) -> tuple[str, bool]:
    """The text without a final ellipsis, and whether it had one."""
    m = _ELLIPSIS_END.search(text)
    return (text[: m.start()], True) if m else (text, False)


# The caches below serve one pairing window (a line is compared with its neighbours a few times);
# CACHE_TEXTS covers some eighty articles' lines. Larger ones only held memory: at 1 << 15 entries
# (a long line's word tuple is kilobytes) they grew peak RSS with input size until full.
CACHE_TEXTS = 1 << 12


@lru_cache(maxsize=CACHE_TEXTS)
def _normal(text: str) -> str:
    return normalize(text)


@lru_cache(maxsize=CACHE_TEXTS)
def words(text: str) -> tuple[str, ...]:
    """Normalised words; a possessive 's is its own word, so "China's" lines up with "China"."""
    out: list[str] = []
    for w in _WORD.findall(normalize(text)):
        out += [w[:-2], "'s"] if w.endswith("'s") and len(w) > 2 else [w]
    return tuple(out)


def _affix(x: str, y: str) -> int:
    """Length of the common prefix plus the common suffix (not overlapping)."""
    p = Prefix.similarity(x, y)
    return p + Postfix.similarity(x[p:], y[p:])


def _by_words(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a or not b:
        return 0.0
    return 1.0 - Levenshtein.distance(a, b) / max(len(a), len(b))


def _by_affix(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return _affix(a, b) / max(len(a), len(b))


def _word_prefix(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text``, extended to the end of the word they stop in."""
    end = chars
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[:end]


def _truncated(a: str, b: str) -> tuple[str, str] | None:
    """(full side, truncated side without its ellipsis) when exactly one side is cut short."""
    for full, cut in ((a, b), (b, a)):
        kept, had = strip_ellipsis(cut)
        if had and len(words(kept)) >= MIN_TRUNCATED_WORDS and not strip_ellipsis(full)[1]:
            return full, kept
    return None


@lru_cache(maxsize=CACHE_TEXTS)
def rewrite_similarity(a: str, b: str) -> float:
    """0..1: could ``a`` be ``b`` with a span or two rewritten (either side maybe cut by "…")?"""
    pair = _truncated(a, b)
    if pair is None:
        return max(_by_words(words(a), words(b)), _by_affix(_normal(a), _normal(b)))
    full, cut = pair
    wf, wc = words(full), words(cut)
    lo, hi = max(1, len(wc) - PREFIX_SLACK), min(len(wf), len(wc) + PREFIX_SLACK)
    best = max((_by_words(wf[:j], wc) for j in range(lo, hi + 1)), default=0.0)
    nf, nc = _normal(full), _normal(cut)
    return max(best, _by_affix(_word_prefix(nf, len(nc)), nc))


def shared_content_words(a: str, b: str) -> int:
    """Content words (stop words out, compared on their first five letters) the two lines share."""

    def stems(text: str) -> set[str]:
        return {w[:5] for w in words(text) if w not in _STOPWORDS}

    return len(stems(a) & stems(b))
