#!/usr/bin/env python3
"""Time per saved page against trafilatura's own extraction of the same pages.

usage: python benchmarks/pages.py DIR [--rounds N]

For every DIR/*.html (decoded once, outside the timings), one run of:
  trafilatura  trafilatura.extract(text) with the options the auditor uses: its own parse,
               its story, nothing else;
  ours         what the auditor does with a page: ingest.html.read_page (guarded parse,
               trafilatura on that tree, headline candidates, their HTML lines, the view)
               and analysis.page.audit_page (pairing, diff, rules, outlets, publisher).
The two alternate page by page, so machine load falls on both alike; with --rounds N each
page's time is the best of N. Prints the totals, the ratio of the totals and the median
per-page ratio. Machines here are noisy: compare the ratio of one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from auditor.analysis.context import build_context, rule_folders  # noqa: E402
from auditor.analysis.page import audit_page  # noqa: E402
from auditor.ingest.encodings import decode_html  # noqa: E402
from auditor.ingest.html import read_page  # noqa: E402


def best_of(rounds: int, run) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def extract(text: str) -> None:
    trafilatura.extract(text, include_comments=False, favor_precision=True)


def audit(text: str, ctx) -> None:
    page, view, _ = read_page(text, "page.html")
    audit_page(page, view, ctx)


def compare(pages: list[str], rounds: int = 1) -> tuple[list[float], list[float]]:
    """Seconds per page: (trafilatura's, ours), page by page, each the best of ``rounds``."""
    ctx, _ = build_context(rule_folders([]))
    read_page(pages[0], "warm-up")  # imports and first-call caches out of the timings
    trafilatura.extract(pages[0])
    theirs, ours = [], []
    for text in pages:
        theirs.append(best_of(rounds, lambda t=text: extract(t)))
        ours.append(best_of(rounds, lambda t=text: audit(t, ctx)))
    return theirs, ours


def summary(theirs: list[float], ours: list[float]) -> str:
    ratio = sum(ours) / sum(theirs)
    median = statistics.median(o / t for o, t in zip(ours, theirs, strict=True) if t > 0)
    return (
        f"pages {len(ours)}: trafilatura {sum(theirs):.2f} s, auditor {sum(ours):.2f} s; "
        f"ratio {ratio:.2f} (median per page {median:.2f})"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    pages = [decode_html(p.read_bytes(), str(p))[0] for p in sorted(args.folder.glob("*.html"))]
    if not pages:
        print(f"{args.folder}: no .html pages", file=sys.stderr)
        return 2
    print(summary(*compare(pages, args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
