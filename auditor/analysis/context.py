"""What the analysis of an article consults (rules, registries, house styles, settings), built from rule folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.checks.engine import RuleEngine
from auditor.checks.loader import load_rules, rules_digest
from auditor.datafiles import default_rules_dir
from auditor.outlets.matcher import Registry, load_registry
from auditor.outlets.publisher import PageEvidence, Style, load_styles
from auditor.reuse.prints import load_boilerplate
from auditor.settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True)
class AuditContext:
    engine: RuleEngine
    registry: Registry
    styles: list[Style]
    settings: Settings = DEFAULT_SETTINGS
    boilerplate: tuple[str, ...] = ()  # RE2 patterns of lines left out of reuse detection
    page: PageEvidence | None = None  # a saved page's own publisher metadata (set per document)
    fingerprints: bool = True  # paragraph fingerprints for reuse detection (off with --no-reuse)


def rule_folders(extra: list[Path], use_defaults: bool = True) -> list[Path]:
    """The folders rules and registries come from: the shipped one first, then the user's."""
    return ([default_rules_dir()] if use_defaults else []) + list(extra)


def build_context(folders: list[Path], ignore: frozenset[str] = frozenset()) -> tuple[AuditContext, str]:
    """Load and validate every rule and registry file; return the context and the rules digest."""
    rules = load_rules(folders, ignore)
    styles = load_styles(folders)
    boilerplate = load_boilerplate(folders, [st.pattern for st in styles if st.role == "republisher"])
    ctx = AuditContext(
        engine=RuleEngine(rules), registry=load_registry(folders), styles=styles, boilerplate=tuple(boilerplate)
    )
    return ctx, rules_digest(folders)
