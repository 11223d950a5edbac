"""Accepted findings: a baseline file lists fingerprints that no longer fail a run."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field

from auditor.datafiles import validate
from auditor.errors import AuditorError, RuleError
from auditor.report.record import ArticleRecord
from auditor.report.sink import DocumentInfo
from auditor.reuse.index import Links


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


class BaselineCollector:
    """A runner sink that records every finding's fingerprint."""

    def __init__(self) -> None:
        self.entries: list[BaselineEntry] = []
        self.path = ""

    def begin_document(self, doc: DocumentInfo) -> None:
        self.path = doc.path

    def article(self, rec: ArticleRecord) -> None:
        for rule, term, _, _, fp in rec.findings:
            entry = BaselineEntry(fingerprint=fp, rule=rule, term=term, file=self.path, headline=rec.overview.altered)
            self.entries.append(entry)

    def end_document(self, line_count: int, warnings: list[str]) -> None:
        """Nothing to close: a baseline lists findings, not documents."""

    def finish(self, errors: list[str], links: Links) -> None:
        """Nothing to write here: the caller renders ``baseline()``."""

    def baseline(self) -> Baseline:
        return Baseline(findings=sorted(self.entries, key=lambda e: (e.file, e.fingerprint)))


def render_baseline(b: Baseline) -> str:
    return json.dumps(b.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def parse_baseline(path: str, text: str) -> Baseline:
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise AuditorError(path, f"not a baseline file: not valid JSON: {exc}") from None
    try:
        return validate(path, raw, Baseline, entries="findings", name_key="fingerprint")
    except RuleError as exc:
        raise AuditorError(path, f"not a baseline file: {exc.message}") from None
