"""Where a name found by the automaton starts and ends: whole words, glued page furniture, scripts.

Latin names need a non-letter on each side; Korean names take particles after them
(엔터미디어는); Chinese and Japanese run names into the text without spaces; a Latin name next to
Hangul ends there ("MBC와").
"""

from __future__ import annotations

import re


def _script(c: str) -> str:
    """'hangul', 'cjk' (Han, kana: written without spaces) or 'other'."""
    o = ord(c)
    if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    if 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
        return "cjk"
    return "other"


def _touches(edge: str, neighbour: str, right: bool, short: bool) -> bool:
    """Does ``neighbour`` continue the word whose last (or first) letter is ``edge``?"""
    if not (neighbour.isalnum() or neighbour == "_"):
        return False
    a, b = _script(edge), _script(neighbour)
    if a == "cjk" or b == "cjk":
        # Chinese and Japanese run names into the text without spaces; a two-character name
        # ("求是") is too often part of a longer word to be read that way.
        return short and a == b
    if a == "hangul":
        return b == "hangul" and not right  # particles follow a Korean name: 엔터미디어는
    return b == "other"  # Latin next to Hangul changes script: "MBC와" ends the name


_NEXT_WORD = re.compile(r" ([^\W\d_][\w'’-]*|\d)")
_CAPS_WORD = re.compile(r"[A-Z]{2,}")
# A capitalised word after an ordinary-word name makes it part of another name ("The National
# Assembly", "Sputnik V") unless the word says what kind of outlet it is ("AP Photo").
_MEDIA_NEXT = frozenset("Photo Photos News TV Radio Television Online Newspaper Magazine Network Channel".split())


def _neighbours_in_capitals(text: str, start: int, end: int) -> bool:
    """Is a short capitals alias standing among words in capitals ("THE FOX NEWS APP")?"""
    before = text[:start]
    after = text[end:]
    prev = before[:-1].rsplit(" ", 1)[-1] if before.endswith(" ") else ""
    nxt = after[1:].split(" ", 1)[0] if after.startswith(" ") else ""
    return any(_CAPS_WORD.fullmatch(w.strip(".,:;!?")) for w in (prev, nxt) if w)


def boundaries(text: str, start: int, end: int, *, ambiguous: bool, short_caps: bool, short: bool) -> tuple[bool, bool]:
    """Is this a whole-word match? Glued text counts where page furniture glues it.

    ``ambiguous``: the alias is also an ordinary phrase; ``short_caps``: a short alias in
    capitals ("AP"); ``short``: two characters or fewer.
    """
    if start > 0 and _touches(text[start], text[start - 1], right=False, short=short):
        return False, False
    if short_caps and _neighbours_in_capitals(text, start, end):
        return False, False
    if end < len(text) and ambiguous:
        nxt = _NEXT_WORD.match(text, end)
        # "The Verge of", "Fortune 500", "The National Assembly": part of another phrase.
        if nxt and (nxt.group(1) in ("of", "de") or nxt.group(1)[0].isdigit()):
            return False, False
        if nxt and nxt.group(1)[0].isupper() and nxt.group(1) not in _MEDIA_NEXT:
            return False, False
    if end >= len(text) or not _touches(text[end - 1], text[end], right=True, short=short):
        return True, False
    last, nxt_char = text[end - 1], text[end]
    # "NewsApril 19", "Anadolu10:32 PM", "eg24.news2": a name glued to a date or a number.
    if (last.islower() and (nxt_char.isupper() or nxt_char.isdigit())) or (last.isalpha() and nxt_char.isdigit()):
        return True, True
    # "The Nationala": a stray letter or two after a name that fills the whole line.
    if len(text[end:].strip()) <= 2 and not text[:start].strip():
        return True, True
    return False, False
