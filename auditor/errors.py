"""Errors that name the file (and line) they are about, so the CLI can print one clear line."""

from __future__ import annotations


class AuditorError(Exception):
    """A problem the user can fix; ``str()`` is the one line the CLI prints."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.message = message
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class InputError(AuditorError):
    """An input file that cannot be read or decoded."""


class RuleError(AuditorError):
    """A rule or registry file that is malformed."""
