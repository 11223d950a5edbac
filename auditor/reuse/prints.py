"""Fingerprints of the body paragraphs that can show reuse, computed where an article is audited.

A paragraph counts when it has MIN_WORDS words or more and is not boilerplate (stock text
listed in boilerplate.toml, and republisher house styles).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from auditor.datafiles import BOILERPLATE_FILE, load_toml
from auditor.errors import RuleError
from auditor.text.body import Body
from auditor.text.normalize import lower_same_length, normalize_lines
from auditor.text.safe_regex import compile_pattern, lines_to_check, pattern_set

MIN_WORDS = 8  # shorter lines (captions, bylines, datelines) are too common to signal reuse
CONFIRM_CHARS = 20_000  # bodies are compared on at most this many characters each
_NON_WORD_OR_NEWLINE = re.compile(r"[^\w \n]+")


class BoilerplateFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    patterns: list[str] = Field(min_length=1)


def load_boilerplate(folders: list[Path], extra: list[str]) -> list[str]:
    """Boilerplate patterns from boilerplate.toml files, plus the republisher house styles."""
    out = list(extra)
    for folder in folders:
        path = folder / BOILERPLATE_FILE
        if not path.exists():
            continue
        parsed = load_toml(path, BoilerplateFile)
        for p in parsed.patterns:
            try:
                compile_pattern(p)
            except ValueError as exc:
                raise RuleError(str(path), f"field 'patterns': {exc}") from None
        out.extend(parsed.patterns)
    return out


def paragraph_keys(
    lines: list[str], boilerplate: list[str] | tuple[str, ...], collapsed: list[str] | None = None
) -> list[tuple[int, str]]:
    """(index, key) of the lines reuse looks at: MIN_WORDS words or more and not boilerplate.

    The key is the line normalised with punctuation dropped. Boilerplate patterns read the
    line folded and collapsed with its case kept; they are tried line by line only when one
    scan of all kept lines together hits. ``collapsed``: those lines, when the caller has them.
    """
    if collapsed is None:
        collapsed = normalize_lines(lines, keep_case=True)
    keep = [k for k, text in enumerate(collapsed) if text.count(" ") >= MIN_WORDS - 1]
    if not keep:
        return []
    patterns = tuple(boilerplate)
    matcher = pattern_set(patterns)
    if matcher is not None:
        suspects = [keep[j] for j in lines_to_check(patterns, "\n".join([collapsed[k] for k in keep]))]
        dropped = {k for k in suspects if matcher.Match(collapsed[k])}
        keep = [k for k in keep if k not in dropped]
        if not keep:
            return []
    joined = lower_same_length("\n".join([collapsed[k] for k in keep]))
    return list(zip(keep, drop_punctuation(joined).split("\n"), strict=True))


_ASCII_PUNCTUATION = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) in " \n_"))


def drop_punctuation(text: str) -> str:
    """``text`` without what is neither a word character, a space nor a newline."""
    if text.isascii():  # most folded text: a byte table deletes in one C pass, 25x a regex
        return text.encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")
    return _NON_WORD_OR_NEWLINE.sub("", text)


def paragraph_prints(body: Body, boilerplate: list[str] | tuple[str, ...]) -> list[tuple[int, int, int]]:
    """(line, fingerprint, characters) of the body paragraphs reuse looks at."""
    blake2b = hashlib.blake2b
    return [
        (
            body.first + k,
            int.from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True),
            len(key),
        )
        for k, key in paragraph_keys(body.lines, boilerplate, body.collapsed_lines)
    ]


def content_text(body: str, boilerplate: list[str]) -> str:
    """The body as reuse sees it: the paragraphs that get fingerprints, normalised."""
    return " ".join(key for _, key in paragraph_keys(body.splitlines(), boilerplate))[:CONFIRM_CHARS]
