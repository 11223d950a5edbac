"""Command line: `auditor audit|config|fetch|baseline|rules|schema`; the commands live in auditor/commands/."""

from __future__ import annotations

from auditor.run import collector

# Imports make objects that live as long as the process (modules, classes, compiled patterns):
# a collection among them frees nothing, as while the rules load (auditor/run/collector.py).
collector.hold()
try:
    import click

    from auditor import __version__
    from auditor.commands.audit import audit
    from auditor.commands.baseline import baseline, baseline_create
    from auditor.commands.config import config
    from auditor.commands.configured import config_keys_help
    from auditor.commands.fetch import fetch
    from auditor.commands.quick_exit import run_and_exit
    from auditor.commands.rules import rules, rules_check, rules_list
    from auditor.commands.schema import schema
    from auditor.commands.shell import AuditorGroup, examples
finally:
    collector.release()

__all__ = [
    "audit",
    "baseline",
    "baseline_create",
    "config",
    "fetch",
    "main",
    "run",
    "rules",
    "rules_check",
    "rules_list",
    "schema",
]


@click.group(
    cls=AuditorGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Pair altered headlines with their originals, flag inserted terms, cite outlets.\n\n" + config_keys_help(),
    epilog=examples("auditor audit samples", "auditor config", "auditor audit --help"),
)
@click.version_option(__version__, prog_name="headline-auditor")
def main() -> None:
    pass


for command in (audit, config, fetch, baseline, rules, schema):
    main.add_command(command)


def run() -> None:
    """The `auditor` program: the command line, then a quick exit (auditor/commands/quick_exit.py)."""
    run_and_exit(main)


if __name__ == "__main__":
    run()
