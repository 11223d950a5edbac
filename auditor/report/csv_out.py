"""OUT/articles.csv: one row per article, for spreadsheets."""

from __future__ import annotations

import csv
import io

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
        a.index,
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
    # Cells that a spreadsheet would run as a formula are prefixed with a quote.
    csv.writer(buf, lineterminator="\n").writerow(
        [("'" + v) if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v for v in row]
    )
    return buf.getvalue()


def csv_header() -> str:
    return ",".join(CSV_COLUMNS) + "\n"
