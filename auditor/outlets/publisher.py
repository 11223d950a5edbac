"""Who most likely wrote the text first: house-style fingerprints plus what the citations show."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.datafiles import STYLES_FILE, load_toml
from auditor.errors import RuleError
from auditor.models import Publisher, PublisherSignal
from auditor.outlets.citations import Sighting, evidence
from auditor.outlets.roles import is_self_reference
from auditor.text.body import Body
from auditor.text.safe_regex import compile_pattern, lines_to_check, pattern_set

# Weights of what the citations show; house styles carry their own weight in the data file.
DATELINE_WEIGHT = 4.0  # "(Reuters) –": the wire or body that filed the story
BYLINE_WEIGHT = 3.0  # a masthead or byline naming who published this copy
SELF_REFERENCE_WEIGHT = 1.5  # "told The Arab Weekly": usually the reporter's own outlet
OWN_PHOTO_WEIGHT = 1.0  # a non-wire outlet credited for a photo is often the publisher
REPUBLISHER_WEIGHT = 1.0
# Confidence: a wire dateline or house footer alone (3+) with a clear lead is "high".
HIGH_SCORE, HIGH_MARGIN, MEDIUM_SCORE = 3.0, 1.5, 2.0
WIRE_KINDS = {"wire_agency", "state_agency"}


class Style(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    outlet: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    weight: float = Field(gt=0, le=10)
    why: str = Field(min_length=1)
    role: Literal["publisher", "republisher"] = "publisher"


class StyleFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    styles: list[Style] = Field(min_length=1)


def load_styles(folders: list[Path]) -> list[Style]:
    out: list[Style] = []
    for folder in folders:
        path = folder / STYLES_FILE
        if not path.exists():
            continue
        parsed = load_toml(path, StyleFile, entries="styles", label="style", name_key="outlet")
        for st in parsed.styles:
            try:
                compile_pattern(st.pattern)
            except ValueError as exc:
                raise RuleError(str(path), f"style '{st.outlet}': field 'pattern': {exc}") from None
        out.extend(parsed.styles)
    return out


def _style_signals(body: Body, styles: list[Style]) -> tuple[list[PublisherSignal], list[str]]:
    """House-style matches: signals for publishers, names for republishers."""
    signals: list[PublisherSignal] = []
    republishers: list[str] = []
    patterns = tuple(st.pattern for st in styles)
    matcher = pattern_set(patterns)
    for k in lines_to_check(patterns, body.stripped_folded):
        # Stripped and folded, same length as the stripped line: offsets map to ``raw``.
        folded = body.stripped_folded_lines[k]
        for st_index in sorted(matcher.Match(folded) or ()):
            st = styles[st_index]
            m = compile_pattern(st.pattern).search(folded)
            if not m:
                continue
            if st.role == "republisher":
                republishers.append(st.outlet)
                continue
            raw = body.lines[k].strip()
            signals.append(
                PublisherSignal(
                    outlet=st.outlet,
                    line=body.first + k,
                    evidence=evidence(raw, m.start(), m.end()),
                    why=st.why,
                    weight=st.weight,
                )
            )
    return signals, republishers


def _citation_signal(s: Sighting) -> PublisherSignal | None:
    """What one citation says about the publisher, if anything."""
    name, kind = s.mention.entity.name, s.mention.entity.kind
    ev = evidence(s.text, s.mention.start, s.mention.end)
    if s.role == "dateline":
        return PublisherSignal(outlet=name, line=s.line, evidence=ev, why="dateline names it", weight=DATELINE_WEIGHT)
    if s.role == "publisher_byline" and kind != "aggregator":
        return PublisherSignal(
            outlet=name, line=s.line, evidence=ev, why="masthead or byline names it", weight=BYLINE_WEIGHT
        )
    if s.role == "quoted_source" and s.mention.type == "outlet" and is_self_reference(s.text, s.mention):
        return PublisherSignal(
            outlet=name,
            line=s.line,
            evidence=ev,
            why="a source speaks to it (self-reference)",
            weight=SELF_REFERENCE_WEIGHT,
        )
    if s.role == "photo_credit" and s.mention.type == "outlet" and kind not in WIRE_KINDS:
        return PublisherSignal(outlet=name, line=s.line, evidence=ev, why="its own photograph", weight=OWN_PHOTO_WEIGHT)
    return None


def _confidence(best: float, runner_up: float) -> Literal["high", "medium", "low"]:
    if best >= HIGH_SCORE and best - runner_up >= HIGH_MARGIN:
        return "high"
    if best >= MEDIUM_SCORE and best > runner_up:
        return "medium"
    return "low"


def infer_publisher(
    body: Body, found: list[Sighting], styles: list[Style], aggregators: frozenset[str]
) -> Publisher | None:
    """The likely first publisher of the body, or None when nothing shows it."""
    signals, republishers = _style_signals(body, styles)
    for s in found:
        if s.role == "publisher_byline" and s.mention.entity.kind == "aggregator":
            republishers.append(s.mention.entity.name)
        sig = _citation_signal(s)
        if sig is not None:
            signals.append(sig)
    if not signals:
        if not republishers:
            return None
        signals.append(
            PublisherSignal(
                outlet=republishers[0],
                line=body.first,
                evidence="",
                why="only a republisher is shown",
                weight=REPUBLISHER_WEIGHT,
            )
        )
    score: dict[str, float] = defaultdict(float)
    first_line: dict[str, int] = {}
    for sig in signals:
        score[sig.outlet] += sig.weight
        first_line.setdefault(sig.outlet, sig.line)
    ranked = sorted(score, key=lambda o: (-score[o], first_line[o], o))
    best = ranked[0]
    runner_up = score[ranked[1]] if len(ranked) > 1 else 0.0
    mine = sorted((s for s in signals if s.outlet == best), key=lambda s: (-s.weight, s.line))
    others = [o for o in dict.fromkeys(republishers) if o != best]
    others += [o for o in ranked[1:] if o in aggregators and o not in others]
    return Publisher(
        name=best,
        evidence=mine[0].evidence,
        line=mine[0].line,
        confidence=_confidence(score[best], runner_up),
        republished_by=others,
        signals=sorted(signals, key=lambda s: (s.line, s.outlet)),
    )
