"""Outlets the registry does not know, found where the text cites one by a name shaped like an outlet's.

"told the Quad-City Times", "the Idaho Statesman reported", "(Mountain View Gazette) -": a
citation frame around a run of capitalised words that ends in a masthead word (Times, Post,
News, Herald, ...) or starts with a broadcast word (Radio, TV, Channel). People ("told John
Smith"), government bodies ("according to the Environmental Protection Agency") and companies
do not have that shape, and a name holding one of their words is refused outright.
"""

from __future__ import annotations

import re

from auditor.outlets.frames import BROADCAST_OPENERS, MEDIA_ONLY_ENDS, STRONG_ENDS, WEAK_ENDS
from auditor.outlets.matcher import Mention
from auditor.outlets.registry import Entity
from auditor.text.body import Body

_STRONG = "|".join(STRONG_ENDS)
_WEAK = "|".join(WEAK_ENDS)
_NEEDS_MEDIA = "|".join(MEDIA_ONLY_ENDS)
_OPENERS = "|".join(BROADCAST_OPENERS)
_CAP = r"[A-Z][\w'’.&-]*"
_WORD = rf"(?:{_CAP}|\d{{1,3}}|of|de|del|la|le|du|and|&)"
_NAME = (
    rf"(?P<name>(?P<the>[Tt]he[ ]+)?(?:(?:{_WORD}[ ]+){{0,4}}?{_CAP}[ ]+(?:{_STRONG}|{_WEAK}|{_NEEDS_MEDIA})|"
    rf"(?:{_OPENERS})[ ]+(?:{_WORD}[ ]+){{0,2}}?[A-Z0-9][\w'’&-]*(?:\.[\w'’&-]+)*))"
    r"(?![\w'’-])(?![ ]+(?:of|for|on|de)[ ]+[A-Z])(?![ ]+[A-Z0-9])"
)
# Frames that cite an outlet: a source cue before the name, a reporting verb after it, a poll, a
# dateline. Spaces are "[ ]", never "\s": a frame must not run over into the next line.
_SOURCE_CUES = (
    "told", "according to", "speaking to", "spoke to", "talking to", "in an interview with", "reported by",
    "quoted by", "cited by", "published by", "carried by", "first reported by", "writing in", "wrote in",
    "an op-ed in", "a column in", "broadcast by", "aired on", "seen by", "obtained by",
)  # fmt: skip
_REPORTING = (
    "reported", "reports", "first reported", "has reported", "said in a report", "quoted", "cited", "wrote",
    "published", "revealed", "confirmed",
)  # fmt: skip
_STUDIES = ("poll", "survey", "investigation", "analysis")
_OWN_WORK = ("reporter", "correspondent", "report", *_STUDIES)  # "the Courier's reporter"


def _frame(pattern: str, *cues: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A frame, and the words one of which any text it matches holds (tried first: a line
    without any is passed by before the frame, which tries each position of the line)."""
    return re.compile("|".join(re.escape(c) for c in cues)), re.compile(pattern, re.M)


_FRAMES = (
    _frame(r"\b(?:" + "|".join(_SOURCE_CUES) + r")[ ]+" + _NAME, *_SOURCE_CUES),
    _frame(
        r"(?:^|[.;:][ ]+|,[ ]+)"
        + _NAME
        + r"(?=[ ]+(?:"
        + "|".join(_REPORTING)
        + r")\b|['’]s[ ]+(?:"
        + "|".join(_OWN_WORK)
        + r")\b)",
        *_REPORTING,
        *_OWN_WORK,
    ),
    _frame(
        r"\b[Aa]n?[ ]+(?:new[ ]+|recent[ ]+|latest[ ]+)?" + _NAME + r"(?=[ ]+(?:" + "|".join(_STUDIES) + r")\b)",
        *_STUDIES,
    ),
    _frame(r"^[ ]*(?:[A-Z][A-Z.'’ -]*(?:,[ ]*[\w. ]{2,30})?[ ]+)?\(" + _NAME + r"\)[ ]*[-:]", "("),
)
_END = re.compile(rf"\b({_STRONG}|{_WEAK}|{_NEEDS_MEDIA})$")
_NOT_OUTLET_WORDS = frozenset(
    "Ministry Department Office Government Council Commission Authority Administration Bureau Police Army "
    "Forces Force Court University College Institute Foundation Bank Company Corp Corporation Inc Ltd LLC Group "
    "Association Union Party Committee Board Protection Environmental Security Health Energy Defense Defence "
    "Intelligence Federal Weather Hospital School Church Club League Team Airlines Airport Museum Center Centre "
    "Park Prison Embassy Consulate Parliament Senate Congress House Assembly Cabinet Mission Secretary".split()
)
_MEDIA_WORDS = frozenset("News Press Media Wire Broadcasting Radio TV Television Information".split())


def outlet_shaped(name: str, after_the: bool) -> bool:
    """A name an outlet could have: ends in a masthead word (or opens with Radio/TV), no agency words."""
    words = re.findall(r"[\w'’.&-]+", name)
    if len(words) < 2 or any(w in _NOT_OUTLET_WORDS for w in words):
        return False
    end = _END.search(name)
    if end is None:
        return words[0] in BROADCAST_OPENERS
    if re.fullmatch(_WEAK, end.group(1)) and not after_the:
        return False  # "told Emily Post": a person, unless "the" makes it a masthead
    return not re.fullmatch(_NEEDS_MEDIA, end.group(1)) or any(w in _MEDIA_WORDS for w in words)


def unlisted_mentions(body: Body, lines: list[int] | None = None) -> dict[int, list[Mention]]:
    """Outlet-shaped names in citation frames, by body line index (offsets into the line).

    ``lines``: the only lines that may hold a frame (those the automaton found a cue on);
    every line when not given.
    """
    out: dict[int, list[Mention]] = {}
    folded = body.folded_lines
    for k in range(len(body.lines)) if lines is None else lines:
        text = folded[k]
        found: list[Mention] = []
        for cue, frame in _FRAMES:
            if cue.search(text) is None:
                continue
            for m in frame.finditer(text):
                the = m.group("the") or ""
                bare = m.group("name")[len(the) :]
                start = m.start("name") + len(the)
                if outlet_shaped(bare, bool(the)) and all(x.start != start for x in found):
                    found.append(Mention(Entity(name=bare, kind="unlisted"), "outlet", start, start + len(bare)))
        if found:
            out[k] = found
    return out
