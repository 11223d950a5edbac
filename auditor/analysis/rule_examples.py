"""Run every rule's own examples: the meta-test behind `auditor rules check`."""

from __future__ import annotations

from auditor.analysis.diff import diff_headlines, unpaired_terms
from auditor.checks.base import Example
from auditor.checks.engine import RuleEngine, subject_for
from auditor.checks.loader import LoadedRule
from auditor.models import HeadlineDiff


def example_fires(lr: LoadedRule, ex: Example) -> bool:
    """Does this rule produce a finding on this example pair?"""
    engine = RuleEngine([lr])
    if ex.original is None:
        diff = HeadlineDiff(kind="no_original", inserted=unpaired_terms(ex.altered, ex.body, phrases=engine.phrases))
    else:
        diff = diff_headlines(ex.original, ex.altered, ex.body, phrases=engine.phrases)
    findings = engine.findings(subject_for(diff, ex.altered, ex.body))
    return any(f.rule == lr.id for f in findings)


def check_examples(rules: list[LoadedRule]) -> list[str]:
    """One line per misbehaving example: `file: rule 'id': field 'examples.match[0]': ...`."""
    problems = []
    for lr in rules:
        for field, expected in (("match", True), ("no_match", False)):
            for i, ex in enumerate(getattr(lr.rule.examples, field)):
                if example_fires(lr, ex) != expected:
                    verb = "does not fire" if expected else "fires"
                    problems.append(
                        f"{lr.source}: rule '{lr.id}': field 'examples.{field}[{i}]': {verb} on "
                        f"“{ex.original}” -> “{ex.altered}”"
                    )
    return problems
