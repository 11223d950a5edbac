"""Role cues, case rules, sub-brands, shared short names, scripts without spaces and unlisted
outlets, each on a line written for this test."""

import pytest

from auditor.datafiles import default_rules_dir
from auditor.outlets.citations import cited, sightings
from auditor.outlets.matcher import load_registry
from auditor.text.body import Body

REG = load_registry([default_rules_dir()])


def found(*lines, hints=frozenset()):
    return sorted({(s.mention.entity.name, s.role) for s in sightings(Body(list(lines), 1), REG, hints)})


def outlets(*lines, hints=frozenset()):
    return {c.name: c for c in cited(sightings(Body(list(lines), 1), REG, hints))["outlet"]}


@pytest.mark.parametrize(
    "line, expected",
    [
        # Datelines with no dash after them, and a sub-brand in one.
        ("(CNN) The governor signed the budget late on Friday night.", ("CNN", "dateline")),
        ("NEW YORK (CNN Business) Shares of the carmaker slid again.", ("CNN Business", "dateline")),
        ("HILO (HawaiiNewsNow) - Lava reached the coast road overnight.", ("Hawaii News Now", "dateline")),
        # A source tag naming where an aggregated item came from.
        ("[ The Guardian ]", ("The Guardian", "publisher_byline")),
        ("A new ABC News poll shows the mayor trailing by six points.", ("ABC News", "quoted_source")),
        ("A Reuters photographer at the scene saw three ambulances leave.", ("Reuters", "quoted_source")),
        ("An Associated Press reporter at the port also counted the ships.", ("Associated Press", "quoted_source")),
        ("© 2021 Associated Press. All rights reserved.", ("Associated Press", "publisher_byline")),
        (
            "Copyright 2020 The Associated Press. This material may not be redistributed.",
            ("Associated Press", "publisher_byline"),
        ),
        # "via" mid-sentence is where the text got its information; closing a caption it is a credit.
        ("The coach, quoted via USA Today, said the team would appeal.", ("USA Today", "quoted_source")),
        ("Firefighters at the warehouse on Tuesday. Photo via AP", ("Associated Press", "photo_credit")),
        (
            "The opinions in this column are the author's own and do not necessarily reflect those of Sputnik.",
            ("Sputnik", "publisher_byline"),
        ),
        (
            "Disclosure: Engadget may earn a small commission on purchases made through links.",
            ("Engadget", "publisher_byline"),
        ),
        ("This story was originally published by Futurism.", ("Futurism", "publisher_byline")),
        ("- With files from Reuters", ("Reuters", "publisher_byline")),
        ("The leak came from figures cited by the trade publication DigiTimes.", ("DigiTimes", "quoted_source")),
        ("CNN’s Jake Tapper pressed the senator on the vote twice.", ("CNN", "quoted_source")),
        (
            "Frame rates measured by the engineers at Digital Foundry dipped below 30.",
            ("Digital Foundry", "quoted_source"),
        ),
        ("Check out the Engadget holiday gift guide for more picks.", ("Engadget", "cross_reference")),
        (
            "The chip is late again, although given the source is DigiTimes, doubts remain.",
            ("DigiTimes", "quoted_source"),
        ),
        ("Early tests by Digital Foundry show the frame rate dropping.", ("Digital Foundry", "quoted_source")),
        ("— Engadget (@engadget) March 3, 2021", ("Engadget", "quoted_source")),  # an embedded post
        ("Hear more from AP reporters on our weekly politics podcast.", ("Associated Press", "cross_reference")),
        # Korean: the byline bracket, a photo credit list, particles after a name.
        ("[엔터미디어=김기자의 방송읽기] 토요일 밤 드라마가 시작됐다.", ("Entermedia", "publisher_byline")),
        ("[사진=JTBC, KBS]", ("KBS", "photo_credit")),
        ("[사진=JTBC, KBS]", ("JTBC", "photo_credit")),
        ("연합뉴스는 이날 사고 소식을 전했다.", ("Yonhap", "other")),
        ("주말 밤 MBC와 SBS는 같은 시간에 드라마를 방송한다.", ("MBC", "other")),
        # Chinese: no spaces around the name.
        ("据新华社报道，会议于周一召开。", ("Xinhua", "other")),
    ],
)
def test_role_cues(line, expected):
    assert expected in found(line)


@pytest.mark.parametrize(
    "line",
    [
        "An independent newspaper survey found nothing.",  # lower case: not The Independent
        "The Independent Electoral Commission counted again.",  # a capitalised word follows
        "The company is on the verge of a merger.",
        "Half of the Fortune 500 companies reported.",
        "The clinic ran out of the Sputnik V vaccine.",
        "She is a New Yorker who moved to Ohio in 2010.",
        "Use the coupon code appleinsider at checkout.",  # a code, not the site
        "Taste the spices; the sun was setting on the Times Square crowd.",
        "Record crowds came to the fair.",  # "Record" (Portugal) is a shared short name
        "Two tablespoons (2 TBS) of oil.",
    ],
)
def test_ordinary_words_are_not_outlets(line):
    assert [r for r in found(line) if REG.by_name[r[0]].__class__.__name__ == "Outlet"] == []


def test_a_short_name_in_capitals_is_a_word_among_capitals():
    assert found("CLICK HERE TO GET THE FOX NEWS APP") == [("Fox News", "other")]  # not APP, the Pakistani wire


def test_case_rules_let_the_named_paper_through():
    assert ("The Independent", "quoted_source") in found("She told the Independent newspaper she had left.")
    assert "The New Yorker" in outlets("It read like a New Yorker story.")
    # Among other outlets an ordinary-word name counts.
    assert {"NBC", "Fox", "CBS"} <= set(outlets("Its clients included NBC, Fox and CBS."))


def test_every_role_of_an_outlet_counts_once_and_a_bracketed_short_form_is_no_second_mention():
    lines = [
        "On Saturday MBC와 SBS는 new dramas aired.",
        "[사진=MBC, SBS]",
        "The agency, Agence France-Presse (AFP) reported, is gone.",
    ]
    got = {(c.name, c.role) for c in cited(sightings(Body(lines, 1), REG))["outlet"]}
    assert {("MBC", "other"), ("MBC", "photo_credit"), ("SBS", "other"), ("SBS", "photo_credit")} <= got
    assert [r for n, r in got if n == "AFP"] == ["quoted_source"]


def test_a_surname_is_not_the_outlet():
    body = ["Former mayor Michael Bloomberg entered the race.", "Bloomberg said he would spend his own money."]
    assert "Bloomberg" not in outlets(*body)
    assert "Bloomberg" in outlets("Bloomberg reported the deal first.")


def test_sub_brands_are_not_swallowed_by_their_parents():
    names = set(outlets("CBS Sports and CBS DFW carried the game.", "NBC Latino interviewed the coach."))
    assert {"CBS Sports", "CBS News Texas", "NBC Latino"} <= names
    assert not names & {"CBS News", "NBC News", "CBS"}
    groups = cited(sightings(Body(["Streaming on CBS All Access and ESPN+ grew."], 1), REG))
    assert groups["outlet"] == [] and {c.name for c in groups["platform"]} >= {"CBS All Access", "ESPN+"}


def test_a_shared_short_name_reads_the_article():
    la = outlets("Police told the Los Angeles Times on Monday.", "A spokesman later told The Times it was over.")
    assert set(la) == {"Los Angeles Times"}
    assert outlets("A spokesman told The Times it was over.")["The Times"].confidence == "medium"
    assert set(outlets("A spokesman told The Times.", hints=frozenset({"Los Angeles Times"}))) == {"Los Angeles Times"}
    filed = outlets(
        "LOS ANGELES — The council met again on Tuesday.", "A spokesman told The Times the vote would wait."
    )
    assert set(filed) == {"Los Angeles Times"}
    dfw = outlets("Police rescued a girl in Fort Worth on Monday.", "NBC 5 has blurred the faces in the video.")
    assert set(dfw) == {"NBC 5 Dallas-Fort Worth"}
    assert set(outlets("Crowds in Chicago cheered.", "NBC 5 showed the parade live.")) == {"NBC Chicago"}
    assert outlets("NBC 5 showed the parade live.") == {}  # no context: left out rather than guessed


@pytest.mark.parametrize(
    "line, name",
    [
        ("The councillor told the Quad-City Times that the vote was rushed.", "Quad-City Times"),
        ("On Tuesday, the Bayside Herald reported that the pier would close.", "Bayside Herald"),
        ("KENOSHA (Lakeshore Courier) - The plant will close in May.", "Lakeshore Courier"),
        ("A new Riverbend Gazette poll puts the levy ahead.", "Riverbend Gazette"),
        ("The figures were first reported by Radio Kivu Libre.", "Radio Kivu Libre"),
    ],
)
def test_unlisted_outlets_in_citation_frames(line, name):
    got = outlets(line)
    assert name in got, got
    assert got[name].kind == "unlisted" and got[name].confidence == "low"


@pytest.mark.parametrize(
    "line",
    [
        "The mechanic told John Smith that the car was fine.",
        "The hostess told Emily Post the soup was cold.",  # a person, even with a masthead word
        "Levels are safe, according to the Environmental Protection Agency.",
        "Cases fell, according to the Ministry of Health.",
        "The director told the Senate Intelligence Committee nothing new.",
        "The dosage was published in the New England Journal of Medicine.",
        "Sales rose, Acme Widget Corp reported on Friday.",
        "according to the Times",  # one word: too little to be sure
    ],
)
def test_people_ministries_and_companies_are_never_unlisted_outlets(line):
    assert [c for c in outlets(line).values() if c.kind == "unlisted"] == []
