"""Outlets, organisations and platforms an article names, each in its role, with the line."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Citation
from .registry import Mention, Registry
from .roles import classify

EVIDENCE_CHARS = 160
_AFFILIATION_LEFT = re.compile(
    r"\b(?:fellow|researcher|analyst|director|expert|head|professor|scholar|associate|chair|member)\b"
    r"[^.]{0,50}\b(?:at|of|for|with)\s+(?:[A-Z][\w]+['’]s\s+)?(?:the\s+)?$"
)


@dataclass(frozen=True)
class Sighting:
    """One mention in its line, before de-duplication."""

    mention: Mention
    line: int
    text: str
    role: str


def evidence(line: str, start: int, end: int) -> str:
    """The sentence around a mention, trimmed to a readable length."""
    left = max(line.rfind(". ", 0, start) + 2, 0) if ". " in line[:start] else 0
    right_stop = line.find(". ", end)
    right = len(line) if right_stop < 0 else right_stop + 1
    left = max(left, start - EVIDENCE_CHARS // 2)
    right = min(right, end + EVIDENCE_CHARS // 2)
    snippet = line[left:right].strip()
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(line.rstrip()) else "")


def sightings(lines: list[str], first: int, last: int, registry: Registry) -> list[Sighting]:
    """Every mention in lines first..last (1-based, inclusive)."""
    out = []
    for number in range(first, last + 1):
        text = lines[number - 1]
        for m in registry.find(text):
            out.append(Sighting(m, number, text, classify(text, m)))
    return out


def cited(found: list[Sighting]) -> dict[str, list[Citation]]:
    """Group sightings into outlets / organisations / platforms, one per (name, role)."""
    groups: dict[str, dict[tuple[str, str], Citation]] = {"outlet": {}, "organisation": {}, "platform": {}}
    for s in found:
        role = s.role
        m = s.mention
        if m.type == "organisation" and role == "other":
            # Organisations count only where the text cites them, or names a speaker's affiliation.
            if not _AFFILIATION_LEFT.search(s.text[: m.start]):
                continue
        key = (m.entity.name, role)
        bucket = groups[m.type]
        if key not in bucket:
            bucket[key] = Citation(
                name=m.entity.name, role=role, line=s.line, evidence=evidence(s.text, m.start, m.end),
                mention=s.text[m.start : m.end], kind=m.entity.kind,
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
