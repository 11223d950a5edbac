"""What every rule kind shares: its fields, its examples, and what it is asked about."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, Protocol

from pydantic import BaseModel, ConfigDict, Field

from auditor.models import Severity, Span
from auditor.text.lexicon import Support


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

    @cached_property
    def folded(self) -> list[str]:
        """Each inserted span normalised, same length as the span (offsets carry over)."""
        from auditor.text.normalize import normalize

        return [normalize(span.text, collapse=False) for span in self.inserted]


class Hit(NamedTuple):
    """A rule fired: on ``term``, with an optional message of its own; it may explain spans."""

    term: str
    message: str | None = None
    explains: tuple[tuple[int, int], ...] = ()  # (start, end) of inserted spans it accounts for


class Matcher(Protocol):
    """A rule compiled once per run."""

    def hits(self, subject: Subject) -> list[Hit]: ...

    def spans(self, folded: str, text: str) -> list[tuple[int, int]]:
        """Where the rule matches a whole line (a headline read as a whole, not as a diff)."""
        ...


class RuleBase(Strict):
    """Fields every rule kind has; a kind adds its own fields and ``compile``."""

    kind: str
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    category: str | None = None
    severity: Severity
    message: str = Field(min_length=1)
    reference: str | None = Field(default=None, pattern=r"^https?://\S+$")
    examples: Examples

    def compile(self) -> Matcher:
        raise NotImplementedError

    def check(self) -> str | None:
        """A problem pydantic cannot see (a pattern RE2 refuses), as ``field 'x': why``."""
        return None
