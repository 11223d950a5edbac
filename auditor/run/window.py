"""Results in submission order with a bounded number of tasks in flight (local pool or Dask)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
F = TypeVar("F")


def in_order(items: Iterable[T], submit: Callable[[T], F], window: int) -> Iterator[tuple[T, F]]:
    """(item, its future) in item order; at most ``window`` submitted and not yet handed out.

    Memory stays bounded however many tasks a corpus gives, and results can be merged in
    input order, so the reports do not depend on which worker finished first.
    """
    pending: deque[tuple[T, F]] = deque()
    it = iter(items)
    for item in it:
        pending.append((item, submit(item)))
        if len(pending) >= window:
            break
    while pending:
        item, fut = pending.popleft()
        yield item, fut
        nxt = next(it, None)
        if nxt is not None:
            pending.append((nxt, submit(nxt)))
