"""The one place that reads input files: bytes to numbered lines, and directories to file lists."""
from __future__ import annotations

import codecs
import hashlib
import os
import re
from pathlib import Path

from .errors import InputError
from .models import SourceText

TEXT_SUFFIXES = (".txt",)
# A file whose first 8 KiB holds more than this share of control bytes is treated as binary.
BINARY_CONTROL_SHARE = 0.10
_NEWLINES = re.compile(r"\r\n|\r|\n")
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF and CR only, so numbers agree with `grep -n` and editors."""
    lines = _NEWLINES.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def decode(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """Decode bytes to text; return (text, encoding, warnings)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, []
            except UnicodeDecodeError as exc:
                raise InputError(path, f"not valid {enc}: {exc.reason} at byte {exc.start}") from None
    head = data[:8192]
    if head and sum(b in _CONTROL for b in head) / len(head) > BINARY_CONTROL_SHARE:
        raise InputError(path, "looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
        return text, "utf-8", []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot tell the text encoding (not UTF-8, no BOM, no likely legacy encoding)")
    warning = f"{path}: not UTF-8; decoded as {best.encoding} (a guess)"
    return str(best), best.encoding, [warning]


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read one file into numbered lines; raise InputError with the path on any problem."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(name, "is empty")
    text, encoding, warnings = decode(data, name)
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append(f"{name}: NUL bytes removed")
    return SourceText(
        path=name,
        lines=split_lines(text),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        warnings=warnings,
    )


def discover(paths: list[str], suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> tuple[list[str], list[InputError]]:
    """Expand directories to the matching files below them, in a stable order."""
    found: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            matches = sorted(
                str(f) for f in _walk(p, errors) if f.suffix.lower() in suffixes
            )
            if not matches:
                errors.append(InputError(raw, f"directory holds no {'/'.join(suffixes)} files"))
            found.extend(matches)
        elif p.exists() or p.is_symlink():
            found.append(raw)
        else:
            errors.append(InputError(raw, "no such file or directory"))
    return found, errors


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
            if e.is_dir():
                visit(e)
            elif e.is_file():
                out.append(e)

    visit(root)
    return out
