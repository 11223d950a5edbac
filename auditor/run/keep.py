"""Reports kept in memory for a library caller: instead of the files, or beside them."""

from __future__ import annotations

from typing import Any

from auditor.report.builder import MemoryTarget


class KeptTarget(MemoryTarget):
    """Every report in memory, nothing on disk (``auditor.audit_paths`` without ``out``)."""

    def abandon(self) -> None:
        self.files.clear()

    def finish(self) -> None:
        pass


class Keeping:
    """Hands every report to ``inner`` and keeps a copy of the ones named in ``kept``."""

    def __init__(self, inner: Any, kept: dict[str, str]) -> None:
        self.inner, self.kept = inner, kept
        self._parts: dict[str, list[str]] = {}

    def put(self, rel: str, text: str, tail: str = "") -> None:
        self.inner.put(rel, text, tail)

    def amend(self, rel: str, text: str, keep_last: int = 0) -> None:
        self.inner.amend(rel, text, keep_last)

    def begin(self, rel: str) -> None:
        self.inner.begin(rel)
        if rel in self.kept:
            self._parts[rel] = []

    def add(self, rel: str, text: str) -> None:
        self.inner.add(rel, text)
        if rel in self._parts:
            self._parts[rel].append(text)

    def end(self, rel: str) -> None:
        self.inner.end(rel)
        if rel in self._parts:
            self.kept[rel] = "".join(self._parts.pop(rel))

    def abandon(self) -> None:
        self.inner.abandon()

    def finish(self) -> None:
        self.inner.finish()
