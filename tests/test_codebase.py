"""Properties of the code itself: no difflib, modules that stay small, I/O only at the edges."""
import ast

from conftest import ROOT

SOURCES = sorted((ROOT / "auditor").glob("*.py")) + [ROOT / "cli.py"]


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


def test_files_are_written_only_by_the_writer():
    writers = []
    for p in SOURCES:
        text = p.read_text(encoding="utf-8")
        if any(w in text for w in ("write_text(", "write_bytes(", 'open(', "os.replace(")):
            writers.append(p.name)
    assert writers == ["writer.py"]


def test_modules_stay_small():
    big = [p.name for p in SOURCES if len(p.read_text(encoding="utf-8").splitlines()) > 320]
    assert big == []
