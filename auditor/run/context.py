"""Build an AuditContext from rule folders: the defaults, a user's packs, ignored rule ids."""
from __future__ import annotations

from pathlib import Path

from auditor.analysis.pipeline import AuditContext
from auditor.outlets.publisher import load_styles
from auditor.outlets.registry import load_registry
from auditor.datafiles import default_rules_dir
from auditor.reuse.index import load_boilerplate
from auditor.checks.engine import RuleEngine
from auditor.checks.loader import digest, load_rules


def rule_folders(extra: list[Path], use_defaults: bool = True) -> list[Path]:
    return ([default_rules_dir()] if use_defaults else []) + list(extra)


def build_context(folders: list[Path], ignore: frozenset[str] = frozenset()) -> tuple[AuditContext, str]:
    """Load and validate every rule and registry file; return the context and the rules digest."""
    rules = load_rules(folders, ignore)
    styles = load_styles(folders)
    boilerplate = load_boilerplate(folders, [st.pattern for st in styles if st.role == "republisher"])
    ctx = AuditContext(engine=RuleEngine(rules), registry=load_registry(folders), styles=styles, boilerplate=tuple(boilerplate))
    return ctx, digest(folders)
