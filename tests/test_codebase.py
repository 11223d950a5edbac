"""Properties of the code itself: no difflib, modules that stay small, I/O only at the edges."""
import ast
import re

from conftest import ROOT

SOURCES = sorted((ROOT / "auditor").rglob("*.py")) + [ROOT / "cli.py"]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


def test_difflib_is_not_imported_anywhere():
    offenders = [p.name for p in SOURCES if "difflib" in set(imported_modules(p))]
    assert offenders == []


WRITE_CALL = re.compile(r"write_text\(|write_bytes\(|os\.replace\(|os\.rename\(|open\([^)]*['\"][wax]|unlink\(|rmtree\(")
READ_CALL = re.compile(r"read_text\(|read_bytes\(|open\([^)]*['\"]r")


def test_files_are_written_only_by_the_writer():
    assert [p.name for p in SOURCES if WRITE_CALL.search(p.read_text(encoding="utf-8"))] == ["writer.py"]


def test_inputs_are_read_only_at_the_edges():
    readers = {p.relative_to(ROOT).as_posix().removeprefix("auditor/") for p in SOURCES if READ_CALL.search(p.read_text(encoding="utf-8"))}
    # ingest reads inputs (chunks finds where a big input may be cut); the loaders read rule
    # data (reuse.py its boilerplate list); the writer compares for --check and keeps the fetch cache; the CLI reads its config,
    # baseline and source map; postings.py reads back the bucket files of its own run.
    assert readers <= {
        "ingest/sources.py", "ingest/chunks.py", "datafiles.py", "checks/loader.py",
        "reuse/postings.py", "writer.py", "cli.py",
    }


def test_modules_stay_small():
    big = [p.name for p in SOURCES if len(p.read_text(encoding="utf-8").splitlines()) > 320]
    assert big == []


def test_the_network_is_used_only_by_fetch():
    users = sorted(p.name for p in SOURCES if {"requests", "urllib3", "socket", "http"} & set(imported_modules(p)))
    assert users == ["fetch.py"]
