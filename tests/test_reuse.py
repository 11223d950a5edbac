"""Bodies reused across articles and files; boilerplate is not reuse."""

import csv
import json
import subprocess
import sys

from conftest import ROOT

P = [
    "The governor of Basra said on Monday that the port would reopen within a week after repairs to the cranes.",
    "Dock workers, who have not been paid for three months, said they would return only if their wages were settled.",
    "The oil ministry said exports had not been affected, because tankers were loading at the offshore terminals.",
    "A member of the provincial council said the closure had cost traders millions of dollars in lost business.",
    "Residents of the city complained that prices of flour and cooking oil had risen since the port was closed.",
]
BOILER = "It is also worth noting that the original news has been published and is available at and the editorial team at AlKhaleej Today has confirmed it."


def article(headline, original, paras):
    return f"{headline}\n\n{original}\n\n" + "\n\n".join(paras) + "\n\n"


UNRELATED = [
    "Farmers in Nineveh said the rains had come late this year and that the wheat harvest would be smaller.",
    "The agriculture ministry promised to buy the crop at a fixed price, as it has done in previous seasons.",
]


def run(tmp_path, files: dict[str, str], *extra):
    src = tmp_path / "in"
    src.mkdir(parents=True)
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "audit",
            str(src),
            "--out",
            str(out),
            "--fail-on",
            "never",
            "-q",
            "--format",
            "md,json,csv",
            *extra,
        ],
        check=True,
    )
    return out, json.loads((out / "audit.json").read_text(encoding="utf-8"))


def pairs(data):
    return {
        (r["a"]["path"].rsplit("/", 1)[-1], r["a"]["article"], r["b"]["path"].rsplit("/", 1)[-1], r["b"]["article"]): r
        for r in data["reuse"]
    }


def test_exact_copy_light_edits_partial_copy_and_boilerplate(tmp_path):
    edited = [p.replace("three months", "three whole months") for p in P]
    files = {
        "a.txt": article("Antichrist reopens Basra port", "Governor reopens Basra port", P + [BOILER])
        + article("Beast blocks farm roads", "Farmers block farm roads", UNRELATED + [BOILER]),
        "b.txt": article("Antichrist’s port opens again", "Basra’s port opens again", P)  # exact copy, other file
        + article("Dajjal’s port deal", "Port deal reached in Basra", edited)  # light edits
        + article(
            "False Prophet and the port",
            "Traders and the port",
            P[3:]
            + UNRELATED[:0]
            + [
                "The chamber of commerce asked the government to compensate importers for the weeks of delay at the port."
            ],
        ),
    }
    out, data = run(tmp_path, files)
    got = pairs(data)
    exact = got[("a.txt", 0, "b.txt", 0)]
    assert exact["kind"] == "same body" and exact["similarity"] >= 0.99 and exact["shared_paragraphs"] == 5
    light = got[("a.txt", 0, "b.txt", 1)]
    assert light["kind"] == "same body" and 0.9 <= light["similarity"] < 1.0 and light["shared_paragraphs"] == 4
    partial = got[("a.txt", 0, "b.txt", 2)]
    assert partial["kind"] == "shared paragraphs" and partial["shared_paragraphs"] == 2
    assert partial["runs"] and partial["runs"][0]["a_lines"][0] < partial["runs"][0]["a_lines"][1]
    # a.txt#0 and a.txt#1 share only the AlKhaleej boilerplate: not reuse.
    assert ("a.txt", 0, "a.txt", 1) not in got
    assert not any(k[0] == "a.txt" and k[1] == 1 for k in got)
    note = next((out / "a").glob("01-*.md")).read_text(encoding="utf-8")
    assert "## Also appears in" in note and "(../b/01-" in note and "the same body (100% identical)" in note
    assert "2 shared paragraph(s)" in note
    index = (out / "index.md").read_text(encoding="utf-8")
    assert index.index("## Articles\n") < index.index("## Inserted terms") < index.index("## Reused bodies")
    assert "| Antichrist | 2 | eschatological" in index or "| Antichrist | 1 |" in index
    rows = list(csv.DictReader((out / "articles.csv").open(encoding="utf-8")))
    assert len(rows) == 5 and rows[0]["file"].endswith("a.txt") and rows[0]["note"].startswith("a/01-")


def test_no_reuse_switch_and_unrelated_articles(tmp_path):
    files = {
        "a.txt": article("Antichrist reopens Basra port", "Governor reopens Basra port", P),
        "b.txt": article("Beast blocks farm roads", "Farmers wait for late rains", UNRELATED),
    }
    _, data = run(tmp_path, files)
    assert data["reuse"] == []
    files["c.txt"] = files["a.txt"]
    out, data = run(tmp_path / "x", files, "--no-reuse")
    assert (
        data["reuse"] == []
        and "## Also appears in" not in (out / "a").joinpath(next(p.name for p in (out / "a").glob("*.md"))).read_text()
    )


def test_a_paragraph_in_many_articles_is_boilerplate(tmp_path):
    shared = "Subscribers can read every story on our website and in the daily print edition delivered at dawn."
    text = "".join(
        article(
            f"Antichrist visits town {k}",
            f"Minister visits town {k}",
            [f"The minister arrived in town number {k} on Monday and met the local council there.", shared],
        )
        for k in range(6)
    )
    _, data = run(tmp_path, {"many.txt": text})
    assert data["reuse"] == []


def test_candidate_bodies_are_read_once_and_kept_out_of_memory(tmp_path, monkeypatch):
    """Many candidate pairs: one pass reads the bodies, links equal a direct comparison."""
    from rapidfuzz import fuzz

    from auditor.ingest.readback import read_bodies
    from auditor.reuse.index import ReuseIndex
    from auditor.reuse.prints import content_text, paragraph_prints
    from auditor.text.body import Body

    text = "".join(
        article(
            f"Antichrist item {k} says", f"Item {k} says", [P[k % 5], f"{UNRELATED[0]} Number {k}.", P[(k + 1) % 5]]
        )
        for k in range(8)
    )
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    import auditor.reuse.postings as postings

    monkeypatch.setattr(postings, "BOILERPLATE_ARTICLES", 99)  # every repeat counts as reuse here
    calls = []

    def reader(wanted):
        calls.append(len(wanted))
        return read_bodies(wanted)

    index = ReuseIndex()
    lines = text.split("\n")
    bodies = {}
    for k in range(8):
        first, last = 10 * k + 5, 10 * k + 9  # headline, blank, original, blank, then the body
        bodies[k] = "\n".join(lines[first - 1 : last])
        prints = paragraph_prints(Body(lines[first - 1 : last], first), ())
        index.add(str(path), k, f"h{k}", (first, last), sum(c for _, _, c in prints), prints)
    got = index.links(reader)
    index.close()
    assert calls == [8]
    assert got
    for a, ls in got.items():
        for link in ls:
            expected = fuzz.ratio(content_text(bodies[a.index], []), content_text(bodies[link.other.index], [])) / 100
            assert link.similarity == round(expected, 3)


def test_postings_grouped_in_memory_or_from_bucket_files_give_the_same_rows(monkeypatch):
    """A small run groups its postings where they are; a big one spills them to bucket files
    (and, with several processes, groups them in a pool): the rows must not depend on which."""
    import random

    import auditor.reuse.index as reuse_index
    from auditor.reuse.index import ReuseIndex

    def rows(buffer: int, jobs: int = 1) -> list:
        monkeypatch.setattr(reuse_index, "POSTINGS_BUFFER", buffer)
        monkeypatch.setattr(reuse_index, "POOL_MIN_BYTES", 0)
        rng = random.Random(7)
        shared = [rng.getrandbits(62) for _ in range(40)]
        index = ReuseIndex(jobs=jobs)
        for art in range(60):
            prints = [
                (line, shared[(art + line) % 40] if line % 3 == 0 else rng.getrandbits(62), 120) for line in range(12)
            ]
            index.add("d.txt", art, f"h{art}", (1, 12), 1440, prints)
        got = index.shared_rows()
        spilled = bool(index._written)
        index.close()
        return [got, spilled]

    in_memory, spilled, pooled = rows(4 << 20), rows(1), rows(1, jobs=2)
    assert in_memory[1] is False and spilled[1] is True and pooled[1] is True
    assert in_memory[0] and in_memory[0] == spilled[0] == pooled[0]
