"""`auditor audit`: the options parsed into AuditOptions, the run, and what it prints."""

from __future__ import annotations

import sys
from typing import Any

import click
from click.core import ParameterSource

from auditor.commands.configured import config_options
from auditor.commands.options import options, parse_formats
from auditor.commands.output import discard_stdout, print_findings, print_summary, use_colour
from auditor.commands.shell import GroupedCommand, argument, examples, say
from auditor.run.audit import AuditOptions
from auditor.run.audit import audit as run_audit_command
from auditor.text.terminal import printable

EXAMPLES = examples(
    "auditor audit samples                       # notes in reports/, findings on stdout",
    "auditor audit seeds/new.txt --fail-on medium --format md,json,sarif",
    "auditor audit seeds --baseline headline-baseline.json --output-format github",
    "auditor audit seeds --output-format json --min-severity medium > findings.jsonl",
    "auditor audit pages/ --verify --fetch-deadline 30",
    "auditor audit samples --check               # CI: are the committed reports current?",
)


@click.command(cls=GroupedCommand, epilog=EXAMPLES)
@argument(
    "Input", "Text dumps and saved pages, or folders of *.txt, *.html and *.htm.", "paths", nargs=-1, required=True
)
@config_options
@options()
def audit(**params: Any) -> None:
    """Audit text dumps and saved pages (files, or folders of *.txt/*.html) and write provenance notes.

    \b
    Exit codes:
      0    no finding at or above --fail-on
      1    findings at or above --fail-on (or warnings with --strict, or stale reports with --check)
      2    usage or config error, bad rule file, an input that could not be audited, a failed write
      130  interrupted (Ctrl-C)
    """
    quiet, verbose, colour = params.pop("quiet"), params.pop("verbose"), params.pop("colour")
    fmt = params["output_format"]
    if quiet and click.get_current_context().get_parameter_source("output_format") == ParameterSource.DEFAULT:
        fmt = "none"  # quiet: only errors, unless findings were asked for by name
    opts = audit_options({**params, "output_format": fmt}, progress=not quiet and sys.stderr.isatty())
    outcome = run_audit_command(opts, None if quiet else lambda m: say("note", m))
    for e in outcome.errors:
        say("error", e)
    if not quiet:
        for n in outcome.notes:
            say("note", n)
        for w in outcome.warnings:
            say("warning", w)
    if opts.check:
        for rel in outcome.stale:
            say("stale", str(opts.out / rel))
    else:
        if verbose:
            st = outcome.stats
            click.echo(f"{st.files} file(s) read: {printable(', '.join(outcome.files))}", err=True)
        try:
            print_findings(outcome, fmt, use_colour(colour, sys.stdout))
            if not quiet:
                print_summary(outcome, opts, fmt)
        except BrokenPipeError:  # `| head`: the reader has seen enough; the reports are written
            discard_stdout()
    if outcome.profile_table:
        click.echo(outcome.profile_table, err=True)
    outcome.close()
    sys.exit(outcome.exit_code(opts))


def audit_options(p: dict[str, Any], progress: bool) -> AuditOptions:
    """Click's parameters (config defaults already merged in) as the library's options."""
    # These options mean the same in both, under the same name.
    same = "out fail_on strict check baseline summary verify source_map cache scheduler jobs allow_private"
    same += " min_severity profile"
    return AuditOptions(
        paths=list(p["paths"]),
        rules=list(p["rules"]),
        default_rules=not p["no_default_rules"],
        ignore=frozenset(p["ignore"]),
        formats=parse_formats(p["fmt"]),
        reuse=not p["no_reuse"],
        chunk_bytes=int(p["chunk_mb"] * 1e6),
        progress=progress,
        fetch_deadline=p["fetch_deadline"],
        stdout=p["output_format"],
        **{k: p[k] for k in same.split()},
    )
