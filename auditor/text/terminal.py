"""Text for one line of a terminal: nothing in it can start another line or move the cursor.

File names and URLs come from the user's disk or from audited text: a name holding a newline
would print a forged second ``warning:`` line, and OSC or CSI escapes would reach the
terminal. Every control, format and separator character is shown as a backslash escape, and
so is each byte of a file name that is not UTF-8 (Python keeps it as a lone surrogate).
"""

from __future__ import annotations

import re

from auditor.text.markdown import INVISIBLE

_UNSAFE = re.compile(f"[{INVISIBLE}\t\n\r\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    o = ord(c)
    if 0xDC80 <= o <= 0xDCFF:  # surrogateescape: the byte the file name really holds
        return f"\\x{o - 0xDC00:02x}"
    if c in _NAMED:
        return _NAMED[c]
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"


def printable(text: str) -> str:
    """``text`` with every character that could break or hijack a terminal line escaped."""
    return _UNSAFE.sub(_escape, text)
