"""What a note says changed in the headline: the change line and the list, from one set of spans.

Both are drawn from the article's edits (analysis.diff: the changed runs, each with its exact
span on each side), so the list names exactly what the change line strikes and inserts: when
the line strikes "its militias", the list says "its militias" too. The shorter terms the rules
looked at ("militias", with edge words such as "its" trimmed) are the article's
``inserted_terms``/``replaced_terms`` in audit.json and the "term" column of the findings.
A headline rewritten rather than edited, or one with no original, has no edits worth listing
word by word: the list then names the words found neither in the original nor in the body,
which is what the rules were given.
"""

from __future__ import annotations

from auditor.models import Article
from auditor.text.markdown import md, quote


def _mark(text: str, delimiter: str, tag: str) -> str:
    """``text`` (escaped) struck or strong. A ``~~``/``**`` run opens and closes emphasis only
    where it flanks a word (CommonMark's delimiter rules): "Mosul**: Revelation**" shows its
    asterisks. So a span that starts or ends with anything but a letter or digit gets the HTML
    element instead, which GitHub keeps and which holds whatever it encloses."""
    if text[:1].isalnum() and text[-1:].isalnum():
        return f"{delimiter}{text}{delimiter}"
    return f"<{tag}>{text}</{tag}>"


def change_line(a: Article) -> str:
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
            out.append(_mark(md(e.original.text), "~~", "del"))
            cursor = e.original.end
        else:
            cursor = start
        if e.altered:
            out.append(
                ("" if out[-1].endswith(" ") or not e.original else " ") + _mark(md(e.altered.text), "**", "strong")
            )
            if not e.original and not orig[cursor : cursor + 1].isspace() and cursor < len(orig):
                out.append(" ")
    out.append(md(orig[cursor:]))
    return "".join(out).strip()


def _by_edits(a: Article) -> bool:
    """Are the edits the change a reader should see, span by span?"""
    return a.original is not None and a.rewrite_kind not in ("rewrite", "no_original")


def change_list(a: Article) -> str:
    """The "What changed" list: one item an edit, with the change line's own spans."""
    items = []
    if _by_edits(a):
        for e in a.edits:
            if e.original and e.altered:
                items.append(f"Replaced {quote(e.original.text)} with {quote(e.altered.text)}")
            elif e.altered:
                items.append(f"Inserted {quote(e.altered.text)}")
            elif e.original:
                items.append(f"Dropped {quote(e.original.text)}")
        if not items:
            items.append("Nothing: the two headlines read the same")
    else:
        where = "the original nor the body" if a.original else "the body"
        words = ", ".join(quote(t) for t in a.inserted_terms) or "none"
        items.append(f"Words found in neither {where}: {words}" if a.original else f"Words {where} never uses: {words}")
    return "".join(f"- {item}\n" for item in items)
