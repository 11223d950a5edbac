"""The role of one mention, read from the words around it (definitions in the README)."""

from __future__ import annotations

import re

from auditor.models import Role
from auditor.outlets.registry import Mention
from auditor.text.dates import DATE_OR_TIME
from auditor.text.normalize import normalize

_XREF = re.compile(
    r"^\s*(?:READ(?: MORE| ALSO)?|RELATED|Read more|Read also|Related|See also|ALSO READ|Also read|MORE)\s*:", re.I
)
_BYLINE_LEFT = re.compile(
    r"^\s*(?:By\s+|Source\s*:\s*|©\s*|\(c\)\s*|Copyright\s+(?:\d{4}\s+)?|Published by\s+|Via\s+)?$", re.I
)
_BOILERPLATE_LEFT = re.compile(
    r"(?:editorial team (?:at|of)|originally (?:published|appeared) (?:by|on|in|at)|first (?:published|appeared) "
    r"(?:by|on|in|at)|republished (?:from|with permission (?:of|from))|this (?:article|story|report) "
    r"(?:was|is|first) (?:published|written|produced) (?:by|on|in)|courtesy of|syndicated (?:by|from))\s+(?:the\s+)?$",
    re.I,
)
_DATELINE_AROUND = re.compile(r"\(\s*$")
_DATELINE_RIGHT = re.compile(r"^\s*(?:/[^)]*)?\)\s*[-:]")
_CREDIT_LEFT = re.compile(
    r"(?:\b(?:photo|photograph|photos|image|picture|pic|credit|photo credit|file photo|video|footage)s?"
    r"(?:\s+by)?\s*:\s*(?:[^:;]{0,60}?/\s*)?|\bvia\s+|\[[^\]\[]{0,60}/\s*)$",
    re.I,
)
_CREDIT_RIGHT = re.compile(r"^\s*(?:/\s*Getty Images|photo\b|photos\b|pictures\b|images\b)", re.I)
# Someone gave the outlet information: the reporter's own outlet, or one the text borrows from.
_SOURCE_LEFT = re.compile(
    r"(?:\b(?:told|tells|telling|speaking to|spoke to|speak to|talking to|talked to|talk to|said to|"
    r"speaking on|speaking with|citing|cited|asked by|contacted by|quoted in|in (?:comments|remarks|a statement) to|"
    r"confirmed to|confided to|in (?:an|a (?:phone|telephone|television|TV|radio)) interview with|"
    r"interviewed by|according to|cited by|quoted by|reported by|carried by|published by|aired by|"
    r"broadcast by|obtained by|seen by|reviewed by|revealed by|leaked to|said in (?:a|an) [\w ]{0,20}"
    r"(?:with|to|on)|wrote in|writing in|wrote for|writing for|op-ed (?:in|for)|column (?:in|for)|"
    r"(?:report|reports|reporting|article|story|interview|investigation|survey|poll|analysis) (?:by|in|from|for|on)|"
    r"(?:said|stated|added|reported|claimed) (?:on|in))\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:(?:newspaper|daily|weekly|"
    r"channel|TV|television|agency|broadcaster|website|site|outlet|magazine|paper)\s+)?)$",
    re.I,
)
_SOURCE_RIGHT = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:,\s*)?"
    r"(?:news agency |agency |newspaper |daily |channel |television |TV |website |broadcaster )?"
    r"(?:(?:journalists?|correspondents?|reporters?|photographers?|team|crew) "
    r"(?:saw|found|witnessed|visited|counted|reported|learned|observed)\b|"
    r"(?:has |had |also |first |later |previously |exclusively |earlier )?"
    r"(?:reported|reports|reporting|said|says|quoted|quotes|cited|cites|learned|learnt|revealed|reveals|"
    r"published|broadcast|aired|obtained|was told|were told|has learned|understands|confirmed|"
    r"wrote|writes|noted|citing|cited|announced|announces|stated|states|claimed|claims|confirmed)\b|^['’]s\s+(?:report|reporting|reporter|correspondent|interview|"
    r"investigation|sources?|analysis)\b)",
    re.I,
)
_REPORT_VERB = re.compile(
    r"\b(?:said|says|claimed|claims|reported|reports|published|announced|according|quoted|cited|told|stated|wrote|carried)\b",
    re.I,
)
_MEDIA_NOUN_LEFT = re.compile(
    r"\b(?:newspaper|paper|daily|weekly|magazine|channel|television|TV|agency|broadcaster|website|site|outlet)\s+$",
    re.I,
)
_SELF_REFERENCE_LEFT = re.compile(
    r"\b(?:told|tells|speaking to|spoke to|talking to|talked to|said to|confirmed to|confided to|"
    r"in (?:an|a [\w ]{0,12}) interview with)\s+(?:the\s+)?$",
    re.I,
)


def is_byline_line(line: str, m: Mention) -> bool:
    """A short line that is just the name, maybe glued to a date or time: a masthead or byline."""
    left = line[: m.start]
    if not _BYLINE_LEFT.match(left):
        return False
    rest = DATE_OR_TIME.sub(" ", line[m.end :])
    rest = re.sub(r"[\s|•·,;:\-–—/]+", "", rest)
    rest = re.sub(r"^(?:Updated|Published|Posted|[AaPp]\.?[Mm]\.?|GMT|UTC)+", "", rest)
    return len(rest) <= 2


def classify(line: str, m: Mention) -> Role:
    """quoted_source, dateline, publisher_byline, photo_credit, cross_reference or other."""
    text = normalize(line, keep_case=True, collapse=False)
    left, right = text[: m.start], text[m.end :]
    if _XREF.match(text):
        return "cross_reference"
    if is_byline_line(text, m) or _BOILERPLATE_LEFT.search(left):
        return "publisher_byline"
    if _DATELINE_AROUND.search(left) and _DATELINE_RIGHT.match(right):
        return "dateline"
    if _CREDIT_LEFT.search(left) and not _SOURCE_LEFT.search(left):
        return "photo_credit"
    if _CREDIT_RIGHT.match(right):
        return "photo_credit"
    if _sign_off(text, left, right):
        return "dateline"
    if _ends_caption(left, right):
        return "photo_credit"
    if _SOURCE_LEFT.search(left) or _SOURCE_RIGHT.match(right):
        return "quoted_source"
    if _MEDIA_NOUN_LEFT.search(left) and _REPORT_VERB.search(text):
        return "quoted_source"
    return "other"


SIGN_OFF_MIN_WORDS = 25  # a wire sign-off closes a body paragraph; captions are shorter


def _sign_off(text: str, left: str, right: str) -> bool:
    """A body paragraph that closes on its wire: "... talks resumed. — AFP" or "... (Reuters)"."""
    if right.strip(" .)\u00a0") or len(text.split()) < SIGN_OFF_MIN_WORDS:
        return False
    tail = left.rstrip()
    return tail.endswith(("-", "(")) or bool(re.search(r"\((?:with|via|from)\s*$", tail, re.I))


def _ends_caption(left: str, right: str) -> bool:
    """A caption that closes on a bare credit: "... in Baghdad on Monday. Reuters"."""
    if right.strip(" .\u00a0"):
        return False
    stripped = left.rstrip()
    return bool(stripped) and (stripped.endswith((".", "|", "-", "/")) or stripped.endswith(")"))


def is_self_reference(line: str, m: Mention) -> bool:
    """Someone "told" or was "talking to" this outlet: usually the outlet that wrote the story."""
    text = normalize(line, keep_case=True, collapse=False)
    return bool(_SELF_REFERENCE_LEFT.search(text[: m.start]))
