"""Settings from a config file as click's defaults: --config and --no-config, and where each value came from.

Each command that reads settings takes --config/--no-config as eager options: click handles
them before every other option, so the file is loaded (and its settings set as the command's
``default_map``) before the others look up their defaults. `--help` is eager too and, given
first, prints without reading any file, so a broken config never hides the help.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from auditor.commands.options import AUDIT_OPTIONS
from auditor.commands.shell import option
from auditor.run.config import Config, LoadedConfig, load_config

_META = "headline_auditor"  # ctx.meta key prefix


def _key_and_param(decls: tuple[str, ...]) -> tuple[str, str]:
    """A table row's config key (its long option name, snake_case) and click parameter name."""
    long = next(d for d in decls if d.startswith("--"))
    key = long[2:].replace("-", "_")
    named = [d for d in decls if not d.startswith("-")]
    return key, named[0] if named else key


KEY_PARAMS = dict(_key_and_param(decls) for _, decls, _, _ in AUDIT_OPTIONS)  # config key -> parameter
CONFIG_OPTIONS = tuple(decls[0] for _, decls, _, _ in AUDIT_OPTIONS if _key_and_param(decls)[0] in Config.model_fields)


def config_keys_help() -> str:
    """The sentence `auditor --help` says about config files, with every key the Config model accepts."""
    return (
        "Settings may also come from the nearest auditor.toml, or pyproject.toml with a "
        "[tool.headline-auditor] table, in the current folder or above it up to the repository root "
        "(in one folder auditor.toml wins); paths in it are relative to its folder. Options win; "
        "--config FILE names the file, --no-config reads none; `auditor config` shows where each "
        f"setting came from. Keys: {', '.join(Config.model_fields)}."
    )


def _apply(ctx: click.Context) -> None:
    explicit, isolated = ctx.meta[f"{_META}.config"], ctx.meta[f"{_META}.no_config"]
    if explicit is not None and isolated:
        raise click.UsageError("--config and --no-config exclude each other", ctx)
    loaded = load_config(Path.cwd(), explicit, isolated)
    names = {p.name for p in ctx.command.params}
    defaults: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, value in {**loaded.defaults, **loaded.values}.items():
        param = KEY_PARAMS[key]
        if param in names:
            defaults[param] = ",".join(value) if key == "format" else value
            origins[param] = str(loaded.path) if key in loaded.values else f"default, beside {loaded.path}"
    ctx.default_map = {**(ctx.default_map or {}), **defaults}
    ctx.meta[f"{_META}.loaded"] = loaded
    ctx.meta[f"{_META}.origins"] = origins


def _seen(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta[f"{_META}.{param.name}"] = value
    if f"{_META}.config" in ctx.meta and f"{_META}.no_config" in ctx.meta:
        _apply(ctx)
    return value


def config_options(f: Any) -> Any:
    """--config FILE and --no-config, handled before any other option of the command."""
    f = option(
        "Input",
        "--no-config",
        is_flag=True,
        is_eager=True,
        expose_value=False,
        callback=_seen,
        help="Read no config file: options and defaults only (ruff's --isolated).",
    )(f)
    return option(
        "Input",
        "--config",
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
        is_eager=True,
        expose_value=False,
        callback=_seen,
        help="Read settings from this file (auditor.toml, or pyproject.toml's [tool.headline-auditor]) "
        "instead of the nearest one.",
    )(f)


def loaded_config(ctx: click.Context) -> LoadedConfig:
    loaded = ctx.meta.get(f"{_META}.loaded")
    return loaded if isinstance(loaded, LoadedConfig) else LoadedConfig()


def source_of(ctx: click.Context, param: str) -> str:
    """Where a parameter's value came from: "command line", the config file, or "default"."""
    src = ctx.get_parameter_source(param)
    if src in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
        return "command line"
    if src == ParameterSource.DEFAULT_MAP:
        return str(ctx.meta.get(f"{_META}.origins", {}).get(param, "config"))
    return "default"
