"""Saved pages: what is read from them (story, candidates, site names, locations), on pages written here."""

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.ingest.encodings import decode_html
from auditor.ingest.html import extract_page, read_page, text_view
from auditor.ingest.html_candidates import slug_words
from auditor.ingest.html_heads import SiteNames, learn_from_title
from auditor.ingest.html_tree import MAX_CHARS, MAX_DEPTH, MAX_TAGS, parse_page
from conftest import FIXTURES, ROOT

HTML = FIXTURES / "html"


def page(name):
    return extract_page((HTML / name).read_text(encoding="utf-8"))


def sources(p, source):
    return [c.text for c in p.candidates if c.source == source]


def test_farm_page_candidates_metadata_and_story():
    p = page("farm_page.html")
    assert sources(p, "title") == ["Antichrist’s men close the road to Basra port"]  # site name stripped
    assert sources(p, "h1") == ["Militias close the road to Basra port"]
    assert sources(p, "og:title") == sources(p, "twitter:title") == sources(p, "title")
    assert sources(p, "url slug") == ["militias close road to basra port"]
    assert sources(p, "label:source") == []  # "Source: <a URL>" is no headline
    assert (p.byline, p.published, p.updated, p.site_name) == (
        "Staff writer",
        "2021-05-03T09:15:00Z",
        "2021-05-03T11:40:00Z",
        "End Times Daily",
    )
    assert p.canonical == "https://news.example.org/iraq/militias-close-road-to-basra-port"
    text = " ".join(p.paragraphs)
    assert "told Reuters" in text and "Trucks wait near the port gate in Basra. AFP" in p.paragraphs  # a credit caption
    for junk in ("Home", "Share this", "tracking", "Read next", "mark of the beast", "©", "do not edit"):
        assert junk not in text
    view = text_view(p)
    # Each distinct candidate once (the <h1> first), a blank line, then the story.
    assert view[:3] == ["Militias close the road to Basra port", "Antichrist’s men close the road to Basra port", ""]
    assert p.story_start == 4 and view[3:] == p.paragraphs
    assert {c.line for c in p.candidates if c.text == "Antichrist’s men close the road to Basra port"} == {2}


def test_candidates_know_their_line_and_column_in_the_file():
    p = page("farm_page.html")
    by = {c.source: c for c in p.candidates}
    assert (by["title"].html_line, by["title"].html_column) == (5, 8)  # "<title>" is 7 characters
    assert (by["og:title"].html_line, by["og:title"].html_column) == (6, 36)
    assert by["h1"].html_line == 19
    assert p.html_location(2).source == "title"  # the altered text's first place in the file


def test_clean_page_offers_one_headline():
    p = page("clean_page.html")
    assert {c.text for c in p.candidates if c.source != "url slug"} == {"Militias close the road to Basra port"}
    assert p.paragraphs == [
        "Militias close the road to Basra port",  # trafilatura keeps the <h1>; the article's body starts below it
        "Armed groups set up checkpoints on the road to Umm Qasr port on Monday, a port official told Reuters.",
        "Drivers said they had waited for more than ten hours, and some turned back to the city.",
    ]


def test_boilerplate_page_keeps_the_story_and_its_subhead():
    p = page("boilerplate_page.html")
    assert (sources(p, "title"), p.h1, p.byline) == (
        ["Regime raises fuel prices again"],
        "Government raises fuel prices again",
        "Amira Saleh",
    )
    assert p.headings == ["Queues at stations"]
    story = " ".join(p.paragraphs)
    assert "second this year" in story and "took effect at midnight" in story
    for junk in ("cookies", "newsletter", "Trending", "Great article", "Privacy policy", "Sport"):
        assert junk not in story


def test_broken_markup_still_yields_headlines_and_story():
    p = page("broken_markup.html")
    assert (p.og_title, p.h1) == ("Beast seizes the airport road", "Gunmen seize the airport road")
    assert p.paragraphs[:3] == [
        "Gunmen seize the airport road",
        "Gunmen took control of the airport road on Friday, police said.",
        "Flights were delayed for two hours, an airport official told AFP.",
    ]


def test_site_names_are_stripped_only_with_evidence():
    daily = SiteNames(("The Daily",), ())
    assert daily.strip_from("Headline here | The Daily") == "Headline here"
    assert daily.strip_from("The Daily - Headline here") == "Headline here"
    assert daily.strip_from("Iraq: talks resume in Baghdad") == "Iraq: talks resume in Baghdad"
    assert (
        SiteNames((), ("ctpost",)).strip_from("Storm cuts power to thousands - CTPost")
        == "Storm cuts power to thousands"
    )
    assert (
        SiteNames(("Wall Street Journal",), ()).strip_from("Fed holds rates steady - WSJ") == "Fed holds rates steady"
    )
    # A site name holding separators itself is taken off whole.
    racing = SiteNames(("Autoracing | F1 | Indy",), ())
    assert racing.strip_from("Classificação NASCAR | Autoracing | F1 | Indy") == "Classificação NASCAR"
    # No evidence, no stripping: the part after the dash is the headline's own.
    assert (
        SiteNames().strip_from("Milan Design Week 2018 | a light installation")
        == "Milan Design Week 2018 | a light installation"
    )


def test_the_title_teaches_the_site_name_when_the_rest_is_another_candidate():
    learned = learn_from_title("Dam repairs finish early – River Post", ["Dam repairs finish early"], SiteNames())
    assert learned.names == ("River Post",)
    # A logo <h1> must not make the headline a "site name": a prefix counts only when shorter.
    logo = learn_from_title("The River Post Daily Edition | Dam", ["Dam"], SiteNames())
    assert logo.names == ()


def test_url_slug_words():
    assert slug_words("https://x.org/2019/11/john-ford-books.html") == "john ford books"
    assert slug_words("https://x.org/news/dam-repairs-finish-early-n1086531") == "dam repairs finish early"
    assert slug_words("https://x.org/") == ""


def test_declared_and_guessed_charsets():
    arabic = "<html><head><title>حزب الله</title></head><body><h1>حزب الله</h1></body></html>"
    assert decode_html(arabic.encode("windows-1256"), "x", "windows-1256")[0] == arabic
    latin = '<html><head><meta charset="windows-1252"><title>Café crème</title></head></html>'
    assert decode_html(latin.encode("cp1252"), "x")[0] == latin


def test_an_xml_declaration_keeps_lines_and_columns():
    text = '<?xml version="1.0" encoding="utf-8"?><html><head><title>Dam repairs finish early</title></head></html>'
    p, view, warnings = read_page(text, "x.html")
    assert view == ["Dam repairs finish early"] and warnings == []
    assert (p.candidates[0].html_line, p.candidates[0].html_column) == (1, 58)


def test_empty_and_textless_pages():
    for text in ("", "   ", "<!-- nothing -->", "<html><body><div></div></body></html>"):
        p, view, _ = read_page(text, "x.html")
        assert view == [] and p.candidates == []


def test_caps_cut_the_page_and_say_so():
    many = "<html><body><h1>Dam repairs finish early</h1>" + "<p>x</p>" * (MAX_TAGS + 10) + "</body></html>"
    parsed = parse_page(many, "many.html")
    assert parsed.warnings == [f"many.html: page has more than {MAX_TAGS:,} tags; only the first {MAX_TAGS:,} are read"]
    assert parsed.raw.count("<") == MAX_TAGS
    big = "<html><body><p>" + "word " * (MAX_CHARS // 5 + 10) + "</p></body></html>"
    assert "only the first 5,000,000 are read" in parse_page(big, "big.html").warnings[0]


def test_deep_nesting_keeps_the_text_after_it():
    for deep in (300, 5000):  # below libxml2's limit (flattened), and past it (parsed again, capped)
        text = (
            "<html><body>" + "<div>" * deep + "inner words" + "</div>" * deep + "<p>After the nest.</p></body></html>"
        )
        parsed = parse_page(text, "deep.html")
        assert "After the nest." in parsed.doc.text_content() and "inner words" in parsed.doc.text_content()
        assert len(parsed.warnings) == 1 and "nested deeper" in parsed.warnings[0]
        assert not parsed.doc.xpath("/".join(["*"] * (MAX_DEPTH + 1)))


def test_scripts_and_styles_never_reach_the_story_but_json_ld_stays():
    text = (
        '<html><head><script type="application/ld+json">{"headline": "Dam repairs finish early"}</script>'
        "<style>p {color: red}</style></head><body><script>var x = 'Antichrist';</script>"
        "<h1>Dam repairs finish early</h1><p>Engineers finished the repairs two weeks early, the ministry said on Sunday.</p>"
        "</body></html>"
    )
    p, view, _ = read_page(text, "x.html")
    assert sources(p, "json-ld:?") == ["Dam repairs finish early"]
    assert not any("Antichrist" in line or "color" in line for line in view)


def test_json_ld_that_is_broken_or_absurdly_deep_is_skipped():
    deep = "[" * 5000 + "]" * 5000
    for blob in ("{not json", deep, '{"@graph": [{"headline": "Nested headline about the dam"}]}'):
        text = (
            f'<html><head><script type="application/ld+json">{blob}</script></head><body><h1>A dam</h1></body></html>'
        )
        p, _, _ = read_page(text, "x.html")
        assert sources(p, "h1") == ["A dam"]
    assert sources(p, "json-ld:?") == ["Nested headline about the dam"]


_TAGS = st.sampled_from(["p", "div", "h1", "h2", "b", "strong", "title", "script", "figure", "figcaption", "meta", "a"])
_PIECES = st.one_of(
    st.builds(lambda t: f"<{t}>", _TAGS),
    st.builds(lambda t: f"</{t}>", _TAGS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(['<meta property="og:title" content="A &amp;amp; B">', "<!--", "&#8217;", "Source: a b c d"]),
)


@given(st.lists(_PIECES, max_size=40))
def test_any_markup_gives_a_consistent_view(pieces):
    p, view, _ = read_page("".join(pieces), "x.html")
    assert all(isinstance(line, str) and "\n" not in line for line in view)
    for c in p.candidates:
        assert c.line == 0 or view[c.line - 1] == c.text
    if p.story_start:
        assert view[p.story_start - 1 :] == p.paragraphs


def test_pages_run_through_the_same_pipeline(tmp_path):
    out = tmp_path / "r"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "audit", str(HTML), "--out", str(out), "--fail-on", "never"]
        + ["--format", "md,json,sarif"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    docs = {d["path"].rsplit("/", 1)[-1]: d for d in json.loads((out / "audit.json").read_text())["documents"]}
    farm = docs["farm_page.html"]["articles"][0]
    assert (farm["altered"]["line"], farm["original"]["line"], farm["inserted_terms"]) == (2, 1, ["Antichrist’s men"])
    assert farm["source_line"] == 5  # the <title> line of the HTML file, for annotations
    assert {(o["name"], o["role"]) for o in farm["outlets"]} == {("Reuters", "quoted_source"), ("AFP", "photo_credit")}
    assert docs["farm_page.html"]["page"]["canonical"].startswith("https://news.example.org/")
    clean = docs["clean_page.html"]["articles"][0]
    assert clean["original"] is None and clean["findings"] == [] and clean["inserted_terms"] == []
    assert "clean_page.html" not in proc.stderr  # a page's lone headline is no warning
    note = next((out / "farm_page").glob("*.md")).read_text()
    assert "## Page" in note and "   1  Militias close the road to Basra port" in note
    assert "| Antichrist’s men close the road to Basra port | og:title | 2 | 6 |" in note
    sarif = json.loads((out / "audit.sarif").read_text())
    regions = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]: r["locations"][0][
            "physicalLocation"
        ]["region"]
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "eschatology.antichrist"
    }
    # The term's own columns on the <title> line: "<title>" (7) + "Antichrist’s" (12 characters).
    assert regions["farm_page.html"]["startLine"] == 5
    assert (regions["farm_page.html"]["startColumn"], regions["farm_page.html"]["endColumn"]) == (8, 20)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, body",
    [
        (
            "blockquotes",
            "".join(f"<blockquote>quote level {i} says a little." for i in range(20_000)) + "</blockquote>" * 20_000,
        ),
        ("divs", "<div>" * 20_000 + "deep text" + "</div>" * 20_000),
        ("paragraphs", "<p>x</p>\n" * 2_200_000),  # 19 MB
        ("one paragraph", "<p>" + "word and another word. " * 800_000 + "</p>"),  # 18 MB of text
    ],
)
def test_pathological_pages_finish_in_budget(tmp_path, name, body):
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<html><head><title>Dam repairs finish early</title></head><body><h1>Dam repairs finish early</h1>"
        f"<p>Engineers finished the repairs two weeks early, the ministry said.</p>{body}<p>Closing words.</p></body></html>"
    )
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "took = time.perf_counter() - t\n"
        "print(p.returncode, round(took, 2), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
    )
    cmd = [sys.executable, str(ROOT / "cli.py"), "audit", str(page_file), "--out", str(tmp_path / "r")]
    cmd += ["--format", "md,json,sarif", "--fail-on", "never", "-q"]
    proc = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, timeout=120)
    rc, seconds, mb = proc.stdout.split()
    assert rc == "0" and float(seconds) < 10 and int(mb) < 500, (name, proc.stdout)
    doc = json.loads((tmp_path / "r" / "audit.json").read_text())["documents"][0]
    assert doc["articles"][0]["altered"]["text"] == "Dam repairs finish early"


def test_a_page_without_a_precise_story_is_asked_again(monkeypatch):
    import trafilatura

    asked = []

    def extract(doc, favor_precision, **options):
        asked.append(favor_precision)
        return None if favor_precision else "Engineers reopened the spillway.\n\n- Farmers cheered."

    monkeypatch.setattr(trafilatura, "extract", extract)
    p, view, _ = read_page("<html><body><h1>Dam reopens</h1></body></html>", "x.html")
    assert asked == [True, False] and p.paragraphs == ["Engineers reopened the spillway.", "- Farmers cheered."]


def test_a_page_that_breaks_the_reader_is_one_line_naming_the_file(monkeypatch, tmp_path):
    from auditor.errors import InputError
    from auditor.ingest import html as html_module
    from auditor.ingest.sources import open_source

    def broken(text, name):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(html_module, "read_page", broken)
    page_file = tmp_path / "odd.html"
    page_file.write_text("<html><body><h1>Dam</h1></body></html>")
    with pytest.raises(InputError) as err:
        open_source(page_file)
    assert str(err.value) == f"{page_file}: cannot be read as a page (RecursionError: maximum recursion depth exceeded)"


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
