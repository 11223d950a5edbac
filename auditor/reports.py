"""Render a whole audit to {relative path: text}: the pure half of report writing."""
from __future__ import annotations

import json

from . import TOOL_NAME, __version__
from .fingerprints import finding_fingerprints
from .models import AuditReport
from .report_md import render_index, render_note
from .report_paths import NotePaths
from .report_sarif import render_sarif
from .rule_loader import LoadedRule

FORMATS = ("md", "json", "sarif")


def render_json(report: AuditReport) -> str:
    """audit.json: stable key order from the models, UTF-8 text, trailing newline."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def render_all(
    report: AuditReport,
    formats: tuple[str, ...],
    settings: dict[str, str],
    rules: list[LoadedRule] | None = None,
    known: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Every report file of this run, keyed by its path relative to --out."""
    files: dict[str, str] = {}
    if "json" in formats:
        files["audit.json"] = render_json(report)
    if "sarif" in formats:
        files["audit.sarif"] = render_sarif(report, rules or [], known)
    if "md" in formats:
        paths = NotePaths(report.documents)
        base = {"tool": f"{TOOL_NAME} {__version__}", "rules_digest": report.rules_digest, **settings}
        for doc in report.documents:
            fm = {**base, "input": doc.path, "input_sha256": doc.sha256}
            known_here = {(a.index, f.rule, f.term) for a, f, fp in finding_fingerprints(doc) if fp in known}
            for a in doc.articles:
                files[paths.note(doc, a)] = render_note(doc, a, fm, known_here)
        files["index.md"] = render_index(report.documents, paths, base, report.errors)
    return dict(sorted(files.items()))
