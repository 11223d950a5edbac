"""Headlines are found from the evidence of the pair, whatever their shape (issue 15's failure kinds)."""

import pytest

from auditor.analysis.similarity import rewrite_similarity, shared_content_words
from conftest import FIXTURES, audit_file, audit_text

PAIRING = FIXTURES / "pairing"


def pairs(name, ctx):
    return [(a.altered.line, a.original.line if a.original else None) for a in audit_file(PAIRING / name, ctx).articles]


def test_headlines_of_any_shape_pair_with_their_originals(ctx):
    # a full stop at the end and inside, "?" followed by words, "Sen." before a capital, a lower-case
    # first word (the edited word), a final "%", a "Watch:" label: each was a miss of the shape filter.
    doc = audit_file(PAIRING / "shapes.txt", ctx)
    assert [(a.altered.line, a.original.line) for a in doc.articles] == [
        (1, 3),
        (7, 9),
        (13, 15),
        (19, 21),
        (25, 27),
        (31, 33),
    ]
    assert [a.inserted_terms for a in doc.articles] == [
        ["Pay", "No Mind", "Dull"],
        ["Parades", "Parades"],
        ["Plumbers"],
        ["goats"],
        ["falls"],
        ["cake"],
    ]


def test_a_short_body_line_similar_to_nothing_does_not_steal_a_headline(ctx):
    assert pairs("steal.txt", ctx) == [(5, 7)]  # "With Island wires" stays in the body above


def test_an_edit_right_before_the_ellipsis_of_a_truncated_original_is_kept(ctx):
    [a] = audit_file(PAIRING / "truncated_last_word.txt", ctx).articles
    assert a.original.line == 3 and a.inserted_terms == ["sauna"] and a.replaced_terms == ["holiday"]
    assert any("truncated" in n for n in a.notes)


def test_a_flagged_headline_with_no_original_is_reported_alone_never_paired_with_the_body(ctx):
    [a] = audit_file(PAIRING / "lone.txt", ctx).articles
    assert a.altered.line == 3 and a.original is None and a.rewrite_kind == "no_original"
    assert a.inserted_terms[0] == "Antichrist"
    assert any(f.rule == "eschatology.antichrist" for f in a.findings)


def test_an_unflagged_headline_with_no_original_is_not_paired_with_a_body_line(ctx):
    text = (
        "Mayor Unveils Plans for a Floating Library\n\n"
        "The library would be moored in the old harbour and open every day from May to September, the mayor said.\n"
    )
    assert audit_text(text, ctx).articles == []


def test_a_full_rewrite_reports_the_phrase_as_the_reader_sees_it(ctx):
    [a] = audit_file(PAIRING / "whore.txt", ctx).articles
    assert a.rewrite_kind == "rewrite"
    assert a.inserted_terms == ["Whore of Babylon", "rides again across"]


def test_lists_repeated_paragraphs_and_links_are_not_headline_pairs(ctx):
    assert pairs("lists.txt", ctx) == []


@pytest.mark.parametrize(
    "a, b, low, high",
    [
        ("Sadr visits Najaf", "Sadr kisses Najaf", 0.7, 1.0),  # a short headline, one word swapped
        (
            "Iraqi militias defy government, expand networks",
            "Antichrist's men defy government, expand networks",
            0.6,
            1.0,
        ),
        (
            "With Post wires",
            "Storms keep fishermen ashore for another week, says coastguard",
            0.0,
            0.2,
        ),  # one shared word
        ("Analysis", "Republicans dismiss upcoming budget analysis of the plan", 0.0, 0.3),  # a tagline inside
        (
            "Dockers pledge to keep the port open during the sauna season",
            "Dockers pledge to keep the port open during the holiday…",
            0.8,
            1.0,
        ),
    ],
)
def test_rewrite_similarity_means_same_headline_rewritten(a, b, low, high):
    assert low <= rewrite_similarity(a, b) <= high
    assert rewrite_similarity(a, b) == pytest.approx(rewrite_similarity(b, a))


def test_shared_content_words_ignore_small_words_and_inflections():
    assert (
        shared_content_words(
            "Antichrist Gives Homes Back to Iraqi Christians", "Committee Returns Property to Christian Families"
        )
        == 1
    )
    assert shared_content_words("of the and", "the of and") == 0
