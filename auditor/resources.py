"""Where the default rules live: beside the package in a checkout, inside it in a wheel."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from auditor.errors import RuleError


def default_rules_dir() -> Path:
    """The shipped `rules/` folder, from a checkout or an installed wheel."""
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if checkout.is_dir() and any(checkout.glob("*.toml")):
        return checkout
    try:
        packaged = Path(str(resources.files("auditor") / "default_rules"))
    except ModuleNotFoundError:  # pragma: no cover - the package itself is importable here
        packaged = Path()
    if packaged.is_dir():
        return packaged
    raise RuleError(str(checkout), "default rules not found (neither in a checkout nor in the installed package)")
