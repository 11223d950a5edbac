"""`auditor rules list|check`: what the loaded rules are, and whether they behave on their examples."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.analysis.context import build_context, rule_folders
from auditor.analysis.rule_examples import check_examples
from auditor.checks.loader import load_rules
from auditor.commands.configured import config_options
from auditor.commands.options import options
from auditor.run.audit import ExitCode
from auditor.text.terminal import printable


@click.group()
def rules() -> None:
    """List and check rule files."""


@rules.command("list")
@config_options
@options("--rules", "--no-default-rules")
def rules_list(rules: tuple[Path, ...], no_default_rules: bool) -> None:
    """Print every rule: id, kind, category, severity, source file."""
    for lr in load_rules(rule_folders(list(rules), use_defaults=not no_default_rules)):
        click.echo(
            "\t".join(printable(str(v)) for v in (lr.id, lr.rule.kind, lr.category, lr.rule.severity, lr.source))
        )


@rules.command("check")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
def rules_check(folder: Path | None) -> None:
    """Validate rule files in FOLDER (default: the shipped rules) and run their examples.

    Exit 0 when every rule is valid and behaves on its examples, 1 when an example
    misbehaves, 2 when a file does not load.
    """
    folders = [folder] if folder else rule_folders([])
    loaded = load_rules(folders)
    build_context(folders)  # registries and publisher styles validate too
    problems = check_examples(loaded)
    for p in problems:
        click.echo(printable(p), err=True)
    click.echo(f"{len(loaded)} rule(s) checked, {len(problems)} problem(s)")
    sys.exit(ExitCode.FINDINGS if problems else ExitCode.OK)
