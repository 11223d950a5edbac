"""A window over a stream of lines: random access near the read position, old lines released."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

Marker = Callable[[list[str]], bytearray]  # one byte per line: 1 where a scan should stop


class LazyLines:
    """Lines by 0-based index, read a block (a list of lines) at a time on demand.

    Stages look a few lines ahead and back within the current article; ``release()`` drops
    what lies before the article being read, so memory holds one article, not the file.
    With a ``marker``, each block gets one byte per line saying whether the line is worth a
    look; ``next_marked`` then skips the rest in C (bytearray.find), not line by line.
    """

    def __init__(self, blocks: Iterable[list[str]], base: int = 0, marker: Marker | None = None) -> None:
        """``base``: the index of the first line the source yields (a chunk starts mid-file)."""
        self._blocks: Iterator[list[str]] = iter(blocks)
        self._buf: list[str] = []
        self._marks = bytearray()
        self._marker = marker
        self._base = base
        self._done = False
        self._chars = 0

    @classmethod
    def of(cls, lines: list[str], marker: Marker | None = None) -> LazyLines:
        return cls([lines], marker=marker)

    def _read_block(self) -> bool:
        """Append the next block; False at the end of the input."""
        for block in self._blocks:
            if not block:
                continue
            self._buf.extend(block)
            self._chars += sum(map(len, block))
            self._marks += self._marker(block) if self._marker else bytes(len(block))
            return True
        self._done = True
        return False

    def _fill(self, index: int) -> None:
        while not self._done and index >= self._base + len(self._buf):
            self._read_block()

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

    def nonblank_after(self, index: int, limit: int) -> list[int]:
        """Indices of up to ``limit`` non-blank lines after ``index`` (reading ahead as needed)."""
        out: list[int] = []
        i = index + 1
        while len(out) < limit:
            offset = i - self._base
            if offset >= len(self._buf):
                self._fill(i)
                if offset >= len(self._buf):
                    break
            if self._buf[offset].strip():
                out.append(i)
            i += 1
        return out

    def next_marked(self, index: int, max_chars: int | None = None) -> int:
        """The first marked line at or after ``index``; the end of the input if none.

        With ``max_chars``, stop reading ahead once the window holds more than that many
        characters and return the first line not yet read: the caller closes the article.
        """
        while True:
            k = self._marks.find(1, max(0, index - self._base))
            if k >= 0:
                return self._base + k
            if max_chars is not None and self._chars > max_chars:
                return max(index, self._base + len(self._buf))
            if not self._read_block():
                return max(index, self._base + len(self._buf))

    def is_marked(self, index: int) -> bool:
        offset = index - self._base
        return 0 <= offset < len(self._marks) and self._marks[offset] == 1

    def end(self) -> int:
        """The number of lines in the whole input (reads to the end)."""
        while self._read_block():
            pass
        return self._base + len(self._buf)

    def oldest(self) -> int:
        """The index of the oldest line still held (lines before it were released)."""
        return self._base

    def read_so_far(self) -> int:
        return self._base + len(self._buf)

    def release(self, before: int) -> None:
        """Forget lines before index ``before``."""
        drop = min(max(0, before - self._base), len(self._buf))
        if drop:
            self._chars -= sum(map(len, self._buf[:drop]))
            del self._buf[:drop]
            del self._marks[:drop]
            self._base += drop

    def buffered_chars(self) -> int:
        """Characters held now: what an article costs in memory."""
        return self._chars

    def __len__(self) -> int:
        return self.end()
