"""What `auditor audit` prints on stdout: the findings in the format asked for, then the summary."""

from __future__ import annotations

import os
import sys
from typing import IO

import click

from auditor.models import SEVERITY_ORDER
from auditor.report.console import github_line, json_line, text_line
from auditor.run.audit import AuditOptions, AuditOutcome
from auditor.text.terminal import printable

MACHINE_FORMATS = ("json", "sarif")  # stdout is data: the summary goes to stderr


def discard_stdout() -> None:
    """stdout's reader has gone (``| head``): point it at the null device, so that what is still
    buffered, flushed at exit, does not end the run with a BrokenPipeError (Python's signal docs)."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)


def use_colour(choice: str, stream: IO[str]) -> bool:
    """--color always/never wins; then NO_COLOR (no-color.org), then FORCE_COLOR; else a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def print_findings(outcome: AuditOutcome, fmt: str, colour: bool) -> None:
    """Every finding kept for stdout, sorted, one a line; or the SARIF document."""
    if outcome.sarif is not None:
        for chunk in outcome.sarif.chunks():
            click.echo(chunk, nl=False)
        return
    if outcome.console is None:
        return
    render = {"text": lambda f: text_line(f, colour), "github": github_line, "json": json_line}[fmt]
    for f in outcome.console.findings():
        click.echo(render(f), color=colour)


def _tally(outcome: AuditOutcome) -> str:
    """``Found 5 finding(s) (2 high, 3 info); 1 known from the baseline not shown``."""
    console = outcome.console
    if console is None:
        return ""
    by = console.shown
    parts = ", ".join(f"{by[s]} {s}" for s in sorted(by, key=lambda s: -SEVERITY_ORDER[s]))
    line = f"Found {by.total()} finding(s)" + (f" ({parts})" if parts else "")
    if console.hidden_known:
        line += f"; {console.hidden_known} known from the baseline not shown"
    return line


def print_summary(outcome: AuditOutcome, opts: AuditOptions, fmt: str) -> None:
    """The run's summary: on stdout after text findings, on stderr when stdout is JSON or SARIF."""
    err = fmt in MACHINE_FORMATS
    tally = _tally(outcome) if fmt in ("text", "github") else ""
    if tally:
        click.echo(tally, err=err)
    st = outcome.stats
    found = f"{st.failing} finding(s) at or above {opts.fail_on}"
    click.echo(f"{st.files} file(s), {st.articles} article(s), {found}; reports in {printable(str(opts.out))}", err=err)
    sys.stdout.flush()
