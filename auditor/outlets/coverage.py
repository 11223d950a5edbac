"""The registry's size and coverage as Markdown tables, made from the data (the README shows them).

A test compares the README with what this makes, so the figures there cannot drift from the
data; ``pytest tests/test_registry_data.py --update-golden`` rewrites them.
"""

from __future__ import annotations

from collections import Counter

from auditor.outlets.regions import REGION_COUNTRIES, REGION_TITLES, region_of
from auditor.outlets.registry import OUTLET_KINDS, Entity, Outlet

KIND_TITLES = {
    "wire_agency": "wire",
    "state_agency": "state agency",
    "newspaper": "newspaper",
    "magazine": "magazine",
    "broadcaster": "broadcaster",
    "website": "news site",
    "fact_checker": "fact-checker",
    "aggregator": "aggregator",
}


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |\n"


def coverage_tables(outlets: list[Entity]) -> str:
    """Outlets by region and kind, then by beat, with sub-brands, state media and countries."""
    kinds = [k for k in KIND_TITLES if k in OUTLET_KINDS]
    by_region: dict[str, Counter[str]] = {r: Counter() for r in REGION_COUNTRIES}
    countries: dict[str, set[str]] = {r: set() for r in REGION_COUNTRIES}
    extras: dict[str, Counter[str]] = {r: Counter() for r in REGION_COUNTRIES}
    for o in outlets:
        region = region_of(o.country) or "international"
        by_region[region][o.kind] += 1
        if o.country:
            countries[region].add(o.country)
        if isinstance(o, Outlet):
            extras[region]["sub-brands"] += o.parent is not None
            extras[region]["state media"] += o.state_media or o.kind == "state_agency"
    head = ["region", "outlets", "countries", *(KIND_TITLES[k] for k in kinds), "sub-brands", "state media"]
    out = _row(head) + _row(["---"] * len(head))
    total: Counter[str] = Counter()
    for region, counts in by_region.items():
        n = sum(counts.values())
        cells = [REGION_TITLES[region], str(n), str(len(countries[region]))]
        cells += [str(counts[k]) for k in kinds] + [
            str(extras[region]["sub-brands"]),
            str(extras[region]["state media"]),
        ]
        out += _row(cells)
        total.update(counts)
        total.update(extras[region])
    all_countries = set().union(*countries.values())
    cells = ["**all**", f"**{sum(total[k] for k in kinds)}**", f"**{len(all_countries)}**"]
    cells += [f"**{total[k]}**" for k in kinds] + [f"**{total['sub-brands']}**", f"**{total['state media']}**"]
    out += _row(cells)
    beats = Counter(getattr(o, "beat", "general") for o in outlets)
    out += "\n" + _row(["beat", *sorted(beats, key=lambda b: (-beats[b], b))])
    out += _row(["---"] * (len(beats) + 1))
    out += _row(["outlets", *(str(beats[b]) for b in sorted(beats, key=lambda b: (-beats[b], b)))])
    return out
