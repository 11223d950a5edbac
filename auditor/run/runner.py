"""Audit many inputs as a stream: bad ones are reported and skipped, the rest still get audited.

The runner is the only stage that sees every other: it opens inputs (ingest), has tasks
audited (analysis, locally or on Dask), records reuse fingerprints and confirms reuse
(reuse, reading bodies back through ingest), checks sources (net), and hands each article
to a sink (report) in input order.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.analysis.context import AuditContext
from auditor.analysis.laps import LAPS, add_seconds
from auditor.analysis.segment import is_cut_point
from auditor.analysis.stream import no_headline_warning
from auditor.errors import AuditorError
from auditor.ingest.chunks import TASK_BYTES, Chunk, plan
from auditor.ingest.files import changed
from auditor.ingest.readback import read_bodies
from auditor.ingest.sources import SourceStream, open_source
from auditor.report.record import ArticleRecord
from auditor.report.sink import DocumentInfo, Sink
from auditor.reuse.index import Links, ReuseIndex
from auditor.run.meter import Meter, ProgressFn
from auditor.run.pool import run_tasks
from auditor.run.tasks import Task, TaskResult

if TYPE_CHECKING:  # net pulls in requests: imported only by runs that verify
    from auditor.net.verify import Verifier


# With N local processes an input's tasks shrink toward its end (ingest.chunks.goals): each
# the rest of the file over 2N, at most --chunk-mb, never under MIN_TASK_BYTES (a task costs a
# little to start and to hand back). Equal 2 MB tasks left one process finishing the last alone:
# 0.19 s of a 2.5 s run of 20 MB with --jobs 2, the other idle.
MIN_TASK_BYTES = 256 << 10


@dataclass
class RunPlan:
    """How a run is carried out; none of it changes what the reports say."""

    jobs: int = 1
    folders: list[Path] = field(default_factory=list)  # rule folders, for worker processes
    ignore: frozenset[str] = frozenset()
    chunk_bytes: int = TASK_BYTES
    client: Any = None  # a Dask client, or None for local processes
    progress: ProgressFn | None = None
    profile: bool = False  # time the stages (--profile)

    def taper(self) -> int:
        """The processes that share each input's tasks (0: tasks of --chunk-mb each)."""
        return self.jobs if self.jobs > 1 and self.client is None else 0


@dataclass
class RunResult:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    links: Links = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)  # with --profile, over every process


@dataclass
class _Document:
    """The input whose articles are being handed to the sink."""

    stream: SourceStream
    warnings: list[str]
    articles: int = 0
    lines: int = 0


def _tasks(
    files: list[str],
    errors: list[str],
    plan_: RunPlan,
    meter: Meter | None,
    memory: Mapping[str, SourceStream],
    fingerprints: bool,
) -> Iterator[Task]:
    for path in files:
        try:
            stream = memory.get(path) or open_source(path)
            if stream.view is not None:  # a saved page's text view, or standard input
                chunks = [Chunk(path, 0, 0, None)]
            else:
                chunks = plan(path, stream.encoding, is_cut_point, plan_.chunk_bytes, plan_.taper(), MIN_TASK_BYTES)
        except AuditorError as exc:
            errors.append(str(exc))
            continue
        except OSError as exc:
            errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        if meter is not None:
            meter.planned(path, [c.start_byte for c in chunks])
        for c in chunks:
            yield Task(c, stream, plan_.client is None, fingerprints, plan_.profile)


class _Feeder:
    """Hands task results to the sink in input order, one document at a time."""

    def __init__(self, sink: Sink, reuse: ReuseIndex | None, verifier: Verifier | None, result: RunResult) -> None:
        self.sink, self.reuse, self.verifier, self.result = sink, reuse, verifier, result
        self.doc: _Document | None = None

    def take(self, task: Task, res: TaskResult) -> None:
        st = task.stream
        if self.doc is None or st is not self.doc.stream:
            self.close()
            self.doc = _Document(st, list(st.warnings))
            self.sink.begin_document(DocumentInfo(st.path, st.digest(), st.page, st.view))
        doc = self.doc
        if res.error:
            self.result.errors.append(res.error)
        if self.reuse is not None and res.postings:
            self.reuse.add_postings(res.postings, self.reuse.count)
        for rec in res.articles:
            rec = self._finish_article(st, rec, doc.articles)
            if self.reuse is not None:
                self.reuse.add(st.path, rec.index, rec.overview.altered, rec.body, rec.paragraph_chars)
            self.sink.article(rec)
            doc.articles += 1
        doc.warnings += [w for w in res.warnings if w not in doc.warnings]
        doc.lines = max(doc.lines, res.lines_read)

    def _finish_article(self, st: SourceStream, rec: ArticleRecord, index: int) -> ArticleRecord:
        """Number the article within its document (chunks number from 0) and verify it."""
        rec.renumber(index)
        if self.verifier is not None:
            a = self.verifier.verify(st.path, rec.article, st.page)
            if self.doc is not None:  # a refused URL: one warning for its article
                self.doc.warnings += self.verifier.warnings
            self.verifier.warnings.clear()
            rec = ArticleRecord.of(st.path, a, rec.paragraph_chars)
        # A page's lone headline is the usual case (nothing else to compare); it warns only
        # when it reports terms, as a text dump's lone headline (framed only then) always does.
        if not rec.overview.has_original and (st.page is None or rec.overview.terms):
            self.result.warnings.append(f"{st.path}:{rec.overview.altered_line}: no original headline found")
        return rec

    def close(self) -> None:
        doc = self.doc
        if doc is None:
            return
        if doc.articles == 0:
            doc.warnings.append(no_headline_warning(doc.stream.path))
        if doc.stream.stamp is not None and changed(doc.stream.path, doc.stream.stamp):
            doc.warnings.append(
                f"{doc.stream.path}: changed while it was being read (size or modification time differ); "
                "its sha256 and its lines may come from different versions: audit it again"
            )
        self.sink.end_document(doc.lines, doc.warnings)
        self.result.warnings.extend(doc.warnings)
        self.doc = None


def run_audit(
    files: list[str],
    ctx: AuditContext,
    sink: Sink,
    plan_: RunPlan | None = None,
    reuse: ReuseIndex | None = None,
    verifier: Verifier | None = None,
    memory: Mapping[str, SourceStream] | None = None,
) -> RunResult:
    """Feed every article of every file to ``sink`` in input order, then confirm reuse.

    ``memory`` holds the inputs that are no file (standard input), by the name in ``files``.
    The sink's ``finish`` is the caller's to call, with ``RunResult.links``.
    """
    memory = memory or {}
    plan_ = plan_ or RunPlan()
    result = RunResult()
    meter = None
    if plan_.progress is not None:
        sizes = {f: Path(f).stat().st_size for f in files if f not in memory and Path(f).is_file()}
        meter = Meter(plan_.progress, files, sizes)
    feeder = _Feeder(sink, reuse, verifier, result)
    tasks = _tasks(files, result.errors, plan_, meter, memory, fingerprints=reuse is not None)
    if plan_.profile:  # the CPU this process spent before the first task: imports, rules, registries
        LAPS.on, result.stage_seconds["start-up"] = True, time.process_time()
    cluster_reuse = None
    if plan_.client is not None:
        from auditor.run.cluster import ClusterReuse, run_tasks_on_cluster

        results = run_tasks_on_cluster(plan_.client, tasks, plan_.folders, plan_.ignore)
        cluster_reuse = ClusterReuse(plan_.client) if reuse is not None else None
    else:
        tick = meter.tick if meter is not None else None
        results = ((t, r, None) for t, r in run_tasks(tasks, plan_.jobs, ctx, plan_.folders, plan_.ignore, tick=tick))
    for task, res, prints in results:
        if cluster_reuse is not None and reuse is not None:
            cluster_reuse.add(prints, reuse.count)
        add_seconds(result.stage_seconds, res.stage_seconds)
        LAPS.start()
        feeder.take(task, res)
        LAPS.lap("write reports")
        if meter is not None:
            meter.task_done(task, len(res.articles))
    LAPS.start()
    feeder.close()
    LAPS.lap("write reports")
    if reuse is not None:
        rows = cluster_reuse.rows() if cluster_reuse is not None else None
        result.links = reuse.links(partial(read_bodies, memory=memory), rows)
    LAPS.lap("reuse links")
    if meter is not None:
        meter.finish()
    return result
