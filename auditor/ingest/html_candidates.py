"""Every headline candidate of a page, each with where it came from.

The metadata headlines (html_heads), the article's ``<h1>``, the places a farm leaves the
real headline (html_survivors) and the canonical URL's slug (weak evidence: lower-cased,
often cut, never a headline to show). Menus, logos, related-story links and teasers are not
candidates: of a page's ``<h1>`` elements only the article's counts (13 of the 77
development pages have several: logos, menus, widget titles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from rapidfuzz import fuzz

from auditor.ingest.html_heads import (
    META_TITLES,
    SiteNames,
    fold_headline,
    jsonld_objects,
    jsonld_types,
    learn_from_title,
    metas,
    site_names,
    squash,
)
from auditor.ingest.html_survivors import (
    Survivor,
    paragraph_survivors,
    story_anchor,
    story_elements,
    under_h1,
)

# The article's <h1> is the one most like the metadata headlines, when at least this like
# (rapidfuzz ratio): it picked the headline <h1> on 50 of the 50 source pages of the farm set.
H1_LIKE_METADATA = 60
_IN_ARTICLE = (
    "ancestor::article or ancestor::main or ancestor::*[@role='main'] or "
    "ancestor::*[contains(@itemtype,'Article')] or ancestor::*[@itemprop='articleBody']"
)
_SLUG_ID = re.compile(r"(?:[a-z]?\d{5,}|[0-9a-f]{8,}|id\d+|ar\w*\d{6,})", re.I)


@dataclass(frozen=True)
class Found:
    source: str
    text: str
    el: Any = None  # the element it came from, for its line in the file


@dataclass
class PageFacts:
    """What the candidates were found with, for the page's own record."""

    site: SiteNames = field(default_factory=SiteNames)
    canonical: str = ""
    h1: Any = None  # the article's <h1> element


def _title_element(doc: Any) -> Any:
    for path in ("//head/title", "//title[not(ancestor::svg)]"):
        found = doc.xpath(path)
        if found:
            return found[0]
    return None


def _metadata(doc: Any, meta: dict[str, list[tuple[str, Any]]]) -> list[Found]:
    out: list[Found] = []
    title = _title_element(doc)
    if title is not None and squash(title.text_content()):
        out.append(Found("title", squash(title.text_content()), title))
    for key in ("og:title", "twitter:title", *META_TITLES):
        source = key if key in ("og:title", "twitter:title") else f"meta:{key}"
        out += [Found(source, text, el) for text, el in meta.get(key, [])]
    for obj, script in jsonld_objects(doc):
        headline = obj.get("headline")
        if isinstance(headline, str) and squash(headline):
            out.append(Found("json-ld:" + ("/".join(jsonld_types(obj)) or "?"), squash(headline), script))
    for el in doc.xpath("//*[@itemprop='headline'][not(self::meta)]"):
        if squash(el.text_content()):
            out.append(Found("itemprop:headline", squash(el.text_content()), el))
    return out


def slug_words(url: str) -> str:
    """The last meaningful path segment of a URL as words: '/2019/11/john-ford-books.html' -> 'john ford books'."""
    try:
        path = urlparse(url.strip()).path
    except ValueError:
        return ""
    for seg in reversed([s for s in path.split("/") if s]):
        seg = re.sub(r"\.(s?html?|php|aspx?|cms)$", "", seg, flags=re.I)
        words = [w for w in re.split(r"[-_+]+", seg) if w]
        while words and _SLUG_ID.fullmatch(words[-1]):
            words.pop()
        if len(words) >= 3 and sum(w.isalpha() for w in words) >= 2:
            return " ".join(words)
    return ""


def choose_h1(h1s: list[tuple[str, Any]], meta_texts: list[str], site: SiteNames, doc: Any, anchor: Any) -> Any:
    """The article's <h1>: most like the metadata (ratio, not token_set_ratio, which scores a
    logo "The Daily" 100 against "Headline - The Daily"), else the nearest one before the story,
    else one inside <article>/<main>, else the page's only one; never one that is the site's name."""
    rows = [(text, el) for text, el in h1s if not site.matches(text)]
    if not rows:
        return None
    folded = [fold_headline(m) for m in meta_texts if m]
    scored = [(max((fuzz.ratio(fold_headline(t), m) for m in folded), default=0.0), el) for t, el in rows]
    best = max(scored, key=lambda s: s[0])
    if best[0] >= H1_LIKE_METADATA:
        return best[1]
    if anchor is not None:
        order = {el: i for i, el in enumerate(doc.iter())}
        at = order.get(anchor)
        before = [el for _, el in rows if at is not None and order.get(el, at) < at]
        if before:
            return max(before, key=lambda el: order[el])
    inside = [el for _, el in rows if el.xpath(_IN_ARTICLE)]
    if inside:
        return inside[0]
    return rows[0][1] if len(h1s) == 1 else None


def _stripped(found: list[Found], site: SiteNames) -> list[Found]:
    return [Found(f.source, site.strip_from(f.text), f.el) for f in found]


def page_candidates(doc: Any, story: list[str]) -> tuple[list[Found], PageFacts]:
    """Every candidate (site names stripped) and the facts they were found with."""
    meta = metas(doc)
    urls = [el.get("href") for el in doc.xpath("//link[@rel='canonical'][@href]")] + [
        t for t, _ in meta.get("og:url", [])
    ]
    site = site_names(doc, meta, urls)
    raw = _metadata(doc, meta)
    h1s = [(squash(el.text_content()), el) for el in doc.iter("h1")]
    h1s = [(t, el) for t, el in h1s if t]
    if raw and raw[0].source == "title":
        others = [f.text for f in raw[1:]] + [t for t, _ in h1s]
        site = learn_from_title(raw[0].text, others, site)
    found = _stripped(raw, site)
    texts = [f.text for f in found]
    elements = story_elements(doc, story)
    anchor = story_anchor(story, elements, texts + [t for t, _ in h1s])
    h1 = choose_h1(h1s, texts, site, doc, anchor)
    if h1 is not None:
        found.insert(0, Found("h1", squash(h1.text_content()), h1))
        sub = under_h1(doc, h1, anchor)
        if sub is not None:
            found.append(Found(sub.source, sub.text, sub.el))
    survivors: list[Survivor] = paragraph_survivors(story, elements, anchor)
    found += [Found(s.source, s.text, s.el) for s in survivors if s.text]
    slug = slug_words(urls[0]) if urls else ""
    if slug:
        found.append(Found("url slug", slug))
    return found, PageFacts(site, urls[0].strip() if urls else "", h1)
