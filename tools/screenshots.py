"""Render notes and the index the way GitHub shows them, and photograph them in headless Chromium.

usage: python tools/screenshots.py [REPORTS] [--out DIR] [--widths 1012,400] [--limit N] [--only NAME]

REPORTS is an --out folder of `auditor audit` (default: reports). For every Markdown file in it
(index.md and the per-file index pages first, then the notes; --limit N keeps the first N) this
writes, under --out (default: screenshots/, which .gitignore keeps out of git):

- ``<name>.github.html``: what github.com shows. cmark-gfm (GitHub's engine, with the table,
  strikethrough, autolink and tagfilter extensions) has no front-matter option, so the front
  matter is handled as github.com handles it: taken off and shown as a table with one column a
  key (its `data-table-type="yaml-metadata"` table);
- ``<name>.plain.html``: what a renderer without front-matter support shows: cmark-gfm on the
  whole file (the opening ``---`` is a rule; text right above a closing ``---`` would be a
  heading);
- a PNG of each at each width (GitHub's content width, about 1012 px, and a phone's), whole
  page: a first Chromium pass measures the page height, the second takes the picture.

Each page is styled with the small stylesheet below (written for this script; GitHub's own is
not copied): GitHub's font stack, 16 px text, bordered tables that scroll sideways when wider
than the page (as GitHub's do), rules, quotes and code blocks. For each page it prints what
the first pass measured: tables wider than the page (their right-hand columns are then out of
sight) and giant headings (over four lines, or holding front-matter keys). Needs `cmark-gfm`
and `chromium` on PATH (Debian: apt-get install -y cmark-gfm chromium).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter"]
WIDTHS = (1012, 400)
MAX_HEIGHT = 16000  # px; longer pages are cut (an index of thousands of rows)

CSS = """
body { margin: 0; background: #ffffff; }
.markdown-body { box-sizing: border-box; max-width: 1012px; padding: 24px 32px; color: #1f2328;
  font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, "Liberation Sans", sans-serif;
  font-size: 16px; line-height: 1.5; overflow-wrap: break-word; }
@media (max-width: 600px) { .markdown-body { padding: 12px 14px; } }
.markdown-body > :first-child { margin-top: 0; }
h1, h2 { font-weight: 600; line-height: 1.25; margin: 24px 0 16px; padding-bottom: .3em;
  border-bottom: 1px solid #d1d9e0; }
h1 { font-size: 2em; } h2 { font-size: 1.5em; }
p, ul, ol, table, pre, blockquote { margin: 0 0 16px; }
ul, ol { padding-left: 2em; }
a { color: #0969da; text-decoration: none; }
table { display: block; width: max-content; max-width: 100%; overflow: auto; border-collapse: collapse; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, "Liberation Mono", monospace; font-size: 85%; }
pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; line-height: 1.45; }
blockquote { color: #59636e; border-left: .25em solid #d1d9e0; padding: 0 1em; margin-left: 0; }
hr { height: .25em; background: #d1d9e0; border: 0; margin: 24px 0; }
del { color: #59636e; }
"""

# Run by Chromium's first pass (--dump-dom keeps what the script writes into the page).
MEASURE = """
addEventListener('load', () => {
  const wide = [...document.querySelectorAll('table')].filter(t => t.scrollWidth > t.clientWidth + 1);
  // A heading over four lines, or holding front-matter keys ('tool: "..." version: "..."'),
  // is text a renderer took for a heading: the "giant heading" of unhandled front matter.
  const tall = [...document.querySelectorAll('h1, h2, h3')].filter(h =>
    h.getBoundingClientRect().height > 4.5 * parseFloat(getComputedStyle(h).lineHeight)
    || (h.innerText.match(/\\w+: "/g) || []).length >= 2);
  document.body.dataset.measured = JSON.stringify({
    height: document.documentElement.scrollHeight,
    wide_tables: wide.map(t => (t.rows[0] ? t.rows[0].innerText : '').replace(/\\s+/g, ' ').slice(0, 60)),
    tall_headings: tall.map(h => h.innerText.replace(/\\s+/g, ' ').slice(0, 60)),
  });
});
"""

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass
class Measure:
    height: int
    wide_tables: list[str]
    tall_headings: list[str]


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(the front matter as github.com shows it, as HTML; the rest), or (None, text) without one."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, text
    fields = {}
    for line in (m.group(1) or "").splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or key != key.lstrip():
            # Not a flat mapping of scalars (all the tool writes): github.com shows it as code.
            return f'<pre lang="yaml"><code>{html.escape(m.group(1))}</code></pre>', text[m.end() :]
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':  # YAML double quotes: undo its escapes
            value = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), value[1:-1])
            value = value.replace('\\"', '"').replace("\\\\", "\\")
        fields[key.strip()] = value
    heads = "".join(f"<th>{html.escape(k)}</th>" for k in fields)
    cells = "".join(f"<td><div>{html.escape(v)}</div></td>" for v in fields.values())
    table = (
        f'<table data-table-type="yaml-metadata"><thead><tr>{heads}</tr></thead><tbody><tr>{cells}</tr></tbody></table>'
    )
    return table, text[m.end() :]


def cmark(markdown: str) -> str:
    # --unsafe: GitHub passes raw HTML to its sanitiser, which keeps <br>; tagfilter still applies.
    cmd = ["cmark-gfm", "--unsafe", *EXTENSIONS]
    return subprocess.run(cmd, input=markdown, capture_output=True, text=True, check=True).stdout


def page(body: str, title: str, measure: bool) -> str:
    script = f"<script>{MEASURE}</script>" if measure else ""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style>{script}</head>"
        f'<body><article class="markdown-body">{body}</article></body></html>\n'
    )


def chromium(args: list[str]) -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    with tempfile.TemporaryDirectory(prefix="shots-profile-") as profile:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}", *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout


def measure(html_file: Path, width: int) -> Measure:
    dom = chromium([f"--window-size={width},800", "--virtual-time-budget=2000", "--dump-dom", html_file.as_uri()])
    m = re.search(r'data-measured="([^"]*)"', dom)
    if not m:
        raise RuntimeError(f"{html_file}: Chromium did not run the measuring script")
    data = json.loads(html.unescape(m.group(1)))
    return Measure(int(data["height"]), data["wide_tables"], data["tall_headings"])


def shoot(html_file: Path, png: Path, width: int, max_height: int = MAX_HEIGHT) -> Measure:
    got = measure(html_file, width)
    height = min(max(got.height, 200), max_height)
    chromium([f"--window-size={width},{height}", f"--screenshot={png}", html_file.as_uri()])
    return got


def markdown_files(reports: Path, limit: int | None, only: str | None) -> list[Path]:
    """The index first, then the per-file index pages, then the notes."""
    files = sorted(reports.rglob("*.md"), key=lambda p: (p.name != "index.md", p.parent != reports, p.as_posix()))
    if only:
        files = [p for p in files if only in p.relative_to(reports).as_posix()]
    return files[:limit] if limit else files


def render_all(
    reports: Path, out: Path, widths: tuple[int, ...], limit: int | None, only: str | None, max_height: int = MAX_HEIGHT
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    pngs = []
    for md_file in markdown_files(reports, limit, only):
        rel = md_file.relative_to(reports).as_posix()
        name = rel.removesuffix(".md").replace("/", "__")
        text = md_file.read_text(encoding="utf-8")
        fm, rest = split_front_matter(text)
        views = {"github": (fm or "") + cmark(rest), "plain": cmark(text)}
        for view, body in views.items():
            html_file = out / f"{name}.{view}.html"
            html_file.write_text(page(body, rel, measure=True), encoding="utf-8")
            for width in widths:
                png = out / f"{name}.{view}.{width}.png"
                got = shoot(html_file, png, width, max_height)
                pngs.append(png)
                problems = [f"table wider than the page: {t!r}" for t in got.wide_tables]
                problems += [f"giant heading: {h!r}" for h in got.tall_headings]
                print(f"{png.name}: {got.height} px high" + "".join(f"\n  {p}" for p in problems))
    return pngs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reports", nargs="?", default="reports", type=Path)
    ap.add_argument("--out", default=Path("screenshots"), type=Path)
    ap.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    ap.add_argument("--limit", type=int, default=None, help="photograph only the first N Markdown files")
    ap.add_argument("--only", default=None, help="only files whose path holds this text")
    ap.add_argument("--max-height", type=int, default=MAX_HEIGHT, help="cut pictures at this many pixels")
    args = ap.parse_args(argv)
    for tool in ("cmark-gfm", "chromium"):
        if not shutil.which(tool) and not (tool == "chromium" and shutil.which("chromium-browser")):
            print(f"error: {tool} is not on PATH (Debian: apt-get install -y {tool})", file=sys.stderr)
            return 2
    widths = tuple(int(w) for w in args.widths.split(","))
    pngs = render_all(args.reports, args.out, widths, args.limit, args.only, args.max_height)
    print(f"{len(pngs)} screenshot(s) in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
