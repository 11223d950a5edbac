"""The shape of audit.json as pydantic models: what the library returns and what `auditor schema` prints.

json_out writes audit.json piece by piece as articles stream past (an article is
``Article.model_dump``; the rest is written from dicts). These models describe the whole file,
so that a library caller gets models back and the JSON Schema is generated, not written by
hand; tests/test_schema.py validates real output against it, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.ingest.page_info import PageInfo
from auditor.models import Article, Finding


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ArticleRef(_Strict):
    path: str = Field(description="The input, as named on the command line.")
    article: int = Field(description="The article's index in that input.")


class ReuseRun(_Strict):
    a_lines: tuple[int, int] = Field(description="First and last line of the shared run in a.")
    b_lines: tuple[int, int] = Field(description="First and last line of the shared run in b.")


class ReusePair(_Strict):
    """Two articles whose bodies are the same text, or share paragraphs."""

    kind: Literal["same body", "shared paragraphs"]
    similarity: float = Field(description="0..1: how alike the two bodies are.")
    shared_paragraphs: int
    a: ArticleRef
    b: ArticleRef
    runs: list[ReuseRun] = Field(default_factory=list)


class DocumentResult(_Strict):
    """One input and its articles."""

    path: str = Field(description="The input as named on the command line; '<stdin>' for standard input.")
    sha256: str = Field(description="SHA-256 of the input's bytes.")
    page: PageInfo | None = Field(
        default=None, description="A saved page only: what the page says about itself (absent for text dumps)."
    )
    view: list[str] | None = Field(
        default=None, description="A saved page only: the text view its line numbers count in (absent for text dumps)."
    )
    articles: list[Article] = Field(default_factory=list)
    line_count: int = 0
    warnings: list[str] = Field(default_factory=list)


class AuditResult(_Strict):
    """audit.json: every input's articles, the reuse found between them, and the inputs that failed."""

    tool: Literal["headline-auditor"] = "headline-auditor"
    version: str
    rules_digest: str = Field(description="SHA-256 over the rule and registry files used.")
    documents: list[DocumentResult] = Field(default_factory=list)
    reuse: list[ReusePair] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list, description="One line per input that could not be audited.")

    def findings(self) -> list[tuple[str, Article, Finding]]:
        """(input, article, finding) for every finding, in input order."""
        return [(d.path, a, f) for d in self.documents for a in d.articles for f in a.findings]


def audit_json_schema() -> str:
    """The JSON Schema (draft 2020-12) of audit.json, as `auditor schema` prints and schema/ ships it."""
    schema = AuditResult.model_json_schema(mode="serialization")
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    return json.dumps({**head, **schema}, ensure_ascii=False, indent=2) + "\n"
