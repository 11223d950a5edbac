"""The role of one mention, read from the words around it (definitions in the README).

The cues searched anywhere in a text (most end in "$": the words right before a name) run
behind an RE2 prefilter (text/prefilter.py): the same answers, without Python's engine trying
every start position of every text before a name.
"""

from __future__ import annotations

import re

from auditor.models import Role
from auditor.outlets.matcher import Mention
from auditor.text.dates import DATE_OR_TIME
from auditor.text.normalize import normalize
from auditor.text.prefilter import CueSet, Reading, prefiltered

_XREF = re.compile(
    r"^\s*(?:READ(?: MORE| ALSO)?|RELATED|Read more|Read also|Related|See also|ALSO READ|Also read|MORE)\s*:", re.I
)
# A promotion of the outlet's other content: "Check out the X Price Guide", "our weekly podcast".
_PROMO = prefiltered(
    r"\b(?:check out|be sure to|stay tuned for|sign up (?:for|to)|subscribe to|don't miss|"
    r"our (?:\w+ ){0,2}(?:podcast|newsletter|series|show)|top (?:\w+ ){0,3}headlines|"
    r"(?:gift|price|buying|holiday) guides?)\b",
    re.I,
)
_BYLINE_LEFT = re.compile(
    r"^\s*(?:By\s+|Source\s*:\s*|Published by\s+|Via\s+|\[\s*)?$",
    re.I,
)
# A copyright line names who owns this copy: "© 2019 Associated Press. All Rights Reserved."
_COPYRIGHT_LEFT = re.compile(r"^\s*(?:저작권자\s*)?(?:©|ⓒ|\(c\)|copyright\b)[^.!?]{0,80}$", re.I)
# "With Post wires", "- With files from Reuters": the desk that put this copy together.
_WITH_WIRES_LEFT = re.compile(r"^\s*(?:-\s*)?with (?:files from |additional reporting (?:by|from) )?(?:the )?$", re.I)
_WITH_WIRES_RIGHT = re.compile(r"^\s*(?:wires?|wire services|files|reports?)?\W*$", re.I)
_BOILERPLATE_LEFT = prefiltered(
    r"(?:editorial team (?:at|of)|originally (?:published|appeared) (?:by|on|in|at)|first (?:published|appeared) "
    r"(?:by|on|in|at)|republished (?:from|with permission (?:of|from))|this (?:article|story|report) "
    r"(?:was|is|first) (?:published|written|produced) (?:by|on|in)|courtesy of|syndicated (?:by|from)|"
    r"(?:views|opinions)[^.]{0,80}(?:do not|don't) (?:necessarily )?reflect (?:those|the \w+)s? of|"
    r"^\s*disclosure\s*:)\s+(?:the\s+)?$",
    re.I,
)
# The copy's producer speaks: "ZDNet may earn a commission".
_BOILERPLATE_RIGHT = re.compile(
    r"^\s+(?:may\s+)?(?:earns?|receives?|gets?)\s+(?:a\s+)?(?:small\s+)?(?:commission|affiliate)", re.I
)
_DATELINE_AROUND = re.compile(r"\(\s*$")
_DATELINE_RIGHT = re.compile(r"^\s*(?:/[^)]*)?\)\s*[-:]")
# "(CNN) President ...", "WASHINGTON (CNN Business) A ...": a dateline with no dash after it.
_OPENING_LEFT = re.compile(r"^\s*(?:[A-Z][A-Z.'’ -]*(?:,\s*[\w. ]{2,30})?\s+)?\(\s*$")
_OPENING_RIGHT = re.compile(r"^\s*\)\s+[\"“'‘]?[A-Z]")
_CREDIT_LEFT = prefiltered(
    r"(?:\b(?:photo|photograph|photos|image|picture|pic|credit|photo credit|file photo|video|footage)s?"
    r"(?:\s+by)?\s*:\s*(?:[^:;]{0,60}?[/,]\s*)?|\[[^\]\[]{0,60}/\s*|"
    r"(?:사진|사진제공|자료사진|영상)\s*=\s*(?:[^\]=]{0,60}?,\s*)?|\S\s*©\s*)$",
    re.I,
)
_VIA_LEFT = prefiltered(r"\bvia\s+$", re.I)
_CREDIT_RIGHT = re.compile(r"^\s*(?:/\s*Getty Images|photo\b|photos\b|pictures\b|images\b)", re.I)
# Someone gave the outlet information: the reporter's own outlet, or one the text borrows from.
_SOURCE_LEFT = prefiltered(
    r"(?:\b(?:told|tells|telling|speaking to|spoke to|speak to|talking to|talked to|talk to|said to|"
    r"speaking on|speaking with|citing|cited|asked by|contacted by|quoted in|in (?:comments|remarks|a statement) to|"
    r"confirmed to|confided to|in (?:an|a (?:phone|telephone|television|TV|radio)) interview with|"
    r"interviewed by|according to|cited by|quoted by|reported by|carried by|published by|aired by|"
    r"broadcast by|obtained by|seen by|reviewed by|revealed by|leaked to|said in (?:a|an) [\w ]{0,20}"
    r"(?:with|to|on)|wrote in|writing in|wrote for|writing for|op-ed (?:in|for)|column (?:in|for)|"
    r"(?:report|reports|reporting|article|story|interview|investigation|survey|poll|analysis|tests?|study|studies|"
    r"research|findings|figures|data|estimates?|measurements|review|reviews) (?:by|in|from|for|on)|"
    r"(?:the )?source (?:is|was|being)|sourced from|"
    r"(?:said|stated|added|reported|claimed) (?:on|in))\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:(?:newspaper|daily|weekly|"
    r"channel|TV|television|agency|broadcaster|website|site|outlet|magazine|paper|publication)\s+)?|"
    r"\b(?:posted|published|shared|released|produced|compiled|conducted|measured|tested|recorded|spotted|"
    r"analy[sz]ed)\b[^.]{0,40}\bby\b[^.]{0,40}"
    r"\b(?:at|of|from)\s+(?:the\s+)?)$",
    re.I,
)
_SOURCE_RIGHT = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:,\s*)?"
    r"(?:news agency |agency |newspaper |daily |channel |television |TV |website |broadcaster )?"
    r"(?:(?:journalists?|correspondents?|reporters?|photographers?|team|crew|staffers?)\b[^.;]{0,40}?\b"
    r"(?:saw|found|witnessed|visited|counted|reported|learned|observed|heard|confirmed)\b|"
    r"(?:has |had |also |first |later |previously |exclusively |earlier )?"
    r"(?:reported|reports|reporting|said|says|quoted|quotes|cited|cites|learned|learnt|revealed|reveals|"
    r"published|broadcast|aired|obtained|was told|were told|has learned|understands|confirmed|"
    r"wrote|writes|noted|citing|announced|announces|stated|states|claimed|claims)\b|"
    r"(?:['’]s\s+)?(?:[\w-]+\s+){0,2}?(?:poll|survey|analysis|investigation|review|tally|count|projection|"
    r"forecast|estimate)s?\b|"
    r"['’]s\s+(?:report|reporting|reporter|correspondent|interview|investigation|sources?|analysis)\b|"
    r"['’]s\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b(?!\s+[A-Z]))",
)
# An embedded post signed by the outlet's account: "— Digital Foundry (@digitalfoundry) November 18, 2019".
_POST_SIGNATURE_LEFT = re.compile(r"^\s*-\s*$")
_POST_SIGNATURE_RIGHT = re.compile(r"^(?:\.\w{2,4})?\s*\(@\w+\)")
_REPORT_VERB = prefiltered(
    r"\b(?:said|says|claimed|claims|reported|reports|published|announced|according|quoted|cited|told|stated|wrote|carried)\b",
    re.I,
)
_MEDIA_NOUN_LEFT = prefiltered(
    r"\b(?:newspaper|paper|daily|weekly|magazine|channel|television|TV|agency|broadcaster|website|site|outlet)\s+$",
    re.I,
)
_SELF_REFERENCE_LEFT = prefiltered(
    r"\b(?:told|tells|speaking to|spoke to|talking to|talked to|said to|confirmed to|confided to|seen by|"
    r"obtained by|reviewed by|in (?:an|a [\w ]{0,12}) interview with)\s+(?:the\s+)?$",
    re.I,
)


def is_byline_line(line: str, m: Mention) -> bool:
    """A short line that is just the name, maybe glued to a date or time: a masthead or byline."""
    left = line[: m.start]
    if not _BYLINE_LEFT.match(left):
        return False
    rest = DATE_OR_TIME.sub(" ", line[m.end :])
    rest = re.sub(r"[\s|•·,;:\-–—/\]]+", "", rest)
    rest = re.sub(r"^(?:Updated|Published|Posted|[AaPp]\.?[Mm]\.?|GMT|UTC)+", "", rest)
    return len(rest) <= 2


# Cues that end right before a name stand within this many characters of it; the patterns that
# end in "$" read no further back, so a long paragraph costs no more than a short one.
NEAR_CHARS = 120


def near(left: str) -> str:
    """The end of the text before a mention, "\x00" marking that its start was cut off."""
    return left if len(left) <= NEAR_CHARS else "\x00" + left[-NEAR_CHARS:]


# The cues read in the words before a name, all in one RE2 pass over them.
_BEFORE_NAME = CueSet(_BOILERPLATE_LEFT, _CREDIT_LEFT, _VIA_LEFT, _SOURCE_LEFT, _MEDIA_NOUN_LEFT)
# Every pattern read on the text right after a name, as one: most names (nine in ten end as
# "other") have none of them after it and no cue before it, and then only the roles read on
# the rest of the line are left to try (``classify_folded``).
_ANY_RIGHT = re.compile(
    "|".join(
        f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})"
        for p in (
            _BOILERPLATE_RIGHT,
            _WITH_WIRES_RIGHT,
            _DATELINE_RIGHT,
            _OPENING_RIGHT,
            _CREDIT_RIGHT,
            _SOURCE_RIGHT,
            _POST_SIGNATURE_RIGHT,
            re.compile(r"^\s*="),  # a Korean byline's "[outlet=writer]"
        )
    )
)


def classify(line: str, m: Mention) -> Role:
    """quoted_source, dateline, publisher_byline, photo_credit, cross_reference or other."""
    return classify_folded(normalize(line, keep_case=True, collapse=False), m)


def classify_folded(text: str, m: Mention) -> Role:
    """``classify`` of a line already folded as ``normalize(line, keep_case=True, collapse=False)``
    (a body's ``folded_lines``: the one fold every stage shares)."""
    before, right = _BEFORE_NAME.read(near(text[: m.start])), text[m.end :]
    if _XREF.match(text):
        return "cross_reference"
    if _nothing_around(before, right):
        # No cue before the name, none after it, and the name does not close its line: of the
        # roles ``_role`` reads only these can hold, in this order (tests/test_prefilter.py).
        if is_byline_line(text, m) or _in_copyright_line(text, m):
            return "publisher_byline"
        return "cross_reference" if _PROMO.search(text) else "other"
    return _role(text, m, before, right)


def _nothing_around(before: Reading, right: str) -> bool:
    return not before.may_match_any() and bool(right.strip(" .)\u00a0")) and _ANY_RIGHT.match(right) is None


def _role(text: str, m: Mention, before: Reading, right: str) -> Role:
    """The role from every cue in turn (what ``classify_folded`` reads past its quick tests)."""
    left = before.text
    if _is_publisher_line(text, before, right, m):
        return "publisher_byline"
    if _is_dateline(left, right):
        return "dateline"
    if _is_credit(before, right):
        return "photo_credit"
    if _sign_off(text, left, right):
        return "dateline"
    if _ends_caption(left, right):
        return "photo_credit"
    if before.search(_SOURCE_LEFT) or _SOURCE_RIGHT.match(right) or before.search(_VIA_LEFT):
        return "quoted_source"
    if _POST_SIGNATURE_LEFT.match(left) and _POST_SIGNATURE_RIGHT.match(right):
        return "quoted_source"  # the text quotes the outlet's own post
    if before.search(_MEDIA_NOUN_LEFT) and _REPORT_VERB.search(text):
        return "quoted_source"
    if _PROMO.search(text):
        return "cross_reference"
    return "other"


def _is_publisher_line(text: str, before: Reading, right: str, m: Mention) -> bool:
    """A masthead, byline, copyright line, disclaimer or boilerplate naming who published this copy."""
    if is_byline_line(text, m) or before.search(_BOILERPLATE_LEFT) or _BOILERPLATE_RIGHT.match(right):
        return True
    left = text[: m.start]
    if _WITH_WIRES_LEFT.match(left) and _WITH_WIRES_RIGHT.match(right):
        return True
    # Korean bylines put the outlet before the writer: "[엔터미디어=정덕현의 이슈공감]".
    if left.rstrip().endswith("[") and right.lstrip().startswith("="):
        return True
    return _in_copyright_line(text, m)


def _in_copyright_line(text: str, m: Mention) -> bool:
    """A short line that opens with a copyright mark before the name: who owns this copy."""
    return len(text) < 300 and bool(_COPYRIGHT_LEFT.search(text[: m.start]))


def _is_dateline(left: str, right: str) -> bool:
    if _DATELINE_AROUND.search(left) and _DATELINE_RIGHT.match(right):
        return True
    return bool(_OPENING_LEFT.match(left) and _OPENING_RIGHT.match(right))


def _is_credit(before: Reading, right: str) -> bool:
    if before.search(_CREDIT_LEFT) and not before.search(_SOURCE_LEFT):
        return True
    # "... Department of Defence via AP": a credit when it closes the caption, a source mid-sentence.
    if before.search(_VIA_LEFT) and not right.strip(" .)\u00a0"):
        return True
    return bool(_CREDIT_RIGHT.match(right))


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
    return bool(_SELF_REFERENCE_LEFT.search(near(text[: m.start])))


# The outlet acts as this copy's newsroom: "NBC 5 has edited the video", "Newsweek has contacted
# the company", "did not respond to Newsweek's request for comment". Nobody writes that of an
# outlet whose story they only borrow.
_SELF_ACTION_RIGHT = re.compile(
    r"^\s+(?:has|have)\s+(?:since\s+|also\s+)?(?:learned|confirmed|obtained|edited|blurred|verified|reached out|"
    r"contacted|asked|requested|independently|not been able)\b|^\s+understands\b|^['’]s\s+requests?\s+for\s+comment",
    re.I,
)
_SELF_ACTION_LEFT = prefiltered(r"\brequests? for comment from\s+(?:the\s+)?$", re.I)


def is_self_action(line: str, m: Mention) -> bool:
    """The outlet speaks of its own newsroom work on this copy."""
    text = normalize(line, keep_case=True, collapse=False)
    return bool(_SELF_ACTION_RIGHT.match(text[m.end :]) or _SELF_ACTION_LEFT.search(near(text[: m.start])))


def is_copyright(line: str, m: Mention) -> bool:
    """The mention sits in a copyright line ("© 2019 Associated Press. All Rights Reserved.")."""
    text = normalize(line, keep_case=True, collapse=False)
    return bool(_COPYRIGHT_LEFT.search(text[: m.start]))
