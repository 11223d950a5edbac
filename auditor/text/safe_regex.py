"""Regular expressions from data files run on RE2: linear time, so no rule can hang a run."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

# RE2 refuses to build programs bigger than this, so a hostile rule cannot eat memory either.
RE2_MAX_MEM = 8 << 20


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> Any:  # an re2 regexp (re2 ships no type hints)
    """Compile with RE2; raise ValueError with RE2's reason when it refuses the pattern."""
    import re2

    opts = re2.Options()
    opts.max_mem = RE2_MAX_MEM
    opts.log_errors = False
    try:
        return re2.compile(pattern, opts)
    except re2.error as exc:
        raise ValueError(f"RE2 cannot compile it ({exc})") from None


@lru_cache(maxsize=16)
def pattern_set(patterns: tuple[str, ...]) -> Any:
    """Many patterns in one RE2 set: one scan of a line says which of them match (None if none)."""
    import re2

    if not patterns:
        return None
    matcher = re2.Set.SearchSet(re2.Options())
    for p in patterns:
        matcher.Add(p)
    matcher.Compile()
    return matcher


# A pattern with these no longer matches the same inside a multi-line text as on its line.
_WHOLE_TEXT_ONLY = ("\\A", "\\z", "-m")


@lru_cache(maxsize=16)
def any_line_set(patterns: tuple[str, ...]) -> Any:
    """The same patterns, free to match inside any line of a multi-line text: a prefilter.

    Whatever a pattern matches on one line alone it matches here too (``^`` and ``$`` take
    line ends), so a text with no hit needs no per-line test; a hit may still be spurious (a
    pattern may run across a newline), so hits get the per-line test. None: no prefilter.
    """
    if not patterns or any(mark in p for p in patterns for mark in _WHOLE_TEXT_ONLY):
        return None
    return pattern_set(tuple(f"(?m:{p})" for p in patterns))


def lines_to_check(patterns: tuple[str, ...], text: str) -> list[int]:
    """The lines of a multi-line text on which some pattern may match by itself, 0-based.

    Every line when the patterns allow no prefilter. For each pattern the one scan hit, a
    search runs from each line start on: the leftmost match from there starts at or before
    any match the line itself holds, so no such line is skipped; every line listed still
    gets the per-line test.
    """
    if not patterns:
        return []
    prefilter = any_line_set(patterns)
    if prefilter is None:
        return list(range(text.count("\n") + 1))
    data = text.encode("utf-8")
    out: set[int] = set()
    for k in prefilter.Match(data) or ():
        out.update(lines_matching(compile_pattern(f"(?m:{patterns[k]})"), data))
    return sorted(out)


def lines_matching(rx: Any, data: bytes) -> Iterator[int]:
    """The 0-based number of each line of ``data`` (UTF-8) on which the RE2 ``rx`` finds a match
    starting, once each, in order.

    RE2 reads UTF-8: given a str, the wrapper encodes the whole text at every call and maps
    offsets back, so a loop of searches on a str is quadratic. The caller encodes the text once,
    and newlines are counted in the bytes (a line's number is the same in both).
    """
    pos = line = counted = 0
    while (m := rx.search(data, pos)) is not None:
        start = m.start()
        line += data.count(b"\n", counted, start)
        counted = start
        yield line
        nl = data.find(b"\n", start)
        if nl < 0:
            return
        pos = nl + 1


def syntax_positions(pattern: str, start: int = 0) -> Iterator[int]:
    """Indexes from ``start`` of the characters outside escapes and character classes, where
    groups and repeats are read (a class is skipped whole; a "]" first in it, after any "^",
    is a member, not its end)."""
    i, n = start, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i += 2 if pattern[i + 1 : i + 2] == "^" else 1
            if pattern[i : i + 1] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
        else:
            yield i
            i += 1


def nested_unbounded_repeat(pattern: str) -> str | None:
    """The first group that repeats without bound and holds an unbounded repeat, e.g. ``(a+)+``.

    RE2 runs such a pattern in linear time, but the same rule file may be reused with a
    backtracking engine (Python's re, Vale, grep -P), where it takes exponential time; so it is
    refused here with a message that says how to rewrite it.
    """
    stack: list[tuple[int, bool]] = []  # (start index, holds an unbounded repeat)
    for i in syntax_positions(pattern):
        c = pattern[i]
        if c == "(":
            stack.append((i, False))
        elif c == ")" and stack:
            start, inner = stack.pop()
            if inner and _unbounded_at(pattern, i + 1):
                return pattern[start : i + 2]
            if stack and (inner or _unbounded_at(pattern, i + 1)):
                stack[-1] = (stack[-1][0], True)
        elif stack and c in "+*" and i > 0 or stack and c == "{" and _unbounded_brace(pattern, i):
            stack[-1] = (stack[-1][0], True)
    return None


def _unbounded_at(pattern: str, i: int) -> bool:
    return i < len(pattern) and (pattern[i] in "+*" or (pattern[i] == "{" and _unbounded_brace(pattern, i)))


def _unbounded_brace(pattern: str, i: int) -> bool:
    end = pattern.find("}", i)
    body = pattern[i + 1 : end] if end > 0 else ""
    return body.endswith(",") and body[:-1].isdigit()
