import os
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.errors import InputError
from auditor.ingest.discover import discover
from auditor.ingest.sources import read_source, split_lines


@pytest.mark.parametrize(
    "data, lines",
    [
        (b"a\nb\n", ["a", "b"]),
        (b"a\r\nb", ["a", "b"]),
        (b"a\rb\r", ["a", "b"]),
        (b"\xef\xbb\xbfa\nb", ["a", "b"]),
        ("a\nb".encode("utf-16"), ["a", "b"]),
        (b"a\n\nb", ["a", "", "b"]),
    ],
)
def test_line_numbers_follow_the_file(tmp_path, data, lines):
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    assert read_source(p).lines == lines


def test_form_feed_and_unicode_separators_do_not_split_lines():
    assert split_lines("a\x0cb\u2028c\nd") == ["a\x0cb\u2028c", "d"]


def test_legacy_encoding_is_guessed_with_a_warning(tmp_path):
    p = tmp_path / "w.txt"
    p.write_bytes("Café crème: a naïve headline about Zürich's élite\n".encode("cp1252") * 5)
    src = read_source(p)
    assert "Café" in src.lines[0]
    assert src.warnings and "not UTF-8" in src.warnings[0]


@pytest.mark.parametrize(
    "data, message", [(b"", "is empty"), (b"  \n\n", "is empty"), (bytes(range(256)) * 8, "binary")]
)
def test_unusable_files_raise_one_line_errors(tmp_path, data, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_source(p)
    assert message in str(exc.value) and str(p) in str(exc.value) and "\n" not in str(exc.value)


def test_discover_expands_folders_sorted_and_reports_missing(tmp_path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    (tmp_path / "skip.md").write_text("x")
    files, errors = discover([str(tmp_path), str(tmp_path / "nope.txt")])
    assert files == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]
    assert len(errors) == 1 and "no such file" in str(errors[0])


def test_symlink_loop_is_reported_not_fatal(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    files, errors = discover([str(tmp_path)])
    assert files == [str(tmp_path / "d" / "a.txt")]
    assert any("symlink loop" in str(e) for e in errors)


@given(
    st.lists(st.text(alphabet=st.characters(blacklist_characters="\r\n"), max_size=20), max_size=30),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_split_lines_round_trips(lines, newline):
    text = newline.join(lines)
    got = split_lines(text)
    expected = lines[:-1] if lines and lines[-1] == "" else lines
    assert got == expected


def test_big_files_are_hashed_in_the_background_and_tasks_do_not_carry_the_wait(tmp_path, monkeypatch):
    import hashlib
    import pickle

    import auditor.ingest.sources as ingest

    monkeypatch.setattr(ingest, "BACKGROUND_HASH_BYTES", 1)
    path = tmp_path / "big.txt"
    path.write_text("A headline\n\nSome body text here.\n" * 1000, encoding="utf-8")
    stream = ingest.open_source(path)
    copy = pickle.loads(pickle.dumps(stream))
    assert copy.pending_digest is None and copy.path == stream.path
    assert stream.digest() == hashlib.sha256(path.read_bytes()).hexdigest() == stream.sha256
    # The wait ends the thread: none outlives it (an idle one would stop the quick exit).
    assert not [t for t in threading.enumerate() if t.name.startswith("sha256")]


def test_a_background_hash_that_fails_raises_where_the_digest_is_awaited(tmp_path, monkeypatch):
    import auditor.ingest.sources as ingest

    def unreadable(path):
        raise OSError("gone")

    monkeypatch.setattr(ingest, "BACKGROUND_HASH_BYTES", 1)
    monkeypatch.setattr(ingest, "_sha256", unreadable)
    path = tmp_path / "big.txt"
    path.write_text("A headline\n\nSome body text here.\n", encoding="utf-8")
    stream = ingest.open_source(path)
    with pytest.raises(OSError, match="gone"):
        stream.digest()
