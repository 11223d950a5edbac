"""OUT/index.md: front matter, the corpus overview (report.overview), then a row per article."""

from __future__ import annotations

from auditor.models import Article, top_severity
from auditor.report.notes import front_matter
from auditor.text.markdown import md

INDEX_HEADER = (
    "| file | # | altered headline | original | inserted | top severity | publisher | note |\n"
    "|---|---|---|---|---|---|---|---|\n"
)


def index_head(fm: dict[str, str | int]) -> str:
    return front_matter(fm) + "# Headline audit\n\n"


def index_row(path: str, a: Article, link: str) -> str:
    """One article's row in OUT/index.md."""
    orig = f"line {a.original.line}" if a.original else "**none**"
    ins = ", ".join(md(t) for t in a.inserted_terms) or "–"
    pub = md(a.publisher.name) if a.publisher else "unknown"
    top = top_severity(a.findings) or "none"
    href = link.replace(" ", "%20")
    return f"| {md(path)} | {a.index} | {md(a.altered.text)} | {orig} | {ins} | {top} | {pub} | [note]({href}) |\n"


def index_tail(errors: list[str]) -> str:
    return ("\n## Inputs not audited\n\n" + "".join(f"- {md(e)}\n" for e in errors)) if errors else ""
