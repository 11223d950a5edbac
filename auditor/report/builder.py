"""Build every report while articles stream past: notes at once, the big files piece by piece.

Rendering stays pure (text from models); a Target decides whether the text is written
(writer.DirectoryTarget) or compared with what is on disk (writer.CheckTarget).
"""
from __future__ import annotations

import json
import tempfile
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from auditor import TOOL_NAME, __version__
from auditor.report.digest import ArticleDigest, article_json_line, digest
from auditor.ingest.html import PageInfo
from auditor.models import SEVERITY_ORDER, Article
from auditor.report.notes import INDEX_HEADER, index_head, index_row, index_tail, render_note
from auditor.report.overview import Overview, csv_header, csv_row, render_overview, render_reuse
from auditor.report.paths import NotePaths
from auditor.report.sarif import rule_index, sarif_head, sarif_result
from auditor.reuse.index import ReuseIndex
from auditor.checks.loader import LoadedRule

FORMATS = ("md", "json", "sarif", "csv")
SUMMARY_ROWS = 200  # the step summary lists at most this many articles; the index has them all


class Target(Protocol):
    def put(self, rel: str, text: str) -> None: ...
    def amend(self, rel: str, text: str) -> None: ...  # append to a file put earlier in this run
    def begin(self, rel: str) -> None: ...
    def add(self, rel: str, text: str) -> None: ...
    def end(self, rel: str) -> None: ...


def _dump(obj: object, indent: int) -> str:
    """One article or result per line: compact (the C encoder) yet easy to diff and to grep."""
    return " " * indent + json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


@dataclass
class RunStats:
    """What the exit code, the summary and the console line need; small whatever the corpus."""

    files: int = 0
    articles: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    failing: int = 0
    known: int = 0
    flagged: list[tuple[str, Article, str]] = field(default_factory=list)  # (path, article, note)
    flagged_total: int = 0


class ReportBuilder:
    def __init__(
        self, target: Target, formats: tuple[str, ...], settings: dict[str, str], rules: list[LoadedRule],
        known: frozenset[str], inputs: list[str], rules_digest: str, fail_on: str,
        read_bodies=None, reuse: bool = True, boilerplate: tuple[str, ...] = (), jobs: int = 1,
    ) -> None:
        self.t, self.formats, self.rules, self.known = target, formats, rules, known
        self.read_bodies = read_bodies or (lambda wanted: iter(()))
        self.reuse = ReuseIndex(boilerplate, jobs) if reuse else None
        self.overview = Overview()
        # index.md opens with the corpus overview, known only at the end: rows wait here.
        self._rows = tempfile.SpooledTemporaryFile(mode="w+", max_size=8 << 20, encoding="utf-8")
        self.paths = NotePaths(inputs)
        self.fail_floor = None if fail_on == "never" else SEVERITY_ORDER[fail_on]
        self.base = {"tool": f"{TOOL_NAME} {__version__}", "rules_digest": rules_digest, **settings}
        self.stats = RunStats()
        self._first_doc, self._first_result, self._sarif_index = True, True, rule_index(rules)
        if "json" in formats:
            target.begin("audit.json")
            head = {"tool": TOOL_NAME, "version": __version__, "rules_digest": rules_digest}
            target.add("audit.json", json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "documents": [')
        if "sarif" in formats:
            self._sarif_tail = sarif_head(rules)
            target.begin("audit.sarif")
            target.add("audit.sarif", self._sarif_tail[0])
        if "csv" in formats:
            target.begin("articles.csv")
            target.add("articles.csv", csv_header())

    def begin_document(self, path: str, sha256: str, page: PageInfo | None = None, view: list[str] | None = None) -> None:
        self.path, self.sha, self.page, self.view = path, sha256, page, view
        self.fm = {**self.base, "input": path, "input_sha256": sha256}
        self._first_article = True
        self.stats.files += 1
        if "json" in self.formats:
            meta: dict = {"path": path, "sha256": sha256}
            if page is not None:
                meta["page"] = page.model_dump(mode="json", exclude={"paragraphs"})
                meta["view"] = view or []
            head = json.dumps(meta, ensure_ascii=False, indent=2)[:-2]
            self.t.add("audit.json", ("\n" if self._first_doc else ",\n") + textwrap.indent(head, "    ") + ',\n      "articles": [')
            self._first_doc = False

    def article(self, item: ArticleDigest | Article) -> None:
        d = item if isinstance(item, ArticleDigest) else digest(self.path, item)
        st = self.stats
        st.articles += 1
        known_here = set()
        for rule, term, severity, category, fp in d.findings:
            st.by_severity[severity] += 1
            st.by_category[category] += 1
            if fp in self.known:
                st.known += 1
                known_here.add((rule, term))
            elif self.fail_floor is not None and SEVERITY_ORDER[severity] >= self.fail_floor:
                st.failing += 1
        if "sarif" in self.formats:
            a = d.article()
            for f, (*_, fp) in zip(a.findings, d.findings):
                res = sarif_result(self.path, a, f, fp, self._sarif_index, self.known)
                self.t.add("audit.sarif", ("" if self._first_result else ",\n") + _dump(res, 8))
                self._first_result = False
        flagged = any(severity != "info" for _, _, severity, _, _ in d.findings)
        # The note's path is named only where a report shows it: notes, the CSV, the first
        # rows of the summary and of the overview's list. Making it costs a slug a headline.
        wanted = (
            "md" in self.formats or "csv" in self.formats or (flagged and len(st.flagged) < SUMMARY_ROWS)
            or (not d.has_original and self.overview.lists_more())
        )
        note = self.paths.note(self.path, d.index, d.altered) if wanted else ""
        if flagged:
            st.flagged_total += 1
            if len(st.flagged) < SUMMARY_ROWS:
                st.flagged.append((self.path, d.article(), note))
        if "json" in self.formats:
            line = d.json_line if d.json_line is not None else article_json_line(d.article())
            self.t.add("audit.json", ("\n" if self._first_article else ",\n") + line)
            self._first_article = False
        if "md" in self.formats:
            a = d.article()
            self.t.put(note, render_note(self.path, a, self.fm, known_here, self.page, self.view))
            self._rows.write(index_row(self.path, a, note))
        if "csv" in self.formats:
            self.t.add("articles.csv", csv_row(self.path, d.article(), note))
        self.overview.add(self.path, d.overview, note)
        if self.reuse is not None:
            self.reuse.add(self.path, d.index, note, d.body, d.paragraphs or None, d.altered, chars=d.paragraph_chars)

    def add_postings(self, buckets: dict[int, bytes], first: int) -> None:
        """Reuse postings a worker bucketed for articles ``first``, ``first`` + 1, ... of the run."""
        if self.reuse is not None:
            self.reuse.add_postings(buckets, first)

    def end_document(self, line_count: int, warnings: list[str]) -> None:
        if "json" in self.formats:
            close = "\n      ]" if not self._first_article else "]"
            tail = {"line_count": line_count, "warnings": warnings}
            body = json.dumps(tail, ensure_ascii=False, indent=2)[1:-2]
            self.t.add("audit.json", close + "," + textwrap.indent(body, "    ") + "\n    }")

    def set_reuse_rows(self, rows: list) -> None:
        """Shared-paragraph rows grouped elsewhere (on a Dask cluster) instead of in SQLite."""
        self._reuse_rows = rows

    def finish(self, errors: list[str]) -> RunStats:
        rows = getattr(self, "_reuse_rows", None)
        links = self.reuse.links(self.read_bodies, rows) if self.reuse is not None else {}
        clusters = self._clusters(links)
        if "md" in self.formats:
            for art, art_links in sorted(links.items()):
                note = self.reuse.article(art)[2]
                self.t.amend(note, render_reuse(art_links, lambda other, here=note: self._describe(other, here)))
        if "json" in self.formats:
            close = "\n  ]" if not self._first_doc else "]"
            pairs = [self._pair_json(a, l) for a, ls in sorted(links.items()) for l in ls if a < l.other]
            body = ",\n".join(_dump(p, 4) for p in pairs)
            self.t.add("audit.json", close + ',\n  "reuse": [' + (f"\n{body}\n  ]" if pairs else "]"))
            self.t.add("audit.json", ',\n  "errors": ' + json.dumps(errors, ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n}\n")
            self.t.end("audit.json")
        if "sarif" in self.formats:
            self.t.add("audit.sarif", self._sarif_tail[1])
            self.t.end("audit.sarif")
        if "csv" in self.formats:
            self.t.end("articles.csv")
        if "md" in self.formats:
            self.t.begin("index.md")
            overview = render_overview(self.overview, self.stats.files, self.stats.articles, clusters)
            self.t.add("index.md", index_head(self.base) + overview + INDEX_HEADER)
            self._rows.seek(0)
            for block in iter(lambda: self._rows.read(1 << 20), ""):
                self.t.add("index.md", block)
            self.t.add("index.md", index_tail(errors))
            self.t.end("index.md")
        self._rows.close()
        if self.reuse is not None:
            self.reuse.close()
        return self.stats

    def _describe(self, other: int, here: str) -> tuple[str, int, str]:
        path, index, note = self.reuse.article(other)[:3]
        up = "../" * here.count("/")
        return path, index, up + note

    def _pair_json(self, a: int, link) -> dict:
        pa, pb = self.reuse.article(a), self.reuse.article(link.other)
        return {
            "kind": link.kind, "similarity": link.similarity, "shared_paragraphs": link.shared,
            "a": {"path": pa[0], "article": pa[1]}, "b": {"path": pb[0], "article": pb[1]},
            "runs": [{"a_lines": [r[0], r[1]], "b_lines": [r[2], r[3]]} for r in link.runs],
        }

    def _clusters(self, links: dict) -> list[list[tuple[str, int, str, str]]]:
        """Articles joined by "same body" links, each group listed once, in input order."""
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, ls in links.items():
            for l in ls:
                if l.kind == "same body":
                    parent[find(a)] = find(l.other)
        groups: dict[int, list[int]] = {}
        for x in sorted(parent):
            groups.setdefault(find(x), []).append(x)
        out = []
        for members in sorted((sorted(g) for g in groups.values() if len(g) > 1)):
            rows = []
            for m in members:
                path, index, note, *_, headline = self.reuse.article(m)
                rows.append((path, index, headline, note))
            out.append(rows)
        return out


class MemoryTarget:
    """Collects reports in a dict {relative path: text}: for library callers and tests."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self._parts: dict[str, list[str]] = {}

    def put(self, rel: str, text: str) -> None:
        self.files[rel] = text

    def amend(self, rel: str, text: str) -> None:
        self.files[rel] += text

    def begin(self, rel: str) -> None:
        self._parts[rel] = []

    def add(self, rel: str, text: str) -> None:
        self._parts[rel].append(text)

    def end(self, rel: str) -> None:
        self.files[rel] = "".join(self._parts.pop(rel))
