"""What every command shares: one-line diagnostics, the group that turns errors into exit codes,
and options that carry their help heading."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from auditor.errors import AuditorError
from auditor.run.audit import ExitCode
from auditor.text.terminal import printable

SEVERITIES = ("info", "low", "medium", "high", "never")
FILE = click.Path(path_type=Path, dir_okay=False)
FOLDER = click.Path(path_type=Path, file_okay=False)


def say(kind: str, message: str) -> None:
    """One diagnostic line on stderr: ``kind: message``, the message made terminal-safe."""
    click.echo(f"{kind}: {printable(message)}", err=True)


class AuditorGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:  # one clear line, exit 2, never a traceback
        try:
            return super().invoke(ctx)
        except AuditorError as exc:
            click.echo(f"error: {printable(str(exc))}", err=True)
            sys.exit(ExitCode.ERROR)
        except KeyboardInterrupt:  # temp files are gone already (the writer abandons them on the way out)
            click.echo("\ninterrupted", err=True)
            sys.exit(ExitCode.INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug of ours: still one line, and a way to see more
            if os.environ.get("HEADLINE_AUDITOR_DEBUG"):
                raise
            click.echo(
                f"error: internal error ({exc.__class__.__name__}: {printable(str(exc))}); "
                "rerun with HEADLINE_AUDITOR_DEBUG=1 for details and please report it",
                err=True,
            )
            sys.exit(ExitCode.ERROR)


class GroupedCommand(click.Command):
    """A command whose --help lists its options under headings (``group`` set on each option)."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        groups: dict[str, list[tuple[str, str]]] = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record is not None:
                groups.setdefault(getattr(param, "group", "Other"), []).append(record)
        for title, rows in groups.items():
            with formatter.section(title):
                formatter.write_dl(rows)


def option(group: str, *decls: str, **attrs: Any) -> Any:
    """click.option that remembers its help heading."""

    def decorate(f: Any) -> Any:
        f = click.option(*decls, **attrs)(f)
        f.__click_params__[-1].group = group
        return f

    return decorate
