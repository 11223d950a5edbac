"""Where a page's text stands in the HTML file: line and column, for annotations on the file.

lxml's ``sourceline`` is where an element's start tag begins, is stored in 16 bits for HTML
(every element after line 65,535 reports 65,535), gives no column, and is absent from a tree
built through the depth-capped parser. So the text itself is looked for in the raw page: from
the element's line when it is known, else from the top. A column is given only where the text
stands there literally (as written, or with its characters escaped as entities); a term's
column is then the headline's column plus the term's offset in it.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from functools import cached_property
from typing import Any

# lxml reports this line for every element at or after it.
SOURCELINE_CAP = 65_535
# An element's text starts on its tag's line or a few lines below ("<h1>\n   Headline").
LINES_BELOW_TAG = 5
_WORD = re.compile(r"\w+")


class RawPage:
    def __init__(self, raw: str) -> None:
        self.raw = raw

    @cached_property
    def starts(self) -> list[int]:
        """The offset where each line starts (line n at index n - 1)."""
        return [0, *(m.end() for m in re.finditer("\n", self.raw))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a character offset."""
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def _find(self, text: str, start: int, end: int) -> int:
        for form in dict.fromkeys((text, html.escape(text, quote=False), html.escape(text))):
            at = self.raw.find(form, start, end)
            if at >= 0:
                return at
        return -1

    def locate(self, text: str, el: Any = None) -> tuple[int | None, int | None]:
        """(line, column) of ``text``, the column only where it stands literally; (None, None) if not found."""
        if not text:
            return None, None
        tag_line = getattr(el, "sourceline", None) if el is not None else None
        if not tag_line or tag_line >= SOURCELINE_CAP:
            at = self._find(text, 0, len(self.raw))
            return self.position(at) if at >= 0 else (None, None)
        start = self.starts[min(tag_line, len(self.starts)) - 1]
        below = min(tag_line + LINES_BELOW_TAG, len(self.starts))
        end = (self.starts[below] if below < len(self.starts) else len(self.raw)) + len(text)
        at = self._find(text, start, end)
        if at >= 0:
            return self.position(at)
        first = _WORD.search(text)
        at = self.raw.find(first.group(), start, end) if first else -1
        return (self.position(at)[0] if at >= 0 else tag_line), None
