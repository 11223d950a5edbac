"""Apply loaded rules to what changed in a headline; everything inserted gets a finding."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from auditor.text.lexicon import Support, tokenize
from auditor.models import Finding, HeadlineDiff, Span
from auditor.text.normalize import normalize
from auditor.checks.loader import LoadedRule
from auditor.checks.models import BodySupportRule, PatternRule, SwapRule, TermRule
from auditor.text.safe_regex import compile_pattern

UNCLASSIFIED_ID = "unclassified_insertion"
@lru_cache(maxsize=1024)
def term_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word matcher over normalised text; possessives and plurals match the bare term."""
    alts = sorted({r"\s+".join(re.escape(w) for w in normalize(t).split()) for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?:'s|s|es|')?(?![\w])")


def _finder(rule: TermRule | PatternRule) -> Callable[[str, str], list[tuple[int, int]]]:
    """Match offsets of one rule, given a text and its same-length normalised form."""
    if isinstance(rule, TermRule):
        regex = term_regex(tuple(rule.terms))
        return lambda folded, text: [m.span() for m in regex.finditer(folded)]
    compiled = compile_pattern(rule.pattern)
    if rule.normalised:
        return lambda folded, text: [m.span() for m in compiled.finditer(folded)]
    return lambda folded, text: [m.span() for m in compiled.finditer(text)]


def looks_like_name(text: str) -> bool:
    """Capitalised words (particles aside): a person, party or group rather than a common noun."""
    words = [t.text for t in tokenize(text) if t.is_word]
    particles = {"al", "el", "bin", "ibn", "of", "the", "de", "van", "von", "abu", "and"}
    content = [w for w in words if normalize(w) not in particles]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


@dataclass
class Subject:
    """What the rules look at for one article."""

    altered: str
    inserted: list[Span]
    swaps: list[tuple[Span, Span]] = field(default_factory=list)  # (original span, altered span)
    body: str = ""
    body_support: Callable[[], Support] | None = None  # shared with the diff, built on first use

    @cached_property
    def support(self) -> Support:
        # Built only when a body_support rule has an inserted span to ask about.
        return self.body_support() if self.body_support else Support(self.body)


def subject_for(diff: HeadlineDiff, altered: str, body: str, support: Callable[[], Support] | None = None) -> Subject:
    swaps = [(e.original, e.altered) for e in diff.edits if e.op == "replace" and e.original and e.altered]
    return Subject(altered=altered, inserted=list(diff.inserted), swaps=swaps, body=body, body_support=support)


def _finding(lr: LoadedRule, term: str, message: str | None = None) -> Finding:
    r = lr.rule
    return Finding(
        rule=lr.id, kind=r.kind, category=lr.category, severity=r.severity, term=term,
        message=message or r.message, reference=r.reference,
    )


class RuleEngine:
    def __init__(self, rules: list[LoadedRule]) -> None:
        self.rules = rules
        # Compiled once per run: looking a matcher up per article and span showed in profiles.
        self._finders = {id(lr): _finder(lr.rule) for lr in rules if isinstance(lr.rule, (TermRule, PatternRule))}

    def findings(self, subject: Subject) -> list[Finding]:
        out: list[Finding] = []
        classified: set[tuple[int, int]] = set()
        folded = [normalize(span.text, collapse=False) for span in subject.inserted]  # same length as the span
        for lr in self.rules:
            r = lr.rule
            if isinstance(r, (TermRule, PatternRule)):
                find = self._finders[id(lr)]
                for span, span_folded in zip(subject.inserted, folded):
                    for a, b in find(span_folded, span.text):
                        out.append(_finding(lr, span.text[a:b]))
                        classified.add((span.start, span.end))
            elif isinstance(r, SwapRule):
                for orig, alt in subject.swaps:
                    if not self._swap_matches(r, orig.text, alt.text):
                        continue
                    for a, b in term_hits(r.altered_terms, alt.text):
                        out.append(_finding(lr, alt.text[a:b], f"{r.message} (original: “{orig.text}”)"))
                    for span in subject.inserted:
                        if alt.start <= span.start and span.end <= alt.end:
                            classified.add((span.start, span.end))
            elif isinstance(r, BodySupportRule):
                for span in subject.inserted:
                    if not subject.support.supports_phrase(span.text):
                        out.append(_finding(lr, span.text, f"{r.message}: “{span.text}” is not in the body"))
        for span in subject.inserted:
            if (span.start, span.end) not in classified:
                out.append(Finding(
                    rule=UNCLASSIFIED_ID, kind="unclassified", category="unclassified", severity="info",
                    term=span.text, message="inserted text that no rule describes; review it",
                ))
        return _dedupe(out)

    @staticmethod
    def _swap_matches(r: SwapRule, original: str, altered: str) -> bool:
        if not term_hits(r.altered_terms, altered):
            return False
        if r.original_terms and not term_hits(r.original_terms, original):
            return False
        return r.original_kind != "name" or looks_like_name(original)

    def flags_headline(self, text: str) -> bool:
        """Does a high-severity term or pattern rule fire on the whole line (no original to diff)?"""
        folded = normalize(text, collapse=False)
        for lr in self.rules:
            r = lr.rule
            if isinstance(r, (TermRule, PatternRule)) and r.severity == "high" and self._finders[id(lr)](folded, text):
                return True
        return False


def term_hits(terms: list[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in term_regex(tuple(terms)).finditer(normalize(text, collapse=False))]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    out = []
    for f in findings:
        key = (f.rule, normalize(f.term))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
