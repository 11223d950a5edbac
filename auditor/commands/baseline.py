"""`auditor baseline create`: record today's findings so that only new ones fail later runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.analysis.context import rule_folders
from auditor.commands.configured import config_options
from auditor.commands.options import options
from auditor.commands.shell import FILE, say
from auditor.run.audit import ExitCode
from auditor.run.baseline import write_baseline
from auditor.text.terminal import printable


@click.group()
def baseline() -> None:
    """Record today's findings so that only new ones fail later runs."""


@baseline.command("create")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--output",
    "-o",
    required=True,
    type=FILE,
    help="Baseline file to write (replaces only an earlier baseline).",
)
@config_options
@options("--rules", "--no-default-rules", "--ignore")
def baseline_create(
    paths: tuple[str, ...], output: Path, rules: tuple[Path, ...], no_default_rules: bool, ignore: tuple[str, ...]
) -> None:
    """Audit PATHS and write every finding's fingerprint to --output."""
    folders = rule_folders(list(rules), use_defaults=not no_default_rules)
    count, errors = write_baseline(list(paths), folders, frozenset(ignore), output)
    for e in errors:
        say("error", e)
    click.echo(f"{count} finding(s) recorded in {printable(str(output))}")
    sys.exit(ExitCode.ERROR if errors else ExitCode.OK)
