"""Markdown provenance notes (one per article): text in, text out, no I/O.

A note reads well on GitHub: a five-key front matter (GitHub shows it as a one-row table, so
the values are kept short enough to fit its 1012 px column), the article numbered from 1, its
lines linked to the input when that lies in the repository (report.links), a link back to the
index, one row a cited name, and a closing "Settings" section with the rest of the run's
settings. The front matter ends with a blank line before its closing ``---``: a renderer that
does not know front matter then shows a rule, one short paragraph and a rule, where text right
above the ``---`` would have become a heading as long as the whole block.
"""

from __future__ import annotations

import re

from auditor.ingest.page_info import PageInfo
from auditor.models import SEVERITY_ORDER, Article
from auditor.report.changes import change_line, change_list
from auditor.report.citations import citation_table, publisher_section
from auditor.report.links import NoteLinks
from auditor.text.markdown import md, md_link, visible_controls

_WWW_DOT = re.compile(r"(?i)\b(www)\.")
NOTE_KEYS = ("tool", "version", "input", "sha256", "rules_digest")
# The front matter's sha256 is cut to the length of the rules digest: the full 64 hex digits
# alone are wider than half of GitHub's column (see README, "A sample note"); the Settings
# section and audit.json carry the whole hash.
SHORT_HASH = 16
SETTINGS_HEADING = "\n## Settings\n\n"


def _yaml_value(v: str) -> str:
    """A YAML double-quoted string that is also inert Markdown: a renderer without front-matter
    support shows these lines as a paragraph, so every character but letters, digits, spaces,
    ``./-`` and an underscore inside a word is written as a YAML escape (``\\u003c`` for ``<``):
    no file name can open a link, markup, emphasis or an autolink (the dot of ``www.`` too) there,
    break out of the quotes or hide, while YAML readers and GitHub's table get the name back."""
    out = []
    for i, c in enumerate(v):
        inside_word = c == "_" and 0 < i < len(v) - 1 and v[i - 1].isalnum() and v[i + 1].isalnum()
        if (c.isalnum() and c.isprintable()) or c in " ./-" or inside_word:
            out.append(c)
        else:
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
    return '"' + _WWW_DOT.sub(r"\1\\u002e", "".join(out)) + '"'


def front_matter(fields: dict[str, str]) -> str:
    """YAML front matter whose values no input can break out of (see ``_yaml_value``)."""
    body = "".join(f"{k}: {_yaml_value(v)}\n" for k, v in fields.items())
    # The blank line keeps the closing "---" a rule, never a heading underline (see above).
    return f"---\n{body}\n---\n\n"


def note_front_matter(meta: dict[str, str]) -> str:
    fields = {k: meta.get(k, "") for k in NOTE_KEYS}
    fields["sha256"] = fields["sha256"][:SHORT_HASH]
    return front_matter(fields)


def settings_section(meta: dict[str, str]) -> str:
    """What produced the note beyond the front matter: the same for every note of an input."""
    rules = "the shipped rules" if meta.get("default_rules", "yes") == "yes" else "no shipped rules"
    items = [
        f"tool: {md(meta.get('tool', ''))} {md(meta.get('version', ''))}",
        f"rules digest: {md(meta.get('rules_digest', ''))} ({rules}; extra rule folders: "
        f"{md(meta.get('extra_rules', '')) or 'none'}; ignored rules: {md(meta.get('ignored_rules', '')) or 'none'})",
        f"input: {md(meta.get('input', ''))}",
        f"input sha256: {md(meta.get('sha256', ''))}",
        "articles are numbered from 1 here and in the index; audit.json's `index` counts from 0",
    ]
    return SETTINGS_HEADING + "".join(f"- {item}\n" for item in items)


def _headline_line(line: int, links: NoteLinks, page: PageInfo | None) -> str:
    if page is None:
        return links.line(line)
    where = page.html_location(line)
    return f"{line} (HTML {links.html_line(where.html_line)})" if where and where.html_line else str(line)


def _headlines(a: Article, links: NoteLinks, page: PageInfo | None) -> str:
    parts = [
        "## Headlines\n\n| | line | headline |\n|---|---|---|\n",
        f"| altered | {_headline_line(a.altered.line, links, page)} | {md(a.altered.text)} |\n",
    ]
    if a.original:
        parts.append(f"| original | {_headline_line(a.original.line, links, page)} | {md(a.original.text)} |\n\n")
        parts.append(f"Change: {change_line(a)}\n\n")
        parts.append(f"Alignment score: {a.similarity:.3f}. Kind of change: {a.rewrite_kind.replace('_', ' ')}.\n\n")
    else:
        parts.append("| original | – | **not found** |\n\n")
        parts.append("No original headline was found for this article.\n\n")
    parts += [f"> {md(n)}\n\n" for n in a.notes[1:]]
    return "".join(parts)


def _findings(a: Article, known: set[tuple[str, str]]) -> str:
    if not a.findings:
        return "\n## Rule findings\n\nNo rule fired: the headline is unchanged or no change matched a rule.\n"
    parts = ["\n## Rule findings\n\n| severity | rule | category | term | message |\n|---|---|---|---|---|\n"]
    for f in sorted(a.findings, key=lambda f: (-SEVERITY_ORDER[f.severity], f.rule, f.term)):
        tag = " (known)" if (f.rule, f.term) in known else ""
        rule = md_link(f.rule, f.reference)
        parts.append(f"| {f.severity}{tag} | {rule} | {md(f.category)} | {md(f.term)} | {md(f.message)} |\n")
    return "".join(parts)


def _page(a: Article, page: PageInfo, view: list[str] | None, links: NoteLinks) -> str:
    out = "\n## Page\n\n" + _page_table(page, a, links) + _candidate_table(page, links)
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


def _source(path: str, a: Article, links: NoteLinks, page: PageInfo | None) -> str:
    last = a.body.end_line if a.body else a.altered.line
    span = f"{a.altered.line}–{last}"
    if page is not None:
        where = f"{links.file(md(path))}, lines {span} of the text extracted from the page"
    else:
        where = links.lines(a.altered.line, last, f"{md(path)}, lines {span}")
    return f"{links.index()} · Source: {where}.\n\n"


def render_note(
    path: str,
    a: Article,
    meta: dict[str, str],
    links: NoteLinks | None = None,
    known: set[tuple[str, str]] | None = None,
    page: PageInfo | None = None,
    view: list[str] | None = None,
) -> str:
    """One article's provenance note up to its Settings section (``settings_section``), which
    the report builder keeps last; findings in ``known`` (from a baseline) are marked."""
    links = links or NoteLinks()
    parts = [
        note_front_matter(meta),
        f"# Article {a.index + 1}: {md(a.altered.text)}\n\n",
        _source(path, a, links, page),
        _headlines(a, links, page),
        "## What changed\n\n" + change_list(a),
        _findings(a, known or set()),
        "\n## Cited outlets\n\n" + citation_table(a.outlets, "outlet", links),
        "\n## Organisations\n\n" + citation_table(a.organisations, "organisation", links),
        "\n## Platforms\n\n" + citation_table(a.platforms, "platform", links),
        publisher_section(a, links),
    ]
    if a.verification:
        parts.append("\n## Source check\n\n" + _verification(a))
    if page is not None:
        parts.append(_page(a, page, view, links))
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


def _page_table(page: PageInfo, a: Article, links: NoteLinks) -> str:
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
        out += f"\nThe altered headline stands on line {links.html_line(a.source_line)} of the HTML file.\n"
    return out


def _candidate_table(page: PageInfo, links: NoteLinks) -> str:
    """Every headline candidate the page offers, where it came from and where it stands."""
    if not page.candidates:
        return ""
    rows = ["\n| headline candidate | source | line | HTML line |", "|---|---|---|---|"]
    for c in page.candidates:
        rows.append(f"| {md(c.text)} | {md(c.source)} | {c.line or '–'} | {links.html_line(c.html_line)} |")
    return "\n".join(rows) + "\n"
