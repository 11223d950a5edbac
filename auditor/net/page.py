"""What a fetch is allowed (the policy's limits) and what it brings back: no network here."""

from __future__ import annotations

from dataclasses import dataclass, field

HTML_TYPES = ("text/html", "application/xhtml+xml")
KEPT_HEADERS = ("content-type", "content-length", "last-modified", "etag", "date", "server", "retry-after")


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    # Seconds for one URL, redirects and retries included: a page that takes a minute to come
    # is not a news page served normally (a minute also covers one capped Retry-After).
    deadline: float = 60.0
    retries: int = 3
    backoff: float = 0.5  # seconds; doubles per retry
    max_retry_after: float = 30.0  # a server asking to wait longer is not waited for that long
    max_bytes: int = 5 << 20
    max_redirects: int = 5
    allow_private: bool = False  # loopback, private, link-local, ... addresses (an intranet audit)


DEFAULT_POLICY = FetchPolicy()


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


def header_charset(content_type: str) -> str | None:
    """The charset a Content-Type header names, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
