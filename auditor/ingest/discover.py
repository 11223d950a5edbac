"""Which files a run audits: folders expanded in a stable order, problems reported, not fatal."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from auditor.errors import InputError
from auditor.ingest.files import not_regular, refusal

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


def discover(
    paths: list[str], suffixes: tuple[str, ...] = INPUT_SUFFIXES, memory: Collection[str] = ()
) -> tuple[list[str], list[InputError]]:
    """Expand directories to the matching files below them, in a stable order; names in
    ``memory`` (inputs held in memory: standard input) are taken as they are."""
    found: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        p = Path(raw)
        if raw in memory:
            found.append(raw)
        elif not _utf8(raw):
            errors.append(InputError(raw, NOT_UTF8_NAME))
        elif p.is_dir():
            known = len(errors)
            matches = sorted(str(f) for f in _walk(p, errors) if f.suffix.lower() in suffixes)
            if not matches and len(errors) == known:  # else the errors already say why
                errors.append(InputError(raw, f"directory holds no {'/'.join(suffixes)} files"))
            found.extend(matches)
        elif p.exists():
            kind = _special(p)
            if kind is None:
                found.append(raw)
            else:
                errors.append(InputError(raw, refusal(kind)))
        elif p.is_symlink():
            errors.append(InputError(raw, "broken symbolic link"))
        else:
            errors.append(InputError(raw, "no such file or directory"))
    return found, errors


# Reports carry input names (JSON, notes, SARIF are UTF-8): a name whose bytes are not UTF-8
# cannot be written into them, so such a file is named in an error and skipped.
NOT_UTF8_NAME = "file name is not valid UTF-8; rename it to audit it"


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:  # undecodable bytes of the name, kept by Python as lone surrogates
        return False


def _special(p: Path) -> str | None:
    """What ``p`` is when it is not a regular file (a FIFO, a device, ...), following symlinks."""
    try:
        return not_regular(os.stat(p).st_mode)
    except OSError:
        return None  # opening it will say why it cannot be read


def _walk(root: Path, errors: list[InputError]) -> list[Path]:
    """Files below root; a symlink loop or unreadable folder is reported, not fatal."""
    out: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def visit(d: Path) -> None:
        try:
            st = d.stat()
        except OSError as exc:
            errors.append(InputError(str(d), f"cannot read folder: {exc.strerror or exc}"))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            errors.append(InputError(str(d), "symlink loop; skipped"))
            return
        seen.add(key)
        try:
            entries = sorted(d.iterdir())
        except OSError as exc:
            errors.append(InputError(str(d), f"cannot list folder: {exc.strerror or exc}"))
            return
        for e in entries:
            if not _utf8(str(e)):
                if e.suffix.lower() in INPUT_SUFFIXES:
                    errors.append(InputError(str(e), NOT_UTF8_NAME + "; skipped"))
            elif e.is_dir():
                visit(e)
            elif e.is_file():
                out.append(e)
            elif e.suffix.lower() in INPUT_SUFFIXES:
                # A FIFO or a device (maybe behind a symlink) named like an input: said, not read.
                kind = _special(e) if e.exists() else None
                if kind is not None:
                    errors.append(InputError(str(e), refusal(kind) + "; skipped"))
                elif e.is_symlink():
                    errors.append(InputError(str(e), "broken symbolic link; skipped"))

    visit(root)
    return out


def input_files(paths: list[str], memory: Collection[str] = ()) -> tuple[list[str], list[str]]:
    """The files to audit (each once) and one error line per path that gives none."""
    files, problems = discover(paths, memory=memory)
    unique = list(dict.fromkeys(files))  # the same file named twice is audited once
    return unique, [str(p) for p in problems]
