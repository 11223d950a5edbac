"""Inputs that are no file: standard input (``-``) and text handed to the library.

Such an input is read whole and decoded like a file (the encoding guessed the same way, NULs
removed and over-long lines cut with the same warnings); its lines travel with the stream, as
a saved page's text view does, so workers, Dask and the reuse read-back need no file. It is
named ``<stdin>`` (or the caller's name) in every report; its notes go to ``OUT/stdin/``.
"""

from __future__ import annotations

import hashlib
import sys

from auditor.errors import InputError
from auditor.ingest.encodings import guess_encoding
from auditor.ingest.sources import HEAD_BYTES, SourceStream

STDIN = "-"  # the argument that means standard input
STDIN_NAME = "<stdin>"  # how reports name it: no file is called that, and its note folder is "stdin"


def read_stdin() -> bytes:
    """All of standard input; refused when it is a terminal, where reading would wait for typing."""
    stdin = sys.stdin
    if stdin is None or stdin.isatty():
        raise InputError(STDIN_NAME, "standard input is a terminal; pipe a dump in (auditor audit - < dump.txt)")
    return stdin.buffer.read()


def open_text(name: str, data: bytes | str) -> SourceStream:
    """A text dump held in memory, opened as ``open_source`` opens a file: InputError when empty."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not raw.strip(b" \t\r\n\x00\x0b\x0c"):
        raise InputError(name, "is empty")
    encoding, warnings = ("utf-8", []) if isinstance(data, str) else guess_encoding(raw[:HEAD_BYTES], name)
    stream = SourceStream(path=name, sha256=hashlib.sha256(raw).hexdigest(), encoding=encoding, warnings=warnings)
    stream.view = stream.decode_all(raw)
    return stream
