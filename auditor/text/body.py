"""An article's body as one text, so scans run once over it in C, not once per line in Python.

Each stage (outlets, house styles, paragraph fingerprints) first scans the whole body and
then looks line by line only at the few lines that scan hit. Newlines separate the lines in
every view, and every view keeps one line per line, so a hit maps straight back to its line.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from itertools import accumulate

from auditor.text.normalize import normalize


class Body:
    def __init__(self, lines: list[str], first: int) -> None:
        """``lines``: the body lines; ``first``: the 1-based number of the first of them."""
        self.lines = lines
        self.first = first

    @cached_property
    def text(self) -> str:
        return "\n".join(self.lines)

    @cached_property
    def folded(self) -> str:
        """Quotes, dashes and spaces folded, case kept, same length as ``text``."""
        return normalize(self.text, keep_case=True, collapse=False)

    @cached_property
    def folded_lines(self) -> list[str]:
        return self.folded.split("\n")

    @cached_property
    def stripped_folded(self) -> str:
        """Each line stripped, then folded as ``folded``: what line-anchored patterns read."""
        return normalize("\n".join([line.strip() for line in self.lines]), keep_case=True, collapse=False)

    @cached_property
    def stripped_folded_lines(self) -> list[str]:
        return self.stripped_folded.split("\n")

    @cached_property
    def line_starts(self) -> list[int]:
        """The offset in ``text`` where each line starts."""
        return [0, *accumulate(len(line) + 1 for line in self.lines)][:-1] or [0]

    def line_at(self, offset: int) -> int:
        """The index (into ``lines``) of the line holding character ``offset`` of ``text``."""
        return bisect_right(self.line_starts, offset) - 1
