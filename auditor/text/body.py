"""An article's body as one text, so scans run once over it in C, not once per line in Python.

Each stage (outlets, house styles, paragraph fingerprints) first scans the whole body and
then looks line by line only at the few lines that scan hit. Newlines separate the lines in
every view, and every view keeps one line per line, so a hit maps straight back to its line.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import cached_property
from itertools import accumulate

from auditor.text.normalize import fold, lower_same_length, normalize
from auditor.text.prefilter import PY_SPACES
from auditor.text.safe_regex import compile_pattern, lines_matching

# Where a line is not collapsed as str.split() and " ".join() leave it: a space that opens or
# closes it, two spaces running, or any other character str.isspace() takes (the newline aside).
_UNCOLLAPSED = compile_pattern(
    "(?m)^ | $|  |[" + "".join(f"\\x{{{ord(c):x}}}" for c in PY_SPACES if c not in " \n") + "]"
)


def _nfkc_fold(line: str) -> str:
    return fold(unicodedata.normalize("NFKC", line))


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
    def stripped_folded_lines(self) -> list[str]:
        """Each line stripped, then folded as ``folded``: what line-anchored patterns read.

        Cut from ``folded`` (folding is one character for one) at the raw line's strip bounds,
        not folded again.
        """
        out = []
        for raw, folded in zip(self.lines, self.folded_lines, strict=True):
            out.append(folded[len(raw) - len(raw.lstrip()) : len(raw.rstrip())])
        return out

    @cached_property
    def stripped_folded(self) -> str:
        return "\n".join(self.stripped_folded_lines)

    @cached_property
    def lowered(self) -> str:
        """``normalize(text, collapse=False)``: folded and lower-cased, from the one fold."""
        folded = self.folded
        return folded.lower() if folded.isascii() else lower_same_length(folded)

    @cached_property
    def collapsed_lines(self) -> list[str]:
        """``normalize_lines(lines, keep_case=True)``: NFKC, folded, spaces collapsed. A line NFKC
        leaves as it is (any ASCII line, most others) is its part of the one fold, collapsed;
        only the others (an ellipsis, a no-break space, a ligature) are normalised on their own
        (NFKC never joins or splits lines, so line by line is the same as the whole text)."""
        text = self.text
        if text.isascii() or unicodedata.is_normalized("NFKC", text):
            return self._collapsed_folded_lines()
        return [
            " ".join((t if raw.isascii() or unicodedata.is_normalized("NFKC", raw) else _nfkc_fold(raw)).split())
            for raw, t in zip(self.lines, self.folded_lines, strict=True)
        ]

    def _collapsed_folded_lines(self) -> list[str]:
        """``folded_lines`` with spaces collapsed: most lines already are, and one RE2 scan of
        the fold finds the others, which alone are split and joined again (a third of the time
        of doing every line, on the benchmark corpus)."""
        out = self.folded_lines.copy()
        for k in lines_matching(_UNCOLLAPSED, self.folded.encode("utf-8")):
            out[k] = " ".join(out[k].split())
        return out

    @cached_property
    def line_starts(self) -> list[int]:
        """The offset in ``text`` where each line starts."""
        return [0, *accumulate(len(line) + 1 for line in self.lines)][:-1] or [0]

    def line_at(self, offset: int) -> int:
        """The index (into ``lines``) of the line holding character ``offset`` of ``text``."""
        return bisect_right(self.line_starts, offset) - 1
