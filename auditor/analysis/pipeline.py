"""The audit of one decoded text: frame articles, align, diff, apply rules, cite, attribute."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from auditor.analysis.align import choose_original
from auditor.text.body import Body
from auditor.outlets.citations import cited, sightings
from auditor.analysis.diff import diff_headlines, unpaired_terms
from auditor.text.lexicon import Support
from auditor.ingest.lines import LazyLines
from auditor.models import Article, DocumentAudit, HeadlineDiff, LineRef, SourceText
from auditor.outlets.publisher import Style, infer_publisher
from auditor.outlets.registry import Registry
from auditor.reuse.index import paragraph_prints
from auditor.checks.engine import RuleEngine, subject_for
from auditor.analysis.segment import body_range, headline_marks, is_body_text, is_headline_like, next_nonblank
from auditor.settings import DEFAULT_SETTINGS, Settings

_URL = re.compile(r"https?://[^\s<>\"'\])]+")


@dataclass(frozen=True)
class AuditContext:
    engine: RuleEngine
    registry: Registry
    styles: list[Style]
    settings: Settings = DEFAULT_SETTINGS
    boilerplate: tuple[str, ...] = ()  # RE2 patterns of lines left out of reuse detection


@dataclass(frozen=True)
class Frame:
    """Where an article sits: its altered headline, its original (if any), by 0-based index."""

    altered: int
    original: int | None
    similarity: float
    reason: str


def next_frame(lines: LazyLines, i: int, ctx: AuditContext) -> tuple[Frame | None, int]:
    """Does an article start at line ``i``? Return the frame (or None) and where to look next."""
    if not is_headline_like(lines[i], ctx.settings):
        return None, i + 1
    al = choose_original(lines, i, ctx.settings)
    if al is not None and al.similarity * 100 < ctx.settings.pair_confident:
        # A weak pair whose "original" opens a strong pair of its own: this line is a byline or
        # kicker above the real altered headline, not a headline itself.
        below = choose_original(lines, al.original_index, ctx.settings)
        if below is not None and below.similarity * 100 >= ctx.settings.pair_confident:
            return None, al.original_index
    if al is not None:
        return Frame(i, al.original_index, al.similarity, al.reason), al.original_index + 1
    following = next_nonblank(lines, i + 1, 1)
    if following and is_body_text(lines[following[0]], ctx.settings) and ctx.engine.flags_headline(lines[i]):
        return Frame(i, None, 0.0, "no original headline; flagged by a rule"), i + 1
    return None, i + 1


def audit_stream(lines: LazyLines, ctx: AuditContext, start: int = 0, stop: int | None = None) -> Iterator[Article]:
    """Articles one at a time, top to bottom; memory holds the current article only.

    With ``start``/``stop`` (a chunk of a big file), scanning begins at line ``start`` and the
    articles whose altered headline lies before ``stop`` are produced, the last one read to its
    end. A chunk starts on a body-text line: the scan never jumps over one (an original is
    looked for only above the body), so a scan begun there finds what a scan from the top finds.
    """
    pending: Frame | None = None
    index, i = 0, start
    limit = ctx.settings.max_article_chars
    while True:
        # Only marked lines can open an article; the rest is skipped without a look.
        i = lines.next_marked(i, limit if pending is not None else None)
        if not lines.has(i):
            break
        if pending is not None and lines.buffered_chars() > limit:
            yield audit_article(lines, pending, i, index, ctx, cut=True)
            index, pending = index + 1, None
        if pending is None:
            lines.release(i)  # text before the first headline: nothing will read it again
        if not lines.is_marked(i):
            i += 1
            continue
        frame, nxt = next_frame(lines, i, ctx)
        if frame is not None and stop is not None and frame.altered >= stop:
            break  # the next chunk's first article
        if frame is not None:
            if pending is not None:
                yield audit_article(lines, pending, frame.altered, index, ctx)
                index += 1
            pending = frame
            lines.release(frame.altered)
        i = nxt
    if pending is not None:
        yield audit_article(lines, pending, i if lines.has(i) else lines.end(), index, ctx)


def audit_article(lines: LazyLines, frame: Frame, stop: int, index: int, ctx: AuditContext, cut: bool = False) -> Article:
    """Everything the note says about one article; ``stop`` is the next article's first line."""
    altered = lines[frame.altered]
    body_first = (frame.original if frame.original is not None else frame.altered) + 1
    body = body_range(lines, body_first, stop)
    text = Body.of(lines, body.start_line, body.end_line) if body else None
    body_text = text.text if text else ""
    body_support = cache(lambda: Support(body_text))  # one word index of the body per article
    notes = [frame.reason]
    if cut:
        notes.append(f"The article is very long; only lines up to {stop} were analysed.")
    if frame.original is None:
        diff = HeadlineDiff(kind="no_original", inserted=unpaired_terms(altered, body_text, body_support))
        original = None
        notes.append("No original headline was found; inserted terms are the headline words the body lacks.")
    else:
        original_text = lines[frame.original]
        diff = diff_headlines(original_text, altered, body_text, ctx.settings, body_support)
        original = LineRef(text=original_text, line=frame.original + 1)
        if frame.original > frame.altered + 2 and any(lines[j].strip() for j in range(frame.altered + 1, frame.original)):
            notes.append("A line between the two headlines was skipped as a tagline.")
        if diff.truncated_original:
            notes.append("The original headline is truncated (ends in an ellipsis); words after that point are not compared.")
        if diff.kind == "rewrite":
            notes.append("The headline was rewritten, not edited: inserted terms are its words found in neither the original nor the body.")
    findings = ctx.engine.findings(subject_for(diff, altered, body_text, body_support))
    outlets = organisations = platforms = []
    publisher = None
    if text:
        found = sightings(text, ctx.registry)
        groups = cited(found)
        outlets, organisations, platforms = groups["outlet"], groups["organisation"], groups["platform"]
        publisher = infer_publisher(text, found, ctx.styles, ctx.registry.aggregators)
    return Article(
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
        outlets=outlets,
        organisations=organisations,
        platforms=platforms,
        publisher=publisher,
        body=body,
        notes=notes,
        body_urls=list(dict.fromkeys(u.rstrip(".,;:") for u in _URL.findall(body_text)))[:5],
        paragraphs=paragraph_prints(text, ctx.boilerplate) if text else [],
    )


def audit_source(source: SourceText, ctx: AuditContext) -> DocumentAudit:
    """Audit every article of one decoded input held in memory."""
    lines = LazyLines.of(source.lines, headline_marks(ctx.settings))
    articles = list(audit_stream(lines, ctx))
    warnings = list(source.warnings)
    if not articles:
        warnings.append(f"{source.path}: no altered headline found")
    return DocumentAudit(path=source.path, sha256=source.sha256, line_count=len(source.lines), articles=articles, warnings=warnings)
