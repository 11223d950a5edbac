"""The progress bar on stderr, for terminals only: tqdm, imported when the first bar is made.

tqdm (not rich): one small pure-Python package with no dependencies of its own, maintained,
whose import costs about 33 ms here against rich.progress's larger tree; the bar needs nothing
rich adds (markup, live layouts). A run that is not on a terminal never imports it.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

REDRAW_SECONDS = 0.25  # a few redraws a second: enough to see it move, too few to cost anything


class Progress:
    """Bytes done (with rate and ETA), files and articles, redrawn at most every REDRAW_SECONDS."""

    def __init__(self, stream: TextIO | None = None, mininterval: float = REDRAW_SECONDS) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.mininterval = mininterval
        self.bar: Any = None
        self.closed = False

    def _open(self, total: int) -> Any:
        from tqdm import tqdm  # only here: the library's import cost is paid on a terminal alone

        return tqdm(
            total=total,
            unit="B",
            unit_scale=True,
            unit_divisor=1000,
            desc="audit",
            file=self.stream,
            mininterval=self.mininterval,
            dynamic_ncols=True,
            leave=True,
        )

    def __call__(self, done: int, total: int, files_done: int, files_total: int, articles: int) -> None:
        if self.closed:
            return
        if self.bar is None:
            self.bar = self._open(total)
        self.bar.set_postfix_str(f"{files_done}/{files_total} files, {articles:,} articles", refresh=False)
        self.bar.update(max(done - self.bar.n, 0))
        if done >= total and files_done >= files_total:
            self.close()

    def close(self) -> None:
        self.closed = True
        if self.bar is not None:
            self.bar.refresh()
            self.bar.close()
            self.bar = None
