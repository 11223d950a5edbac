"""Find the articles of a text: where each altered headline starts one, and its original."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.analysis.align import choose_original
from auditor.analysis.article import Frame, audit_article
from auditor.analysis.context import AuditContext
from auditor.analysis.segment import (
    headline_marks,
    is_body_text,
    is_headline_like,
    next_nonblank,
)
from auditor.ingest.lines import LazyLines
from auditor.models import Article, DocumentAudit, SourceText


def no_headline_warning(path: str) -> str:
    """The warning for an input in which no article was found."""
    return f"{path}: no altered headline found"


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
        # With no article open, nothing before the next marked line is wanted: it is let go of
        # while scanning, so a stretch without any headline costs no memory however long.
        i = lines.next_marked(i, limit, release=False) if pending is not None else lines.next_marked(i, release=True)
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


def audit_source(source: SourceText, ctx: AuditContext) -> DocumentAudit:
    """Audit every article of one decoded input held in memory."""
    lines = LazyLines.of(source.lines, headline_marks(ctx.settings))
    articles = list(audit_stream(lines, ctx))
    warnings = list(source.warnings)
    if not articles:
        warnings.append(no_headline_warning(source.path))
    return DocumentAudit(
        path=source.path, sha256=source.sha256, line_count=len(source.lines), articles=articles, warnings=warnings
    )
