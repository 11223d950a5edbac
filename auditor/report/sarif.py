"""SARIF 2.1.0: one result per finding at the altered headline, for code-scanning annotations."""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from auditor import TOOL_NAME, __version__
from auditor.checks.engine import UNCLASSIFIED_ID
from auditor.checks.loader import LoadedRule
from auditor.ingest.html import PageInfo
from auditor.models import Article, Finding
from auditor.report.locate import finding_line, headline_column, term_span
from auditor.text.markdown import visible_controls

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"high": "error", "medium": "warning", "low": "note", "info": "note"}
FINGERPRINT_KEY = "headlineAuditor/v1"
UNCLASSIFIED_RULE = {
    "id": UNCLASSIFIED_ID,
    "name": UNCLASSIFIED_ID,
    "shortDescription": {"text": "Inserted text that no rule describes"},
    "fullDescription": {
        "text": "Text present in the altered headline but not the original, matched by no rule; review it."
    },
    "help": {"text": "Read the inserted text in context; add a rule if it belongs to a campaign's vocabulary."},
    "defaultConfiguration": {"level": "note"},
    "properties": {"category": "unclassified", "severity": "info", "kind": "unclassified", "tags": ["unclassified"]},
}


def sarif_text(text: str) -> str:
    """Plain text for a SARIF message: "[x](target)" is an embedded link there (SARIF 2.1.0,
    3.11.6), so literal brackets and backslashes are backslash-escaped, as the standard asks,
    and invisible characters are shown, so input text can neither link nor hide."""
    return re.sub(r"([\\\[\]])", r"\\\1", visible_controls(text))


def artifact_uri(path: str) -> str:
    """A URI reference for an input path: relative stays relative, absolute becomes file://."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).drive:
        return "file://" + quote(("/" if not posix.startswith("/") else "") + posix)
    return quote(posix)


def _rule_descriptor(lr: LoadedRule) -> dict:
    r = lr.rule
    d = {
        "id": lr.id,
        "name": r.name,
        "shortDescription": {"text": sarif_text(r.message)},
        "fullDescription": {
            "text": sarif_text(
                f"{r.message} ({r.kind} rule, category {lr.category}, from {PurePosixPath(lr.source).name})"
            )
        },
        "help": {
            "text": sarif_text(f"{r.message}. Severity {r.severity}." + (f" See {r.reference}" if r.reference else ""))
        },
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"category": lr.category, "severity": r.severity, "kind": r.kind, "tags": [lr.category]},
    }
    if r.reference:
        d["helpUri"] = r.reference
    return d


def sarif_head(rules: list[LoadedRule]) -> tuple[str, str]:
    """The log up to the results array, and what closes it; results go in between."""
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://pypi.org/project/headline-auditor/",
                        "rules": [_rule_descriptor(lr) for lr in rules] + [UNCLASSIFIED_RULE],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": ["\x00RESULTS\x00"],
            }
        ],
    }
    text = json.dumps(log, ensure_ascii=False, indent=2)
    head, tail = text.split('"\\u0000RESULTS\\u0000"')
    return head.rstrip(" "), tail + "\n"


def rule_index(rules: list[LoadedRule]) -> dict[str, int]:
    ids = [lr.id for lr in rules] + [UNCLASSIFIED_ID]
    return {rid: i for i, rid in enumerate(ids)}


def sarif_result(
    path: str,
    a: Article,
    f: Finding,
    fp: str,
    index: dict[str, int],
    known: frozenset[str],
    page: PageInfo | None = None,
) -> dict[str, Any]:
    """One SARIF result: the finding at the altered headline's line and the term's columns."""
    region: dict[str, Any] = {"startLine": finding_line(a)}
    first = headline_column(a, page)
    if first is not None:
        start, end = term_span(a.altered.text, f.term)
        region.update(startColumn=first + start, endColumn=first + end)
    region["snippet"] = {"text": a.altered.text}
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": sarif_text(f"{f.message}: “{f.term}” in the headline “{a.altered.text}”")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(path)},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": {"category": f.category, "severity": f.severity, "article": a.index},
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if known:
        result["baselineState"] = "unchanged" if fp in known else "new"
    return result
