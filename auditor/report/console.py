"""Findings for stdout, one a line as linters print them: `path:line:col: severity rule message [term]`,
GitHub workflow commands, or JSON Lines. Pure functions of a ConsoleFinding; the collector is
report.console_sink."""

from __future__ import annotations

import json
import os
from typing import NamedTuple

from auditor.text.terminal import printable

# SGR colours per severity; the path bold, the rule id dim (as ruff and semgrep set them apart).
_COLOURS = {"high": "1;31", "medium": "33", "low": "36", "info": "2"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
GITHUB_LEVELS = {"high": "error", "medium": "warning", "low": "notice", "info": "notice"}


class ConsoleFinding(NamedTuple):
    """One finding as stdout shows it; tuples sort by path, line, column, rule, term."""

    path: str
    line: int
    column: int
    rule: str
    term: str
    severity: str
    category: str
    message: str
    fingerprint: str


def shown_path(path: str, cwd: str) -> str:
    """``path`` relative to ``cwd`` when it lies inside it (as ruff prints), else absolute."""
    full = os.path.abspath(path)
    try:
        inside = os.path.commonpath([full, cwd]) == cwd
    except ValueError:  # another drive on Windows
        return full
    return os.path.relpath(full, cwd) if inside else full


def text_line(f: ConsoleFinding, colour: bool = False) -> str:
    """``path:line:col: severity rule-id message [term]``, terminal-safe, coloured when asked."""
    where = printable(f"{f.path}:{f.line}:{f.column}:")
    what = printable(f"{f.message} [{f.term}]")
    if not colour:
        return f"{where} {f.severity} {f.rule} {what}"
    sev = f"\x1b[{_COLOURS.get(f.severity, '0')}m{f.severity}{_RESET}"
    return f"{_BOLD}{where}{_RESET} {sev} {_DIM}{printable(f.rule)}{_RESET} {what}"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping (actions/toolkit, command.ts): % first, then CR and LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(f: ConsoleFinding) -> str:
    """A workflow command that GitHub Actions shows as an annotation on the line, SARIF upload or not."""
    props = {"file": f.path, "line": str(f.line), "col": str(f.column), "title": f"{f.rule} ({f.severity})"}
    head = ",".join(f"{k}={_escape_property(printable(v))}" for k, v in props.items())
    return f"::{GITHUB_LEVELS[f.severity]} {head}::{_escape_data(printable(f'{f.message} [{f.term}]'))}"


def json_line(f: ConsoleFinding) -> str:
    """One finding as one JSON object on one line (JSON Lines)."""
    doc = {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "severity": f.severity,
        "rule": f.rule,
        "category": f.category,
        "message": f.message,
        "term": f.term,
        "fingerprint": f.fingerprint,
    }
    return json.dumps(doc, ensure_ascii=False)
