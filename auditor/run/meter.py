"""Progress as the runner knows it: bytes of the inputs behind us, files done, articles emitted.

Within a task run in this process (--jobs 1) the tasks tick every few articles with how far
into the file reading has got; in parallel and on Dask a task counts when its result arrives,
in input order. What to draw, and how often, is the display's business (run.progress).
"""

from __future__ import annotations

from collections.abc import Callable

from auditor.run.tasks import Task

# (bytes done, bytes total, files done, files total, articles so far)
ProgressFn = Callable[[int, int, int, int, int], None]


class Meter:
    def __init__(self, show: ProgressFn, files: list[str], sizes: dict[str, int]) -> None:
        self.show = show
        self.total_files = len(files)
        self.offsets: dict[str, int] = {}  # where each file starts in the run's bytes
        at = 0
        for f in files:
            self.offsets.setdefault(f, at)
            at += sizes.get(f, 0)
        self.total, self.sizes = at, sizes
        self.ends: dict[tuple[str, int], int] = {}  # (file, chunk start) -> chunk end
        self.files_done = self.articles = 0

    def planned(self, path: str, starts: list[int]) -> None:
        """A file's chunks, by their first byte: each ends where the next starts."""
        for start, end in zip(starts, [*starts[1:], self.sizes.get(path, 0)], strict=True):
            self.ends[(path, start)] = end

    def _end(self, task: Task) -> int:
        return self.ends.get((task.stream.path, task.chunk.start_byte), self.sizes.get(task.stream.path, 0))

    def tick(self, task: Task, read: int, articles: int) -> None:
        """Within a task: ``read`` bytes into its file, ``articles`` of its own emitted."""
        path = task.stream.path
        done = self.offsets.get(path, 0) + min(read, self._end(task))
        self.show(done, self.total, self.files_done, self.total_files, self.articles + articles)

    def task_done(self, task: Task, articles: int) -> None:
        path, end = task.stream.path, self._end(task)
        self.articles += articles
        if end >= self.sizes.get(path, 0):
            self.files_done += 1
        self.show(self.offsets.get(path, 0) + end, self.total, self.files_done, self.total_files, self.articles)

    def finish(self) -> None:
        self.show(self.total, self.total, self.total_files, self.total_files, self.articles)
