"""The data that flows between pipeline stages: plain pydantic models, no behaviour."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["info", "low", "medium", "high"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3}
Role = Literal["quoted_source", "dateline", "publisher_byline", "photo_credit", "cross_reference", "other"]
Confidence = Literal["high", "medium", "low"]


RewriteKind = Literal["unchanged", "substitution", "insertion", "deletion", "rewrite", "no_original"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceText(Frozen):
    """A decoded input: its lines, numbered from 1 by position in this list."""

    path: str
    lines: list[str]
    sha256: str = ""
    encoding: str = "utf-8"
    warnings: list[str] = Field(default_factory=list)


class LineRef(Frozen):
    text: str
    line: int


class Span(Frozen):
    """A run of a headline, by character offsets into that headline."""

    text: str
    start: int
    end: int


class Edit(Frozen):
    """One changed run; ``*_at`` give its position on each side even when that side is empty."""

    op: Literal["insert", "delete", "replace"]
    altered: Span | None = None
    original: Span | None = None
    original_at: int = 0
    altered_at: int = 0


class HeadlineDiff(Frozen):
    kind: RewriteKind
    edits: list[Edit] = Field(default_factory=list)
    inserted: list[Span] = Field(default_factory=list)
    replaced: list[Span] = Field(default_factory=list)
    deleted: list[Span] = Field(default_factory=list)
    truncated_original: bool = False
    kept_ratio: float = 1.0


class Finding(Frozen):
    rule: str
    kind: str
    category: str
    severity: Severity
    term: str
    message: str
    reference: str | None = None


class Citation(Frozen):
    """One (name, role) of an outlet, organisation or platform, at the first line it occurs."""

    name: str
    role: Role
    line: int
    evidence: str
    mention: str
    kind: str = ""  # the registry kind, or "unlisted": an outlet-shaped name in a citation frame
    # "medium": a short name several outlets share, read from context; "low": an unlisted outlet.
    confidence: Confidence = "high"


class PublisherSignal(Frozen):
    outlet: str
    line: int
    evidence: str
    why: str
    weight: float


class Publisher(Frozen):
    name: str
    evidence: str
    line: int
    confidence: Confidence
    republished_by: list[str] = Field(default_factory=list)
    signals: list[PublisherSignal] = Field(default_factory=list)


class Verification(Frozen):
    """Did the claimed source publish the original headline we paired?"""

    url: str
    status: Literal["confirmed", "differs", "unreachable"]
    source_headline: str = ""
    similarity: float = 0.0
    reason: str = ""


class BodyRange(Frozen):
    start_line: int
    end_line: int


class Article(Frozen):
    index: int
    altered: LineRef
    original: LineRef | None
    similarity: float
    rewrite_kind: RewriteKind
    inserted_terms: list[str]
    replaced_terms: list[str]
    deleted_terms: list[str] = Field(default_factory=list)
    edits: list[Edit] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    outlets: list[Citation] = Field(default_factory=list)
    organisations: list[Citation] = Field(default_factory=list)
    platforms: list[Citation] = Field(default_factory=list)
    publisher: Publisher | None = None
    # Why no publisher is named (publisher is null): the text never names one, or only weakly.
    publisher_unknown: str | None = None
    body: BodyRange | None = None
    notes: list[str] = Field(default_factory=list)
    # For a saved page, lines count in the extracted text view; this is the altered headline's
    # line in the HTML file itself (for annotations), when it can be found there.
    source_line: int | None = None
    body_urls: list[str] = Field(default_factory=list)  # links in the body: candidate sources
    # (line, fingerprint, characters) of body paragraphs, for cross-article reuse; not reported.
    paragraphs: list[tuple[int, int, int]] = Field(default_factory=list, exclude=True)
    verification: Verification | None = None


class DocumentAudit(Frozen):
    path: str
    sha256: str
    line_count: int
    articles: list[Article]
    warnings: list[str] = Field(default_factory=list)


def top_finding(findings: list[Finding]) -> Finding | None:
    """The first of the most severe findings (None when there are none)."""
    return max(findings, key=lambda f: SEVERITY_ORDER[f.severity], default=None)


def top_severity(findings: list[Finding]) -> str | None:
    """The highest severity among ``findings`` (None when there are none)."""
    top = top_finding(findings)
    return top.severity if top else None
