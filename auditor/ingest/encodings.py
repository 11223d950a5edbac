"""Which text encoding an input is in: byte-order marks, declared charsets, then a guess."""

from __future__ import annotations

import codecs
import re

from auditor.errors import InputError

# Longest marks first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A file whose first 8 KiB holds more than this share of control bytes is treated as binary.
BINARY_CONTROL_SHARE = 0.10
_CONTROL = frozenset(set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)


def guess_encoding(head: bytes, path: str) -> tuple[str, list[str]]:
    """The encoding to read a file with, from its first bytes; warnings say when it is a guess."""
    for bom, enc in BOMS:
        if head.startswith(bom):
            return enc, []
    sample = head[:8192]
    if sample and sum(b in _CONTROL for b in sample) / len(sample) > BINARY_CONTROL_SHARE:
        raise InputError(path, "looks like a binary file, not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8", []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        raise InputError(path, "cannot tell the text encoding (not UTF-8, no BOM, no likely legacy encoding)")
    return best.encoding, [f"{path}: not UTF-8; decoded as {best.encoding} (a guess)"]


def html_charset(data: bytes, header_charset: str | None = None) -> tuple[str | None, str]:
    """The charset a page declares (BOM, HTTP header, <meta>), and where that came from."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return enc, "byte-order mark"
    for label, value in (("HTTP header", header_charset), ("<meta> tag", None)):
        if label == "<meta> tag":
            m = _META_CHARSET.search(data[:8192])
            value = m.group(1).decode("ascii", "ignore") if m else None
        if value:
            try:
                return codecs.lookup(value).name, label
            except LookupError:
                continue
    return None, ""


def decode_html(data: bytes, path: str, header_charset: str | None = None) -> tuple[str, list[str]]:
    """Decode a page: declared charset first, then UTF-8, then a charset-normalizer guess."""
    declared, _ = html_charset(data, header_charset)
    if declared:
        try:
            return data.decode(declared), []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("cannot tell the page's encoding")
    return str(best), [f"{path}: page declares no usable charset; decoded as {best.encoding} (a guess)"]
