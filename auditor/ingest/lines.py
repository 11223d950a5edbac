"""A window over a stream of lines: random access near the read position, old lines released."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

Marker = Callable[[list[str]], bytearray]  # one byte per line: 1 where a scan should stop

# What a buffered line costs beyond its characters (a CPython str header of ~49 bytes and a list
# slot of 8): counted in ``buffered_chars`` so that twenty million one-character lines weigh
# what they take in memory, not twenty megabytes.
LINE_COST = 64
# Released lines are dropped from the front of the buffer in batches, not one by one: deleting
# the head of a list moves every line after it, and one line at a time over twenty million
# lines is quadratic.
_COMPACT_AT = 4096


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
        self._base = base  # the index of _buf[0]
        self._first = base  # the first line not released (lines before it may still sit in _buf)
        self._done = False
        self._chars = 0  # characters plus LINE_COST a line, of the lines not released

    @classmethod
    def of(cls, lines: list[str], marker: Marker | None = None) -> LazyLines:
        return cls([lines], marker=marker)

    def _read_block(self) -> bool:
        """Append the next block; False at the end of the input."""
        for block in self._blocks:
            if not block:
                continue
            self._buf.extend(block)
            self._chars += sum(map(len, block)) + LINE_COST * len(block)
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
        if index >= self._first and offset < len(self._buf):  # the common case: already read
            return self._buf[offset]
        self._fill(index)
        if index < self._first:
            raise IndexError(f"line {index + 1} was already released")
        return self._buf[index - self._base]

    def span(self, start: int, stop: int) -> list[str]:
        """Lines start..stop-1 (stop clipped to the end of the input)."""
        self._fill(stop - 1)
        if start < self._first:
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

    def next_marked(self, index: int, max_chars: int | None = None, release: bool = False) -> int:
        """The first marked line at or after ``index``; the end of the input if none.

        With ``max_chars``, stop reading ahead once the window holds more than that many
        characters and return the first line not yet read: the caller closes the article.
        With ``release``, the caller wants nothing before the line returned: lines passed
        over are released as the scan goes, so a long stretch without a mark costs no memory.
        """
        while True:
            k = self._marks.find(1, max(0, max(index, self._first) - self._base))
            if k >= 0:
                return self._base + k
            if release:
                self.release(self._base + len(self._buf))
            if max_chars is not None and self._chars > max_chars:
                return max(index, self._base + len(self._buf))
            if not self._read_block():
                return max(index, self._base + len(self._buf))

    def is_marked(self, index: int) -> bool:
        offset = index - self._base
        return index >= self._first and offset < len(self._marks) and self._marks[offset] == 1

    def end(self) -> int:
        """The number of lines in the whole input (reads to the end)."""
        while self._read_block():
            pass
        return self._base + len(self._buf)

    def oldest(self) -> int:
        """The index of the oldest line not released (lines before it may not be read)."""
        return self._first

    def read_so_far(self) -> int:
        return self._base + len(self._buf)

    def release(self, before: int) -> None:
        """Forget lines before index ``before``."""
        stop = min(before, self._base + len(self._buf))
        if stop <= self._first:
            return
        dropped = self._buf[self._first - self._base : stop - self._base]
        self._chars -= sum(map(len, dropped)) + LINE_COST * len(dropped)
        self._first = stop
        gone = self._first - self._base
        if gone >= _COMPACT_AT and 2 * gone >= len(self._buf):
            del self._buf[:gone]
            del self._marks[:gone]
            self._base = self._first

    def buffered_chars(self) -> int:
        """Characters held now, plus LINE_COST a line: what an article costs in memory."""
        return self._chars

    def __len__(self) -> int:
        return self.end()
