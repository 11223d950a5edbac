"""Run audit tasks on one core or several local processes, results in input order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from auditor.analysis.context import AuditContext
from auditor.run.tasks import Task, TaskResult, init_worker, run_task, use_context
from auditor.run.window import in_order


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_tasks(
    tasks: Iterable[Task],
    jobs: int,
    ctx: AuditContext,
    folders: list[Path],
    ignore: frozenset[str],
    window: int | None = None,
) -> Iterator[tuple[Task, TaskResult]]:
    """Results in task order; with jobs > 1 at most ``window`` tasks are in flight (bounded memory)."""
    if jobs <= 1:
        use_context(ctx)
        for t in tasks:
            yield t, run_task(t)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(folders, ignore)) as pool:
        for t, fut in in_order(tasks, lambda t: pool.submit(run_task, t), window or 2 * jobs):
            yield t, fut.result()
