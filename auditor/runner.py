"""Audit many inputs: bad ones are reported and skipped, the rest still get audited."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from . import TOOL_NAME, __version__
from .errors import AuditorError
from .fingerprints import finding_fingerprints
from .ingest import discover, read_source
from .models import SEVERITY_ORDER, AuditReport, DocumentAudit
from .pipeline import AuditContext, audit_source


class ExitCode(IntEnum):
    """What `auditor audit` returns."""

    OK = 0  # no finding at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on (or, with --strict, warnings)
    ERROR = 2  # usage error, a bad rule file, or an input that could not be audited


@dataclass
class RunResult:
    report: AuditReport
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def audit_paths(paths: list[str], ctx: AuditContext, rules_digest: str) -> RunResult:
    files, problems = discover(paths)
    errors = [str(p) for p in problems]
    docs: list[DocumentAudit] = []
    warnings: list[str] = []
    for path in files:
        try:
            source = read_source(path)
        except AuditorError as exc:
            errors.append(str(exc))
            continue
        doc = audit_source(source, ctx)
        warnings.extend(doc.warnings)
        for a in doc.articles:
            if a.original is None:
                warnings.append(f"{doc.path}:{a.altered.line}: no original headline found")
        docs.append(doc)
    report = AuditReport(tool=TOOL_NAME, version=__version__, rules_digest=rules_digest, documents=docs, errors=errors)
    return RunResult(report=report, errors=errors, warnings=warnings)


def failing_findings(report: AuditReport, fail_on: str, known: frozenset[str] = frozenset()) -> int:
    """How many findings are at or above ``fail_on`` and not in the baseline."""
    if fail_on == "never":
        return 0
    floor = SEVERITY_ORDER[fail_on]
    return sum(
        1
        for d in report.documents
        for _, f, fp in finding_fingerprints(d)
        if SEVERITY_ORDER[f.severity] >= floor and fp not in known
    )


def known_count(report: AuditReport, known: frozenset[str]) -> int:
    return sum(1 for d in report.documents for _, _, fp in finding_fingerprints(d) if fp in known)
