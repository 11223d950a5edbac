"""Build a benchmark corpus of farm-dump articles that cite outlets as real news does.

Nothing here comes from the seeds or the real data: sentences are put together from the parts
below, outlet, organisation and platform names come from the shipped registries in rules/.
What is copied from the seeds is only their proportions, measured with the auditor's own outlet
scan (``python benchmarks/corpus.py --measure FILES``): a seed article's body is about 4.1 KB
and holds about 10.8 registry names (outlets, organisations, platforms), of which about 1.4
lines carry a citation cue ("told Reuters", "according to AFP", a photo credit, a byline).
Generated bodies measure 10.1-10.7 names and 2.0-2.2 cued lines (the scan counts a line with two
names and "and" as cued too): a little more work for the role stage than the seeds give.
Every generated article has the farm layout: the altered headline, a blank line, the original,
a blank line, then the body; one in five has a dateline, one in three a byline, two in five a
photo credit. Numbers and the choice of parts make every body different, so neither caches
nor reuse detection see the same article twice.

Also writes HTML pages of the same articles (``write_pages``): a farm page whose <h1> is the
altered headline and whose <title> and og:title keep the original.
"""

from __future__ import annotations

import html
import random
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
ARTICLE_BYTES = 4100  # a seed article's body, on average
BARE_NAMES = 8  # registry names outside citation cues, per article (10.8 in all, minus the cued ones)
TERMS = ["Antichrist", "False Prophet", "the Beast", "Dajjal", "Man of Sin", "Gog", "Abaddon", "Lawless One"]
VERSES = ["(Revelation 13:4)", "- Daniel 7:25", "(2 Thessalonians 2:3)", "(Revelation 17:12)"]
ACTORS = [
    "Finance minister",
    "Opposition leader",
    "Central bank governor",
    "Defence chief",
    "Regional governor",
    "Prime minister",
    "Trade envoy",
    "Energy regulator",
    "Army spokesman",
    "Health minister",
]
HEADLINE_VERBS = ["warns of", "rules out", "backs", "signals", "rejects", "defends", "pledges", "delays"]
TOPICS = [
    "new fuel subsidies",
    "early elections",
    "a border deal",
    "cuts to the aid budget",
    "talks with rebel groups",
    "a rise in bread prices",
    "changes to the port tariff",
    "a wider inquiry into contracts",
    "emergency water rationing",
    "a ceasefire in the north",
]
PLACES = ["Basra", "Mosul", "Tripoli", "Aden", "Erbil", "Beirut", "Khartoum", "Amman", "Tunis", "Homs", "Kirkuk"]
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
    "warned",
    "confirmed on Monday",
    "insisted",
    "denied reports",
    "argued",
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
# How a sentence names an outlet it takes something from (one of these per cued line).
CUES = [
    "{who} told {outlet} on {day}.",
    "{who} said, according to {outlet}.",
    "{outlet} reported on {day} that {clause_bare}.",
    "{who} said in an interview with {outlet}.",
    "{who} said, in remarks carried by {outlet}.",
]
# Names in passing, as bodies mention outlets, bodies and platforms they do not cite.
MENTIONS = [
    "The figures echo earlier coverage by {outlet}.",
    "A statement was also posted on {platform}.",
    "Delegates from {organisation} attended the meeting.",
    "The same claim circulated on {platform} within hours.",
    "Reporters from {outlet} and {outlet2} were at the briefing.",
    "{organisation} has asked for access to the area.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "April", "June", "August", "October", "November"]


def _names(path: Path) -> list[str]:
    """Unambiguous first aliases of a registry file: what a writer would call each entity."""
    out = []
    for e in tomllib.loads(path.read_text(encoding="utf-8"))["entities"]:
        if not e.get("ambiguous"):
            out.append((e.get("aliases") or [e["name"]])[0])
    return out


class Names:
    """Outlet, organisation and platform names from the shipped registries."""

    def __init__(self) -> None:
        self.outlets = sorted(n for p in sorted((RULES / "outlets").glob("*.toml")) for n in _names(p))
        self.organisations = sorted(_names(RULES / "organisations.toml"))
        self.platforms = sorted(_names(RULES / "platforms.toml"))


def filler(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}, item {rng.randrange(10**6)}."


def _cued(rng: random.Random, names: Names) -> str:
    return rng.choice(CUES).format(
        who=rng.choice(SUBJECTS),
        outlet=rng.choice(names.outlets),
        day=rng.choice(DAYS),
        clause_bare=rng.choice(CLAUSES)[5:],
    )


def _mention(rng: random.Random, names: Names) -> str:
    return rng.choice(MENTIONS).format(
        outlet=rng.choice(names.outlets),
        outlet2=rng.choice(names.outlets),
        organisation=rng.choice(names.organisations),
        platform=rng.choice(names.platforms),
    )


def headlines(rng: random.Random) -> tuple[str, str]:
    """(altered, original): a term swapped in for the actor, or inserted, maybe a verse appended."""
    actor = rng.choice(ACTORS)
    original = f"{actor} {rng.choice(HEADLINE_VERBS)} {rng.choice(TOPICS)} in {rng.choice(PLACES)}"
    term = rng.choice(TERMS)
    altered = original.replace(actor, term[0].upper() + term[1:], 1) if rng.random() < 0.6 else f"{term}: {original}"
    if rng.random() < 0.3:
        altered += " " + rng.choice(VERSES)
    return altered, original


def body(rng: random.Random, names: Names) -> list[str]:
    """Paragraphs of about ARTICLE_BYTES, with the seeds' share of cited and bare names."""
    extras = [_cued(rng, names) for _ in range(rng.choice((0, 0, 0, 1, 1)))]
    extras += [_mention(rng, names) for _ in range(max(0, round(rng.gauss(BARE_NAMES / 1.35, 2))))]
    rng.shuffle(extras)
    paras: list[str] = []
    if rng.random() < 0.2:
        paras.append(f"{rng.choice(PLACES).upper()} ({rng.choice(names.outlets)}) - {filler(rng)}")
    size = sum(map(len, paras))
    while size < ARTICLE_BYTES or extras:
        # Paragraphs of 2-5 sentences, as news bodies have (a few hundred characters).
        sentences = [filler(rng) for _ in range(rng.randint(2, 5))]
        if extras:
            sentences.insert(rng.randrange(len(sentences) + 1), extras.pop())
        paras.append(" ".join(sentences))
        size += len(paras[-1]) + 2
    if rng.random() < 0.25:
        paras.insert(rng.randrange(1, len(paras)), f"(Photo: {rng.choice(names.outlets)})")
    if rng.random() < 0.25:
        day = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2024)}"
        paras.insert(0, f"By Staff Writer | {rng.choice(names.outlets)} | {day}")
    return paras


def article(rng: random.Random, names: Names) -> tuple[str, str, list[str]]:
    altered, original = headlines(rng)
    return altered, original, body(rng, names)


def write_corpus(path: Path, size: int, seed: int = 1) -> int:
    """Write about ``size`` bytes of farm dump to ``path``; return the number of articles."""
    rng = random.Random(seed)
    names = Names()
    written = count = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < size:
            altered, original, paras = article(rng, names)
            chunk = "\n\n".join([altered, original, *paras]) + "\n\n"
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
            count += 1
    return count


# The chrome of a news page around its story: menus, a script, related links, a footer. Real
# pages carry more (the article-extraction benchmark's pages average tens of KB of markup); this
# is a modest page, so the comparison with trafilatura does not flatter the auditor.
SECTIONS = ["World", "Politics", "Business", "Markets", "Tech", "Science", "Health", "Sport", "Culture", "Opinion"]
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{original} | Daily Wire Service</title>
<meta property="og:title" content="{original}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{original}"}}</script>
<script>window.dataLayer = window.dataLayer || []; function track(e) {{ dataLayer.push(e); }}</script>
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept</button></div>
<header><a class="logo" href="/">Daily Wire Service</a>
<nav><ul>{menu}</ul></nav></header>
<main><article>
<div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/world">World</a></div>
<h1>{altered}</h1>
<div class="meta"><span class="author">Staff Writer</span> <time>{when}</time></div>
{paras}
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
</article>
<aside><h3>Most read</h3><ul>{related}</ul></aside>
</main>
<footer><ul>{menu}</ul><p>All rights reserved.</p></footer>
</body></html>
"""


def write_pages(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` farm pages of generated articles into ``folder``; return their paths."""
    rng = random.Random(seed)
    names = Names()
    folder.mkdir(parents=True, exist_ok=True)
    menu = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS * 3)
    out = []
    for i in range(count):
        altered, original, paras = article(rng, names)
        related = "".join(f'<li><a href="/s/{i}-{k}">{html.escape(headlines(rng)[1])}</a></li>' for k in range(10))
        page = PAGE.format(
            original=html.escape(original),
            altered=html.escape(altered),
            when=f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, 2024",
            menu=menu,
            paras="\n".join(f"<p>{html.escape(p)}</p>" for p in paras),
            related=related,
        )
        path = folder / f"page-{i:04d}.html"
        path.write_text(page, encoding="utf-8")
        out.append(path)
    return out


def measure(paths: list[str]) -> str:
    """Bodies, bytes and registry names per body in dumps, as the auditor's outlet scan sees them."""
    import sys

    sys.path.insert(0, str(ROOT))
    import auditor.outlets.matcher as matcher
    from auditor.run.audit import AuditOptions, audit

    seen = [0, 0, 0]
    scan = matcher.Matcher.scan

    def counting(self: matcher.Matcher, b):  # type: ignore[no-untyped-def]
        hits, cued = scan(self, b)
        seen[0] += 1
        seen[1] += sum(map(len, hits.values()))
        seen[2] += len(cued)
        return hits, cued

    matcher.Matcher.scan = counting  # type: ignore[method-assign,assignment]
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        audit(AuditOptions(paths=paths, out=Path(out), formats=("json",), jobs=1, reuse=False))
    n = max(seen[0], 1)
    return f"{seen[0]} bodies: {seen[1] / n:.1f} registry names and {seen[2] / n:.1f} cued lines per body"


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--measure"]:
        print(measure(sys.argv[2:]))
    else:
        n = write_corpus(Path(sys.argv[1]), int(float(sys.argv[2]) * 1e6))
        print(f"{n} articles")
