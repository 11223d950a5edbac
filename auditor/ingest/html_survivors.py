"""Where a farm copy leaves the real headline inside the page, next to the story.

A farm rewrites ``<title>``, og:title and ``<h1>`` but keeps the story, and often the real
headline with it: an ``<h2>`` or standfirst right under the ``<h1>``, a bold-only first
paragraph, a "Source: ..." / "Originally published as: ..." line. Each is looked for only
where it can stand: between the article's ``<h1>`` and the story's first paragraph (the
anchor: the first story line that is not itself a headline), or among the first story lines.
Clean pages have the same shapes (a dek, a bold lede), so these are candidates only: the
pairing decides, on the story's words, whether one of them is an original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Any

from rapidfuzz import fuzz

from auditor.ingest.html_heads import fold_headline, squash

# Story lines searched for the anchor and for "Source:" lines: a fact-check layout puts a dek,
# a date and a "Claim" line before them.
FIRST_LINES = 10
# A bold paragraph counts only among the first story lines or right before the anchor.
BOLD_LINES = 3
# A story line this like (rapidfuzz ratio) a headline candidate is that headline, not the story.
# On the 177 aeb-dev pages (clean, farm, control) the first ten story lines score 100 against a
# candidate (the headline repeated: 66 lines) or at most 77 (a lede restating it, which is
# story); only "Source: ..." lines fall between, and those are recognised by their label.
SAME_HEADLINE = 85
# Text-bearing elements looked at under the <h1> for a subtitle before giving up.
UNDER_H1_ELEMENTS = 4
# A subtitle or a labelled line shorter than this is a kicker, a credit ("Source: Reuters") or a URL.
MIN_SUBTITLE_WORDS = 4
_BOLD = ("strong", "b")
_FOLDED_PREFIX = 40  # folded, space-free characters that identify a story line's element
LABEL = re.compile(
    r"^\s*(source|originally published as|original headline|original title|first published as)\s*[:：]\s*(\S.*)$",
    re.I | re.S,
)
_STANDFIRST = re.compile(
    r"standfirst|\bdek\b|deck|sub-?title|sub-?head|summary|strap|excerpt|lede|intro|teaser|description|kicker|subline",
    re.I,
)
_SKIP = frozenset({"script", "style", "noscript", "template"})


@dataclass(frozen=True)
class Survivor:
    source: str  # "h2 under h1", "standfirst", "bold first paragraph", "label:<label>"
    text: str
    el: Any = None


def _prefix(el: Any) -> str:
    """The first folded, space-free characters of an element's text (bounded work per element)."""
    text = "".join(islice(el.itertext(), 8))[:400]
    return re.sub(r"\s+", "", fold_headline(text))[:_FOLDED_PREFIX]


def story_elements(doc: Any, story: list[str]) -> list[Any]:
    """The element holding each of the first FIRST_LINES story lines (None where not found)."""
    keys = [re.sub(r"\s+", "", fold_headline(s))[:_FOLDED_PREFIX] for s in story[:FIRST_LINES]]
    found: list[Any] = [None] * len(keys)
    if not keys:
        return found
    for el in doc.iter("p", "li", "h2", "h3", "blockquote", "td", "div", "span"):
        if el.tag in ("div", "span") and not (el.text and el.text.strip()):
            continue  # a wrapper: its text belongs to the elements inside it
        prefix = _prefix(el)
        for i, key in enumerate(keys):
            if found[i] is None and key and prefix.startswith(key):
                found[i] = el
        if all(f is not None for f in found):
            break
    return found


def is_headline_line(line: str, headlines: list[str]) -> bool:
    folded = fold_headline(line)
    return any(fuzz.ratio(folded, h) >= SAME_HEADLINE for h in headlines)


def story_anchor(story: list[str], elements: list[Any], headlines: list[str]) -> Any:
    """The element of the first story line that is neither a headline nor a label line."""
    folded = [fold_headline(h) for h in headlines]
    for line, el in zip(story, elements, strict=False):
        if el is not None and not is_headline_line(line, folded) and not LABEL.match(line):
            return el
    return None


def under_h1(doc: Any, h1: Any, anchor: Any) -> Survivor | None:
    """A subtitle right under the article's <h1>: an <h2>/<h3>, or an element classed as one."""
    inside = set(h1.iter())
    seen, after = 0, False
    for el in doc.iter():
        if el is h1:
            after = True
            continue
        if not after or el in inside or not isinstance(el.tag, str) or el.tag in _SKIP:
            continue
        if el is anchor and el.tag not in ("h2", "h3"):
            return None  # the story has begun (an <h2> may be the anchor when unlike the <h1>)
        if not (el.text or "").strip():
            continue
        seen += 1
        text = squash(el.text_content())
        marks = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}"
        if len(text.split()) >= MIN_SUBTITLE_WORDS:
            if el.tag in ("h2", "h3"):
                return Survivor("h2 under h1", text, el)
            if el.tag in ("div", "span", "p") and _STANDFIRST.search(marks):
                return Survivor("standfirst", text, el)
        if seen >= UNDER_H1_ELEMENTS:
            return None
    return None


def _bold_only(p: Any) -> bool:
    total = re.sub(r"\s+", "", p.text_content())
    if not total:
        return False
    outer = [b for b in p.iter(*_BOLD) if not any(a.tag in _BOLD for a in b.iterancestors() if a is not p)]
    return "".join(re.sub(r"\s+", "", b.text_content()) for b in outer) == total


def paragraph_survivors(story: list[str], elements: list[Any], anchor: Any) -> list[Survivor]:
    """Label lines among the first story lines, a bold-only paragraph among the first three."""
    paras = [(i, e) for i, e in enumerate(elements) if e is not None and e.tag == "p"]
    if anchor is not None:
        before = list(islice(anchor.itersiblings("p", preceding=True), BOLD_LINES))
        paras = [(0, e) for e in reversed(before)] + paras
    out: list[Survivor] = []
    seen: set[int] = set()
    for i, p in paras:
        if id(p) in seen:
            continue
        seen.add(id(p))
        text = squash(p.text_content())
        m = LABEL.match(text)
        if m:
            if len(m.group(2).split()) >= MIN_SUBTITLE_WORDS:  # not "Source: Reuters", not a bare URL
                out.append(Survivor(f"label:{m.group(1).lower()}", squash(m.group(2)), p))
        elif i < BOLD_LINES and 3 <= len(text.split()) <= 40 and _bold_only(p):
            out.append(Survivor("bold first paragraph", text, p))
    for line, el in zip(story, elements, strict=False):  # a label line no <p> of its own holds
        m = LABEL.match(line)
        if m and el is None and len(m.group(2).split()) >= MIN_SUBTITLE_WORDS:
            out.append(Survivor(f"label:{m.group(1).lower()}", squash(m.group(2))))
    return out
