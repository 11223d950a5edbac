"""How the registry's names are read: which aliases are case-blind, which are ordinary words, and
which short names several outlets share."""

from __future__ import annotations

import re

from auditor.outlets.registry import Entity, Outlet

# Last words of newspaper names that readers use alone: "the Times", "the Post", "the Star".
MASTHEAD_WORDS = frozenset(
    "Times Post Star Sun Herald Independent Journal Tribune Globe Chronicle Gazette Examiner Inquirer Enquirer "
    "Observer Telegraph Standard Mail Express Mirror Record Register Bee Courant Dispatch Advocate Citizen "
    "Courier Ledger Statesman Bulletin Sentinel Oklahoman Oregonian Tennessean Plain Dealer".split()
)
PRINT_KINDS = frozenset({"newspaper", "magazine"})
# "NBC 5 Dallas-Fort Worth", "FOX 4 Dallas-Fort Worth": stations known by network and channel.
_STATION = re.compile(r"^((?:NBC|CBS|ABC|FOX|Fox|CW) ?\d{1,2})\b")
_QUALIFIED = re.compile(r"^(.+?) \([^()]+\)$")  # "The Star (Kenya)": a name shared, told apart


def case_variants(text: str) -> list[str]:
    """How running text writes a case-blind alias: as listed, capitalised, in capitals, after "the".

    The automaton reads the text with its case kept, so a lower-case letter seldom starts a key
    and most of an English body passes by the automaton's root.
    """
    forms = [text, text[:1].upper() + text[1:], text.upper()]
    if text.startswith("The "):
        forms.append("the" + text[3:])
    return list(dict.fromkeys(forms))


def shared_names(ent: Outlet) -> list[tuple[str, bool]]:
    """The short names an outlet shares with others, each with whether it is also an ordinary phrase.

    Listed ones; the base of a qualified name ("The Star (Kenya)" -> "The Star"); "The <masthead
    word>" of a paper ("Los Angeles Times" -> "The Times"); a station's network and channel
    ("NBC 5 Dallas-Fort Worth" -> "NBC 5").
    """
    out = [(n, n.startswith("The ")) for n in ent.shared_names]
    m = _QUALIFIED.match(ent.name)
    if m:
        out.append((m.group(1), True))
    words = ent.name.removeprefix("The ").split()
    if ent.kind in PRINT_KINDS and len(words) >= 2 and words[-1] in MASTHEAD_WORDS and not m:
        out.append((f"The {words[-1]}", True))
    for alias in ent.surface_forms():
        s = _STATION.match(alias)
        if s:
            out.append((s.group(1), False))
    return list(dict.fromkeys(out))


def is_ambiguous(alias: str, ent: Entity) -> bool:
    """Is this alias also an ordinary word or another body's name (so it needs a cue)?"""
    return ent.ambiguous or alias in getattr(ent, "ambiguous_aliases", ())


def is_exact(alias: str, ent: Entity) -> bool:
    """Is this alias matched only as written (capitals only, or ambiguous)?"""
    letters = [c for c in alias if c.isalpha()]
    return is_ambiguous(alias, ent) or (bool(letters) and all(c.isupper() for c in letters if c.isascii()))
