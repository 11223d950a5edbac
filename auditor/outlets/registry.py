"""Outlet, organisation and platform registries: data files, validated, matched in one pass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import ahocorasick
from pydantic import BaseModel, ConfigDict, Field

from auditor.datafiles import (
    ORGANISATIONS_FILE,
    OUTLETS_FILE,
    PLATFORMS_FILE,
    load_toml,
)
from auditor.errors import RuleError
from auditor.text.body import Body
from auditor.text.normalize import normalize

EntityType = Literal["outlet", "organisation", "platform"]
REGISTRY_FILES: dict[EntityType, str] = {
    "outlet": OUTLETS_FILE,
    "organisation": ORGANISATIONS_FILE,
    "platform": PLATFORMS_FILE,
}
OUTLET_KINDS = ("wire_agency", "newspaper", "broadcaster", "website", "aggregator", "state_agency")


class Entity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    kind: str = Field(min_length=1)
    country: str = ""
    domains: list[str] = Field(default_factory=list)
    # A name that is also an ordinary phrase: match only as written, and not when a capitalised
    # word follows ("The National" yes, "The National Assembly" no).
    ambiguous: bool = False


class RegistryFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    entities: list[Entity] = Field(min_length=1)


@dataclass(frozen=True)
class Mention:
    entity: Entity
    type: EntityType
    start: int  # offsets into the line
    end: int
    # The name runs straight into the next word ("Al Bawaba NewsApril", "The Nationala").
    glued: bool


def _case_sensitive(alias: str, entity: Entity) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return entity.ambiguous or (bool(letters) and all(c.isupper() for c in letters))


class Registry:
    """Every alias of every entity in two Aho-Corasick automata (exact case and folded case)."""

    def __init__(self, entities: dict[EntityType, list[Entity]]) -> None:
        self.entities = entities
        self._exact = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
        for etype, items in entities.items():
            for ent in items:
                # The name is an alias only when none are listed: "Time" the magazine must not
                # match every "time", so its entry lists "Time magazine" instead.
                for alias in dict.fromkeys(ent.aliases or [ent.name]):
                    key = normalize(alias, keep_case=True)
                    if _case_sensitive(alias, ent):
                        self._exact.add_word(key, (len(key), etype, ent))
                    else:
                        self._folded.add_word(key.lower(), (len(key), etype, ent))
        for auto in (self._exact, self._folded):
            if len(auto):
                auto.make_automaton()
        self.by_name = {e.name: e for items in entities.values() for e in items}
        self.aggregators = frozenset(e.name for e in entities.get("outlet", []) if e.kind == "aggregator")

    def lines_hit(self, body: Body) -> list[int]:
        """Indices of the body lines where any alias occurs at all, before any judging.

        One automaton pass over the whole body; ``find`` then judges only those lines. No
        alias holds a newline, so no hit spans two lines.
        """
        folded = body.folded
        lowered = folded.lower()
        if len(lowered) != len(folded):  # a letter grew under lower(): offsets would drift
            return list(range(len(body.lines)))
        hit: set[int] = set()
        for auto, text in ((self._exact, folded), (self._folded, lowered)):
            if len(auto):
                hit.update(body.line_at(end) for end, _ in auto.iter(text))
        return sorted(hit)

    def find(self, line: str) -> list[Mention]:
        """Whole-word mentions in one line of text, longest match winning overlaps."""
        folded = normalize(line, keep_case=True, collapse=False)
        raw: list[tuple[int, int, EntityType, Entity]] = []
        for auto, text in ((self._exact, folded), (self._folded, folded.lower())):
            if not len(auto):
                continue
            for end, (length, etype, ent) in auto.iter(text):
                raw.append((end - length + 1, end + 1, etype, ent))
        # Longest first, so "Guardian Council" beats the "The Guardian" that overlaps it.
        raw.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: list[tuple[int, int]] = []
        out: list[Mention] = []
        for start, end, etype, ent in raw:
            if any(start < e and s < end for s, e in taken):
                continue
            ok, glued = _boundaries(folded, start, end, ent)
            if ok:
                out.append(Mention(ent, etype, start, end, glued))
                taken.append((start, end))
        return sorted(out, key=lambda m: m.start)


def _boundaries(text: str, start: int, end: int, ent: Entity) -> tuple[bool, bool]:
    """Is this a whole-word match? Glued text counts where page furniture glues it."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return False, False
    if end < len(text) and ent.ambiguous:
        rest = text[end:]
        nxt = rest.lstrip(" ")
        if rest.startswith(" ") and nxt[:1].isupper():
            return False, False
    if end >= len(text) or not text[end].isalnum():
        return True, False
    last, nxt = text[end - 1], text[end]
    # "NewsApril 19", "Anadolu10:32 PM", "eg24.news2": a name glued to a date or a number.
    if (last.islower() and (nxt.isupper() or nxt.isdigit())) or (last.isalpha() and nxt.isdigit()):
        return True, True
    # "The Nationala": a stray letter or two after a name that fills the whole line.
    if len(text[end:].strip()) <= 2 and not text[:start].strip():
        return True, True
    return False, False


def load_registry(folders: list[Path]) -> Registry:
    """Merge the registry files of these folders (later folders add to earlier ones)."""
    merged: dict[EntityType, list[Entity]] = {t: [] for t in REGISTRY_FILES}
    for folder in folders:
        for etype, fname in REGISTRY_FILES.items():
            path = folder / fname
            if not path.exists():
                continue
            parsed = load_toml(path, RegistryFile, entries="entities")
            if etype == "outlet":
                for ent in parsed.entities:
                    if ent.kind not in OUTLET_KINDS:
                        raise RuleError(
                            str(path), f"entry '{ent.name}': field 'kind': must be one of {', '.join(OUTLET_KINDS)}"
                        )
            merged[etype].extend(parsed.entities)
    return Registry(merged)
