"""Line roles: which lines can be headlines, which read as running text, where articles end."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from rapidfuzz.distance import Postfix, Prefix

from auditor.analysis.laps import LAPS
from auditor.analysis.shape import ending, shape_prior, title_case, word_list
from auditor.ingest.lines import LazyLines, Marker
from auditor.models import BodyRange
from auditor.settings import DEFAULT_SETTINGS, Settings

_URL = re.compile(r"(?:https?://|www\.)\S+")
# "READ: ...", "RELATED: ...", "WATCH: ...": a label in front of a link to another story.
LINK_LABEL = re.compile(r"^\s*(?:read(?: more| also)?|related|see also|also read|more|watch|listen)\s*:", re.I)
# Line facts kept per process. A line is judged again only while its article's window is open
# (tens of lines), so 4,096 lines, some eighty articles, lose nothing; 32,768 held about 20 MB of
# facts that fragmented the heap: peak RSS at 80 MB of input fell from 151 to 134 MB with 4,096.
CACHE_LINES = 1 << 12


def is_blank(text: str) -> bool:
    return not text.strip()


def words_outside_links(text: str) -> list[str]:
    """Words outside links: a bare URL is no headline, however many words its path spells."""
    return word_list(_URL.sub(" ", text) if "://" in text or "www." in text else text)


# A sentence-like ending outweighs every positive feature but title case: such a line of 8+
# words is prose without working out the rest of its shape (most body lines end so).
_PROSE_ENDINGS = frozenset({"ends_full_stop", "ends_clause_mark", "ends_stop_inside_quote"})


class LineFacts:
    """What pairing asks of one line, worked out once per distinct line (the prior on demand)."""

    __slots__ = ("_prior", "_weights", "headline_sized", "prose", "text", "word_list")

    def __init__(self, text: str, words: list[str], settings: Settings, weights: dict[str, float]) -> None:
        s = settings
        self.text, self.word_list, self._weights = text, words, weights
        n = len(words)
        self.headline_sized = len(text) <= s.long_line_chars and s.headline_min_words <= n <= s.headline_max_words
        self._prior: float | None = None
        if len(text) > s.long_line_chars:
            self.prose = True
        elif n < s.prose_words:
            self.prose = False
        elif ending(text) in _PROSE_ENDINGS and not title_case(words, text):
            self.prose = True  # at most -2.8 + 0.5 (a lower-case first word)
        else:
            self.prose = self.prior <= s.prose_prior

    @property
    def words(self) -> int:
        return len(self.word_list)

    @property
    def prior(self) -> float:
        """The shape prior (settings.shape_weights), worked out the first time it is asked."""
        if self._prior is None:
            self._prior = shape_prior(self.text, self._weights, self.word_list)
        return self._prior


class LineJudge:
    """Line facts for one set of settings, cached by line text (lines repeat as L, M, neighbour)."""

    _by_settings: ClassVar[dict[int, tuple[Settings, LineJudge]]] = {}

    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.s = settings
        self._weights = dict(settings.shape_weights)
        self._facts: dict[str, LineFacts] = {}

    @classmethod
    def of(cls, settings: Settings) -> LineJudge:
        """The judge of these settings (one per settings object: hashing settings costs more)."""
        hit = cls._by_settings.get(id(settings))
        if hit is None or hit[0] is not settings:
            hit = (settings, cls(settings))
            cls._by_settings[id(settings)] = hit
        return hit[1]

    def __call__(self, line: str) -> LineFacts:
        facts = self._facts.get(line)
        if facts is None:
            if len(self._facts) >= CACHE_LINES:
                self._facts.clear()
            t = line.strip()
            words = words_outside_links(t) if len(t) <= self.s.long_line_chars else []
            facts = self._facts[line] = LineFacts(t, words, self.s, self._weights)
        return facts


def could_be_headline(text: str, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Within a headline's size: 3-40 words and no longer than a long line."""
    return LineJudge.of(settings)(text).headline_sized


def prior(text: str, settings: Settings = DEFAULT_SETTINGS) -> float:
    return LineJudge.of(settings)(text).prior


def is_prose(text: str, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Running text: a long line, or a line of 8+ words whose shape is clearly not a headline's."""
    return LineJudge.of(settings)(text).prose


def is_cut_point(text: str, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """A line a big file may be cut at: never a headline and always the end of a search window."""
    return len(text.strip()) > settings.long_line_chars


# How many window lines a sentence-shaped line may find its original in (settings.original_window
# at most); the marker looks that far ahead within its block.
_MARK_AHEAD = 3


# The endings shape.ending() tells apart; a line has one of them at most.
_ENDINGS = ("ends_ellipsis", "ends_full_stop", "ends_clause_mark", "ends_stop_inside_quote")


def barred_endings(settings: Settings) -> frozenset[str]:
    """Endings whose weight keeps a line's prior below what a reworded or a lone headline needs,
    whatever else the line shows (every positive weight of the other features added): such a
    line can open an article only on close wording (`pair_similar` with a line below)."""
    weights = dict(settings.shape_weights)
    best_rest = sum(w for f, w in weights.items() if w > 0 and f not in _ENDINGS)
    floor = min(settings.reworded_prior, settings.lone_headline_prior)
    return frozenset(e for e in _ENDINGS if weights.get(e, 0.0) + best_rest < floor)


def _shape_bars_rewording(t: str, barred: frozenset[str]) -> bool:
    """Does ``t`` (stripped) end in one of the ``barred`` endings? A cheap test that never says
    yes where shape.ending() would name another: a sentence's full stop ("... on Tuesday.",
    not "U.S." or an ellipsis), a clause mark ("... said:"), a stop inside a quote ('... over."')."""
    end = t[-1:]
    if end == ".":
        if "ends_full_stop" not in barred or t.endswith("..."):
            return False
        last = t[t.rfind(" ") + 1 :]
        return len(last) > 4 and "." not in last[:-1]  # (any case: an abbreviation has an inner dot or is short)
    if end in _CLAUSE_MARKS:
        return "ends_clause_mark" in barred
    return end in _QUOTES and t[-2:-1] in (".", ",") and "ends_stop_inside_quote" in barred


_CLAUSE_MARKS = frozenset(":,;(-–—*")
_QUOTES = frozenset("”\"’'")


def _lowered(line: str) -> tuple[str, set[str], int]:
    """A line lower-cased, its words as a set, and how many words it has."""
    low = line.lower()
    words = low.split()
    return low, set(words), len(words)


PairBound = Callable[[str, str, str, str, set[str], set[str], int, int], bool]


def _pair_bound(level: float, slack: float) -> PairBound:
    """may_pair(a, b, la, lb, wa, wb, na, nb): could lines ``a`` and ``b`` (stripped; lower-cased,
    their word sets and word counts beside) reach similarity ``level``? Each measure is at most
    the shorter side over the longer (characters, words); shared words bound the word measure
    from above (with ``slack`` for words punctuation keeps apart until normalised); the prefix
    and suffix bound the character measure (less 0.1 for what normalising changes). A truncated
    original is compared with a prefix: no bound then."""
    low_level, word_level = level - 0.1, level

    def may_pair(a: str, b: str, la: str, lb: str, wa: set[str], wb: set[str], na: int, nb: int) -> bool:
        if b.endswith(("…", "...")):
            return True
        ca, cb = len(a), len(b)
        if min(ca, cb) < low_level * max(ca, cb) and min(na, nb) < word_level * max(na, nb) - slack:
            return False
        if len(wa & wb) >= word_level * max(na, nb) - slack:
            return True
        p = Prefix.similarity(la, lb)
        return p + Postfix.similarity(la[p:], lb[p:]) >= low_level * max(ca, cb)

    return may_pair


def headline_marks(settings: Settings = DEFAULT_SETTINGS) -> Marker:
    """A LazyLines marker: 1 for each line that may open an article, by cheap tests in one pass.

    A line left unmarked is never looked at by the frame scan: a blank line, a line longer than
    any headline, or a sentence-shaped line (see _shape_bars_rewording) that none of the next
    few lines of its block could pair with (see _pair_bound). Lines near the end of a block are
    marked: their window is not known here. On the dev data no line with a pairing candidate
    is left unmarked (tests/test_pairing_marks.py).
    """
    limit, level, slack = settings.long_line_chars, settings.pair_similar, settings.mark_word_slack
    barred = barred_endings(settings)
    # n words need n letters and n - 1 characters between them: a shorter line can never be a
    # headline, and leaving it unmarked keeps a file of one-character lines off the slow path.
    min_chars = 2 * settings.headline_min_words - 1

    may_pair = _pair_bound(level, slack)

    def marks(block: list[str]) -> bytearray:
        LAPS.lap("find articles")
        stripped = [t.strip() for t in block]
        nonblank = [k for k, t in enumerate(stripped) if t]
        # A line is lower-cased and split once, however many windows hold it, and only when a
        # window holds it: most lines are never compared at all.
        seen: dict[int, tuple[str, set[str], int]] = {}
        out = bytearray(len(block))
        for pos, k in enumerate(nonblank):
            t = stripped[k]
            if len(t) > limit or len(t) < min_chars:
                continue  # a long line is never a headline, nor one too short for its words
            if pos + _MARK_AHEAD >= len(nonblank) or not _shape_bars_rewording(t, barred):
                out[k] = 1
                continue
            for j in nonblank[pos + 1 : pos + 1 + _MARK_AHEAD]:
                u = stripped[j]
                if len(u) > limit:
                    break  # a long line closes the window and cannot be the original itself
                fk = seen.get(k) or seen.setdefault(k, _lowered(t))
                fj = seen.get(j) or seen.setdefault(j, _lowered(u))
                if may_pair(t, u, fk[0], fj[0], fk[1], fj[1], fk[2], fj[2]):
                    out[k] = 1
                    break
        LAPS.lap("mark headline lines")
        return out

    return marks


def next_nonblank(lines: LazyLines, start: int, limit: int) -> list[int]:
    """Indices of up to ``limit`` non-blank lines from ``start`` on."""
    return lines.nonblank_after(start - 1, limit)


def previous_nonblank(lines: LazyLines, index: int, floor: int) -> int | None:
    """The non-blank line before ``index`` (looking no further back than ``floor``), if any."""
    j = index - 1
    while j >= floor:
        if not is_blank(lines[j]):
            return j
        j -= 1
    return None


def body_range(lines: LazyLines, first: int, stop: int) -> BodyRange | None:
    """The first and last non-blank lines in [first, stop) as 1-based numbers."""
    span = lines.span(first, stop)
    top = next((k for k, text in enumerate(span) if text.strip()), None)
    if top is None:
        return None
    bottom = next(k for k in range(len(span) - 1, top - 1, -1) if span[k].strip())
    return BodyRange(start_line=first + top + 1, end_line=first + bottom + 1)
