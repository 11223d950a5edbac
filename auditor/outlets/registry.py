"""Outlet, organisation and platform registries: data files, validated entry by entry and as a whole.

Outlets live in ``rules/outlets/<region>.toml`` (and in a single ``outlets.toml`` in a user's
own rule folder); organisations and platforms in one file each. Checks pydantic cannot see
on one entry (an alias naming two outlets, a parent that does not exist) run over the merged
set and name the file, the entry and the field too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from auditor.datafiles import ORGANISATIONS_FILE, PLATFORMS_FILE, load_toml, outlet_files
from auditor.errors import RuleError
from auditor.text.normalize import normalize

EntityType = Literal["outlet", "organisation", "platform"]
OutletKind = Literal[
    "wire_agency", "newspaper", "magazine", "broadcaster", "website", "aggregator", "state_agency", "fact_checker"
]
OUTLET_KINDS: tuple[str, ...] = get_args(OutletKind)
Beat = Literal[
    "general", "business", "tech", "science", "sports", "entertainment", "politics", "trade", "religion", "culture",
    "health",
]  # fmt: skip
# A registrable host name: lower case, no scheme, no "www.", no path.
_DOMAIN = re.compile(r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")


class Entity(BaseModel):
    """An organisation or platform (and the fields every registry entry has)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    kind: str = Field(min_length=1)
    country: str = ""
    domains: list[str] = Field(default_factory=list)
    # The name is also an ordinary word or phrase: its aliases match only as written, never
    # before a capitalised word ("The National Assembly"), and only where the text treats
    # them as an outlet (a citation cue, a media noun beside them, a list of outlets).
    ambiguous: bool = False

    def surface_forms(self) -> list[str]:
        """What the matcher looks for: the aliases, or the name when none are listed."""
        return list(dict.fromkeys(self.aliases or [self.name]))


class Outlet(Entity):
    """A news outlet: wire, paper, magazine, broadcaster, news site, aggregator, state agency, fact-checker."""

    kind: OutletKind
    beat: Beat = "general"
    parent: str | None = None  # a sub-brand's parent outlet ("CBS Sports" -> "CBS")
    state_media: bool = False  # owned by a state and run as its voice
    # Short names several outlets use ("The Daily Star", "ABC"): which one is meant is read
    # from the article (its publisher, the full names it uses, the places it names).
    shared_names: list[str] = Field(default_factory=list)
    # Aliases that are also another body's acronym or an ordinary word ("PTI" is a Pakistani
    # party, "FT" full time): matched as written, and only where the text treats them as an outlet.
    ambiguous_aliases: list[str] = Field(default_factory=list)

    @field_validator("country")
    @classmethod
    def _iso_country(cls, v: str) -> str:
        if v and not re.fullmatch(r"[A-Z]{2}", v):
            raise ValueError(f"{v!r} is not an ISO 3166-1 alpha-2 code (or '' for a multinational outlet)")
        return v

    @model_validator(mode="after")
    def _ambiguous_are_aliases(self) -> Outlet:
        stray = [a for a in self.ambiguous_aliases if a not in self.surface_forms()]
        if stray:
            raise ValueError(f"ambiguous_aliases {stray} are not among the aliases")
        return self

    @field_validator("domains")
    @classmethod
    def _bare_domains(cls, v: list[str]) -> list[str]:
        for d in v:
            if not _DOMAIN.match(d) or d.startswith("www."):
                raise ValueError(f"{d!r} is not a bare lower-case host name (no scheme, no www., no path)")
        return v


class EntityFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    entities: list[Entity] = Field(min_length=1)


class OutletFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    entities: list[Outlet] = Field(min_length=1)


def canonical(name: str) -> str:
    """Names compared as a reader would: case, a leading "The" and punctuation do not count."""
    s = normalize(name)
    s = s.removeprefix("the ")
    return re.sub(r"[\W_]+", "", s)


def alias_key(alias: str) -> str:
    """Two aliases that the matcher cannot tell apart have the same key."""
    return normalize(alias)


@dataclass
class Registries:
    """Every entry by type, with the file it came from (for error messages)."""

    entities: dict[EntityType, list[Entity]] = field(
        default_factory=lambda: {"outlet": [], "organisation": [], "platform": []}
    )
    source: dict[tuple[EntityType, str], str] = field(default_factory=dict)
    folder_of: dict[tuple[EntityType, str], int] = field(default_factory=dict)

    def add(self, etype: EntityType, items: list[Entity], path: Path, folder: int) -> None:
        """Entries of one file; a later rule folder may replace an entry by giving its name again."""
        for ent in items:
            key = (etype, ent.name)
            if key in self.source and self.folder_of[key] == folder:
                raise RuleError(str(path), f"entry '{ent.name}': field 'name': already defined in {self.source[key]}")
            if key in self.source:
                self.entities[etype] = [e for e in self.entities[etype] if e.name != ent.name]
            self.entities[etype].append(ent)
            self.source[key] = str(path)
            self.folder_of[key] = folder


def check_outlets(reg: Registries) -> None:
    """Rules over the whole outlet set: unique names and aliases, parents that exist."""
    outlets = reg.entities["outlet"]
    names: dict[str, str] = {}
    keys: dict[str, str] = {}
    for ent in outlets:
        path = reg.source[("outlet", ent.name)]
        c = canonical(ent.name)
        if c in names and names[c] != ent.name:
            raise RuleError(path, f"entry '{ent.name}': field 'name': same name as '{names[c]}'")
        names[c] = ent.name
        for alias in ent.surface_forms():
            k = alias_key(alias)
            if not k:
                raise RuleError(path, f"entry '{ent.name}': field 'aliases': an empty alias")
            if keys.setdefault(k, ent.name) != ent.name:
                raise RuleError(path, f"entry '{ent.name}': field 'aliases': '{alias}' already names '{keys[k]}'")
    for ent in outlets:
        parent = getattr(ent, "parent", None)
        if parent is not None and canonical(parent) not in names:
            path = reg.source[("outlet", ent.name)]
            raise RuleError(path, f"entry '{ent.name}': field 'parent': no outlet is named '{parent}'")


def load_registries(folders: list[Path]) -> Registries:
    """Merge the registry files of these folders (later folders add to, or replace, earlier entries)."""
    reg = Registries()
    for n, folder in enumerate(folders):
        for path in outlet_files(folder):
            parsed = load_toml(path, OutletFile, entries="entities")
            reg.add("outlet", list(parsed.entities), path, n)
        others: tuple[tuple[EntityType, str], ...] = (
            ("organisation", ORGANISATIONS_FILE),
            ("platform", PLATFORMS_FILE),
        )
        for etype, fname in others:
            path = folder / fname
            if path.exists():
                reg.add(etype, list(load_toml(path, EntityFile, entries="entities").entities), path, n)
    check_outlets(reg)
    return reg
