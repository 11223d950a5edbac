"""`auditor fetch` as a library call: one page fetched and saved under --out as NAME.html
beside NAME.json (url, final url, status, fetched-at, sha256, headers of interest)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from auditor.net.cache import save_fetched
from auditor.net.fetch import fetch, make_session
from auditor.net.page import DEFAULT_POLICY, FetchPolicy
from auditor.report.paths import slug


def fetch_and_save(url: str, out: Path, policy: FetchPolicy = DEFAULT_POLICY) -> tuple[Path, int, int, list[str]]:
    """Returns (page path, HTTP status, bytes, warnings); raises FetchError when the page cannot
    be had (URLRefused when the URL is malformed or leads to an address that is not public)."""
    got = fetch(make_session(policy), url, policy)
    parts = urlsplit(url)
    name = slug(parts.netloc + parts.path, 100, "page") + "-" + got.sha256[:8]
    page, _ = save_fetched(out, name, got.body, got.sidecar())
    return page, got.status, len(got.body), got.warnings
