"""OUT/articles.csv: one row per article, for spreadsheets."""

from __future__ import annotations

import csv
import io
import re

from auditor.models import Article, top_severity

CSV_COLUMNS = [
    "file",
    "article",
    "altered_line",
    "altered",
    "original_line",
    "original",
    "similarity",
    "rewrite_kind",
    "inserted_terms",
    "replaced_terms",
    "top_severity",
    "findings",
    "categories",
    "outlets",
    "publisher",
    "publisher_confidence",
    "verification",
    "note",
]


def csv_row(path: str, a: Article, note: str) -> str:
    top = top_severity(a.findings) or ""
    row = [
        path,
        a.index + 1,  # for people in a spreadsheet, like the notes (audit.json's index counts from 0)
        a.altered.line,
        a.altered.text,
        a.original.line if a.original else "",
        a.original.text if a.original else "",
        a.similarity,
        a.rewrite_kind,
        "; ".join(a.inserted_terms),
        "; ".join(a.replaced_terms),
        top,
        len(a.findings),
        "; ".join(sorted({f.category for f in a.findings})),
        "; ".join(dict.fromkeys(c.name for c in a.outlets)),
        a.publisher.name if a.publisher else "",
        a.publisher.confidence if a.publisher else "",
        a.verification.status if a.verification else "",
        note,
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([guard_cell(v) if isinstance(v, str) else v for v in row])
    return buf.getvalue()


# What a spreadsheet takes as the start of a formula, also after leading spaces (" =1+1") and
# in full width (Japanese Excel reads "＝" as "=").
_FORMULA_START = re.compile(r"^[\s\x00-\x1f]*[=+\-@＝＋－＠]|^[\t\r\n]")


def guard_cell(value: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading quote, so it shows as text."""
    return "'" + value if _FORMULA_START.match(value) else value


def csv_header() -> str:
    return ",".join(CSV_COLUMNS) + "\n"
