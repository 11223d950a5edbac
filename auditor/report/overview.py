"""The corpus overview at the top of OUT/index.md and the "Also appears in" section of notes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from auditor.models import Article
from auditor.reuse.index import ArticleRef, ReuseLink
from auditor.text.markdown import md
from auditor.text.normalize import normalize

LIST_CAP = 200  # longer lists in the overview end with "… and N more"


@dataclass
class Overview:
    """Corpus-wide counters; they grow with the vocabulary and the registry, not the corpus."""

    terms: Counter = field(default_factory=Counter)
    term_form: dict = field(default_factory=dict)
    term_categories: dict = field(default_factory=dict)
    outlet_articles: Counter = field(default_factory=Counter)
    outlet_roles: dict = field(default_factory=dict)
    publishers: Counter = field(default_factory=Counter)
    no_original: list = field(default_factory=list)
    no_original_total: int = 0

    def add(self, path: str, facts: OverviewFacts, note: str) -> None:
        for key, form, cats in facts.terms:
            self.terms[key] += 1
            self.term_form.setdefault(key, form)
            self.term_categories.setdefault(key, set()).update(cats)
        for name in {name for name, _ in facts.outlets}:
            self.outlet_articles[name] += 1
        for name, role in facts.outlets:
            self.outlet_roles.setdefault(name, Counter())[role] += 1
        if facts.publisher:
            self.publishers[facts.publisher] += 1
        if not facts.has_original:
            self.no_original_total += 1
            if len(self.no_original) < LIST_CAP:
                self.no_original.append((path, facts.altered_line, facts.altered, note))


@dataclass(frozen=True)
class OverviewFacts:
    """What the overview counts of one article; small, so a worker can send it instead of the article."""

    terms: tuple[tuple[str, str, tuple[str, ...]], ...]  # (normalised term, as written, categories)
    outlets: tuple[tuple[str, str], ...]  # (name, role)
    publisher: str
    has_original: bool
    altered_line: int
    altered: str

    @classmethod
    def of(cls, a: Article) -> OverviewFacts:
        terms = []
        for t in dict.fromkeys(a.inserted_terms):
            key = normalize(t)
            cats = tuple(
                sorted({f.category for f in a.findings if normalize(f.term) in key and f.category != "unclassified"})
            )
            terms.append((key, t, cats))
        return cls(
            terms=tuple(terms),
            outlets=tuple((c.name, c.role) for c in a.outlets),
            publisher=a.publisher.name if a.publisher else "",
            has_original=a.original is not None,
            altered_line=a.altered.line,
            altered=a.altered.text,
        )


def _more(total: int, shown: int) -> str:
    return f"\n… and {total - shown} more.\n" if total > shown else ""


def render_overview(o: Overview, clusters: list[list[tuple[str, int, str, str]]]) -> str:
    """The corpus-wide sections of index.md, below the articles; ``clusters`` hold 0-based indexes."""
    parts = ["\n## Inserted terms\n\n"]
    if o.terms:
        parts.append("| term | articles | categories |\n|---|---|---|\n")
        top = sorted(o.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:LIST_CAP]
        for key, n in top:
            cats = ", ".join(sorted(o.term_categories.get(key, ()))) or "unclassified"
            parts.append(f"| {md(o.term_form[key])} | {n} | {md(cats)} |\n")
        parts.append(_more(len(o.terms), len(top)))
    else:
        parts.append("No inserted terms.\n")
    parts.append("\n## Outlets cited\n\n")
    if o.outlet_articles:
        parts.append("| outlet | articles | roles |\n|---|---|---|\n")
        for name, n in sorted(o.outlet_articles.items(), key=lambda kv: (-kv[1], kv[0])):
            roles = ", ".join(f"{r.replace('_', ' ')} {k}" for r, k in sorted(o.outlet_roles[name].items()))
            parts.append(f"| {md(name)} | {n} | {roles} |\n")
    else:
        parts.append("No outlet is named.\n")
    parts.append("\n## Likely publishers\n\n")
    if o.publishers:
        parts.append("| publisher | articles |\n|---|---|\n")
        parts += [f"| {md(name)} | {n} |\n" for name, n in sorted(o.publishers.items(), key=lambda kv: (-kv[1], kv[0]))]
    else:
        parts.append("None could be determined.\n")
    parts.append("\n## Reused bodies\n\n")
    if clusters:
        for k, members in enumerate(clusters[:LIST_CAP], 1):
            parts.append(f"{k}. " + "; ".join(f"[{md(p)} #{i + 1}]({n}) “{md(h)}”" for p, i, h, n in members) + "\n")
        parts.append(_more(len(clusters), min(len(clusters), LIST_CAP)))
    else:
        parts.append("No two articles share a body.\n")
    parts.append("\n## Articles without an original headline\n\n")
    if o.no_original:
        parts += [f"- [{md(p)}:{line}]({n}) {md(h)}\n" for p, line, h, n in o.no_original]
        parts.append(_more(o.no_original_total, len(o.no_original)))
    else:
        parts.append("None.\n")
    return "".join(parts)


def render_reuse(links: list[ReuseLink], describe: Callable[[ArticleRef], tuple[str, int, str]]) -> str:
    """The "Also appears in" section of one note; ``describe(other)`` gives (path, 0-based index, link)."""
    out = ["\n## Also appears in\n\n"]
    for link in sorted(links, key=lambda k: (-k.similarity, k.other)):
        path, index, href = describe(link.other)
        where = "; ".join(
            f"lines {a}–{b} here, {c}–{d} there" if a != b else f"line {a} here, {c} there"
            for a, b, c, d in link.runs[:8]
        )
        if link.kind == "same body":
            out.append(
                f"- [{md(path)}, article {index + 1}]({href}): the same body ({link.similarity:.0%} identical).\n"
            )
        else:
            out.append(
                f"- [{md(path)}, article {index + 1}]({href}): {link.shared} shared paragraph(s) ({where}); "
                f"bodies {link.similarity:.0%} alike.\n"
            )
    return "".join(out)
