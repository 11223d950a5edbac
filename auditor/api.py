"""The library: audit a dump held in memory, or files, from Python and get the audit.json models back.

``import auditor`` stays cheap: ``auditor.audit_text``, ``auditor.audit_paths`` and
``auditor.AuditResult`` are looked up here only when first used (``auditor.__getattr__``).
Nothing is written unless ``out`` is given; a broken rule file raises ``AuditorError``
(its message names the file, the rule and the field), while an input that cannot be audited
is one line in ``AuditResult.errors`` and the others are still audited.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from auditor.report.json_model import AuditResult
from auditor.run.audit import AuditOptions, Format
from auditor.run.audit import audit as run_audit

__all__ = ["AuditResult", "audit_paths", "audit_text"]

TEXT_NAME = "<text>"  # how a text without a name is called in the result (notes would go to OUT/text/)
PathLike = str | os.PathLike[str]


def _result(options: AuditOptions, texts: dict[str, bytes | str], write: bool) -> AuditResult:
    kept = {"audit.json": ""}
    run_audit(options, None, texts, keep=kept, write=write)
    return AuditResult.model_validate_json(kept["audit.json"])


def audit_paths(
    paths: Iterable[PathLike],
    *,
    rules: Iterable[PathLike] = (),
    default_rules: bool = True,
    ignore: Iterable[str] = (),
    reuse: bool = True,
    jobs: int = 1,
    out: PathLike | None = None,
    formats: Iterable[Format] = ("md", "json"),
) -> AuditResult:
    """Audit files and folders (``*.txt``, ``*.html``, ``*.htm`` below a folder) as ``auditor audit`` does.

    ``rules`` are extra rule folders, ``ignore`` rule ids to skip. With ``out`` the reports in
    ``formats`` are also written there (JSON always), exactly as the command line writes them.
    """
    options = AuditOptions(
        paths=[os.fspath(p) for p in paths],
        out=Path(out) if out is not None else Path("reports"),
        rules=[Path(r) for r in rules],
        default_rules=default_rules,
        ignore=frozenset(ignore),
        formats=tuple(dict.fromkeys([*formats, "json"])) if out is not None else ("json",),
        reuse=reuse,
        jobs=jobs,
    )
    return _result(options, {}, write=out is not None)


def audit_text(
    text: str | bytes,
    *,
    name: str = TEXT_NAME,
    rules: Iterable[PathLike] = (),
    default_rules: bool = True,
    ignore: Iterable[str] = (),
    reuse: bool = True,
) -> AuditResult:
    """Audit one text dump held in memory; ``name`` is what the result calls it.

    ``bytes`` are decoded as a file's would be (BOM, UTF-16/32, a legacy encoding guessed, with
    a warning); ``str`` is taken as it is. Nothing is written.
    """
    options = AuditOptions(
        paths=[name],
        rules=[Path(r) for r in rules],
        default_rules=default_rules,
        ignore=frozenset(ignore),
        formats=("json",),
        reuse=reuse,
        jobs=1,
    )
    return _result(options, {name: text}, write=False)
