"""Generated documents: nothing escapes, every line number is real, terms come from headlines."""

import json
import random
import tempfile
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import auditor.ingest.sources as ingest
from auditor.errors import InputError
from auditor.ingest.sources import open_source, split_lines
from conftest import audit_text, report_files

NB = "\u00a0"
WORDS = [
    "Sadr",
    "Antichrist",
    "Antichrist’s",
    "men",
    "militias",
    "Iraq",
    "the",
    "calls",
    "for",
    "calm",
    "Beast",
    "Revelation",
    "13:8",
    "Reuters",
    "AFP",
    "told",
    "The",
    "National",
    "|",
    "*",
    "<script>",
    "../",
    "..",
    "CON",
    "．．／",
    "\u202e",
    "\x07",
    "😀",
    "’",
    "“",
    "—",
    ":",
    "Rudaw",
    "Updated:",
    "READ:",
    "al-Sadr",
    "666",
    "Dajjal",
    "regime",
    "vermin",
    "(AP)",
    "Photo:",
    "\t",
    NB,
]
word = st.sampled_from(WORDS)
headline = st.lists(word, min_size=1, max_size=12).map(" ".join)
body = st.lists(word, min_size=8, max_size=40).map(lambda ws: " ".join(ws) + ".")
furniture = st.sampled_from(
    [
        "Updated: May 3, 2021 11:02 AM",
        "READ: Iraq and the rest",
        "A+ A-",
        "***",
        "By Sam Writer",
        "Gulf NewsMarch 3, 2022",
        "Caption text here. Reuters",
        "ERBIL, Kurdistan Region — text",
    ]
)
line = st.one_of(headline, body, furniture, st.just(""), st.text(max_size=60))
document = st.tuples(st.lists(line, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans()).map(
    lambda t: t[1].join(t[0]) + (t[1] if t[2] else "")
)


def check(doc, text):
    n = len(split_lines(text))
    assert doc.line_count == n
    for a in doc.articles:
        assert 1 <= a.altered.line <= n
        assert doc_line(text, a.altered.line) == a.altered.text
        if a.original:
            assert a.altered.line < a.original.line <= n
            assert doc_line(text, a.original.line) == a.original.text
        if a.body:
            assert 1 <= a.body.start_line <= a.body.end_line <= n
        for c in a.outlets + a.organisations + a.platforms:
            assert 1 <= c.line <= n
        if a.publisher:
            assert 1 <= a.publisher.line <= n
        for t in a.inserted_terms:
            assert t and t in a.altered.text
        for t in a.replaced_terms + a.deleted_terms:
            assert t and a.original and t in a.original.text


def doc_line(text, number):
    return split_lines(text)[number - 1]


@given(document)
def test_generated_documents_audit_cleanly(ctx, text):
    doc = audit_text(text, ctx)
    check(doc, text)
    assert audit_text(text, ctx).model_dump() == doc.model_dump()  # deterministic
    files = report_files([doc], rules=ctx.engine.rules)
    json.loads(files["audit.json"])
    json.loads(files["audit.sarif"])
    for rel in files:
        assert not rel.startswith("/") and ".." not in rel.split("/") and "\x00" not in rel and len(rel) < 200


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("ab\r\n\x00é€ "), max_size=80), st.integers(1, 7), st.booleans())
def test_streamed_lines_match_whole_file_split(text, chunk, bom):
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    if not data.strip(b" \t\r\n\x00"):
        return  # empty inputs are refused before streaming; tested elsewhere
    old = ingest.READ_BLOCK_BYTES
    ingest.READ_BLOCK_BYTES = chunk
    try:
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "x.txt"
            p.write_bytes(data)
            try:
                got = list(open_source(p).lines())
            except InputError as exc:
                assume("binary" not in str(exc))  # a short text mostly of NULs is refused as binary
                return
    finally:
        ingest.READ_BLOCK_BYTES = old
    assert got == split_lines(text.replace("\x00", ""))


def test_over_long_lines_are_cut_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_LINE_CHARS", 50)
    monkeypatch.setattr(ingest, "READ_BLOCK_BYTES", 16)
    p = tmp_path / "long.txt"
    p.write_text("short\n" + "x" * 500 + "\nafter\n" + "y" * 120)
    stream = open_source(p)
    assert list(stream.lines()) == ["short", "x" * 50, "after", "y" * 50]
    assert [w.split(": ")[0] for w in stream.warnings] == [f"{p}:2", f"{p}:4"]


def test_random_bytes_never_crash_ingest(tmp_path):
    rng = random.Random(7)

    for i in range(200):
        p = tmp_path / f"r{i}.txt"
        p.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))))
        try:
            list(open_source(p).lines())
        except InputError as exc:
            assert str(p) in str(exc)
