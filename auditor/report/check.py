"""--check: a Target that compares what a run would write with what is under --out."""

from __future__ import annotations

import hashlib
from pathlib import Path

from auditor.writer import current_digest


class CheckTarget:
    """Compares what a run would write with what is under ``out``; writes nothing."""

    def __init__(self, out: Path, note_folders: set[str]) -> None:
        self.out, self.note_folders = out, note_folders
        self.stale: list[str] = []
        self._hashes: dict = {}  # every file of the run, hashed as its text arrives
        self._tails: dict[str, str] = {}  # what stays last in a file (a note's Settings)

    def put(self, rel: str, text: str, tail: str = "") -> None:
        self._hashes[rel] = hashlib.sha256(text.encode("utf-8"))
        if tail:
            self._tails[rel] = tail  # the same string for every note of an input: kept once

    def amend(self, rel: str, text: str, keep_last: int = 0) -> None:
        assert keep_last == len(self._tails.get(rel, "")), "amend keeps exactly the tail put() was given"
        self._hashes[rel].update(text.encode("utf-8"))  # what is amended goes before the tail

    def begin(self, rel: str) -> None:
        self._hashes[rel] = hashlib.sha256()

    def add(self, rel: str, text: str) -> None:
        self._hashes[rel].update(text.encode("utf-8"))

    def end(self, rel: str) -> None:
        pass

    def abandon(self) -> None:
        self._hashes.clear()

    def finish(self) -> None:
        """Files that differ, are missing, or are notes this run would not write."""
        for rel, h in sorted(self._hashes.items()):
            if rel in self._tails:
                h = h.copy()
                h.update(self._tails[rel].encode("utf-8"))
            if current_digest(self.out / rel) != h.hexdigest():
                self.stale.append(rel)
        for folder in sorted(self.note_folders):
            d = self.out / folder
            for old in sorted(d.glob("*.md")) if d.is_dir() else []:
                if f"{folder}/{old.name}" not in self._hashes:
                    self.stale.append(f"{folder}/{old.name}")
