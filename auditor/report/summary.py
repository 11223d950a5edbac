"""A short Markdown summary for $GITHUB_STEP_SUMMARY: counts, articles with findings, links.

GitHub shows a step summary on the run's page, so its links are worked out by run.places:
absolute links to the input's lines at the audited commit inside Actions (the notes are then in
the run's artifact, named by their path under --out), relative links from the summary file
otherwise. A local absolute path is never written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.models import SEVERITY_ORDER, top_finding
from auditor.report.builder import SUMMARY_ROWS, RunStats
from auditor.text.markdown import md, md_link, md_path_link


@dataclass(frozen=True)
class SummaryLinks:
    """``out_label``: --out relative to the repository (or current folder); ``notes_prefix``:
    what makes a note's path a relative link (None: not linked); ``sources``: input -> link base,
    a URL or a relative path, to which ``#L<line>`` is added; ``artifacts``: the run's artifacts."""

    out_label: str = "reports"
    notes_prefix: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    artifacts: str = ""

    def note(self, note: str) -> str:
        return md(note) if self.notes_prefix is None else md_path_link(md(note), self.notes_prefix + note)

    def line(self, path: str, line: int) -> str:
        base = self.sources.get(path)
        if base is None:
            return str(line)
        if base.startswith(("https://", "http://")):
            return md_link(str(line), f"{base}#L{line}")
        return md_path_link(str(line), base, f"L{line}")


def _where_notes(links: SummaryLinks) -> str:
    if links.notes_prefix is not None:
        return f"Notes are under {md(links.out_label)}/.\n"
    out = md(links.out_label) + "/"
    kept = (
        f" A workflow that keeps them lists them among {md_link('this run’s artifacts', links.artifacts)}."
        if links.artifacts
        else ""
    )
    return f"Notes were written under {out}.{kept} Each note's path below is relative to {out}.\n"


def render_summary(st: RunStats, fail_on: str, errors: list[str], links: SummaryLinks | None = None) -> str:
    links = links or SummaryLinks()
    total = sum(st.by_severity.values())
    verdict = "passed" if st.failing == 0 else f"failed: {st.failing} finding(s) at or above {fail_on}"
    lines = [
        "## Headline audit\n",
        f"{st.files} file(s), {st.articles} article(s), {total} finding(s); {verdict}."
        + (f" {st.known} finding(s) are known from the baseline." if st.known else "")
        + "\n",
        "| severity | findings |",
        "|---|---|",
        *[
            f"| {s} | {st.by_severity[s]} |"
            for s in sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.__getitem__, reverse=True)
        ],
        "",
        "| category | findings |",
        "|---|---|",
        *[f"| {md(c)} | {n} |" for c, n in sorted(st.by_category.items(), key=lambda kv: (-kv[1], kv[0]))],
        "",
    ]
    if st.flagged:
        lines += [
            _where_notes(links),
            "| note | file | line | altered headline | top finding |",
            "|---|---|---|---|---|",
        ]
        for path, a, note in st.flagged:
            top = top_finding(a.findings)
            assert top is not None  # only articles with findings are listed
            lines.append(
                f"| {links.note(note)} | {md(path)} | {links.line(path, a.altered.line)} | {md(a.altered.text)} "
                f"| {top.severity}: {md(top.term)} ({md(top.rule)}) |"
            )
        if st.flagged_total > SUMMARY_ROWS:
            lines.append(f"\n… and {st.flagged_total - SUMMARY_ROWS} more; see index.md.")
    if errors:
        lines += ["", "Inputs not audited:", *[f"- {md(e)}" for e in errors]]
    return "\n".join(lines) + "\n"
