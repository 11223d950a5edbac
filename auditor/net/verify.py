"""Check a paired original headline against the page of the outlet that claims it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from auditor.ingest.encodings import decode_html
from auditor.ingest.html import extract_page, page_headline
from auditor.ingest.page_info import PageInfo
from auditor.models import Article, Verification
from auditor.net.cache import FetchCache
from auditor.net.fetch import fetch, make_session
from auditor.net.page import DEFAULT_POLICY, FetchPolicy, header_charset
from auditor.net.urls import FetchError, URLRefused
from auditor.text.normalize import normalize

# WRatio (0-100) at or above which the source's headline is the paired original: WRatio
# forgives a site name the page adds to its headline.
CONFIRMED_AT = 90.0


@dataclass
class Verifier:
    cache: FetchCache
    source_map: dict[tuple[str, int], str] = field(default_factory=dict)
    policy: FetchPolicy = DEFAULT_POLICY
    fetched: list[str] = field(default_factory=list)  # URLs that went to the network this run
    # One line per article whose source URL was refused (malformed, or not a public address).
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.session = make_session(self.policy)

    def source_url(self, path: str, a: Article, page: PageInfo | None) -> str | None:
        """The claimed source: a --source-map entry, the page's canonical link, or a URL in the body."""
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        for key in ((path, a.altered.line), (name, a.altered.line)):
            if key in self.source_map:
                return self.source_map[key]
        if page is not None and page.canonical.startswith(("http://", "https://")):
            return page.canonical
        return a.body_urls[0] if a.body_urls else None

    def page_html(self, url: str) -> str:
        cached = self.cache.get(url)
        if cached is not None:
            body, meta = cached
            text, _ = decode_html(body, url, header_charset(meta.get("content_type", "")))
            return text
        got = fetch(self.session, url, self.policy)
        self.fetched.append(url)
        self.cache.put(url, got.body, got.sidecar())
        return got.html

    def verify(self, path: str, a: Article, page: PageInfo | None) -> Article:
        if a.original is None:
            return a
        url = self.source_url(path, a, page)
        if url is None:
            return a
        try:
            source = page_headline(extract_page(self.page_html(url)))
        except FetchError as exc:
            if isinstance(exc, URLRefused):
                self.warnings.append(f"{path}:{a.altered.line}: source URL {url} not fetched: {exc}")
            return a.model_copy(update={"verification": Verification(url=url, status="unreachable", reason=str(exc))})
        if not source:
            v = Verification(url=url, status="unreachable", reason="the page shows no headline")
        else:
            score = fuzz.WRatio(normalize(a.original.text).replace(".", ""), normalize(source).replace(".", ""))
            v = Verification(
                url=url,
                status="confirmed" if score >= CONFIRMED_AT else "differs",
                source_headline=source,
                similarity=round(score / 100, 3),
            )
        return a.model_copy(update={"verification": v})
