"""Pair each altered headline with the original that follows it (rapidfuzz, never difflib)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from auditor.analysis.segment import is_body_text, is_headline_like, next_nonblank
from auditor.ingest.lines import LazyLines
from auditor.settings import DEFAULT_SETTINGS, Settings
from auditor.text.normalize import normalize


@dataclass(frozen=True)
class Alignment:
    original_index: int
    similarity: float  # 0..1
    reason: str


def similarity(a: str, b: str) -> float:
    """Headline similarity, 0..100: WRatio on normalised text, so a shortened copy still scores."""
    return float(fuzz.WRatio(normalize(a).replace(".", ""), normalize(b).replace(".", "")))


def choose_original(lines: LazyLines, altered: int, settings: Settings = DEFAULT_SETTINGS) -> Alignment | None:
    """The original headline for the altered headline at index ``altered``, or None."""
    window = next_nonblank(lines, altered + 1, settings.original_window)
    candidates: list[tuple[int, float]] = []
    for i in window:
        if is_body_text(lines[i], settings):
            break  # the body has begun: anything below is the article, not a headline
        if is_headline_like(lines[i], settings):
            candidates.append((i, similarity(lines[altered], lines[i])))
    if not candidates:
        return None
    best_i, best_s = candidates[0]
    for i, s in candidates[1:]:
        # A farther line wins only clearly: the nearest headline is the usual original, and a
        # tagline between the two is what this guards against.
        if s >= best_s + settings.farther_candidate_margin:
            best_i, best_s = i, s
    if best_s >= settings.pair_confident:
        why = "similar headline" if best_i == candidates[0][0] else "similar headline below a tagline"
    elif best_i == candidates[0][0]:
        why = "next headline-like line; wording differs (reworded headline)"
    else:
        return None
    return Alignment(original_index=best_i, similarity=round(best_s / 100, 3), reason=why)
