"""A window over a stream of lines: random access near the read position, old lines released."""
from __future__ import annotations

from collections.abc import Iterator


class LazyLines:
    """Lines by 0-based index, read from an iterator on demand.

    Stages look a few lines ahead and back within the current article; ``release()`` drops
    what lies before the article being read, so memory holds one article, not the file.
    """

    def __init__(self, source: Iterator[str] | list[str], base: int = 0) -> None:
        """``base``: the index of the first line the source yields (a chunk starts mid-file)."""
        self._it = iter(source)
        self._buf: list[str] = []
        self._base = base
        self._done = False
        self._chars = 0

    def _fill(self, index: int) -> None:
        while not self._done and index >= self._base + len(self._buf):
            try:
                line = next(self._it)
                self._buf.append(line)
                self._chars += len(line)
            except StopIteration:
                self._done = True

    def has(self, index: int) -> bool:
        """Is there a line at ``index`` (reading ahead as far as needed)?"""
        if index < self._base + len(self._buf):
            return True
        self._fill(index)
        return index < self._base + len(self._buf)

    def __getitem__(self, index: int) -> str:
        offset = index - self._base
        if 0 <= offset < len(self._buf):  # the common case: already read
            return self._buf[offset]
        self._fill(index)
        if index < self._base:
            raise IndexError(f"line {index + 1} was already released")
        return self._buf[index - self._base]

    def span(self, start: int, stop: int) -> list[str]:
        """Lines start..stop-1 (stop clipped to the end of the input)."""
        self._fill(stop - 1)
        if start < self._base:
            raise IndexError(f"line {start + 1} was already released")
        return self._buf[start - self._base : stop - self._base]

    def end(self) -> int:
        """The number of lines in the whole input (reads to the end)."""
        while not self._done:
            self._fill(self._base + len(self._buf))
        return self._base + len(self._buf)

    def read_so_far(self) -> int:
        return self._base + len(self._buf)

    def release(self, before: int) -> None:
        """Forget lines before index ``before``."""
        drop = min(max(0, before - self._base), len(self._buf))
        if drop:
            self._chars -= sum(len(line) for line in self._buf[:drop])
            del self._buf[:drop]
            self._base += drop

    def buffered_chars(self) -> int:
        """Characters held now: what an article costs in memory."""
        return self._chars

    def __len__(self) -> int:
        return self.end()
