"""Markdown provenance notes (one per article) and the index: text in, text out, no I/O."""

from __future__ import annotations

import json
import re

from auditor.ingest.html import PageInfo
from auditor.models import SEVERITY_ORDER, Article, Citation
from auditor.text.markdown import INVISIBLE, md, md_link, quote, visible_controls

ROLE_LABELS = {
    "quoted_source": "quoted source",
    "dateline": "dateline",
    "publisher_byline": "publisher byline",
    "photo_credit": "photo credit",
    "cross_reference": "cross-reference",
    "other": "other mention",
}


_INVISIBLE = re.compile(f"[{INVISIBLE}\t\n\r]")


def front_matter(fields: dict[str, str | int]) -> str:
    """YAML front matter; values are JSON-quoted, invisible characters \\u-escaped, so no input
    (a file name holding a newline or a right-to-left override) can break out or hide."""

    def value(v: str | int) -> str:
        if not isinstance(v, str):
            return str(v)
        return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(v, ensure_ascii=False))

    body = "\n".join(f"{k}: {value(v)}" for k, v in fields.items())
    return f"---\n{body}\n---\n\n"


def inline_change(a: Article) -> str:
    """The original headline with the change marked: ~~removed~~ **inserted**."""
    if a.original is None:
        return f"**{md(a.altered.text)}** (no original to compare)"
    orig = a.original.text
    out: list[str] = []
    cursor = 0
    for e in a.edits:
        start = e.original.start if e.original else e.original_at
        out.append(md(orig[cursor:start]))
        if e.original:
            out.append(f"~~{md(e.original.text)}~~")
            cursor = e.original.end
        else:
            cursor = start
        if e.altered:
            out.append(("" if out[-1].endswith(" ") or not e.original else " ") + f"**{md(e.altered.text)}**")
            if not e.original and not orig[cursor : cursor + 1].isspace() and cursor < len(orig):
                out.append(" ")
    out.append(md(orig[cursor:]))
    return "".join(out).strip()


def _terms(label: str, terms: list[str]) -> str:
    return f"- {label}: " + (", ".join(quote(t) for t in terms) if terms else "none") + "\n"


def _citation_table(cites: list[Citation], what: str) -> str:
    if not cites:
        return f"No {what} named in the body.\n"
    rows = [
        f"| {what[:-1].capitalize() if what.endswith('s') else what} | role | line | evidence |",
        "|---|---|---|---|",
    ]
    for c in cites:
        rows.append(f"| {md(c.name)} | {ROLE_LABELS.get(c.role, c.role)} | {c.line} | {md(c.evidence)} |")
    return "\n".join(rows) + "\n"


def _outlets_by_name(cites: list[Citation]) -> str:
    """Each outlet once, with all its roles and the evidence line of each."""
    if not cites:
        return "No outlet is named in the body.\n"
    order: dict[str, list[Citation]] = {}
    for c in cites:
        order.setdefault(c.name, []).append(c)
    rows = ["| outlet | roles (line) | evidence |", "|---|---|---|"]
    for name, group in order.items():
        roles = ", ".join(f"{ROLE_LABELS.get(c.role, c.role)} ({c.line})" for c in group)
        ev = "<br>".join(f"L{c.line}: {md(c.evidence)}" for c in group)
        rows.append(f"| {md(name)}{_how_sure(group[0])} | {roles} | {ev} |")
    return "\n".join(rows) + "\n"


def _how_sure(c: Citation) -> str:
    """Say so when the name was not read straight from the registry."""
    if c.kind == "unlisted":
        return " (not in the registry: named in a citation frame)"
    if c.confidence != "high":
        return " (a name other outlets share; nothing in the text chose, so the usual one)"
    return ""


def _headlines(a: Article) -> str:
    parts = [
        "## Headlines\n\n| | line | headline |\n|---|---|---|\n",
        f"| altered | {a.altered.line} | {md(a.altered.text)} |\n",
    ]
    if a.original:
        parts.append(f"| original | {a.original.line} | {md(a.original.text)} |\n\n")
        parts.append(f"Change: {inline_change(a)}\n\n")
        parts.append(f"Alignment score: {a.similarity:.3f}. Kind of change: {a.rewrite_kind.replace('_', ' ')}.\n\n")
    else:
        parts.append("| original | – | **not found** |\n\n")
        parts.append("No original headline was found for this article.\n\n")
    parts += [f"> {md(n)}\n\n" for n in a.notes[1:]]
    return "".join(parts)


def _changes(a: Article) -> str:
    out = "## What changed\n\n" + _terms("Inserted", a.inserted_terms) + _terms("Replaced", a.replaced_terms)
    return out + (_terms("Dropped", a.deleted_terms) if a.deleted_terms else "")


def _findings(a: Article, known: set[tuple[str, str]]) -> str:
    if not a.findings:
        return "\n## Rule findings\n\nNo rule fired: the headline is unchanged or no change matched a rule.\n"
    parts = ["\n## Rule findings\n\n| severity | rule | category | term | message |\n|---|---|---|---|---|\n"]
    for f in sorted(a.findings, key=lambda f: (-SEVERITY_ORDER[f.severity], f.rule, f.term)):
        tag = " (known)" if (f.rule, f.term) in known else ""
        rule = md_link(f.rule, f.reference)
        parts.append(f"| {f.severity}{tag} | {rule} | {md(f.category)} | {md(f.term)} | {md(f.message)} |\n")
    return "".join(parts)


def _publisher(a: Article) -> str:
    p = a.publisher
    if not p:
        why = a.publisher_unknown or "no byline, dateline, house style or self-reference names a publisher"
        return f"\n## Likely publisher\n\n**Unknown**: {md(why)}.\n"
    where = f"line {p.line}" if p.line else "the page's metadata"
    parts = [
        "\n## Likely publisher\n\n",
        f"**{md(p.name)}** (confidence: {p.confidence}), {where}: {md(p.evidence)}\n\n",
    ]
    if p.republished_by:
        parts.append("Republished by: " + ", ".join(md(r) for r in p.republished_by) + "\n\n")
    # Strongest evidence first, so a reader sees why this outlet and not another.
    parts.append("| outlet | line | signal | weight |\n|---|---|---|---|\n")
    ranked = sorted(p.signals, key=lambda s: (-s.weight, s.line, s.outlet))
    parts += [
        f"| {md(s.outlet)} | {s.line or 'page'} | {md(s.why)}: {md(s.evidence)} | {s.weight:g} |\n" for s in ranked
    ]
    return "".join(parts)


def _page(a: Article, page: PageInfo, view: list[str] | None) -> str:
    out = "\n## Page\n\n" + _page_table(page, a) + _candidate_table(page)
    if view:
        # From the first line: a page lists its headline candidates above the story, the
        # original among them wherever its source put it.
        last = a.body.end_line if a.body else a.altered.line
        shown = [(n, visible_controls(view[n - 1])) for n in range(1, min(last, len(view)) + 1) if view[n - 1]]
        # A fence longer than any backtick run inside it: page text cannot close it early.
        fence = "`" * max(3, 1 + max((len(r) for _, t in shown for r in re.findall(r"`+", t)), default=0))
        numbered = "\n".join(f"{n:>4}  {t}" for n, t in shown)
        out += "\nLine numbers in this note count lines of the text extracted from the page:\n\n"
        out += f"{fence}text\n{numbered}\n{fence}\n"
    return out


def _undetermined(a: Article) -> str:
    missing = [
        what
        for what, absent in (
            ("the original headline", a.original is None),
            ("any cited outlet", not a.outlets),
            ("the publisher", a.publisher is None),
        )
        if absent
    ]
    return ("\n## Not determined\n\n" + "".join(f"- {u}\n" for u in missing)) if missing else ""


def render_note(
    path: str,
    a: Article,
    fm: dict[str, str | int],
    known: set[tuple[str, str]] | None = None,
    page: PageInfo | None = None,
    view: list[str] | None = None,
) -> str:
    """One article's provenance note; findings in ``known`` (from a baseline) are marked."""
    span = f"{a.altered.line}–{a.body.end_line if a.body else a.altered.line}"
    parts = [
        front_matter({**fm, "article": a.index, "lines": span}),
        f"# Article {a.index}: {md(a.altered.text)}\n\n",
        f"Source: {md(path)}, lines {span}.\n\n",
        _headlines(a),
        _changes(a),
        _findings(a, known or set()),
        "\n## Cited outlets\n\n" + _outlets_by_name(a.outlets),
        "\n## Organisations\n\n" + _citation_table(a.organisations, "organisations"),
        "\n## Platforms\n\n" + _citation_table(a.platforms, "platforms"),
        _publisher(a),
    ]
    if a.verification:
        parts.append("\n## Source check\n\n" + _verification(a))
    if page is not None:
        parts.append(_page(a, page, view))
    parts.append(_undetermined(a))
    return "".join(parts)


def _verification(a: Article) -> str:
    v = a.verification
    assert v is not None, "only verified articles have this section"
    if v.status == "confirmed":
        return f"**confirmed**: {md(v.url)} publishes “{md(v.source_headline)}” (similarity {v.similarity:.2f}).\n"
    if v.status == "differs":
        return (
            f"**differs**: {md(v.url)} publishes “{md(v.source_headline)}”, the paired original reads "
            f"“{md(a.original.text if a.original else '')}” (similarity {v.similarity:.2f}).\n"
        )
    return f"**unreachable**: {md(v.url)}: {md(v.reason)}\n"


def _page_table(page: PageInfo, a: Article) -> str:
    rows = [
        ("&lt;title&gt;", page.title),
        ("og:title", page.og_title),
        ("twitter:title", page.twitter_title),
        ("&lt;h1&gt;", page.h1),
        ("byline", page.byline),
        ("published", page.published),
        ("updated", page.updated),
        ("canonical URL", page.canonical),
        ("site name", page.site_name),
        ("publisher (JSON-LD)", page.publisher),
    ]
    out = "| field | value |\n|---|---|\n" + "".join(f"| {k} | {md(v)} |\n" for k, v in rows if v)
    if a.source_line:
        out += f"\nThe altered headline stands on line {a.source_line} of the HTML file.\n"
    return out


def _candidate_table(page: PageInfo) -> str:
    """Every headline candidate the page offers, where it came from and where it stands."""
    if not page.candidates:
        return ""
    rows = ["\n| headline candidate | source | line | HTML line |", "|---|---|---|---|"]
    for c in page.candidates:
        rows.append(f"| {md(c.text)} | {md(c.source)} | {c.line or '–'} | {c.html_line or '–'} |")
    return "\n".join(rows) + "\n"
