"""Run audit tasks (files, or chunks of big files) on one core or several, results in input order."""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from auditor.ingest.chunks import Chunk
from auditor.report.digest import ArticleDigest, digest
from auditor.ingest.sources import SourceStream
from auditor.ingest.lines import LazyLines
from auditor.analysis.pipeline import AuditContext, audit_stream
from auditor.reuse.index import bucket_postings
from auditor.analysis.segment import headline_marks


@dataclass(frozen=True)
class Task:
    chunk: Chunk
    stream: SourceStream  # the opened input: encoding, sha256, HTML view
    # In-process the model costs nothing to hand over; between processes the JSON line is
    # cheaper to send and to read back than a pickled model, so workers send that alone.
    ship_model: bool = True
    json_line: bool = True
    # Deal reuse postings into buckets here, so the main process only appends bytes (a Dask
    # cluster groups the per-article fingerprints itself instead).
    bucket_postings: bool = True


@dataclass
class TaskResult:
    articles: list[ArticleDigest] = field(default_factory=list)
    postings: dict[int, bytes] = field(default_factory=dict)  # reuse.bucket_postings of the articles
    warnings: list[str] = field(default_factory=list)
    lines_read: int = 0
    error: str | None = None


_CTX: AuditContext | None = None


def init_worker(folders: list[Path], ignore: frozenset[str]) -> None:
    """Each worker process loads the rules once."""
    global _CTX
    from auditor.run.context import build_context

    _CTX, _ = build_context(folders, ignore)


def use_context(ctx: AuditContext) -> None:
    global _CTX
    _CTX = ctx


def run_task(task: Task) -> TaskResult:
    """Audit one chunk; any failure comes back as an error naming the file, never a traceback."""
    from auditor.errors import AuditorError

    c, base = task.chunk, task.stream
    stream = SourceStream(path=base.path, sha256=base.sha256, encoding=base.encoding, page=base.page, view=base.view)
    marker = headline_marks(_CTX.settings) if _CTX is not None else None
    lines = LazyLines(stream.blocks(c.start_byte, c.start_line + 1), base=c.start_line, marker=marker)
    result = TaskResult()
    try:
        assert _CTX is not None, "worker has no audit context"
        result.articles = [
            digest(base.path, a, json_line=task.json_line or not task.ship_model, model=task.ship_model)
            for a in audit_stream(lines, _CTX, c.start_line, c.stop_line)
        ]
        if task.bucket_postings:
            result.postings = bucket_postings([d.paragraphs for d in result.articles])
            for d in result.articles:
                d.paragraphs = []
    except AuditorError as exc:
        result.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - reported per file, the run goes on
        result.error = f"{base.path}: internal error while auditing ({exc.__class__.__name__}: {exc})"
    result.warnings = stream.warnings
    result.lines_read = lines.read_so_far()
    return result


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_tasks(
    tasks: Iterable[Task], jobs: int, ctx: AuditContext, folders: list[Path], ignore: frozenset[str],
    window: int | None = None,
) -> Iterator[tuple[Task, TaskResult]]:
    """Results in task order; with jobs > 1 at most ``window`` tasks are in flight (bounded memory)."""
    if jobs <= 1:
        use_context(ctx)
        for t in tasks:
            yield t, run_task(t)
        return
    window = window or 2 * jobs
    with ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(folders, ignore)) as pool:
        pending: deque = deque()
        it = iter(tasks)
        for t in it:
            pending.append((t, pool.submit(run_task, t)))
            if len(pending) >= window:
                break
        while pending:
            t, fut = pending.popleft()
            yield t, fut.result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(run_task, nxt)))


ProgressFn = Callable[[int, int, int, int], None]  # (bytes done, bytes total, files done, files total)
