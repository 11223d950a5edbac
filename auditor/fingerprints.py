"""Stable identities for findings: unchanged when lines are inserted elsewhere in the file."""
from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from .models import Article, DocumentAudit, Finding
from .normalize import normalize


def finding_fingerprints(doc: DocumentAudit) -> list[tuple[Article, Finding, str]]:
    """Every finding of a document with its fingerprint.

    The fingerprint hashes the file's name, the rule, the altered headline and the term, not a
    line number, so a finding keeps its identity when the file grows above it; an occurrence
    counter tells apart the same headline repeated in one file.
    """
    name = PurePosixPath(doc.path.replace("\\", "/")).name
    seen: dict[str, int] = {}
    out = []
    for a in doc.articles:
        for f in a.findings:
            key = "\x00".join((name, f.rule, normalize(a.altered.text), normalize(f.term)))
            n = seen.get(key, 0)
            seen[key] = n + 1
            out.append((a, f, hashlib.sha256(f"{key}\x00{n}".encode()).hexdigest()[:32]))
    return out
