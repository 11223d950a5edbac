"""Settings from auditor.toml or [tool.headline-auditor] in pyproject.toml, validated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from auditor.datafiles import read_toml, validate
from auditor.errors import RuleError


class Config(BaseModel):
    """Settings an auditor.toml (or [tool.headline-auditor]) may hold; option names as on the command line."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str] | None = None
    no_default_rules: bool | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    format: list[str] | str | None = None
    out: str | None = None
    strict: bool | None = None
    baseline: str | None = None
    jobs: int | None = None


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
        unknown = set(data) - set(Config.model_fields)
        if unknown:
            raise RuleError(str(path), f"unknown setting(s): {', '.join(sorted(unknown))}")
        cfg = validate(str(path), data, Config).model_dump(exclude_none=True)
        if isinstance(cfg.get("format"), list):
            cfg["format"] = ",".join(cfg["format"])
        # Keys are the option names users know; click's default_map wants parameter names.
        return {("fmt" if k == "format" else k): v for k, v in cfg.items()}
    return {}
