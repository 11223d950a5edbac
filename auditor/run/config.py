"""Settings from auditor.toml or [tool.headline-auditor] in pyproject.toml: found, validated, resolved.

Found as ruff finds its configuration: in the current folder or the nearest folder above it,
up to the repository root (the folder holding ``.git``) or the filesystem's root. In one folder
``auditor.toml`` wins over ``pyproject.toml`` (whose other tables are not ours: one without a
[tool.headline-auditor] table is passed by). Relative paths in the file are relative to the
file's folder, and so is the output folder when the file does not set one, so a run from a
subfolder writes where a run from the project's root would.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from auditor.datafiles import read_toml, validate
from auditor.errors import RuleError
from auditor.run.audit import FailOn, Format, Severity, StdoutFormat

NAMES = ("auditor.toml", "pyproject.toml")  # in one folder, the first one found wins
TABLE = ("tool", "headline-auditor")  # where pyproject.toml keeps our settings
PATH_KEYS = ("rules", "out", "baseline", "summary", "source_map", "cache")  # resolved against the file's folder
DEFAULT_OUT = "reports"


class Config(BaseModel):
    """Settings an auditor.toml (or [tool.headline-auditor]) may hold; option names as on the command line.

    Strict: TOML has real booleans, numbers and arrays, so "yes" is not a boolean nor true a
    number; every value is checked here, so a bad one names the file and the setting.
    --allow-private-addresses is left out on purpose: a file in a cloned repository must not
    widen what the tool fetches; only the person running it can, on the command line.
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    rules: list[str] | None = None
    no_default_rules: bool | None = None
    ignore: list[str] | None = None
    out: str | None = Field(default=None, min_length=1)
    format: list[Format] | None = Field(default=None, min_length=1)  # or one string "md,json"
    output_format: StdoutFormat | None = None
    min_severity: Severity | None = None
    fail_on: FailOn | None = None
    strict: bool | None = None
    baseline: str | None = Field(default=None, min_length=1)
    summary: str | None = Field(default=None, min_length=1)
    verify: bool | None = None
    source_map: str | None = Field(default=None, min_length=1)
    cache: str | None = Field(default=None, min_length=1)
    fetch_deadline: float | None = Field(default=None, ge=0.1)
    no_reuse: bool | None = None
    scheduler: str | None = Field(default=None, min_length=1)
    jobs: int | None = Field(default=None, ge=1)

    @field_validator("format", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else value


@dataclass
class LoadedConfig:
    """The settings of one file (or none), values as the command line would give them."""

    path: Path | None = None  # None: no file found, or --no-config
    values: dict[str, Any] = field(default_factory=dict)  # Config key -> value, paths resolved
    defaults: dict[str, Any] = field(default_factory=dict)  # defaults that follow the file (out)
    searched: list[Path] = field(default_factory=list)  # the folders looked in, nearest first


def _table(path: Path) -> dict[str, Any] | None:
    """Our settings in ``path``; None when a pyproject.toml holds none (it is then not ours)."""
    data: Any = read_toml(path)
    if path.name != "pyproject.toml":
        return data if isinstance(data, dict) else {}
    for key in TABLE:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    if not isinstance(data, dict):
        raise RuleError(str(path), f"[{'.'.join(TABLE)}] must be a table of settings")
    return data


def discover(cwd: Path) -> tuple[Path | None, list[Path]]:
    """The nearest config file from ``cwd`` up to the repository root; and the folders searched."""
    searched = []
    for folder in (cwd, *cwd.parents):
        searched.append(folder)
        for name in NAMES:
            path = folder / name
            if path.is_file() and _table(path) is not None:
                return path, searched
        if (folder / ".git").exists():  # a folder (a clone) or a file (a worktree, a submodule)
            break
    return None, searched


def _resolve(home: Path, value: str, cwd: Path) -> str:
    """``value`` (relative to ``home``) as the user would type it in ``cwd``: relative when it can be."""
    if Path(value).is_absolute():
        return value
    try:
        return os.path.relpath(home / value, cwd)
    except ValueError:  # another drive on Windows
        return str(home / value)


def read_config(path: Path, cwd: Path) -> LoadedConfig:
    """Validate the settings in ``path`` and resolve its relative paths against its folder."""
    data = _table(path) or {}
    unknown = set(data) - set(Config.model_fields)
    if unknown:
        raise RuleError(str(path), f"unknown setting(s): {', '.join(sorted(unknown))}")
    values = validate(str(path), data, Config).model_dump(exclude_none=True)
    home = path.parent.absolute()
    for key in PATH_KEYS:
        if isinstance(values.get(key), list):
            values[key] = [_resolve(home, v, cwd) for v in values[key]]
        elif key in values:
            values[key] = _resolve(home, values[key], cwd)
    defaults = {} if "out" in values else {"out": _resolve(home, DEFAULT_OUT, cwd)}
    return LoadedConfig(path=path, values=values, defaults=defaults)


def load_config(cwd: Path, explicit: Path | None = None, isolated: bool = False) -> LoadedConfig:
    """The settings that apply in ``cwd``: ``explicit`` (--config), none (--no-config), or the nearest file."""
    if isolated:
        return LoadedConfig()
    if explicit is not None:
        return read_config(explicit, cwd)
    path, searched = discover(cwd.absolute())
    loaded = read_config(path, cwd) if path is not None else LoadedConfig()
    loaded.searched = searched
    return loaded
