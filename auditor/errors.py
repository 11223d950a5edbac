"""Errors that name the file (and line) they are about, so the CLI can print one clear line."""

from __future__ import annotations

import os


class AuditorError(Exception):
    """A problem the user can fix; ``str()`` is the one line the CLI prints."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.message = message
        self.line = line
        where = f"{_shown(path)}:{line}" if line is not None else _shown(path)
        super().__init__(f"{where}: {message}")


def _shown(path: str) -> str:
    """A path as UTF-8 text: the bytes of a name that is not UTF-8 shown as \\xNN (the message
    goes into reports, which are UTF-8, and onto the terminal)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        try:
            return os.fsencode(path).decode("utf-8", "backslashreplace")
        except UnicodeError:
            return path.encode("utf-8", "backslashreplace").decode("utf-8")


class InputError(AuditorError):
    """An input file that cannot be read or decoded."""


class RuleError(AuditorError):
    """A rule or registry file that is malformed."""
