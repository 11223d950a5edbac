"""Which URLs may be fetched: well-formed http(s) URLs whose host is a public address.

URLs come from audited text (a body's first link, a page's canonical link), so a hostile dump
chooses them: a malformed one is refused with a plain reason, never an exception, and one that
resolves to a loopback, private, link-local, multicast or reserved address is refused unless
the user allows private addresses (an intranet audit). Pure: no network here (net.fetch
resolves names and calls ``address_refusal`` on what it finds, at every hop).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# What makes an address unfit for a URL taken from audited text; the first that applies is named.
# (Python counts link-local and 0.0.0.0/8 as private too: the narrower names are tried first.)
_NOT_PUBLIC = (
    ("is_loopback", "loopback"),
    ("is_unspecified", "unspecified"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_private", "private"),
    ("is_reserved", "reserved"),
)


class FetchError(Exception):
    """A page that could not be had; ``str()`` is the reason shown to the user."""


class URLRefused(FetchError):
    """A URL that is not fetched at all: malformed, or leading to an address that is not public."""


def check_url(url: str) -> str:
    """The host of a usable http(s) URL; URLRefused with a plain reason for anything else."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a bad port raises here, not later in the middle of a request
    except ValueError as exc:
        raise URLRefused(f"not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise URLRefused("not an http(s) URL")
    host = parts.hostname or ""
    if not host:
        raise URLRefused("not a valid URL (no host)")
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    if len(host) > 253 or any(not 0 < len(label) <= 63 for label in host.rstrip(".").split(".")):
        raise URLRefused(f"not a valid URL (host name {host!r} has an empty or over-long label)")
    try:
        host.encode("idna")
    except UnicodeError as exc:
        raise URLRefused(f"not a valid URL (host name {host!r}: {exc})") from None
    return host


def address_refusal(address: str) -> str | None:
    """Why ``address`` (an IP, as resolved) may not be fetched from audited text; None if public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    for test, name in _NOT_PUBLIC:
        if getattr(ip, test):
            return name
    return None if ip.is_global else "not public"
