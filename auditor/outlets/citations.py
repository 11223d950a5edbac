"""Outlets, organisations and platforms an article names, each in its role, with the line."""

from __future__ import annotations

from auditor.models import Citation, Confidence
from auditor.outlets.matcher import Matcher, Mention
from auditor.outlets.resolve import Sighting, resolve
from auditor.outlets.roles import classify_folded, near
from auditor.outlets.unlisted import unlisted_mentions
from auditor.text.body import Body
from auditor.text.prefilter import prefiltered

EVIDENCE_CHARS = 160
_AFFILIATION_LEFT = prefiltered(
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
    hits, cued = matcher.scan(body)
    extra = unlisted_mentions(body, cued)
    for k in sorted(set(hits) | set(extra)):
        text, folded = body.lines[k], body.folded_lines[k]
        mentions = matcher.mentions(folded, hits[k]) if k in hits else []
        for i, m in enumerate(mentions):
            if i and _restates(text, mentions[i - 1], m):
                continue  # "Middle East Eye (MEE) reports": one mention, its short form in brackets
            found.append(Sighting(m, body.first + k, text, classify_folded(folded, m)))
        for u in extra.get(k, []):
            if not any(u.start < m.end and m.start < u.end for m in mentions):
                found.append(Sighting(u, body.first + k, text, classify_folded(folded, u), UNLISTED_CONFIDENCE))
    return resolve(found, body.text, page_hints)


def _restates(line: str, before: Mention, m: Mention) -> bool:
    """Is ``m`` the short form, in brackets, of the name just before it ("Agence France-Presse (AFP)")?"""
    return (
        m.entity.name == before.entity.name
        and line[before.end : m.start].strip() == "("
        and line[m.end : m.end + 1] == ")"
    )


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
    # Each (name, role) once at its first line, "other" included: "MBC와 SBS는" names the
    # broadcasters of the dramas even where a caption credits the same two for the photos.
    return {etype: sorted(bucket.values(), key=lambda c: (c.line, c.name, c.role)) for etype, bucket in groups.items()}
