"""Who most likely wrote the text first: the evidence ranked, or "unknown" with the reason.

Strongest first: wire copy (a wire's dateline or copyright line: the wire wrote it, whoever
shows it); a saved page's own publisher metadata (JSON-LD publisher, site name, canonical
domain); then what the text says of itself: mastheads, bylines, "With Post wires",
boilerplate, other datelines, house styles, promotions of the outlet's own content, and the
newsroom speaking of its own work ("NBC 5 has edited the video"). "told X" is evidence that X
interviewed someone: it counts only when the article does it again (its own reporting), and a
photo credit only supports; on their own neither names a publisher.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from auditor.datafiles import STYLES_FILE, load_toml
from auditor.errors import RuleError
from auditor.models import Publisher, PublisherSignal
from auditor.outlets.citations import evidence
from auditor.outlets.matcher import Registry
from auditor.outlets.resolve import Sighting
from auditor.outlets.roles import is_copyright, is_self_action, is_self_reference
from auditor.text.body import Body
from auditor.text.safe_regex import compile_pattern, lines_to_check, pattern_set

# Weights; house styles carry their own in the data file (1-4).
WIRE_COPY_WEIGHT = 8.0  # a wire's dateline or (c) line: wire copy, even on another outlet's page
PAGE_WEIGHT = 6.0  # the page's JSON-LD publisher / site name / canonical domain, counted once
DATELINE_WEIGHT = 4.0  # "Iraq (International Christian Concern) -": whoever filed it
BYLINE_WEIGHT = 3.0  # a masthead, byline, copyright line or boilerplate naming who published this copy
PROMOTION_WEIGHT = 2.0  # "Check out the AppleInsider Price Guide": an outlet promotes its own content
SELF_ACTION_WEIGHT = 2.0  # "NBC 5 has edited the video", "X's request for comment"
SELF_REFERENCE_WEIGHT = 1.5  # "told The Arab Weekly", counted only when the article does it twice or more
OWN_PHOTO_WEIGHT = 1.0  # a non-wire outlet's photo credit: supports, never decides
REPUBLISHER_WEIGHT = 1.0
SELF_REFERENCES_NEEDED = 2  # one "told X" is a borrowed quote as often as the outlet's own interview
# Confidence: a wire dateline or house footer alone (3+) with a clear lead is "high".
HIGH_SCORE, HIGH_MARGIN, MEDIUM_SCORE = 3.0, 1.5, 2.0
WIRE_KINDS = {"wire_agency", "state_agency"}
_WEAK = ("a source speaks to it", "its own photograph")


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


@dataclass(frozen=True)
class PageEvidence:
    """What a saved page says about its publisher, read against the registry."""

    outlet: str  # a registry name, or the page's site name as written when the registry lacks it
    evidence: str  # which metadata said so
    kind: str = ""  # the registry kind ("" when unlisted)


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
            ev = evidence(raw, m.start(), m.end())
            signals.append(
                PublisherSignal(outlet=st.outlet, line=body.first + k, evidence=ev, why=st.why, weight=st.weight)
            )
    return signals, republishers


def _citation_signal(s: Sighting) -> PublisherSignal | None:
    """What one citation says about the publisher, if anything."""
    m = s.mention
    name, kind = m.entity.name, m.entity.kind

    def signal(why: str, weight: float) -> PublisherSignal:
        return PublisherSignal(
            outlet=name, line=s.line, evidence=evidence(s.text, m.start, m.end), why=why, weight=weight
        )

    copyright_line = s.role == "publisher_byline" and is_copyright(s.text, m)
    if s.role == "dateline" or copyright_line:
        if kind in WIRE_KINDS:
            return signal("wire copy: its dateline or copyright line", WIRE_COPY_WEIGHT)
        if s.role == "dateline":
            return signal("dateline names it", DATELINE_WEIGHT)
    if s.role == "publisher_byline":  # an aggregator's boilerplate names a republisher, not a writer
        return signal("masthead, byline or copyright line names it", BYLINE_WEIGHT) if kind != "aggregator" else None
    if m.type != "outlet":
        return None
    if is_self_action(s.text, m):
        return signal("its newsroom speaks of its own work on this copy", SELF_ACTION_WEIGHT)
    if s.role == "cross_reference":
        return signal("promotes its own other content", PROMOTION_WEIGHT)
    if s.role == "quoted_source" and is_self_reference(s.text, m):
        return signal("a source speaks to it (self-reference)", SELF_REFERENCE_WEIGHT)
    if s.role == "photo_credit" and kind not in WIRE_KINDS:
        return signal("its own photograph", OWN_PHOTO_WEIGHT)
    return None


def _confidence(best: float, runner_up: float) -> Literal["high", "medium", "low"]:
    if best >= HIGH_SCORE and best - runner_up >= HIGH_MARGIN:
        return "high"
    if best >= MEDIUM_SCORE and best > runner_up:
        return "medium"
    return "low"


def _decisive(signals: list[PublisherSignal]) -> bool:
    """Does this outlet have evidence that names it as the publisher, not only weak hints?"""
    self_refs = sum(s.why.startswith(_WEAK[0]) for s in signals)
    return self_refs >= SELF_REFERENCES_NEEDED or any(not s.why.startswith(_WEAK) for s in signals)


def unknown_reason(signals: list[PublisherSignal]) -> str:
    """Why the text names no publisher, in a sentence a reader can check."""
    if not signals:
        return "the text never names its publisher: no byline, dateline, copyright line, house style or self-reference"
    weak = "; ".join(f"{s.outlet} ({s.why}, line {s.line})" for s in signals)
    return (
        f"the text never names its publisher: only {weak}. A source speaking to an outlet once, or a photo "
        "credit, shows the outlet's work was used, not that it published this text"
    )


def infer_publisher(
    body: Body,
    found: list[Sighting],
    styles: list[Style],
    aggregators: frozenset[str],
    page: PageEvidence | None = None,
) -> tuple[Publisher | None, str | None]:
    """The likely first publisher of the body, or None and the reason none is named."""
    signals, republishers = _style_signals(body, styles)
    for s in found:
        if s.role == "publisher_byline" and s.mention.entity.kind == "aggregator":
            republishers.append(s.mention.entity.name)
        sig = _citation_signal(s)
        if sig is not None:
            signals.append(sig)
    if page is not None:
        signals.append(
            PublisherSignal(
                outlet=page.outlet, line=0, evidence=page.evidence, why="the page says so", weight=PAGE_WEIGHT
            )
        )
    by_outlet: dict[str, list[PublisherSignal]] = defaultdict(list)
    for sig in signals:
        by_outlet[sig.outlet].append(sig)
    decisive = {o for o, sigs in by_outlet.items() if _decisive(sigs)}
    if not decisive:
        if not republishers:
            return None, unknown_reason(signals)
        by_outlet[republishers[0]].append(
            PublisherSignal(
                outlet=republishers[0],
                line=body.first,
                evidence="",
                why="only a republisher is shown",
                weight=REPUBLISHER_WEIGHT,
            )
        )
        decisive = {republishers[0]}
    score = {o: sum(s.weight for s in sigs) for o, sigs in by_outlet.items()}
    first_line = {o: min(s.line for s in sigs) for o, sigs in by_outlet.items()}
    ranked = sorted(decisive, key=lambda o: (-score[o], first_line[o], o))
    best = ranked[0]
    runner_up = max((score[o] for o in score if o != best), default=0.0)
    mine = sorted(by_outlet[best], key=lambda s: (-s.weight, s.line))
    others = [o for o in dict.fromkeys(republishers) if o != best]
    others += [o for o in ranked[1:] if o in aggregators and o not in others]
    if page is not None and page.outlet != best and page.outlet not in others:
        others.append(page.outlet)  # wire copy on a paper's page: the paper republished it
    everything = [s for sigs in by_outlet.values() for s in sigs]
    publisher = Publisher(
        name=best,
        evidence=mine[0].evidence,
        line=mine[0].line,
        confidence=_confidence(score[best], runner_up),
        republished_by=others,
        signals=sorted(everything, key=lambda s: (s.line, s.outlet, -s.weight)),
    )
    return publisher, None


def page_evidence(site_name: str, canonical_url: str, jsonld_publisher: str, registry: Registry) -> PageEvidence | None:
    """What a saved page's metadata says about its publisher, strongest first."""
    host = urlsplit(canonical_url).hostname or "" if canonical_url.startswith(("http://", "https://")) else ""
    said = [
        (label, text, registry.outlet_named(text) if label != "canonical domain" else registry.outlet_of_host(text))
        for label, text in (
            ("JSON-LD publisher", jsonld_publisher),
            ("site name", site_name),
            ("canonical domain", host),
        )
        if text
    ]
    known = [ent for _, _, ent in said if ent is not None]
    if known:
        ent = known[0]
        agree = "; ".join(f"{label} {text}" for label, text, e in said if e is ent)
        return PageEvidence(outlet=ent.name, evidence=agree, kind=ent.kind)
    if not said:
        return None
    label, text, _ = said[0]
    name = text.removeprefix("www.") if label == "canonical domain" else text
    return PageEvidence(outlet=name, evidence=f"{label} {text}")
