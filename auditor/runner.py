"""Audit many inputs as a stream: bad ones are reported and skipped, the rest still get audited."""
from __future__ import annotations

from enum import IntEnum
from typing import Protocol

from .errors import AuditorError
from .ingest import discover, locate_in_source, open_source
from .lines import LazyLines
from .models import Article
from .pipeline import AuditContext, audit_stream


class ExitCode(IntEnum):
    """What `auditor audit` returns."""

    OK = 0  # no finding at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on (or, with --strict, warnings; with --check, stale reports)
    ERROR = 2  # usage error, a bad rule file, or an input that could not be audited


class Sink(Protocol):
    """Receives the audit in file order, one article at a time."""

    def begin_document(self, path: str, sha256: str, page=None, view=None) -> None: ...
    def article(self, a: Article) -> None: ...
    def end_document(self, line_count: int, warnings: list[str]) -> None: ...


def input_files(paths: list[str]) -> tuple[list[str], list[str]]:
    files, problems = discover(paths)
    return files, [str(p) for p in problems]


def run_audit(files: list[str], ctx: AuditContext, sink: Sink, verifier=None) -> tuple[list[str], list[str]]:
    """Feed every article of every file to ``sink``; return (errors, warnings)."""
    errors: list[str] = []
    warnings: list[str] = []
    for path in files:
        try:
            stream = open_source(path)
        except AuditorError as exc:
            errors.append(str(exc))
            continue
        sink.begin_document(stream.path, stream.sha256, stream.page, stream.view)
        lines = LazyLines(stream.lines())
        count = 0
        try:
            for a in audit_stream(lines, ctx):
                if stream.page is not None:
                    a = a.model_copy(update={"source_line": locate_in_source(stream.path, a.altered.text)})
                if verifier is not None:
                    a = verifier.verify(stream.path, a, stream.page, lines)
                sink.article(a)
                count += 1
                if a.original is None:
                    warnings.append(f"{stream.path}:{a.altered.line}: no original headline found")
        except AuditorError as exc:  # e.g. the file vanished or became unreadable mid-run
            errors.append(str(exc))
        if count == 0:
            stream.warnings.append(f"{stream.path}: no altered headline found")
        sink.end_document(lines.read_so_far(), list(stream.warnings))
        warnings.extend(stream.warnings)
    return errors, warnings
