"""SARIF 2.1.0 pieces: rule descriptors, and one result per span of an altered headline that rules flag.

Several rules often fire on one inserted term ("Antichrist" is eschatological, and the body never
uses it). GitHub code scanning makes one alert per result and rule: three results on one word
would be three alerts, each to triage and dismiss, for one edit that one correction (restoring
the original headline) resolves. SARIF asks for one result per issue that can be corrected on
its own (2.1.0, 3.27.12), so the findings on one span are one result: the most severe finding
gives its rule, level and fingerprint, the message names every rule, and ``properties.rules``
lists them. The original headline the span replaced is a related location.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from auditor.checks.engine import UNCLASSIFIED_ID
from auditor.checks.loader import LoadedRule
from auditor.ingest.page_info import PageInfo
from auditor.models import SEVERITY_ORDER, Article, Finding
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


def rule_descriptor(lr: LoadedRule) -> dict:
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


def rule_index(rules: list[LoadedRule]) -> dict[str, int]:
    ids = [lr.id for lr in rules] + [UNCLASSIFIED_ID]
    return {rid: i for i, rid in enumerate(ids)}


def _html_line(line: int, page: PageInfo | None) -> tuple[int | None, int | None]:
    """(line, column) in the input of a line of the article: itself in a text dump (column 1);
    in a saved page, where that line of the text view stands in the HTML (None when unknown)."""
    if page is None:
        return line, 1
    where = page.html_location(line)
    return (where.html_line, where.html_column) if where is not None else (None, None)


def _region(a: Article, term: str, first: int | None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": finding_line(a)}
    if first is not None:
        start, end = term_span(a.altered.text, term)
        region.update(startColumn=first + start, endColumn=first + end)
    region["snippet"] = {"text": a.altered.text}
    return region


def _span(a: Article, f: Finding, first: int | None) -> tuple[int, int]:
    """Where a finding's term lies in the altered headline (character offsets); the whole
    headline when the term is not in it as written."""
    return term_span(a.altered.text, f.term) if first is not None else (0, len(a.altered.text))


def group_by_span(a: Article, fps: list[str], page: PageInfo | None) -> list[list[tuple[Finding, str]]]:
    """The article's findings with their fingerprints, grouped by the span of the headline they
    flag: findings whose terms overlap ("Beast of the Sea" and "Beast", one edit) are one group.
    Most severe first within a group (the first of equals stays first); groups in the order
    of their first finding."""
    first = headline_column(a, page)
    group_of: list[int] = []
    if first is None:  # columns unknown: only findings on the same term group
        seen: dict[str, int] = {}
        group_of = [seen.setdefault(f.term, k) for k, f in enumerate(a.findings)]
    else:  # overlapping character spans merge, swept left to right
        spans = [_span(a, f, first) for f in a.findings]
        group_of = list(range(len(spans)))
        reach, lead = -1, -1
        for k in sorted(range(len(spans)), key=lambda k: spans[k]):
            start, end = spans[k]
            if start < reach:
                group_of[k], reach = lead, max(reach, end)
            else:
                lead, reach = k, end
    groups: dict[int, list[tuple[Finding, str]]] = {}
    for k, pair in enumerate(zip(a.findings, fps, strict=True)):
        groups.setdefault(group_of[k], []).append(pair)  # groups come in their first finding's order
    return [sorted(g, key=lambda pair: -SEVERITY_ORDER[pair[0].severity]) for g in groups.values()]


def _related(a: Article, page: PageInfo | None, location: dict[str, Any]) -> list[dict[str, Any]]:
    """The original headline, when there is one and its line in the input is known."""
    if a.original is None:
        return []
    line, _ = _html_line(a.original.line, page)
    if line is None:
        return []
    physical = {"artifactLocation": location, "region": {"startLine": line, "snippet": {"text": a.original.text}}}
    return [{"id": 1, "physicalLocation": physical, "message": {"text": "original headline"}}]


def _message(group: list[tuple[Finding, str]], a: Article, related: bool) -> str:
    top = group[0][0]
    text = sarif_text(f"{top.message}: “{top.term}” in the headline “{a.altered.text}”")
    others = [f for f, _ in group[1:]]
    if others:
        text += ". Also " + "; ".join(sarif_text(f"{f.rule} ({f.severity}): {f.message}") for f in others)
    if related:
        text += ". The [original headline](1) reads “" + sarif_text(a.original.text if a.original else "") + "”"
    return text + "."


def sarif_results(
    a: Article,
    fps: list[str],
    location: dict[str, Any],
    index: dict[str, int],
    known: frozenset[str],
    page: PageInfo | None = None,
) -> list[dict[str, Any]]:
    """One result per flagged span of the altered headline (see the module's docstring)."""
    out = []
    first = headline_column(a, page)
    for group in group_by_span(a, fps, page):
        top, fp = group[0]
        related = _related(a, page, location)
        result: dict[str, Any] = {
            "ruleId": top.rule,
            "level": LEVELS[top.severity],
            "message": {"text": _message(group, a, bool(related))},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(a, top.term, first)}}],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
            "properties": {
                "category": top.category,
                "severity": top.severity,
                "article": a.index,
                "rules": [f.rule for f, _ in group],
            },
        }
        if related:
            result["relatedLocations"] = related
        if top.rule in index:
            result["ruleIndex"] = index[top.rule]
        if known:
            result["baselineState"] = "unchanged" if all(p in known for _, p in group) else "new"
        out.append(result)
    return out
