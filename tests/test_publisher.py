"""Likely first publisher: house styles, datelines, bylines, self-references, republishers."""

from conftest import audit_text


def publisher(body, ctx):
    text = "Antichrist visits Basra port\n\nMinister visits Basra port\n\n" + body
    [a] = audit_text(text, ctx).articles
    return a.publisher


def test_house_dateline_beats_a_quoted_outlet(ctx):
    p = publisher("ERBIL, Kurdistan Region — The minister toured the port, an aide told Reuters.\n", ctx)
    assert (p.name, p.confidence) == ("Rudaw", "high")
    assert p.line == 5


def test_aggregator_byline_is_a_republisher_and_self_reference_names_the_writer(ctx):
    body = (
        "Al Bawaba NewsMay 2, 2021\n\n"
        "Port officials told The Arab Weekly that the visit was planned for months.\n\n"
        "Speaking to The Arab Weekly, a dock worker said wages were late.\n"
    )
    p = publisher(body, ctx)
    assert p.name == "The Arab Weekly" and p.republished_by == ["Al Bawaba News"]


def test_footer_of_the_national(ctx):
    p = publisher("The minister visited the port on Monday.\n\nUpdated: May 3, 2021 11:02 AM\n", ctx)
    assert (p.name, p.line) == ("The National", 7)
    assert "Updated:" in p.evidence


def test_wire_dateline(ctx):
    p = publisher("BASRA, Iraq, May 3 (Reuters) - The minister visited the port on Monday.\n", ctx)
    assert (p.name, p.confidence) == ("Reuters", "high")


def test_a_photo_credit_from_a_wire_is_not_a_publisher_signal(ctx):
    assert publisher("The minister visited the port on Monday.\n\nDock cranes in Basra. AFP\n", ctx) is None


def test_nothing_to_go_on_says_so(ctx):
    assert publisher("The minister visited the port on Monday and met dock workers.\n", ctx) is None


def test_every_signal_is_listed_with_line_and_reason(ctx):
    p = publisher("ERBIL, Kurdistan Region — The minister told Rudaw he was pleased.\n\nA+ A-\n", ctx)
    assert [(s.outlet, s.line) for s in p.signals] == [("Rudaw", 5), ("Rudaw", 5), ("Rudaw", 7)]
    assert all(s.why for s in p.signals)
