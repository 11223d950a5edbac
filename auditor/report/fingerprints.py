"""Stable identities for findings: unchanged when lines are inserted elsewhere in the file."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from auditor.models import Article, Finding
from auditor.text.normalize import normalize


class Fingerprinter:
    """Fingerprints for one document's findings, article by article.

    A fingerprint hashes the file's name, the rule, the altered and original headlines and the
    term, never a line number, so a finding keeps its identity when the file grows above it.
    It holds no state per article: memory stays flat on a file of any size (the same altered
    and original pair twice in one file is the same manipulation, and shares a fingerprint).
    """

    def __init__(self, path: str) -> None:
        self.name = PurePosixPath(path.replace("\\", "/")).name

    def of(self, a: Article) -> list[tuple[Finding, str]]:
        original = normalize(a.original.text) if a.original else ""
        altered = normalize(a.altered.text)
        return [
            (
                f,
                hashlib.sha256(
                    "\x00".join((self.name, f.rule, altered, original, normalize(f.term))).encode()
                ).hexdigest()[:32],
            )
            for f in a.findings
        ]
