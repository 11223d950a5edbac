"""The SARIF log around the results: the tool, where inputs are named from, and how the run went.

Inputs are named relative to the repository's top level (``uriBaseId: "%SRCROOT%"``, with the
root given in ``originalUriBaseIds``), so a run from a subfolder, with ``./`` or absolute paths,
names a file as GitHub code scanning does; an input outside the root keeps an absolute file URI.
Input errors and warnings become ``invocations[0].toolExecutionNotifications``, which code
scanning shows as the tool's status, with ``executionSuccessful`` false when an input could not
be audited.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from auditor import TOOL_NAME, __version__
from auditor.checks.loader import LoadedRule
from auditor.ingest.repo import SourceRoot, is_virtual
from auditor.report.sarif import SCHEMA, UNCLASSIFIED_RULE, rule_descriptor, sarif_text

SRCROOT = "%SRCROOT%"
_RESULTS, _INVOCATIONS = "\x00RESULTS\x00", "\x00INVOCATIONS\x00"
_RUN_INDENT = "\n      "  # the depth of a run's properties in the log


def artifact_location(path: str, root: SourceRoot) -> dict[str, Any]:
    """How a result names an input: repository-relative when it lies in the root, an absolute
    file URI otherwise, and by description only when it is no file (standard input)."""
    if is_virtual(path):
        return {"description": {"text": path}}
    rel = root.relative(path)
    if rel is not None:
        return {"uri": quote(rel), "uriBaseId": SRCROOT}
    return {"uri": root.absolute(path).as_uri()}


def _notification(level: str, text: str, location: dict[str, Any] | None) -> dict[str, Any]:
    note: dict[str, Any] = {"level": level, "message": {"text": sarif_text(text)}}
    if location is not None:
        note["locations"] = [{"physicalLocation": {"artifactLocation": location}}]
    return note


class SarifLog:
    """The log's text before and after the results, with what the run learnt meanwhile."""

    def __init__(self, rules: list[LoadedRule], root: SourceRoot) -> None:
        self.root = root
        self._warnings: list[dict[str, Any]] = []
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
                            "rules": [rule_descriptor(lr) for lr in rules] + [UNCLASSIFIED_RULE],
                        }
                    },
                    "originalUriBaseIds": {SRCROOT: {"uri": root.root_uri()}},
                    "columnKind": "unicodeCodePoints",
                    "results": [_RESULTS],
                    "invocations": _INVOCATIONS,
                }
            ],
        }
        text = json.dumps(log, ensure_ascii=False, indent=2)
        head, rest = text.split(json.dumps(_RESULTS))
        self._head = head.rstrip(" ")
        self._middle, self._end = rest.split(json.dumps(_INVOCATIONS))

    def head(self) -> str:
        return self._head

    def location(self, path: str) -> dict[str, Any]:
        return artifact_location(path, self.root)

    def document_warnings(self, path: str, warnings: list[str]) -> None:
        where = self.location(path)
        self._warnings += [_notification("warning", w, where) for w in warnings]

    def tail(self, errors: list[str]) -> str:
        """What closes the results array and the log, with the run's invocation."""
        invocation = {
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [_notification("error", e, None) for e in errors] + self._warnings,
        }
        body = json.dumps([invocation], ensure_ascii=False, indent=2).replace("\n", _RUN_INDENT)
        return self._middle + body + self._end + "\n"
