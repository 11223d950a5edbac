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


def plan(path: str, encoding: str, is_cut_point: Callable[[str], bool], target: int = TASK_BYTES) -> list[Chunk]:
    """Chunk boundaries near every ``target`` bytes, each at a line ``is_cut_point`` accepts.

    The caller says where an article can be cut (a body-text line: a scan started there finds
    what a scan from the top finds); one chunk when no cut fits.
    """
    size = Path(path).stat().st_size
    whole = [Chunk(path, 0, 0, None)]
    if size < 2 * target or not codecs.lookup(encoding).name.startswith(_ASCII_SAFE):
        return whole
    cuts: list[tuple[int, int]] = []
    lines_so_far, counted_to, carry = 0, 0, False
    with open_input(path) as fh:
        for goal in range(target, size - target // 2, target):
            if cuts and goal <= cuts[-1][0]:
                continue
            fh.seek(goal)
            fh.readline()  # finish the line the goal falls in
            pos = fh.tell()
            for _ in range(10_000):  # look for a body-text line to start on
                raw = fh.readline()
                if not raw:
                    break
                if b"\r" in raw.rstrip(b"\r\n"):
                    return whole  # lone CRs inside: leave the file to one reader
                text = raw.decode(encoding, errors="replace").rstrip("\r\n")
                if is_cut_point(text):
                    n, carry = _lines_before(fh, counted_to, pos, carry)
                    lines_so_far += n
                    counted_to = pos
                    cuts.append((pos, lines_so_far))
                    break
                pos = fh.tell()
    if not cuts:
        return whole
    starts = [(0, 0)] + cuts
    return [
        Chunk(path, b, line, starts[k + 1][1] if k + 1 < len(starts) else None) for k, (b, line) in enumerate(starts)
    ]
