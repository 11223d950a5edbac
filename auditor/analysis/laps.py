"""Where a run's time goes, stage by stage: `auditor audit --profile` prints the table.

Each process keeps one clock (``LAPS``). A stage ends with ``LAPS.lap(name)``, which credits the
time since the previous lap to that stage; off (the default) a lap is one attribute test, so the
calls stay in the hot path at no cost. Worker processes hand their seconds back with each task.
"""

from __future__ import annotations

from time import perf_counter

# The stages in the order a run meets them, and what each covers.
STAGES = {
    "start-up": "imports, rules and registries loaded, inputs planned",
    "find articles": "read and split lines, find and pair headlines",
    "mark headline lines": "the one-pass test of which lines may open an article",
    "headline diff": "inserted, replaced and deleted terms",
    "rules": "rule findings on the headline and the body",
    "outlets": "cited outlets, organisations and platforms, with their roles",
    "publisher": "who most likely published the article first",
    "reuse fingerprints": "paragraph fingerprints for reuse detection",
    "article records": "the article model and what the reports derive from it",
    "write reports": "notes, JSON, SARIF and CSV written (main process)",
    "reuse links": "reuse confirmed across articles (main process)",
}


class Laps:
    """Seconds per stage in this process (see the module docstring)."""

    __slots__ = ("_last", "on", "seconds")

    def __init__(self) -> None:
        self.on = False
        self._last = 0.0
        self.seconds: dict[str, float] = {}

    def start(self) -> None:
        """Begin timing: the next lap counts from now."""
        if self.on:
            self._last = perf_counter()

    def lap(self, stage: str) -> None:
        """Credit the time since the last lap to ``stage``."""
        if self.on:
            now = perf_counter()
            self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
            self._last = now

    def take(self) -> dict[str, float]:
        """The seconds so far, and start counting afresh."""
        out, self.seconds = self.seconds, {}
        return out


LAPS = Laps()


def add_seconds(total: dict[str, float], more: dict[str, float]) -> None:
    for stage, s in more.items():
        total[stage] = total.get(stage, 0.0) + s


def stage_table(seconds: dict[str, float], wall: float, processes: int) -> str:
    """The --profile table: seconds per stage summed over the run's processes, and shares."""
    total = sum(seconds.values()) or 1.0
    rows = [f"{'stage':<22} {'seconds':>8} {'share':>6}  what"]
    for stage in [*STAGES, *sorted(set(seconds) - set(STAGES))]:
        if stage in seconds:
            what = STAGES.get(stage, "")
            rows.append(f"{stage:<22} {seconds[stage]:8.2f} {100 * seconds[stage] / total:5.1f}%  {what}")
    rows.append(f"{'total':<22} {sum(seconds.values()):8.2f} {100.0:5.1f}%  summed over {processes} process(es)")
    rows.append(f"{'wall':<22} {wall:8.2f}")
    return "\n".join(rows)
