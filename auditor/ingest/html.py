"""A saved news page to a text view the pipeline can read: its headlines, then its story.

The story is trafilatura's (precision-leaning, comments left out: body F1 0.968 on the 77
development pages of the article-extraction benchmark, where the class-name boilerplate test
used before scored 0.574). The headlines are every candidate the page offers, each with its
source (html_candidates). The view lists each distinct candidate text once, a blank line,
then the story one paragraph a line; notes and JSON count lines in it. Parsing runs within a
budget (html_tree), so no page costs more than a few seconds.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from auditor.ingest.html_candidates import Found, page_candidates
from auditor.ingest.html_heads import headline_key, jsonld_publisher, metas, squash
from auditor.ingest.html_locate import RawPage
from auditor.ingest.html_tree import parse_page
from auditor.ingest.page_info import HeadlineCandidate, PageInfo

# trafilatura logs pages it finds no story in; the audit reports that itself, once.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False
_BYLINE_CLASS = re.compile(r"byline|author", re.I)
# A caption that credits its picture ("Photo: X", "X / Agency", "(AP)"): trafilatura leaves
# captions out, and the credits are the evidence of photo-credit roles. The 23 such captions
# of the 77 development pages cost 0.004 body F1 (all 79 captions would cost 0.008).
_CREDIT = re.compile(
    r"(?i)\b(?:photo(?:graph)?s?|pictures?|images?|credit|foto|courtesy)\b|©|\S\s+/\s*[A-Z]|(?-i:\b[A-Z]{2,}\)?\s*$)"
)
# Shown once each, in this order; a candidate from a source not listed comes last.
SOURCE_ORDER = ("h1", "title", "og:title", "twitter:title", "meta:", "json-ld:", "itemprop:", "h2 under h1")


def _first_meta(meta: dict[str, list[tuple[str, Any]]], *keys: str) -> str:
    return next((meta[k][0][0] for k in keys if meta.get(k)), "")


def story_lines(doc: Any) -> list[str]:
    """trafilatura's story of the page, one paragraph (list item, table row) a line."""
    import trafilatura  # imported here: text dumps never pay for it

    text = None
    # Precision first (+0.009 F1 on the development pages); a page it finds no story in is
    # asked again without that preference (none of the 77 needed it, the held-out might).
    for precision in (True, False):
        text = trafilatura.extract(
            doc,
            output_format="txt",
            include_comments=False,  # comment threads are not the story: +0.013 F1 without them
            favor_precision=precision,
            include_tables=True,  # results tables and stock tables are part of the story
            deduplicate=False,  # its cache is process-wide: a page's text would depend on the pages before it
            with_metadata=False,
        )
        if text and text.strip():
            break
    return [line for line in (squash(t) for t in (text or "").split("\n")) if line]


def credit_captions(doc: Any, story: list[str]) -> list[str]:
    """Captions (not already in the story) that credit their picture."""
    kept = set(story)
    captions = (squash(c.text_content()) for c in doc.iter("figcaption"))
    return [c for c in dict.fromkeys(captions) if c and c not in kept and _CREDIT.search(c)]


def _byline(doc: Any, meta: dict[str, list[tuple[str, Any]]]) -> str:
    found = _first_meta(meta, "author", "article:author", "byl", "parsely-author")
    if found and not found.startswith("http"):
        return found
    for el in doc.iter("p", "span", "div", "a"):
        if _BYLINE_CLASS.search(el.get("class", "") or "") or el.get("rel") == "author":
            text = squash(el.text_content())
            if 0 < len(text.split()) <= 12:
                return text
    return ""


def _headings(doc: Any, story: list[str]) -> list[str]:
    """The story's sub-headings: <h2>/<h3> texts that are story lines."""
    lines = set(story)
    return list(dict.fromkeys(t for t in (squash(h.text_content()) for h in doc.iter("h2", "h3")) if t in lines))


def _ordered(found: list[Found]) -> list[Found]:
    def rank(f: Found) -> int:
        return next((i for i, s in enumerate(SOURCE_ORDER) if f.source.startswith(s)), len(SOURCE_ORDER))

    return sorted(found, key=rank)  # stable: a source's own candidates keep the page's order


def _candidates(found: list[Found], raw: RawPage) -> tuple[list[HeadlineCandidate], list[str]]:
    """The candidates with their view and HTML lines, and the view's headline lines."""
    lines: dict[str, int] = {}
    heads: list[str] = []
    out = []
    for f in _ordered(found):
        line = 0
        if f.source != "url slug":
            key = headline_key(f.text)
            if key not in lines:
                heads.append(f.text)
                lines[key] = len(heads)
            line = lines[key]
        html_line, html_column = raw.locate(f.text, f.el) if f.el is not None else (None, None)
        out.append(
            HeadlineCandidate(source=f.source, text=f.text, line=line, html_line=html_line, html_column=html_column)
        )
    return out, heads


def read_page(text: str, name: str = "page") -> tuple[PageInfo, list[str], list[str]]:
    """The page's facts, its text view and warnings (naming ``name``) about what was cut."""
    parsed = parse_page(text, name)
    doc = parsed.doc
    story = story_lines(doc)
    found, facts = page_candidates(doc, story)
    story += credit_captions(doc, story)  # after the candidates: a caption is never a headline
    candidates, heads = _candidates(found, RawPage(parsed.raw))
    meta = metas(doc)
    by_source = {c.source: c.text for c in reversed(candidates)}
    page = PageInfo(
        title=by_source.get("title", ""),
        og_title=_first_meta(meta, "og:title"),
        twitter_title=_first_meta(meta, "twitter:title"),
        h1=by_source.get("h1", ""),
        headings=_headings(doc, story),
        byline=_byline(doc, meta),
        published=_first_meta(meta, "article:published_time", "datepublished", "pubdate", "publish-date", "date"),
        updated=_first_meta(meta, "article:modified_time", "datemodified", "og:updated_time", "last-modified"),
        canonical=facts.canonical,
        site_name=facts.site.names[0] if facts.site.names else "",
        publisher=jsonld_publisher(doc),
        candidates=candidates,
        story_start=(len(heads) + 2 if heads else 1) if story else 0,
        paragraphs=story,
    )
    return page, text_view(page), parsed.warnings


def extract_page(text: str) -> PageInfo:
    """The facts of a page held in memory (a fetched source page)."""
    return read_page(text)[0]


def text_view(page: PageInfo) -> list[str]:
    """Lines the pipeline reads: each distinct headline candidate once, a blank line, the story."""
    heads: dict[int, str] = {}
    for c in page.candidates:
        if c.line and c.line not in heads:
            heads[c.line] = c.text
    lines = [heads[n] for n in sorted(heads)]
    if page.paragraphs:
        lines += ["", *page.paragraphs] if lines else page.paragraphs
    return lines


def page_headline(page: PageInfo) -> str:
    """The headline the page shows its readers (for comparing with a claimed original)."""
    return page.h1 or page.title or page.og_title
