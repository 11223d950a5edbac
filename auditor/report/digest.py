"""One audited article as the report writer takes it, worked out where the article was audited.

With --jobs N the main process only merges: whatever does not depend on an article's place
in the run (its audit.json line, finding fingerprints, overview counts, reuse fingerprints)
is computed in the worker, and the full model travels only when a report needs it (notes,
SARIF, CSV, verification, saved pages). Merging then costs a few string operations an article.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from auditor.report.fingerprints import Fingerprinter
from auditor.models import Article
from auditor.report.overview import OverviewFacts

JSON_INDENT = 8  # an article's line sits at this depth in audit.json


def article_json_line(a: Article) -> str:
    """One article a line: compact (the C encoder) yet easy to diff and to grep."""
    return " " * JSON_INDENT + json.dumps(a.model_dump(mode="json"), ensure_ascii=False, separators=(", ", ": "))


@dataclass
class ArticleDigest:
    index: int  # numbered within its task (a chunk numbers from 0); the runner renumbers
    altered: str
    altered_line: int
    has_original: bool
    findings: list[tuple[str, str, str, str, str]]  # (rule, term, severity, category, fingerprint)
    overview: OverviewFacts
    body: tuple[int, int] | None
    paragraphs: list[tuple[int, int, int]]  # emptied once a worker has dealt them into buckets
    paragraph_chars: int
    json_line: str | None = None  # the audit.json line, with ``index`` as numbered above
    model: Article | None = None  # the article itself, when a report needs more than the above

    def renumber(self, index: int) -> None:
        if index == self.index:
            return
        if self.json_line is not None:
            # "index" is the first field of the line: only its number changes.
            old = " " * JSON_INDENT + f'{{"index": {self.index}, '
            self.json_line = " " * JSON_INDENT + f'{{"index": {index}, ' + self.json_line[len(old):]
        if self.model is not None:
            self.model = self.model.model_copy(update={"index": index})
        self.index = index

    def article(self) -> Article:
        """The full model: sent along, or read back from the JSON line (paragraphs aside)."""
        if self.model is None:
            assert self.json_line is not None, "a digest holds its article or its JSON line"
            self.model = Article.model_validate_json(self.json_line)
        return self.model

    def replace_model(self, a: Article) -> None:
        """After the runner changed the article (verification, a page's source line)."""
        self.model = a
        if self.json_line is not None:
            self.json_line = article_json_line(a)


def digest(path: str, a: Article, *, json_line: bool = True, model: bool = True) -> ArticleDigest:
    prints = Fingerprinter(path).of(a)
    return ArticleDigest(
        index=a.index, altered=a.altered.text, altered_line=a.altered.line, has_original=a.original is not None,
        findings=[(f.rule, f.term, f.severity, f.category, fp) for f, fp in prints],
        overview=OverviewFacts.of(a),
        body=(a.body.start_line, a.body.end_line) if a.body else None,
        paragraphs=list(a.paragraphs),
        paragraph_chars=sum(c for _, _, c in a.paragraphs),
        json_line=article_json_line(a) if json_line else None,
        model=a if model else None,
    )
