"""Saved pages: which candidate is the altered headline and which its original, on pages written here.

One story, and the places a content farm leaves the real headline when it rewrites a page:
a bold first paragraph, og:title only, a "Source:" / "Originally published as:" line, an <h2>
under the altered <h1>, a JSON-LD headline only, the <h1> (titles altered), or nowhere.
"""

import json

import pytest

from auditor.analysis.page import Headline, StorySupport, audit_page, choose_pair, nominate, unsupported_differences
from auditor.ingest.html import read_page

REAL = "Engineers reopen the Mosul dam spillway after repairs"
FARM = "Antichrist’s engineers reopen the Mosul dam spillway after repairs"
LABEL = "Regime engineers reopen the Mosul dam spillway after repairs"
STORY = [
    "Engineers reopened the main spillway of the Mosul dam on Sunday after three months of repairs, "
    "the water ministry said.",
    "The repairs sealed cracks in the concrete that had worried downstream towns since the spring floods, "
    "a ministry engineer told Reuters.",
    "Farmers along the Tigris said the river level rose by half a metre within hours of the reopening.",
]


def farm_page(title, h1, og=None, jsonld=None, before_story="", under_h1=""):
    metas = f'<meta property="og:title" content="{og or title}">'
    if jsonld:
        metas += (
            '<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "headline": jsonld})
            + "</script>"
        )
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        f"<html><head><title>{title} | River Post</title>{metas}"
        '<meta property="og:site_name" content="River Post"></head><body>'
        '<nav><a href="/">Home</a> <a href="/iraq">Iraq</a></nav>'
        f"<article><h1>{h1}</h1>{under_h1}<p class='byline'>By Staff</p>{before_story}{paragraphs}</article>"
        "<aside><h2>Read next</h2><p><a href='/x'>Dam workers strike over unpaid wages in the north</a></p></aside>"
        "</body></html>"
    )


VARIANTS = {
    "bold first paragraph": farm_page(FARM, FARM, jsonld=FARM, before_story=f"<p><strong>{REAL}</strong></p>"),
    "og:title only": farm_page(FARM, FARM, og=REAL, jsonld=FARM),
    "source line": farm_page(FARM, FARM, before_story=f"<p>Source: {REAL}</p>"),
    "originally published as": farm_page(FARM, FARM, before_story=f"<p>Originally published as: {REAL}</p>"),
    "h2 under the h1": farm_page(FARM, FARM, under_h1=f"<h2>{REAL}</h2>"),
    "json-ld only": farm_page(FARM, FARM, jsonld=REAL),
    "h1 kept (control)": farm_page(FARM, REAL, jsonld=FARM),
}


def audit(html, ctx):
    page, view, _ = read_page(html, "page.html")
    [article] = audit_page(page, view, ctx)
    return article, page, view


@pytest.mark.parametrize("where", sorted(VARIANTS))
def test_the_real_headline_is_found_wherever_it_survives(where, ctx):
    a, page, view = audit(VARIANTS[where], ctx)
    assert (a.altered.text, a.original and a.original.text) == (FARM, REAL), where
    assert a.inserted_terms == ["Antichrist’s"] and a.rewrite_kind == "insertion"
    assert "eschatological" in {f.category for f in a.findings}
    assert view[a.altered.line - 1] == FARM and view[a.original.line - 1] == REAL
    # The body is the story: neither headline, nor the line that kept the real one.
    body = view[a.body.start_line - 1 : a.body.end_line]
    assert body[0] == STORY[0] and FARM not in body and REAL not in body
    assert {c.name for c in a.outlets} == {"Reuters"}


def test_a_label_or_a_dek_that_is_not_the_headline_is_no_original(ctx):
    dek = "<h2>Repairs to the spillway took three months and cost more than planned</h2>"
    a, _, _ = audit(farm_page(REAL, REAL, under_h1=dek, before_story="<p>Source: Reuters</p>"), ctx)
    assert a.original is None and a.findings == [] and a.inserted_terms == []


def test_no_original_anywhere_is_said_and_the_rules_still_apply(ctx):
    a, _, _ = audit(farm_page(FARM, FARM, jsonld=FARM), ctx)
    assert a.original is None and a.rewrite_kind == "no_original"
    assert "Antichrist’s" in a.inserted_terms and "eschatological" in {f.category for f in a.findings}
    assert a.notes[1] == "No original headline was found; inserted terms are the headline words the body lacks."


def test_an_unaltered_page_is_quiet(ctx):
    a, page, view = audit(farm_page(REAL, REAL, jsonld=REAL), ctx)
    assert a.original is None and a.findings == [] and a.inserted_terms == []
    assert view[:2] == [REAL, ""]  # title, og:title, JSON-LD and <h1> are one headline, never a pair
    assert a.notes[0].startswith("The page's headline (h1, title, og:title, json-ld:NewsArticle)")


def test_the_publishers_own_variants_are_no_rewrite(ctx):
    seo = "Mosul dam spillway reopened after three months of repairs"  # every word in the story
    a, _, _ = audit(farm_page(seo, REAL), ctx)
    assert a.original is None and a.findings == []
    short = "Mosul dam spillway reopens"  # a shorter social title
    a, _, _ = audit(farm_page(REAL, REAL, og=short), ctx)
    assert a.original is None and a.findings == []


def test_a_rule_decides_when_both_versions_word_the_story_their_own_way(ctx):
    # "Militias" and "Regime" are both absent from the story; only one of them is a loaded label.
    real, farm = "Militias reopen the Mosul dam road", "Regime reopens the Mosul dam road"
    a, _, _ = audit(farm_page(farm, real), ctx)
    assert (a.altered.text, a.original and a.original.text) == (farm, real)
    assert "a rule flags" in a.notes[0]


def test_a_logo_h1_is_not_the_headline(ctx):
    html = farm_page(FARM, REAL).replace("<nav>", "<header><h1>River Post</h1></header><nav>")
    a, page, _ = audit(html, ctx)
    assert page.h1 == REAL and (a.altered.text, a.original.text) == (FARM, REAL)


def test_sarif_location_is_the_first_place_the_altered_headline_stands(ctx):
    html = farm_page(FARM, REAL).replace("<title>", "\n\n<title>")
    a, page, _ = audit(html, ctx)
    assert a.source_line == 3
    where = page.html_location(a.altered.line)
    assert (where.source, where.html_column) == ("title", 8)


def _heads(*texts):
    return [Headline(t, i, ("title",)) for i, t in enumerate(texts, 1)]


def test_nominate_takes_the_most_similar_pair_above_the_line(ctx):
    x, y, z = _heads(FARM, REAL, "Dam workers strike over unpaid wages in the north")
    assert nominate([x, y, z])[:2] == (x, y)
    assert nominate([x, z]) is None
    # A term appended to a short headline keeps it whole inside: nominated although the ratio is low.
    short, longer = _heads("Meth. We're On It", "Meth. We're On It: Revelation 13:1")
    assert nominate([short, longer]) is not None


def test_direction_comes_from_the_story_not_from_the_element():
    story = StorySupport(" ".join(STORY))
    assert unsupported_differences(FARM, REAL, story) == (["Antichrist"], [])  # the possessive is its own token
    assert unsupported_differences(REAL, FARM, story) == ([], ["Antichrist"])
    for order in (_heads(FARM, REAL), _heads(REAL, FARM)):
        pair = choose_pair(order, STORY)
        assert (pair.altered.text, pair.original.text) == (FARM, REAL)


def test_story_support_sees_inflections_and_abbreviations():
    story = StorySupport("Shares dropped after the executive quit. Officials were admitting mistakes.")
    assert story.supports("drops") and story.supports("exec") and story.supports("admits")
    assert not story.supports("Antichrist")
