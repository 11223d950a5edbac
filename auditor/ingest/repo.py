"""Where the inputs live: the git work tree holding them, so reports can name them by repository path.

GitHub code scanning (SARIF), and links to a source line, need a path relative to the
repository's top level, whatever folder the run started in and however the input was typed
(``./seeds/x.txt``, ``../seeds/x.txt``, ``/abs/repo/seeds/x.txt``). The top level is found the
way git finds it, without running git: walking up from the input's folder to the first folder
holding ``.git`` (a folder, or a file in a linked worktree or a submodule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

# An input that is not a file (standard input, a library caller's text) is named like this.
_VIRTUAL = re.compile(r"<[a-z ]+>")


def is_virtual(name: str) -> bool:
    """True for the name of an input that is no file: ``<stdin>``, ``<text>``."""
    return _VIRTUAL.fullmatch(name) is not None


@lru_cache(maxsize=4096)
def git_top_level(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` (absolute) that holds ``.git``; None outside any work tree."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _located(path: str, cwd: Path) -> Path:
    """``path`` made absolute: its folder resolved (symlinks, ``..``), its own name kept, so a
    symlinked file is named where it stands in the work tree, not where it points."""
    p = Path(path)
    parent = (p.parent if p.is_absolute() else cwd / p.parent).resolve()
    return parent / p.name


@dataclass(frozen=True)
class SourceRoot:
    """The folder that report paths are relative to, and how to name an input from it."""

    root: Path  # absolute and resolved
    cwd: Path

    @classmethod
    def of(cls, inputs: list[str], cwd: Path | None = None) -> SourceRoot:
        """The work tree holding the first input that is a file; else the current folder's work
        tree; else the current folder. One SARIF run has one root: inputs elsewhere keep
        absolute names (see ``relative``)."""
        here = (cwd or Path.cwd()).resolve()
        first = next((p for p in inputs if not is_virtual(p)), None)
        top = git_top_level(_located(first, here).parent) if first is not None else None
        return cls(top or git_top_level(here) or here, here)

    def relative(self, path: str) -> str | None:
        """``path`` relative to the root, in POSIX form; None when it lies outside the root."""
        if is_virtual(path):
            return None
        where = _located(path, self.cwd)
        try:
            return PurePosixPath(*where.relative_to(self.root).parts).as_posix()
        except ValueError:
            return None

    def absolute(self, path: str) -> Path:
        return _located(path, self.cwd)

    def root_uri(self) -> str:
        """The root as a file URI ending in "/", as SARIF's originalUriBaseIds wants it."""
        uri = self.root.as_uri()
        return uri if uri.endswith("/") else uri + "/"
