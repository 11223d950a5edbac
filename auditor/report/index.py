"""OUT/index.md: the run's summary first, then the articles grouped by input file, then the
corpus overview (report.overview), the inputs not audited and the settings.

An article's row starts with the link to its note (the column GitHub never cuts off) and
shows both headlines. Rows wait in a spooled file until the run ends, because the summary
above them is known only then. Up to INDEX_ROWS articles they all stand in index.md under a
heading per input file; beyond that each input file gets its own pages (OUT/<folder>/index.md,
index-2.md, ..., INDEX_ROWS rows each) and index.md lists the files and their pages.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote as percent_encode

from auditor.models import SEVERITY_ORDER, Article, top_severity
from auditor.report.notes import front_matter
from auditor.text.markdown import md, md_path_link

# 500 rows: about 105 KB of Markdown (~210 bytes a row, measured on a benchmarks/corpus.py
# dump of 4,068 articles, whose single index.md was 895 KB), a fifth of the half megabyte at which
# GitHub is reported to stop rendering Markdown files or to time out, and a page a person can
# still scroll. A bigger run gets pages per input file, 500 rows each; index.md stays ~32 KB.
INDEX_ROWS = 500
HEADLINE_CLIP = 160  # above every headline of the dev sets (longest 144 of 18,898); the note has it whole
_PREFIX = "\x00"  # stands for the folder prefix of a row's link; md() never lets one through
ROW_HEADER = (
    "| note | altered headline | original headline | inserted | top severity | publisher |\n|---|---|---|---|---|---|\n"
)


class Target(Protocol):
    def begin(self, rel: str) -> None: ...
    def add(self, rel: str, text: str) -> None: ...
    def end(self, rel: str) -> None: ...


@dataclass
class _File:
    path: str
    folder: str
    source: str | None  # the input relative to --out, when it lies in the same repository
    rows: int = 0


def clip(text: str, limit: int = HEADLINE_CLIP) -> str:
    """A headline cut to ``limit`` characters, at a space in its second half when there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def index_row(a: Article, name: str) -> str:
    """One article's row; ``name`` is its note's file name within the input's folder."""
    original = md(clip(a.original.text)) if a.original else "*not found*"
    ins = ", ".join(md(t) for t in a.inserted_terms) or "–"
    pub = md(a.publisher.name) if a.publisher else "unknown"
    top = top_severity(a.findings) or "none"
    link = f"[{a.index + 1}]({_PREFIX}{percent_encode(name, safe='/._-~')})"
    return f"| {link} | {md(clip(a.altered.text))} | {original} | {ins} | {top} | {pub} |\n"


def summary_section(files: int, articles: int, by_severity: Counter[str], by_top: Counter[str]) -> str:
    """Counts by severity (findings, and articles by their highest) and by category."""
    total = sum(by_severity.values())
    levels = sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.__getitem__, reverse=True)
    rows = [f"| {s} | {by_severity[s]} | {by_top[s]} |\n" for s in levels]
    return (
        f"{files} file(s), {articles} article(s), {total} finding(s).\n\n"
        "| severity | findings | articles (by their highest) |\n|---|---|---|\n"
        + "".join(rows)
        + f"| none | – | {by_top['none']} |\n"
    )


def index_settings(meta: dict[str, str]) -> str:
    rules = "the shipped rules" if meta.get("default_rules", "yes") == "yes" else "no shipped rules"
    return (
        "\n## Settings\n\n"
        f"- tool: {md(meta.get('tool', ''))} {md(meta.get('version', ''))}\n"
        f"- rules digest: {md(meta.get('rules_digest', ''))} ({rules}; extra rule folders: "
        f"{md(meta.get('extra_rules', '')) or 'none'}; ignored rules: {md(meta.get('ignored_rules', '')) or 'none'})\n"
        "- articles are numbered from 1 here and in the notes; audit.json's `index` counts from 0\n"
    )


class IndexPages:
    """Collects the article rows of a run and lays out index.md (and per-file pages)."""

    def __init__(self) -> None:
        self._rows = tempfile.SpooledTemporaryFile(mode="w+", max_size=8 << 20, encoding="utf-8")  # noqa: SIM115 - closed by close()
        self._files: list[_File] = []
        self.by_top: Counter[str] = Counter()

    def begin_file(self, path: str, folder: str, source: str | None) -> None:
        self._files.append(_File(path, folder, source))

    def add(self, a: Article, note: str) -> None:
        """``note`` is the note's path under --out (``<folder>/<name>``)."""
        self._rows.write(index_row(a, note.rsplit("/", 1)[-1]))
        self._files[-1].rows += 1
        self.by_top[top_severity(a.findings) or "none"] += 1

    def close(self) -> None:
        self._rows.close()

    def write(self, t: Target, head: str, tail: str) -> None:
        """index.md: ``head`` (title and summary), the articles, then ``tail`` (overview and more)."""
        self._rows.seek(0)
        t.begin("index.md")
        t.add("index.md", head + "## Articles\n\n")
        if sum(f.rows for f in self._files) <= INDEX_ROWS:
            self._inline(t)
        else:
            self._paged(t)
        t.add("index.md", tail)
        t.end("index.md")

    def _file_label(self, f: _File, up: str = "") -> str:
        return md_path_link(md(f.path), up + f.source) if f.source else md(f.path)

    def _inline(self, t: Target) -> None:
        for f in self._files:
            t.add("index.md", f"### {self._file_label(f)}\n\n")
            if not f.rows:
                t.add("index.md", "No article was found in this file.\n\n")
                continue
            t.add("index.md", ROW_HEADER)
            t.add("index.md", "".join(self._rows.readline().replace(_PREFIX, f.folder + "/") for _ in range(f.rows)))
            t.add("index.md", "\n")

    def _paged(self, t: Target) -> None:
        t.add("index.md", "| input file | articles | pages |\n|---|---|---|\n")
        for f in self._files:
            pages = [f"{f.folder}/{_page_name(k)}" for k in range(_page_count(f.rows))]
            links = " ".join(md_path_link(str(k + 1), p) for k, p in enumerate(pages)) or "–"
            t.add("index.md", f"| {self._file_label(f)} | {f.rows} | {links} |\n")
            for k in range(_page_count(f.rows)):
                self._page(t, f, k)
        t.add("index.md", "\n")

    def _page(self, t: Target, f: _File, k: int) -> None:
        rel, pages = f"{f.folder}/{_page_name(k)}", _page_count(f.rows)
        first, last = k * INDEX_ROWS + 1, min(f.rows, (k + 1) * INDEX_ROWS)
        nav = " ".join(str(j + 1) if j == k else md_path_link(str(j + 1), _page_name(j)) for j in range(pages))
        t.begin(rel)
        t.add(rel, f"# {md(f.path)}: articles {first}–{last} of {f.rows}\n\n")
        t.add(
            rel, f"{md_path_link('← Index', '../index.md')} · Pages: {nav} · Source: {self._file_label(f, '../')}\n\n"
        )
        t.add(rel, ROW_HEADER)
        t.add(rel, "".join(self._rows.readline().replace(_PREFIX, "") for _ in range(last - first + 1)))
        t.end(rel)


def _page_count(rows: int) -> int:
    return (rows + INDEX_ROWS - 1) // INDEX_ROWS


def _page_name(k: int) -> str:
    return "index.md" if k == 0 else f"index-{k + 1}.md"


def index_head(meta: dict[str, str], summary: str) -> str:
    fields = {k: meta.get(k, "") for k in ("tool", "version", "rules_digest")}
    return front_matter(fields) + "# Headline audit\n\n" + summary + "\n"


def index_tail(overview: str, errors: list[str], meta: dict[str, str]) -> str:
    errs = ("\n## Inputs not audited\n\n" + "".join(f"- {md(e)}\n" for e in errors)) if errors else ""
    return overview + errs + index_settings(meta)
