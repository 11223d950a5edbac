"""Load rule files, validate them, and say exactly which file, rule and field is wrong."""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from auditor.errors import RuleError
from auditor.checks.models import PatternRule, Rule, RuleFile
from auditor.text.safe_regex import compile_pattern, nested_unbounded_repeat

# Files in a rules folder that hold registries, not rules.
REGISTRY_FILES = frozenset({"outlets.toml", "organisations.toml", "platforms.toml", "publisher_styles.toml", "boilerplate.toml"})


@dataclass(frozen=True)
class LoadedRule:
    id: str
    category: str
    source: str
    rule: Rule


def _field_path(loc: tuple) -> tuple[str | None, str]:
    """Turn a pydantic error location into (rule index or None, field path)."""
    parts = [str(p) for p in loc]
    if len(parts) >= 2 and parts[0] == "rules" and parts[1].isdigit():
        rest = parts[2:]
        # The union tag (e.g. "term") sits in the location; it is not a field.
        if rest and rest[0] in {"term", "swap", "pattern", "body_support"}:
            rest = rest[1:]
        return parts[1], ".".join(rest) or "(rule)"
    return None, ".".join(parts) or "(file)"


def format_validation(path: str, raw: dict, exc: ValidationError) -> list[str]:
    lines = []
    for err in exc.errors():
        idx, field = _field_path(err["loc"])
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            field = "kind"
        if idx is not None:
            rules = raw.get("rules") or []
            entry = rules[int(idx)] if int(idx) < len(rules) and isinstance(rules[int(idx)], dict) else {}
            name = entry.get("name", f"#{int(idx) + 1}")
            lines.append(f"{path}: rule '{name}': field '{field}': {err['msg']}")
        else:
            lines.append(f"{path}: field '{field}': {err['msg']}")
    return lines


def _compile_check(path: str, rule: Rule) -> None:
    if isinstance(rule, PatternRule):
        try:
            compile_pattern(rule.pattern)
        except ValueError as exc:
            raise RuleError(path, f"rule '{rule.name}': field 'pattern': {exc}") from None
        nested = nested_unbounded_repeat(rule.pattern)
        if nested:
            raise RuleError(
                path,
                f"rule '{rule.name}': field 'pattern': nested unbounded repetition {nested!r} is catastrophic "
                "in backtracking engines; repeat the inner part once (e.g. 'a+' for '(a+)+')",
            )


def load_rule_file(path: Path) -> list[LoadedRule]:
    """Parse and validate one TOML rule file; raise RuleError naming file, rule and field."""
    name = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(name, f"not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(name, f"cannot read: {exc}") from None
    try:
        parsed = RuleFile.model_validate(raw)
    except ValidationError as exc:
        raise RuleError(name, "; ".join(m.split(": ", 1)[1] for m in format_validation(name, raw, exc))) from None
    out = []
    for rule in parsed.rules:
        _compile_check(name, rule)
        out.append(LoadedRule(f"{path.stem}.{rule.name}", rule.category or parsed.category, name, rule))
    return out


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.toml") if p.name not in REGISTRY_FILES)


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
                    raise RuleError(lr.source, f"rule '{lr.rule.name}': field 'name': duplicate id '{lr.id}' (also in {seen[lr.id]})")
                seen[lr.id] = lr.source
                if lr.id not in ignore:
                    out.append(lr)
    return out


def digest(folders: list[Path]) -> str:
    """A short hash of every rule and registry file's bytes, to record which rules made a report."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def rule_bundle(folders: list[Path]) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The text of every rule and registry file, folder by folder, to send to Dask workers."""
    return tuple(
        tuple((p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(f).glob("*.toml"))) for f in folders
    )
