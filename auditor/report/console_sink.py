"""A sink in front of the report builder that keeps the findings stdout will show, sorted.

Findings are printed after the run, sorted by path, line, column and rule, as linters print
them. Memory holds one document's findings: each document's are sorted when it ends and set
aside in a spooled temporary file (in memory up to 8 MB, then on disk), and the documents are
read back in path order. Articles of a document come in line order, so sorting within a
document and ordering documents by path sorts the whole.
"""

from __future__ import annotations

import codecs
import json
import tempfile
from collections import Counter
from collections.abc import Iterator

from auditor.models import SEVERITY_ORDER
from auditor.report.builder import ReportBuilder
from auditor.report.console import ConsoleFinding, shown_path
from auditor.report.locate import finding_line, headline_column, term_span
from auditor.report.record import ArticleRecord
from auditor.report.sink import DocumentInfo, Sink
from auditor.reuse.index import Links

SPOOL_BYTES = 8 << 20


class SpoolTarget:
    """A report Target for streamed files (SARIF on stdout): text kept in a spooled temp file."""

    def __init__(self) -> None:
        self._spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")  # noqa: SIM115 - closed by close()

    def put(self, rel: str, text: str) -> None:
        self._spool.write(text.encode("utf-8"))

    amend = add = put

    def begin(self, rel: str) -> None:
        pass

    def end(self, rel: str) -> None:
        pass

    def chunks(self) -> Iterator[str]:
        self._spool.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()  # a block may end inside a character
        for block in iter(lambda: self._spool.read(1 << 20), b""):
            yield decoder.decode(block)
        yield decoder.decode(b"", final=True)

    def close(self) -> None:
        self._spool.close()


class ConsoleSink:
    """Passes everything on to ``inner`` (and a SARIF builder for stdout) and keeps what stdout shows."""

    def __init__(
        self, inner: Sink, min_severity: str, known: frozenset[str], cwd: str, sarif: ReportBuilder | None = None
    ) -> None:
        self.inner, self.sarif, self.known, self.cwd = inner, sarif, known, cwd
        self.floor = SEVERITY_ORDER[min_severity]
        self.shown: Counter[str] = Counter()  # findings kept for stdout, by severity
        self.hidden_known = 0
        self._doc = DocumentInfo("", "")
        self._path = ""
        self._rows: list[ConsoleFinding] = []
        self._docs: list[tuple[str, int, int]] = []  # (shown path, offset, length) in the spool
        self._spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")  # noqa: SIM115 - closed by close()

    def begin_document(self, doc: DocumentInfo) -> None:
        self.inner.begin_document(doc)
        if self.sarif is not None:
            self.sarif.begin_document(doc)
        self._doc, self._path, self._rows = doc, shown_path(doc.path, self.cwd), []

    def article(self, rec: ArticleRecord) -> None:
        self.inner.article(rec)
        if self.sarif is not None:
            self.sarif.article(rec)
        wanted = [
            (fact, message)
            for fact, message in zip(rec.findings, rec.messages, strict=True)
            if SEVERITY_ORDER[fact[2]] >= self.floor
        ]
        if not wanted:
            return
        first: int | None = 1
        if self._doc.page is None:  # a text dump: the headline is its line, from column 1
            line, headline = rec.overview.altered_line, rec.overview.altered
        else:  # a saved page: the HTML line and column, as SARIF gives them
            a = rec.article
            line, first, headline = finding_line(a), headline_column(a, self._doc.page), a.altered.text
        for (rule, term, severity, category, fp), message in wanted:
            if fp in self.known:
                self.hidden_known += 1
                continue
            column = first + term_span(headline, term)[0] if first is not None else 1
            self._rows.append(ConsoleFinding(self._path, line, column, rule, term, severity, category, message, fp))

    def end_document(self, line_count: int, warnings: list[str]) -> None:
        self.inner.end_document(line_count, warnings)
        if self.sarif is not None:
            self.sarif.end_document(line_count, warnings)
        if self._rows:
            data = (json.dumps(sorted(self._rows), ensure_ascii=False) + "\n").encode("utf-8")
            self._docs.append((self._path, self._spool.tell(), len(data)))
            self._spool.write(data)
            self.shown.update(f.severity for f in self._rows)
            self._rows = []

    def finish(self, errors: list[str], links: Links) -> object:
        if self.sarif is not None:
            self.sarif.finish(errors, links)
        return self.inner.finish(errors, links)

    def findings(self) -> Iterator[ConsoleFinding]:
        """Every finding kept, sorted by path, line, column, rule and term."""
        for _, offset, length in sorted(self._docs):
            self._spool.seek(offset)
            for row in json.loads(self._spool.read(length)):
                yield ConsoleFinding(*row)

    def close(self) -> None:
        self._spool.close()
