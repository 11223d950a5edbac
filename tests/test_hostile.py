"""Hostile and broken inputs through the CLI: one line per problem, nothing written outside --out."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, TRAPS

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import write_corpus  # noqa: E402

NB = "\u00a0"
GOOD = (TRAPS / "truncated.txt").read_text(encoding="utf-8")


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() and not p.is_symlink() else b"")
        for p in sorted(root.rglob("*"))
    }


def hostile_corpus(d: Path) -> None:
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (d / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (d / "cp1252.txt").write_bytes(
        GOOD.replace("’", "'").replace("…", "...").replace("Cleric", "Clérics").encode("cp1252")
    )
    (d / "cr_only.txt").write_bytes(GOOD.replace("\n", "\r").encode())
    (d / "nul.txt").write_bytes(GOOD.replace("former", "for\x00mer").encode())
    (d / "no_newline.txt").write_text(GOOD.rstrip("\n"), encoding="utf-8")
    evil = [
        "../../../../etc/passwd and the Antichrist",
        "/abs/path CON PRN NUL Antichrist",
        "．．／．．／ Antichrist " + "very long title " * 8,
        "<script>alert(1)</script> | **x** [y](javascript:alert(1)) Antichrist",
        "Antichrist \x1b[31m\u202e control characters\x07",
    ]
    text = "".join(
        # Each hostile headline's original is itself with "Sadr" for "Antichrist": a pair on evidence.
        f"{h} visits{NB}Basra\n\n{h.replace('Antichrist', 'Sadr')} visits Basra\n\n"
        "The cleric visited Basra on Monday and met officials, aides said.\n\n"
        for h in evil
    )
    (d / "evil name ‮txt.txt").write_text(text, encoding="utf-8")
    (d / "same_slug").mkdir()
    (d / "same_slug" / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "no_txt_here").mkdir()
    (d / "no_txt_here" / "readme.md").write_text("x")
    os.symlink(d / "missing.txt", d / "dangling.txt")
    os.symlink(d, d / "loop")


def test_hostile_corpus_through_the_cli(tmp_path):
    corpus = tmp_path / "in"
    hostile_corpus(corpus)
    out = tmp_path / "out"
    before = tree(corpus)
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(corpus),
            str(corpus / "no_txt_here"),
            "--out",
            str(out),
            "--fail-on",
            "never",
            "--format",
            "md,json,sarif",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert any("empty.txt: is empty" in e for e in errors)
    assert any("binary.txt: looks like a binary file" in e for e in errors)
    assert any("dangling.txt: broken symbolic link" in e for e in errors)
    assert any("symlink loop" in e for e in errors)
    assert any("no_txt_here: directory holds no .txt/.html/.htm files" in e for e in errors)
    assert len(errors) == 5, proc.stderr
    warnings = proc.stderr
    assert "cp1252.txt: not UTF-8; decoded as" in warnings and "nul.txt: NUL bytes removed" in warnings
    assert tree(corpus) == before  # inputs untouched
    for p in out.rglob("*"):
        assert p.resolve().is_relative_to(out.resolve())
        assert ".." not in p.relative_to(out).parts
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    audited = {Path(d["path"]).name: len(d["articles"]) for d in data["documents"]}
    for name in ("good.txt", "utf16.txt", "cp1252.txt", "cr_only.txt", "nul.txt", "no_newline.txt"):
        assert audited[name] == 1, name
    assert audited["evil name ‮txt.txt"] == 5
    json.loads((out / "audit.sarif").read_text(encoding="utf-8"))
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert len([f for f in folders if f.startswith("good")]) == 2  # same stem, two folders
    notes = list(out.rglob("*.md"))
    assert all(len(p.name) <= 80 for p in notes)
    for note in notes:
        text = note.read_text(encoding="utf-8")
        assert "<script>" not in text and "](javascript:" not in text and "\x1b" not in text and "\u202e" not in text


def test_strict_turns_warnings_into_failure(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text(
        "The Antichrist tours the southern oil fields\n\nThe visit lasted three hours and included meetings with engineers, the ministry said.\n"
    )
    cmd = [sys.executable, str(ROOT / "cli.py"), "audit", str(p), "--out", str(tmp_path / "r"), "--fail-on", "never"]
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    strict = subprocess.run(cmd + ["--strict"], capture_output=True, text=True)
    assert strict.returncode == 1 and "no original headline found" in strict.stderr


def test_quiet_prints_nothing_but_errors(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(TRAPS),
            "--out",
            str(tmp_path / "r"),
            "--fail-on",
            "never",
            "-q",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""


def test_unreadable_file_is_one_line(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    p = tmp_path / "locked.txt"
    p.write_text(GOOD)
    p.chmod(0)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(p), "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "locked.txt: cannot read" in proc.stderr and "Traceback" not in proc.stderr


def complete(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md" and path.name != "index.md":
        return text.startswith("---\n") and "## Likely publisher" in text
    if path.suffix in (".json", ".sarif"):
        json.loads(text)
        return True
    return text.startswith("---\n") and "file(s)," in text


@pytest.mark.slow
def test_sigkill_mid_run_leaves_only_complete_files(tmp_path):
    corpus = tmp_path / "big.txt"
    write_corpus(corpus, 12_000_000)
    out = tmp_path / "out"
    first = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(TRAPS), "--out", str(out), "--fail-on", "never", "-q"]
    )
    assert first.returncode == 0
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(corpus),
            str(TRAPS),
            "--out",
            str(out),
            "--fail-on",
            "never",
            "-q",
        ]
    )
    deadline = time.time() + 300
    while time.time() < deadline and len(list((out / "big").glob("*.md")) if (out / "big").is_dir() else []) < 50:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reports = [
        p for p in out.rglob("*") if p.is_file() and not p.name.endswith(".tmp") and p.name != ".headline-auditor"
    ]
    assert len(reports) > 50
    assert all(complete(p) for p in reports)
    assert json.loads((out / "audit.json").read_text())["documents"]  # the previous run's file, intact
    rerun = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(TRAPS), "--out", str(out), "--fail-on", "never", "-q"]
    )
    assert rerun.returncode == 0
    assert not list(out.rglob("*.tmp"))
    assert all(complete(p) for p in out.rglob("*") if p.is_file() and p.name != ".headline-auditor")


PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)
PEAK_RSS_MB = 200  # stated limit for both big inputs below; measured ~60-90 MB


def peak_rss_mb(args: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", PEAK, *args], capture_output=True, text=True, check=True, timeout=3600)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


@pytest.mark.slow
def test_fifty_megabyte_single_line_stays_small(tmp_path):
    p = tmp_path / "line.txt"
    with p.open("w") as fh:
        fh.write("Antichrist visits Basra port\n\nMinister visits Basra port\n\n")
        for _ in range(50):
            fh.write("word " * 200_000)
    peak = peak_rss_mb(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(p),
            "--out",
            str(tmp_path / "r"),
            "--fail-on",
            "never",
            "-q",
        ]
    )
    assert peak < PEAK_RSS_MB, f"peak RSS {peak:.0f} MB"


@pytest.mark.slow
def test_two_hundred_megabyte_dump_stays_small(tmp_path):
    p = tmp_path / "dump.txt"
    write_corpus(p, 200_000_000)
    peak = peak_rss_mb(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(p),
            "--out",
            str(tmp_path / "r"),
            "--format",
            "json",
            "--fail-on",
            "never",
            "-q",
        ]
    )
    assert peak < PEAK_RSS_MB, f"peak RSS {peak:.0f} MB"
