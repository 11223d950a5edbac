#!/usr/bin/env python3
"""Speed and memory of `auditor audit` against the floor and two naive peers, on the same bytes.

usage: python benchmarks/bench.py [--size MB] [--small MB] [--rounds N] [--rss MB,...] [--pages N] [--pages-dir DIR]
                                  [--dask] [--only PART] [--keep DIR]

Builds farm dumps whose articles cite outlets in the seeds' proportions (benchmarks/corpus.py
says which), then runs each command in its own process, so peak RSS is its own:
  floor       a bare Python pass that reads the file and splits lines and words;
  naive peer  difflib.SequenceMatcher on consecutive short lines and one big regex of every
              registry alias over every line (difflib appears here only, never in the package);
  word peer   consecutive short lines paired by the words they share, and one regex of 14 big
              outlet names: a quick script's take on the same two jobs, blind to the rest;
  ours        `auditor audit --format json` with --jobs 1, --jobs 1 --no-reuse and --jobs 2,
              on the --size corpus and on a --small one (what start-up costs a parallel run);
              with --dask also on a Dask LocalCluster of 1 and 2 workers.
Each of these runs --rounds times (default 3), interleaved, and the median counts (the naive
peer, a minute and a half, runs once).
The package's bytecode is compiled first, as an install compiles it. Then: the per-stage
table of `--profile` (--jobs 1, --size corpus), peak RSS of --jobs 1 at each --rss size, and
per-page time on generated farm pages against trafilatura's own extraction of the same pages
(benchmarks/pages.py).
Machines here are noisy: compare the ratios of one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import write_corpus, write_pages  # noqa: E402

FLOOR = """
import sys
n = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        n += len(line.split())
print(n)
"""

ALIASES = """
import sys, tomllib
sys.path.insert(0, sys.argv[2])
from auditor.datafiles import default_rules_dir, outlet_files
ents = [e for p in outlet_files(default_rules_dir()) for e in tomllib.loads(p.read_text(encoding="utf-8"))["entities"]]
names = sorted({a for e in ents for a in (e.get("aliases") or [e["name"]])}, key=len, reverse=True)
"""

NAIVE_PEER = (
    ALIASES
    + """
import difflib, re
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
)

# The word-level peer: what a quick script would do. It finds only these names.
WORD_PEER = """
import re, sys
NAMES = ["Reuters", "AFP", "Associated Press", "BBC", "Al Jazeera", "CNN", "The Guardian", "Bloomberg",
         "The New York Times", "Washington Post", "Anadolu", "Xinhua", "Rudaw", "The National"]
outlets = re.compile("|".join(NAMES))
pairs = hits = 0
prev = None
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        words = line.split()
        if not words:
            continue
        hits += len(outlets.findall(line))
        if len(words) <= 30:
            here = set(words)
            if prev is not None and len(here & prev) * 2 > len(here | prev):
                pairs += 1
            prev = here
        else:
            prev = None
print(pairs, hits)
"""

PEAK = """
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, r.ru_utime + r.ru_stime, r.ru_maxrss)
"""


def measure(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, largest peak RSS in MB of any one process) of one command."""
    out = subprocess.run([sys.executable, "-c", PEAK, *cmd], capture_output=True, text=True, check=True)
    wall, cpu, rss = out.stdout.split()
    return float(wall), float(cpu), int(rss) / 1024


def corpus_of(work: Path, size: float, seed: int) -> Path:
    path = work / f"corpus-{size:g}MB.txt"
    if not path.exists():
        started = time.perf_counter()
        n = write_corpus(path, int(size * 1e6), seed=seed)
        print(f"corpus: {path} ({n:,} articles, {time.perf_counter() - started:.1f} s to build)", flush=True)
    return path


def ours(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, str(ROOT / "cli.py"), "audit", str(corpus), "--format", "json"] + [
        "--fail-on",
        "never",
        "-q",
        "--out",
        str(out),
        *extra,
    ]


def table(mb: float, results: dict[str, tuple[float, float, float]]) -> None:
    floor, naive, peer = (results[k][0] for k in ("floor", "naive peer", "word peer"))
    print(f"\n{mb:,.1f} MB corpus\n")
    print("| run | seconds | CPU s | MB/s | x floor | x naive peer | x word peer | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for name, (secs, cpu, rss) in results.items():
        print(
            f"| {name} | {secs:,.2f} | {cpu:,.2f} | {mb / secs:,.1f} | {secs / floor:,.1f} | "
            f"{secs / naive:,.2f} | {secs / peer:,.1f} | {rss:,.0f} |"
        )


def speed(args: argparse.Namespace, work: Path, seed: int) -> None:
    corpus = corpus_of(work, args.size, seed)
    runs = {
        "floor": [sys.executable, "-c", FLOOR, str(corpus)],
        "naive peer": [sys.executable, "-c", NAIVE_PEER, str(corpus), str(ROOT)],
        "word peer": [sys.executable, "-c", WORD_PEER, str(corpus)],
        "ours --jobs 1": ours(corpus, work / "r1", "--jobs", "1"),
        "ours --jobs 1 --no-reuse": ours(corpus, work / "r0", "--jobs", "1", "--no-reuse"),
        "ours --jobs 2": ours(corpus, work / "r2", "--jobs", "2"),
    }
    if args.dask:
        runs["ours dask local:1"] = ours(corpus, work / "d1", "--scheduler", "local:1")
        runs["ours dask local:2"] = ours(corpus, work / "d2", "--scheduler", "local:2")
    # Each command but the naive peer (a minute and a half) runs --rounds times, the rounds
    # interleaved, and the median counts: the floor takes about 0.1 s, where 10 ms of noise
    # alone moves every "x floor" figure by 8%.
    taken: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
    for n in range(args.rounds):
        for name, cmd in runs.items():
            if n and name == "naive peer":
                continue
            taken[name].append(measure(cmd))
            print(f"  ran {name}: {taken[name][-1][0]:.1f} s", flush=True)
    results = {name: median_run(got) for name, got in taken.items()}
    table(corpus.stat().st_size / 1e6, results)
    print(f"(medians of {args.rounds} interleaved rounds; the naive peer ran once)")
    one, two, plain = (results[k][0] for k in ("ours --jobs 1", "ours --jobs 2", "ours --jobs 1 --no-reuse"))
    added = 100 * (one - plain) / plain
    print("\n" + speed_up(args.size, [t[0] for t in taken["ours --jobs 1"]], [t[0] for t in taken["ours --jobs 2"]]))
    print(f"reuse detection adds {added:.0f}%")
    same = (work / "r1" / "audit.json").read_bytes() == (work / "r2" / "audit.json").read_bytes()
    print(f"--jobs 1 and --jobs 2 audit.json byte-identical: {same}")
    small = corpus_of(work, args.small, seed + 1)
    rounds = [[measure(ours(small, work / f"s{j}", "--jobs", str(j)))[0] for j in (1, 2)] for _ in range(args.rounds)]
    print(speed_up(args.small, [r[0] for r in rounds], [r[1] for r in rounds]))


def speed_up(mb: float, alone: list[float], shared: list[float]) -> str:
    """--jobs 2 against --jobs 1 from interleaved rounds: the ratio of the medians, then each round's."""
    each = ", ".join(f"{a / b:.2f}" for a, b in zip(alone, shared, strict=True))
    one, two = statistics.median(alone), statistics.median(shared)
    return f"--jobs 2 speed-up at {mb:g} MB: {one / two:.2f}x (by round: {each}; --jobs 1 {one:.2f} s)"


def median_run(got: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The median wall and CPU seconds of a command's rounds, and its largest peak RSS."""
    return (statistics.median(g[0] for g in got), statistics.median(g[1] for g in got), max(g[2] for g in got))


def profile(args: argparse.Namespace, work: Path, seed: int) -> None:
    corpus = corpus_of(work, args.size, seed)
    run = subprocess.run(ours(corpus, work / "p1", "--jobs", "1", "--profile"), capture_output=True, text=True)
    print(f"\n--profile, --jobs 1, {args.size:g} MB:\n\n{run.stderr.strip()}")


def memory(args: argparse.Namespace, work: Path, seed: int) -> None:
    print("\npeak RSS of --jobs 1 by input size (all of reports written):")
    for size in args.rss:
        corpus = corpus_of(work, size, seed + 2)
        for extra in ((), ("--no-reuse",)):
            secs, _, rss = measure(ours(corpus, work / "m", "--jobs", "1", *extra))
            print(f"  {size:g} MB{' --no-reuse' if extra else ''}: {rss:,.0f} MB peak ({secs:.1f} s)", flush=True)


def pages(args: argparse.Namespace, work: Path, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    from pages import compare, summary

    if args.pages > 0:  # --pages 0: only the --pages-dir folders
        written = write_pages(work / "pages", args.pages, seed=seed)
        texts = [p.read_text(encoding="utf-8") for p in written]
        print(f"\nHTML, {args.pages} generated farm pages: {summary(*compare(texts))}")
    for folder in args.pages_dir:
        found = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.html"))]
        if found:
            print(f"HTML, {folder}: {summary(*compare(found))}")


def compile_bytecode() -> None:
    """Compile the package's bytecode, as `pip install` does for an installed package.

    With PYTHONDONTWRITEBYTECODE set (as on these machines) an editable checkout never keeps its
    .pyc files, and every run would compile about 110 modules from source first (70 ms here):
    a cost no installed copy pays, which would be measured as start-up.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "auditor"), str(ROOT / "cli.py")], check=True)


def _at_least_one(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, default=20, help="corpus size in MB (default 20)")
    ap.add_argument("--small", type=float, default=5, help="the small corpus for --jobs 2 (default 5 MB)")
    ap.add_argument("--rounds", type=_at_least_one, default=3, help="interleaved rounds of the speed runs (default 3)")
    ap.add_argument(
        "--rss", type=lambda s: [float(x) for x in s.split(",") if x], default=[5, 20, 80], help="sizes for peak RSS"
    )
    ap.add_argument("--pages", type=int, default=200, help="generated HTML pages to time (default 200)")
    ap.add_argument("--dask", action="store_true", help="add runs on a Dask LocalCluster with 1 and 2 workers")
    ap.add_argument("--pages-dir", type=Path, action="append", default=[], help="also time these saved pages")
    ap.add_argument("--only", choices=["speed", "profile", "memory", "pages"], action="append")
    ap.add_argument("--keep", type=Path, help="folder to keep the corpora and reports in")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    seed = int(time.time())  # new text each run: nothing cached between runs
    compile_bytecode()
    for part in args.only or ["speed", "profile", "memory", "pages"]:
        {"speed": speed, "profile": profile, "memory": memory, "pages": pages}[part](args, work, seed)


if __name__ == "__main__":
    main()
