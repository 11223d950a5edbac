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


def article(body, ctx):
    text = "Antichrist visits Basra port\n\nMinister visits Basra port\n\n" + body
    [a] = audit_text(text, ctx).articles
    return a


def test_told_x_once_is_not_evidence_of_publishing(ctx):
    a = article("Dock workers were unpaid, a union official told CBS News on Monday.\n", ctx)
    assert a.publisher is None
    assert "never names its publisher" in a.publisher_unknown
    assert "CBS News (a source speaks to it" in a.publisher_unknown


def test_its_own_reporting_names_the_writer(ctx):
    body = (
        "A crane driver told Newsweek the port was quiet.\n\nThe harbour master also told Newsweek it would reopen.\n"
    )
    p = publisher(body, ctx)
    assert p.name == "Newsweek"


def test_a_wire_copyright_line_and_a_wire_dateline_are_wire_copy(ctx):
    body = "The minister visited the port on Monday and promised dock workers their unpaid wages.\n\n"
    assert publisher(body + "© 2020 Associated Press. All rights reserved.\n", ctx).name == "Associated Press"
    assert publisher("NEW YORK (CNN Business) Port traffic fell sharply.\n", ctx).name == "CNN Business"
    assert publisher("HILO (HawaiiNewsNow) - The harbour reopened.\n", ctx).name == "Hawaii News Now"


def test_with_post_wires_is_the_new_york_post(ctx):
    p = publisher("The minister visited the port on Monday.\n\nWith Post wires\n", ctx)
    assert (p.name, p.line) == ("New York Post", 7)


def test_a_newsroom_speaking_of_its_own_work(ctx):
    p = publisher("A girl was rescued from the river. KXAS has blurred the faces in the video.\n", ctx)
    assert p.name == "NBC 5 Dallas-Fort Worth"
    p = publisher("The port reopened. Check out the Engadget holiday gift guide for more picks.\n", ctx)
    assert p.name == "Engadget"


def test_a_photo_credit_alone_does_not_name_a_publisher(ctx):
    a = article("The minister visited the port on Monday.\n\n(Image credit: All About Space)\n", ctx)
    assert a.publisher is None and "All About Space" in a.publisher_unknown
