"""Make input text safe inside Markdown and HTML: no markup, links or table breaks get through.

Checked against cmark-gfm, the renderer GitHub uses, with its table, strikethrough, autolink
and tagfilter extensions (tests/test_escaping.py renders every note): escaped text yields no
link, image or HTML element, and no invisible or line-breaking character reaches a note raw.
"""

from __future__ import annotations

import re
from urllib.parse import quote as percent_encode

# Every control (Cc), format (Cf), line- and paragraph-separator (Zl, Zp) character of Unicode
# 14 but tab, LF and CR (md() turns the last two into spaces): bidi overrides, zero-width characters,
# the word joiner, BOMs, U+061C, U+0085, U+2028, tag characters. A test checks this class
# against unicodedata, so a new Python's Unicode cannot slip one past it unnoticed.
INVISIBLE = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CONTROL = re.compile(f"[{INVISIBLE}]")
# Characters that start emphasis, links, code, tables, strikethrough or HTML in CommonMark/GFM.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#!+])")
# GFM's autolink extension turns "www.", "scheme://" and e-mail addresses (also "mailto:@x.y")
# in plain text into links. A backslash before the dot or the colon stops the first two (and
# shows nothing); an address is found in the text after escapes are undone, so an empty HTML
# comment before each "@" splits it where no reader sees a difference.
_WWW = re.compile(r"(?i)(www)\.")  # also after "_" or "*", which GFM accepts before it
_SCHEME_SLASHES = re.compile(r"(?i)(?<=[a-z0-9])://")
_MAIL_SCHEME = re.compile(r"(?i)(mailto|xmpp):")
_EMAIL_AT = re.compile(r"(?<=\S)@")  # never first on a line: a comment there opens an HTML block
_LINK_SAFE = "/:?#[]@!$&'*+,;=%-._~"  # kept as they are in a link target; anything else is %-encoded


def visible_controls(text: str) -> str:
    """Show control, format and separator characters as their picture or code, never raw."""

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
    text = re.sub(r"(?i)\b(javascript|data|vbscript|file)(:)", r"\1&#58;", text)
    text = _SCHEME_SLASHES.sub(r"\\://", _WWW.sub(r"\1\\.", text))
    return _EMAIL_AT.sub("<!-- -->@", _MAIL_SCHEME.sub(r"\1\\:", text))


def quote(text: str) -> str:
    return "“" + md(text) + "”"


def md_path_link(label_md: str, path: str, fragment: str = "") -> str:
    """A link to a file by a relative path the tool worked out (a note, an input in the
    repository), around ``label_md`` (Markdown already escaped). Every byte of the path but
    letters, digits and ``/._-~`` is %-encoded, so no file name can end the link, add a title
    or read as a scheme (``javascript:x.txt`` becomes ``javascript%3Ax.txt``, a file name)."""
    target = percent_encode(path, safe="/._-~")
    if target.startswith("/"):  # never made so; a leading "/" (or "//host") would leave the repository
        target = "." + target
    return f"[{label_md}]({target}{'#' + fragment if fragment else ''})"


def md_link(label: str, url: str | None) -> str:
    """A link the tool writes: to an http(s) URL only, its target %-encoded inside <...> so no
    character of it (a ")" above all) can end it early; any other URL leaves the plain label."""
    if not url or not re.match(r"(?i)https?://", url):
        return md(label)
    return f"[{md(label)}](<{percent_encode(url, safe=_LINK_SAFE)}>)"
