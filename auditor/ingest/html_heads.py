"""What a page's metadata calls its headline, with the site's own name taken off.

Sources: ``<title>``, og:title, twitter:title, the title-like ``<meta>`` names, every JSON-LD
object's ``headline`` (``@graph`` and nested objects included) and microdata
``itemprop="headline"``. The site name is learned from og:site_name and its kin, JSON-LD
publisher and site names, the canonical URL's host (else the host most links point to), and
the title itself when the rest of it is another candidate ("Headline | The Daily" beside an
og:title "Headline"). A part is stripped only with such evidence: 53 of the 77 development
titles lost a site name, and the 3 left with a separator hold it inside the headline.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from auditor.text.normalize import normalize

SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»«/~]|::|:)\s+|\s*\|\s*")
_NAME_EDGE = r"\s*(?:[|\-–—·•»/:~]|::)\s*"
_NON_ALNUM = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")
# Second-level labels of country domains: "bbc.co.uk" names the site "bbc", not "co".
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go"})
# Meta names that hold a headline, besides og:title and twitter:title.
META_TITLES = ("title", "parsely-title", "sailthru.title", "dc.title", "headline")
_SITE_METAS = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site", "publisher")
_SITE_TYPES = frozenset({"WebSite", "Organization", "NewsMediaOrganization"})
# A page without a canonical URL names its site by the host this many of its links point to.
MIN_LINKS_FOR_HOST = 5
# A site-name part carries at most this many characters besides the name ("CNN Politics").
SITE_PART_SLACK = 12
# What is left of a title after its site name is taken off must be at least this long.
MIN_HEADLINE_CHARS = 8


def squash(text: str | None) -> str:
    """Whitespace collapsed; entities a page escaped twice ("doesn&#8217;t") decoded once more."""
    t = text or ""
    if "&" in t:
        t = html.unescape(t)
    return _SPACES.sub(" ", t).strip()


def fold_headline(text: str) -> str:
    """Headline text for comparison: normalize() and one spelling of the ellipsis."""
    return normalize(text).replace("…", "...")


def headline_key(text: str) -> str:
    """Texts with the same key are one headline: the same words, end punctuation aside."""
    return fold_headline(text).rstrip(" .!?")


def _alnum(text: str) -> str:
    return _NON_ALNUM.sub("", fold_headline(text))


def host_labels(url: str) -> list[str]:
    """'https://www.ctpost.com/x' -> ['ctpost']; 'bbc.co.uk' -> ['bbc']."""
    try:
        host = urlparse(url.strip()).hostname or ""
    except ValueError:
        return []
    parts = [p for p in host.lower().split(".") if p and p != "www"]
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL:
        parts = parts[:-2]
    elif len(parts) >= 2:
        parts = parts[:-1]
    return [a for a in map(_alnum, parts) if len(a) >= 2]


def _acronym(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"\w+", fold_headline(text)) if w not in ("the", "of", "and"))


@dataclass(frozen=True)
class SiteNames:
    """What the page says its site is called: declared names and the labels of its host."""

    names: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    def matches(self, part: str) -> bool:
        """Is ``part`` (of a title) the site's name: equal, an acronym, or the name with a little more?"""
        a = _alnum(part)
        if not a or len(a) > 60:
            return False
        for name in [*map(_alnum, self.names), *self.labels]:
            if not name:
                continue
            if a == name or (len(name) >= 4 and name in a and len(a) <= len(name) + SITE_PART_SLACK):
                return True
            if len(a) >= 4 and a in name:
                return True
        return any(len(a) >= 2 and a == _acronym(n) for n in self.names)

    def strip_from(self, text: str) -> str:
        """``text`` without a site name before or after a separator (with evidence only)."""
        t = squash(text)
        for name in sorted(self.names, key=len, reverse=True):  # a site name may hold separators itself
            n = re.escape(squash(name))
            for pattern in (rf"^(.*\S){_NAME_EDGE}{n}$", rf"^{n}{_NAME_EDGE}(\S.*)$"):
                m = re.match(pattern, t, re.I)
                if m and len(m.group(1)) >= MIN_HEADLINE_CHARS:
                    return m.group(1).strip()
        for _ in range(2):  # "Headline | Section | Site" loses the site, then the section
            parts, seps = SEPARATOR.split(t), SEPARATOR.findall(t)
            if len(parts) < 2:
                break
            if self.matches(parts[-1]) and len(" ".join(parts[:-1])) >= MIN_HEADLINE_CHARS:
                t = t[: t.rfind(seps[-1])].strip()
            elif self.matches(parts[0]) and len(" ".join(parts[1:])) >= MIN_HEADLINE_CHARS:
                t = t[t.find(seps[0]) + len(seps[0]) :].strip()
            else:
                break
        return t


def metas(doc: Any) -> dict[str, list[tuple[str, Any]]]:
    """Every ``<meta>`` with content, by its lower-cased property/name/itemprop."""
    out: dict[str, list[tuple[str, Any]]] = {}
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = squash(el.get("content"))
        if key and content:
            out.setdefault(key, []).append((content, el))
    return out


def _load_json(text: str) -> Any:
    for candidate in (text, re.sub(r"^\s*(?://)?\s*<!\[CDATA\[|//\s*\]\]>\s*$|<!--|-->", "", text.strip())):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def jsonld_objects(doc: Any) -> Iterator[tuple[dict, Any]]:
    """(object, its script element) for every JSON-LD object, nested ones included."""
    for script in doc.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        stack = [_load_json(script.text or "")]
        while stack:  # no recursion: the nesting is the page's to choose
            obj = stack.pop()
            if isinstance(obj, list):
                stack.extend(reversed(obj))
            elif isinstance(obj, dict):
                yield obj, script
                stack.extend(reversed([v for v in obj.values() if isinstance(v, dict | list)]))


def jsonld_types(obj: dict) -> list[str]:
    t = obj.get("@type", [])
    return [str(x) for x in (t if isinstance(t, list) else [t])]


def jsonld_publisher(doc: Any) -> str:
    """The name of the first JSON-LD publisher (evidence of who published the page)."""
    for obj, _ in jsonld_objects(doc):
        pub = obj.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str) and pub["name"].strip():
            return squash(pub["name"])
    return ""


def _link_host(doc: Any) -> list[str]:
    hosts = Counter(
        label
        for a in doc.iter("a")
        if (a.get("href") or "").startswith("http")
        for label in host_labels(a.get("href"))[-1:]
    )
    if hosts:
        label, count = hosts.most_common(1)[0]
        if count >= MIN_LINKS_FOR_HOST:
            return [label]
    return []


def site_names(doc: Any, meta: dict[str, list[tuple[str, Any]]], urls: list[str]) -> SiteNames:
    names = [text.lstrip("@") for key in _SITE_METAS for text, _ in meta.get(key, [])]
    for obj, _ in jsonld_objects(doc):
        if _SITE_TYPES & set(jsonld_types(obj)) and isinstance(obj.get("name"), str):
            names.append(obj["name"])
        pub = obj.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            names.append(pub["name"])
    labels = sorted({label for u in urls for label in host_labels(u)}) if urls else _link_host(doc)
    return SiteNames(tuple(dict.fromkeys(squash(n) for n in names if n.strip())), tuple(labels))


def learn_from_title(title: str, others: list[str], site: SiteNames) -> SiteNames:
    """A title part is the site's name when the rest of the title is another candidate's text.

    The last part may be any length ("About bugs – Vortex Cannon Entertainment"); the first only
    when shorter than the rest, or a logo ``<h1>`` would make the headline a "site name".
    """
    parts = SEPARATOR.split(title)
    if len(parts) < 2:
        return site
    keys = {headline_key(o) for o in others}
    for part, any_length in ((parts[-1], True), (parts[0], False)):
        rest = title.replace(part, "").strip(" |-–—·•»:/~")
        if (any_length or len(part) < len(rest)) and headline_key(rest) in keys:
            return site if part in site.names else SiteNames((*site.names, part), site.labels)
    return site
