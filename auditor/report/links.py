"""The links a note makes: back to the index, and to the lines of its input in the repository.

GitHub shows a file's line N at ``path#LN`` (and a range at ``#LA-LB``), and resolves a relative
link from the Markdown file that holds it. So when the input and the reports lie in one git
repository (worked out in run.places), a note links its line numbers to the input, relative to
the note's own folder; otherwise they stay plain numbers. A saved page's note counts lines of
the text view, which the HTML file does not have: only the lines known in the HTML file itself
(where the altered headline and each headline candidate stand) are linked.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.text.markdown import md, md_path_link


@dataclass(frozen=True)
class NoteLinks:
    """Links from one note; ``up`` climbs from the note's folder to --out, ``source`` is the
    input relative to --out (None: not in the same repository), ``page``: a saved page."""

    up: str = ""
    source: str | None = None
    page: bool = False

    @classmethod
    def for_note(cls, note: str, source: str | None, page: bool) -> NoteLinks:
        return cls("../" * note.count("/"), source, page)

    def index(self, label: str = "← Index") -> str:
        return md_path_link(md(label), self.up + "index.md")

    def line(self, n: int, label: str = "") -> str:
        """Line ``n`` of the input as the note counts it (a page's view lines stay plain)."""
        text = label or str(n)
        if self.source is None or self.page or n <= 0:
            return text
        return md_path_link(text, self.up + self.source, f"L{n}")

    def lines(self, first: int, last: int, label: str) -> str:
        """A run of lines; ``label`` is Markdown already."""
        if self.source is None or self.page or first <= 0:
            return label
        fragment = f"L{first}" if last <= first else f"L{first}-L{last}"
        return md_path_link(label, self.up + self.source, fragment)

    def html_line(self, n: int | None) -> str:
        """Line ``n`` of a saved page's HTML file, where the note knows one."""
        if not n:
            return "–"
        if self.source is None:
            return str(n)
        return md_path_link(str(n), self.up + self.source, f"L{n}")

    def file(self, label: str) -> str:
        """The input itself; ``label`` is Markdown already."""
        return label if self.source is None else md_path_link(label, self.up + self.source)
