"""Make input text safe inside Markdown and HTML: no markup, links or table breaks get through."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that start emphasis, links, code, tables, strikethrough or HTML in CommonMark/GFM.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#!+])")


def visible_controls(text: str) -> str:
    """Show control and bidi-override characters as their Unicode picture or code, never raw."""

    def show(m: re.Match[str]) -> str:
        c = m.group()
        if ord(c) < 0x20:
            return chr(0x2400 + ord(c))
        if c == "\x7f":
            return "\u2421"
        return f"<U+{ord(c):04X}>"

    return _CONTROL.sub(show, text)


def md(text: str) -> str:
    """Escape one line of untrusted text for Markdown (and the HTML it may be rendered to)."""
    text = visible_controls(text).replace("\n", " ").replace("\r", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # "javascript:" and friends never become links, even in renderers that autolink schemes.
    return re.sub(r"(?i)\b(javascript|data|vbscript|file)(:)", r"\1&#58;", text)


def quote(text: str) -> str:
    return "“" + md(text) + "”"
