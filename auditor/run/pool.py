"""Run audit tasks on one core or several local processes, results in input order.

Worker processes end with the run: on Linux each asks the kernel for SIGKILL when its parent
dies (prctl PR_SET_PDEATHSIG), elsewhere a watchdog thread checks os.getppid() every second.
A run killed with SIGKILL therefore leaves no worker behind holding its stdout and stderr.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from auditor.analysis.context import AuditContext
from auditor.run.tasks import Task, TaskResult, Tick, init_worker, run_task, use_context
from auditor.run.window import in_order

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCHDOG_SECONDS = 1.0


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def capped_jobs(asked: int | None, what: str = "--jobs (or jobs in the config)") -> tuple[int, str | None]:
    """Processes to start: ``asked`` (all cores when None), never more than the cores; and a
    note saying so when it was capped (more processes than cores only add memory and forks)."""
    cores = default_jobs()
    if asked is None or asked <= cores:
        return asked or cores, None
    return cores, f"{what} {asked} asks for more processes than the {cores} core(s) this process may use; using {cores}"


def _parent_gone(main: int, parent: int) -> bool:
    if os.getppid() != parent:
        return True
    try:
        os.kill(main, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # alive, owned by someone else: cannot happen for our own parent, harmless
    return False


def _watch(main: int, parent: int) -> None:
    while not _parent_gone(main, parent):
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


def exit_with_parent(main: int) -> str:
    """Make this worker end when the run's main process (``main``) does; say how."""
    parent = os.getppid()
    how = "watchdog"
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                how = "prctl"
        except (OSError, AttributeError):
            pass
    if how == "watchdog":
        threading.Thread(target=_watch, args=(main, parent), daemon=True, name="parent-watchdog").start()
    if _parent_gone(main, parent):  # it died before we asked
        os._exit(1)
    return how


def worker_setup(main: int) -> None:
    """First thing in every pool process: end with the run, and leave Ctrl-C to the main
    process (which stops the pool and exits 130) instead of printing a traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(main)


def _init(main: int, folders: list[Path], ignore: frozenset[str]) -> None:
    worker_setup(main)
    init_worker(folders, ignore)


def run_tasks(
    tasks: Iterable[Task],
    jobs: int,
    ctx: AuditContext,
    folders: list[Path],
    ignore: frozenset[str],
    window: int | None = None,
    tick: Tick | None = None,
) -> Iterator[tuple[Task, TaskResult]]:
    """Results in task order; with jobs > 1 at most ``window`` tasks are in flight (bounded memory).
    ``tick`` hears of articles within a task only with jobs 1 (elsewhere a task is seen when done)."""
    use_context(ctx)  # a forked worker starts with it (see tasks.init_worker)
    if jobs <= 1:
        for t in tasks:
            yield t, run_task(t, tick)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(os.getpid(), folders, ignore))
    finished = False
    try:
        for t, fut in in_order(tasks, lambda t: pool.submit(run_task, t), window or 2 * jobs):
            yield t, fut.result()
        finished = True
    finally:  # interrupted or failed: drop the queued tasks rather than wait for them
        pool.shutdown(wait=finished, cancel_futures=not finished)
