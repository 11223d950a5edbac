"""The rule kinds. Adding a kind = one class here and one entry in ``KINDS``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Literal, Union

from pydantic import Field, field_validator

from auditor.checks.base import Hit, Matcher, RuleBase, Strict, Subject
from auditor.text.lexicon import tokenize
from auditor.text.normalize import normalize
from auditor.text.safe_regex import compile_pattern, nested_unbounded_repeat


def _terms_ok(terms: list[str]) -> list[str]:
    for t in terms:
        if not t.strip():
            raise ValueError("empty term")
    return terms


@lru_cache(maxsize=1024)
def term_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word matcher over normalised text; possessives and plurals match the bare term."""
    alts = sorted({r"\s+".join(re.escape(w) for w in normalize(t).split()) for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?:'s|s|es|')?(?![\w])")


def term_hits(terms: list[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in term_regex(tuple(terms)).finditer(normalize(text, collapse=False))]


def looks_like_name(text: str) -> bool:
    """Capitalised words (particles aside): a person, party or group rather than a common noun."""
    words = [t.text for t in tokenize(text) if t.is_word]
    particles = {"al", "el", "bin", "ibn", "of", "the", "de", "van", "von", "abu", "and"}
    content = [w for w in words if normalize(w) not in particles]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


@dataclass(frozen=True)
class _SpanFinder:
    """Term and pattern rules: every match inside an inserted span explains that span."""

    find: object  # (folded, text) -> list of (start, end)

    def hits(self, subject: Subject) -> list[Hit]:
        out = []
        for span, folded in zip(subject.inserted, subject.folded, strict=True):
            for a, b in self.find(folded, span.text):  # type: ignore[operator]
                out.append(Hit(span.text[a:b], None, ((span.start, span.end),)))
        return out

    def spans(self, folded: str, text: str) -> list[tuple[int, int]]:
        return list(self.find(folded, text))  # type: ignore[operator]


class TermRule(RuleBase):
    """Any of these terms (as whole words, possessive or plural too) appears in an inserted span."""

    kind: Literal["term"]
    terms: list[str] = Field(min_length=1)
    _check = field_validator("terms")(_terms_ok)

    def compile(self) -> Matcher:
        regex = term_regex(tuple(self.terms))
        return _SpanFinder(lambda folded, text: [m.span() for m in regex.finditer(folded)])


class PatternRule(RuleBase):
    """A regular expression over inserted spans, run by RE2 (linear time, no backtracking)."""

    kind: Literal["pattern"]
    pattern: str = Field(min_length=1)
    # Patterns see normalised text (lower case, straight quotes, single spaces) unless told not to.
    normalised: bool = True

    def check(self) -> str | None:
        try:
            compile_pattern(self.pattern)
        except ValueError as exc:
            return f"field 'pattern': {exc}"
        nested = nested_unbounded_repeat(self.pattern)
        if nested:
            return (
                f"field 'pattern': nested unbounded repetition {nested!r} is catastrophic in backtracking "
                "engines; repeat the inner part once (e.g. 'a+' for '(a+)+')"
            )
        return None

    def compile(self) -> Matcher:
        compiled = compile_pattern(self.pattern)
        if self.normalised:
            return _SpanFinder(lambda folded, text: [m.span() for m in compiled.finditer(folded)])
        return _SpanFinder(lambda folded, text: [m.span() for m in compiled.finditer(text)])


@dataclass(frozen=True)
class _SwapMatcher:
    rule: SwapRule

    def hits(self, subject: Subject) -> list[Hit]:
        r = self.rule
        out = []
        for orig, alt in subject.swaps:
            if not term_hits(r.altered_terms, alt.text):
                continue
            if r.original_terms and not term_hits(r.original_terms, orig.text):
                continue
            if r.original_kind == "name" and not looks_like_name(orig.text):
                continue
            inside = tuple((s.start, s.end) for s in subject.inserted if alt.start <= s.start and s.end <= alt.end)
            for a, b in term_hits(r.altered_terms, alt.text):
                out.append(Hit(alt.text[a:b], f"{r.message} (original: “{orig.text}”)", inside))
        return out

    def spans(self, folded: str, text: str) -> list[tuple[int, int]]:
        return []  # a swap needs an original


class SwapRule(RuleBase):
    """A replaced span of the original matching X became a span matching Y."""

    kind: Literal["swap"]
    # Empty: any original span; otherwise one of these terms.
    original_terms: list[str] = Field(default_factory=list)
    # "name": the original span was a proper name (capitalised words), e.g. a person or group.
    original_kind: Literal["any", "name"] = "any"
    altered_terms: list[str] = Field(min_length=1)
    _check = field_validator("original_terms", "altered_terms")(_terms_ok)

    def compile(self) -> Matcher:
        return _SwapMatcher(self)


@dataclass(frozen=True)
class _BodySupportMatcher:
    message: str

    def hits(self, subject: Subject) -> list[Hit]:
        return [
            Hit(span.text, f"{self.message}: “{span.text}” is not in the body")
            for span in subject.inserted
            if not subject.support.supports_phrase(span.text)
        ]

    def spans(self, folded: str, text: str) -> list[tuple[int, int]]:
        return []  # the body decides, not the headline


class BodySupportRule(RuleBase):
    """An inserted term whose words appear nowhere in the article body."""

    kind: Literal["body_support"]

    def compile(self) -> Matcher:
        return _BodySupportMatcher(self.message)


# Every rule kind by its ``kind`` tag: the loader, the engine and the docs read this table.
KINDS: dict[str, type[RuleBase]] = {
    "term": TermRule,
    "swap": SwapRule,
    "pattern": PatternRule,
    "body_support": BodySupportRule,
}
if TYPE_CHECKING:  # what every kind offers; pydantic validates against the tagged union below
    Rule = RuleBase
else:
    Rule = Annotated[Union[tuple(KINDS.values())], Field(discriminator="kind")]  # noqa: UP007


class RuleFile(Strict):
    """One file of rules; its ``category`` is the default for the rules in it."""

    category: str = Field(min_length=1)
    description: str = ""
    sources: list[str] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)
