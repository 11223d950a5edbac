"""Data files: the one table of their names, where the shipped ones live, and the one loader.

Rules, registries, house styles, boilerplate, baselines and the user's config all go
through ``load_toml``/``validate``, so every broken file fails the same way: one line naming
the file, the entry and the field (``rules/x.toml: rule 'y': field 'terms': ...``).
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import tomli
from pydantic import BaseModel, ValidationError

from auditor.errors import AuditorError, RuleError

OUTLETS_FILE = "outlets.toml"  # a user's own outlets, in one file
OUTLETS_DIR = "outlets"  # the shipped registry, one file per world region
ORGANISATIONS_FILE = "organisations.toml"
PLATFORMS_FILE = "platforms.toml"
STYLES_FILE = "publisher_styles.toml"
BOILERPLATE_FILE = "boilerplate.toml"
# Files of a rules folder that hold data other than rules; every other *.toml is a rule file.
DATA_FILES = frozenset({OUTLETS_FILE, ORGANISATIONS_FILE, PLATFORMS_FILE, STYLES_FILE, BOILERPLATE_FILE})

M = TypeVar("M", bound=BaseModel)


def default_rules_dir() -> Path:
    """The shipped `rules/` folder, from a checkout or an installed wheel."""
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if checkout.is_dir() and any(checkout.glob("*.toml")):
        return checkout
    packaged = Path(str(resources.files("auditor") / "default_rules"))
    if packaged.is_dir():
        return packaged
    raise RuleError(str(checkout), "default rules not found (neither in a checkout nor in the installed package)")


def outlet_files(folder: Path) -> list[Path]:
    """A rule folder's outlet registry files: ``outlets.toml`` and ``outlets/*.toml``."""
    single = folder / OUTLETS_FILE
    return ([single] if single.is_file() else []) + sorted((folder / OUTLETS_DIR).glob("*.toml"))


def data_paths(folder: Path) -> list[Path]:
    """Every TOML file of a rule folder, the outlet region files included, in a stable order."""
    return sorted(folder.glob("*.toml")) + sorted((folder / OUTLETS_DIR).glob("*.toml"))


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; unreadable or malformed files raise RuleError naming the file."""
    try:
        return tomli.loads(path.read_text(encoding="utf-8"))
    except tomli.TOMLDecodeError as exc:
        raise RuleError(str(path), f"not valid TOML: {exc}") from None
    except RecursionError:  # tomli parses nested arrays and tables recursively
        raise RuleError(str(path), "not valid TOML: arrays or tables nested too deeply") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), f"cannot read: {exc}") from None


def validation_messages(raw: object, exc: ValidationError, entries: str | None, label: str, name_key: str) -> list[str]:
    """Each pydantic error as ``{label} 'name': field 'a.b': message`` (no file name)."""
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        who = ""
        if entries is not None and len(loc) >= 2 and loc[0] == entries and loc[1].isdigit():
            items = raw.get(entries) if isinstance(raw, dict) else None
            idx = int(loc[1])
            entry = items[idx] if isinstance(items, list) and idx < len(items) and isinstance(items[idx], dict) else {}
            who = f"{label} '{entry.get(name_key, f'#{idx + 1}')}': "
            loc = loc[2:]
            # A tagged union puts the tag ("term") in the location; it is not a field.
            if loc and loc[0] == entry.get("kind"):
                loc = loc[1:]
        field = ".".join(loc) or ("(entry)" if who else "(file)")
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            field = "kind"
        out.append(f"{who}field '{field}': {err['msg']}")
    return out


def validate(
    name: str, raw: object, model: type[M], entries: str | None = None, label: str = "entry", name_key: str = "name"
) -> M:
    """``raw`` as ``model``; a RuleError lists every problem as entry and field."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise RuleError(name, "; ".join(validation_messages(raw, exc, entries, label, name_key))) from None


def load_toml(
    path: Path, model: type[M], entries: str | None = None, label: str = "entry", name_key: str = "name"
) -> M:
    """Read and validate one data file (see ``validate``)."""
    return validate(str(path), read_toml(path), model, entries, label, name_key)


def read_user_file(path: Path, what: str) -> str:
    """A small data file the user named (a baseline), as text; errors name the file."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditorError(str(path), f"cannot read {what}: {exc}") from None


def read_source_map(path: Path) -> dict[tuple[str, int], str]:
    """--source-map rows ``file,line,url``; a bad row is a one-line error naming file and line."""
    out: dict[tuple[str, int], str] = {}
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh), 2):
                try:
                    out[(row["file"].strip(), int(row["line"]))] = row["url"].strip()
                except (KeyError, TypeError, ValueError, AttributeError):
                    raise AuditorError(
                        str(path), "expected columns file,line,url with a whole-number line", line=n
                    ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditorError(str(path), f"cannot read: {exc}") from None
    return out
