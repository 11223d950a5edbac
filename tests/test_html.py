"""Saved pages: extraction on fixtures written for this project, then the same pipeline."""

import json
import subprocess
import sys

from auditor.ingest.encodings import decode_html
from auditor.ingest.html import extract_page, strip_site_name, text_view
from conftest import FIXTURES, ROOT

HTML = FIXTURES / "html"


def page(name):
    return extract_page((HTML / name).read_text(encoding="utf-8"))


def test_farm_page_headlines_metadata_and_body():
    p = page("farm_page.html")
    assert p.title == "Antichrist’s men close the road to Basra port"  # site name stripped
    assert p.og_title == p.title and p.h1 == "Militias close the road to Basra port"
    assert (p.byline, p.published, p.updated, p.site_name) == (
        "Staff writer",
        "2021-05-03T09:15:00Z",
        "2021-05-03T11:40:00Z",
        "End Times Daily",
    )
    assert p.canonical == "https://news.example.org/iraq/militias-close-road-to-basra-port"
    text = " ".join(p.paragraphs)
    assert "told Reuters" in text and "Trucks wait near the port gate in Basra. AFP" in p.paragraphs
    for junk in ("Home", "Share this", "tracking", "Read next", "mark of the beast", "©", "do not edit"):
        assert junk not in text
    assert text_view(p)[:3] == [
        "Antichrist’s men close the road to Basra port",
        "",
        "Militias close the road to Basra port",
    ]


def test_clean_page_pairs_with_itself():
    p = page("clean_page.html")
    assert p.title == p.h1 == "Militias close the road to Basra port"
    assert p.paragraphs == [
        "Armed groups set up checkpoints on the road to Umm Qasr port on Monday, a port official told Reuters.",
        "Drivers said they had waited for more than ten hours, and some turned back to the city.",
    ]


def test_heavy_boilerplate_is_dropped():
    p = page("boilerplate_page.html")
    assert (p.title, p.h1, p.byline) == (
        "Regime raises fuel prices again",
        "Government raises fuel prices again",
        "Amira Saleh",
    )
    assert p.headings == ["Queues at stations"]
    assert p.paragraphs == [
        "The cabinet approved a rise in the price of petrol on Thursday, the second this year, the oil ministry said.",
        "Queues at stations",
        "Drivers queued at petrol stations in Baghdad as the new prices took effect at midnight.",
    ]


def test_broken_markup_still_yields_headline_and_body():
    p = page("broken_markup.html")
    assert (p.og_title, p.h1) == ("Beast seizes the airport road", "Gunmen seize the airport road")
    assert p.paragraphs[:2] == [
        "Gunmen took control of the airport road on Friday, police said.",
        "Flights were delayed for two hours, an airport official told AFP.",
    ]


def test_site_name_is_stripped_from_either_end():
    assert strip_site_name("Headline here | The Daily", "The Daily") == "Headline here"
    assert strip_site_name("The Daily - Headline here", "Daily") == "Headline here"
    assert strip_site_name("Iraq: talks resume", "") == "Iraq: talks resume"


def test_declared_and_guessed_charsets():
    arabic = "<html><head><title>حزب الله</title></head><body><h1>حزب الله</h1></body></html>"
    assert decode_html(arabic.encode("windows-1256"), "x", "windows-1256")[0] == arabic
    latin = '<html><head><meta charset="windows-1252"><title>Café crème</title></head></html>'
    assert decode_html(latin.encode("cp1252"), "x")[0] == latin


def test_pages_run_through_the_same_pipeline(tmp_path):
    out = tmp_path / "r"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(HTML),
            "--out",
            str(out),
            "--fail-on",
            "never",
            "--format",
            "md,json,sarif",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    docs = {d["path"].rsplit("/", 1)[-1]: d for d in json.loads((out / "audit.json").read_text())["documents"]}
    farm = docs["farm_page.html"]["articles"][0]
    assert (farm["altered"]["line"], farm["original"]["line"], farm["inserted_terms"]) == (1, 3, ["Antichrist’s men"])
    assert farm["source_line"] == 5  # the <title> line of the HTML file, for annotations
    assert {(o["name"], o["role"]) for o in farm["outlets"]} == {("Reuters", "quoted_source"), ("AFP", "photo_credit")}
    assert docs["farm_page.html"]["page"]["canonical"].startswith("https://news.example.org/")
    clean = docs["clean_page.html"]["articles"][0]
    assert clean["rewrite_kind"] == "unchanged" and clean["findings"] == []
    note = next((out / "farm_page").glob("*.md")).read_text()
    assert "## Page" in note and "   3  Militias close the road to Basra port" in note
    sarif = json.loads((out / "audit.sarif").read_text())
    regions = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]: r["locations"][0][
            "physicalLocation"
        ]["region"]["startLine"]
        for r in sarif["runs"][0]["results"]
    }
    assert regions["farm_page.html"] == 5


PAGE = """<html><head><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><link rel="canonical" href="https://{host}/story/1">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "publisher": {{"@type": "Organization", "name": "{site}"}}}}</script></head>
<body><article><h1>{h1}</h1><p>{body}</p></article></body></html>"""


def test_json_ld_publisher_is_read():
    page = extract_page(PAGE.format(title="T", site="Los Angeles Times", host="www.latimes.com", h1="H", body="B"))
    assert page.publisher == "Los Angeles Times" and page.site_name == "Los Angeles Times"


def _audit_pages(tmp_path, pages):
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    out = tmp_path / "r"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(tmp_path), "--out", str(out), "--fail-on", "never",
         "--format", "json"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return {
        d["path"].rsplit("/", 1)[-1]: d["articles"][0]
        for d in json.loads((out / "audit.json").read_text())["documents"]
    }


def test_a_saved_page_names_its_publisher_and_a_wire_outranks_it(tmp_path):
    story = "The harbour master told The Times that the Antichrist would not reopen the port before spring."
    wire = "HARTFORD, Conn. (AP) — The state will pay dock workers who lost shifts during the strike, officials said."
    got = _audit_pages(
        tmp_path,
        {
            "la.html": PAGE.format(title="Antichrist shuts the port", site="Los Angeles Times", host="www.latimes.com",
                                   h1="Storm shuts the port", body=story),
            "ct.html": PAGE.format(title="Antichrist pays dock workers", site="CT Post", host="www.ctpost.com",
                                   h1="State pays dock workers", body=wire),
        },
    )  # fmt: skip
    la = got["la.html"]
    assert la["publisher"]["name"] == "Los Angeles Times" and la["publisher"]["line"] == 0
    assert [(o["name"], o["role"]) for o in la["outlets"]] == [("Los Angeles Times", "quoted_source")]
    ct = got["ct.html"]
    assert ct["publisher"]["name"] == "Associated Press"
    assert ct["publisher"]["republished_by"] == ["Connecticut Post"]
