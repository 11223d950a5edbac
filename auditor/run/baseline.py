"""`auditor baseline create`: audit inputs and record every finding's fingerprint."""

from __future__ import annotations

from pathlib import Path

from auditor.analysis.context import build_context
from auditor.ingest.discover import input_files
from auditor.report.baseline import Baseline, BaselineCollector, render_baseline
from auditor.run.runner import run_audit
from auditor.writer import write_owned_file


def _is_baseline(text: str) -> bool:
    try:
        Baseline.model_validate_json(text)
        return True
    except ValueError:
        return False


def write_baseline(
    paths: list[str], folders: list[Path], ignore: frozenset[str], output: Path
) -> tuple[int, list[str]]:
    """Write the baseline of ``paths`` to ``output`` (replacing only a baseline); (findings, errors)."""
    ctx, _ = build_context(folders, ignore)
    files, errors = input_files(paths)
    collector = BaselineCollector()
    errors += run_audit(files, ctx, collector).errors
    b = collector.baseline()
    write_owned_file(output, render_baseline(b), _is_baseline)
    return len(b.findings), errors
