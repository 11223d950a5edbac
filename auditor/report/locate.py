"""Where a finding stands in its input: the line and the term's columns, as SARIF and the terminal show it.

One place, so that a SARIF annotation and a `path:line:col:` line never disagree. In a text dump
the altered headline is its line, starting at column 1. In a saved page the line is the HTML
line where the headline first stands (``source_line``), and the columns count from where it
stands there as written (ingest.html_locate); when it is not written as is (entities, markup
inside it), there is no column.
"""

from __future__ import annotations

from auditor.ingest.page_info import PageInfo
from auditor.models import Article


def headline_column(a: Article, page: PageInfo | None) -> int | None:
    """Where the altered headline starts on its line: 1 in a text dump; in a saved page, the
    column where it stands as written on ``source_line`` (None when it is not written as is)."""
    if page is None:
        return 1
    where = page.html_location(a.altered.line)
    return where.html_column if where is not None and where.html_line == a.source_line else None


def term_span(headline: str, term: str) -> tuple[int, int]:
    """The term's [start, end) in the headline (0-based); the whole headline when it is not there."""
    col = headline.find(term)
    return (col, col + len(term)) if col >= 0 else (0, len(headline))


def finding_line(a: Article) -> int:
    """The line a finding of ``a`` is reported at: the HTML line for a saved page, else the headline's."""
    return a.source_line or a.altered.line
