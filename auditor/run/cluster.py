"""The same audit tasks on a Dask cluster: `--scheduler ADDRESS` or `--scheduler local:N`.

Optional: needs the `dask` extra. Workers must see the input files at the paths the client
uses (a shared volume); the rule files travel with the tasks, so workers need no checkout.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from auditor.analysis.context import AuditContext, build_context
from auditor.checks.loader import rule_bundle
from auditor.errors import AuditorError
from auditor.reuse.index import SharedRow
from auditor.reuse.postings import shared_rows_of
from auditor.run.pool import capped_jobs
from auditor.run.tasks import Task, TaskResult, run_task, use_context
from auditor.run.window import in_order
from auditor.writer import write_rule_bundle

INSTALL_HINT = "pip install 'headline-auditor[dask]'"
RETRIES = 2  # a task whose worker died is rerun elsewhere by Dask; a task that raised, this often
Bundle = tuple[tuple[tuple[str, str], ...], ...]
Posting = tuple[int, int, int, int]

_CONTEXTS: dict[tuple[int, frozenset[str]], AuditContext] = {}  # per worker process


def _context(bundle: Bundle, ignore: frozenset[str]) -> AuditContext:
    key = (hash(bundle), ignore)
    if key not in _CONTEXTS:
        _CONTEXTS[key] = build_context(write_rule_bundle(bundle), ignore)[0]
    return _CONTEXTS[key]


def run_task_with_rules(task: Task, bundle: Bundle, ignore: frozenset[str]) -> TaskResult:
    use_context(_context(bundle, ignore))
    return run_task(task)


def connect(scheduler: str, notes: list[str] | None = None) -> tuple[Any, Any]:
    """A distributed Client for an address, or for a LocalCluster of N worker processes
    (N capped at the cores, with a line in ``notes`` saying so)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise AuditorError("--scheduler", f"Dask is not installed; install the extra with: {INSTALL_HINT}") from None
    if scheduler.startswith("local:"):
        try:
            n = int(scheduler.split(":", 1)[1])
            if n < 1:
                raise ValueError
        except ValueError:
            raise AuditorError(
                "--scheduler", f"expected local:N with N a positive whole number, got {scheduler!r}"
            ) from None
        n, capped = capped_jobs(n, "--scheduler local:N with N =")
        if capped and notes is not None:
            notes.append(capped)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout="20s"), None
    except (OSError, TimeoutError) as exc:
        raise AuditorError("--scheduler", f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def articles_part(res: TaskResult) -> TaskResult:
    """What the client needs of a task: its articles, without their paragraph fingerprints."""
    return replace(res, paragraphs=[])


def prints_part(res: TaskResult) -> list[Posting]:
    """(article within the task, line, fingerprint, chars): stays on the cluster."""
    return [(i, line, fp, chars) for i, prints in enumerate(res.paragraphs) for line, fp, chars in prints]


def bucket_split(prints: list[Posting], offset: int, buckets: int) -> list[list[Posting]]:
    """Postings (fingerprint, article id, line, chars) dealt into buckets by fingerprint."""
    out: list[list[Posting]] = [[] for _ in range(buckets)]
    for i, line, fp, chars in prints:
        out[fp % buckets].append((fp, offset + i, line, chars))
    return out


def bucket_rows(j: int, parts: list[list[list[Posting]]]) -> list[SharedRow]:
    return shared_rows_of([p for part in parts for p in part[j]])


def run_tasks_on_cluster(
    client: Any,
    tasks: Iterable[Task],
    folders: list[Path],
    ignore: frozenset[str],
    window: int | None = None,
) -> Iterator[tuple[Task, TaskResult, Any]]:
    """(task, result, fingerprints future) in task order, at most ``window`` tasks in flight."""
    bundle_future = client.scatter(rule_bundle(folders), broadcast=True)
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    def submit(t: Task) -> tuple[Any, Any]:
        full = client.submit(run_task_with_rules, t, bundle_future, ignore, pure=False, retries=RETRIES)
        return client.submit(articles_part, full, pure=False), client.submit(prints_part, full, pure=False)

    for t, (arts, prints) in in_order(tasks, submit, window or 2 * workers):
        try:
            result = arts.result()
        except Exception as exc:  # noqa: BLE001 - a task that failed on every try: reported, not dropped
            result, prints = (
                TaskResult(error=f"{t.stream.path}: failed on the cluster ({exc.__class__.__name__}: {exc})"),
                None,
            )
        yield t, result, prints


class ClusterReuse:
    """Fingerprints grouped on the cluster: only the shared-paragraph rows reach the client."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.buckets = 4 * max(1, len(client.scheduler_info().get("workers", {})))
        self.parts: list[Any] = []

    def add(self, prints_future: Any, offset: int) -> None:
        if prints_future is not None:
            self.parts.append(self.client.submit(bucket_split, prints_future, offset, self.buckets, pure=False))

    def rows(self) -> list[SharedRow]:
        futures = [self.client.submit(bucket_rows, j, self.parts, pure=False) for j in range(self.buckets)]
        return sorted(row for part in self.client.gather(futures) for row in part)
