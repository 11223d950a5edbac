"""Every alias of every registry entry in one Aho-Corasick automaton, built once per process.

One pass over a body (its case kept: a case-blind alias goes in as listed, capitalised and in
capitals) finds the lines that name anything and the lines a citation frame could stand in
(``scan``); names in other scripts have an automaton of their own, run only on the lines that
hold such letters. ``find`` then reads the hit lines only, and judges each hit by its edges:
whole words for Latin script, a name glued to a date by page furniture, Hangul particles after
a Korean name, Chinese and Japanese text without spaces. Short names that several outlets share
("The Times", "NBC 5", "ABC") come back with every outlet they may mean; the article's context
picks one (``resolve``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from auditor.outlets.edges import boundaries
from auditor.outlets.frames import FRAME_WORDS
from auditor.outlets.names import case_variants, is_ambiguous, is_exact, shared_names
from auditor.outlets.registry import Entity, EntityType, Outlet, Registries, canonical, load_registries
from auditor.text.body import Body
from auditor.text.normalize import normalize

# A letter beyond Latin, Greek's neighbours and punctuation: Cyrillic, Arabic, Hebrew, Indic, Thai, Han, kana, Hangul.
_NON_LATIN = re.compile(r"[\u0400-\u1fff\u3040-\u9fff\uac00-\ud7a3\uf900-\ufaff]")
# The automaton tries a node's next letters one by one in the order they were added: keys go in
# with letters frequent in text first, so most steps stop early.
_FREQUENT = " etaoinsrhldcumfpgwybvkxjqzSTACMBPNRDHWLEFGIKOJUVYZQX'-.,\n(\"0123456789"


class _Ranks(dict[int, str]):
    """A str.translate table: each character to its rank in _FREQUENT, the rest after them all."""

    def __missing__(self, code: int) -> str:
        return chr(len(_FREQUENT) + 1)


_RANKS = _Ranks({ord(c): chr(k + 1) for k, c in enumerate(_FREQUENT)})


@dataclass
class Key:
    """What one automaton key stands for."""

    length: int
    etype: EntityType
    owner: Entity | None  # the entry whose alias this is (None: a shared name nobody owns)
    candidates: list[Entity] = field(default_factory=list)  # outlets that share the name
    exact: bool = False  # matched as written
    ambiguous: bool = False  # also an ordinary word or phrase: not before a capitalised word, needs a cue
    has_upper: bool = False  # an all-lower-case occurrence is a handle, a code or a URL, not the name
    short_caps: bool = False  # "APP", "AP": in a line of capitals ("GET THE FOX NEWS APP") just a word
    form: str | None = None  # the text as it must be written, for an exact alias


FRAME_CUE = Key(0, "outlet", None)  # the value of a citation-frame cue in the automaton


class Mention(NamedTuple):
    """One name found in a line (a tuple: an article has dozens, a frozen dataclass costs more to make)."""

    entity: Entity
    type: EntityType
    start: int  # offsets into the line
    end: int
    # The name runs straight into the next word ("Al Bawaba NewsApril", "The Nationala").
    glued: bool = False
    candidates: tuple[Entity, ...] = ()  # a shared short name: every outlet it may mean
    owner: Entity | None = None  # the outlet a shared name means when the context says nothing
    needs_cue: bool = False  # counts only where the text treats it as an outlet


class Matcher:
    """Every alias in one automaton (plus one for other scripts); built once per process."""

    def __init__(self, reg: Registries) -> None:
        self.entities = reg.entities
        keys: dict[tuple[bool, str], Key] = {}
        for etype, items in reg.entities.items():
            for ent in items:
                for alias in ent.surface_forms():
                    self._add(keys, alias, etype, ent)
        for ent in reg.entities["outlet"]:
            if isinstance(ent, Outlet):
                for name, ordinary in shared_names(ent):
                    self._share(keys, name, ent, ordinary)
        # Names in other scripts (연합뉴스, 新华社, Радио) get an automaton of their own, run only on
        # bodies that hold such letters: thousands of Han and Hangul first letters would make
        # every step over an English body slower.
        entries: dict[str, list[Key]] = {}
        self._scripts = ahocorasick.Automaton()
        for (exact, text), key in keys.items():
            if _NON_LATIN.match(text):
                self._scripts.add_word(text, (key,))
                continue
            key.form = text if exact else None
            for variant in [text] if exact else case_variants(text):
                entries.setdefault(variant, []).append(key)
        for word in FRAME_WORDS:  # found in the same pass; ``find`` ignores them
            entries.setdefault(word, []).append(FRAME_CUE)
        self._latin = ahocorasick.Automaton()
        # The root tries its letters one by one: give it every frequent letter first (through a
        # key no text holds, NUL), so a step over ordinary text stops after a few tries.
        for c in _FREQUENT[: _FREQUENT.index("S")]:
            self._latin.add_word(c + "\x00", ())
        for text in sorted(entries, key=lambda t: t.translate(_RANKS)):
            self._latin.add_word(text, tuple(entries[text]))
        for auto in (self._latin, self._scripts):
            if len(auto):
                auto.make_automaton()

    def _hits(self, folded: str) -> list[tuple[int, Key]]:
        """(end offset, key) of every occurrence in a text."""
        out: list[tuple[int, Key]] = []
        append = out.append
        for end, keys in self._latin.iter(folded):
            for key in keys:
                append((end, key))
        if folded.isascii():
            return out
        # Only the lines that hold such letters: a mixed body passes the rest by.
        m = _NON_LATIN.search(folded)
        while m is not None:
            start = folded.rfind("\n", 0, m.start()) + 1
            stop = folded.find("\n", m.end())
            stop = len(folded) if stop < 0 else stop
            for end, keys in self._scripts.iter(folded, start, stop):
                for key in keys:
                    append((end, key))
            m = _NON_LATIN.search(folded, stop)
        return out

    @staticmethod
    def _forms(alias: str, exact: bool) -> list[str]:
        key = normalize(alias, keep_case=True)
        if not exact:
            return [key]
        # "The Times" is also "the Times" in running text; the rest stays as written.
        return [key, "the" + key[3:]] if key.startswith("The ") else [key]

    def _add(self, keys: dict[tuple[bool, str], Key], alias: str, etype: EntityType, ent: Entity) -> None:
        exact = is_exact(alias, ent)
        for form in self._forms(alias, exact):
            k = (exact, form)
            if k in keys and keys[k].owner is not None:
                continue  # the registry check rejects such clashes in one folder; across folders, first wins
            keys[k] = Key(
                len(form),
                etype,
                ent,
                exact=exact,
                ambiguous=is_ambiguous(alias, ent) and etype == "outlet",
                has_upper=any(c.isupper() for c in alias),
                short_caps=len(alias) <= 4 and alias.isascii() and alias.isalpha() and alias.isupper(),
            )

    def _share(self, keys: dict[tuple[bool, str], Key], name: str, ent: Outlet, ordinary: bool) -> None:
        for form in self._forms(name, True):
            key = keys.get((True, form)) or keys.get((False, form))
            if key is None:
                key = keys[(True, form)] = Key(len(form), "outlet", None, exact=True, has_upper=True)
            if key.etype != "outlet":
                continue
            if ent is not key.owner and not any(c is ent for c in key.candidates):
                key.candidates.append(ent)
            # "the Post", "Record": a shared name that is an ordinary phrase too needs a cue.
            key.ambiguous = key.ambiguous or ordinary

    def scan(self, body: Body) -> tuple[dict[int, list[tuple[int, Key]]], list[int]]:
        """The automaton's hits by body line, and the lines holding a citation-frame cue.

        One pass over the whole body, before any judging: ``mentions`` then judges each hit
        line's hits (kept, not found again), the search for unlisted outlets reads the cued
        lines. No alias or cue holds a newline, so no hit spans two lines. A hit is (end
        offset within its line, key).
        """
        hits: dict[int, list[tuple[int, Key]]] = {}
        cued: set[int] = set()
        starts = body.line_starts
        k, nxt = 0, starts[1] if len(starts) > 1 else None
        for end, key in self._hits(body.folded):  # mostly in text order: the line is looked up on a change
            if not (starts[k] <= end and (nxt is None or end < nxt)):
                k = body.line_at(end)
                nxt = starts[k + 1] if k + 1 < len(starts) else None
            if key is FRAME_CUE:
                cued.add(k)
            else:
                hits.setdefault(k, []).append((end - starts[k], key))
        return hits, sorted(cued)

    def lines_hit(self, body: Body) -> list[int]:
        """The body lines where any alias occurs (see ``scan``)."""
        return sorted(self.scan(body)[0])

    def find(self, line: str) -> list[Mention]:
        """Whole-word mentions in one line of text, longest match winning overlaps."""
        folded = normalize(line, keep_case=True, collapse=False)
        return self.mentions(folded, [(end, key) for end, key in self._hits(folded) if key is not FRAME_CUE])

    def mentions(self, folded: str, hits: list[tuple[int, Key]]) -> list[Mention]:
        """The mentions the automaton's ``hits`` in one folded line (see ``normalize``) make:
        whole words, longest match winning overlaps."""
        raw: list[tuple[int, int, Key]] = []
        for end, key in hits:
            start = end - key.length + 1
            if key.has_upper and not key.exact and not any(c.isupper() for c in folded[start : end + 1]):
                continue  # "coupon code appleinsider": a code, not the name
            raw.append((start, end + 1, key))
        # Longest first, so "Guardian Council" beats the "The Guardian" that overlaps it.
        raw.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: list[tuple[int, int]] = []
        out: list[Mention] = []
        for start, end, key in raw:
            if any(start < e and s < end for s, e in taken):
                continue
            ok, glued = boundaries(
                folded, start, end, ambiguous=key.ambiguous, short_caps=key.short_caps, short=key.length <= 2
            )
            if ok:
                out.append(_mention(key, start, end, glued))
                taken.append((start, end))
        return sorted(out, key=lambda m: m.start)


def _mention(key: Key, start: int, end: int, glued: bool) -> Mention:
    cands = tuple(([key.owner] if key.owner is not None and key.candidates else []) + key.candidates)
    ent = key.owner if key.owner is not None else key.candidates[0]
    return Mention(ent, key.etype, start, end, glued, cands, key.owner, key.ambiguous)


class Registry(Matcher):
    """The matcher plus the look-ups the publisher needs: outlets by name and by web domain."""

    def __init__(self, reg: Registries) -> None:
        super().__init__(reg)
        outlets = reg.entities["outlet"]
        self.by_name = {e.name: e for items in reg.entities.values() for e in items}
        self.by_canonical = {canonical(e.name): e for e in outlets}
        self.by_domain: dict[str, Entity] = {}
        for e in outlets:
            for d in e.domains:
                # A sub-brand may share its parent's domain: the parent (listed first or not) keeps it.
                if d not in self.by_domain or getattr(self.by_domain[d], "parent", None) == e.name:
                    self.by_domain[d] = e
        self.aggregators = frozenset(e.name for e in outlets if e.kind == "aggregator")

    def outlet_named(self, text: str) -> Entity | None:
        """The outlet a site name denotes: its name or one of its aliases, the whole of ``text``."""
        found = self.by_canonical.get(canonical(text))
        if found is not None:
            return found
        whole = [m for m in self.find(text) if m.type == "outlet" and m.start == 0 and m.end >= len(text.rstrip())]
        return whole[0].entity if whole and not whole[0].candidates else None

    def outlet_of_host(self, host: str) -> Entity | None:
        """The outlet a web host belongs to: "www.latimes.com" -> Los Angeles Times."""
        parts = host.lower().strip(".").split(".")
        for k in range(len(parts) - 1):
            found = self.by_domain.get(".".join(parts[k:]))
            if found is not None:
                return found
        return None


def load_registry(folders: list[Path]) -> Registry:
    """The registries of these folders, validated and compiled (once per process)."""
    return Registry(load_registries(folders))
