"""Find the articles of a text: where each altered headline starts one, and its original."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.analysis.align import LOOKBACK_LINES, Pairing
from auditor.analysis.article import Frame, audit_article
from auditor.analysis.context import AuditContext
from auditor.analysis.segment import headline_marks, is_blank, next_nonblank
from auditor.ingest.lines import LazyLines
from auditor.models import Article, DocumentAudit, SourceText


def no_headline_warning(path: str) -> str:
    """The warning for an input in which no article was found."""
    return f"{path}: no altered headline found"


def _lone_headline(pairing: Pairing, i: int, ctx: AuditContext) -> Frame | None:
    """A headline with no original anywhere: reported only when it opens an article (after a
    body, before body text), reads like a headline and a high-severity rule flags it. Never
    paired by proximity."""
    facts, lines = pairing.facts, pairing.lines
    line = facts(lines[i])
    # (prose has a prior at or below prose_prior, which is below lone_headline_prior)
    if not line.headline_sized or line.prose or line.prior < ctx.settings.lone_headline_prior:
        return None
    if not pairing.follows_body(i):
        return None
    below = next_nonblank(lines, i + 1, 1)
    if below and facts(lines[below[0]]).prose and ctx.engine.flags_headline(lines[i]):
        return Frame(i, None, 0.0, "no original headline; flagged by a rule")
    return None


def next_frame(pairing: Pairing, i: int, ctx: AuditContext) -> tuple[Frame | None, int]:
    """Does an article start at line ``i``? Return the frame (or None) and where to look next.

    Pairs are taken best first: a pair is refused when a line between the two headlines, or
    the line right below the original, has stronger evidence of opening a pair of its own.
    The line right below an original starts its body, so it never opens an article.
    """
    lines = pairing.lines
    best = pairing.best(i)
    if best is None:
        return _lone_headline(pairing, i, ctx), i + 1
    below = next_nonblank(lines, best.original + 1, 1)
    rivals = [j for j in range(i + 1, best.original + 1) if not is_blank(lines[j])] + below
    for j in rivals:
        rival = pairing.best(j)
        if rival is not None and rival > best:
            return None, i + 1
    frame = Frame(i, best.original, round(best.similarity, 3), best.reason())
    return frame, (below[0] + 1 if below else best.original + 1)


def audit_stream(lines: LazyLines, ctx: AuditContext, start: int = 0, stop: int | None = None) -> Iterator[Article]:
    """Articles one at a time, top to bottom; memory holds the current article only.

    With ``start``/``stop`` (a chunk of a big file), scanning begins at line ``start`` and the
    articles whose altered headline lies before ``stop`` are produced, the last one read to its
    end. A chunk starts on a body-text line: the scan never jumps over one (an original is
    looked for only above the body), so a scan begun there finds what a scan from the top finds.
    """
    pending: Frame | None = None
    pairing = Pairing(lines, ctx.settings)
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
            # Text before the next headline is read again only to see what a line follows.
            lines.release(i - LOOKBACK_LINES)
        if not lines.is_marked(i):
            i += 1
            continue
        frame, nxt = next_frame(pairing, i, ctx)
        if frame is not None and stop is not None and frame.altered >= stop:
            break  # the next chunk's first article
        if frame is not None:
            if pending is not None:
                yield audit_article(lines, pending, frame.altered, index, ctx)
                index += 1
            pending = frame
            lines.release(frame.altered - LOOKBACK_LINES)
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
