"""Shared fixtures: paths, the default audit context, and the ../shared seeds when present."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: a few hundred cases while developing, thousands in CI, many more on demand
# (`pytest --hypothesis-profile=long`).
_common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("dev", max_examples=300, **_common)
settings.register_profile("ci", max_examples=3000, **_common)
settings.register_profile("long", max_examples=30000, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"
TRAPS = FIXTURES / "traps"
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CLI = [sys.executable, str(ROOT / "cli.py")]


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`auditor ARGS` in its own process, as a user runs it: exit code, stdout and stderr as text."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, check=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden report files instead of comparing.")


@pytest.fixture(scope="session")
def ctx():
    from auditor.analysis.context import build_context, rule_folders

    context, _ = build_context(rule_folders([]))
    return context


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold" / "seeds_gold.json").is_file():
        pytest.skip(f"no seeds or gold at {SHARED} (they live beside the repository, not in it)")
    return SHARED


def audit_file(path: Path, context):
    from auditor.analysis.stream import audit_source
    from auditor.ingest.sources import read_source

    return audit_source(read_source(path), context)


def audit_text(text: str, context, name: str = "mem.txt"):
    from auditor.analysis.stream import audit_source
    from auditor.ingest.sources import split_lines
    from auditor.models import SourceText

    return audit_source(SourceText(path=name, lines=split_lines(text)), context)


def report_files(docs, formats=("md", "json", "sarif"), rules=()) -> dict[str, str]:
    """The reports of audited documents (audit_text, audit_file), rendered in memory:
    {path under --out: text}."""
    from auditor.report.builder import MemoryTarget, ReportBuilder
    from auditor.report.record import ArticleRecord
    from auditor.report.sink import DocumentInfo

    target = MemoryTarget()
    builder = ReportBuilder(target, formats, {}, list(rules), frozenset(), [d.path for d in docs], "d", "high")
    for doc in docs:
        builder.begin_document(DocumentInfo(doc.path, doc.sha256))
        for a in doc.articles:
            builder.article(ArticleRecord.of(doc.path, a))
        builder.end_document(doc.line_count, doc.warnings)
    builder.finish([], {})
    return target.files
