"""The one place that writes reports: atomically, only under --out, never over user files."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import AuditorError

MARKER = ".headline-auditor"
MARKER_TEXT = "This folder holds reports written by headline-auditor; it may rewrite them.\n"


def _inside(root: Path, target: Path) -> bool:
    try:
        target.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def atomic_write(path: Path, text: str) -> None:
    """Write to a temp file beside ``path`` and rename it into place: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def prepare_out(out: Path) -> None:
    """Refuse a non-empty folder the auditor did not create, so nobody's files get overwritten."""
    if out.exists() and not out.is_dir():
        raise AuditorError(str(out), "output path exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise AuditorError(
            str(out), f"folder is not empty and holds no {MARKER} marker; refusing to write reports into it"
        )
    out.mkdir(parents=True, exist_ok=True)
    if not (out / MARKER).exists():
        atomic_write(out / MARKER, MARKER_TEXT)


def write_reports(out: Path, files: dict[str, str], inputs: list[str], clean_folders: set[str]) -> list[Path]:
    """Write every file under ``out``; remove stale notes in the note folders this run owns."""
    prepare_out(out)
    input_paths = {Path(p).resolve() for p in inputs}
    written: list[Path] = []
    for rel, text in files.items():
        target = out / rel
        if not _inside(out, target):
            raise AuditorError(str(target), "report path leaves the output folder; not written")
        if target.resolve() in input_paths:
            raise AuditorError(str(target), "report path is an input file; not written")
        atomic_write(target, text)
        written.append(target)
    keep = {(out / rel).resolve() for rel in files}
    for folder in sorted(clean_folders):
        d = out / folder
        if d.is_dir() and _inside(out, d):
            for old in sorted(d.glob("*.md")):
                if old.resolve() not in keep:
                    old.unlink()
    for leftover in sorted(out.rglob(".*.tmp")):
        leftover.unlink()  # temp files of a run that was killed before its rename
    return written


def stale_files(out: Path, files: dict[str, str]) -> list[str]:
    """Relative paths whose committed content differs from what this run renders (for --check)."""
    stale = []
    for rel, text in files.items():
        target = out / rel
        try:
            current = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            stale.append(rel)
    return stale


def append_text(path: Path, text: str) -> None:
    """Append to a file the user named (e.g. $GITHUB_STEP_SUMMARY): never truncate what is there."""
    if path.exists() and not path.is_file():
        raise AuditorError(str(path), "summary path exists and is not a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def write_owned_file(path: Path, text: str, is_ours) -> None:
    """Write a file the user named, replacing it only when ``is_ours(old text)`` says we made it."""
    if path.exists():
        try:
            old = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            old = None
        if old is None or not is_ours(old):
            raise AuditorError(str(path), "exists and was not written by headline-auditor; not overwritten")
    atomic_write(path, text)
