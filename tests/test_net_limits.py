"""Issue 18: fetching stays bounded (a deadline per URL, honest lengths), bad URLs never abort a
run, and URLs taken from audited text reach only public addresses (servers on 127.0.0.1 here)."""

import contextlib
import json
import socket
import socketserver
import subprocess
import threading
import time

import pytest

from auditor.net import fetch as fetch_module
from auditor.net.fetch import FetchError, FetchPolicy, fetch, make_session
from auditor.net.urls import URLRefused, address_refusal, check_url
from conftest import FIXTURES, run_cli

PAGE = (FIXTURES / "html" / "clean_page.html").read_bytes()
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"


class Raw(socketserver.BaseRequestHandler):
    """A server that misbehaves on purpose, byte by byte; the path picks how."""

    hits: dict[str, int] = {}

    def handle(self):
        request = b""
        while b"\r\n\r\n" not in request:
            data = self.request.recv(4096)
            if not data:
                return
            request += data
        path = request.split()[1].decode()
        Raw.hits[path] = Raw.hits.get(path, 0) + 1
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up on purpose
            getattr(self, "do_" + path.strip("/").replace("-", "_"))()

    def drip(self, data: bytes, every: float = 0.1) -> None:
        for k in range(len(data)):
            self.request.sendall(data[k : k + 1])
            time.sleep(every)

    def do_drip_body(self):  # headers at once, then one byte every 0.1 s: no read ever times out
        self.request.sendall(HEAD + b"Content-Length: %d\r\n\r\n" % len(PAGE))
        self.drip(PAGE)

    def do_drip_headers(self):  # even the status line comes a byte at a time
        self.drip(HEAD + b"Content-Length: %d\r\n\r\n" % len(PAGE) + PAGE)

    def do_short_length(self):  # declares fewer bytes than it sends
        self.request.sendall(HEAD + b"Content-Length: %d\r\n\r\n" % (len(PAGE) - 200) + PAGE)

    def do_exact_length_kept_open(self):  # a complete body, then the connection stays open a while
        self.request.sendall(HEAD + b"Content-Length: %d\r\n\r\n" % len(PAGE) + PAGE)
        time.sleep(1.5)

    def do_page(self):
        self.request.sendall(HEAD + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(PAGE) + PAGE)

    def do_to_other_loopback(self):  # a redirect to another loopback address
        port = self.server.server_address[1]
        self.request.sendall(
            b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:%d/page\r\nContent-Length: 0\r\n\r\n" % port
        )


@pytest.fixture(scope="module")
def raw_server():
    socketserver.ThreadingTCPServer.daemon_threads = True
    srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Raw)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


LOCAL = FetchPolicy(connect_timeout=2, read_timeout=0.5, retries=1, backoff=0.05, deadline=1.5, allow_private=True)


def get(url: str, policy: FetchPolicy = LOCAL):
    return fetch(make_session(policy), url, policy)


# -- Item 6: a total deadline per URL; a Content-Length shorter than the body is an error.


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_server_sending_a_byte_at_a_time_meets_the_deadline(raw_server, path):
    started = time.monotonic()
    # Before: only per-read timeouts, and each byte came within one: no end.
    with pytest.raises(FetchError, match=r"took longer than 1.5 s"):
        get(raw_server + path)
    assert time.monotonic() - started < 6


def test_a_body_longer_than_its_content_length_is_an_error(raw_server, tmp_path):
    # Before: the first Content-Length bytes were saved as if they were the page.
    with pytest.raises(FetchError, match="longer than its Content-Length"):
        get(raw_server + "/short-length")
    out = tmp_path / "pages"
    proc = run_cli("fetch", raw_server + "/short-length", "--out", str(out), "--allow-private-addresses", timeout=60)
    assert proc.returncode == 2 and "longer than its Content-Length" in proc.stderr
    assert not list(out.glob("*.html")) if out.exists() else True


def test_a_complete_body_from_a_server_that_keeps_the_connection_is_kept(raw_server):
    assert get(raw_server + "/exact-length-kept-open").body == PAGE


def test_the_deadline_is_an_option_of_both_commands():
    for command in ("audit", "fetch"):
        proc = run_cli(command, "--help")
        assert "--fetch-deadline" in proc.stdout and "--allow-private-addresses" in proc.stdout


# -- Item 7: bad URLs are one line each, never an abort.

BAD_URLS = [
    "http://a..b/",
    "http://[::1",
    "http://" + "a" * 64 + ".com/",
    "http://[127.0.0.1]/",
    "http://x:99999/",
    "ftp://x.org/",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_bad_urls_are_refused_with_a_reason(url):
    with pytest.raises(URLRefused, match="not a valid URL|not an http"):
        check_url(url)
    with pytest.raises(URLRefused):
        get(url)


def test_fetch_goes_on_after_a_bad_url(raw_server, tmp_path):
    out = tmp_path / "pages"
    proc = run_cli("fetch", *BAD_URLS, raw_server + "/page", "--out", str(out), "--allow-private-addresses", timeout=60)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    # Before: an internal error at the first one, and the good URL never fetched.
    assert proc.returncode == 2 and len(errors) == len(BAD_URLS) and "internal error" not in proc.stderr, proc.stderr
    assert len(list(out.glob("*.html"))) == 1


def dump_citing(urls: list[str]) -> str:
    return "".join(
        f"Antichrist visits Basra port number {k}\n\nMinister visits Basra port number {k}\n\n"
        f"The minister toured the port on Monday, his office said. Source: {u} for details.\n\n"
        for k, u in enumerate(urls)
    )


def audit_verify(tmp_path, text: str, *extra: str) -> subprocess.CompletedProcess:
    dump = tmp_path / "d.txt"
    dump.write_text(text, encoding="utf-8")
    out = str(tmp_path / "r")
    verify = ("--fail-on", "never", "--verify", "--fetch-deadline", "5")
    return run_cli("audit", str(dump), "--out", out, "--format", "json", *verify, *extra)


def test_verify_with_bad_urls_warns_once_per_article_and_writes_the_audit(tmp_path):
    proc = audit_verify(tmp_path, dump_citing(["http://a..b/", "http://[::1", "http://" + "a" * 64 + ".com/x"]))
    # Before: an internal error, no audit.json.
    assert proc.returncode == 0 and "internal error" not in proc.stderr, proc.stderr
    warned = [line for line in proc.stderr.splitlines() if "not fetched: not a valid URL" in line]
    assert len(warned) == 3
    arts = json.loads((tmp_path / "r" / "audit.json").read_text())["documents"][0]["articles"]
    assert [a["verification"]["status"] for a in arts] == ["unreachable"] * 3


# -- Item 10: URLs from audited text reach only public addresses.


@pytest.mark.parametrize(
    "address, why",
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata services
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "not public"),  # shared address space (carrier-grade NAT)
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
    ],
)
def test_addresses_that_are_not_public_are_named(address, why):
    assert address_refusal(address) == why


def test_verify_does_not_follow_text_urls_to_local_addresses_without_the_flag(raw_server, tmp_path):
    before = Raw.hits.get("/page", 0)
    proc = audit_verify(tmp_path, dump_citing([raw_server + "/page"]))
    # Before: the hostile dump made the run request the local service.
    assert proc.returncode == 0 and Raw.hits.get("/page", 0) == before, proc.stderr
    assert "refused: 127.0.0.1, a loopback address" in proc.stderr
    proc = audit_verify(tmp_path, dump_citing([raw_server + "/page"]), "--allow-private-addresses")
    assert proc.returncode == 0 and Raw.hits.get("/page", 0) == before + 1, proc.stderr


def test_every_redirect_is_checked_again(raw_server, monkeypatch):
    # Let the first hop (127.0.0.1) pass as if it were public: the redirect to 127.0.0.2 must not.
    monkeypatch.setattr(fetch_module, "address_refusal", lambda a: None if a == "127.0.0.1" else "loopback")
    strict = FetchPolicy(connect_timeout=2, read_timeout=0.5, retries=0, deadline=5)
    with pytest.raises(URLRefused, match=r"refused: 127\.0\.0\.2, a loopback address"):
        get(raw_server + "/to-other-loopback", strict)
    assert Raw.hits.get("/to-other-loopback", 0) >= 1


def test_the_address_connected_to_is_checked_too(raw_server, monkeypatch):
    # A resolver that answers "public" and then connects elsewhere (DNS rebinding) is still caught.
    monkeypatch.setattr(fetch_module._Attempt, "check_host", lambda self, host, port: None)
    strict = FetchPolicy(connect_timeout=2, read_timeout=0.5, retries=0, deadline=5)
    before = Raw.hits.get("/page", 0)
    with pytest.raises(URLRefused, match="loopback"):
        get(raw_server + "/page", strict)
    assert Raw.hits.get("/page", 0) == before  # connected, but not a byte of the request sent


def test_names_are_resolved_before_connecting(raw_server):
    port = raw_server.rsplit(":", 1)[1]
    strict = FetchPolicy(connect_timeout=2, read_timeout=0.5, retries=0, deadline=5)
    assert socket.getaddrinfo("localhost", None)
    with pytest.raises(URLRefused, match="localhost is at .*loopback"):
        get(f"http://localhost:{port}/page", strict)
