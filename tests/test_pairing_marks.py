"""The frame scan's marker may skip a line only when that line can pair with nothing below it."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.analysis.align import Pairing
from auditor.analysis.segment import barred_endings, headline_marks
from auditor.analysis.shape import _ABBREVIATION_END, ends_with_abbreviation
from auditor.ingest.lines import LazyLines
from auditor.settings import DEFAULT_SETTINGS
from conftest import FIXTURES, SHARED


def skipped_with_candidates(lines):
    marks = headline_marks()(lines)
    pairing = Pairing(LazyLines.of(lines))
    return [lines[i] for i in range(len(lines)) if not marks[i] and pairing.candidates(i)]


words = st.sampled_from("the mayor said port council opened closed new road on Tuesday week harbour".split())
endings = st.sampled_from([".", ".”", ',"', ":", " —", ";", "?", "…", ""])
sentence = st.tuples(st.lists(words, min_size=3, max_size=24), endings).map(
    lambda p: " ".join(p[0]).capitalize() + p[1]
)
line = st.one_of(sentence, st.lists(words, min_size=3, max_size=12).map(" ".join), st.just(""))


@given(st.lists(line, max_size=30))
def test_no_generated_line_with_a_candidate_is_skipped(lines):
    assert skipped_with_candidates(lines) == []


def test_endings_are_barred_from_the_weights_not_by_name():
    # With the measured weights a full stop, a clause mark or a stop inside a quote keeps the
    # prior below zero whatever else a line shows; an ellipsis does not.
    assert barred_endings(DEFAULT_SETTINGS) == {"ends_full_stop", "ends_clause_mark", "ends_stop_inside_quote"}
    generous = dict(DEFAULT_SETTINGS.shape_weights) | {"title_case": 3.0}
    loose = DEFAULT_SETTINGS.model_copy(update={"shape_weights": tuple(generous.items())})
    assert barred_endings(loose) == {"ends_stop_inside_quote"}  # -4.0 + 3.0 + 0.5 < 0; -2.9 + 3.5 is not


def test_no_line_with_a_candidate_is_skipped_in_the_fixtures():
    for path in sorted(FIXTURES.rglob("*.txt")):
        assert skipped_with_candidates(path.read_text(encoding="utf-8").split("\n")) == [], path


def test_no_line_with_a_candidate_is_skipped_in_the_dev_data():
    files = sorted((SHARED / "real").glob("*/dumps/*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    files += sorted((SHARED / "real" / "outlets-dev").glob("*.txt"))
    if not files:
        pytest.skip(f"no dev dumps at {SHARED} (they live beside the repository, not in it)")
    for path in files:
        assert skipped_with_candidates(Path(path).read_text(encoding="utf-8").split("\n")) == [], path


PIECES = st.sampled_from([*"AUSBsx.en pt\n", "Sen.", "Sept.", "Dept.", "U.S.", "Mr.", " Co.", "xSen."])


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_abbreviation_at_the_end_is_found_from_its_reach_as_from_the_start(text):
    # "xSen.": the character before the reach still decides \b.
    assert ends_with_abbreviation(text) == (_ABBREVIATION_END.search(text) is not None)
