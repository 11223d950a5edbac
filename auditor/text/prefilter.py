"""A Python regex searched behind an RE2 pattern that matches wherever it does, and more.

The role cues (outlets/roles.py) are Python regexes that end in ``$``: Python's engine tries
each start position of the text before a name, and a cue of eighty alternatives costs tens of
microseconds a mention. RE2 reads such a pattern backwards from the end in a few. RE2 is not
Python's engine, though: ``\\w``, ``\\b`` and ``\\s`` are ASCII in RE2 and Unicode in Python,
RE2 has no lookaround, and its case folding leaves out a few letters Python's takes in.

So RE2 is only asked "could the Python pattern match here?", with a pattern translated to
match a superset of what the Python pattern matches (a word boundary dropped, a word
character widened to any non-space, Python's whitespace spelled out, a lookaround dropped,
a dotted and dotless i added to each case-blind i). Where RE2 says no, Python would say no;
where it says maybe, the Python pattern decides. The answers are Python's, always
(tests/test_prefilter.py checks both claims on text of many scripts).
"""

from __future__ import annotations

import re
from typing import Any

from auditor.text.safe_regex import compile_pattern, pattern_set, syntax_positions

# Every character Python's ``\s`` matches in a str pattern (str.isspace; a test checks the list).
PY_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
_PY_SPACE = r"[\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
_ANY = "(?s:.)"
_NOT_SPACE = "\\S"  # RE2's \S leaves out ASCII whitespace only: it holds every Python \w and \d
# Outside a class: Python escape -> an RE2 pattern matching at least what it matches.
_WIDER = {"b": "", "B": "", "w": _NOT_SPACE, "d": _NOT_SPACE, "W": _ANY, "D": _ANY, "s": _PY_SPACE, "S": _NOT_SPACE}
_KEPT = set("\\.^$*+?{}[]()|/-'\"#&~ ,:;!=<>@%`ntrfvx")  # escapes RE2 reads the same
# Under re.IGNORECASE Python also takes the dotted capital I and the dotless i for an i.
_CASE_BLIND_I = "[iI\u0130\u0131]"


class Unsupported(ValueError):
    """A construct the translation does not handle: the pattern runs on Python alone."""


def _group_end(p: str, i: int) -> int:
    """The index just past the group that opens at ``p[i]`` (a "(")."""
    depth = 0
    for j in syntax_positions(p, i):
        if p[j] == "(":
            depth += 1
        elif p[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    raise Unsupported("unbalanced group")


def _class(p: str, i: int, blind: bool) -> tuple[str, int]:
    """Translate the class that opens at ``p[i]``; return it and the index past it."""
    j = i + 1
    negated = p[j : j + 1] == "^"
    j += negated
    if p[j : j + 1] == "]":
        j += 1
    members, shorthand = [], set()
    while j < len(p) and p[j] != "]":
        if p[j] == "\\":
            e = p[j + 1 : j + 2]
            if e in "bB":
                raise Unsupported("\\b in a class")
            if e in _WIDER:
                shorthand.add(e)
            elif e == "u":
                members.append(f"\\x{{{p[j + 2 : j + 6]}}}")
                j += 6
                continue
            else:
                members.append(p[j : j + 2])
            j += 2
            continue
        members.append(p[j])
        j += 1
    if j >= len(p):
        raise Unsupported("unterminated class")
    body = "".join(members)
    if shorthand:
        # Word characters, digits and other non-spaces (say [\w-]) stay within RE2's \S; any
        # other class with a shorthand in it becomes any character. Both hold the class.
        spaceless = not negated and shorthand <= {"w", "d", "S"} and not any(m.isspace() for m in members)
        return (_NOT_SPACE if spaceless and not re.search(r"\\[trnfv]|\\x", body) else _ANY), j + 1
    if blind and not negated and re.search(r"[iI]|[A-Za-z]-[A-Za-z]", body):
        body += "\u0130\u0131"
    return "[" + ("^" if negated else "") + body + "]", j + 1


def superset_pattern(rx: re.Pattern[str]) -> str:
    """An RE2 pattern matching every text ``rx`` matches (by ``search``), perhaps more."""
    if rx.flags & (re.VERBOSE | re.LOCALE):
        raise Unsupported("verbose or locale flag")
    p, out, i = rx.pattern, [], 0
    blind, multiline = bool(rx.flags & re.IGNORECASE), bool(rx.flags & re.MULTILINE)
    while i < len(p):
        c = p[i]
        if c == "\\":
            e = p[i + 1 : i + 2]
            if e in _WIDER:
                out.append(_WIDER[e])
            elif e == "u":
                out.append(f"\\x{{{p[i + 2 : i + 6]}}}")
                i += 6
                continue
            elif e in _KEPT or e == "A":
                out.append(p[i : i + 2])
            elif e == "Z":
                out.append("\\z")
            else:
                raise Unsupported(f"escape \\{e}")
            i += 2
        elif c == "[":
            cls, i = _class(p, i, blind)
            out.append(cls)
        elif c == "(" and p.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?#"), i):
            i = _group_end(p, i)  # a lookaround only narrows a match: leave it out
            if p[i : i + 1] in ("*", "?", "+", "{"):
                raise Unsupported("quantified lookaround")
        elif c == "(" and p.startswith("(?P<", i):
            out.append("(?:")
            i = p.index(">", i) + 1
        elif c == "(" and p.startswith("(?", i) and not p.startswith("(?:", i):
            raise Unsupported("inline flags or group extension")
        elif c == "$" and not multiline:
            out.append("(?:\\n?\\z)")  # Python's $ also matches before a final newline
            i += 1
        elif blind and c in "iI":
            out.append(_CASE_BLIND_I)
            i += 1
        else:
            out.append(c)
            i += 1
    flags = ("i" if blind else "") + ("m" if multiline else "") + ("s" if rx.flags & re.DOTALL else "")
    return (f"(?{flags})" if flags else "") + "".join(out)


class Prefiltered:
    """``rx`` behind its RE2 superset: ``search`` answers as ``rx.search`` does, faster."""

    __slots__ = ("_pre", "pattern", "rx", "superset")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.pattern = rx.pattern
        try:
            self.superset: str | None = superset_pattern(rx)
            compile_pattern(self.superset)  # RE2 refuses it here (ValueError) or not at all
            # A set of one: its Match() answers yes or no, for half the wrapper's cost of search().
            self._pre: Any = pattern_set((self.superset,))
        except (Unsupported, ValueError):
            self.superset = self._pre = None  # not translatable: Python alone, as before

    def search(self, text: str) -> re.Match[str] | None:
        if self._pre is not None and self._pre.Match(text) is None:
            return None
        return self.rx.search(text)


def prefiltered(pattern: str, flags: int = 0) -> Prefiltered:
    """``re.compile(pattern, flags)`` searched behind an RE2 prefilter."""
    return Prefiltered(re.compile(pattern, flags))


class CueSet:
    """Prefiltered patterns read on the same text (say, the words before a name): one RE2 pass
    over the text tells which of them may match it, instead of one call each."""

    def __init__(self, *members: Prefiltered) -> None:
        untranslated = [m.pattern for m in members if m.superset is None]
        if untranslated:
            raise Unsupported(f"no RE2 superset for {untranslated[0]!r}")
        self._index = {id(m): k for k, m in enumerate(members)}
        self._set = pattern_set(tuple(m.superset or "" for m in members))

    def read(self, text: str) -> Reading:
        return Reading(text, frozenset(self._set.Match(text) or ()), self._index)


class Reading:
    """One text as a CueSet read it: ``search(p)`` is ``p.search(text)``, asking Python only
    when the set's pass says the pattern may match."""

    __slots__ = ("_index", "_maybe", "text")

    def __init__(self, text: str, maybe: frozenset[int], index: dict[int, int]) -> None:
        self.text, self._maybe, self._index = text, maybe, index

    def may_match_any(self) -> bool:
        """Could any pattern of the set match this text? (No means every ``search`` is None.)"""
        return bool(self._maybe)

    def search(self, p: Prefiltered) -> re.Match[str] | None:
        k = self._index.get(id(p))
        if k is None:
            return p.search(self.text)
        return p.rx.search(self.text) if k in self._maybe else None
