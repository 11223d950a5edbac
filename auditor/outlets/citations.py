"""Outlets, organisations and platforms an article names, each in its role, with the line."""

from __future__ import annotations

import re

from auditor.models import Citation, Confidence
from auditor.outlets.matcher import Matcher
from auditor.outlets.resolve import Sighting, resolve
from auditor.outlets.roles import classify, near
from auditor.outlets.unlisted import unlisted_mentions
from auditor.text.body import Body

EVIDENCE_CHARS = 160
_AFFILIATION_LEFT = re.compile(
    r"\b(?:fellow|researcher|analyst|director|expert|head|professor|scholar|associate|chair|member)\b"
    r"[^.]{0,50}\b(?:at|of|for|with)\s+(?:[A-Z][\w]+['’]s\s+)?(?:the\s+)?$"
)
UNLISTED_CONFIDENCE: Confidence = "low"  # a name found by its shape and frame alone, not in the registry


def evidence(line: str, start: int, end: int) -> str:
    """The sentence around a mention (and the one before, when the mention opens its sentence)."""
    text = line.rstrip()
    half = EVIDENCE_CHARS // 2
    left = text.rfind(". ", 0, start)
    if left >= 0 and start - (left + 2) < 20:  # "... in Baghdad. Reuters": keep the caption
        left = text.rfind(". ", 0, left)
    left = 0 if left < 0 else left + 2
    right = text.find(". ", end)
    right = len(text) if right < 0 else right + 1
    left, right = max(left, start - half), min(right, end + half)
    return ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def sightings(body: Body, matcher: Matcher, page_hints: frozenset[str] = frozenset()) -> list[Sighting]:
    """Every mention in the body, judged on the lines the automaton (or a citation frame) hit.

    ``page_hints`` names the outlets a saved page says published it: a short name they share
    ("the Times") then means that outlet.
    """
    found: list[Sighting] = []
    hit, cued = matcher.scan(body)
    extra = unlisted_mentions(body, cued)
    for k in sorted(set(hit) | set(extra)):
        text = body.lines[k]
        mentions = matcher.find(text)
        for m in mentions:
            found.append(Sighting(m, body.first + k, text, classify(text, m)))
        for u in extra.get(k, []):
            if not any(u.start < m.end and m.start < u.end for m in mentions):
                found.append(Sighting(u, body.first + k, text, classify(text, u), UNLISTED_CONFIDENCE))
    return resolve(found, body.text, page_hints)


def cited(found: list[Sighting]) -> dict[str, list[Citation]]:
    """Group sightings into outlets / organisations / platforms, one per (name, role)."""
    groups: dict[str, dict[tuple[str, str], Citation]] = {"outlet": {}, "organisation": {}, "platform": {}}
    for s in found:
        role = s.role
        m = s.mention
        # Organisations count only where the text cites them, or names a speaker's affiliation.
        if m.type == "organisation" and role == "other" and not _AFFILIATION_LEFT.search(near(s.text[: m.start])):
            continue
        key = (m.entity.name, role)
        bucket = groups[m.type]
        if key not in bucket:
            bucket[key] = Citation(
                name=m.entity.name,
                role=role,
                line=s.line,
                evidence=evidence(s.text, m.start, m.end),
                mention=s.text[m.start : m.end],
                kind=m.entity.kind,
                confidence=s.confidence,
            )
    out: dict[str, list[Citation]] = {}
    for etype, bucket in groups.items():
        cites = list(bucket.values())
        if etype == "outlet":
            # "other" adds nothing for an outlet the article already cites in a definite role.
            definite = {c.name for c in cites if c.role != "other"}
            cites = [c for c in cites if c.role != "other" or c.name not in definite]
        out[etype] = sorted(cites, key=lambda c: (c.line, c.name, c.role))
    return out
