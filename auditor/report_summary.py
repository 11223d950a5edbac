"""A short Markdown summary for $GITHUB_STEP_SUMMARY: counts, articles with findings, links."""
from __future__ import annotations

from collections import Counter

from .markdown import md
from .models import SEVERITY_ORDER, AuditReport
from .report_paths import NotePaths


def render_summary(report: AuditReport, out_label: str, failing: int, fail_on: str, known: int) -> str:
    findings = [(d, a, f) for d in report.documents for a in d.articles for f in a.findings]
    by_sev = Counter(f.severity for _, _, f in findings)
    by_cat = Counter(f.category for _, _, f in findings)
    articles = sum(len(d.articles) for d in report.documents)
    verdict = "passed" if failing == 0 else f"failed: {failing} finding(s) at or above {fail_on}"
    lines = [
        "## Headline audit\n",
        f"{len(report.documents)} file(s), {articles} article(s), {len(findings)} finding(s); {verdict}."
        + (f" {known} finding(s) are known from the baseline." if known else "") + "\n",
        "| severity | findings |", "|---|---|",
        *[f"| {s} | {by_sev[s]} |" for s in sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.get, reverse=True)],
        "", "| category | findings |", "|---|---|",
        *[f"| {md(c)} | {n} |" for c, n in sorted(by_cat.items(), key=lambda kv: (-kv[1], kv[0]))],
        "",
    ]
    flagged = [(d, a) for d in report.documents for a in d.articles if any(f.severity != "info" for f in a.findings)]
    if flagged:
        paths = NotePaths(report.documents)
        lines += ["| file | line | altered headline | top finding | note |", "|---|---|---|---|---|"]
        for d, a in flagged:
            top = max(a.findings, key=lambda f: SEVERITY_ORDER[f.severity])
            lines.append(
                f"| {md(d.path)} | {a.altered.line} | {md(a.altered.text)} | {top.severity}: {md(top.term)} ({md(top.rule)}) "
                f"| {md(out_label.rstrip('/') + '/' + paths.note(d, a))} |"
            )
    if report.errors:
        lines += ["", "Inputs not audited:", *[f"- {md(e)}" for e in report.errors]]
    return "\n".join(lines) + "\n"
