"""A one-line progress display on stderr, for terminals only."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    """Files and MB done, rate and ETA, redrawn at most a few times a second."""

    def __init__(self, stream: TextIO = sys.stderr, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.clock = stream, clock
        self.started = clock()
        self.last = 0.0

    def __call__(self, done: int, total: int, files_done: int, files_total: int) -> None:
        now = self.clock()
        final = done >= total and files_done >= files_total
        if not final and now - self.last < 0.25:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed / 1e6
        eta = (total - done) / (done / elapsed) if done else 0.0
        line = f"\r{files_done}/{files_total} files  {done / 1e6:,.1f}/{total / 1e6:,.1f} MB"
        line += f"  {rate:,.1f} MB/s  ETA {eta:,.0f} s "
        self.stream.write(line + ("\n" if final else ""))
        self.stream.flush()
