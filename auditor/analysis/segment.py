"""Line roles: which lines can be headlines, which are page furniture, where articles end."""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.ingest.lines import LazyLines, Marker
from auditor.models import BodyRange
from auditor.settings import DEFAULT_SETTINGS, Settings
from auditor.text.dates import DATE_OR_TIME

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# Prefixes that mark a line as furniture or a link, never a headline.
_FURNITURE_PREFIX = re.compile(
    r"^\s*(?:read(?: more| also)?|related|see also|also read|more|watch|listen|photo(?:graph)?s?|"
    r"photo credit|image|picture|source|by|updated|published|posted|first published|last modified|"
    r"last updated|copyright|tags?|share|follow us)\b\s*[:|\-–—]?",
    re.IGNORECASE,
)
_CREDIT_ANYWHERE = re.compile(
    r"\b(?:Photo(?:graph)?(?: Credit)?|Image|Picture)\s*:|\bvia (?:AP|AFP|Reuters|Getty)\b|\bGetty Images\b"
)
# A sentence ends inside the line and another begins: body text or a caption, not a headline.
_SENTENCE_BREAK = re.compile(r"[\w'’\")\]]{2,}[.!?]\s+[A-Z‘“\"'(]")
_CLOSING = re.compile(r"[\w?!'’\")\]…]$|\.\.\.$")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_blank(text: str) -> bool:
    return not text.strip()


@lru_cache(maxsize=8192)
def is_furniture(text: str) -> bool:
    """Dates, bylines, widgets, credits and links: short lines that belong to a page, not a story."""
    t = text.strip()
    if not t:
        return False
    if _FURNITURE_PREFIX.match(t) or _CREDIT_ANYWHERE.search(t):
        return True
    without_dates = DATE_OR_TIME.sub(" ", t)
    if without_dates != t and len(words(without_dates)) <= 4:
        return True
    return len(words(t)) < 2


def _may_be_headline(t: str, max_chars: int) -> bool:
    """The cheap first tests on a stripped line: most body lines end in a full stop and fail."""
    return 0 < len(t) <= max_chars and (t[-1] != "." or t.endswith("..."))


def is_headline_like(text: str, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Could this line be a headline (altered or original)?"""
    t = text.strip()
    # The cheap tests run outside the cache: body lines are unique and would only churn it.
    return _may_be_headline(t, settings.headline_max_chars) and _headline_like(t, settings)


def headline_marks(settings: Settings = DEFAULT_SETTINGS) -> Marker:
    """A LazyLines marker: 1 for each line that passes is_headline_like's cheap first tests.

    A line left unmarked can never be headline-like, so the frame scan skips it unread.
    """
    max_chars = settings.headline_max_chars
    # n words need n letters and n - 1 characters between them: a shorter line can never be a
    # headline, and leaving it unmarked keeps a file of one-character lines off the slow path.
    min_chars = 2 * settings.headline_min_words - 1

    def marks(block: list[str]) -> bytearray:
        return bytearray([min_chars <= len(t) and _may_be_headline(t, max_chars) for t in map(str.strip, block)])

    return marks


@lru_cache(maxsize=8192)
def _headline_like(t: str, settings: Settings) -> bool:
    if not _CLOSING.search(t) or t.lstrip("‘“\"'([")[:1].islower() or _SENTENCE_BREAK.search(t):
        return False
    w = words(t)
    if not settings.headline_min_words <= len(w) <= settings.headline_max_words:
        return False
    if is_furniture(t):
        return False
    letters = [c for c in t if c.isalpha()]
    # Short all-capitals lines are sub-heads ("PERENNIAL RISK") or widgets ("6 MIN READ").
    return not (letters and all(c.isupper() for c in letters) and len(w) <= 6)


@lru_cache(maxsize=8192)
def is_body_text(text: str, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """A line that reads as running prose."""
    t = text.strip()
    if len(t) > settings.long_line_chars:
        return True
    return bool(t) and not is_headline_like(t, settings) and not is_furniture(t) and len(words(t)) >= 8


def next_nonblank(lines: LazyLines, start: int, limit: int) -> list[int]:
    """Indices of up to ``limit`` non-blank lines from ``start`` on."""
    out: list[int] = []
    i = start
    while len(out) < limit and lines.has(i):
        if not is_blank(lines[i]):
            out.append(i)
        i += 1
    return out


def body_range(lines: LazyLines, first: int, stop: int) -> BodyRange | None:
    """The first and last non-blank lines in [first, stop) as 1-based numbers."""
    span = lines.span(first, stop)
    top = next((k for k, text in enumerate(span) if text.strip()), None)
    if top is None:
        return None
    bottom = next(k for k in range(len(span) - 1, top - 1, -1) if span[k].strip())
    return BodyRange(start_line=first + top + 1, end_line=first + bottom + 1)
