"""Apply loaded rules to what changed in a headline; everything inserted gets a finding."""

from __future__ import annotations

from collections.abc import Callable

from auditor.checks.base import Subject
from auditor.checks.loader import LoadedRule
from auditor.models import Finding, HeadlineDiff
from auditor.text.lexicon import Support
from auditor.text.normalize import normalize

UNCLASSIFIED_ID = "unclassified_insertion"


def subject_for(diff: HeadlineDiff, altered: str, body: str, support: Callable[[], Support] | None = None) -> Subject:
    swaps = [(e.original, e.altered) for e in diff.edits if e.op == "replace" and e.original and e.altered]
    return Subject(altered=altered, inserted=list(diff.inserted), swaps=swaps, body=body, body_support=support)


class RuleEngine:
    def __init__(self, rules: list[LoadedRule]) -> None:
        self.rules = rules
        # Compiled once per run: looking a matcher up per article and span showed in profiles.
        self._matchers = [(lr, lr.rule.compile()) for lr in rules]

    def findings(self, subject: Subject) -> list[Finding]:
        out: list[Finding] = []
        explained: set[tuple[int, int]] = set()
        for lr, matcher in self._matchers:
            r = lr.rule
            for hit in matcher.hits(subject):
                out.append(
                    Finding(
                        rule=lr.id,
                        kind=r.kind,
                        category=lr.category,
                        severity=r.severity,
                        term=hit.term,
                        message=hit.message or r.message,
                        reference=r.reference,
                    )
                )
                explained.update(hit.explains)
        for span in subject.inserted:
            if (span.start, span.end) not in explained:
                out.append(
                    Finding(
                        rule=UNCLASSIFIED_ID,
                        kind="unclassified",
                        category="unclassified",
                        severity="info",
                        term=span.text,
                        message="inserted text that no rule describes; review it",
                    )
                )
        return _dedupe(out)

    def flags_headline(self, text: str) -> bool:
        """Does a high-severity rule fire on the whole line (no original to diff)?"""
        folded = normalize(text, collapse=False)
        return any(lr.rule.severity == "high" and m.spans(folded, text) for lr, m in self._matchers)

    def phrases(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every rule match over a whole headline, longest first where they overlap."""
        folded = normalize(text, collapse=False)
        found = sorted({span for _, m in self._matchers for span in m.spans(folded, text)}, key=lambda s: (s[0], -s[1]))
        out: list[tuple[int, int]] = []
        for a, b in found:
            if not out or a >= out[-1][1]:
                out.append((a, b))
        return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    out = []
    for f in findings:
        key = (f.rule, normalize(f.term))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
