"""The one place that uses the network: polite, bounded HTTP GETs of news pages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from auditor import __version__
from auditor.ingest.encodings import decode_html
from auditor.report.paths import slug
from auditor.writer import save_fetched

USER_AGENT = f"headline-auditor/{__version__} (provenance research; +https://pypi.org/project/headline-auditor/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
KEPT_HEADERS = ("content-type", "content-length", "last-modified", "etag", "date", "server", "retry-after")


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5  # seconds; doubles per retry
    max_retry_after: float = 30.0  # a server asking to wait longer is not waited for that long
    max_bytes: int = 5 << 20
    max_redirects: int = 5


class FetchError(Exception):
    """A page that could not be had; ``str()`` is the reason shown to the user."""


@dataclass
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str
    html: str
    body: bytes
    sha256: str
    fetched_at: str
    headers: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def sidecar(self) -> dict:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "status": self.status,
            "fetched_at": self.fetched_at,
            "sha256": self.sha256,
            "content_type": self.content_type,
            "headers": self.headers,
        }


class CappedRetry(Retry):
    """Retry that honours Retry-After, but never for longer than the policy allows."""

    max_retry_after = FetchPolicy.max_retry_after

    def get_retry_after(self, response: Any) -> float | None:
        value = super().get_retry_after(response)
        return None if value is None else min(value, self.max_retry_after)


def make_session(policy: FetchPolicy = FetchPolicy()) -> requests.Session:
    session = requests.Session()
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"})
    session.max_redirects = policy.max_redirects
    retry = CappedRetry(
        total=policy.retries,
        connect=policy.retries,
        read=policy.retries,
        status=policy.retries,
        backoff_factor=policy.backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    retry.max_retry_after = policy.max_retry_after
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def header_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _reason(exc: requests.RequestException) -> str:
    """A plain reason from the exception urllib3 wrapped after its retries ran out."""
    cause = getattr(exc.args[0], "reason", None) if exc.args else None
    if isinstance(cause, (ReadTimeoutError, ConnectTimeoutError)):
        return f"timed out ({policy_hint(cause)})"
    if isinstance(cause, NewConnectionError):
        return "could not connect"
    return f"connection failed ({(cause or exc).__class__.__name__})"


def policy_hint(cause: Exception) -> str:
    return "reading" if isinstance(cause, ReadTimeoutError) else "connecting"


def fetch(session: requests.Session, url: str, policy: FetchPolicy = FetchPolicy()) -> Fetched:
    """GET one page; raise FetchError with a plain reason for anything but a usable HTML page."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) URL: {url}")
    try:
        resp = session.get(url, timeout=(policy.connect_timeout, policy.read_timeout), stream=True)
    except requests.TooManyRedirects:
        raise FetchError(f"more than {policy.max_redirects} redirects") from None
    except requests.exceptions.RetryError as exc:
        raise FetchError(f"gave up after retries ({exc.__class__.__name__})") from None
    except requests.Timeout:
        raise FetchError("timed out") from None
    except requests.RequestException as exc:
        raise FetchError(_reason(exc)) from None
    with resp:
        if resp.status_code != 200:
            raise FetchError(f"HTTP {resp.status_code}")
        ctype = resp.headers.get("Content-Type", "")
        if ctype.split(";")[0].strip().lower() not in HTML_TYPES:
            raise FetchError(f"not an HTML page (Content-Type {ctype or 'missing'})")
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > policy.max_bytes:
            raise FetchError(f"page is {int(declared):,} bytes; the limit is {policy.max_bytes:,}")
        body = bytearray()
        try:
            for chunk in resp.iter_content(65536):
                body += chunk
                if len(body) > policy.max_bytes:
                    raise FetchError(f"page is larger than the limit of {policy.max_bytes:,} bytes")
        except requests.RequestException as exc:
            raise FetchError(f"connection broke while reading ({exc.__class__.__name__})") from None
        data = bytes(body)
        try:
            html, warnings = decode_html(data, url, header_charset(ctype))
        except ValueError as exc:
            raise FetchError(str(exc)) from None
        return Fetched(
            url=url,
            final_url=resp.url,
            status=resp.status_code,
            content_type=ctype,
            html=html,
            body=data,
            sha256=hashlib.sha256(data).hexdigest(),
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            headers={k: v for k, v in ((h, resp.headers.get(h)) for h in KEPT_HEADERS) if v},
            warnings=warnings,
        )


def fetch_and_save(url: str, out: Path, session: requests.Session | None = None) -> tuple[Path, int, int, list[str]]:
    """`auditor fetch`: one page saved under ``out`` as NAME.html beside NAME.json.

    Returns (page path, HTTP status, bytes, warnings); raises FetchError when the page cannot be had.
    """
    got = fetch(session or make_session(), url)
    parts = urlsplit(url)
    name = slug(parts.netloc + parts.path, 100, "page") + "-" + got.sha256[:8]
    page, _ = save_fetched(out, name, got.body, got.sidecar())
    return page, got.status, len(got.body), got.warnings
