"""What a saved page says about itself besides its text: the models, apart from the parser,
so that a run of text dumps never imports lxml or trafilatura to know their shape."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class HeadlineCandidate(BaseModel):
    """A text the page offers as its headline, and where it stands."""

    model_config = ConfigDict(frozen=True)
    source: str  # "h1", "title", "og:title", "json-ld:NewsArticle", "bold first paragraph", "url slug", ...
    text: str  # site name taken off
    line: int = 0  # the text view's line that shows it (0: not shown, the URL slug)
    html_line: int | None = None  # its line in the HTML file
    html_column: int | None = None  # its column there, when the text stands there as written


class PageInfo(BaseModel):
    """What a page says about itself, besides its text."""

    model_config = ConfigDict(frozen=True)
    title: str = ""  # <title>, site name taken off
    og_title: str = ""
    twitter_title: str = ""
    h1: str = ""  # the article's <h1> (not a logo's or a menu's)
    headings: list[str] = Field(default_factory=list)
    byline: str = ""
    published: str = ""
    updated: str = ""
    canonical: str = ""
    site_name: str = ""  # declared (og:site_name and kin) or learned from the title
    publisher: str = ""  # JSON-LD publisher name
    candidates: list[HeadlineCandidate] = Field(default_factory=list)
    story_start: int = 0  # the view's line of the story's first paragraph (0: no story)
    paragraphs: list[str] = Field(default_factory=list)

    def html_location(self, line: int) -> HeadlineCandidate | None:
        """The candidate shown on view line ``line`` that stands first in the HTML file (one
        that stands there as written, with a column, if any does)."""
        shown = [c for c in self.candidates if c.line == line and c.html_line is not None]
        exact = [c for c in shown if c.html_column is not None]
        return min(exact or shown, key=lambda c: (c.html_line or 0, c.html_column or 0), default=None)
