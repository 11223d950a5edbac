"""A saved page's article: which headline candidate is the altered one, and which its original.

A page offers its headline in several places (<title>, og:title, JSON-LD, <h1>, a subtitle,
a "Source:" line). Candidates with the same text (folded) are one headline, never a pair. Of
the distinct ones, the most similar two are nominated (rapidfuzz ratio, or one holding the
other), and the story decides: a farm inserts words the story never uses, while the real
headline's words are all in it. The side with such words is the altered headline and the
other side must have none; anything else is the publisher's own variants (an SEO title, a
shorter social title), reported as no rewrite. Which element shows a text never decides the
direction: the control copies keep the real headline in the <h1>, the others alter it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

from rapidfuzz import fuzz

from auditor.analysis.article import Frame, audit_article
from auditor.analysis.context import AuditContext
from auditor.analysis.diff import diff_headlines, unpaired_terms
from auditor.checks.engine import UNCLASSIFIED_ID, subject_for
from auditor.ingest.html_heads import fold_headline
from auditor.ingest.html_survivors import FIRST_LINES, LABEL, SAME_HEADLINE
from auditor.ingest.lines import LazyLines
from auditor.ingest.page_info import HeadlineCandidate, PageInfo
from auditor.models import Article, Finding, HeadlineDiff
from auditor.settings import DEFAULT_SETTINGS, Settings
from auditor.text.lexicon import STOPWORDS, Support, stems, tokenize

# Sources that are the page's own headline, not a subtitle, a paragraph or a label line.
HEADLINE_SOURCES = ("h1", "title", "og:title", "twitter:title", "meta:", "json-ld:", "itemprop:")
# Which headline the page shows when nothing was altered: its <h1>, else its <title>.
_DISPLAYED = ("h1", "title", "og:title", "twitter:title")
# Abbreviations a headline uses for a story word ("exec" for "executive"), by their length.
_ABBREVIATION_LENGTHS = (4, 5, 6)


@dataclass(frozen=True)
class Headline:
    """One distinct headline text of the page, and every source that shows it."""

    text: str
    line: int  # the text view's line
    sources: tuple[str, ...]

    @property
    def is_headline(self) -> bool:
        return any(s.startswith(HEADLINE_SOURCES) for s in self.sources)


@dataclass(frozen=True)
class PagePair:
    """The page's displayed (altered) headline, the original it came from (or None), and why."""

    altered: Headline
    original: Headline | None
    similarity: float  # 0..1
    reason: str


def headlines(candidates: list[HeadlineCandidate]) -> list[Headline]:
    """Candidates grouped by their view line (one line per folded text); the URL slug left out."""
    by_line: dict[int, list[HeadlineCandidate]] = {}
    for c in candidates:
        if c.line:
            by_line.setdefault(c.line, []).append(c)
    return [Headline(cs[0].text, n, tuple(dict.fromkeys(c.source for c in cs))) for n, cs in sorted(by_line.items())]


def _contained(a: str, b: str, min_words: int) -> bool:
    x, y = fold_headline(a).rstrip(" .…"), fold_headline(b).rstrip(" .…")
    short, long = (x, y) if len(x) < len(y) else (y, x)
    return len(short.split()) >= min_words and short in long


def nominate(heads: list[Headline], settings: Settings = DEFAULT_SETTINGS) -> tuple[Headline, Headline, float] | None:
    """The two most similar distinct headlines, when like enough to be one headline rewritten."""
    best: tuple[Headline, Headline, float] | None = None
    for i, x in enumerate(heads):
        for y in heads[i + 1 :]:
            score = fuzz.ratio(fold_headline(x.text), fold_headline(y.text))
            if score < settings.page_pair_ratio and _contained(x.text, y.text, settings.page_contained_words):
                score = settings.page_pair_ratio
            if score >= settings.page_pair_ratio and (best is None or score > best[2]):
                best = (x, y, score)
    return best


class StorySupport:
    """Support, plus the two ways a headline words a story's word that Support does not see:
    a doubled consonant ("drops" / "dropped") and an abbreviation ("exec" / "executive")."""

    def __init__(self, text: str) -> None:
        self.support = Support(text)

    @cached_property
    def prefixes(self) -> set[str]:
        return {w[:k] for w in self.support.words for k in _ABBREVIATION_LENGTHS if len(w) > k}

    def supports(self, word: str) -> bool:
        if self.support.supports(word):
            return True
        words = self.support.words
        if any(s + s[-1] + end in words for s in stems(word) if len(s) >= 3 for end in ("ed", "ing", "er")):
            return True
        return len(word) in _ABBREVIATION_LENGTHS and fold_headline(word) in self.prefixes


def _content_words(text: str) -> list[str]:
    return [t.text for t in tokenize(text) if t.is_word and len(t.key) > 1 and t.key not in STOPWORDS]


def unsupported_differences(x: str, y: str, story: StorySupport) -> tuple[list[str], list[str]]:
    """The words each side has and the other lacks, that the story never uses."""
    wx, wy = _content_words(x), _content_words(y)
    kx, ky = {fold_headline(w) for w in wx}, {fold_headline(w) for w in wy}
    ux = [w for w in dict.fromkeys(wx) if fold_headline(w) not in ky and not story.supports(w)]
    uy = [w for w in dict.fromkeys(wy) if fold_headline(w) not in kx and not story.supports(w)]
    return ux, uy


def evidence_story(story: list[str], headline_texts: list[str]) -> str:
    """The story without its lines that are headlines themselves (trafilatura keeps the <h1>,
    and a farm's surviving original sits in the story) or "Source:" lines."""
    folded = [fold_headline(h) for h in headline_texts]
    kept = []
    for line in story:
        f = fold_headline(line)
        if LABEL.match(line) or any(fuzz.ratio(f, h, score_cutoff=SAME_HEADLINE) for h in folded):
            continue
        kept.append(line)
    return "\n".join(kept)


def _sources(h: Headline) -> str:
    return ", ".join(h.sources)


def _quoted(words: list[str]) -> str:
    return ", ".join(f"“{w}”" for w in words)


def displayed(heads: list[Headline]) -> Headline:
    for source in _DISPLAYED:
        for h in heads:
            if source in h.sources:
                return h
    return heads[0]


def _undecided(shown: Headline, other: Headline, both: bool) -> PagePair:
    why = (
        "both have words the story never uses and no rule flags what one adds"
        if both
        else "the story uses the words of both"
    )
    return PagePair(
        shown,
        None,
        0.0,
        f"The page's headline ({_sources(shown)}); another version ({_sources(other)}) differs, but {why}: "
        "read as the publisher's own variants, not a rewrite.",
    )


def choose_pair(
    heads: list[Headline],
    story: list[str],
    settings: Settings = DEFAULT_SETTINGS,
    flags: Callable[[str, str], bool] | None = None,
) -> PagePair:
    """The page's altered headline and its original, or its displayed headline alone.

    ``flags(altered, original)``: does a rule flag what ``altered`` adds to ``original``? It
    decides when both sides have words the story never uses: the real headline may word the
    story its own way ("Militias" over a story of "armed groups"). When the story uses every
    word of both, it does not: a rule may flag the story's own words ("medieval disease" in
    a full headline beside its cut-short JSON-LD copy).
    """
    shown = displayed(heads)
    nominated = nominate(heads, settings)
    if nominated is None:
        others = ", ".join(_sources(h) for h in heads if h is not shown)
        tail = f"its other candidates ({others}) are not versions of it" if others else "no other version of it"
        return PagePair(shown, None, 0.0, f"The page's headline ({_sources(shown)}); {tail}.")
    x, y, score = nominated
    page_heads = [h.text for h in heads if h.is_headline]
    support = StorySupport(evidence_story(story, [*page_heads, x.text, y.text]))
    ux, uy = unsupported_differences(x.text, y.text, support)
    if bool(ux) != bool(uy):
        altered, original, inserted = (x, y, ux) if ux else (y, x, uy)
        why = f"the story uses its words but not {_quoted(inserted)} of this one ({_sources(altered)})"
    elif ux and flags is not None and flags(x.text, y.text) != flags(y.text, x.text):
        altered, original = (x, y) if flags(x.text, y.text) else (y, x)
        why = f"a rule flags what this one ({_sources(altered)}) adds to it"
    else:
        return _undecided(shown, y if x is shown else x, bool(ux))
    reason = f"The page keeps another version of its headline ({_sources(original)}): {why}."
    return PagePair(altered, original, round(score / 100, 3), reason)


def _body_start(view: list[str], first: int, texts: list[str]) -> int:
    """The first story line (0-based) after the leading ones that are headlines or label lines."""
    folded = [fold_headline(t) for t in texts]
    i = first
    while i < len(view) and i - first < FIRST_LINES:
        line = view[i]
        if not (
            LABEL.match(line) or any(fuzz.ratio(fold_headline(line), h, score_cutoff=SAME_HEADLINE) for h in folded)
        ):
            break
        i += 1
    return i


def _named(findings: list[Finding]) -> bool:
    """Is one of the findings a rule's own (not the generic body check, not an unclassified insertion)?"""
    return any(f.rule != UNCLASSIFIED_ID and f.kind != "body_support" for f in findings)


def _flagged(text: str, body: str, ctx: AuditContext) -> bool:
    """Does a rule fire on a word the lone headline adds to the story?"""
    support = cache(lambda: Support(body))
    spans = unpaired_terms(text, body, support)
    if not spans:
        return False
    return _named(
        ctx.engine.findings(subject_for(HeadlineDiff(kind="no_original", inserted=spans), text, body, support))
    )


def _rule_flags(ctx: AuditContext) -> Callable[[str, str], bool]:
    def flags(altered: str, original: str) -> bool:
        diff = diff_headlines(original, altered, "", ctx.settings)
        return _named(ctx.engine.findings(subject_for(diff, altered, "")))

    return flags


def audit_page(page: PageInfo, view: list[str], ctx: AuditContext) -> list[Article]:
    """The page's one article (a live blog is one article too); none for a page without text."""
    heads = headlines(page.candidates)
    if not heads:
        return []
    first = page.story_start - 1 if page.story_start else len(view)
    story = view[first:]
    pair = choose_pair(heads, story, ctx.settings, _rule_flags(ctx))
    texts = [h.text for h in heads if h.is_headline] + [pair.altered.text]
    texts += [pair.original.text] if pair.original else []
    start = _body_start(view, first, texts)
    flagged = pair.original is not None or _flagged(pair.altered.text, "\n".join(view[start:]), ctx)
    frame = Frame(
        altered=pair.altered.line - 1,
        original=pair.original.line - 1 if pair.original else None,
        similarity=pair.similarity,
        reason=pair.reason,
        body_start=start,
        unpaired_terms=flagged,
    )
    article = audit_article(LazyLines.of(view), frame, len(view), 0, ctx)
    where = page.html_location(pair.altered.line)
    return [article.model_copy(update={"source_line": where.html_line if where else None})]
