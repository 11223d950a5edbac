"""Everything a note says about one article: its diff, findings, citations and publisher."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from auditor.analysis.context import AuditContext
from auditor.analysis.diff import diff_headlines, unpaired_terms
from auditor.analysis.laps import LAPS
from auditor.analysis.segment import body_range
from auditor.checks.engine import subject_for
from auditor.ingest.lines import LazyLines
from auditor.models import Article, Citation, HeadlineDiff, LineRef, Publisher
from auditor.outlets.citations import cited, sightings
from auditor.outlets.publisher import infer_publisher
from auditor.reuse.prints import paragraph_prints
from auditor.text.body import Body
from auditor.text.lexicon import Support

_URL = re.compile(r"https?://[^\s<>\"'\])]+")


@dataclass(frozen=True)
class Frame:
    """Where an article sits: its altered headline, its original (if any), by 0-based index."""

    altered: int
    original: int | None
    similarity: float
    reason: str
    # A saved page lists its headlines above its story, not in reading order: the story (the
    # body) starts at this index, and the lines between the two headlines are no taglines.
    body_start: int | None = None
    # With no original, report the headline's words the body lacks as inserted terms (a text
    # dump frames a lone headline only when a rule flags it; a page frames its headline always).
    unpaired_terms: bool = True


def _compare(
    lines: LazyLines, frame: Frame, body_text: str, ctx: AuditContext, support: Callable[[], Support]
) -> tuple[HeadlineDiff, LineRef | None, list[str]]:
    """The headline diff, the original's line, and the notes that explain how it was read."""
    altered = lines[frame.altered]
    if frame.original is None and not frame.unpaired_terms:
        return HeadlineDiff(kind="no_original"), None, ["No original headline was found, and no rule flags this one."]
    if frame.original is None:
        diff = HeadlineDiff(
            kind="no_original", inserted=unpaired_terms(altered, body_text, support, ctx.engine.phrases)
        )
        return diff, None, ["No original headline was found; inserted terms are the headline words the body lacks."]
    notes = []
    original_text = lines[frame.original]
    diff = diff_headlines(original_text, altered, body_text, ctx.settings, support, ctx.engine.phrases)
    between = range(frame.altered + 1, frame.original)
    if frame.body_start is None and frame.original > frame.altered + 2 and any(lines[j].strip() for j in between):
        notes.append("A line between the two headlines was skipped as a tagline.")
    if diff.truncated_original:
        notes.append(
            "The original headline is truncated (ends in an ellipsis); words after that point are not compared."
        )
    if diff.kind == "rewrite":
        notes.append(
            "The headline was rewritten, not edited: inserted terms are its words found in neither the original "
            "nor the body."
        )
    return diff, LineRef(text=original_text, line=frame.original + 1), notes


def _sources(text: Body | None, ctx: AuditContext) -> tuple[dict[str, list[Citation]], Publisher | None, str | None]:
    """The outlets, organisations and platforms the body cites, and its likely publisher."""
    if not text:
        return {"outlet": [], "organisation": [], "platform": []}, None, None
    hints = frozenset([ctx.page.outlet]) if ctx.page else frozenset()
    found = sightings(text, ctx.registry, hints)
    groups = cited(found)
    LAPS.lap("outlets")
    publisher, unknown = infer_publisher(text, found, ctx.styles, ctx.registry.aggregators, ctx.page)
    LAPS.lap("publisher")
    return groups, publisher, unknown


def audit_article(
    lines: LazyLines, frame: Frame, stop: int, index: int, ctx: AuditContext, cut: bool = False
) -> Article:
    """Everything the note says about one article; ``stop`` is the next article's first line."""
    LAPS.lap("find articles")
    altered = lines[frame.altered]
    body_first = frame.body_start
    if body_first is None:
        body_first = (frame.original if frame.original is not None else frame.altered) + 1
    body = body_range(lines, body_first, stop)
    text = Body(lines.span(body.start_line - 1, body.end_line), body.start_line) if body else None
    body_text = text.text if text else ""
    # One word index of the body per article, from the body's one fold.
    body_support = cache(lambda: Support.of_normalized(text.lowered) if text else Support(""))
    notes = [frame.reason]
    if cut:
        notes.append(f"The article is very long; only lines up to {stop} were analysed.")
    diff, original, compare_notes = _compare(lines, frame, body_text, ctx, body_support)
    notes += compare_notes
    LAPS.lap("headline diff")
    findings = ctx.engine.findings(subject_for(diff, altered, body_text, body_support))
    LAPS.lap("rules")
    groups, publisher, unknown = _sources(text, ctx)
    # Paragraph fingerprints only when reuse is detected (--no-reuse skips them).
    paragraphs = paragraph_prints(text, ctx.boilerplate) if text and ctx.fingerprints else []
    LAPS.lap("reuse fingerprints")
    article = Article(
        index=index,
        altered=LineRef(text=altered, line=frame.altered + 1),
        original=original,
        similarity=frame.similarity,
        rewrite_kind=diff.kind,
        inserted_terms=[s.text for s in diff.inserted],
        replaced_terms=[s.text for s in diff.replaced],
        deleted_terms=[s.text for s in diff.deleted],
        edits=diff.edits,
        findings=findings,
        outlets=groups["outlet"],
        organisations=groups["organisation"],
        platforms=groups["platform"],
        publisher=publisher,
        publisher_unknown=unknown,
        body=body,
        notes=notes,
        body_urls=list(dict.fromkeys(u.rstrip(".,;:") for u in _URL.findall(body_text)))[:5],
        paragraphs=paragraphs,
    )
    LAPS.lap("article records")
    return article
