"""A saved page parsed into one lxml tree within a fixed budget, whatever its markup.

Three things make real or hostile markup expensive, and each is bounded here, before any
later step (trafilatura, the headline candidates) walks the tree:

- Element count: every later step costs memory per element (lxml about 0.5 kB, trafilatura
  about 2.2 kB) and a 19 MB page of ``<p>x</p>`` holds 2.2 million of them (trafilatura alone
  took 58 s and 4.9 GB on it). The page is cut at its MAX_TAGS-th ``<`` (a prefix, so line
  numbers stay those of the file), with a warning.
- libxml2's depth limit: it stops building the tree at depth 256 (2048 with huge_tree) and
  raises nothing, only a FATAL entry in the parser's error log, so everything after the deep
  part would vanish silently. On that entry the page is parsed again through lxml's target
  interface, which has no depth limit, into a builder that ignores tags below MAX_DEPTH and
  keeps their text.
- Nesting: trafilatura is quadratic in depth (it checks every ancestor of every candidate
  element: 20,000 nested blockquotes take 7 s), so every subtree below MAX_DEPTH is flattened
  to its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from lxml import etree
from lxml import html as lxml_html

# The 77 real pages of the development set hold at most 3,194 tags (the largest page is 1.1 M
# characters): 50,000 is 15 times that, and costs trafilatura about 2 s and 150 MB.
MAX_TAGS = 50_000
# trafilatura holds about 29 bytes a character of text (an 18 MB paragraph took 536 MB):
# 5 M characters, 4.6 times the largest development page, keeps a page of text near 150 MB.
MAX_CHARS = 5_000_000
# The deepest of those pages nests 33 elements (median 16); nothing readable lies below 200.
MAX_DEPTH = 200
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters XML (and so lxml and trafilatura) refuse in text; a space keeps every offset.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class ParsedPage:
    doc: Any  # lxml.html document (the HtmlElement of <html>)
    raw: str  # the text that was parsed: the page, or its first MAX_TAGS tags
    warnings: list[str] = field(default_factory=list)


def _cut(raw: str, name: str, warnings: list[str]) -> str:
    if len(raw) > MAX_CHARS:
        warnings.append(f"{name}: page has more than {MAX_CHARS:,} characters; only the first {MAX_CHARS:,} are read")
        raw = raw[:MAX_CHARS]
    if raw.count("<") <= MAX_TAGS:
        return raw
    last = next(islice(re.finditer("<", raw), MAX_TAGS, None))
    warnings.append(f"{name}: page has more than {MAX_TAGS:,} tags; only the first {MAX_TAGS:,} are read")
    return raw[: last.start()]


class _DepthCappedBuilder:
    """lxml parser target: an lxml.html tree without the tags nested deeper than ``limit``."""

    def __init__(self, limit: int) -> None:
        self.builder = etree.TreeBuilder(parser=lxml_html.HTMLParser())
        self.depth = 0
        self.limit = limit

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth <= self.limit:
            self.builder.start(tag, dict(attrib))

    def end(self, tag: str) -> None:
        if self.depth <= self.limit:
            self.builder.end(tag)
        self.depth -= 1

    def data(self, text: str) -> None:
        self.builder.data(text)  # text below the limit joins the element at the limit

    def comment(self, text: str) -> None:
        pass

    def close(self) -> Any:
        return self.builder.close()


def _hit_resource_limit(log: Any) -> bool:
    return any(e.level_name == "FATAL" or "Excessive depth" in e.message for e in log)


def _parse(raw: str) -> tuple[Any, bool]:
    """The document, and whether libxml2 stopped early on one of its resource limits."""
    # huge_tree: without it a text node over 10 MB also stops the parse silently.
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True)
    try:
        doc = lxml_html.document_fromstring(raw, parser=parser)
    except etree.ParserError:  # nothing but whitespace or comments
        return lxml_html.document_fromstring("<html><body></body></html>"), False
    return doc, _hit_resource_limit(parser.error_log)


def _parse_depth_capped(raw: str) -> Any:
    parser = etree.HTMLParser(target=_DepthCappedBuilder(MAX_DEPTH), remove_comments=True, huge_tree=True)
    parser.feed(raw)
    doc = parser.close()
    if doc is None or doc.tag != "html":  # a builder may return a fragment's root: wrap it
        wrapper = lxml_html.document_fromstring("<html><body></body></html>")
        if doc is not None:
            wrapper.find("body").append(doc)
        doc = wrapper
    return doc


def drop_code(doc: Any) -> None:
    """Scripts and styles are never the story (trafilatura drops them too) but cost memory in
    every copy it makes; JSON-LD stays, it names the headline and the publisher."""
    code = [el for el in doc.iter("script", "style") if "ld+json" not in (el.get("type") or "").lower()]
    for el in code:
        el.drop_tree()  # keeps the element's tail text


def flatten_deep(doc: Any, limit: int = MAX_DEPTH) -> int:
    """Strip the tags (keeping the text) below every element at depth ``limit``; how many were."""
    # One XPath step a level, evaluated in C: a Python walk of every element cost 2 ms a page.
    deep = [el for el in doc.xpath("/".join(["*"] * (limit - 1))) if len(el)]
    for el in deep:
        etree.strip_tags(el, "*")
    return len(deep)


def parse_page(text: str, name: str) -> ParsedPage:
    """Parse a decoded page within the budget; warnings name ``name`` and say what was cut."""
    warnings: list[str] = []
    # lxml refuses a str that declares its encoding; the text is already decoded.
    # Blanked, not removed, so that lines and columns stay those of the file.
    text = _XML_DECLARATION.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text, count=1)
    text = _CONTROL.sub(" ", text)
    raw = _cut(text, name, warnings)
    doc, stopped = _parse(raw)
    if stopped:
        doc = _parse_depth_capped(raw)
        warnings.append(f"{name}: markup nested deeper than the parser follows; tags below depth {MAX_DEPTH} ignored")
    elif flatten_deep(doc):
        warnings.append(f"{name}: markup nested deeper than {MAX_DEPTH} levels; the deepest part read as plain text")
    drop_code(doc)
    return ParsedPage(doc, raw, warnings)
