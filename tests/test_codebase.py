"""Properties of the code itself: the stages' one-way flow, small modules and functions, I/O at the edges."""

import ast
import re

from conftest import ROOT

SOURCES = sorted((ROOT / "auditor").rglob("*.py")) + [ROOT / "cli.py"]
# Stages in data-flow order: a package may import its own modules, the shared top-level
# modules (errors, models, settings, datafiles, writer) and the packages before it, never one
# after it. run/ orchestrates every stage; commands/ holds the click commands cli.py registers;
# cli.py is imported by nothing in the package.
STAGES = ["text", "ingest", "checks", "outlets", "reuse", "analysis", "report", "net", "run", "commands"]
SHARED = {"errors", "models", "settings", "datafiles", "writer", "__init__", "api"}


def rel(path):
    return path.relative_to(ROOT).as_posix()


def imported_modules(path):
    """Every module a file imports (absolute names), lazy imports inside functions included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{a.name}" for a in node.names)


def test_difflib_is_not_imported_anywhere():
    offenders = [rel(p) for p in SOURCES if any(m.split(".")[0] == "difflib" for m in imported_modules(p))]
    assert offenders == []


def test_stages_import_only_earlier_stages():
    wrong = []
    for p in SOURCES:
        parts = p.relative_to(ROOT / "auditor").parts if p.is_relative_to(ROOT / "auditor") else ()
        if len(parts) < 2:
            continue  # shared modules and cli.py
        stage = STAGES.index(parts[0])
        for mod in imported_modules(p):
            bits = mod.split(".")
            if bits[0] == "cli":
                wrong.append(f"{rel(p)} imports cli")
            if bits[0] != "auditor" or len(bits) < 2 or bits[1] in SHARED:
                continue
            if bits[1] in STAGES and STAGES.index(bits[1]) > stage:
                wrong.append(f"{rel(p)} imports {mod}")
    assert wrong == []


def test_no_import_cycles_between_modules():
    graph = {}
    names = {}
    for p in SOURCES:
        name = ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        names[name] = p
    for name, p in names.items():
        graph[name] = {m for m in imported_modules(p) if m in names and m != name}
    seen, stack, cycles = set(), [], []

    def visit(n):
        if n in stack:
            cycles.append(stack[stack.index(n) :] + [n])
            return
        if n in seen:
            return
        seen.add(n)
        stack.append(n)
        for m in sorted(graph[n]):
            visit(m)
        stack.pop()

    for n in sorted(graph):
        visit(n)
    assert cycles == []


WRITE_CALL = re.compile(
    r"write_text\(|write_bytes\(|os\.replace\(|os\.rename\(|open\([^)]*['\"][wax]|unlink\(|rmtree\("
)
READ_CALL = re.compile(r"read_text\(|read_bytes\(|open\([^)]*['\"]r|\.open\(")


def test_files_are_written_only_by_the_writer():
    assert [rel(p) for p in SOURCES if WRITE_CALL.search(p.read_text(encoding="utf-8"))] == ["auditor/writer.py"]


def test_files_are_read_only_at_the_edges():
    readers = {rel(p) for p in SOURCES if READ_CALL.search(p.read_text(encoding="utf-8"))}
    # ingest reads inputs; datafiles reads rules, registries, baselines, source maps and the
    # config; checks/loader hashes the rule files it loaded; the writer compares for --check
    # reuse/postings reads back the bucket files of its own run;
    # commands/output opens only the null device, for stdout once its reader has gone (`| head`).
    edges = {"auditor/datafiles.py", "auditor/checks/loader.py", "auditor/writer.py", "auditor/reuse/postings.py"}
    edges.add("auditor/commands/output.py")
    edges.add("auditor/net/cache.py")  # the fetch cache: pages fetched by an earlier run
    assert {r for r in readers if not r.startswith("auditor/ingest/")} <= edges


def test_the_network_is_used_only_by_net():
    users = sorted(
        rel(p)
        for p in SOURCES
        if {"requests", "urllib3", "socket", "http"} & {m.split(".")[0] for m in imported_modules(p)}
    )
    assert users == ["auditor/net/fetch.py"]


def test_modules_stay_small():
    big = [rel(p) for p in SOURCES if len(p.read_text(encoding="utf-8").splitlines()) > 300]
    assert big == []


def test_functions_stay_short():
    long = []
    for p in SOURCES:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 60:
                long.append(f"{rel(p)}:{node.lineno} {node.name}")
    assert long == []


def test_every_subpackage_says_what_enters_and_what_leaves():
    for init in sorted((ROOT / "auditor").glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert len(doc.split()) >= 25, f"{rel(init)}: docstring too short"


def test_click_is_known_only_to_the_command_line():
    users = sorted(rel(p) for p in SOURCES if "click" in {m.split(".")[0] for m in imported_modules(p)})
    assert users and all(u == "cli.py" or u.startswith("auditor/commands/") for u in users), users
