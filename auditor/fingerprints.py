"""Stable identities for findings: unchanged when lines are inserted elsewhere in the file."""
from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from .models import Article, Finding
from .normalize import normalize


class Fingerprinter:
    """Fingerprints for one document's findings, article by article, in file order.

    A fingerprint hashes the file's name, the rule, the altered headline and the term, not a
    line number, so a finding keeps its identity when the file grows above it; an occurrence
    counter tells apart the same headline repeated in one file.
    """

    def __init__(self, path: str) -> None:
        self.name = PurePosixPath(path.replace("\\", "/")).name
        self.seen: dict[str, int] = {}

    def of(self, a: Article) -> list[tuple[Finding, str]]:
        out = []
        for f in a.findings:
            key = "\x00".join((self.name, f.rule, normalize(a.altered.text), normalize(f.term)))
            n = self.seen.get(key, 0)
            self.seen[key] = n + 1
            out.append((f, hashlib.sha256(f"{key}\x00{n}".encode()).hexdigest()[:32]))
        return out
