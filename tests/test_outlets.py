"""Outlet roles, glued text, organisations vs outlets, and mentions that cite nothing."""

import pytest

from auditor.datafiles import default_rules_dir
from auditor.outlets.citations import cited, sightings
from auditor.outlets.matcher import load_registry
from auditor.text.body import Body

REG = load_registry([default_rules_dir()])


def roles(line):
    found = sightings(Body([line], 1), REG)
    return sorted({(s.mention.entity.name, s.mention.type, s.role) for s in found})


@pytest.mark.parametrize(
    "line, expected",
    [
        ("“We will not back down,” a spokesman told Reuters.", ("Reuters", "outlet", "quoted_source")),
        (
            "The Washington Post reported on Friday that talks had stalled.",
            ("Washington Post", "outlet", "quoted_source"),
        ),
        (
            "Speaking to al-Shariqyah TV on Thursday, the former premier said he was ready.",
            ("al-Sharqiya", "outlet", "quoted_source"),
        ),
        (
            "The group claimed the attack in its weekly newspaper al-Naba, published on Thursday.",
            ("al-Naba", "outlet", "quoted_source"),
        ),
        ("Fighters agreed to a truce, Middle East Eye (MEE) reports.", ("Middle East Eye", "outlet", "quoted_source")),
        (
            "BAGHDAD, Sept 28 (Reuters) – Washington has made preparations to withdraw.",
            ("Reuters", "outlet", "dateline"),
        ),
        ("MOSUL, Iraq (AP) — Engineers said the dam was safe.", ("Associated Press", "outlet", "dateline")),
        ("Gulf NewsMarch 3, 2022", ("Gulf News", "outlet", "publisher_byline")),
        ("Anadolu Agency09:15 AM | March 5, 2022", ("Anadolu", "outlet", "publisher_byline")),
        ("The Nationala", ("The National", "outlet", "publisher_byline")),
        ("eg24.news2", ("eg24.news", "outlet", "publisher_byline")),
        ("The editorial team at AlKhaleej Today has confirmed it.", ("AlKhaleej Today", "outlet", "publisher_byline")),
        ("Residents leave a village near Zakho. Reuters", ("Reuters", "outlet", "photo_credit")),
        (
            "Target sites before the strikes. US Department of Defence via AP",
            ("Associated Press", "outlet", "photo_credit"),
        ),
        ("Recruits at a base in 2014. Photograph: Sam Writer/The Guardian", ("The Guardian", "outlet", "photo_credit")),
        ("Soldiers in Kirkuk [Ali Hasan/Anadolu Agency]", ("Anadolu", "outlet", "photo_credit")),
        ("The cleric in Najaf in 2019. Photo: AFP", ("AFP", "outlet", "photo_credit")),
        ("READ: Reuters investigation finds smuggling at the port", ("Reuters", "outlet", "cross_reference")),
        (
            "The talks between the two sides ended late on Sunday without an agreement on the border crossings, and both delegations said they would meet again in Ankara next month. — AFP",
            ("AFP", "outlet", "dateline"),
        ),
        (
            "Officials said the new crossing would open to trucks carrying food and medicine first, and to other goods later in the year, once the customs building was finished (Reuters)",
            ("Reuters", "outlet", "dateline"),
        ),
        (
            "Peshmerga forces deployed near the border crossing, officials told Basnews on Sunday.",
            ("Basnews", "outlet", "quoted_source"),
        ),
        (
            "The AFP news agency reported that three rockets had landed near the airport.",
            ("AFP", "outlet", "quoted_source"),
        ),
        ("Reuters journalists saw smoke rising over the refinery on Tuesday.", ("Reuters", "outlet", "quoted_source")),
        (
            "The ministry denied the report, citing Kurdistan 24 as its source.",
            ("Kurdistan 24", "outlet", "quoted_source"),
        ),
        (
            "Asked by Gulf News about the delays, the spokesman declined to comment.",
            ("Gulf News", "outlet", "quoted_source"),
        ),
        ("The offices of Al Jazeera were damaged in the blast.", ("Al Jazeera", "outlet", "other")),
        (
            "At least 600 people were killed, according to Amnesty International.",
            ("Amnesty International", "organisation", "quoted_source"),
        ),
        ("The cleric said on Twitter that he would not stand.", ("Twitter", "platform", "quoted_source")),
    ],
)
def test_role_of_each_mention(line, expected):
    assert expected in roles(line)


@pytest.mark.parametrize(
    "line",
    [
        "The National Assembly voted on Sunday.",  # "The National" only as the newspaper
        "the national team won",
        "He took a nap before the trip.",  # "AP" is case-sensitive and whole-word
        "The Guardian Council rejected the law.",  # Iran's Guardian Council is not The Guardian
        "Time is running out for the talks.",  # Time the magazine is "Time magazine"
        "Iraq’s state media said the attack failed.",  # unnamed media are not outlets
        "Reporters saw smoke over the city.",
    ],
)
def test_ordinary_phrases_are_not_outlets(line):
    assert [r for r in roles(line) if r[1] == "outlet"] == []


def test_organisations_and_platforms_are_never_outlets():
    lines = [
        "Renad Mansour, a senior research fellow at London’s Chatham House, said the groups were split.",
        "The Pentagon announced the death the next day.",
        "Supporters organised on Telegram and WhatsApp.",
    ]
    groups = cited(sightings(Body(lines, 1), REG))
    assert groups["outlet"] == []
    assert [c.name for c in groups["organisation"]] == ["Chatham House", "Pentagon"]
    assert [c.name for c in groups["platform"]] == ["Telegram", "WhatsApp"]


def test_one_entry_per_outlet_and_role_at_first_line():
    lines = ["He told Reuters on Monday.", "", "She told Reuters too.", "A caption. Reuters"]
    out = cited(sightings(Body(lines, 1), REG))["outlet"]
    assert [(c.name, c.role, c.line) for c in out] == [("Reuters", "quoted_source", 1), ("Reuters", "photo_credit", 4)]


def test_registry_covers_the_field():
    outlets = REG.entities["outlet"]
    assert len(outlets) >= 80
    assert {"wire_agency", "newspaper", "broadcaster", "website", "aggregator", "state_agency"} <= {
        o.kind for o in outlets
    }


def test_broken_registry_names_file_entry_and_field(tmp_path):
    from auditor.errors import RuleError

    (tmp_path / "outlets.toml").write_text('entities = [{ name = "X", aliases = ["X"], kind = "blog" }]\n')
    with pytest.raises(RuleError, match=r"outlets.toml: entry 'X': field 'kind'"):
        load_registry([tmp_path])


def test_registry_errors_name_file_entry_and_field(tmp_path):
    from auditor.errors import RuleError

    (tmp_path / "outlets.toml").write_text(
        'entities = [{ name = "Harbour Gazette", aliases = ["Reuters"], kind = "newspaper", country = "GB" }]\n'
    )
    with pytest.raises(
        RuleError, match=r"outlets.toml: entry 'Harbour Gazette': field 'aliases': 'Reuters' already names"
    ):
        load_registry([default_rules_dir(), tmp_path])
    (tmp_path / "outlets.toml").write_text(
        'entities = [{ name = "Harbour Gazette", kind = "newspaper", country = "GB", domains = ["https://x.org"] }]\n'
    )
    with pytest.raises(RuleError, match=r"entry 'Harbour Gazette': field 'domains'"):
        load_registry([tmp_path])
    (tmp_path / "outlets.toml").write_text(
        'entities = [{ name = "Harbour Gazette", kind = "newspaper", parent = "Nobody Daily" }]\n'
    )
    with pytest.raises(RuleError, match=r"entry 'Harbour Gazette': field 'parent': no outlet is named 'Nobody Daily'"):
        load_registry([tmp_path])


def test_a_users_single_outlets_file_adds_and_replaces(tmp_path):
    (tmp_path / "outlets.toml").write_text(
        "entities = [\n"
        '  { name = "Harbour Gazette", aliases = ["Harbour Gazette"], kind = "newspaper", country = "GB" },\n'
        '  { name = "Rudaw", aliases = ["Rudaw", "Rudaw Kurdish"], kind = "broadcaster", country = "IQ" },\n'
        "]\n"
    )
    reg = load_registry([default_rules_dir(), tmp_path])
    found = cited(sightings(Body(["A fisherman told the Harbour Gazette and Rudaw Kurdish."], 1), reg))["outlet"]
    assert [c.name for c in found] == ["Harbour Gazette", "Rudaw"]
