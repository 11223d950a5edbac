"""Judge an article's raw mentions together: which outlet a shared short name means, which
mentions of an ordinary-word name are really an outlet, and which name is a person's.

Everything here reads the whole article, not one line: "The Times" means the Los Angeles Times
in a story that names it or was published by it; "Bloomberg's shadow" is the candidate's once
the article has said "Michael Bloomberg".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from auditor.models import Confidence, Role
from auditor.outlets.matcher import Mention
from auditor.outlets.registry import Entity

# Words a mention of an ordinary-word name needs beside it to count as the outlet.
_MEDIA_NOUNS = (
    r"newspaper|paper|daily|weekly|tabloid|magazine|channel|network|TV|television|radio|station|broadcaster|"
    r"website|site|outlet|agency|wire|publication|story|article|piece|report|reporter|reporters|correspondent|"
    r"journalist|journalists|editor|editors|columnist|writer|writers|anchor|host|show|program|programme|podcast|"
    r"editorial|column|op-ed|headline|headlines|coverage|interview|documentary|cover|staff|newsroom"
)
_NOUN_RIGHT = re.compile(rf"^(?:['’]s)?\s+(?:\w+\s+)?(?:{_MEDIA_NOUNS})\b", re.I)
_NOUN_LEFT = re.compile(rf"\b(?:{_MEDIA_NOUNS})\s+(?:the\s+)?$", re.I)
_NOUN_IN_ALIAS = re.compile(rf"\b(?:{_MEDIA_NOUNS})\b", re.I)
_LIST_GAP = re.compile(r"^\s*(?:,|&|/|and|or|,\s*and|,\s*or)\s*$", re.I)
# A capitalised word right before a one-word name makes it a person's: "Michael Bloomberg".
_GIVEN_NAME = re.compile(r"(?:^|[\s(\"'])([A-Z][a-z]+|[A-Z]\.)\s+$")
_NOT_GIVEN_NAMES = frozenset(
    "The A An And But Or By Via From With In On At For To Of As Photo Photos Image Credit Source Sources Copyright "
    "According Yesterday Today Tomorrow Meanwhile Also Both Like Unlike Per Told Said Says Read Related See Watch "
    "Listen More Exclusive Update Updated Breaking Video Picture Courtesy Editor Editors Note Follow While When "
    "After Before Since Reporting Writing Additional Contributing Published Posted Report Reports Reported "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December Former Ex Host Anchor Correspondent Reporter Columnist Journalist "
    "Senior Chief Top Its His Her Their Our Your My This That These Those Then Now Here There Where".split()
)
_DEFINITE: frozenset[Role] = frozenset({"dateline", "photo_credit", "publisher_byline"})
_STOP_WORDS = frozenset("the and of news daily online media group network sunday weekly evening morning new".split())


class Sighting(NamedTuple):
    """One mention in its line, before de-duplication (a tuple, cheap to make)."""

    mention: Mention
    line: int
    text: str
    role: Role
    confidence: Confidence = "high"


def distinguishing_words(ent: Entity, shared: str) -> set[str]:
    """Words of an outlet's name a reader would find in a story it concerns ("Los", "Angeles")."""
    names = " ".join([ent.name, *ent.aliases])
    common = {w.lower() for w in re.findall(r"[^\W\d_]+", shared)}
    return {
        w
        for w in re.findall(r"[^\W\d_]{3,}", names)
        if w[0].isupper() and w.lower() not in common and w.lower() not in _STOP_WORDS
    }


# "LOS ANGELES —", "SEATTLE (AP) —", "KANSAS CITY, Mo. —": the city a story is filed from.
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’ -]{2,40}?)\s*(?:,[^\n(—–-]{0,40})?(?:\([^)\n]{1,40}\)\s*)?[—–-]", re.M)


def dateline_places(body: str) -> set[str]:
    """The words of the place in the article's dateline, as a name would spell them ({"Los", "Angeles"})."""
    m = _DATELINE.search(body[:400])
    if not m:
        return set()
    words = {w.capitalize() for w in re.findall(r"[A-Za-z]{3,}", m.group(1))}
    return {w for w in words if w.lower() not in _STOP_WORDS}


def _pick_shared(
    s: Sighting, hints: set[str], named: dict[str, list[int]], body: str
) -> tuple[Entity | None, Confidence]:
    """The outlet a shared short name means here, and how sure that is."""
    m = s.mention
    cands = m.candidates
    by_hint = [c for c in cands if c.name in hints]
    if len(by_hint) == 1:
        return by_hint[0], "high"
    places = dateline_places(body)
    shared = s.text[m.start : m.end]
    filed = [c for c in cands if places and places <= distinguishing_words(c, shared)]
    if len(filed) == 1:
        return filed[0], "high"  # "LOS ANGELES — ... told The Times": the paper of the dateline's city
    seen = [c for c in cands if c.name in named]
    if seen:
        # The nearest full name before the short one, else the first after it.
        before = [(max(n for n in named[c.name] if n <= s.line), c) for c in seen if min(named[c.name]) <= s.line]
        if before:
            return max(before, key=lambda t: t[0])[1], "high"
        return min(seen, key=lambda c: min(named[c.name])), "high"
    if m.owner is not None:
        return m.owner, "medium"
    words = {
        c.name: sum(bool(re.search(rf"\b{re.escape(w)}\b", body)) for w in distinguishing_words(c, shared))
        for c in cands
    }
    best = max(words.values(), default=0)
    winners = [c for c in cands if words[c.name] == best]
    return (winners[0], "medium") if best and len(winners) == 1 else (None, "low")


def _person_surnames(found: list[Sighting]) -> set[str]:
    """Entity names the article uses as a person's surname ("Michael Bloomberg", "Megan Fox")."""
    out = set()
    for s in found:
        m = s.mention
        name = s.text[m.start : m.end]
        if " " in name or m.type != "outlet":
            continue
        g = _GIVEN_NAME.search(s.text[max(0, m.start - 40) : m.start])
        if g and g.group(1) not in _NOT_GIVEN_NAMES:
            out.add(m.entity.name)
    return out


def _cued(s: Sighting, line_mentions: list[Mention]) -> bool:
    """Does the text treat this ordinary-word name as an outlet?"""
    m = s.mention
    if s.role != "other" or _NOUN_IN_ALIAS.search(s.text[m.start : m.end]):
        return True
    if _NOUN_RIGHT.match(s.text[m.end :]) or _NOUN_LEFT.search(s.text[max(0, m.start - 60) : m.start]):
        return True
    for o in line_mentions:
        if o is m or o.type != "outlet":
            continue
        gap = s.text[o.end : m.start] if o.end <= m.start else s.text[m.end : o.start]
        if _LIST_GAP.match(gap):
            return True  # "NBC, Fox and CBS": among other outlets
    return False


def resolve(found: list[Sighting], body: str, page_hints: frozenset[str] = frozenset()) -> list[Sighting]:
    """The sightings that stand, each naming the outlet it means."""
    surnames = _person_surnames(found)
    by_line: dict[int, list[Mention]] = {}
    for s in found:
        by_line.setdefault(s.line, []).append(s.mention)
    direct = [s for s in found if not s.mention.candidates]
    named: dict[str, list[int]] = {}
    for s in direct:
        named.setdefault(s.mention.entity.name, []).append(s.line)
    hints = set(page_hints) | {s.mention.entity.name for s in direct if s.role in ("publisher_byline", "dateline")}
    out = []
    for s in found:
        m = s.mention
        if m.entity.name in surnames and " " not in s.text[m.start : m.end] and s.role not in _DEFINITE:
            continue
        if m.needs_cue and not _cued(s, by_line[s.line]):
            continue
        if m.candidates:
            ent, sure = _pick_shared(s, hints, named, body)
            if ent is None:
                continue
            s = s._replace(mention=m._replace(entity=ent), confidence=sure)
        out.append(s)
    return out
