"""Build a synthetic corpus of a given size from the project's own fixtures (no seeds needed).

Articles are cut from samples/ and tests/fixtures/traps/, reshuffled, their inserted terms
varied and their bodies padded with numbered filler, so no two articles are the same.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "traps").glob("*.txt"))
TERMS = ["Antichrist", "False Prophet", "Beast", "Dajjal", "Man of Sin", "Gog", "Abaddon", "Lawless One"]
# Filler sentences are put together from parts, so that neighbouring paragraphs differ the way
# real ones do (a body never repeats a paragraph a line apart; a pairing scan must not pay for it).
SUBJECTS = [
    "Officials",
    "Residents",
    "The ministry",
    "Analysts",
    "Local traders",
    "Two lawmakers",
    "The governor's office",
    "A spokesman for the council",
    "Aid workers",
    "Several witnesses",
    "The central bank",
    "Farmers in the north",
]
VERBS = [
    "said",
    "told reporters",
    "warned",
    "confirmed on Monday",
    "insisted",
    "denied reports",
    "argued in a statement",
    "noted",
    "complained",
    "estimated",
    "announced late on Friday",
    "suggested",
]
CLAUSES = [
    "that the talks would continue next week",
    "that prices had risen sharply since the spring",
    "that the figures would be released on Tuesday",
    "that the new committee could begin its work soon",
    "that fuel queues had grown longer in recent days",
    "that the budget would be revised before the summer",
    "that repairs to the main road were running late",
    "that schools would reopen after the holiday",
    "that the harvest was smaller than last year",
    "that exports through the port had resumed",
    "that the inquiry had not yet reached a conclusion",
    "that more inspectors would be hired",
]


def filler(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}, item {rng.randrange(10**6)}."


def articles() -> list[str]:
    """Article texts from the fixtures: from one altered headline to the next."""
    out = []
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        parts = re.split(
            r"\n\n(?=(?:[^\n]*(?:Antichrist|Beast|Gog|Dajjal|False Prophet|Vermin|Regime|Traitor|Oil exports))"
            r"[^\n]*\n\n)",
            text,
        )
        out.extend(p.strip("\n") for p in parts if p.strip())
    return out


def write_corpus(path: Path, size: int, seed: int = 1, article_bytes: int = 4000) -> int:
    """Write about ``size`` bytes of dump to ``path``; return the number of articles."""
    rng = random.Random(seed)
    base = articles()
    written = count = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < size:
            text = rng.choice(base)
            text = text.replace("Antichrist", rng.choice(TERMS), 1)
            pad = []
            while len(text) + sum(map(len, pad)) < article_bytes:
                # Paragraphs of 2-5 sentences, as news bodies have (a few hundred characters).
                sentences = [filler(rng) for _ in range(rng.randint(2, 5))]
                pad.append(" ".join(sentences))
            chunk = text + "\n\n" + "\n\n".join(pad) + "\n\n"
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
            count += 1
    return count


if __name__ == "__main__":
    import sys

    n = write_corpus(Path(sys.argv[1]), int(float(sys.argv[2]) * 1e6))
    print(f"{n} articles")
