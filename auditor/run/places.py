"""Where the inputs and the reports stand in their git repository, for links that work on GitHub.

A note links its line numbers to its input (``../../seeds/x.txt#L12``) only when the input and
--out lie in the same repository, the git top level found by walking up to a ``.git`` (a folder,
or a file in a worktree or submodule): GitHub resolves such a relative link inside the
repository, and a link leaving it would lead nowhere. The step summary is shown on the run's
page, where a relative link resolves against the page's own URL: there the inputs are linked at
the commit that was audited, read from the variables GitHub Actions sets (GITHUB_SERVER_URL,
GITHUB_REPOSITORY, GITHUB_SHA). The notes are not at that commit (the Action keeps them as an
artifact, one zip whose id is known only after the upload), so the summary names each note's
path inside --out and links the run's artifacts (GITHUB_RUN_ID). Outside Actions the summary
links notes and inputs relative to the summary file itself. No path written is absolute.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote as percent_encode

from auditor.report.summary import SummaryLinks


@lru_cache(maxsize=1024)
def git_top_level(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` (absolute) holding ``.git``, else None."""
    p = Path(folder)
    for d in (p, *p.parents):
        if (d / ".git").exists():
            return str(d)
    return None


def _relative(path: str | Path, start: str | Path) -> str | None:
    try:
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(start))).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return None


def source_links(inputs: list[str], out: Path) -> dict[str, str]:
    """Each input lying in the same repository as ``out``, as a path relative to ``out``."""
    top = git_top_level(os.path.abspath(out))
    if top is None:
        return {}
    links = {}
    for p in inputs:
        rel = _relative(p, out)
        if rel is not None and git_top_level(os.path.dirname(os.path.abspath(p))) == top:
            links[p] = rel
    return links


def summary_links(inputs: list[str], out: Path, summary: Path, env: Mapping[str, str]) -> SummaryLinks:
    """How the step summary links notes and input lines (see the module's docstring)."""
    root = git_top_level(os.getcwd()) or os.getcwd()
    rel_out = _relative(out, root)
    out_label = rel_out if rel_out and not rel_out.startswith("../") else Path(os.path.abspath(out)).name
    server, repo, sha = (env.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if server.startswith(("https://", "http://")) and repo and sha:
        base = f"{server.rstrip('/')}/{repo}"
        sources = {}
        for p in inputs:
            rel = _relative(p, root)
            if rel is not None and not rel.startswith("../"):
                sources[p] = f"{base}/blob/{sha}/{percent_encode(rel, safe='/')}"
        run_id = env.get("GITHUB_RUN_ID", "")
        artifacts = f"{base}/actions/runs/{run_id}#artifacts" if run_id.isdigit() else ""
        return SummaryLinks(out_label=out_label, notes_prefix=None, sources=sources, artifacts=artifacts)
    here = os.path.dirname(os.path.abspath(summary))
    top = git_top_level(here)

    def beside(path: str | Path) -> str | None:
        """``path`` relative to the summary, when both lie in one repository (or, outside any,
        below the summary's folder): a relative link elsewhere would tell where things lie locally."""
        rel = _relative(path, here)
        if rel is None:
            return None
        if top is not None:
            return rel if git_top_level(os.path.dirname(os.path.abspath(path))) == top else None
        return None if rel.startswith("../") else rel

    sources = {p: rel for p in inputs if (rel := beside(p)) is not None}
    prefix = beside(Path(out) / "index.md")
    notes_prefix = None if prefix is None else prefix.removesuffix("index.md")
    return SummaryLinks(out_label=out_label, notes_prefix=notes_prefix, sources=sources)
