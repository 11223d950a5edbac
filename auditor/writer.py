"""The one place that writes reports: atomically, only under --out, never over user files.
Files get the umask's mode; a failed write is one error naming the file; a run holds the output
folder's lock and removes only temp files of dead runs (see auditor.outlock)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence, Set
from pathlib import Path
from typing import IO, Any

from auditor.errors import AuditorError
from auditor.outlock import CAN_LOCK, dead_leftovers, file_mode, lock_folder, own_leftovers, temp_prefix

MARKER = ".headline-auditor"
MARKER_TEXT = "This folder holds reports written by headline-auditor; it may rewrite them.\n"


def is_inside(root: Path, target: Path) -> bool:
    return target.resolve().is_relative_to(root.resolve())


@contextlib.contextmanager
def _writing(path: Path | str) -> Iterator[None]:
    """A read-only folder, a full disk or a vanished folder as one line naming the file."""
    try:
        yield
    except OSError as exc:
        raise AuditorError(str(path), f"cannot write: {exc.strerror or exc}") from None


def _temp_beside(path: Path, binary: bool = False) -> tuple[IO[Any], str]:
    """An open temp file in ``path``'s folder, named for this process, with the umask's mode."""
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, file_mode())
        return (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")), tmp
    except BaseException:  # Ctrl-C between the two: no temp file is left behind
        os.close(fd)
        os.unlink(tmp)
        raise


def _commit(fh: IO[Any], tmp: str, path: Path, data: str | bytes | None = None) -> None:
    """Write ``data`` (if any) to the temp file, sync, rename to ``path``; on failure the caller discards it."""
    if data is not None:
        fh.write(data)
    fh.flush()
    os.fsync(fh.fileno())
    fh.close()
    os.replace(tmp, path)


def _discard(fh: IO[Any], tmp: str) -> None:
    with contextlib.suppress(OSError):  # a full disk fails the close's flush too
        fh.close()
    Path(tmp).unlink(missing_ok=True)


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temp file beside ``path`` and rename it into place: readers never see half a file."""
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fh, tmp = _temp_beside(path, binary=isinstance(data, bytes))
        try:  # an error or Ctrl-C anywhere in _commit, even on its first line, leaves no temp file
            _commit(fh, tmp, path, data)
        except BaseException:
            _discard(fh, tmp)
            raise


def _is_marker(path: Path) -> bool:
    """Only a regular file holding our text marks a folder ours (not a symlink, not a folder)."""
    try:
        st = path.lstat()
        return stat.S_ISREG(st.st_mode) and st.st_size <= 4096 and path.read_text(encoding="utf-8") == MARKER_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def _check_out(out: Path) -> None:
    if out.is_symlink() and not out.exists():
        raise AuditorError(str(out), "output path is a symbolic link to nothing; not followed")
    if out.exists() and not out.is_dir():
        raise AuditorError(str(out), "output path exists and is not a folder")


def prepare_out(out: Path, planned: Sequence[str] = (), folders: Set[str] = frozenset()) -> bool:
    """Make the output folder ready; return whether it is the auditor's own (marked) folder.

    A new or empty folder becomes ours (marked). A non-empty folder without the marker is
    shared with whoever owns it: the run refuses at once if any file or note folder it plans
    to write is already there, and otherwise writes beside the user's files without marking
    the folder or removing anything.
    """
    _check_out(out)
    if _is_marker(out / MARKER):
        return True
    if out.is_dir() and any(out.iterdir()):
        clash = next((name for name in [*planned, *sorted(folders)] if (out / name).exists()), None)
        if clash is not None:
            raise AuditorError(
                str(out / clash),
                f"exists in a folder headline-auditor did not create (no {MARKER} marker); refusing to overwrite it",
            )
        return False
    with _writing(out):
        out.mkdir(parents=True, exist_ok=True)
    atomic_write(out / MARKER, MARKER_TEXT)
    return True


class DirectoryTarget:
    """Writes reports under ``out``: each file through a temp file renamed into place."""

    def __init__(
        self,
        out: Path,
        inputs: list[str],
        note_folders: set[str],
        planned: Sequence[str] = (),
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        _check_out(out)
        with _writing(out):  # a run waits here while another one writes the same folder
            out.mkdir(parents=True, exist_ok=True)
            self._lock_fd = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if CAN_LOCK else None
            if self._lock_fd is not None:
                lock_folder(self._lock_fd, out, on_wait)
        self.owned = prepare_out(out, list(planned), note_folders)
        if self.owned:
            for leftover in dead_leftovers(out):
                with _writing(leftover):
                    leftover.unlink()
        self.out = out
        self.inputs = {Path(p).resolve() for p in inputs}
        self.note_folders = note_folders
        self.written: set[Path] = set()
        self._open: dict[str, tuple[IO[Any], str, Path]] = {}

    def _target(self, rel: str) -> Path:
        target = self.out / rel
        if not is_inside(self.out, target):
            raise AuditorError(str(target), "report path leaves the output folder; not written")
        if target.resolve() in self.inputs:
            raise AuditorError(str(target), "report path is an input file; not written")
        if not self.owned and target.exists() and target.resolve() not in self.written:
            raise AuditorError(
                str(target), "exists in a folder headline-auditor did not create; refusing to overwrite it"
            )
        return target

    def put(self, rel: str, text: str, tail: str = "") -> None:  # amend(keep_last=len(tail)) keeps it last
        target = self._target(rel)
        if target.resolve() in self.written:  # two articles, one file: never overwrite silently
            raise AuditorError(str(target), "would be written twice in one run; not overwritten")
        atomic_write(target, text + tail)
        self.written.add(target.resolve())

    def amend(self, rel: str, text: str, keep_last: int = 0) -> None:
        target = self._target(rel)
        with _writing(target):
            old = target.read_text(encoding="utf-8")
        cut = len(old) - keep_last  # the last characters (a note's closing section) stay last
        atomic_write(target, old[:cut] + text + old[cut:])
        self.written.add(target.resolve())

    def begin(self, rel: str) -> None:
        target = self._target(rel)
        with _writing(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            self._open[rel] = (*_temp_beside(target), target)

    def add(self, rel: str, text: str) -> None:
        fh, _, target = self._open[rel]
        with _writing(target):
            fh.write(text)

    def end(self, rel: str) -> None:
        fh, tmp, target = self._open[rel]  # held until committed: on failure abandon() discards it
        with _writing(target):
            _commit(fh, tmp, target)
        del self._open[rel]
        self.written.add(target.resolve())

    def abandon(self) -> None:
        """After an error: drop half-written streams; the previous complete files stay."""
        for fh, tmp, _ in self._open.values():
            _discard(fh, tmp)
        self._open.clear()
        for leftover in own_leftovers(self.out):  # interrupted between creating and guarding one
            with contextlib.suppress(OSError):
                leftover.unlink()
        self.unlock()

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None

    def finish(self) -> None:
        """Remove notes of articles that are gone, in the note folders of our own out folder."""
        try:
            if self.owned:
                for folder in sorted(self.note_folders):
                    d = self.out / folder
                    if d.is_dir() and not d.is_symlink() and is_inside(self.out, d):
                        for old in sorted(d.glob("*.md")):
                            if old.resolve() not in self.written:
                                with _writing(old):
                                    old.unlink()
        finally:
            self.unlock()


def current_digest(path: Path) -> str | None:
    """The sha256 of a report on disk (for --check); None when there is none to read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def append_text(path: Path, text: str) -> None:
    """Append to a file the user named (e.g. $GITHUB_STEP_SUMMARY): never truncate what is there."""
    if path.exists() and not path.is_file():
        raise AuditorError(str(path), "summary path exists and is not a file")
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", newline="\n") as fh:
            fh.write(text)


def append_scratch(path: Path, data: bytes) -> None:
    """Append to a scratch file in a temporary folder of this run (reuse postings)."""
    with _writing(path), path.open("ab") as fh:
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


def write_rule_bundle(bundle: tuple[tuple[tuple[str, str], ...], ...]) -> list[Path]:
    """On a Dask worker: the rule files sent with the tasks, as folders the loaders can read."""
    with _writing(tempfile.gettempdir()):
        root = Path(tempfile.mkdtemp(prefix="headline-auditor-rules-"))
    folders = []
    for k, files in enumerate(bundle):
        folder = root / f"{k:02d}"
        with _writing(folder):
            folder.mkdir()
        for name, text in files:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)  # outlets/<region>.toml
            atomic_write(folder / name, text)
        folders.append(folder)
    return folders
