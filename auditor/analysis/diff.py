"""Token-level edits between an original headline and its altered copy (rapidfuzz opcodes)."""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz.distance import Levenshtein

from auditor.models import Edit, HeadlineDiff, Span
from auditor.settings import DEFAULT_SETTINGS, Settings
from auditor.text.lexicon import (
    EDGE_WORDS,
    SEPARATORS,
    STOPWORDS,
    Support,
    Token,
    tokenize,
)

ELLIPSES = ("…", "...")


def _span(text: str, toks: list[Token]) -> Span | None:
    if not toks:
        return None
    return Span(text=text[toks[0].start : toks[-1].end], start=toks[0].start, end=toks[-1].end)


def _pieces(text: str, toks: list[Token]) -> list[Span]:
    """Split a changed run at separators and trim edge particles: the terms a reader would name."""
    out: list[Span] = []
    chunk: list[Token] = []
    for tok in toks + [Token(":", -1, -1, ":")]:
        if tok.text in SEPARATORS:
            while chunk and (not chunk[0].is_word or chunk[0].key in EDGE_WORDS):
                chunk.pop(0)
            while chunk and (not chunk[-1].is_word or chunk[-1].key in EDGE_WORDS):
                chunk.pop()
            if any(t.is_word for t in chunk):
                span = _span(text, chunk)
                if span is not None:
                    out.append(span)
            chunk = []
        else:
            chunk.append(tok)
    return out


def _position(toks: list[Token], index: int, text: str) -> int:
    """Character offset where token ``index`` starts (or the end of the text)."""
    return toks[index].start if index < len(toks) else len(text.rstrip())


def _regions(orig: list[Token], alt: list[Token]) -> list[tuple[int, int, int, int]]:
    """Merge adjacent non-equal opcodes into (orig_start, orig_end, alt_start, alt_end) runs."""
    ops = Levenshtein.opcodes([t.key for t in orig], [t.key for t in alt])
    regions: list[list[int]] = []
    for op in ops:
        if op.tag == "equal":
            continue
        if regions and regions[-1][1] == op.src_start and regions[-1][3] == op.dest_start:
            regions[-1][1], regions[-1][3] = op.src_end, op.dest_end
        else:
            regions.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    return [tuple(r) for r in regions]  # type: ignore[misc]


def _rewrite_terms(altered: str, alt: list[Token], support: Support) -> list[Span]:
    """In a rewritten headline, the runs of words found neither in the original nor the body."""
    out: list[Span] = []
    run: list[Token] = []
    for tok in alt + [Token(".", -1, -1, ".")]:
        unsupported = tok.is_word and tok.key not in STOPWORDS and not support.supports(tok.text)
        if unsupported:
            run.append(tok)
        else:
            if run:
                span = _span(altered, run)
                if span is not None:
                    out.append(span)
            run = []
    return out


def diff_headlines(
    original: str,
    altered: str,
    body: str = "",
    settings: Settings = DEFAULT_SETTINGS,
    support: Callable[[], Support] | None = None,
) -> HeadlineDiff:
    """What changed from ``original`` to ``altered``, as edits and as reportable terms."""
    orig, alt = tokenize(original), tokenize(altered)
    regions = _regions(orig, alt)
    truncated = original.rstrip().endswith(ELLIPSES)
    if truncated and regions and regions[-1][1] == len(orig):
        # The original stops mid-sentence: what the altered copy says after that point cannot be
        # compared, so it is neither an insertion nor a replacement.
        regions = regions[:-1]
    edits: list[Edit] = []
    inserted: list[Span] = []
    replaced: list[Span] = []
    deleted: list[Span] = []
    changed_alt = 0
    for o0, o1, a0, a1 in regions:
        a_span, o_span = _span(altered, alt[a0:a1]), _span(original, orig[o0:o1])
        op = "replace" if a_span and o_span else ("insert" if a_span else "delete")
        edits.append(
            Edit(
                op=op,
                altered=a_span,
                original=o_span,
                original_at=_position(orig, o0, original),
                altered_at=_position(alt, a0, altered),
            )
        )
        inserted += _pieces(altered, alt[a0:a1])
        (replaced if op == "replace" else deleted).extend(_pieces(original, orig[o0:o1]))
        changed_alt += sum(t.is_word for t in alt[a0:a1])
    alt_words = sum(t.is_word for t in alt) or 1
    kept = 1.0 - changed_alt / alt_words
    if not edits:
        kind = "unchanged"
    elif kept < settings.rewrite_kept_ratio:
        kind = "rewrite"
        inserted = _rewrite_terms(altered, alt, (support() if support else Support(body)).plus(original))
        replaced = []
    elif all(e.op == "delete" for e in edits):
        kind = "deletion"
    elif all(e.op == "insert" for e in edits):
        kind = "insertion"
    else:
        kind = "substitution"
    return HeadlineDiff(
        kind=kind,
        edits=edits,
        inserted=inserted,
        replaced=replaced,
        deleted=deleted,
        truncated_original=truncated,
        kept_ratio=round(kept, 3),
    )


def unpaired_terms(altered: str, body: str, support: Callable[[], Support] | None = None) -> list[Span]:
    """With no original, the only evidence is the body: report the words it does not contain."""
    return _rewrite_terms(altered, tokenize(altered), support() if support else Support(body))
