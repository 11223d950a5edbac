"""The one place that reads input files: bytes to numbered lines, streamed, and folders to file lists."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from auditor.errors import InputError
from auditor.ingest.discover import HTML_SUFFIXES
from auditor.ingest.encodings import decode_html, guess_encoding
from auditor.ingest.files import Stamp, file_stamp, open_input
from auditor.ingest.page_info import PageInfo
from auditor.models import SourceText

# A saved page is parsed whole; anything bigger than this is not a news page.
MAX_HTML_BYTES = 20 << 20
# Files are read and decoded this many bytes at a time.
READ_BLOCK_BYTES = 1 << 20
HEAD_BYTES = 1 << 16
# Longer lines are cut for analysis (a warning names them): a 50 MB one-line file must not
# become a 50 MB string, and no headline, caption or byline is anywhere near this long.
MAX_LINE_CHARS = 1_000_000
BACKGROUND_HASH_BYTES = 32 << 20  # bigger files are hashed in a thread while the audit starts
_NEWLINES = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF and CR only, so numbers agree with `grep -n` and editors."""
    lines = _break_lines(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _break_lines(text: str) -> list[str]:
    """Split on LF, CRLF and lone CR; text without a CR (most) takes str.split, 10x a regex."""
    return text.split("\n") if "\r" not in text else _NEWLINES.split(text)


@dataclass
class SourceStream:
    """An input opened for streaming: metadata now, lines on demand.

    For a saved HTML page ``page`` holds what the page says about itself and ``view`` the
    extracted text the pipeline reads (and notes show, since line numbers refer to it).
    """

    path: str
    sha256: str  # "" while a big file's digest is still being computed: read it with digest()
    encoding: str
    warnings: list[str] = field(default_factory=list)
    page: PageInfo | None = None
    view: list[str] | None = None
    pending_digest: BackgroundDigest | None = field(default=None, repr=False, compare=False)
    stamp: Stamp | None = None  # the file as it was when opened (see files.changed)
    bytes_read: int = 0  # how far into the file reading has got (for progress)

    def digest(self) -> str:
        """The file's SHA-256, waiting for the background hash if it is still running."""
        if self.pending_digest is not None:
            self.sha256 = self.pending_digest.result()
            self.pending_digest = None
        return self.sha256

    def __getstate__(self) -> dict:
        # Workers read lines, never the digest: a task must not wait for it, nor carry a Future.
        return {**self.__dict__, "pending_digest": None}

    def lines(self, start_byte: int = 0, first_line: int = 1) -> Iterator[str]:
        """The file's lines, decoded chunk by chunk, over-long lines cut, NULs removed.

        ``start_byte``/``first_line`` start reading at a line boundary found by chunks.plan().
        """
        for block in self.blocks(start_byte, first_line):
            yield from block

    def blocks(self, start_byte: int = 0, first_line: int = 1) -> Iterator[list[str]]:
        """The same lines a decoded chunk (about READ_BLOCK_BYTES) at a time: a list per chunk."""
        if self.view is not None:
            yield list(self.view)
            return
        with open_input(self.path) as fh:
            if start_byte:
                fh.seek(start_byte)
            yield from self._split(self._decode(fh, start_byte), first_line - 1)

    def decode_all(self, data: bytes) -> list[str]:
        """``data``, a whole input held in memory (standard input), as lines decoded as a file's are."""
        return [line for block in self._split(self._decode(io.BytesIO(data))) for line in block]

    def _decode(self, fh: BinaryIO, consumed: int = 0) -> Iterator[tuple[str, bool]]:
        decoder = codecs.getincrementaldecoder(self.encoding)()
        warned_nul, warned_bad = False, False
        while True:
            chunk = fh.read(READ_BLOCK_BYTES)
            final = not chunk
            try:
                text = decoder.decode(chunk, final=final)
            except UnicodeDecodeError as exc:
                if not warned_bad:
                    self.warnings.append(
                        f"{self.path}: invalid {self.encoding} near byte {consumed + exc.start}; replaced"
                    )
                    warned_bad = True
                decoder.reset()
                text = chunk.decode(self.encoding, errors="replace")
            consumed += len(chunk)
            self.bytes_read = consumed
            if "\x00" in text:
                text = text.replace("\x00", "")
                if not warned_nul:
                    self.warnings.append(f"{self.path}: NUL bytes removed")
                    warned_nul = True
            yield text, final
            if final:
                return

    def _split(self, pieces: Iterator[tuple[str, bool]], line_no: int = 0) -> Iterator[list[str]]:
        pending, skipping = "", False
        for text, final in pieces:
            pending += text
            if final:
                parts = _break_lines(pending)
                if parts and parts[-1] == "":
                    parts.pop()  # the file ended with a newline
                pending = ""
            else:
                # A CR at the end of a chunk may be the first half of CRLF: hold it back.
                hold = pending.endswith("\r")
                parts = _break_lines(pending[:-1] if hold else pending)
                pending = parts.pop() + ("\r" if hold else "")
            if skipping and parts:  # the rest of a line already cut and counted
                del parts[0]
                skipping = False
            if parts and max(map(len, parts)) > MAX_LINE_CHARS:
                parts = [self._cap(part, line_no + k) for k, part in enumerate(parts, 1)]
            line_no += len(parts)
            if skipping:
                pending = "\r" if pending.endswith("\r") else ""
            elif len(pending) > MAX_LINE_CHARS:
                line_no += 1
                parts.append(self._cap(pending, line_no))
                pending, skipping = "", True
            if parts:
                yield parts

    def _cap(self, line: str, line_no: int) -> str:
        if len(line) <= MAX_LINE_CHARS:
            return line
        self.warnings.append(
            f"{self.path}:{line_no}: line longer than {MAX_LINE_CHARS:,} characters; only the start is analysed"
        )
        return line[:MAX_LINE_CHARS]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open_input(path) as fh:
        for chunk in iter(lambda: fh.read(READ_BLOCK_BYTES), b""):
            h.update(chunk)
    return h.hexdigest()


class BackgroundDigest:
    """A file's SHA-256 computed in a thread of its own, which ``result()`` joins.

    One thread per file, ended by the wait: an idle pool thread would outlive the run and keep
    the program from its quick exit (commands/quick_exit.py).
    """

    def __init__(self, path: Path) -> None:
        self._digest = ""
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(path,), name="sha256")
        self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            self._digest = _sha256(path)
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller by result()
            self._error = exc

    def result(self) -> str:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._digest


def _open_html(p: Path, name: str) -> SourceStream:
    from auditor.ingest.html import read_page

    try:
        with open_input(p) as fh:
            stamp = file_stamp(fh)
            size = stamp[2]
            if size > MAX_HTML_BYTES:
                raise InputError(name, f"page is {size:,} bytes; pages over {MAX_HTML_BYTES:,} are not parsed")
            data = fh.read()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(name, "is empty")
    try:
        text, warnings = decode_html(data, name)
    except ValueError as exc:
        raise InputError(name, str(exc)) from None
    try:
        page, view, cut = read_page(text, name)
    except Exception as exc:  # noqa: BLE001 - markup is the page's to choose; one line, never a traceback
        raise InputError(name, f"cannot be read as a page ({exc.__class__.__name__}: {exc})") from None
    warnings += cut
    if not view:
        warnings.append(f"{name}: no headline or text found in the page")
    return SourceStream(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="html",
        warnings=warnings,
        page=page,
        view=view,
        stamp=stamp,
    )


def open_source(path: str | os.PathLike[str]) -> SourceStream:
    """Check an input and open it for streaming; raise InputError naming the path on any problem."""
    name = str(path)
    p = Path(path)
    if p.suffix.lower() in HTML_SUFFIXES:
        return _open_html(p, name)
    try:
        with open_input(p) as fh:
            stamp = file_stamp(fh)
            head = fh.read(HEAD_BYTES)
            more = bool(fh.read(1))
            size = stamp[2]
        digest = _sha256(p) if size < BACKGROUND_HASH_BYTES else ""
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if not head.strip(b" \t\r\n\x00\x0b\x0c") and not more:
        raise InputError(name, "is empty")
    encoding, warnings = guess_encoding(head, name)
    stream = SourceStream(path=name, sha256=digest, encoding=encoding, warnings=warnings, stamp=stamp)
    if not digest:
        # Hashing a gigabyte takes seconds; the workers start on the file meanwhile (hashlib
        # lets go of the GIL), and the digest is awaited only when the report needs it.
        stream.pending_digest = BackgroundDigest(p)
    return stream


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read a whole (small) input into memory: for tests and library callers."""
    stream = open_source(path)
    lines = list(stream.lines())
    return SourceText(
        path=stream.path, lines=lines, sha256=stream.digest(), encoding=stream.encoding, warnings=stream.warnings
    )
