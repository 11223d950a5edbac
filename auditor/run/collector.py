"""The garbage collector during a run: off while the rules load, then those frozen and young objects collected seldom.

A run's objects die by reference counting: each task's articles live until the task hands
them back, then go at once, and hardly any form cycles. The collector's default (a young
collection every 700 net new objects, an older one every tenth, a full one every tenth of
those) therefore keeps walking articles that are still in use and finds nothing to free.
Measured on the benchmark corpus (benchmarks/bench.py), --jobs 1 at 80 MB: 2,483 young, 226
middle and 20 full collections took 1.47 s of 18.3 s of CPU, and the full ones grow with the
input (every long-lived object is walked again); with the collector off altogether peak RSS
was the same (136 MB against 135), so no garbage was waiting for it.
"""

from __future__ import annotations

import gc
import threading
from typing import NamedTuple

# Net new container objects between young collections. A 2 MB task holds a few tens of
# thousands of live objects at its peak (at 10,000 the young generation still filled up 137
# times in 80 MB, each collection walking a task's articles: 0.98 s); at 100,000 two
# collections ran in 80 MB (0.07 s) and peak RSS stayed 134 MB. Whatever cycles a run does
# make (a traceback, a parser's tree) are still collected, at most this many objects late.
YOUNG_OBJECTS = 100_000


class Collector(NamedTuple):
    """The collector's state before the first of the runs under way."""

    thresholds: tuple[int, ...]
    enabled: bool


# Runs may overlap (a library caller's threads): the state is saved by the first run to start
# and given back by the last to end, never by one run while another holds the collector.
_lock = threading.Lock()
_runs = 0
_before = Collector((700, 10, 10), True)


def hold() -> None:
    """No collection while the rules and registries load (they live as long as the run, and a
    walk over them frees nothing). Give it back with ``release``, whatever happens."""
    global _runs, _before
    with _lock:
        if _runs == 0:
            _before = Collector(gc.get_threshold(), gc.isenabled())
        _runs += 1
        gc.disable()


def loaded(collect_young_every: int = YOUNG_OBJECTS) -> None:
    """The rules are loaded: freeze what exists (never walked again, and forked workers share
    its pages instead of copying those the collector would touch), then collect seldom."""
    with _lock:
        gc.freeze()
        gc.set_threshold(collect_young_every, *gc.get_threshold()[1:])
        gc.enable()


def release() -> None:
    """The last run to end gives the collector back as the first found it."""
    global _runs
    with _lock:
        _runs -= 1
        if _runs > 0:
            return
        gc.set_threshold(*_before.thresholds)
        gc.unfreeze()
        if _before.enabled:
            gc.enable()
        else:
            gc.disable()
