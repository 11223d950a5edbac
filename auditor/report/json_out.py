"""audit.json, written as articles stream past: one article a line, the rest indented JSON."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from auditor import TOOL_NAME, __version__
from auditor.ingest.page_info import PageInfo
from auditor.models import Article
from auditor.reuse.index import ArticleRef, Links, ReuseLink

ARTICLE_INDENT = 8  # an article's line sits at this depth in audit.json


# The C encoder, made once; a model's dump is a tree, so the check for cycles is left out (12%
# of the encoding time of an article line).
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), check_circular=False)


def dump_line(obj: object, indent: int) -> str:
    """One article or result per line: compact (the C encoder) yet easy to diff and to grep."""
    return " " * indent + _LINE_ENCODER.encode(obj)


def article_line(a: Article) -> str:
    return dump_line(a.model_dump(mode="json"), ARTICLE_INDENT)


def head(rules_digest: str) -> str:
    meta = {"tool": TOOL_NAME, "version": __version__, "rules_digest": rules_digest}
    return json.dumps(meta, ensure_ascii=False, indent=2)[:-2] + ',\n  "documents": ['


def document_head(path: str, sha256: str, page: PageInfo | None, view: list[str] | None, first: bool) -> str:
    meta: dict[str, Any] = {"path": path, "sha256": sha256}
    if page is not None:
        meta["page"] = page.model_dump(mode="json", exclude={"paragraphs"})
        meta["view"] = view or []
    text = json.dumps(meta, ensure_ascii=False, indent=2)[:-2]
    return ("\n" if first else ",\n") + textwrap.indent(text, "    ") + ',\n      "articles": ['


def document_tail(line_count: int, warnings: list[str], had_articles: bool) -> str:
    close = "\n      ]" if had_articles else "]"
    body = json.dumps({"line_count": line_count, "warnings": warnings}, ensure_ascii=False, indent=2)[1:-2]
    return close + "," + textwrap.indent(body, "    ") + "\n    }"


def _pair(a: ArticleRef, link: ReuseLink) -> dict[str, Any]:
    b = link.other
    return {
        "kind": link.kind,
        "similarity": link.similarity,
        "shared_paragraphs": link.shared,
        "a": {"path": a.path, "article": a.index},
        "b": {"path": b.path, "article": b.index},
        "runs": [{"a_lines": [r[0], r[1]], "b_lines": [r[2], r[3]]} for r in link.runs],
    }


def tail(links: Links, errors: list[str], had_documents: bool) -> str:
    """The end of the documents list, the reuse pairs (each once) and the errors."""
    close = "\n  ]" if had_documents else "]"
    pairs = [_pair(a, link) for a, ls in links.items() for link in ls if a.seq < link.other.seq]
    body = ",\n".join(dump_line(p, 4) for p in pairs)
    out = close + ',\n  "reuse": [' + (f"\n{body}\n  ]" if pairs else "]")
    return out + ',\n  "errors": ' + json.dumps(errors, ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n}\n"
