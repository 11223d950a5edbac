"""Reuse postings (fingerprint, article, line, characters) dealt into fingerprint buckets.

Every posting of one fingerprint lands in one bucket, so each bucket can be grouped on its
own, by any process, to find the fingerprints a few articles share.
"""

from __future__ import annotations

import struct
from collections import Counter
from pathlib import Path

BOILERPLATE_ARTICLES = 5  # a paragraph found in this many articles or more is boilerplate
BUCKETS = 256  # fingerprint buckets: one is grouped in memory at a time
POSTING = struct.Struct("=qqqq")  # fingerprint, article, line, characters: native int64s
SEGMENT = struct.Struct("=qq")  # before each run of postings: the id of its article 0, the run's bytes


def bucket_postings(prints_by_article: list[list[tuple[int, int, int]]]) -> dict[int, bytes]:
    """Postings of consecutive articles dealt into buckets, articles numbered from 0.

    Runs where the articles were audited (a worker), so the main process only appends the
    bytes, each run headed by the id its article 0 has in the run as a whole.
    """
    out: dict[int, bytearray] = {}
    pack = POSTING.pack
    for art, prints in enumerate(prints_by_article):
        for line, fp, chars in prints:
            out.setdefault(fp % BUCKETS, bytearray()).extend(pack(fp, art, line, chars))
    return {j: bytes(buf) for j, buf in out.items()}


def bucket_rows_from_file(path: str) -> list[tuple[int, int, int, int, int]]:
    """The shared rows of one fingerprint bucket file (a module function: pool workers run it)."""
    return bucket_rows(Path(path).read_bytes())


def bucket_rows(blob: bytes) -> list[tuple[int, int, int, int, int]]:
    """The shared rows of one fingerprint bucket's bytes (segments of postings)."""
    data = memoryview(blob)
    runs = []
    pos = 0
    while pos < len(data):
        first, size = SEGMENT.unpack_from(data, pos)
        pos += SEGMENT.size
        runs.append((first, data[pos : pos + size].cast("q")))
        pos += size
    # Most fingerprints occur once: count them in C and build tuples only for the repeats.
    counts: Counter = Counter()
    for _, cols in runs:
        counts.update(cols[0::4])
    repeated = {fp for fp, n in counts.items() if n > 1}
    if not repeated:
        return []
    return shared_rows_of(
        [
            (fp, first + cols[4 * i + 1], cols[4 * i + 2], cols[4 * i + 3])
            for first, cols in runs
            for i, fp in enumerate(cols[0::4])
            if fp in repeated
        ]
    )


def shared_rows_of(prints: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int, int]]:
    """(article a, article b, line in a, line in b, chars) from (fingerprint, article, line, chars).

    Run where all postings of some fingerprints meet: one bucket file (ReuseIndex), or one
    bucket on a Dask worker, so that a cluster groups fingerprints without sending them all
    to the client.
    """
    by_fp: dict[int, list[tuple[int, int, int]]] = {}
    for fp, art, line, chars in prints:
        by_fp.setdefault(fp, []).append((art, line, chars))
    out = []
    for postings in by_fp.values():
        if not 2 <= len({a for a, _, _ in postings}) <= BOILERPLATE_ARTICLES - 1:
            continue
        for a, la, chars in postings:
            for b, lb, _ in postings:
                if a < b:
                    out.append((a, b, la, lb, chars))
    return sorted(out)
