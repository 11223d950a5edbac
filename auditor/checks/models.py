"""Rule files as pydantic models: a fixed set of kinds, a union keyed on ``kind``."""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from auditor.models import Severity


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Example(Strict):
    """A headline pair; ``original`` absent means the article has no original headline."""

    original: str | None = None
    altered: str
    body: str = ""


class Examples(Strict):
    match: list[Example] = Field(min_length=1)
    no_match: list[Example] = Field(min_length=1)


class RuleBase(Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    category: str | None = None
    severity: Severity
    message: str = Field(min_length=1)
    reference: str | None = Field(default=None, pattern=r"^https?://\S+$")
    examples: Examples


def _terms_ok(terms: list[str]) -> list[str]:
    for t in terms:
        if not t.strip():
            raise ValueError("empty term")
    return terms


class TermRule(RuleBase):
    """Any of these terms (as whole words, possessive or plural too) appears in an inserted span."""

    kind: Literal["term"]
    terms: list[str] = Field(min_length=1)
    _check = field_validator("terms")(_terms_ok)


class SwapRule(RuleBase):
    """A replaced span of the original matching X became a span matching Y."""

    kind: Literal["swap"]
    # Empty: any original span; otherwise one of these terms.
    original_terms: list[str] = Field(default_factory=list)
    # "name": the original span was a proper name (capitalised words), e.g. a person or group.
    original_kind: Literal["any", "name"] = "any"
    altered_terms: list[str] = Field(min_length=1)
    _check = field_validator("original_terms", "altered_terms")(_terms_ok)


class PatternRule(RuleBase):
    """A regular expression over inserted spans, run by RE2 (linear time, no backtracking)."""

    kind: Literal["pattern"]
    pattern: str = Field(min_length=1)
    # Patterns see normalised text (lower case, straight quotes, single spaces) unless told not to.
    normalised: bool = True


class BodySupportRule(RuleBase):
    """An inserted term whose words appear nowhere in the article body."""

    kind: Literal["body_support"]


Rule = Annotated[Union[TermRule, SwapRule, PatternRule, BodySupportRule], Field(discriminator="kind")]


class RuleFile(Strict):
    """One file of rules; its ``category`` is the default for the rules in it."""

    category: str = Field(min_length=1)
    description: str = ""
    sources: list[str] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)
