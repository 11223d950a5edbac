"""Each trap from the gold notes, on fixtures written for this project."""

from conftest import TRAPS, audit_file


def articles(name, ctx):
    return audit_file(TRAPS / name, ctx).articles


def categories(a):
    return {f.category for f in a.findings}


def test_nbsp_and_curly_apostrophe_do_not_break_the_diff(ctx):
    [a] = articles("nbsp_possessive.txt", ctx)
    assert (a.altered.line, a.original.line) == (1, 3)
    assert a.inserted_terms == ["Antichrist’s"]  # the NBSP before the last word is not a change
    assert a.replaced_terms == ["Militia"]
    assert "eschatological" in categories(a)
    assert a.body.start_line == 5 and a.body.end_line == 7


def test_tagline_between_altered_and_original_is_skipped(ctx):
    [a] = articles("tagline.txt", ctx)
    assert a.original.line == 5
    assert "tagline" in " ".join(a.notes)
    assert [(o.name, o.role) for o in a.outlets] == [("Reuters", "dateline")]
    assert a.publisher.name == "Reuters"


def test_truncated_original_compares_only_up_to_the_ellipsis(ctx):
    [a] = articles("truncated.txt", ctx)
    assert a.inserted_terms == ["Antichrist"]
    assert a.replaced_terms == ["Cleric"]
    assert any("truncated" in n for n in a.notes)


def test_reworded_headline_reports_only_words_the_story_lacks(ctx):
    [a] = articles("reworded.txt", ctx)
    assert a.rewrite_kind == "rewrite"
    assert a.inserted_terms == ["Antichrist"]  # "Christians" echoes the original; "Gives" the body
    assert a.replaced_terms == []
    assert a.publisher.name == "International Christian Concern"
    assert [o.name for o in a.organisations] == ["International Christian Concern"]
    assert a.outlets == []  # an NGO's dateline is not an outlet


def test_subheads_captions_links_and_related_headlines_never_become_articles(ctx):
    arts = articles("body_furniture.txt", ctx)
    assert [(a.altered.line, a.original.line) for a in arts] == [(1, 3), (21, 23)]
    first = arts[0]
    assert first.body.end_line == 19  # the "Updated:" footer closes the first article
    assert {(o.name, o.role) for o in first.outlets} == {("Reuters", "quoted_source"), ("AFP", "photo_credit")}
    assert first.publisher.name == "The National"


def test_appended_scripture_and_double_swap(ctx):
    [a] = articles("append_double.txt", ctx)
    assert a.inserted_terms == ["Beast", "men", "Revelation\u00a013"]
    assert a.replaced_terms[:2] == ["Sadr", "fighters"]
    rules = {f.rule for f in a.findings}
    assert "eschatology.scripture_reference" in rules and "eschatology.antichrist" in rules


def test_control_article_is_clean_and_unpaired_headline_is_reported(ctx):
    control, unpaired = articles("control_and_unpaired.txt", ctx)
    assert control.rewrite_kind == "unchanged" and control.findings == [] and control.inserted_terms == []
    assert unpaired.original is None and unpaired.rewrite_kind == "no_original"
    assert unpaired.altered.line == 7
    assert "eschatological" in categories(unpaired)


def test_every_reported_line_is_inside_the_file(ctx):
    for path in sorted(TRAPS.glob("*.txt")):
        doc = audit_file(path, ctx)
        for a in doc.articles:
            lines = [a.altered.line] + ([a.original.line] if a.original else [])
            lines += [o.line for o in a.outlets + a.organisations + a.platforms]
            assert all(1 <= n <= doc.line_count for n in lines), path


def test_short_headlines_pair_and_a_name_line_above_does_not_steal_the_pair(ctx):
    from conftest import audit_text

    text = (
        "Closing paragraph of an earlier story, which ends here with a full stop and enough words.\n\n"
        "Zhelwan Z. Wali\n\n"
        "Antichrist visits Najaf\n\n"
        "Sadr visits Najaf\n\n"
        "The cleric visited the shrine city on Monday and met local officials there.\n"
    )
    [a] = audit_text(text, ctx).articles
    assert (a.altered.line, a.original.line, a.inserted_terms) == (5, 7, ["Antichrist"])
