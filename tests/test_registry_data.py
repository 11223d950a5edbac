"""The shipped outlet registry as data: one name and one outlet per alias, sound domains, parents that
exist, the right region file, a case rule for every alias that is an ordinary word, and the README's
coverage table made from the data."""

import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from auditor.datafiles import OUTLETS_DIR, default_rules_dir
from auditor.outlets.coverage import coverage_tables
from auditor.outlets.names import is_exact
from auditor.outlets.regions import REGION_COUNTRIES, region_of
from auditor.outlets.registry import alias_key, canonical, load_registries

RULES = default_rules_dir()
REG = load_registries([RULES])
OUTLETS = REG.entities["outlet"]
README = Path(__file__).resolve().parent.parent / "README.md"
TABLE_START, TABLE_END = "<!-- registry-coverage:start -->", "<!-- registry-coverage:end -->"


def test_the_registry_covers_the_world():
    assert len(OUTLETS) >= 1200
    regions = {region_of(o.country) for o in OUTLETS}
    assert regions == set(REGION_COUNTRIES)
    kinds = {o.kind for o in OUTLETS}
    assert {"wire_agency", "newspaper", "magazine", "broadcaster", "website", "fact_checker", "state_agency"} <= kinds


def test_names_are_unique_as_a_reader_compares_them():
    seen: dict[str, str] = {}
    for o in OUTLETS:
        c = canonical(o.name)
        assert c not in seen, f"{o.name!r} and {seen[c]!r} are the same name"
        seen[c] = o.name


def test_every_alias_names_one_entry_of_any_registry():
    owner: dict[str, str] = {}
    for etype, items in REG.entities.items():
        for e in items:
            for alias in e.surface_forms():
                k = alias_key(alias)
                assert owner.setdefault(k, f"{etype} {e.name}") == f"{etype} {e.name}", (
                    f"{alias!r} names both {owner[k]} and {etype} {e.name}"
                )


def test_domains_are_bare_hosts_of_one_outlet_family():
    holder: dict[str, str] = {}
    parent = {o.name: getattr(o, "parent", None) for o in OUTLETS}
    for o in OUTLETS:
        for d in o.domains:
            assert re.fullmatch(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}", d), d
            assert not d.startswith("www."), d
            other = holder.setdefault(d, o.name)
            related = other == o.name or parent[o.name] == other or parent[other] == o.name
            related = related or (parent[o.name] is not None and parent[o.name] == parent[other])
            assert related, f"{d} belongs to both {other!r} and {o.name!r}"


def test_parents_exist_and_sub_brands_are_their_own_entries():
    names = {o.name for o in OUTLETS}
    for o in OUTLETS:
        assert getattr(o, "parent", None) in names | {None}, f"{o.name}: parent {o.parent!r} missing"
        assert getattr(o, "parent", None) != o.name
    by_name = {o.name: o for o in OUTLETS}
    # The sub-brands the issue saw swallowed by a parent alias have names of their own.
    for sub, parent in (("CBS Sports", "CBS"), ("NBC Latino", "NBC News"), ("CNN Business", "CNN")):
        assert by_name[sub].parent == parent


def test_each_region_file_holds_that_region_only():
    for path in sorted((RULES / OUTLETS_DIR).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        wrong = [e["name"] for e in data["entities"] if region_of(e.get("country", "")) != path.stem]
        assert wrong == [], f"{path.name} holds outlets of other regions: {wrong[:5]}"


def test_an_alias_that_is_an_ordinary_word_has_a_case_rule():
    english_words = pytest.importorskip("english_words", reason="the word list comes with the test extra")
    words = english_words.get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
    bad = []
    for o in OUTLETS:
        for alias in o.surface_forms():
            core = re.sub(r"^the ", "", alias, flags=re.I)
            if " " not in core and core.lower() in words and not is_exact(alias, o):
                bad.append(f"{o.name}: {alias}")
    assert bad == [], "set ambiguous = true (or list the alias in ambiguous_aliases): " + ", ".join(bad)


def test_shared_names_are_shared_by_more_than_one_outlet():
    holders = defaultdict(list)
    for o in OUTLETS:
        for n in getattr(o, "shared_names", []):
            holders[n].append(o.name)
    aliases = {alias_key(a) for o in OUTLETS for a in o.surface_forms()}
    lonely = [n for n, who in holders.items() if len(who) < 2 and alias_key(n) not in aliases]
    assert lonely == []


def test_readme_coverage_table_is_made_from_the_data(request):
    text = README.read_text(encoding="utf-8")
    table = coverage_tables(OUTLETS)
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    if request.config.getoption("--update-golden"):
        README.write_text(text[:start] + "\n\n" + table + "\n" + text[end:], encoding="utf-8")
    assert text[start:end].strip() == table.strip(), (
        "README registry table is stale: rerun pytest tests/test_registry_data.py --update-golden"
    )
