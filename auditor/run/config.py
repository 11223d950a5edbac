"""Settings from auditor.toml or [tool.headline-auditor] in pyproject.toml, validated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from auditor.datafiles import read_toml, validate
from auditor.errors import RuleError
from auditor.run.audit import FailOn, Format


class Config(BaseModel):
    """Settings an auditor.toml (or [tool.headline-auditor]) may hold; option names as on the command line.

    Strict: TOML has real booleans, numbers and arrays, so "yes" is not a boolean nor true a
    number; every value is checked here, so a bad one names the file and the setting.
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    rules: list[str] | None = None
    no_default_rules: bool | None = None
    ignore: list[str] | None = None
    fail_on: FailOn | None = None
    format: list[Format] | None = Field(default=None, min_length=1)  # or one string "md,json"
    out: str | None = Field(default=None, min_length=1)
    strict: bool | None = None
    baseline: str | None = Field(default=None, min_length=1)
    jobs: int | None = Field(default=None, ge=1)

    @field_validator("format", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else value


def load_config(cwd: Path) -> dict[str, Any]:
    """Settings from ./auditor.toml, or [tool.headline-auditor] in ./pyproject.toml."""
    for name, table in (("auditor.toml", ()), ("pyproject.toml", ("tool", "headline-auditor"))):
        path = cwd / name
        if not path.is_file():
            continue
        data: Any = read_toml(path)
        for key in table:
            data = data.get(key, {}) if isinstance(data, dict) else {}
        if not data:
            continue
        if not isinstance(data, dict):
            raise RuleError(str(path), f"[{'.'.join(table)}] must be a table of settings")
        unknown = set(data) - set(Config.model_fields)
        if unknown:
            raise RuleError(str(path), f"unknown setting(s): {', '.join(sorted(unknown))}")
        cfg = validate(str(path), data, Config).model_dump(exclude_none=True)
        if isinstance(cfg.get("format"), list):
            cfg["format"] = ",".join(cfg["format"])
        # Keys are the option names users know; click's default_map wants parameter names.
        return {("fmt" if k == "format" else k): v for k, v in cfg.items()}
    return {}
