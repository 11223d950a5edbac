"""Command line: `auditor audit|fetch|baseline|rules`, the entry point; the commands live in auditor/commands/."""

from __future__ import annotations

from pathlib import Path

import click

from auditor import __version__
from auditor.commands.audit import audit
from auditor.commands.baseline import baseline, baseline_create
from auditor.commands.fetch import fetch
from auditor.commands.rules import rules, rules_check, rules_list
from auditor.commands.shell import AuditorGroup
from auditor.run.config import load_config

__all__ = ["audit", "baseline", "baseline_create", "fetch", "main", "rules", "rules_check", "rules_list"]


@click.group(cls=AuditorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="headline-auditor")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Pair altered headlines with their originals, flag inserted terms, cite outlets.

    Settings may also come from ./auditor.toml or [tool.headline-auditor] in ./pyproject.toml
    (keys: rules, no_default_rules, ignore, fail_on, format, out, strict, baseline, jobs); options win.
    """
    cfg = load_config(Path.cwd())
    ctx.default_map = {"audit": cfg, "rules": {"list": {k: cfg[k] for k in ("rules", "no_default_rules") if k in cfg}}}


for command in (audit, fetch, baseline, rules):
    main.add_command(command)


if __name__ == "__main__":
    main()
