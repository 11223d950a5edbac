"""The library API (auditor.audit_text / audit_paths), `python -m auditor`, `-` as standard input,
and the README's Library doctest."""

import doctest
import json
import re
import subprocess
import sys

import pytest

import auditor
from auditor.errors import InputError
from auditor.ingest import memory
from conftest import ROOT, SAMPLES

DUMP = (
    "Antichrist visits Basra port\n\n"
    "Minister visits Basra port\n\n"
    "BASRA, Iraq (Reuters) - The minister toured the port on Monday, officials told Reuters.\n"
)


def python(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True, cwd=cwd, timeout=300, check=False)


def test_import_auditor_loads_nothing_heavy():
    code = "import auditor, sys; print(sorted(m for m in sys.modules if m.startswith(('auditor', 'pydantic', 'rapidfuzz'))))"
    assert python("-c", code, cwd=ROOT).stdout.decode().strip() == "['auditor']"


def test_audit_text_returns_the_models_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = auditor.audit_text(DUMP)
    assert isinstance(result, auditor.AuditResult) and list(tmp_path.iterdir()) == []
    (doc,) = result.documents
    assert doc.path == "<text>" and doc.line_count == 5 and result.errors == []
    a = doc.articles[0]
    assert (a.altered.line, a.original.line, a.inserted_terms) == (1, 3, ["Antichrist"])
    assert ("<text>", "eschatology.antichrist") in {(p, f.rule) for p, _, f in result.findings()}
    assert auditor.audit_text(DUMP, name="wire.txt").documents[0].path == "wire.txt"
    assert auditor.audit_text(DUMP).model_dump() == result.model_dump()  # deterministic


def test_audit_text_takes_bytes_as_a_file_would_be_read():
    utf16 = auditor.audit_text(DUMP.encode("utf-16"))  # with its BOM
    assert utf16.documents[0].articles[0].altered.text == "Antichrist visits Basra port"
    assert auditor.audit_text(" \n").errors == ["<text>: is empty"]


def test_audit_text_rule_options():
    ignored = auditor.audit_text(DUMP, ignore=["eschatology.antichrist"])
    assert "eschatology.antichrist" not in {f.rule for _, _, f in ignored.findings()}
    bare = auditor.audit_text(DUMP, default_rules=False)
    assert {f.rule for _, _, f in bare.findings()} <= {"unclassified_insertion"}


def test_audit_paths_matches_the_command_line(tmp_path):
    lib = auditor.audit_paths([SAMPLES], out=tmp_path / "lib", formats=["md"])
    proc = python(
        str(ROOT / "cli.py"), "audit", str(SAMPLES), "--out", str(tmp_path / "cli"), "-q", "--fail-on", "never"
    )
    assert proc.returncode == 0, proc.stderr
    written = (tmp_path / "lib" / "audit.json").read_text(encoding="utf-8")
    assert written == (tmp_path / "cli" / "audit.json").read_text(encoding="utf-8")
    assert lib == auditor.AuditResult.model_validate_json(written)
    assert (tmp_path / "lib" / "index.md").is_file()
    nothing = auditor.audit_paths([SAMPLES / "farm_dump_b.txt", tmp_path / "missing.txt"])
    assert len(nothing.documents) == 1 and nothing.errors == [f"{tmp_path / 'missing.txt'}: no such file or directory"]


def test_python_dash_m_and_stdin(tmp_path):
    out = tmp_path / "r"
    proc = python(
        "-m",
        "auditor",
        "audit",
        "-",
        "--out",
        str(out),
        "--format",
        "md,json",
        "--fail-on",
        "high",
        stdin=DUMP.encode(),
        cwd=ROOT,
    )
    assert proc.returncode == 1, proc.stderr  # a high finding
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in data["documents"]] == ["<stdin>"]
    notes = sorted(p.relative_to(out).as_posix() for p in (out / "stdin").glob("*.md"))
    assert len(notes) == 1 and re.fullmatch(r"stdin/\d+-antichrist-visits-basra-port\.md", notes[0])
    assert python("-m", "auditor", "--version", cwd=ROOT).stdout.decode().startswith("headline-auditor, version")
    empty = python("-m", "auditor", "audit", "-", "--out", str(tmp_path / "e"), stdin=b"", cwd=ROOT)
    assert empty.returncode == 2 and "error: <stdin>: is empty" in empty.stderr.decode()


def test_stdin_on_a_terminal_is_refused_not_waited_for(monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    with pytest.raises(InputError, match="standard input is a terminal"):
        memory.read_stdin()


def readme_section(title):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_the_readme_library_example_runs():
    section = re.sub(r"(?m)^```.*$", "", readme_section("Library"))  # a fence ends an expected output
    test = doctest.DocTestParser().get_doctest(section, {}, "README.md#library", "README.md", 0)
    assert len(test.examples) >= 5
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_a_library_call_leaves_the_garbage_collector_as_it_found_it():
    # A run freezes its rules and registries (workers share their pages); a caller's own objects
    # must not stay frozen after the call, or their cycles would never be collected.
    import gc

    gc.unfreeze()
    before = gc.get_threshold()
    auditor.audit_text(DUMP, name="a.txt")
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before  # a run collects seldom (run/collector.py); the caller as before
    assert gc.isenabled()


def test_runs_in_threads_leave_the_garbage_collector_as_they_found_it():
    # Overlapping runs: the first to start saves the collector's state, the last to end restores it.
    import gc
    import threading

    before = gc.get_threshold()
    errors = []

    def runs():
        try:
            for _ in range(4):
                auditor.audit_text(DUMP, name="a.txt")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=runs) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert gc.isenabled() and gc.get_threshold() == before and gc.get_freeze_count() == 0
