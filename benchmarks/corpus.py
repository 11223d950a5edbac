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
FILLER = [
    "Officials said the talks would continue next week, and several delegations were expected to attend.",
    "Residents described long queues at fuel stations and said prices had risen sharply since the spring.",
    "The ministry did not respond to a request for comment on the figures released on Tuesday.",
    "Analysts said the outcome would depend on how quickly the new committee could begin its work.",
]


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
                pad.append(f"{rng.choice(FILLER)} Item {rng.randrange(10**9)}.")
            chunk = text + "\n\n" + "\n\n".join(pad) + "\n\n"
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
            count += 1
    return count


if __name__ == "__main__":
    import sys

    n = write_corpus(Path(sys.argv[1]), int(float(sys.argv[2]) * 1e6))
    print(f"{n} articles")
