"""A saved news page to a text view the pipeline can read: headlines first, then the article."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from auditor.text.normalize import normalize

# Elements that never hold the story.
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "button",
    "nav",
    "footer",
    "aside",
    "header",
    "menu",
    "select",
    "input",
)
# Class/id words of navigation, sharing and related-story widgets.
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|share|sharing|social|subscribe|newsletter|related|recommend|"
    r"promo|advert|ads?|sponsor|cookie|banner|comment|comments|footer|sidebar|widget|popular|trending|tags?)(?:$|[\s_-])",
    re.I,
)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—\-:·•»]\s+")
_SPACES = re.compile(r"\s+")


class PageInfo(BaseModel):
    """What a page says about itself, besides its text."""

    model_config = ConfigDict(frozen=True)
    title: str = ""
    og_title: str = ""
    twitter_title: str = ""
    h1: str = ""
    headings: list[str] = Field(default_factory=list)
    byline: str = ""
    published: str = ""
    updated: str = ""
    canonical: str = ""
    site_name: str = ""
    publisher: str = ""  # the JSON-LD publisher's name: who the page says published it
    paragraphs: list[str] = Field(default_factory=list)


def _text(el: Any) -> str:
    return _SPACES.sub(" ", el.get_text(" ", strip=True)).strip() if el is not None else ""


_BLOCKS = frozenset({"p", "div", "ul", "ol", "table", "section", "figure", "blockquote", "article"})


def _own_text(el: Any) -> str:
    """Text of a heading without the paragraphs broken markup left inside it (an unclosed <h1>)."""
    if el is None:
        return ""
    kept = []
    for s in el.find_all(string=True):
        node = s.parent
        while node is not None and node is not el and node.name not in _BLOCKS:
            node = node.parent
        if node is el:
            kept.append(s)
    return _SPACES.sub(" ", " ".join(kept)).strip()


def _meta(soup: Any, *keys: str) -> str:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            tag = soup.find("meta", attrs={attr: key})
            if tag is not None and tag.get("content", "").strip():
                return _SPACES.sub(" ", tag["content"]).strip()
    return ""


def strip_site_name(title: str, site_name: str) -> str:
    """'Headline | Site' or 'Site - Headline' -> 'Headline'.

    Without a declared site name, a short last part after a separator is taken for it.
    """
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title

    def bare(text: str) -> str:
        return normalize(text).removeprefix("the ")

    site = bare(site_name)
    if site and bare(parts[-1]) == site:
        kept = parts[:-1]
    elif site and bare(parts[0]) == site:
        kept = parts[1:]
    elif not site and len(parts[-1]) < 30:
        kept = parts[:-1]
    else:
        return title
    return " – ".join(kept)


def _is_boilerplate(el: Any) -> bool:
    for node in [el, *el.parents]:
        if getattr(node, "attrs", None) is None:
            continue
        marks = " ".join([node.get("id", "") or "", *(node.get("class", []) or []), node.get("role", "") or ""])
        if marks and _BOILERPLATE.search(marks):
            return True
    return False


def _jsonld_publisher(soup: Any) -> str:
    """The publisher named in the page's JSON-LD (schema.org NewsArticle and friends), if any."""
    for tag in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(tag.string or "")
        except (ValueError, TypeError):
            continue  # broken JSON-LD is common; the page still has its other metadata
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack += item
            elif isinstance(item, dict):
                pub = item.get("publisher")
                name = pub.get("name") if isinstance(pub, dict) else pub if isinstance(pub, str) else None
                if isinstance(name, str) and name.strip():
                    return _SPACES.sub(" ", name).strip()
                stack += [v for k, v in item.items() if k == "@graph"]
    return ""


def extract_page(html: str) -> PageInfo:
    """Headlines, byline, dates, canonical URL, site name and body paragraphs of a page."""
    from bs4 import BeautifulSoup, Comment  # imported here: text dumps never pay for it

    soup = BeautifulSoup(html, "lxml")  # closes <p> and friends the way browsers do
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    site_name = _meta(soup, "og:site_name", "application-name")
    raw_title = _text(soup.title)
    canonical_tag: Any = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    info = {
        "title": strip_site_name(raw_title, site_name) if raw_title else "",
        "og_title": _meta(soup, "og:title"),
        "twitter_title": _meta(soup, "twitter:title"),
        "byline": _meta(soup, "author", "article:author", "byl", "parsely-author"),
        "published": _meta(soup, "article:published_time", "datePublished", "pubdate", "publish-date", "date"),
        "updated": _meta(soup, "article:modified_time", "dateModified", "og:updated_time", "last-modified"),
        "canonical": (canonical_tag.get("href", "").strip() if canonical_tag else "") or _meta(soup, "og:url"),
        "site_name": site_name,
        "publisher": _jsonld_publisher(soup),
    }
    for tag in soup.find_all(_DROP):
        tag.decompose()
    body: Any = soup.find("article") or soup.find("main") or soup.body or soup
    h1 = body.find("h1") or soup.find("h1")
    info["h1"] = _own_text(h1)
    if not info["byline"]:
        by = body.find(attrs={"class": re.compile(r"byline|author", re.I)}) or body.find(attrs={"rel": "author"})
        info["byline"] = _text(by)
    headings, paragraphs = [], []
    for el in body.find_all(["h2", "h3", "p", "li", "figcaption", "blockquote"]):
        if _is_boilerplate(el) or el.find_parent(["p", "li", "blockquote"]) is not None:
            continue
        text = _own_text(el) if el.name in ("p", "li") else _text(el)
        if not text:
            continue
        if el.name in ("h2", "h3"):
            headings.append(text)
        paragraphs.append(text)
    return PageInfo(headings=headings, paragraphs=paragraphs, **info)


def page_headline(page: PageInfo) -> str:
    """The headline the page shows its readers (for comparing with a claimed original)."""
    return page.h1 or page.og_title or page.title


def text_view(page: PageInfo) -> list[str]:
    """Lines the pipeline reads: the page's own title, its article heading, then the story.

    A farm page keeps the rewritten headline in <title>/og:title and the real one in its <h1>,
    so title-then-heading is exactly the altered-then-original order of a text dump.
    """
    head = page.og_title or page.twitter_title or page.title
    lines: list[str] = []
    for text in (head, page.h1):
        if text:
            lines += [text, ""]
    byline = ""
    if page.byline:
        byline = page.byline if page.byline.lower().startswith("by ") else f"By {page.byline}"
        lines += [byline, ""]
    for p in page.paragraphs:
        if p not in (page.h1, head, page.byline, byline):
            lines += [p, ""]
    return lines[:-1] if lines and lines[-1] == "" else lines
