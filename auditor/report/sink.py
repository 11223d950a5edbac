"""What the runner hands a report sink, in input order: documents, their articles, the links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from auditor.ingest.page_info import PageInfo
from auditor.report.record import ArticleRecord
from auditor.reuse.index import Links


@dataclass(frozen=True)
class DocumentInfo:
    """An input as the reports name it; a saved page brings what it says and its text view."""

    path: str
    sha256: str
    page: PageInfo | None = None
    view: list[str] | None = None


class Sink(Protocol):
    """Receives the audit in file order, one article at a time, then the run's end."""

    def begin_document(self, doc: DocumentInfo) -> None: ...
    def article(self, rec: ArticleRecord) -> None: ...
    def end_document(self, line_count: int, warnings: list[str]) -> None: ...
    def finish(self, errors: list[str], links: Links) -> object: ...
