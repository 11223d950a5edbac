"""Token-level edits between an original headline and its altered copy (rapidfuzz opcodes)."""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz.distance import Levenshtein

from auditor.models import Edit, HeadlineDiff, RewriteKind, Span
from auditor.settings import DEFAULT_SETTINGS, Settings
from auditor.text.lexicon import EDGE_WORDS, SEPARATORS, STOPWORDS, Support, Token, tokenize
from auditor.text.normalize import normalize

ELLIPSES = ("…", "...")
Region = tuple[int, int, int, int]  # (original start, end, altered start, end) token indices
PhraseFinder = Callable[[str], list[tuple[int, int]]]  # rule matches over a whole headline


def _span(text: str, toks: list[Token]) -> Span | None:
    if not toks:
        return None
    return Span(text=text[toks[0].start : toks[-1].end], start=toks[0].start, end=toks[-1].end)


def _names_a_title(chunk: list[Token]) -> bool:
    """ "the Beast", "The Whore of Babylon": a reader names the epithet with its article."""
    return len(chunk) > 1 and chunk[0].key == "the" and chunk[1].is_word and chunk[1].text[:1].isupper()


def _trim(chunk: list[Token]) -> list[Token]:
    """Drop edge particles and punctuation; a possessive stays with the word it is glued to."""
    while chunk and (not chunk[0].is_word or chunk[0].key in EDGE_WORDS) and not _names_a_title(chunk):
        chunk = chunk[1:]
    while chunk and (not chunk[-1].is_word or chunk[-1].key in EDGE_WORDS):
        last = chunk[-1]
        if last.is_possessive and len(chunk) > 1 and chunk[-2].end == last.start and chunk[-2].is_word:
            break
        chunk = chunk[:-1]
    return chunk


def _pieces(text: str, toks: list[Token]) -> list[Span]:
    """Split a changed run at separators and trim edge particles: the terms a reader would name."""
    out: list[Span] = []
    chunk: list[Token] = []
    for tok in toks + [Token(":", -1, -1, ":")]:
        if tok.text in SEPARATORS:
            trimmed = _trim(chunk)
            span = _span(text, trimmed) if any(t.is_word for t in trimmed) else None
            if span is not None:
                out.append(span)
            chunk = []
        else:
            chunk.append(tok)
    return out


def _position(toks: list[Token], index: int, text: str) -> int:
    """Character offset where token ``index`` starts (or the end of the text)."""
    return toks[index].start if index < len(toks) else len(text.rstrip())


def _regions(orig: list[Token], alt: list[Token]) -> list[Region]:
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
    return [(r[0], r[1], r[2], r[3]) for r in regions]


def _truncated_regions(orig: list[Token], alt: list[Token], settings: Settings) -> list[Region]:
    """Edits against a truncated original ("…"), compared with the altered headline's first words.

    The original is aligned with the altered prefix of the best length (its own length give or
    take a few words: fewest edits, then the nearest length); the words after that prefix are
    not compared. The last word before the ellipsis is compared like any other (the edit may be
    right there), except that a cut inside a word ("penin…" for "peninsula") counts as equal and
    a changed run of several original words reaching the ellipsis is a sentence completed
    differently, not an edit.
    """
    keys = [t.key for t in orig]
    n, slack = len(orig), settings.truncation_slack
    lengths = range(max(1, n - slack), min(len(alt), n + slack) + 1)
    if not lengths:
        return []
    j = min(lengths, key=lambda j: (Levenshtein.distance(keys, [t.key for t in alt[:j]]), abs(j - n)))
    regions = _regions(orig, alt[:j])
    if regions and regions[-1][1] == n:
        o0, o1, a0, a1 = regions[-1]
        cut_word = o1 - o0 == 1 and a1 - a0 == 1 and alt[a0].key.startswith(orig[o0].key)
        if cut_word or o1 - o0 > settings.truncated_tail_words:
            regions = regions[:-1]
    return regions


def _merge_fragments(text: str, toks: list[Token], spans: list[Span]) -> list[Span]:
    """Join new-word runs that only small words separate ("Whore" + "of" + "Babylon")."""
    out: list[Span] = []
    for span in spans:
        if out:
            between = [t for t in toks if out[-1].end <= t.start and t.end <= span.start]
            if all(t.is_word and t.key in STOPWORDS for t in between):
                out[-1] = Span(text=text[out[-1].start : span.end], start=out[-1].start, end=span.end)
                continue
        out.append(span)
    return out


def _new_words(text: str, toks: list[Token], support: Support, phrases: PhraseFinder | None) -> list[Span]:
    """In a rewritten (or unpaired) headline, what is new: rule phrases as written, then the rest.

    Words found neither in the original nor the body form runs, merged across small words; a
    phrase a rule matches over the whole headline and that holds a new word is reported as the
    reader sees it ("Whore of Babylon"), and what is left of the runs around it as its own terms.
    """
    runs: list[Span] = []
    run: list[Token] = []
    for tok in toks + [Token(".", -1, -1, ".")]:
        if tok.is_word and tok.key not in STOPWORDS and not support.supports(tok.text):
            run.append(tok)
        elif run:
            runs.append(Span(text=text[run[0].start : run[-1].end], start=run[0].start, end=run[-1].end))
            run = []
    runs = _merge_fragments(text, toks, runs)
    found = [(a, b) for a, b in (phrases(text) if phrases else []) if any(r.start < b and a < r.end for r in runs)]
    if not found:
        return runs
    out = [Span(text=text[a:b], start=a, end=b) for a, b in found]
    for r in runs:
        rest = [
            t
            for t in toks
            if r.start <= t.start and t.end <= r.end and not any(a < t.end and t.start < b for a, b in found)
        ]
        out += _pieces(text, rest) if rest else []
    return sorted({(s.start, s.end): s for s in out}.values(), key=lambda s: s.start)


def _kind(edits: list[Edit], kept: float, settings: Settings) -> RewriteKind:
    if not edits:
        return "unchanged"
    if kept < settings.rewrite_kept_ratio:
        return "rewrite"
    if all(e.op == "delete" for e in edits):
        return "deletion"
    if all(e.op == "insert" for e in edits):
        return "insertion"
    return "substitution"


def diff_headlines(
    original: str,
    altered: str,
    body: str = "",
    settings: Settings = DEFAULT_SETTINGS,
    support: Callable[[], Support] | None = None,
    phrases: PhraseFinder | None = None,
) -> HeadlineDiff:
    """What changed from ``original`` to ``altered``, as edits and as reportable terms."""
    # An ellipsis the altered headline keeps is part of the title ("Only Those Who Love…"), not a cut.
    truncated = original.rstrip().endswith(ELLIPSES) and normalize(original) not in normalize(altered)
    orig, alt = tokenize(original), tokenize(altered)
    if truncated:
        while orig and orig[-1].text in ("…", "."):
            orig = orig[:-1]
        regions = _truncated_regions(orig, alt, settings)
    else:
        regions = _regions(orig, alt)
    edits: list[Edit] = []
    inserted: list[Span] = []
    replaced: list[Span] = []
    deleted: list[Span] = []
    changed_alt = 0
    for o0, o1, a0, a1 in regions:
        a_span, o_span = _span(altered, alt[a0:a1]), _span(original, orig[o0:o1])
        op = "replace" if a_span and o_span else ("insert" if a_span else "delete")
        at = (_position(orig, o0, original), _position(alt, a0, altered))
        edits.append(Edit(op=op, altered=a_span, original=o_span, original_at=at[0], altered_at=at[1]))
        inserted += _pieces(altered, alt[a0:a1])
        (replaced if op == "replace" else deleted).extend(_pieces(original, orig[o0:o1]))
        changed_alt += sum(t.is_word for t in alt[a0:a1])
    kept = 1.0 - changed_alt / (sum(t.is_word for t in alt) or 1)
    kind = _kind(edits, kept, settings)
    if kind == "rewrite":
        inserted = _new_words(altered, alt, (support() if support else Support(body)).plus(original), phrases)
        replaced = []
    return HeadlineDiff(
        kind=kind,
        edits=edits,
        inserted=inserted,
        replaced=replaced,
        deleted=deleted,
        truncated_original=truncated,
        kept_ratio=round(kept, 3),
    )


def unpaired_terms(
    altered: str, body: str, support: Callable[[], Support] | None = None, phrases: PhraseFinder | None = None
) -> list[Span]:
    """With no original, the only evidence is the body: report what it does not contain."""
    return _new_words(altered, tokenize(altered), support() if support else Support(body), phrases)
