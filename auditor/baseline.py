"""Accepted findings: a baseline file lists fingerprints that no longer fail a run."""
from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import AuditorError
from .fingerprints import finding_fingerprints
from .models import AuditReport


class BaselineEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    fingerprint: str
    rule: str
    term: str
    file: str
    headline: str


class Baseline(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    version: int = 1
    findings: list[BaselineEntry] = Field(default_factory=list)

    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.findings)


def baseline_from(report: AuditReport) -> Baseline:
    entries = [
        BaselineEntry(fingerprint=fp, rule=f.rule, term=f.term, file=d.path, headline=a.altered.text)
        for d in report.documents
        for a, f, fp in finding_fingerprints(d)
    ]
    return Baseline(findings=sorted(entries, key=lambda e: (e.file, e.fingerprint)))


def render_baseline(b: Baseline) -> str:
    return json.dumps(b.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def parse_baseline(path: str, text: str) -> Baseline:
    try:
        return Baseline.model_validate_json(text)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise AuditorError(path, f"not a baseline file: {'.'.join(str(p) for p in err['loc']) or '(file)'}: {err['msg']}") from None
