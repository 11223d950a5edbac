"""Issue 18, item 11: text from inputs and rule packs cannot link, embed or hide anything in a
note, SARIF or CSV. Notes are rendered with cmark-gfm (GitHub's renderer, with its extensions)
and every element of the HTML must be one the tool writes itself."""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.report.csv_out import guard_cell
from auditor.report.sarif import sarif_text
from auditor.text.markdown import INVISIBLE, md
from conftest import ROOT

CMARK = shutil.which("cmark-gfm")
needs_cmark = pytest.mark.skipif(
    CMARK is None,
    reason="cmark-gfm is not installed (Debian/Ubuntu: apt-get install -y cmark-gfm; .ci/run installs it)",
)
# What the notes and the index are made of: headings (h3: an input file's articles in the
# index), tables, emphasis for the change, lists, quotes, the page's text fence, <br> between
# evidence lines, and links the tool writes.
ALLOWED_TAGS = {"p", "h1", "h2", "h3", "hr", "table", "thead", "tbody", "tr", "th", "td", "strong", "del", "br"}
ALLOWED_TAGS |= {"ul", "ol", "li", "blockquote", "pre", "code", "a"}

# Hostile text, in our own words: links of every kind GFM recognises, markup, invisible and
# line-breaking characters.
HOSTILE = [
    "visit www.warning-signs.example now",
    "see http://bad.example/x and https://worse.example/y?q=1",
    "write to mailto:desk@bad.example or tips@bad.example, or xmpp:bot@bad.example/r",
    "[click](javascript:alert(1)) ![pic](https://bad.example/p.png) <img src=x onerror=alert(1)>",
    "<script>alert(1)</script> <a href='https://bad.example'>x</a> <https://bad.example/auto>",
    "a | pipe ` tick ~~strike~~ **bold** _em_ # hash",
    "hidden\u061cmark\u2060joiner\ufeffbom\u2028line\x85next\u202eoverride\u200bzero\u00adsoft",
    "&lt;script&gt; &#106;avascript:alert(1) [ref]: https://bad.example",
]


def hostile_corpus(d: Path) -> tuple[Path, Path]:
    d.mkdir()
    lines = []
    for k, h in enumerate(HOSTILE):
        lines += [
            f"Antichrist visits Basra port {k} {h}",
            "",
            f"Minister visits Basra port {k} {h}",  # the real headline carries the text too
            "",
            f"The minister toured the port on Monday, Reuters reported, {h}.",
            "",
            f"Photo: AFP {h}",
            "",
        ]
    dump = d / "dump.txt"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rules = d / "rules"
    rules.mkdir()
    (rules / "hostile.toml").write_text(
        'category = "loaded_label"\n\n[[rules]]\nname = "hostile"\nkind = "term"\nseverity = "high"\n'
        'message = "Evil [x](javascript:alert(1)) www.bad.example <b>bold</b>"\n'
        'reference = "https://ok.example/a)![img](https://bad.example/p.png)[more](https://bad.example/c"\n'
        'terms = ["Antichrist"]\n\n'
        '[[rules.examples.match]]\noriginal = "Minister visits Basra port"\naltered = "Antichrist visits Basra port"\n\n'
        '[[rules.examples.no_match]]\noriginal = "Minister visits Basra port"\naltered = "Minister visits Basra harbour"\n',
        encoding="utf-8",
    )
    return dump, rules


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href", ""))

    def handle_comment(self, data):
        self.comments.append(data)


def render(markdown: str) -> Elements:
    # --unsafe: raw HTML passes through, so any that escaping let by shows up as an element.
    html = subprocess.run(
        [CMARK, "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    parsed = Elements()
    parsed.feed(html)
    return parsed


def relative_link(href: str) -> bool:
    """A link the tool makes to a file it knows (a note, the index, an input in the repository):
    a relative path, no scheme, not absolute."""
    return not re.match(r"(?i)[a-z][a-z0-9+.-]*:", href) and not href.startswith(("/", "\\"))


def rule_references() -> set[str]:
    refs = set()
    for f in (ROOT / "rules").glob("*.toml"):
        refs |= set(re.findall(r'^reference = "([^"]+)"', f.read_text(encoding="utf-8"), re.M))
    return refs


@needs_cmark
def test_rendered_notes_hold_only_what_the_tool_wrote(tmp_path):
    dump, rules = hostile_corpus(tmp_path / "in")
    out = tmp_path / "r"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(dump), "--rules", str(rules), "--out", str(out)]
        + ["--format", "md,json,sarif,csv", "--fail-on", "never"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    hostile_ref = "https://ok.example/a)![img](https://bad.example/p.png)[more](https://bad.example/c"
    allowed_links = {unquote(u) for u in rule_references() | {hostile_ref}}
    notes = sorted(out.rglob("*.md"))
    articles = json.loads((out / "audit.json").read_text(encoding="utf-8"))["documents"][0]["articles"]
    assert len(notes) == len(articles) + 1 and len(articles) >= len(HOSTILE) - 2
    for note in notes:
        text = note.read_text(encoding="utf-8")
        assert not re.search(f"[{INVISIBLE}]", text), note
        parsed = render(text)
        assert set(parsed.tags) <= ALLOWED_TAGS, (note, set(parsed.tags) - ALLOWED_TAGS)
        for href in parsed.hrefs:
            assert relative_link(href) or unquote(href) in allowed_links, (note, href)
        assert all(c.strip() in ("", "raw HTML omitted") for c in parsed.comments)
    # One link per finding of the hostile rule: its reference whole, not cut at the ")".
    first = render(next(n for n in notes if n.name != "index.md").read_text(encoding="utf-8"))
    assert [unquote(h) for h in first.hrefs if "ok.example" in h] == [hostile_ref]
    assert "img" not in first.tags


PIECES = ["www.", "http://", "https://", "ftp://", "mailto:", "xmpp:", "javascript:", "@", "a", "b.c", ".", ":"]
PIECES += ["/", "(", ")", "[", "]", "!", "<", ">", "&", "#", ";", "*", "_", "~", "`", "|", "\\", " ", "x@y.z"]
PIECES += ["<img src=x>", "&lt;", "&#64;", "\u202e", "\u2028", "\ufeff", "\x85", "\u061c", "\n"]
hostile_texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@needs_cmark
@given(st.lists(hostile_texts, min_size=1, max_size=40))
def test_escaped_text_never_renders_as_a_link_an_image_or_html(texts):
    markdown = "| a | b |\n|---|---|\n" + "".join(f"| {md(t)} | x |\n" for t in texts) + "\n"
    markdown += "".join(f"{md(t)}\n\n" for t in texts)
    parsed = render(markdown)
    assert set(parsed.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "p"}, parsed.tags
    assert not parsed.hrefs


def test_the_invisible_class_is_every_control_format_and_separator_character():
    wanted = {
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and chr(c) not in "\t\n\r"
    }
    found = {chr(c) for c in range(sys.maxunicode + 1) if re.match(f"[{INVISIBLE}]", chr(c))}
    assert found == wanted


def unescaped_brackets(text: str) -> int:
    count, k = 0, 0
    while k < len(text):
        if text[k] == "\\":
            k += 2
            continue
        count += text[k] in "[]"
        k += 1
    return count


def test_sarif_messages_carry_no_embedded_link():
    # In SARIF, "[x](target)" in a message's text is an embedded link (3.11.6).
    text = sarif_text("Evil [x](javascript:alert(1)) \\[y] \u202e")
    assert unescaped_brackets(text) == 0 and "\u202e" not in text


@needs_cmark
def test_sarif_and_csv_of_a_hostile_run(tmp_path):
    dump, rules = hostile_corpus(tmp_path / "in")
    out = tmp_path / "r"
    subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(dump), "--rules", str(rules), "--out", str(out)]
        + ["--format", "sarif,csv", "--fail-on", "never", "-q"],
        check=True,
        timeout=120,
    )
    log = json.loads((out / "audit.sarif").read_text(encoding="utf-8"))
    run = log["runs"][0]
    texts = [r["message"]["text"] for r in run["results"]]
    for rule in run["tool"]["driver"]["rules"]:
        texts += [rule["shortDescription"]["text"], rule["fullDescription"]["text"], rule["help"]["text"]]
    # The one link a message may carry is the tool's own, to the original headline's related location.
    assert texts and all(unescaped_brackets(t.replace("[original headline](1)", "")) == 0 for t in texts)
    rows = list(csv.reader(io.StringIO((out / "articles.csv").read_text(encoding="utf-8"))))
    assert all(not re.match(r"^[\s]*[=+\-@]", cell) for row in rows for cell in row)


@pytest.mark.parametrize("cell", [" =1+1", "=1+1", "\t=1", "  @SUM(A1)", "-2+3", "＝1+1", "\n=1"])
def test_csv_cells_that_start_a_formula_are_quoted(cell):
    # Before: " =1+1" (space first) went out as is.
    assert guard_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Reuters", "a=b", "1-2", "mail@example.org"])
def test_other_csv_cells_are_left_alone(cell):
    assert guard_cell(cell) == cell


# -- Item 12: diagnostics escape control characters.


def test_a_file_name_cannot_forge_a_line_or_reach_the_terminal(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    forged = "x.txt\nwarning: all clear.txt"
    (d / forged).write_bytes(b"")  # empty: one error line naming it
    (d / "t\x1b]0;owned\x07\x1b[31mred.txt").write_bytes(b"")
    (d / "bidi\u202etxt.txt").write_bytes(b"")
    raw = bytes(d) + b"/caf\xe9.txt"  # a name that is not UTF-8
    with open(raw, "wb"):
        pass
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(d), "--out", str(tmp_path / "r")],
        capture_output=True,
        timeout=120,
    )
    err = proc.stderr.decode("utf-8", "replace")
    lines = err.splitlines()
    # Before: "warning: all clear.txt: is empty" stood on a line of its own, and ESC reached the terminal.
    assert all(line.startswith(("error:", "warning:", "note:")) for line in lines), err
    assert not any(line.startswith("warning: all clear") for line in lines)
    assert "x.txt\\nwarning: all clear.txt: is empty" in err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "t\\x1b]0;owned\\x07\\x1b[31mred.txt" in err and "bidi\\u202etxt.txt" in err
    assert "caf\\xe9.txt" in err
    assert proc.returncode == 2


def test_printable_escapes_what_could_break_a_line():
    from auditor.text.terminal import printable

    assert (
        printable("a\nb\rc\td\x1b[0m\x85\u2028\u2029\ufeff\udcff")
        == "a\\nb\\rc\\td\\x1b[0m\\x85\\u2028\\u2029\\ufeff\\xff"
    )
    assert printable("Café — «ok» 北京 🙂") == "Café — «ok» 北京 🙂"
