"""The one place that writes reports: atomically, only under --out, never over user files."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence, Set
from pathlib import Path

from auditor.errors import AuditorError

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
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def prepare_out(out: Path, planned: Sequence[str] = (), folders: Set[str] = frozenset()) -> bool:
    """Make the output folder ready; return whether it is the auditor's own (marked) folder.

    A new or empty folder becomes ours (marked). A non-empty folder without the marker is
    shared with whoever owns it: the run refuses at once if any file or note folder it plans
    to write is already there, and otherwise writes beside the user's files without marking
    the folder or removing anything.
    """
    if out.exists() and not out.is_dir():
        raise AuditorError(str(out), "output path exists and is not a folder")
    if (out / MARKER).exists():
        return True
    if out.is_dir() and any(out.iterdir()):
        clash = next((name for name in [*planned, *sorted(folders)] if (out / name).exists()), None)
        if clash is not None:
            raise AuditorError(
                str(out / clash),
                f"exists in a folder headline-auditor did not create (no {MARKER} marker); refusing to overwrite it",
            )
        return False
    out.mkdir(parents=True, exist_ok=True)
    atomic_write(out / MARKER, MARKER_TEXT)
    return True


class DirectoryTarget:
    """Writes reports under ``out``: each file through a temp file renamed into place."""

    def __init__(self, out: Path, inputs: list[str], note_folders: set[str], planned: Sequence[str] = ()) -> None:
        self.owned = prepare_out(out, list(planned), note_folders)
        if self.owned:
            for leftover in sorted(out.rglob(".*.tmp")):
                leftover.unlink()  # temp files of a run that was killed before its rename
        self.out = out
        self.inputs = {Path(p).resolve() for p in inputs}
        self.note_folders = note_folders
        self.written: set[Path] = set()
        self._open: dict[str, tuple] = {}

    def _target(self, rel: str) -> Path:
        target = self.out / rel
        if not _inside(self.out, target):
            raise AuditorError(str(target), "report path leaves the output folder; not written")
        if target.resolve() in self.inputs:
            raise AuditorError(str(target), "report path is an input file; not written")
        if not self.owned and target.exists() and target.resolve() not in self.written:
            raise AuditorError(
                str(target), "exists in a folder headline-auditor did not create; refusing to overwrite it"
            )
        return target

    def put(self, rel: str, text: str) -> None:
        target = self._target(rel)
        atomic_write(target, text)
        self.written.add(target.resolve())

    def amend(self, rel: str, text: str) -> None:
        target = self._target(rel)
        atomic_write(target, target.read_text(encoding="utf-8") + text)
        self.written.add(target.resolve())

    def begin(self, rel: str) -> None:
        target = self._target(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self._open[rel] = (os.fdopen(fd, "w", encoding="utf-8", newline="\n"), tmp, target)

    def add(self, rel: str, text: str) -> None:
        self._open[rel][0].write(text)

    def end(self, rel: str) -> None:
        fh, tmp, target = self._open.pop(rel)
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()
        os.replace(tmp, target)
        self.written.add(target.resolve())

    def abandon(self) -> None:
        """After an error: drop half-written streams; the previous complete files stay."""
        for fh, tmp, _ in self._open.values():
            fh.close()
            Path(tmp).unlink(missing_ok=True)
        self._open.clear()

    def finish(self) -> None:
        """Remove notes of articles that are gone, in the note folders of our own out folder."""
        if not self.owned:
            return
        for folder in sorted(self.note_folders):
            d = self.out / folder
            if d.is_dir() and _inside(self.out, d):
                for old in sorted(d.glob("*.md")):
                    if old.resolve() not in self.written:
                        old.unlink()


class CheckTarget:
    """Compares what a run would write with what is under ``out``; writes nothing."""

    def __init__(self, out: Path, note_folders: set[str]) -> None:
        self.out, self.note_folders = out, note_folders
        self.stale: list[str] = []
        self._hashes: dict = {}  # every file of the run, hashed as its text arrives

    def put(self, rel: str, text: str) -> None:
        self._hashes[rel] = hashlib.sha256(text.encode("utf-8"))

    def amend(self, rel: str, text: str) -> None:
        self._hashes[rel].update(text.encode("utf-8"))

    def begin(self, rel: str) -> None:
        self._hashes[rel] = hashlib.sha256()

    def add(self, rel: str, text: str) -> None:
        self._hashes[rel].update(text.encode("utf-8"))

    def end(self, rel: str) -> None:
        pass

    def abandon(self) -> None:
        self._hashes.clear()

    def finish(self) -> None:
        """Files that differ, are missing, or are notes this run would not write."""
        for rel, h in sorted(self._hashes.items()):
            try:
                current = hashlib.sha256((self.out / rel).read_bytes()).hexdigest()
            except OSError:
                current = None
            if current != h.hexdigest():
                self.stale.append(rel)
        for folder in sorted(self.note_folders):
            d = self.out / folder
            for old in sorted(d.glob("*.md")) if d.is_dir() else []:
                if f"{folder}/{old.name}" not in self._hashes:
                    self.stale.append(f"{folder}/{old.name}")


def append_text(path: Path, text: str) -> None:
    """Append to a file the user named (e.g. $GITHUB_STEP_SUMMARY): never truncate what is there."""
    if path.exists() and not path.is_file():
        raise AuditorError(str(path), "summary path exists and is not a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def append_scratch(path: Path, data: bytes) -> None:
    """Append to a scratch file in a temporary folder of this run (reuse postings)."""
    with path.open("ab") as fh:
        fh.write(data)


def write_owned_file(path: Path, text: str, is_ours: Callable[[str], bool]) -> None:
    """Write a file the user named, replacing it only when ``is_ours(old text)`` says we made it."""
    if path.exists():
        try:
            old = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            old = None
        if old is None or not is_ours(old):
            raise AuditorError(str(path), "exists and was not written by headline-auditor; not overwritten")
    atomic_write(path, text)


class FetchCache:
    """Fetched pages on disk by URL, so a rerun never asks the network twice for one page."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.folder / f"{key}.html", self.folder / f"{key}.json"

    def get(self, url: str) -> tuple[bytes, dict] | None:
        page, meta = self._paths(url)
        try:
            return page.read_bytes(), json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, url: str, body: bytes, sidecar: dict) -> None:
        page, meta = self._paths(url)
        page.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{page.name}.", suffix=".tmp", dir=page.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        os.replace(tmp, page)
        atomic_write(meta, json.dumps(sidecar, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def save_fetched(out: Path, name: str, body: bytes, sidecar: dict) -> tuple[Path, Path]:
    """`auditor fetch`: the page as fetched and its sidecar JSON, both under ``out``."""
    page, meta = out / f"{name}.html", out / f"{name}.json"
    prepare_out(out, [page.name, meta.name])
    if not (_inside(out, page) and _inside(out, meta)):
        raise AuditorError(str(page), "path leaves the output folder; not written")
    fd, tmp = tempfile.mkstemp(prefix=f".{page.name}.", suffix=".tmp", dir=out)
    with os.fdopen(fd, "wb") as fh:
        fh.write(body)
    os.replace(tmp, page)
    atomic_write(meta, json.dumps(sidecar, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return page, meta


def write_rule_bundle(bundle: tuple[tuple[tuple[str, str], ...], ...]) -> list[Path]:
    """On a Dask worker: the rule files sent with the tasks, as folders the loaders can read."""
    root = Path(tempfile.mkdtemp(prefix="headline-auditor-rules-"))
    folders = []
    for k, files in enumerate(bundle):
        folder = root / f"{k:02d}"
        folder.mkdir()
        for name, text in files:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)  # outlets/<region>.toml
            atomic_write(folder / name, text)
        folders.append(folder)
    return folders
