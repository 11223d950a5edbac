"""The one text normaliser shared by the aligner, the rules and outlet matching."""

from __future__ import annotations

import re
import unicodedata

# Every mapping is one character to one character, so a folded string keeps the offsets of
# the text it came from: matches found in folded text point straight back into the file.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u0060": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2008": " ",
        "\u205f": " ",
        "\u3000": " ",
        "\t": " ",
        "\u200b": " ",
        "\ufeff": " ",
    }
)
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]")


def fold(text: str) -> str:
    """Fold quotes, apostrophes, dashes and spaces to ASCII, one character for one."""
    # A regex scan in C lists the few kinds of character to fold, then one replace() each:
    # translate() would look up every character, a sub() callback run Python per match.
    for ch in set(_FOLDABLE.findall(text)):
        text = text.replace(ch, _FOLD[ord(ch)])
    return text


def lower_same_length(text: str) -> str:
    """Lower-case without changing the length (a few characters grow under str.lower)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _fold_all(text: str, nfkc: bool) -> str:
    """NFKC (if asked) and fold; ASCII text, most text, only has a backtick and tabs to fold."""
    if text.isascii():
        return text.replace("`", "'").replace("\t", " ") if "`" in text or "\t" in text else text
    return fold(unicodedata.normalize("NFKC", text) if nfkc else text)


def normalize(text: str, *, keep_case: bool = False, collapse: bool = True) -> str:
    """Fold quotes, apostrophes, dashes and whitespace, and lower-case unless told not to.

    With ``collapse=False`` the result has the same length as ``text`` so offsets carry over.
    """
    out = _fold_all(text, nfkc=collapse)
    if collapse:
        out = " ".join(out.split())
    if keep_case:
        return out
    return out.lower() if out.isascii() else lower_same_length(out)  # ASCII: no letter grows


def normalize_lines(lines: list[str], *, keep_case: bool = False) -> list[str]:
    """``[normalize(line, keep_case=...) for line in lines]``, folding the joined text at once."""
    if not lines:
        return []
    # split()/join() per line in C beats a whitespace regex, which pays for every space.
    out = [" ".join(t.split()) for t in _fold_all("\n".join(lines), nfkc=True).split("\n")]
    return out if keep_case else [lower_same_length(t) for t in out]
