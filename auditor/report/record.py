"""An audited article as the report layer takes it: the Article model and what is derived from it.

The model is the one representation; a record adds only what is worked out from it where the
article was audited, so that a worker process does that work and the main process only merges:
the article's audit.json line, its finding fingerprints, the overview's counts and the size of
what reuse fingerprinted. Between processes a record travels without its model: the line is
the article, and the model is read back from it only when a renderer needs more than the
line and the facts (notes, SARIF, CSV, verification). Decoding costs 66 us an article (2 KB of
JSON, 8 sub-models: measured), which a JSON-only run with --jobs N never pays in the main process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.models import Article
from auditor.report.fingerprints import Fingerprinter
from auditor.report.json_out import ARTICLE_INDENT, article_line
from auditor.report.overview import OverviewFacts

FindingFact = tuple[str, str, str, str, str]  # (rule, term, severity, category, fingerprint)


@dataclass
class ArticleRecord:
    line: str  # the article's audit.json line; "index" is its first field
    index: int  # within its document (a chunk numbers from 0 until the runner renumbers)
    findings: list[FindingFact]
    overview: OverviewFacts
    body: tuple[int, int] | None  # first and last body line
    paragraph_chars: int  # characters of the paragraphs reuse fingerprinted
    _model: Article | None = field(default=None, repr=False)
    messages: tuple[str, ...] = ()  # each finding's message, in the order of ``findings`` (for stdout)

    @classmethod
    def of(cls, path: str, a: Article, paragraph_chars: int = 0) -> ArticleRecord:
        facts: list[FindingFact] = [(f.rule, f.term, f.severity, f.category, fp) for f, fp in Fingerprinter(path).of(a)]
        body = (a.body.start_line, a.body.end_line) if a.body else None
        messages = tuple(f.message for f in a.findings)
        return cls(article_line(a), a.index, facts, OverviewFacts.of(a), body, paragraph_chars, a, messages)

    @property
    def article(self) -> Article:
        if self._model is None:
            self._model = Article.model_validate_json(self.line)
        return self._model

    def renumber(self, index: int) -> None:
        """Number the article within its whole document (chunks number their own from 0)."""
        if index == self.index:
            return
        old = " " * ARTICLE_INDENT + f'{{"index": {self.index}, '
        assert self.line.startswith(old), "an article line starts with its index"
        self.line = " " * ARTICLE_INDENT + f'{{"index": {index}, ' + self.line[len(old) :]
        if self._model is not None:
            self._model = self._model.model_copy(update={"index": index})
        self.index = index

    def __getstate__(self) -> dict[str, Any]:
        # The line is the article; the model would cost more to unpickle than to re-read.
        return {**self.__dict__, "_model": None}
