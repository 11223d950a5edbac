"""Every threshold in one place, each with the reason for its value."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    # Headlines in news dumps run 3-25 words ("Sadr visits Najaf"); the longest seed headline is
    # 83 characters. 250 leaves room for long-winded farms while keeping a body paragraph out.
    headline_max_chars: int = 250
    headline_min_words: int = 3
    headline_max_words: int = 40
    # How many non-blank lines after an altered headline may hold its original: the seeds need 2
    # (a tagline sits between them once); 3 also covers a kicker plus a tagline.
    original_window: int = 3
    # WRatio (0-100) at or above which a candidate is taken as the original without doubt.
    # Real pairs in the seeds score 53-100; the tagline that must be skipped scores 39.
    pair_confident: float = 60.0
    # A candidate further down the window must beat the nearer one by this much to win.
    farther_candidate_margin: float = 15.0
    # Below this share of altered-headline tokens kept from the original, the headline is a
    # rewrite, not a substitution: the seeds' rewrites keep 0-34%, substitutions 45-92%.
    rewrite_kept_ratio: float = 0.4
    # A body line longer than this is never a headline, caption or byline.
    long_line_chars: int = 300
    # An article holding more than this many characters is closed there (with a note): memory
    # stays bounded by one article even when a 1 GB file has no further headline. Each line
    # also counts ingest.lines.LINE_COST (64, what a line costs CPython): a body of 20 million
    # one-character lines is cut after about half a million of them, not held whole (1.3 GB).
    max_article_chars: int = 32_000_000


DEFAULT_SETTINGS = Settings()
