"""Load rule files, validate them, and say exactly which file, rule and field is wrong."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from auditor.checks.kinds import Rule, RuleFile
from auditor.datafiles import DATA_FILES, data_paths, read_toml, validate
from auditor.errors import RuleError


@dataclass(frozen=True)
class LoadedRule:
    id: str
    category: str
    source: str
    rule: Rule


def load_rule_file(path: Path) -> list[LoadedRule]:
    """Parse and validate one TOML rule file; raise RuleError naming file, rule and field."""
    name = str(path)
    raw = read_toml(path)
    parsed = validate(name, raw, RuleFile, entries="rules", label="rule")
    out = []
    for rule in parsed.rules:
        problem = rule.check()
        if problem:
            raise RuleError(name, f"rule '{rule.name}': {problem}")
        out.append(LoadedRule(f"{path.stem}.{rule.name}", rule.category or parsed.category, name, rule))
    return out


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.toml") if p.name not in DATA_FILES)


def load_rules(folders: list[Path], ignore: frozenset[str] = frozenset()) -> list[LoadedRule]:
    """All rules from these folders in a stable order; duplicate ids are an error."""
    seen: dict[str, str] = {}
    out: list[LoadedRule] = []
    for folder in folders:
        if not folder.is_dir():
            raise RuleError(str(folder), "rules folder not found")
        for path in rule_files(folder):
            for lr in load_rule_file(path):
                if lr.id in seen:
                    raise RuleError(
                        lr.source,
                        f"rule '{lr.rule.name}': field 'name': duplicate id '{lr.id}' (also in {seen[lr.id]})",
                    )
                seen[lr.id] = lr.source
                if lr.id not in ignore:
                    out.append(lr)
    return out


def rules_digest(folders: list[Path]) -> str:
    """A short hash of every rule and registry file's bytes, to record which rules made a report."""
    h = hashlib.sha256()
    for folder in folders:
        for path in data_paths(folder):
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def rule_bundle(folders: list[Path]) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The text of every rule and registry file, folder by folder, to send to Dask workers."""
    return tuple(
        tuple((p.relative_to(f).as_posix(), p.read_text(encoding="utf-8")) for p in data_paths(Path(f)))
        for f in folders
    )
