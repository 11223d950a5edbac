"""Issue 19, item 7: notes and the index read well on GitHub.

Short front matter that renders harmlessly without front-matter support, articles numbered from
1, line numbers linked to the input inside the repository, a link back to the index, one row a
cited name, a change line and a list drawn from the same spans, an index that opens with the
summary and splits per input file when big, a step summary without local paths, and a
screenshot script that renders all of it with cmark-gfm in headless Chromium.
"""

import csv
import json
import os
import posixpath
import random
import re
import shutil
import subprocess
import sys
import zlib
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from test_escaping import CMARK, needs_cmark, relative_link, render, rule_references

from auditor.analysis.diff import diff_headlines
from auditor.models import Article, LineRef, Publisher, PublisherSignal
from auditor.report import index as index_module
from auditor.report.changes import change_line, change_list
from auditor.report.citations import publisher_section
from auditor.report.links import NoteLinks
from auditor.report.notes import front_matter
from conftest import ROOT, SAMPLES, audit_text, report_files

# Two short articles in our own words; the second credits the same photographer three times.
DUMP = """Antichrist opens new bridge over the Tigris

Minister opens new bridge over the Tigris

The transport minister opened the bridge on Sunday, Rudaw reported.

Traffic is expected to ease within weeks, officials told Rudaw English.

Locusts flood the market as prices rise

Shoppers flood the market as prices rise

BAGHDAD (Reuters) - Shoppers crowded the central market on Saturday.

A stall keeper weighs tomatoes. Photo: AFP

A woman buys bread. Photo: AFP

A boy carries crates. Photo: AFP
"""


def cli(*args, cwd, env=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def repo(tmp_path):
    """A git repository (a `.git` folder is what the tool looks for) holding one dump."""
    r = tmp_path / "repo"
    (r / ".git").mkdir(parents=True)
    (r / "seeds").mkdir()
    (r / "seeds" / "dump.txt").write_text(DUMP, encoding="utf-8")
    return r


def notes_of(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.md") if p.name[:1].isdigit())


def test_front_matter_is_five_short_keys_and_the_rest_is_a_closing_settings_section(repo):
    assert cli("audit", "seeds", "--fail-on", "never", cwd=repo).returncode == 0
    note = notes_of(repo / "reports")[0].read_text(encoding="utf-8")
    head, rest = note.split("\n\n---\n\n", 1)
    keys = [line.split(":", 1)[0] for line in head.splitlines()[1:]]
    assert head.startswith("---\n") and keys == ["tool", "version", "input", "sha256", "rules_digest"]
    values = [json.loads(line.split(": ", 1)[1]) for line in head.splitlines()[1:]]
    assert max(len(v) for v in values) <= 24  # GitHub shows them as one table row: it must fit
    settings = rest[rest.index("\n## Settings\n") :]
    assert settings.count("\n## ") == 1 and "tool: headline-auditor" in settings  # the closing section
    sha = json.loads((repo / "reports" / "audit.json").read_text())["documents"][0]["sha256"]
    assert f"input sha256: {sha}" in rest and values[3] == sha[:16]


@needs_cmark
def test_without_front_matter_support_the_block_is_a_rule_and_a_paragraph_not_a_heading(repo):
    cli("audit", "seeds", "--fail-on", "never", cwd=repo)
    for md_file in [repo / "reports" / "index.md", *notes_of(repo / "reports")]:
        html = subprocess.run(
            [CMARK, "-e", "table", "-e", "strikethrough"], input=md_file.read_text(), capture_output=True, text=True
        ).stdout
        assert html.startswith("<hr />\n<p>tool: "), md_file
        first_heading = re.search(r"<h[1-6]>(.*?)</h[1-6]>", html).group(1)
        assert first_heading.startswith(("Article 1", "Article 2", "Headline audit")), first_heading


@needs_cmark
@given(st.text(max_size=40))
def test_any_front_matter_value_reads_back_as_yaml_and_renders_as_plain_text(value):
    """A file name of any characters: YAML gives it back whole, and a renderer without front-matter
    support shows a rule, a paragraph and a rule (no link, markup, heading or autolink)."""
    fm = front_matter({"tool": "headline-auditor", "input": value})
    assert yaml.safe_load(fm.split("---\n")[1]) == {"tool": "headline-auditor", "input": value}
    parsed = render(fm + "# Title\n")
    assert parsed.tags == ["hr", "p", "hr", "h1"] and parsed.hrefs == [] and parsed.comments == []


def test_articles_count_from_one_for_people_and_from_zero_in_json(repo):
    assert cli("audit", "seeds", "--fail-on", "never", "--format", "md,json,csv", cwd=repo).returncode == 0
    out = repo / "reports"
    names = [p.name for p in notes_of(out)]
    assert [n[:3] for n in names] == ["01-", "02-"]
    assert "# Article 1: Antichrist opens" in (out / "dump" / names[0]).read_text()
    assert [a["index"] for a in json.loads((out / "audit.json").read_text())["documents"][0]["articles"]] == [0, 1]
    rows = list(csv.DictReader((out / "articles.csv").open(encoding="utf-8")))
    assert [r["article"] for r in rows] == ["1", "2"] and rows[0]["note"] == f"dump/{names[0]}"
    index = (out / "index.md").read_text()
    assert f"| [1](dump/{names[0]}) | Antichrist opens new bridge over the Tigris | Minister opens" in index


def hrefs(md_file: Path) -> list[str]:
    text = md_file.read_text(encoding="utf-8")
    return re.findall(r"\]\(<?([^)>\s]+)>?\)", text)


def test_every_relative_link_leads_to_a_file_and_lines_link_to_the_input(repo):
    cli("audit", "seeds", "--fail-on", "never", cwd=repo)
    out = repo / "reports"
    seen_line_links = 0
    for md_file in out.rglob("*.md"):
        for href in hrefs(md_file):
            if "://" in href:
                continue
            target, _, fragment = href.partition("#")
            assert (md_file.parent / unquote(target)).resolve().is_file(), (md_file, href)
            if fragment:
                assert re.fullmatch(r"L\d+(-L\d+)?", fragment) and target == "../../seeds/dump.txt"
                seen_line_links += 1
    note = notes_of(out)[1].read_text()
    assert "[← Index](../index.md) · Source: [seeds/dump.txt, lines 9–19](../../seeds/dump.txt#L9-L19)." in note
    assert "| altered | [9](../../seeds/dump.txt#L9) |" in note and seen_line_links > 10


def test_outside_a_repository_line_numbers_stay_plain(tmp_path):
    (tmp_path / "dump.txt").write_text(DUMP, encoding="utf-8")
    assert cli("audit", "dump.txt", "--fail-on", "never", cwd=tmp_path).returncode == 0
    note = notes_of(tmp_path / "reports")[1].read_text()
    assert "Source: dump.txt, lines 9–19." in note and "| altered | 9 |" in note and "#L" not in note


@needs_cmark
def test_a_hostile_input_name_in_the_repository_cannot_turn_a_line_link_into_anything_else(repo):
    name = "javascript:alert(1) [x](y) <b>.txt"
    (repo / "seeds" / name).write_text(DUMP, encoding="utf-8")
    cli("audit", f"seeds/{name}", "--fail-on", "never", cwd=repo)
    for md_file in (repo / "reports").rglob("*.md"):
        parsed = render(md_file.read_text(encoding="utf-8"))
        rules = {unquote(u) for u in rule_references()}
        assert "b" not in parsed.tags, md_file
        assert all(relative_link(h) or unquote(h) in rules for h in parsed.hrefs), (md_file, parsed.hrefs)
        assert any(unquote(h).startswith(f"../../seeds/{name}#L") for h in parsed.hrefs) or md_file.name == "index.md"


def article(original: str, altered: str) -> Article:
    d = diff_headlines(original, altered)
    return Article(
        index=0,
        altered=LineRef(text=altered, line=1),
        original=LineRef(text=original, line=3),
        similarity=0.5,
        rewrite_kind=d.kind,
        inserted_terms=[s.text for s in d.inserted],
        replaced_terms=[s.text for s in d.replaced],
        deleted_terms=[s.text for s in d.deleted],
        edits=d.edits,
    )


def test_the_change_line_and_the_list_name_the_same_spans():
    a = article("US strikes Iran and its militias in Iraq", "US strikes Iran and the Antichrist's men in Iraq")
    assert a.replaced_terms == ["militias"]  # the term the rules saw, edge word trimmed
    assert "~~its militias~~ **the Antichrist's men**" in change_line(a)
    assert change_list(a) == "- Replaced “its militias” with “the Antichrist's men”\n"


WORDS = "the its a Troops Antichrist militias Basra port : , minister says Beast 16:12 ‘quoted’ (AFP) of and".split()


@needs_cmark
def test_rendered_change_lines_strike_and_embolden_exactly_the_listed_spans():
    """Random edits of random headlines: what GitHub's renderer strikes and emboldens is what the
    list names, also where a span starts or ends with punctuation ("Mosul: Revelation")."""
    rng = random.Random(19)
    cases = []
    while len(cases) < 150:
        orig = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))
        alt = orig.split()
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(alt) + 1)
            alt[k : k + rng.randint(0, 2)] = [rng.choice(WORDS) for _ in range(rng.randint(0, 2))]
        a = article(orig, " ".join(alt) or "x")
        if a.original and a.rewrite_kind not in ("rewrite", "unchanged"):
            cases.append(a)
    html = subprocess.run(
        [CMARK, "--unsafe", "-e", "strikethrough"],
        input="\n\n".join(change_line(a) for a in cases),
        capture_output=True,
        text=True,
    ).stdout
    paragraphs = re.findall(r"<p>(.*?)</p>", html, re.S)
    assert len(paragraphs) == len(cases)
    for a, p in zip(cases, paragraphs, strict=True):
        struck = [unescape(s) for s in re.findall(r"<del>(.*?)</del>", p)]
        strong = [unescape(s) for s in re.findall(r"<strong>(.*?)</strong>", p)]
        assert struck == [e.original.text for e in a.edits if e.original], (a.edits, p)
        assert strong == [e.altered.text for e in a.edits if e.altered], (a.edits, p)
        listed = re.findall(r"“(.*?)”", change_list(a))
        assert sorted(listed) == sorted(struck + strong)


def test_a_publisher_signal_seen_on_several_lines_is_one_row_with_every_line():
    signals = [
        PublisherSignal(outlet="AFP", line=n, evidence=f"Photo {n}. AFP", why="its own photograph", weight=1)
        for n in (40, 12, 41)
    ] + [PublisherSignal(outlet="Reuters", line=5, evidence="BAGHDAD (Reuters) -", why="wire copy", weight=8)]
    a = article("Minister visits Basra", "Antichrist visits Basra").model_copy(
        update={"publisher": Publisher(name="Reuters", evidence="x", line=5, confidence="high", signals=signals)}
    )
    text = publisher_section(a, NoteLinks("../", "../in.txt"))
    rows = [r for r in text.splitlines() if r.startswith("| AFP")]
    assert len(rows) == 1 and "3 × 1" in rows[0]
    assert "[12](../../in.txt#L12), [40](../../in.txt#L40), [41](../../in.txt#L41)" in rows[0]
    assert text.index("| Reuters") < text.index("| AFP")


def test_outlet_rows_list_each_name_once_with_every_role_line(repo):
    cli("audit", "seeds", "--fail-on", "never", cwd=repo)
    note = notes_of(repo / "reports")[0].read_text()
    rudaw = [r for r in note.splitlines() if r.startswith("| Rudaw")]
    assert len(rudaw) == 1 and "[5](../../seeds/dump.txt#L5)" in rudaw[0]


def test_index_opens_with_the_summary_then_articles_by_file_then_the_overview(tmp_path):
    shutil.copytree(SAMPLES, tmp_path / "samples")
    cli("audit", "samples", "--fail-on", "never", cwd=tmp_path)
    index = (tmp_path / "reports" / "index.md").read_text()
    order = ["# Headline audit", "| severity | findings | articles", "## Articles", "### samples/farm\\_dump\\_a.txt"]
    order += ["### samples/farm\\_dump\\_b.txt", "## Inserted terms", "## Reused bodies", "## Settings"]
    assert [index.index(h) for h in order] == sorted(index.index(h) for h in order)
    assert "| note | altered headline | original headline |" in index
    assert "samples/farm\\_dump\\_a.txt | 0 |" not in index  # no path repeated on each row


def test_a_big_run_gets_a_page_per_input_file(ctx, monkeypatch):
    monkeypatch.setattr(index_module, "INDEX_ROWS", 2)
    docs = [audit_text(DUMP * k, ctx, name=f"in{k}.txt") for k in (1, 3)]
    files = report_files(docs, ("md",))
    assert sorted(k for k in files if "index" in k) == [
        "in1/index.md",
        "in3/index-2.md",
        "in3/index-3.md",
        "in3/index.md",
        "index.md",
    ]
    assert "| in3.txt | 6 | [1](in3/index.md) [2](in3/index-2.md) [3](in3/index-3.md) |" in files["index.md"]
    page = files["in3/index-2.md"]
    assert page.startswith("# in3.txt: articles 3–4 of 6\n") and "[← Index](../index.md)" in page
    rows = [r for r in page.splitlines() if r.startswith("| [")]
    assert [r.split("]")[0] for r in rows] == ["| [3", "| [4"]
    for rel, text in files.items():
        for href in re.findall(r"\]\(([^)#<]+)", text):
            assert posixpath.normpath(posixpath.join(posixpath.dirname(rel), href)) in files, (rel, href)


def test_reused_body_section_comes_before_the_closing_settings_and_check_agrees(tmp_path):
    body = "\n\n".join(
        [
            "Dock workers in Basra ended their strike on Sunday after the port authority agreed to raise wages.",
            "The walkout had left more than forty ships waiting at anchor in the Gulf for over a week.",
            "Importers said the delay pushed up the price of flour, cooking oil and building materials.",
            "A union spokesman said members would return to work on the morning shift on Monday.",
            "The transport ministry promised to clear the backlog of containers within ten days.",
        ]
    )
    for name, alt in (("a", "Antichrist reopens Basra port"), ("b", "Beast reopens Basra port")):
        (tmp_path / f"{name}.txt").write_text(
            f"{alt}\n\nStrike ends as Basra port reopens\n\n{body}\n", encoding="utf-8"
        )
    assert cli("audit", "a.txt", "b.txt", "--fail-on", "never", cwd=tmp_path).returncode == 0
    note = notes_of(tmp_path / "reports")[0].read_text()
    assert note.index("## Also appears in") < note.index("## Settings") and note.rstrip().endswith("counts from 0")
    assert cli("audit", "a.txt", "b.txt", "--check", cwd=tmp_path).returncode == 0


def test_step_summary_links_the_commit_inside_actions_and_never_a_local_path(repo):
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "desk/seeds", "GITHUB_SHA": "ab12"}
    summary = repo / "summary.md"
    cli("audit", "seeds", "--summary", str(summary), cwd=repo, env={**env, "GITHUB_RUN_ID": "77"})
    text = summary.read_text()
    assert str(repo) not in text and "/tmp" not in text
    assert "[1](<https://github.com/desk/seeds/blob/ab12/seeds/dump.txt#L1>)" in text
    assert "(<https://github.com/desk/seeds/actions/runs/77#artifacts>)" in text
    assert "| dump/01-antichrist-opens-new-bridge-over-the-tigris.md |" in text  # its path in the artifact


def test_step_summary_outside_actions_links_relative_to_the_summary_file(repo):
    summary = repo / "summary.md"
    clean = {k: "" for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")}
    cli("audit", "seeds", "--summary", str(summary), cwd=repo, env=clean)
    text = summary.read_text()
    assert str(repo) not in text
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert links and all(relative_link(h) and (repo / unquote(h.split("#")[0])).is_file() for h in links)


def png_is_drawn(png: Path) -> bool:
    """A PNG holds more than one colour: its decompressed scanlines use many byte values (a blank
    page's filtered rows are nearly all 0 and 255)."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    idat, k = b"", 8
    while k < len(data):
        length = int.from_bytes(data[k : k + 4], "big")
        if data[k + 4 : k + 8] == b"IDAT":
            idat += data[k + 8 : k + 8 + length]
        k += 12 + length
    return len(set(zlib.decompress(idat))) > 16


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")) or CMARK is None,
    reason="needs chromium and cmark-gfm (Debian: apt-get install -y chromium cmark-gfm)",
)
def test_screenshot_script_renders_the_notes_and_the_index_without_wide_tables_or_giant_headings(repo, tmp_path):
    cli("audit", "seeds", "--fail-on", "never", cwd=repo)
    shots = tmp_path / "shots"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "screenshots.py"), str(repo / "reports"), "--out", str(shots)]
        + ["--widths", "1012,400", "--max-height", "3000"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) == 3 * 2 * 2  # index and two notes, GitHub's view and a plain one, two widths
    assert all(png_is_drawn(p) for p in pngs)
    # At GitHub's width nothing is cut off and no front matter became a heading.
    wide = re.findall(r"^(\S+\.1012\.png): .*\n((?:  .*\n)*)", proc.stdout, re.M)
    assert len(wide) == 6 and all(problems == "" for _, problems in wide), proc.stdout
