"""Parts of inputs read again after the audit: body ranges for reuse."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from auditor.errors import AuditorError
from auditor.ingest.sources import SourceStream, open_source


def read_bodies(
    wanted: list[tuple[str, int, int]], memory: Mapping[str, SourceStream] | None = None
) -> Iterator[tuple[tuple[str, int, int], str]]:
    """((path, first line, last line), text) for each wanted body, reading each input once
    (an input held in ``memory``, standard input, from there).

    The file is read in decoded blocks; only the lines of wanted ranges are kept, and a body
    is handed on (and forgotten) as soon as its last line has been read.
    """
    by_path: dict[str, set[tuple[int, int]]] = {}
    for path, first, last in wanted:
        if 1 <= first <= last:
            by_path.setdefault(path, set()).add((first, last))
    for path, ranges in by_path.items():
        try:
            stream = (memory or {}).get(path) or open_source(path)
        except AuditorError:
            continue
        todo = sorted(ranges)
        nxt = 0  # the next range of ``todo`` not yet started
        active: list[tuple[int, int, list[str]]] = []
        seen = 0  # lines read so far
        for block in stream.blocks():
            lo, hi = seen + 1, seen + len(block)
            seen = hi
            while nxt < len(todo) and todo[nxt][0] <= hi:
                active.append((*todo[nxt], []))
                nxt += 1
            for first, last, parts in active:
                parts.extend(block[max(first, lo) - lo : min(last, hi) - lo + 1])
            done = [r for r in active if r[1] <= hi]
            if done:
                active = [r for r in active if r[1] > hi]
                for first, last, parts in done:
                    yield (path, first, last), "\n".join(parts)
            if not active and nxt == len(todo):
                break
        for first, last, parts in active:  # the file ended inside these ranges
            yield (path, first, last), "\n".join(parts)
