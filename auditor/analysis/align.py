"""Pair each altered headline with the original that follows it, from the evidence of the pair.

A line L opens an article when a line M a little below it is the same headline rewritten:
rewrite_similarity decides, and the shape prior (how much each line looks like a headline)
says how much similarity it takes. Reworded headlines, which share words but not wording,
need both lines to look like headlines and a body to follow. Thresholds and why: settings.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.analysis.segment import LINK_LABEL, LineJudge, next_nonblank, previous_nonblank
from auditor.analysis.similarity import rewrite_similarity, shared_content_words
from auditor.ingest.lines import LazyLines
from auditor.settings import DEFAULT_SETTINGS, Settings

CLOSE, SIMILAR, REWORDED = 2, 1, 0  # evidence tiers, strongest first
# How far back a line's predecessor is looked for: a fixed reach, so that a scan begun mid-file
# (a chunk starts at a long line, which is always prose) sees what a scan from the top sees.
LOOKBACK_LINES = 8


@dataclass(frozen=True, order=True)
class Candidate:
    """A possible (altered, original) pair; candidates compare by strength of evidence."""

    tier: int
    score: float
    nearness: int  # minus the number of non-blank lines between the two
    altered: int
    original: int
    similarity: float

    def reason(self) -> str:
        if self.tier == REWORDED:
            return "reworded headline: shares content words with the next headline-like line"
        return "similar headline" + (" below a tagline" if self.nearness < 0 else "")


class Pairing:
    """The pairing questions about lines of one text, under one set of settings."""

    def __init__(self, lines: LazyLines, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.lines, self.s, self.facts = lines, settings, LineJudge.of(settings)

    def window(self, i: int) -> list[int]:
        """The lines that may hold line ``i``'s original: up to and including the first prose line."""
        out = []
        for j in next_nonblank(self.lines, i + 1, self.s.original_window):
            out.append(j)
            if self.facts(self.lines[j]).prose:
                break
        return out

    def previous(self, i: int) -> int | None:
        return previous_nonblank(self.lines, i, max(self.lines.oldest(), i - LOOKBACK_LINES))

    def follows_body(self, i: int) -> bool:
        """Does line ``i`` come right after running text (or at the start of what is held)?"""
        before = self.previous(i)
        return before is None or self.facts(self.lines[before]).prose

    def body_follows(self, i: int) -> bool:
        """Is there running text within a few lines below line ``i`` (or nothing at all)?"""
        below = next_nonblank(self.lines, i + 1, self.s.body_lookahead)
        return not below or any(self.facts(self.lines[j]).prose for j in below)

    def _reworded(self, i: int, j: int, sim: float) -> float | None:
        """The reworded-headline evidence for (i, j), or None when the pair does not qualify."""
        s, a, b = self.s, self.lines[i], self.lines[j]
        fa, fb = self.facts(a), self.facts(b)
        if fa.prose or fb.prose or min(fa.prior, fb.prior) < s.reworded_prior:
            return None  # (prose has a prior at or below prose_prior, below reworded_prior)
        if LINK_LABEL.match(a) or LINK_LABEL.match(b):
            return None  # a link to another story shares a topic, not a headline
        if not self.follows_body(i) or not self.body_follows(j):
            return None
        shared = shared_content_words(a, b)
        if shared >= s.reworded_shared_words or sim >= s.reworded_similarity:
            return shared + sim
        return None

    def _alike(self, a: int | None, b: int) -> bool:
        """Items of a list ("Spain (Group F): 11th appearance", "Sweden (Group F): ...") are alike
        too, but in threes: a pair with a short neighbour alike to it is part of a list."""
        if a is None:
            return False
        f = self.facts(self.lines[a])
        return f.headline_sized and not f.prose and rewrite_similarity(f.text, self.lines[b]) >= self.s.list_similarity

    def _tier(self, i: int, j: int, n: int) -> Candidate | None:
        s, a, b = self.s, self.facts(self.lines[i]), self.facts(self.lines[j])
        sim = rewrite_similarity(a.text, b.text)
        if sim >= s.pair_close:
            return Candidate(CLOSE, sim, -n, i, j, sim)
        if n >= 2:
            return None  # the third line below is taken only as a close match
        if sim >= s.pair_similar and min(a.prior, b.prior) >= s.pair_prior_floor:
            return Candidate(SIMILAR, sim, -n, i, j, sim)
        score = self._reworded(i, j, sim)
        return None if score is None else Candidate(REWORDED, score, -n, i, j, sim)

    def candidates(self, i: int) -> list[Candidate]:
        """Every line below ``i`` that could be its original, with the evidence for each."""
        facts = self.facts(self.lines[i])
        if not facts.headline_sized:
            return []
        # Running text that repeats a few lines down is a repeated sentence, not a headline
        # pair: a prose-shaped altered headline has its original on the next line or the one after.
        reach = 2 if facts.prose else self.s.original_window
        out = []
        for n, j in enumerate(self.window(i)[:reach]):
            if not self.facts(self.lines[j]).headline_sized:
                continue
            c = self._tier(i, j, n)
            if c is not None and not self._alike(next(iter(next_nonblank(self.lines, j + 1, 1)), None), j):
                out.append(c)
        if out and self._alike(self.previous(i), i):
            return []
        return out

    def best(self, i: int) -> Candidate | None:
        found = self.candidates(i)
        return max(found) if found else None
