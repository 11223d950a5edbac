"""--jobs and chunking change how the work is split, never what is written."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, TRAPS

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import write_corpus  # noqa: E402

from auditor.analysis.segment import is_cut_point  # noqa: E402
from auditor.ingest.chunks import goals, plan  # noqa: E402


def outputs(args, out: Path) -> dict[str, bytes]:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            *args,
            "--out",
            str(out),
            "--fail-on",
            "never",
            "-q",
            "--format",
            "md,json,sarif",
        ],
        check=True,
        timeout=900,
    )
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    write_corpus(d / "big.txt", 1_500_000, seed=3)
    crlf = (d / "big.txt").read_bytes().replace(b"\n", b"\r\n")
    (d / "big_crlf.txt").write_bytes(crlf)
    return d


@pytest.mark.parametrize("taper", [0, 2, 3])
def test_chunks_start_on_long_lines_with_exact_line_numbers(corpus, taper):
    for name in ("big.txt", "big_crlf.txt"):
        path = corpus / name
        chunks = plan(str(path), "utf-8", is_cut_point, 200_000, taper, 50_000)
        assert len(chunks) > 4
        lines = path.read_bytes().decode().splitlines()
        for c in chunks[1:]:
            with path.open("rb") as fh:
                fh.seek(c.start_byte)
                first = fh.readline().decode().rstrip("\r\n")
            assert lines[c.start_line] == first and is_cut_point(first)


@pytest.mark.parametrize("size", [0, 1, 10, 300_000, 1_000_000, 3_502_733, 5_000_000, 20_000_000, 123_456_789])
def test_chunk_goals_shrink_toward_the_end_within_their_bounds(size):
    target, least = 2 << 20, 256 << 10
    # One process: every target bytes, each cut looked for within the next target bytes, and a
    # file under two targets left whole (as before tapering).
    fixed = [] if size < 2 * target else list(range(target, size - target // 2, target))
    assert goals(size, target) == [(g, min(g + target, size)) for g in fixed]
    for taper in (2, 4):
        found = goals(size, target, taper, least)
        ends = [g for g, _ in found]
        steps = [b - a for a, b in zip([0, *ends], ends, strict=False)]
        assert all(least <= s <= target for s in steps)
        assert steps == sorted(steps, reverse=True)  # never growing: the big ones go first
        assert not ends or size - ends[-1] <= least * 2  # the last chunk is a small one
        assert [limit for _, limit in found[:-1]] == ends[1:]  # a cut is looked for up to the next goal
        assert all(g < limit <= size for g, limit in found)
    assert [g for g, _ in goals(size, 200_000, 2, least)] == list(range(200_000, size - 100_000, 200_000))
    assert len(goals(size, 1000, 2)) <= size  # no floor given: steps of one byte at least, never zero


def test_a_cut_is_looked_for_only_within_a_goals_stretch(tmp_path):
    # 2,108 bytes, a goal at 1,000 looking up to 2,000: the one line a chunk could start on
    # (at 2,007) lies past that stretch, so the file stays whole.
    path = tmp_path / "a.txt"
    path.write_text("Headline\n" * 223 + "A long body line, " * 5 + "and so on.\n", encoding="utf-8")
    assert goals(path.stat().st_size, 1000) == [(1000, 2000)]
    assert len(plan(str(path), "utf-8", lambda line: line.startswith("A long"), 1000)) == 1


def test_jobs_and_chunking_give_byte_identical_reports(corpus, tmp_path):
    inputs = [str(corpus), str(SAMPLES), str(TRAPS)]
    whole = outputs([*inputs, "--jobs", "1", "--chunk-mb", "1000"], tmp_path / "whole")
    one = outputs([*inputs, "--jobs", "1", "--chunk-mb", "0.2"], tmp_path / "one")
    two = outputs([*inputs, "--jobs", "2", "--chunk-mb", "0.2"], tmp_path / "two")
    assert len(whole) > 300
    assert whole == one == two
