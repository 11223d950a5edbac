"""Build every report while articles stream past: notes at once, the big files piece by piece.

Rendering stays pure (text from models); a Target decides whether the text is written
(writer.DirectoryTarget) or compared with what is on disk (report.check.CheckTarget). The builder
never reads an input: reuse links arrive, already confirmed, at ``finish``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from auditor import TOOL_NAME, __version__
from auditor.checks.loader import LoadedRule
from auditor.ingest.repo import SourceRoot
from auditor.models import SEVERITY_ORDER, Article
from auditor.report import json_out
from auditor.report.csv_out import csv_header, csv_row
from auditor.report.index import IndexPages, index_head, index_tail, summary_section
from auditor.report.links import NoteLinks
from auditor.report.notes import render_note, settings_section
from auditor.report.overview import Overview, render_overview, render_reuse
from auditor.report.paths import NotePaths
from auditor.report.record import ArticleRecord, FindingFact
from auditor.report.sarif import rule_index, sarif_results
from auditor.report.sarif_log import SarifLog
from auditor.report.sink import DocumentInfo
from auditor.reuse.index import ArticleRef, Links

FORMATS = ("md", "json", "sarif", "csv")
SUMMARY_ROWS = 200  # the step summary lists at most this many articles; the index has them all


class Target(Protocol):
    # A file put with a ``tail`` keeps it last: amend() inserts before it (a note's Settings).
    def put(self, rel: str, text: str, tail: str = "") -> None: ...
    def amend(self, rel: str, text: str, keep_last: int = 0) -> None: ...  # insert before the last keep_last chars
    def begin(self, rel: str) -> None: ...
    def add(self, rel: str, text: str) -> None: ...
    def end(self, rel: str) -> None: ...


@dataclass
class RunStats:
    """What the exit code, the summary and the console line need; small whatever the corpus."""

    files: int = 0
    articles: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    failing: int = 0
    known: int = 0
    flagged: list[tuple[str, Article, str]] = field(default_factory=list)  # (path, article, note)
    flagged_total: int = 0


class ReportBuilder:
    """A sink for the runner: every format asked for, from one stream of articles."""

    def __init__(
        self,
        target: Target,
        formats: tuple[str, ...],
        settings: dict[str, str],
        rules: list[LoadedRule],
        known: frozenset[str],
        inputs: list[str],
        rules_digest: str,
        fail_on: str,
        sources: Mapping[str, str] | None = None,
        root: SourceRoot | None = None,  # what SARIF names inputs from (default: found from the inputs)
    ) -> None:
        """``sources`` maps an input to its path relative to --out, for inputs that lie in the
        same git repository as --out (run.places): notes then link their lines to it."""
        self.t, self.formats, self.known = target, formats, known
        self.sources = sources or {}
        self.overview = Overview()
        # index.md opens with the run's summary, known only at the end: rows wait in here.
        self.index = IndexPages()
        self.paths = NotePaths(inputs)
        self.fail_floor = None if fail_on == "never" else SEVERITY_ORDER[fail_on]
        self.base: dict[str, str] = {
            "tool": TOOL_NAME,
            "version": __version__,
            "rules_digest": rules_digest,
            **settings,
        }
        self.meta, self.settings_tail = self.base, ""
        self._tail_len: dict[str, int] = {}  # a note folder -> the length of its notes' Settings
        self.stats = RunStats()
        self._first_doc, self._first_result, self._sarif_index = True, True, rule_index(rules)
        self.doc = DocumentInfo("", "")
        self._first_article = True
        if "json" in formats:
            target.begin("audit.json")
            target.add("audit.json", json_out.head(rules_digest))
        self._sarif = SarifLog(rules, root or SourceRoot.of(inputs)) if "sarif" in formats else None
        if self._sarif is not None:
            target.begin("audit.sarif")
            target.add("audit.sarif", self._sarif.head())
        if "csv" in formats:
            target.begin("articles.csv")
            target.add("articles.csv", csv_header())

    def begin_document(self, doc: DocumentInfo) -> None:
        self.doc = doc
        self.meta = {**self.base, "input": doc.path, "sha256": doc.sha256}
        # One string for every note of the input: a --check run keeps it once, not per note.
        self.settings_tail = settings_section(self.meta)
        if "md" in self.formats:
            folder = self.paths.folder(doc.path)
            self._tail_len[folder] = len(self.settings_tail)
            self.index.begin_file(doc.path, folder, self.sources.get(doc.path))
        self._first_article = True
        self.stats.files += 1
        if "json" in self.formats:
            self.t.add("audit.json", json_out.document_head(doc.path, doc.sha256, doc.page, doc.view, self._first_doc))
            self._first_doc = False

    def _count(self, prints: list[FindingFact]) -> set[tuple[str, str]]:
        """Tally the findings; return the (rule, term) pairs a baseline already knows."""
        st = self.stats
        known_here = set()
        for rule, term, severity, category, fp in prints:
            st.by_severity[severity] += 1
            st.by_category[category] += 1
            if fp in self.known:
                st.known += 1
                known_here.add((rule, term))
            elif self.fail_floor is not None and SEVERITY_ORDER[severity] >= self.fail_floor:
                st.failing += 1
        return known_here

    def _note(self, rec: ArticleRecord, flagged: bool) -> str:
        # The note's path is named only where a report shows it: notes and index.md (with its
        # overview), the CSV, the first rows of the summary. Making it costs a slug a headline.
        wanted = "md" in self.formats or "csv" in self.formats or (flagged and len(self.stats.flagged) < SUMMARY_ROWS)
        return self.paths.note(self.doc.path, rec.index, rec.overview.altered) if wanted else ""

    def article(self, rec: ArticleRecord) -> None:
        path = self.doc.path
        self.stats.articles += 1
        known_here = self._count(rec.findings)
        if self._sarif is not None and rec.findings:
            fps, where = [fp for *_, fp in rec.findings], self._sarif.location(path)
            for res in sarif_results(rec.article, fps, where, self._sarif_index, self.known, self.doc.page):
                self.t.add("audit.sarif", ("" if self._first_result else ",\n") + json_out.dump_line(res, 8))
                self._first_result = False
        flagged = any(severity != "info" for _, _, severity, _, _ in rec.findings)
        note = self._note(rec, flagged)
        if flagged:
            self.stats.flagged_total += 1
            if len(self.stats.flagged) < SUMMARY_ROWS:
                self.stats.flagged.append((path, rec.article, note))
        if "json" in self.formats:
            self.t.add("audit.json", ("\n" if self._first_article else ",\n") + rec.line)
            self._first_article = False
        if "md" in self.formats:
            links = NoteLinks.for_note(note, self.sources.get(path), self.doc.page is not None)
            text = render_note(path, rec.article, self.meta, links, known_here, self.doc.page, self.doc.view)
            self.t.put(note, text, tail=self.settings_tail)
            self.index.add(rec.article, note)
            self.overview.add(path, rec.overview, note)  # shown in index.md only
        if "csv" in self.formats:
            self.t.add("articles.csv", csv_row(path, rec.article, note))

    def end_document(self, line_count: int, warnings: list[str]) -> None:
        if self._sarif is not None:
            self._sarif.document_warnings(self.doc.path, warnings)
        if "json" in self.formats:
            self.t.add("audit.json", json_out.document_tail(line_count, warnings, not self._first_article))

    def _note_of(self, ref: ArticleRef) -> str:
        return self.paths.note(ref.path, ref.index, ref.headline)

    def _describer(self, up: str) -> Callable[[ArticleRef], tuple[str, int, str]]:
        """(path, index, link) of another article, the link relative to a note ``up`` from the root."""
        return lambda other: (other.path, other.index, up + self._note_of(other))

    def finish(self, errors: list[str], links: Links) -> RunStats:
        clusters = self._clusters(links)
        if "md" in self.formats:
            for ref, art_links in links.items():
                here = self._note_of(ref)
                reuse = render_reuse(art_links, self._describer("../" * here.count("/")))
                self.t.amend(here, reuse, keep_last=self._tail_len.get(here.split("/")[0], 0))
        if "json" in self.formats:
            self.t.add("audit.json", json_out.tail(links, errors, not self._first_doc))
            self.t.end("audit.json")
        if self._sarif is not None:
            self.t.add("audit.sarif", self._sarif.tail(errors))
            self.t.end("audit.sarif")
        if "csv" in self.formats:
            self.t.end("articles.csv")
        if "md" in self.formats:
            st = self.stats
            head = index_head(self.base, summary_section(st.files, st.articles, st.by_severity, self.index.by_top))
            self.index.write(self.t, head, index_tail(render_overview(self.overview, clusters), errors, self.base))
        self.index.close()
        return self.stats

    def _clusters(self, links: Links) -> list[list[tuple[str, int, str, str]]]:
        """Articles joined by "same body" links, each group listed once, in input order."""
        parent: dict[ArticleRef, ArticleRef] = {}

        def find(x: ArticleRef) -> ArticleRef:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, ls in links.items():
            for link in ls:
                if link.kind == "same body":
                    parent[find(a)] = find(link.other)
        groups: dict[ArticleRef, list[ArticleRef]] = {}
        for x in sorted(parent):
            groups.setdefault(find(x), []).append(x)
        members = sorted(sorted(g) for g in groups.values() if len(g) > 1)
        return [[(m.path, m.index, m.headline, self._note_of(m)) for m in group] for group in members]


class MemoryTarget:
    """Collects reports in a dict {relative path: text}: for library callers and tests."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self._parts: dict[str, list[str]] = {}

    def put(self, rel: str, text: str, tail: str = "") -> None:
        self.files[rel] = text + tail

    def amend(self, rel: str, text: str, keep_last: int = 0) -> None:
        old, cut = self.files[rel], len(self.files[rel]) - keep_last
        self.files[rel] = old[:cut] + text + old[cut:]

    def begin(self, rel: str) -> None:
        self._parts[rel] = []

    def add(self, rel: str, text: str) -> None:
        self._parts[rel].append(text)

    def end(self, rel: str) -> None:
        self.files[rel] = "".join(self._parts.pop(rel))
