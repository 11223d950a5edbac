"""A short Markdown summary for $GITHUB_STEP_SUMMARY: counts, articles with findings, links."""

from __future__ import annotations

from auditor.models import SEVERITY_ORDER, top_finding
from auditor.report.builder import SUMMARY_ROWS, RunStats
from auditor.text.markdown import md


def render_summary(st: RunStats, out_label: str, fail_on: str, errors: list[str]) -> str:
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
        lines += ["| file | line | altered headline | top finding | note |", "|---|---|---|---|---|"]
        for path, a, note in st.flagged:
            top = top_finding(a.findings)
            assert top is not None  # only articles with findings are listed
            lines.append(
                f"| {md(path)} | {a.altered.line} | {md(a.altered.text)} "
                f"| {top.severity}: {md(top.term)} ({md(top.rule)}) "
                f"| {md(out_label.rstrip('/') + '/' + note)} |"
            )
        if st.flagged_total > SUMMARY_ROWS:
            lines.append(f"\n… and {st.flagged_total - SUMMARY_ROWS} more; see index.md.")
    if errors:
        lines += ["", "Inputs not audited:", *[f"- {md(e)}" for e in errors]]
    return "\n".join(lines) + "\n"
