"""Bodies and paragraphs that appear in more than one article, in near-linear time.

Each article brings fingerprints of its body paragraphs (computed where it was audited).
They are dealt by fingerprint into bucket files on disk, so memory stays flat however big
the corpus; each bucket is grouped on its own to find fingerprints shared by 2 to
BOILERPLATE_ARTICLES-1 articles (more than that is boilerplate), and only those postings
are paired: no all-pairs comparison of articles. Candidate pairs are then confirmed with
rapidfuzz on the two bodies.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from auditor.text.body import Body
from auditor.datafiles import BOILERPLATE_FILE, load_toml
from auditor.errors import RuleError
from auditor.text.normalize import lower_same_length, normalize_lines
from auditor.text.safe_regex import compile_pattern, lines_to_check, pattern_set
from auditor.reuse.postings import BUCKETS, SEGMENT, bucket_postings, bucket_rows_from_file
from auditor.writer import append_scratch

MIN_WORDS = 8  # shorter lines (captions, bylines, datelines) are too common to signal reuse
SAME_BODY = 0.9  # rapidfuzz ratio (0..1) of two bodies at or above which they are one body
CONFIRM_CHARS = 20_000  # bodies are compared on at most this many characters each
INSERT_BATCH = 2000  # articles buffered before they go into the index
POSTINGS_BUFFER = 4 << 20  # bytes of postings held before they are appended to the bucket files
_NON_WORD_OR_NEWLINE = re.compile(r"[^\w \n]+")


class BoilerplateFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    patterns: list[str] = Field(min_length=1)


def load_boilerplate(folders: list[Path], extra: list[str]) -> list[str]:
    """Boilerplate patterns from boilerplate.toml files, plus the republisher house styles."""
    out = list(extra)
    for folder in folders:
        path = folder / BOILERPLATE_FILE
        if not path.exists():
            continue
        parsed = load_toml(path, BoilerplateFile)
        for p in parsed.patterns:
            try:
                compile_pattern(p)
            except ValueError as exc:
                raise RuleError(str(path), f"field 'patterns': {exc}") from None
        out.extend(parsed.patterns)
    return out


def paragraph_keys(lines: list[str], boilerplate: list[str] | tuple[str, ...]) -> list[tuple[int, str]]:
    """(index, key) of the lines reuse looks at: MIN_WORDS words or more and not boilerplate.

    The key is the line normalised with punctuation dropped. Boilerplate patterns read the
    line folded and collapsed with its case kept; they are tried line by line only when one
    scan of all kept lines together hits.
    """
    collapsed = normalize_lines(lines, keep_case=True)
    keep = [k for k, text in enumerate(collapsed) if text.count(" ") >= MIN_WORDS - 1]
    if not keep:
        return []
    patterns = tuple(boilerplate)
    matcher = pattern_set(patterns)
    if matcher is not None:
        suspects = [keep[j] for j in lines_to_check(patterns, "\n".join([collapsed[k] for k in keep]))]
        dropped = {k for k in suspects if matcher.Match(collapsed[k])}
        keep = [k for k in keep if k not in dropped]
    joined = lower_same_length("\n".join([collapsed[k] for k in keep]))
    return list(zip(keep, drop_punctuation(joined).split("\n")))


_ASCII_PUNCTUATION = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) in " \n_"))


def drop_punctuation(text: str) -> str:
    """``text`` without what is neither a word character, a space nor a newline."""
    if text.isascii():  # most folded text: a byte table deletes in one C pass, 25x a regex
        return text.encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")
    return _NON_WORD_OR_NEWLINE.sub("", text)


def paragraph_prints(body: Body, boilerplate: list[str] | tuple[str, ...]) -> list[tuple[int, int, int]]:
    """(line, fingerprint, characters) of the body paragraphs reuse looks at."""
    blake2b = hashlib.blake2b
    return [
        (body.first + k, int.from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True), len(key))
        for k, key in paragraph_keys(body.lines, boilerplate)
    ]


@dataclass
class ReuseLink:
    """Article ``other`` shares text with this one."""

    other: int  # article id in the index
    kind: str  # "same body" | "shared paragraphs"
    similarity: float
    shared: int  # paragraphs
    runs: list[tuple[int, int, int, int]] = field(default_factory=list)  # (first, last) here, (first, last) there


def content_text(body: str, boilerplate: list[str]) -> str:
    """The body as reuse sees it: the paragraphs that get fingerprints, normalised."""
    return " ".join(key for _, key in paragraph_keys(body.splitlines(), boilerplate))[:CONFIRM_CHARS]


class ReuseIndex:
    """Articles in a temporary SQLite table; paragraph postings in fingerprint bucket files.

    A posting goes to bucket ``fingerprint % BUCKETS``, so every posting of one fingerprint
    lands in one file, and each file is grouped on its own at the end: memory holds one
    bucket (a gigabyte of dumps gives about 8 million postings, 30,000 a bucket), and with
    ``jobs`` > 1 the buckets are grouped by a process pool.
    """

    def __init__(self, boilerplate: tuple[str, ...] = (), jobs: int = 1) -> None:
        self.boilerplate = list(boilerplate)
        self.jobs = jobs
        self._dir = tempfile.TemporaryDirectory(prefix="headline-auditor-reuse-")
        self.db = sqlite3.connect(Path(self._dir.name) / "reuse.db")
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE art (id INTEGER PRIMARY KEY, path TEXT, idx INTEGER, note TEXT, first INTEGER, last INTEGER, chars INTEGER, headline TEXT)")
        self.count = 0
        self._arts: list[tuple] = []
        self._buckets = [bytearray() for _ in range(BUCKETS)]
        self._buffered = 0
        self._written: set[int] = set()

    def add(
        self, path: str, index: int, note: str, body: tuple[int, int] | None, prints: list[tuple[int, int, int]] | None,
        headline: str = "", chars: int | None = None,
    ) -> None:
        """Record an article; its ``prints`` go in here, or (``None``) come in bulk by add_postings."""
        art = self.count
        self.count += 1
        first, last = body or (0, -1)
        if chars is None:
            chars = sum(c for _, _, c in prints or ())
        self._arts.append((art, path, index, note, first, last, chars, headline))
        if len(self._arts) >= INSERT_BATCH:
            self._flush_articles()
        if prints:
            self.add_postings(bucket_postings([prints]), art)

    def add_postings(self, buckets: dict[int, bytes], first: int) -> None:
        """Postings from bucket_postings() whose article 0 is article ``first`` here."""
        for j, blob in buckets.items():
            self._buckets[j] += SEGMENT.pack(first, len(blob))
            self._buckets[j] += blob
            self._buffered += len(blob) + SEGMENT.size
        if self._buffered >= POSTINGS_BUFFER:
            self._flush_postings()

    def _flush_articles(self) -> None:
        # One executemany per few thousand articles: per-article statements cost more than the rows.
        self.db.executemany("INSERT INTO art VALUES (?,?,?,?,?,?,?,?)", self._arts)
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

    def article(self, art: int) -> tuple[str, int, str, int, int, int, str]:
        if self._arts:
            self._flush_articles()
        return self.db.execute("SELECT path, idx, note, first, last, chars, headline FROM art WHERE id=?", (art,)).fetchone()

    def shared_rows(self) -> list[tuple[int, int, int, int, int]]:
        """(article a, article b, line in a, line in b, chars) for paragraphs a < b share."""
        self._flush_postings()
        files = [str(self._bucket_path(j)) for j in sorted(self._written)]
        if self.jobs > 1 and len(files) > 1:
            with ProcessPoolExecutor(max_workers=self.jobs) as pool:
                parts = list(pool.map(bucket_rows_from_file, files))
        else:
            parts = [bucket_rows_from_file(f) for f in files]
        return sorted(row for part in parts for row in part)

    def links(
        self, read_bodies: Callable[[list[tuple[str, int, int]]], Iterable[tuple[tuple[str, int, int], str]]],
        rows: list[tuple[int, int, int, int, int]] | None = None,
    ) -> dict[int, list[ReuseLink]]:
        """Every article's reuse links, both directions (``rows`` when grouped elsewhere, e.g. on Dask).

        ``read_bodies`` yields (path, first line, last line) -> body text for the wanted
        ranges, reading each input once.
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
        return out

    def _store_contents(self, arts: list[int], read_bodies) -> None:
        """Each candidate's body as reuse compares it, compressed into the index, not memory.

        Random filler, headers and quotes make many chance pairs in a big crawl (a gigabyte
        gives thousands); holding their bodies in memory would grow with the corpus.
        """
        self.db.execute("CREATE TABLE IF NOT EXISTS content (id INTEGER PRIMARY KEY, z BLOB)")
        by_range: dict[tuple[str, int, int], list[int]] = {}
        for art in arts:
            path, _, _, first, last, *_ = self.article(art)
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
        pa, pb = self.article(a), self.article(b)
        ca, cb = self._content(a), self._content(b)
        seen_a, seen_b, share = set(), set(), 0
        for la, lb, chars in matches:
            if la not in seen_a and lb not in seen_b:
                share += chars
            seen_a.add(la)
            seen_b.add(lb)
        if ca is not None and cb is not None:
            sim = fuzz.ratio(ca, cb) / 100
        else:
            sim = 2 * share / max(1, pa[5] + pb[5])
        kind = "same body" if sim >= SAME_BODY else "shared paragraphs"
        runs = _runs(sorted({(la, lb) for la, lb, _ in matches}))
        shared = len(seen_a)
        out.setdefault(a, []).append(ReuseLink(b, kind, round(sim, 3), shared, runs))
        out.setdefault(b, []).append(ReuseLink(a, kind, round(sim, 3), shared, [(c, d, x, y) for x, y, c, d in runs]))

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
    return [tuple(r) for r in runs]  # type: ignore[misc]
