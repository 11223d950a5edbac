"""A note's tables of who the body cites and who published it: one row a name, all its lines.

A body that credits the same outlet under six photographs, or names an agency in three roles,
gives one row with every line (each a link to the input's line when it lies in the repository),
not a row for each sighting.
"""

from __future__ import annotations

from auditor.models import Article, Citation, PublisherSignal
from auditor.report.links import NoteLinks
from auditor.text.markdown import md

ROLE_LABELS = {
    "quoted_source": "quoted source",
    "dateline": "dateline",
    "publisher_byline": "publisher byline",
    "photo_credit": "photo credit",
    "cross_reference": "cross-reference",
    "other": "other mention",
}


def _how_sure(c: Citation) -> str:
    """Say so when the name was not read straight from the registry."""
    if c.kind == "unlisted":
        return " (not in the registry: named in a citation frame)"
    if c.confidence != "high":
        return " (a name other outlets share; nothing in the text chose, so the usual one)"
    return ""


def citation_table(cites: list[Citation], what: str, links: NoteLinks) -> str:
    """Each name once (``what`` heads the column), with all its roles, the line of each and its evidence."""
    if not cites:
        return f"No {what} is named in the body.\n"
    order: dict[str, list[Citation]] = {}
    for c in cites:
        order.setdefault(c.name, []).append(c)
    rows = [f"| {what} | roles (line) | evidence |", "|---|---|---|"]
    for name, group in order.items():
        roles = ", ".join(f"{ROLE_LABELS.get(c.role, c.role)} ({links.line(c.line)})" for c in group)
        ev = "<br>".join(f"{links.line(c.line, f'L{c.line}')}: {md(c.evidence)}" for c in group)
        rows.append(f"| {md(name)}{_how_sure(group[0])} | {roles} | {ev} |")
    return "\n".join(rows) + "\n"


def _signal_rows(signals: list[PublisherSignal], links: NoteLinks) -> list[str]:
    """The same outlet, reason and weight at several lines is one row listing the lines."""
    groups: dict[tuple[str, str, float], list[PublisherSignal]] = {}
    # Strongest evidence first, so a reader sees why this outlet and not another.
    for s in sorted(signals, key=lambda s: (-s.weight, s.line, s.outlet)):
        groups.setdefault((s.outlet, s.why, s.weight), []).append(s)
    rows = []
    for (outlet, why, weight), group in groups.items():
        where = ", ".join(links.line(s.line) if s.line else "page" for s in group)
        total = f"{weight:g}" if len(group) == 1 else f"{len(group)} × {weight:g}"
        rows.append(f"| {md(outlet)} | {where} | {md(why)}: {md(group[0].evidence)} | {total} |\n")
    return rows


def publisher_section(a: Article, links: NoteLinks) -> str:
    p = a.publisher
    if not p:
        why = a.publisher_unknown or "no byline, dateline, house style or self-reference names a publisher"
        return f"\n## Likely publisher\n\n**Unknown**: {md(why)}.\n"
    where = f"line {links.line(p.line)}" if p.line else "the page's metadata"
    parts = [
        "\n## Likely publisher\n\n",
        f"**{md(p.name)}** (confidence: {p.confidence}), {where}: {md(p.evidence)}\n\n",
    ]
    if p.republished_by:
        parts.append("Republished by: " + ", ".join(md(r) for r in p.republished_by) + "\n\n")
    parts.append("| outlet | lines | signal | weight |\n|---|---|---|---|\n")
    return "".join(parts + _signal_rows(p.signals, links))
