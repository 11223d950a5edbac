"""Words that open or close a citation frame ("told", "according to", "reported", ") -").

The matcher's automaton looks for them in the same pass as the registry's names, so the
search for outlets the registry lacks (``unlisted``) reads only the few lines that hold one.
Folded and lower-cased, as the automaton's case-blind keys are; a superset of every frame's cue.
"""

from __future__ import annotations

FRAME_CUES: tuple[str, ...] = (
    "told ", "according to ", "speaking to ", "spoke to ", "talking to ", "interview with ",
    "reported by ", "quoted by ", "cited by ", "published by ", "carried by ", "broadcast by ",
    "seen by ", "obtained by ", "writing in ", "wrote in ", "op-ed in ", "column in ", "aired on ",
    " reported", " reports", " quoted", " cited", " wrote", " published", " revealed", " confirmed",
    "said in a report", "'s reporter", "'s correspondent", "'s report", "'s poll", "'s survey",
    "'s investigation", "'s analysis", " poll", " survey", " investigation", " analysis", ") -", ") :",
)  # fmt: skip
