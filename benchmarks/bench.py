#!/usr/bin/env python3
"""Speed and memory of `auditor audit` against the floor and a naive peer, on the same bytes.

usage: python benchmarks/bench.py [--size MB] [--jobs N] [--keep DIR]

Builds a corpus from the project's own fixtures (benchmarks/corpus.py), then runs, each in its
own process so peak RSS is its own:
  floor  a bare Python pass that reads the file and splits lines and words;
  peer   a naive auditor: difflib.SequenceMatcher on consecutive short lines and one big
         outlet regex over every line (difflib appears here only, never in the package);
  ours   `auditor audit --format json` with --jobs 1 and --jobs N;
  ours --no-reuse, to show what cross-article reuse detection costs.
Prints MB/s, ratios to the floor and to the peer, the parallel speed-up and peak RSS.
Machines here are noisy: compare the ratios of one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import write_corpus  # noqa: E402

FLOOR = """
import sys
n = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        n += len(line.split())
print(n)
"""

PEER = """
import difflib, re, sys, tomllib
sys.path.insert(0, sys.argv[2])
from auditor.datafiles import default_rules_dir, outlet_files
ents = [e for p in outlet_files(default_rules_dir()) for e in tomllib.loads(p.read_text(encoding="utf-8"))["entities"]]
names = sorted({a for e in ents for a in (e.get("aliases") or [e["name"]])}, key=len, reverse=True)
outlets = re.compile(r"\\b(?:" + "|".join(re.escape(n) for n in names) + r")\\b")
pairs = hits = 0
prev = None
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        line = line.strip()
        if not line:
            continue
        hits += len(outlets.findall(line))
        if len(line) < 200:
            if prev is not None and difflib.SequenceMatcher(None, prev, line).ratio() > 0.5:
                pairs += 1
            prev = line
        else:
            prev = None
print(pairs, hits)
"""

PEAK = """
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one command run in its own process."""
    out = subprocess.run([sys.executable, "-c", PEAK, *cmd], capture_output=True, text=True, check=True)
    secs, rss = out.stdout.split()
    return float(secs), int(rss) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, default=100, help="corpus size in MB (default 100)")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--keep", type=Path, help="folder to keep the corpus and reports in")
    ap.add_argument("--dask", action="store_true", help="add runs on a Dask LocalCluster with 1 and 2 workers")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{args.size:g}MB.txt"
    if not corpus.exists():
        started = time.perf_counter()
        n = write_corpus(corpus, int(args.size * 1e6), seed=int(time.time()))  # new text each run: nothing cached
        print(f"corpus: {corpus} ({n} articles, {time.perf_counter() - started:.1f} s to build)", flush=True)
    mb = corpus.stat().st_size / 1e6
    cli = [sys.executable, str(ROOT / "cli.py"), "audit", str(corpus), "--format", "json", "--fail-on", "never", "-q"]
    runs = {
        "floor": [sys.executable, "-c", FLOOR, str(corpus)],
        "peer": [sys.executable, "-c", PEER, str(corpus), str(ROOT)],
        "ours --jobs 1": cli + ["--jobs", "1", "--out", str(work / "r1")],
        "ours --jobs 1 --no-reuse": cli + ["--jobs", "1", "--no-reuse", "--out", str(work / "r0")],
        f"ours --jobs {args.jobs}": cli + ["--jobs", str(args.jobs), "--out", str(work / "rN")],
    }
    if args.dask:
        runs["ours dask local:1"] = cli + ["--scheduler", "local:1", "--out", str(work / "d1")]
        runs["ours dask local:2"] = cli + ["--scheduler", "local:2", "--out", str(work / "d2")]
    results = {}
    for name, cmd in runs.items():
        results[name] = measure(cmd)
        print(f"  ran {name}: {results[name][0]:.1f} s", flush=True)
    floor, peer = results["floor"][0], results["peer"][0]
    print(f"\n{mb:,.1f} MB corpus, {args.jobs} job(s) for the parallel run\n")
    print("| run | seconds | MB/s | x floor | x peer | peak RSS MB |\n|---|---|---|---|---|---|")
    for name, (secs, rss) in results.items():
        print(f"| {name} | {secs:,.1f} | {mb / secs:,.1f} | {secs / floor:,.2f} | {secs / peer:,.2f} | {rss:,.0f} |")
    one, many = results["ours --jobs 1"][0], results[f"ours --jobs {args.jobs}"][0]
    print(f"\nparallel speed-up (--jobs 1 / --jobs {args.jobs}): {one / many:.2f}x")
    plain = results["ours --jobs 1 --no-reuse"][0]
    print(f"reuse detection adds {100 * (one - plain) / plain:.0f}% to --jobs 1")
    if args.dask:
        d1, d2 = results["ours dask local:1"][0], results["ours dask local:2"][0]
        print(f"dask speed-up (1 worker / 2 workers): {d1 / d2:.2f}x")
    same = (work / "r1" / "audit.json").read_bytes() == (work / "rN" / "audit.json").read_bytes()
    print(f"--jobs 1 and --jobs {args.jobs} audit.json byte-identical: {same}")


if __name__ == "__main__":
    main()
