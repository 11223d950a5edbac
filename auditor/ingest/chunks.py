"""Cut a big text file into article-aligned chunks so several processes can audit it."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from auditor.ingest.files import open_input
from auditor.ingest.sources import READ_BLOCK_BYTES

# Big files are cut into tasks of about this size: per-task overhead is small next to 2 MB of
# work, and many tasks balance the cores.
TASK_BYTES = 2 << 20
# A cut is looked for among the first this-many lines after a goal, each judged by its first
# CANDIDATE_BYTES (a longer line is body text whatever follows), read SCAN_BLOCK_BYTES at a time.
CANDIDATE_LINES = 10_000
CANDIDATE_BYTES = 64 << 10
SCAN_BLOCK_BYTES = 64 << 10
# Encodings in which CR and LF bytes only ever mean CR and LF (no multi-byte unit holds them).
_ASCII_SAFE = (
    "utf-8",
    "utf-8-sig",
    "ascii",
    "latin-1",
    "iso8859",
    "cp125",
    "windows-125",
    "mac-",
    "koi8",
    "cp8",
    "cp4",
)


@dataclass(frozen=True)
class Chunk:
    path: str
    start_byte: int
    start_line: int  # 0-based index of the chunk's first line
    stop_line: int | None  # articles whose altered headline is before this line belong here


def _lines_before(fh: BinaryIO, start: int, end: int, carry_cr: bool) -> tuple[int, bool]:
    """Line breaks (LF, CRLF, lone CR) in bytes [start, end); a CR at a block end waits for an LF."""
    fh.seek(start)
    count, pos = 0, start
    while pos < end:
        block = fh.read(min(READ_BLOCK_BYTES, end - pos))
        if not block:
            break
        pos += len(block)
        if carry_cr:
            count += 1  # the CR that ended the previous block ends a line, CRLF or not
            block = block[1:] if block.startswith(b"\n") else block
            carry_cr = False
        if block.endswith(b"\r"):
            block, carry_cr = block[:-1], True
        count += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
    return count, carry_cr


def _line_end(fh: BinaryIO, start: int, limit: int) -> int | None:
    """The position after the first LF at or after ``start`` and before ``limit``, read in blocks."""
    fh.seek(start)
    pos = start
    while pos < limit:
        block = fh.read(min(SCAN_BLOCK_BYTES, limit - pos))
        if not block:
            return None
        k = block.find(b"\n")
        if k >= 0:
            return pos + k + 1
        pos += len(block)
    return None


def _cut_in(fh: BinaryIO, start: int, limit: int, encoding: str, is_cut_point: Callable[[str], bool]) -> int | None:
    """The start of the first line in [start, limit) after the one ``start`` falls in that
    ``is_cut_point`` accepts; None when there is none. Raises _LoneCR on a CR-only line end.

    Only [start, limit) is read, in bounded pieces: a line of gigabytes costs one pass over
    its bytes and no memory (its first CANDIDATE_BYTES stand for it).
    """
    pos = _line_end(fh, start, limit)  # finish the line the goal falls in
    for _ in range(CANDIDATE_LINES):  # look for a body-text line to start on
        if pos is None or pos >= limit:
            return None
        fh.seek(pos)
        raw = fh.readline(CANDIDATE_BYTES)
        if not raw:
            return None
        if b"\r" in raw.rstrip(b"\r\n"):
            raise _LoneCR  # lone CRs inside: leave the file to one reader
        # Judged as the reader will see it: NULs are removed there.
        if is_cut_point(raw.decode(encoding, errors="replace").replace("\x00", "").rstrip("\r\n")):
            return pos
        whole_line = raw.endswith(b"\n")
        pos = pos + len(raw) if whole_line else _line_end(fh, pos + len(raw), limit)
    return None


class _LoneCR(Exception):
    """A line holds a bare CR: its line numbers depend on reading it from the top."""


def goals(size: int, target: int, taper: int = 0, least: int = 0) -> list[tuple[int, int]]:
    """Where chunks of a ``size``-byte file should end, each with the end of the stretch a cut is
    looked for in (the next goal). Every ``target`` bytes; or, with ``taper`` processes sharing
    the file, each chunk the rest of the file over 2 * ``taper`` (at most ``target`` bytes and,
    below that, at least ``least``), so that chunks shrink toward the end and the processes run
    out of work together instead of one finishing a big last chunk alone."""
    if taper <= 1:
        if size < 2 * target:
            return []
        return [(g, min(g + target, size)) for g in range(target, size - target // 2, target)]

    def step(pos: int) -> int:  # the chunk that starts at ``pos``
        return min(target, max(least, (size - pos) // (2 * taper), 1))

    ends: list[int] = []
    pos = 0
    while pos + step(pos) < size - step(pos) // 2:  # else what is left joins the last chunk
        pos += step(pos)
        ends.append(pos)
    return [(g, min(g + step(g), size)) for g in ends]


def plan(
    path: str, encoding: str, is_cut_point: Callable[[str], bool], target: int = TASK_BYTES, taper: int = 0,
    least: int = 0,
) -> list[Chunk]:  # fmt: skip
    """Chunk boundaries near each of ``goals`` (see there), each at a line ``is_cut_point`` accepts.

    The caller says where an article can be cut (a body-text line: a scan started there finds
    what a scan from the top finds); one chunk when no cut fits. A cut is looked for only
    between a goal and the next, so planning reads each byte at most once whatever the lines
    are like (one line of 2 GB included).
    """
    size = Path(path).stat().st_size
    whole = [Chunk(path, 0, 0, None)]
    ends = goals(size, target, taper, least)
    if not ends or not codecs.lookup(encoding).name.startswith(_ASCII_SAFE):
        return whole
    cuts: list[tuple[int, int]] = []
    lines_so_far, counted_to, carry = 0, 0, False
    with open_input(path) as fh:
        for goal, limit in ends:
            try:
                pos = _cut_in(fh, goal, limit, encoding, is_cut_point)
            except _LoneCR:
                return whole
            if pos is None:
                continue
            n, carry = _lines_before(fh, counted_to, pos, carry)
            lines_so_far += n
            counted_to = pos
            cuts.append((pos, lines_so_far))
    if not cuts:
        return whole
    starts = [(0, 0)] + cuts
    return [
        Chunk(path, b, line, starts[k + 1][1] if k + 1 < len(starts) else None) for k, (b, line) in enumerate(starts)
    ]
