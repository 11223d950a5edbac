"""fetch and verify against a real HTTP server this test starts on 127.0.0.1 (no mocks)."""

import contextlib
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from auditor.net.fetch import FetchError, FetchPolicy, fetch, make_session
from conftest import FIXTURES, run_cli

SOURCE = (FIXTURES / "html" / "clean_page.html").read_bytes()
ARABIC = "<html><head><title>الميليشيات تغلق الطريق</title></head><body><h1>الميليشيات تغلق الطريق</h1><p>نص</p></body></html>"
LATIN = '<html><head><meta charset="windows-1252"><title>Café</title></head><body><h1>Café crème in Erbil</h1></body></html>'


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()

    def log_message(self, *args):  # keep test output quiet
        pass

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        # The client may give up (timeouts, size limits): that is the point of those tests.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        n = Handler.hits[path] = Handler.hits[path] + 1
        if path in ("/ok", "/source"):
            self.send(200, SOURCE)
        elif path == "/missing":
            self.send(404, b"gone")
        elif path == "/flaky":
            self.send(500, b"oops") if n == 1 else self.send(200, SOURCE)
        elif path == "/busy":
            self.send(429, b"slow down", headers=[("Retry-After", "1")]) if n == 1 else self.send(200, SOURCE)
        elif path == "/slow":
            time.sleep(1.5)
            self.send(200, SOURCE)
        elif path == "/loop":
            self.send(302, headers=[("Location", "/loop")])
        elif path == "/big":
            self.send(200, b"<html>" + b"x" * 300_000)
        elif path == "/chunked-big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the size shows only while reading
            try:
                for _ in range(40):
                    self.wfile.write(b"y" * 10_000)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4", ctype="application/pdf")
        elif path == "/arabic":
            self.send(200, ARABIC.encode("windows-1256"), ctype="text/html; charset=windows-1256")
        elif path == "/latin":
            self.send(200, LATIN.encode("cp1252"), ctype="text/html")
        else:
            self.send(404)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


# The servers here listen on 127.0.0.1: every policy and command below allows private addresses.
POLICY = FetchPolicy(
    connect_timeout=2, read_timeout=0.5, retries=2, backoff=0.05, max_bytes=100_000, max_redirects=3, allow_private=True
)


def get(server, path, policy=POLICY):
    return fetch(make_session(policy), server + path, policy)


def test_ok(server):
    got = get(server, "/ok")
    assert got.status == 200 and "Militias close the road" in got.html and got.sha256
    assert got.sidecar()["final_url"].endswith("/ok")


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/missing", "HTTP 404"),
        ("/loop", "redirects"),
        ("/big", "the limit is 100,000"),
        ("/chunked-big", "larger than the limit"),
        ("/pdf", "not an HTML page"),
        ("/slow", "timed out"),
    ],
)
def test_failures_have_plain_reasons(server, path, reason):
    with pytest.raises(FetchError, match=reason):
        get(server, path)


def test_server_error_then_success_is_retried(server):
    assert get(server, "/flaky").status == 200
    assert Handler.hits["/flaky"] == 2


def test_429_honours_retry_after(server):
    started = time.monotonic()
    assert get(server, "/busy").status == 200
    assert Handler.hits["/busy"] == 2 and time.monotonic() - started >= 0.9


def test_charsets_from_header_and_meta(server):
    assert "الميليشيات" in get(server, "/arabic").html
    assert "Café crème" in get(server, "/latin").html


def test_fetch_command_saves_page_and_sidecar(server, tmp_path):
    out = tmp_path / "pages"
    proc = run_cli(
        "fetch", server + "/ok", server + "/missing", "--out", str(out), "--allow-private-addresses", timeout=60
    )
    assert proc.returncode == 2 and "/missing: HTTP 404" in proc.stderr and "Traceback" not in proc.stderr
    [sidecar] = out.glob("*.json")
    meta = json.loads(sidecar.read_text())
    assert meta["status"] == 200 and meta["url"] == server + "/ok" and meta["fetched_at"]
    assert sidecar.with_suffix(".html").read_bytes() == SOURCE


def test_verify_confirms_differs_and_unreachable_and_caches(server, tmp_path):
    dump = tmp_path / "d.txt"
    dump.write_text(
        "Antichrist’s men close the road to Basra port\n\nMilitias close the road to Basra port\n\n"
        "Armed groups set up checkpoints on Monday, officials said.\n\n"
        "Beast closes the road to Basra port\n\nGunmen shut the road to the port\n\n"
        "Armed groups set up checkpoints on Monday, officials said.\n\n"
        "Antichrist visits Basra port\n\nMinister visits Basra port\n\nThe minister toured the port on Monday, his office said.\n",
        encoding="utf-8",
    )
    smap = tmp_path / "map.csv"
    smap.write_text(f"file,line,url\nd.txt,1,{server}/source\nd.txt,7,{server}/source\nd.txt,13,{server}/missing\n")
    args = [
        "audit",
        str(dump),
        "--out",
        str(tmp_path / "r"),
        "--format",
        "json,md",
        "--fail-on",
        "never",
        "--verify",
        "--source-map",
        str(smap),
        "--allow-private-addresses",
    ]
    before = Handler.hits["/source"]
    assert run_cli(*args).returncode == 0
    arts = json.loads((tmp_path / "r" / "audit.json").read_text())["documents"][0]["articles"]
    states = [a["verification"]["status"] for a in arts]
    assert states == ["confirmed", "differs", "unreachable"]
    assert arts[1]["verification"]["source_headline"] == "Militias close the road to Basra port"
    assert "HTTP 404" in arts[2]["verification"]["reason"]
    assert Handler.hits["/source"] == before + 1  # fetched once, then served from the cache
    assert run_cli(*args).returncode == 0
    assert Handler.hits["/source"] == before + 1  # the rerun fetches nothing it has
    note = next((tmp_path / "r" / "d").glob("02-*.md")).read_text()  # the second article
    assert "**differs**" in note and "Gunmen shut the road to the port" in note


def test_bad_source_map_is_one_line(tmp_path):
    smap = tmp_path / "map.csv"
    smap.write_text("file,line,url\nd.txt,one,http://127.0.0.1:9/x\n")
    proc = run_cli("audit", str(FIXTURES / "traps"), "--out", str(tmp_path / "r"), "--source-map", str(smap))
    assert (
        proc.returncode == 2
        and f"{smap}:2: expected columns file,line,url" in proc.stderr
        and "Traceback" not in proc.stderr
    )
