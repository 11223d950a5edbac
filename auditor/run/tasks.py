"""One unit of work (a file, or an article-aligned chunk of a big one) and what comes back.

A task's articles come back as report records (report.record: the model and what the reports
derive from it, worked out here in the worker), plus the reuse postings already dealt into
buckets, so that the main process only merges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from auditor.analysis.context import AuditContext, build_context
from auditor.analysis.laps import LAPS
from auditor.analysis.segment import headline_marks
from auditor.analysis.stream import audit_stream
from auditor.errors import AuditorError
from auditor.ingest.chunks import Chunk
from auditor.ingest.lines import LazyLines
from auditor.ingest.sources import SourceStream
from auditor.models import Article
from auditor.outlets.publisher import page_evidence
from auditor.report.record import ArticleRecord
from auditor.reuse.postings import bucket_postings
from auditor.run import collector


@dataclass(frozen=True)
class Task:
    chunk: Chunk
    stream: SourceStream  # the opened input: encoding, sha256, HTML view
    # Deal reuse postings into buckets here, so the main process only appends bytes (a Dask
    # cluster groups the per-article fingerprints itself instead).
    bucket_postings: bool = True
    fingerprints: bool = True  # reuse detection wants paragraph fingerprints (not with --no-reuse)
    profile: bool = False  # time the stages (--profile)


@dataclass
class TaskResult:
    articles: list[ArticleRecord] = field(default_factory=list)
    postings: dict[int, bytes] = field(default_factory=dict)  # reuse.bucket_postings of the articles
    # Per article, (line, fingerprint, chars) of its paragraphs: only when postings are not
    # bucketed here (Dask groups them on the cluster).
    paragraphs: list[list[tuple[int, int, int]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lines_read: int = 0
    error: str | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)  # with --profile


_CTX: AuditContext | None = None
# Told, every TICK_ARTICLES articles of a task run in this process, (the task, how far into its
# file reading has got, the task's articles so far): the progress display moves within a chunk.
Tick = Callable[[Task, int, int], None]
TICK_ARTICLES = 16  # ~16 ms of work an article at 1 ms: redraws are the display's to throttle


def init_worker(folders: list[Path], ignore: frozenset[str]) -> None:
    """Each worker process has the rules once: a forked worker has its parent's already (half
    a second of loading saved per worker); a spawned one loads them."""
    if _CTX is None:
        use_context(build_context(folders, ignore)[0])
        collector.loaded()  # as the main process does (run/audit.py); a forked worker inherits it


def use_context(ctx: AuditContext) -> None:
    global _CTX
    _CTX = ctx


def _articles(task: Task, stream: SourceStream, found: Iterator[Article], tick: Tick | None) -> list[Article]:
    if tick is None:  # the hot path, as it was
        return list(found)
    articles = []
    for a in found:
        articles.append(a)
        if len(articles) % TICK_ARTICLES == 0:
            tick(task, stream.bytes_read, len(articles))
    return articles


def run_task(task: Task, tick: Tick | None = None) -> TaskResult:
    """Audit one chunk; any failure comes back as an error naming the file, never a traceback."""
    c, base = task.chunk, task.stream
    stream = SourceStream(path=base.path, sha256=base.sha256, encoding=base.encoding, page=base.page, view=base.view)
    result = TaskResult()
    LAPS.on = task.profile
    LAPS.start()
    ctx = _CTX
    if ctx is None:
        result.error = f"{base.path}: internal error: the worker has no audit context"
        return result
    if not task.fingerprints:
        ctx = replace(ctx, fingerprints=False)
    if base.page is not None:  # a saved page names its publisher in its metadata
        page = base.page
        ctx = replace(ctx, page=page_evidence(page.site_name, page.canonical, page.publisher, ctx.registry))
    lines = LazyLines(
        stream.blocks(c.start_byte, c.start_line + 1), base=c.start_line, marker=headline_marks(ctx.settings)
    )
    try:
        if base.page is not None:  # a saved page: one article, framed from its headline candidates
            from auditor.analysis.page import audit_page  # a run of text dumps never loads the page code

            articles = audit_page(base.page, base.view or [], ctx)
        else:
            articles = _articles(task, stream, audit_stream(lines, ctx, c.start_line, c.stop_line), tick)
        LAPS.lap("find articles")
        result.articles = [ArticleRecord.of(base.path, a, sum(n for _, _, n in a.paragraphs)) for a in articles]
        LAPS.lap("article records")
        if not task.fingerprints:
            pass
        elif task.bucket_postings:
            result.postings = bucket_postings([a.paragraphs for a in articles])
        else:
            result.paragraphs = [list(a.paragraphs) for a in articles]
        LAPS.lap("reuse fingerprints")
    except AuditorError as exc:
        result.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - reported per file, the run goes on
        result.error = f"{base.path}: internal error while auditing ({exc.__class__.__name__}: {exc})"
    result.warnings = stream.warnings
    result.lines_read = len(base.view or []) if base.page is not None else lines.read_so_far()
    result.stage_seconds = LAPS.take()
    return result
