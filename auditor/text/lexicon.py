"""Tokens with offsets, crude stems, and the question "does the body support this word?"."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from auditor.text.normalize import normalize

# Numbers with inner separators ("16:12", "3.5"), words keeping inner apostrophes, hyphens and
# dots ("Antichrist’s", "al-Sadr", "U.S"), or single punctuation marks.
# A possessive 's is a token of its own ("Trump" "'s"), so "Trump's" -> "Globe's" is the edit
# "Trump" -> "Globe", while "Sadr" -> "Antichrist's" still keeps the possessive it gained.
_TOKEN = re.compile(
    r"\d+(?:[:.,/]\d+)+|[^\W_](?:[\w]|['’](?![sS]\b)(?=[^\W_])|[\-.](?=[^\W_]))*|['’][sS]\b|[^\w\s]", re.UNICODE
)
SEPARATORS = frozenset({":", ";", "|", ",", "-", "–", "—", "/"})
# Determiners and particles trimmed from the edges of a reported span ("the Antichrist").
EDGE_WORDS = frozenset({"the", "a", "an", "its", "his", "her", "their", "of", "to", "and", "from"})
# fmt: off
STOPWORDS = frozenset(
    "a an the and or but of to in on at for from by with as is are was were be been has have had "
    "it its his her their our your my this that these those who whom which what when where why how "
    "not no will would can could may might must shall should do does did than then so if into over "
    "about after before under up down out off per via vs".split()
)
# Irregular forms a headline and its body often use for the same verb ("Tells" / "told").
_IRREGULAR = {
    "told": "tell", "said": "say", "says": "say", "made": "make", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "left": "leave", "held": "hold", "met": "meet", "won": "win",
    "lost": "lose", "sought": "seek", "fought": "fight", "brought": "bring", "bought": "buy",
    "sent": "send", "spent": "spend", "built": "build", "kept": "keep", "found": "find", "ran": "run",
    "came": "come", "went": "go", "gone": "go", "saw": "see", "seen": "see", "knew": "know",
    "known": "know", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall",
    "began": "begin", "begun": "begin", "broke": "break", "broken": "break", "spoke": "speak",
    "spoken": "speak", "chose": "choose", "chosen": "choose", "drove": "drive", "driven": "drive",
    "struck": "strike", "stole": "steal", "stolen": "steal", "fled": "flee", "led": "lead",
    "felt": "feel", "stood": "stand", "wrote": "write", "written": "write", "threw": "throw",
    "thrown": "throw", "grew": "grow", "grown": "grow", "drew": "draw", "drawn": "draw",
    "shot": "shoot", "hit": "hit", "slew": "slay", "slain": "slay", "men": "man", "women": "woman",
    "children": "child", "people": "person",
}
# fmt: on
# Stems shorter than this must match exactly; longer ones may match on this many leading
# characters ("evacuate"/"evacuation"). Seven keeps "Christ" from matching "Christian".
PREFIX_MATCH = 7
# A body word of at least MIN_ROOT letters supports a headline word that adds at most
# MAX_ROOT_GROWTH letters to it (demonyms and adjectives: Iraq/Iraqi, Shia/Shiite).
MIN_ROOT, MAX_ROOT_GROWTH = 4, 3


class Token(NamedTuple):
    """A token of a headline; a tuple, because a headline has dozens and a frozen dataclass
    costs several times as much to make."""

    text: str
    start: int
    end: int
    key: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_possessive(self) -> bool:
        return self.key == "'s"


@lru_cache(maxsize=1 << 16)
def _token_key(token: str) -> str:
    # Headline words repeat across a crawl: a cache hit is an order cheaper than normalize().
    return normalize(token).replace(".", "") or token


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets into it and a normalised comparison key."""
    return [Token(m.group(), m.start(), m.end(), _token_key(m.group())) for m in _TOKEN.finditer(text)]


def stems(word: str) -> set[str]:
    """Candidate stems: enough to see "returns" in "returned" and "gives" in "given"."""
    w = normalize(word).replace(".", "")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    out = {w}
    if w in _IRREGULAR:
        out.add(_IRREGULAR[w])
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            out.add(w[: -len(suffix)] + repl)
    return out


_REVERSE_IRREGULAR: dict[str, set[str]] = {}
for _form, _base in _IRREGULAR.items():
    _REVERSE_IRREGULAR.setdefault(_base, set()).add(_form)
_SUFFIX_LIST = ("", "s", "es", "ed", "d", "ing", "'s", "'")


_WORDS = re.compile(r"[^\W_][\w'\-]*")


def _word_sets(folded: str) -> tuple[set[str], set[str]]:
    """The words of a folded text (and of its possessives), and their PREFIX_MATCH prefixes."""
    # A word never spans whitespace, so words come token by token; a token of letters and
    # digits alone is one word as it stands, and only the rest needs the regex.
    tokens = set(folded.split())
    words = {t for t in tokens if t.isalnum()}
    words.update(_WORDS.findall(" ".join([t for t in tokens if not t.isalnum()])))
    words |= {w[:-2] for w in words if w.endswith("'s")}
    return words, {w[:PREFIX_MATCH] for w in words if len(w) >= PREFIX_MATCH}


_TOKEN_AT = re.compile(r"\S+")  # a whitespace token, as str.split() cuts them


def _token_start(text: str, at: int) -> int:
    """Where the whitespace token holding ``text[at]`` starts."""
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


class Support:
    """Does a text use a word, or a word like it? Asked for a few inserted words per article.

    Each question is a handful of set lookups (suffix variants, irregular forms, a 7-letter
    prefix, a shorter root) in the text's words. Every word those lookups can find starts with
    the question's first letters (or is an irregular form), so only the whitespace tokens that
    hold those letters are cut into words: a question costs a few substring searches, not a
    pass over every word of the text (``words``, the whole set, is built only when asked for).
    """

    def __init__(self, *texts: str) -> None:
        self.folded = " ".join(normalize(t, collapse=False) for t in texts).replace(".", "")
        self._words: set[str] | None = None  # built on the first question the text may answer
        self._prefixes: set[str] = set()
        self._memo: dict[str, bool] = {}

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words, self._prefixes = _word_sets(self.folded)
        return self._words

    @classmethod
    def of_normalized(cls, text: str) -> Support:
        """``Support(t)`` for the ``t`` whose ``normalize(t, collapse=False)`` is ``text``."""
        out = cls()
        out.folded = text.replace(".", "")
        return out

    def plus(self, *texts: str) -> Support:
        """A Support for this text and ``texts`` too."""
        other = type(self)(*texts)
        other.folded = self.folded + " " + other.folded
        return other

    def supports(self, word: str) -> bool:
        key = normalize(word)
        if key not in self._memo:
            self._memo[key] = self._lookup(word)
        return self._memo[key]

    def _words_holding(self, needles: list[str]) -> tuple[set[str], set[str]]:
        """The text's words (as ``words`` has them) in the whitespace tokens holding any of
        ``needles``, and their PREFIX_MATCH prefixes: a subset of ``words`` that holds every
        word containing a needle."""
        text, tokens = self.folded, set()
        for needle in needles:
            at = text.find(needle)
            while at >= 0:
                m = _TOKEN_AT.match(text, _token_start(text, at))
                tokens.add(m.group() if m else "")
                at = text.find(needle, m.end() if m else at + 1)
        return _word_sets(" ".join(tokens))

    def _lookup(self, word: str) -> bool:
        candidates = [s for s in stems(word) if s]
        needles = [n for s in candidates for n in self._needles(s)]
        if "" in needles:
            words, prefixes = self.words, self._prefixes
        else:
            words, prefixes = self._words_holding(needles)
        if not words:
            return False  # the text holds no piece any of the checks below could find
        for s in candidates:
            if any(s + suffix in words for suffix in _SUFFIX_LIST):
                return True
            if s.endswith("y") and s[:-1] + "ies" in words:
                return True
            if any(f in words for f in _REVERSE_IRREGULAR.get(s, ())):
                return True
            if len(s) >= PREFIX_MATCH and s[:PREFIX_MATCH] in prefixes:
                return True
            # A body word may be the root of a headline word ("Iraq" -> "Iraqi", "Kurd" ->
            # "Kurdish"), never the other way round: "Christian" must not support "Christ".
            if any(s[:k] in words for k in range(max(MIN_ROOT, len(s) - MAX_ROOT_GROWTH), len(s))):
                return True
        return False

    @staticmethod
    def _needles(s: str) -> list[str]:
        """What every word a check of ``_lookup`` can find for stem ``s`` contains: it starts
        with ``s[:MIN_ROOT]`` (``s[:-1]`` for the "-ies" form of a short word), or it is an
        irregular form of ``s``. An empty needle: no such bound (the whole word set is used)."""
        needle = s[: min(MIN_ROOT, len(s) - 1)] if s.endswith("y") else s[:MIN_ROOT]
        return [needle, *_REVERSE_IRREGULAR.get(s, ())]

    def supports_phrase(self, phrase: str) -> bool:
        """True when every content word of the phrase occurs in the text."""
        content = [t.text for t in tokenize(phrase) if t.is_word and t.key not in STOPWORDS]
        return bool(content) and all(self.supports(w) for w in content)
