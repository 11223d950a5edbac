"""How much a line looks like a headline: a log-odds prior from its shape, never a verdict alone.

Each feature shifts the prior by its weight (settings.shape_weights, measured on real
headlines and body lines). Pairing decides from the evidence of a pair (two lines that are
one headline rewritten); the prior only says how much of that evidence a line needs.
"""

from __future__ import annotations

import re

# A final "U.S." or "Sen." is an abbreviation, not the end of a sentence.
_ABBREVIATION_END = re.compile(
    r"(?:\b[A-Z]\.){1,3}$|\b(?:Sen|Rep|Gov|Gen|Dr|Mr|Mrs|Ms|St|Jr|Sr|Lt|Col|Inc|Corp|Co|Ltd|vs|No|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Dept|Ave)\.$"
)
# Every match of _ABBREVIATION_END ends at the end of the text (or before a final newline) and
# is at most six characters long ("U.S.A.", "Sept."): it starts within the last seven.
_ABBREVIATION_REACH = 7
_SENTENCE_BREAK = re.compile(r"[\w'’\")\]]{2,}[.!?]['’\"”]?\s+[A-Z‘“\"'(]")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SMALL_WORDS = frozenset("a an the and or but of in on at to for by with as is from vs via into over".split())
_SAID = re.compile(r"\b(?:said|says|told)\b")
_LATIN = re.compile(r"[A-Za-z]")
_LINK_HANDLE_PRICE = re.compile(r"https?://|www\.|@\w|\$\d")


def word_list(text: str) -> list[str]:
    """Words as a reader counts them: runs that start with a letter."""
    return _WORD.findall(text)


def ends_with_abbreviation(text: str) -> bool:
    """Does ``text`` end in an abbreviation ("Sen.", "U.S.")? Searched from where a match can
    start only (the characters before still decide ``\b``): a search of the whole line tried
    every position of it, 10 us on a body line."""
    return _ABBREVIATION_END.search(text, max(0, len(text) - _ABBREVIATION_REACH)) is not None


def ending(t: str) -> str | None:
    if t.endswith(("…", "...")):
        return "ends_ellipsis"
    if t.endswith(".") and not ends_with_abbreviation(t):
        return "ends_full_stop"
    if t[-1:] in ":,;(-–—*":
        return "ends_clause_mark"
    if t[-1:] in "”\"’'" and len(t) > 1 and t[-2] in ".,":
        return "ends_stop_inside_quote"
    return None


def _sentence_break(t: str) -> bool:
    for m in _SENTENCE_BREAK.finditer(t):
        head = t[: m.start() + len(m.group(0).split()[0])]
        if not ends_with_abbreviation(head):
            return True
    return False


def features(text: str, words: list[str] | None = None) -> set[str]:
    """The shape features of one line (names as in settings.shape_weights)."""
    t = text.strip()
    w = word_list(t) if words is None else words
    n = len(w)
    fs: set[str] = set()
    if n < 3:
        fs.add("under_3_words")
    elif n > 25:
        fs.add("over_25_words")
    elif n > 18:
        fs.add("words_19_25")
    if len(t) > 200:
        fs.add("over_200_chars")
    end = ending(t)
    if end:
        fs.add(end)
    if _sentence_break(t):
        fs.add("sentence_break_inside")
    if t.lstrip("‘“\"'([")[:1].islower():
        fs.add("lowercase_first")
    if t[:1] in "“\"‘'":
        fs.add("starts_with_quote")
    if t.isupper():  # every cased character upper, and there is one
        fs.add("all_caps")
    if title_case(w):
        fs.add("title_case")
    if n > 12 and _SAID.search(t):
        fs.add("said_in_long_line")
    if not _LATIN.search(t):
        fs.add("no_latin_letters")
    if _LINK_HANDLE_PRICE.search(t):
        fs.add("url_handle_or_price")
    return fs


_LOWER_LONG_WORD = re.compile(r"(?<![\w'’\-])[a-z][a-z'’\-]{3,}")


def title_case(words: list[str], text: str | None = None) -> bool:
    """75% or more of the longer words capitalised (3 at least): "Minister Warns Of Floods"."""
    if text is not None and len(_LOWER_LONG_WORD.findall(text)) > 4 + len(words) // 4:
        return False  # a quick count in C: too many lower-case words (small ones allowed for)
    long_words = [x for x in words if len(x) >= 4 and x.lower() not in _SMALL_WORDS]
    return len(long_words) >= 3 and sum(x[0].isupper() for x in long_words) / len(long_words) >= 0.75


def shape_prior(text: str, weights: dict[str, float], words: list[str] | None = None) -> float:
    """Log-odds shift: above 0 the line reads like a headline, below like running text or furniture."""
    return sum(weights.get(f, 0.0) for f in features(text, words))
