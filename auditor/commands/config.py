"""`auditor config`: the settings an audit here would use, and where each came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from auditor.commands.configured import CONFIG_OPTIONS, KEY_PARAMS, config_options, loaded_config, source_of
from auditor.commands.options import options
from auditor.commands.shell import GroupedCommand, option
from auditor.run.config import Config
from auditor.text.terminal import printable


def _plain(key: str, value: Any) -> Any:
    """A click value as the config file would write it (JSON-compatible)."""
    if key == "format" and isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (tuple, list)):
        return [_plain(key, v) for v in value]
    return str(value) if isinstance(value, Path) else value


def _file_line(ctx: click.Context) -> str:
    loaded = loaded_config(ctx)
    if loaded.path is not None:
        return str(loaded.path)
    if not loaded.searched:
        return "none (--no-config)"
    return f"none found in {loaded.searched[0]} or above it, up to {loaded.searched[-1]}"


@click.command("config", cls=GroupedCommand)
@config_options
@options(*CONFIG_OPTIONS)
@option("Output", "--json", "as_json", is_flag=True, help="Print one JSON document instead of a table.")
@click.pass_context
def config(ctx: click.Context, as_json: bool, **params: Any) -> None:
    """Show the settings `auditor audit` would use here and where each came from.

    Each setting's source is "command line" (options given to this command, which takes the
    same ones as audit), the config file that set it, or "default". Relative paths are shown
    as resolved from the current folder.
    """
    rows = []
    for key in Config.model_fields:
        param = KEY_PARAMS[key]
        rows.append((key, _plain(key, params[param]), source_of(ctx, param)))
    if as_json:
        loaded = loaded_config(ctx)
        doc = {
            "config_file": str(loaded.path) if loaded.path else None,
            "searched": [str(p) for p in loaded.searched],
            "settings": {k: {"value": v, "source": s} for k, v, s in rows},
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(f"config file: {printable(_file_line(ctx))}")
    cells = [("setting", "value", "source")] + [(k, json.dumps(v, ensure_ascii=False), s) for k, v, s in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(2)]
    for k, v, s in cells:
        click.echo(printable(f"{k:<{widths[0]}}  {v:<{widths[1]}}  {s}"))
