"""Bodies and paragraphs that appear in more than one article, in near-linear time.

Each article brings fingerprints of its body paragraphs (computed where it was audited).
They are dealt by fingerprint into bucket files on disk, so memory stays flat however big
the corpus; each bucket is grouped on its own to find fingerprints shared by 2 to
BOILERPLATE_ARTICLES-1 articles (more than that is boilerplate), and only those postings
are paired: no all-pairs comparison of articles. Candidate pairs are then confirmed with
rapidfuzz on the two bodies, read back from the inputs by the function the runner hands in.
"""

from __future__ import annotations

import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from auditor.reuse.postings import (
    BUCKETS,
    SEGMENT,
    bucket_postings,
    bucket_rows,
    bucket_rows_from_file,
)
from auditor.reuse.prints import content_text
from auditor.writer import append_scratch

SAME_BODY = 0.9  # rapidfuzz ratio (0..1) of two bodies at or above which they are one body
INSERT_BATCH = 2000  # articles buffered before they go into the index
POSTINGS_BUFFER = 4 << 20  # bytes of postings held before they are appended to the bucket files
# Fewer bytes of postings than this are grouped in the main process: a pool costs its start,
# and grouping runs at about 75 MB/s a core (measured: 0.9 MB of postings, 15 ms in process
# against 37 ms with a pool of 2; 9.5 MB, 127 ms against 104 ms; a 40 MB corpus makes ~8 MB).
POOL_MIN_BYTES = 8 << 20

SharedRow = tuple[int, int, int, int, int]  # (article a, article b, line in a, line in b, chars)
BodyReader = Callable[[list[tuple[str, int, int]]], Iterable[tuple[tuple[str, int, int], str]]]


@dataclass(frozen=True, order=True)
class ArticleRef:
    """An article of the run: ``seq`` is its place in the run, the rest says which it is."""

    seq: int
    path: str
    index: int  # in its file
    headline: str


@dataclass
class ReuseLink:
    """Article ``other`` shares text with this one."""

    other: ArticleRef
    kind: str  # "same body" | "shared paragraphs"
    similarity: float
    shared: int  # paragraphs
    runs: list[tuple[int, int, int, int]] = field(default_factory=list)  # (first, last) here, (first, last) there


Links = dict[ArticleRef, list[ReuseLink]]


class ReuseIndex:
    """Articles in a temporary SQLite table; paragraph postings in fingerprint bucket files.

    A posting goes to bucket ``fingerprint % BUCKETS``, so every posting of one fingerprint
    lands in one file, and each file is grouped on its own at the end: memory holds one
    bucket (a gigabyte of dumps gives about 8 million postings, 30,000 a bucket), and with
    ``jobs`` > 1 the buckets are grouped by a process pool.
    """

    def __init__(
        self, boilerplate: tuple[str, ...] = (), jobs: int = 1, worker_init: Callable[[], object] | None = None
    ) -> None:
        """``worker_init`` runs first in each pool process (the run makes them end with it)."""
        self.boilerplate = list(boilerplate)
        self.jobs = jobs
        self.worker_init = worker_init
        self._dir = tempfile.TemporaryDirectory(prefix="headline-auditor-reuse-")
        self.db = sqlite3.connect(Path(self._dir.name) / "reuse.db")
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute(
            "CREATE TABLE art (id INTEGER PRIMARY KEY, path TEXT, idx INTEGER, first INTEGER, last INTEGER, "
            "chars INTEGER, headline TEXT)"
        )
        self.count = 0
        self._arts: list[tuple[int, str, int, int, int, int, str]] = []
        self._buckets = [bytearray() for _ in range(BUCKETS)]
        self._buffered = 0
        self._written: set[int] = set()
        self._posted = 0  # bytes of postings so far

    def add(
        self,
        path: str,
        index: int,
        headline: str,
        body: tuple[int, int] | None,
        chars: int,
        prints: list[tuple[int, int, int]] | None = None,
    ) -> int:
        """Record an article and return its place in the run; its ``prints`` come here or by add_postings."""
        art = self.count
        self.count += 1
        first, last = body or (0, -1)
        self._arts.append((art, path, index, first, last, chars, headline))
        if len(self._arts) >= INSERT_BATCH:
            self._flush_articles()
        if prints:
            self.add_postings(bucket_postings([prints]), art)
        return art

    def add_postings(self, buckets: dict[int, bytes], first: int) -> None:
        """Postings from bucket_postings() whose article 0 is article ``first`` here."""
        for j, blob in buckets.items():
            self._buckets[j] += SEGMENT.pack(first, len(blob))
            self._buckets[j] += blob
            self._buffered += len(blob) + SEGMENT.size
            self._posted += len(blob) + SEGMENT.size
        if self._buffered >= POSTINGS_BUFFER:
            self._flush_postings()

    def _flush_articles(self) -> None:
        # One executemany per few thousand articles: per-article statements cost more than the rows.
        self.db.executemany("INSERT INTO art VALUES (?,?,?,?,?,?,?)", self._arts)
        self._arts = []

    def _bucket_path(self, j: int) -> Path:
        return Path(self._dir.name) / f"bucket-{j:03d}.bin"

    def _flush_postings(self) -> None:
        for j, buf in enumerate(self._buckets):
            if buf:
                append_scratch(self._bucket_path(j), bytes(buf))
                self._written.add(j)
                buf.clear()
        self._buffered = 0

    def _row(self, art: int) -> tuple[str, int, int, int, int, str]:
        if self._arts:
            self._flush_articles()
        row: tuple[str, int, int, int, int, str] = self.db.execute(
            "SELECT path, idx, first, last, chars, headline FROM art WHERE id=?", (art,)
        ).fetchone()
        return row

    def ref(self, art: int) -> ArticleRef:
        path, index, *_, headline = self._row(art)
        return ArticleRef(art, path, index, headline)

    def shared_rows(self) -> list[SharedRow]:
        """(article a, article b, line in a, line in b, chars) for paragraphs a < b share."""
        if not self._written:  # all still in memory (a run of a few MB): no bucket file needed
            return sorted(row for buf in self._buckets if buf for row in bucket_rows(bytes(buf)))
        self._flush_postings()
        files = [str(self._bucket_path(j)) for j in sorted(self._written)]
        if self.jobs > 1 and len(files) > 1 and self._posted >= POOL_MIN_BYTES:
            with ProcessPoolExecutor(max_workers=self.jobs, initializer=self.worker_init) as pool:
                parts = list(pool.map(bucket_rows_from_file, files))
        else:
            parts = [bucket_rows_from_file(f) for f in files]
        return sorted(row for part in parts for row in part)

    def links(self, read_bodies: BodyReader, rows: list[SharedRow] | None = None) -> Links:
        """Every article's reuse links, both directions, in run order.

        ``rows``: shared-paragraph rows grouped elsewhere (on a Dask cluster); by default the
        bucket files are grouped here. ``read_bodies`` yields (path, first line, last line) ->
        body text for the wanted ranges, reading each input once.
        """
        if rows is None:
            rows = self.shared_rows()
        pairs: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        for a, b, la, lb, chars in rows:
            pairs.setdefault((a, b), []).append((la, lb, chars))
        self._store_contents(sorted({art for pair in pairs for art in pair}), read_bodies)
        out: dict[int, list[ReuseLink]] = {}
        for (a, b), matches in pairs.items():
            self._link(a, b, matches, out)
        return {self.ref(art): links for art, links in sorted(out.items())}

    def _store_contents(self, arts: list[int], read_bodies: BodyReader) -> None:
        """Each candidate's body as reuse compares it, compressed into the index, not memory.

        Random filler, headers and quotes make many chance pairs in a big crawl (a gigabyte
        gives thousands); holding their bodies in memory would grow with the corpus.
        """
        self.db.execute("CREATE TABLE IF NOT EXISTS content (id INTEGER PRIMARY KEY, z BLOB)")
        by_range: dict[tuple[str, int, int], list[int]] = {}
        for art in arts:
            path, _, first, last, *_ = self._row(art)
            by_range.setdefault((path, first, last), []).append(art)
        batch: list[tuple[int, bytes]] = []
        for key, text in read_bodies(sorted(by_range)):
            packed = zlib.compress(content_text(text, self.boilerplate).encode("utf-8"), 1)
            batch += [(art, packed) for art in by_range.get(key, ())]
            if len(batch) >= INSERT_BATCH:
                self.db.executemany("INSERT OR REPLACE INTO content VALUES (?, ?)", batch)
                batch = []
        self.db.executemany("INSERT OR REPLACE INTO content VALUES (?, ?)", batch)

    def _content(self, art: int) -> str | None:
        row = self.db.execute("SELECT z FROM content WHERE id=?", (art,)).fetchone()
        return zlib.decompress(row[0]).decode("utf-8") if row else None

    def _link(self, a: int, b: int, matches: list[tuple[int, int, int]], out: dict[int, list[ReuseLink]]) -> None:
        """Confirm one candidate pair on the two bodies and record the link both ways."""
        ca, cb = self._content(a), self._content(b)
        seen_a: set[int] = set()
        seen_b: set[int] = set()
        share = 0
        for la, lb, chars in matches:
            if la not in seen_a and lb not in seen_b:
                share += chars
            seen_a.add(la)
            seen_b.add(lb)
        if ca is not None and cb is not None:
            sim = fuzz.ratio(ca, cb) / 100
        else:
            sim = 2 * share / max(1, self._row(a)[4] + self._row(b)[4])
        kind = "same body" if sim >= SAME_BODY else "shared paragraphs"
        runs = _runs(sorted({(la, lb) for la, lb, _ in matches}))
        shared = len(seen_a)
        out.setdefault(a, []).append(ReuseLink(self.ref(b), kind, round(sim, 3), shared, runs))
        out.setdefault(b, []).append(
            ReuseLink(self.ref(a), kind, round(sim, 3), shared, [(c, d, x, y) for x, y, c, d in runs])
        )

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()


def _runs(pairs: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Group matched lines into runs that advance together on both sides."""
    runs: list[list[int]] = []
    for la, lb in pairs:
        if runs and la > runs[-1][1] and lb > runs[-1][3] and la - runs[-1][1] <= 4 and lb - runs[-1][3] <= 4:
            runs[-1][1], runs[-1][3] = la, lb
        else:
            runs.append([la, la, lb, lb])
    return [(r[0], r[1], r[2], r[3]) for r in runs]
