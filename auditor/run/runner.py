"""Audit many inputs as a stream: bad ones are reported and skipped, the rest still get audited."""
from __future__ import annotations

from collections.abc import Iterator
from enum import IntEnum
from pathlib import Path
from typing import Protocol

from auditor.ingest.chunks import CHUNK_BYTES, Chunk, plan
from auditor.report.digest import ArticleDigest
from auditor.errors import AuditorError
from auditor.ingest.sources import discover, locate_in_source, open_source
from auditor.run.pool import ProgressFn, Task, run_tasks
from auditor.analysis.pipeline import AuditContext


class ExitCode(IntEnum):
    """What `auditor audit` returns."""

    OK = 0  # no finding at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on (or, with --strict, warnings; with --check, stale reports)
    ERROR = 2  # usage error, a bad rule file, or an input that could not be audited


class Sink(Protocol):
    """Receives the audit in file order, one article at a time."""

    def begin_document(self, path: str, sha256: str, page=None, view=None) -> None: ...
    def article(self, d: ArticleDigest) -> None: ...
    def end_document(self, line_count: int, warnings: list[str]) -> None: ...


def input_files(paths: list[str]) -> tuple[list[str], list[str]]:
    files, problems = discover(paths)
    unique = list(dict.fromkeys(files))  # the same file named twice is audited once
    return unique, [str(p) for p in problems]


def _tasks(
    files: list[str], errors: list[str], sizes: dict[int, int], chunk_bytes: int, ship_model: bool, json_line: bool,
    bucketed: bool,
) -> Iterator[Task]:
    for path in files:
        try:
            stream = open_source(path)
            chunks = [Chunk(path, 0, 0, None)] if stream.view is not None else plan(path, stream.encoding, chunk_bytes)
        except AuditorError as exc:
            errors.append(str(exc))
            continue
        except OSError as exc:
            errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        sizes[id(stream)] = Path(path).stat().st_size
        for c in chunks:
            yield Task(c, stream, ship_model, json_line, bucketed)


def run_audit(
    files: list[str], ctx: AuditContext, sink: Sink, verifier=None, jobs: int = 1,
    folders: list[Path] | None = None, ignore: frozenset[str] = frozenset(), progress: ProgressFn | None = None,
    chunk_bytes: int = CHUNK_BYTES, client=None, json_line: bool = True,
) -> tuple[list[str], list[str]]:
    """Feed every article of every file to ``sink`` in input order; return (errors, warnings)."""
    errors: list[str] = []
    warnings: list[str] = []
    sizes: dict[int, int] = {}
    total_bytes = sum(Path(f).stat().st_size for f in files if Path(f).is_file())
    state = {"stream": None, "index": 0, "warnings": [], "lines": 0, "files": 0, "bytes": 0}

    def close() -> None:
        st = state["stream"]
        if st is None:
            return
        if state["index"] == 0:
            state["warnings"].append(f"{st.path}: no altered headline found")
        sink.end_document(state["lines"], state["warnings"])
        warnings.extend(state["warnings"])
        state["files"] += 1
        state["bytes"] += sizes.get(id(st), 0)

    in_process = client is None and jobs <= 1
    tasks = _tasks(files, errors, sizes, chunk_bytes, ship_model=in_process, json_line=json_line, bucketed=client is None)
    cluster_reuse = None
    if client is not None:
        from auditor.run.cluster import ClusterReuse, run_tasks_on_cluster

        results = run_tasks_on_cluster(client, tasks, folders or [], ignore)
        cluster_reuse = ClusterReuse(client) if hasattr(sink, "set_reuse_rows") else None
    else:
        results = ((t, r, None) for t, r in run_tasks(tasks, jobs, ctx, folders or [], ignore))
    fed = 0  # articles handed to the sink so far: the reuse index numbers them the same way
    for task, res, prints in results:
        if cluster_reuse is not None:
            cluster_reuse.add(prints, fed)
        if res.postings and hasattr(sink, "add_postings"):
            sink.add_postings(res.postings, fed)
        fed += len(res.articles)
        st = task.stream
        if st is not state["stream"]:
            close()
            state.update(stream=st, index=0, warnings=list(st.warnings), lines=0)
            sink.begin_document(st.path, st.digest(), st.page, st.view)
        if res.error:
            errors.append(res.error)
        for d in res.articles:
            # Chunks number their articles from 0; the document numbers them through.
            d.renumber(state["index"])
            if st.page is not None or verifier is not None:
                a = d.article()
                if st.page is not None:
                    a = a.model_copy(update={"source_line": locate_in_source(st.path, a.altered.text)})
                if verifier is not None:
                    a = verifier.verify(st.path, a, st.page)
                d.replace_model(a)
            if not d.has_original:
                warnings.append(f"{st.path}:{d.altered_line}: no original headline found")
            sink.article(d)
            state["index"] += 1
        state["warnings"] += [w for w in res.warnings if w not in state["warnings"]]
        state["lines"] = max(state["lines"], res.lines_read)
        if progress is not None:
            progress(state["bytes"], total_bytes, state["files"], len(files))
    close()
    if cluster_reuse is not None:
        sink.set_reuse_rows(cluster_reuse.rows())
    if progress is not None:
        progress(total_bytes, total_bytes, len(files), len(files))
    return errors, warnings


def read_bodies(wanted: list[tuple[str, int, int]]) -> Iterator[tuple[tuple[str, int, int], str]]:
    """((path, first line, last line), text) for each wanted body, reading each input once.

    The file is read in decoded blocks; only the lines of wanted ranges are kept, and a body
    is handed on (and forgotten) as soon as its last line has been read.
    """
    by_path: dict[str, set[tuple[int, int]]] = {}
    for path, first, last in wanted:
        if 1 <= first <= last:
            by_path.setdefault(path, set()).add((first, last))
    for path, ranges in by_path.items():
        try:
            stream = open_source(path)
        except AuditorError:
            continue
        todo = sorted(ranges)
        nxt = 0  # the next range of ``todo`` not yet started
        active: list[tuple[int, int, list[str]]] = []
        seen = 0  # lines read so far
        for block in stream.blocks():
            lo, hi = seen + 1, seen + len(block)
            seen = hi
            while nxt < len(todo) and todo[nxt][0] <= hi:
                active.append((*todo[nxt], []))
                nxt += 1
            for first, last, parts in active:
                parts.extend(block[max(first, lo) - lo : min(last, hi) - lo + 1])
            done = [r for r in active if r[1] <= hi]
            if done:
                active = [r for r in active if r[1] > hi]
                for first, last, parts in done:
                    yield (path, first, last), "\n".join(parts)
            if not active and nxt == len(todo):
                break
        for first, last, parts in active:  # the file ended inside these ranges
            yield (path, first, last), "\n".join(parts)
