"""The one place that uses the network: polite, bounded HTTP GETs of news pages.

Bounded by timeouts per socket operation, a deadline per URL (then its sockets are shut down:
a server sending a byte a second is cut off) and a size limit. Each hop (request, redirect,
retry) goes only to a public address unless the policy allows private ones: the host is
resolved and checked before sending, and the address connected to is checked again.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import socket
import threading
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.utils import select_proxy
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from auditor import __version__
from auditor.ingest.encodings import decode_html
from auditor.net.page import DEFAULT_POLICY, HTML_TYPES, KEPT_HEADERS, Fetched, FetchPolicy, header_charset
from auditor.net.urls import FetchError, URLRefused, address_refusal, check_url

USER_AGENT = f"headline-auditor/{__version__} (provenance research; +https://pypi.org/project/headline-auditor/)"


class _Attempt:
    """One URL being fetched: its deadline, its policy, and the sockets to shut when time is up."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self.ends = time.monotonic() + policy.deadline
        self.expired = False
        self.via_proxy = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(policy.deadline, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Attempt:
        _CURRENT.attempt = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _CURRENT.attempt = None

    def late(self) -> URLRefused:
        return URLRefused(f"took longer than {self.policy.deadline:g} s (the deadline for one URL)")

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:  # a blocked recv() returns at once
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                sock.close()
                raise self.late()
            self._sockets.append(sock)

    def check_host(self, host: str, port: int) -> None:
        """Resolve ``host`` and refuse it when any of its addresses is not public."""
        if self.policy.allow_private:
            return
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return  # the connection attempt reports the failure in its own words
        for *_, addr in infos:
            self.check_address(host, str(addr[0]))

    def check_address(self, host: str, address: str) -> None:
        why = None if self.policy.allow_private else address_refusal(address)
        if why is not None:
            where = f"{host} is at {address}" if host != address else host
            raise URLRefused(f"refused: {where}, a {why} address (see --allow-private-addresses)")


_CURRENT = threading.local()  # the _Attempt of the fetch running in this thread, if any


def _current() -> _Attempt | None:
    return getattr(_CURRENT, "attempt", None)


class _Guarded:
    """Mixed into urllib3's connections: the connected peer is checked and the socket watched."""

    host: str

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        att = _current()
        if att is not None:
            try:
                if not att.via_proxy:  # through a proxy, the peer is the proxy: the hop was checked
                    att.check_address(self.host, str(sock.getpeername()[0]))
                att.watch(sock)
            except BaseException:
                sock.close()
                raise
        return sock


class _HTTPConnection(_Guarded, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Guarded, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class GuardedAdapter(HTTPAdapter):
    """Checks every hop's host before sending (redirects come through here one by one)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _POOLS
        return manager

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        att = _current()
        if att is not None:
            if att.expired:
                raise att.late()
            host = check_url(request.url or "")
            att.via_proxy = bool(select_proxy(request.url or "", kwargs.get("proxies") or {}))
            att.check_host(host, urlsplit(request.url).port or 0)
        return super().send(request, *args, **kwargs)


class CappedRetry(Retry):
    """Retry that honours Retry-After, but never for longer than the policy allows."""

    max_retry_after = FetchPolicy.max_retry_after

    def get_retry_after(self, response: Any) -> float | None:
        value = super().get_retry_after(response)
        att = _current()  # never sleep past the URL's deadline
        left = max(0.0, att.ends - time.monotonic()) if att is not None else self.max_retry_after
        return None if value is None else min(value, self.max_retry_after, left)


def make_session(policy: FetchPolicy = DEFAULT_POLICY) -> requests.Session:
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
    adapter = GuardedAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _reason(exc: requests.RequestException) -> str:
    """A plain reason from the exception urllib3 wrapped after its retries ran out."""
    cause = getattr(exc.args[0], "reason", None) if exc.args else None
    if isinstance(cause, (ReadTimeoutError, ConnectTimeoutError)):
        return f"timed out ({'reading' if isinstance(cause, ReadTimeoutError) else 'connecting'})"
    if isinstance(cause, NewConnectionError):
        return "could not connect"
    return f"connection failed ({(cause or exc).__class__.__name__})"


def _failure(exc: Exception, policy: FetchPolicy, att: _Attempt) -> FetchError:
    """A plain reason for what went wrong while asking for a page."""
    if att.expired:
        return att.late()
    if isinstance(exc, requests.TooManyRedirects):
        return FetchError(f"more than {policy.max_redirects} redirects")
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema)):
        return URLRefused(f"not a valid URL ({exc})")
    if isinstance(exc, requests.exceptions.RetryError):
        return FetchError(f"gave up after retries ({exc.__class__.__name__})")
    if isinstance(exc, requests.Timeout):
        return FetchError("timed out")
    if isinstance(exc, requests.RequestException):
        return FetchError(_reason(exc))
    return URLRefused(f"not a valid URL ({exc})")  # urllib3's LocationParseError and kin (ValueError)


def _get(session: requests.Session, url: str, policy: FetchPolicy, att: _Attempt) -> requests.Response:
    try:
        # Close and identity: a body longer than its Content-Length shows (see _read_body).
        timeout = (policy.connect_timeout, policy.read_timeout)
        headers = {"Connection": "close", "Accept-Encoding": "identity"}
        return session.get(url, timeout=timeout, stream=True, headers=headers)
    except URLRefused:
        raise
    except (requests.RequestException, ValueError, UnicodeError) as exc:
        raise _failure(exc, policy, att) from None


def _read_body(resp: requests.Response, policy: FetchPolicy, att: _Attempt) -> bytes:
    """The body, no more than the size limit; a body longer than its Content-Length is an error.

    http.client stops at Content-Length and drops what follows, which would save a cut page: it
    is told to allow one byte more, and after the declared bytes that byte is asked for. The
    server (asked for Connection: close and no compression) then ends the connection, keeps it
    open until the read timeout (the body was complete), or shows that the body goes on.
    """
    declared_text = resp.headers.get("Content-Length", "")
    declared = int(declared_text) if declared_text.isdigit() else None
    if declared is not None and declared > policy.max_bytes:
        raise FetchError(f"page is {declared:,} bytes; the limit is {policy.max_bytes:,}")
    inner = getattr(resp.raw, "_fp", None)
    exact = None  # the declared length, when the byte past it can be asked for
    plain = not resp.headers.get("Content-Encoding")
    if declared is not None and plain and isinstance(inner, http.client.HTTPResponse) and inner.length == declared:
        inner.length, exact = declared + 1, declared
    body = bytearray()
    try:
        while chunk := resp.raw.read(65536 if exact is None else max(1, min(65536, exact - len(body)))):
            body += chunk
            if len(body) > policy.max_bytes:
                raise FetchError(f"page is larger than the limit of {policy.max_bytes:,} bytes")
            if exact is not None and len(body) > exact:
                raise FetchError(f"the body is longer than its Content-Length ({exact:,} bytes); not saved")
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        if att.expired:
            raise att.late() from None
        if not (exact is not None and len(body) == exact and isinstance(exc, ReadTimeoutError)):
            raise FetchError(f"connection broke while reading ({exc.__class__.__name__})") from None
    if att.expired:  # the deadline ended a body that has no length of its own
        raise att.late()
    return bytes(body)


def fetch(session: requests.Session, url: str, policy: FetchPolicy = DEFAULT_POLICY) -> Fetched:
    """GET one page; raise FetchError with a plain reason for anything but a usable HTML page
    (URLRefused for a URL that is malformed or leads to an address that is not public)."""
    check_url(url)
    with _Attempt(policy) as att:
        resp = _get(session, url, policy, att)
        with resp:
            if att.expired:  # cut off while the headers came: what arrived is not a response
                raise att.late()
            if resp.status_code != 200:
                raise FetchError(f"HTTP {resp.status_code}")
            ctype = resp.headers.get("Content-Type", "")
            if ctype.split(";")[0].strip().lower() not in HTML_TYPES:
                raise FetchError(f"not an HTML page (Content-Type {ctype or 'missing'})")
            data = _read_body(resp, policy, att)
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
