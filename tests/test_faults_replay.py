"""A hostile archived page replayed (issue 24): `akhbar replay` serves the archived response's active headers
(Refresh, Link: rel=preload, Set-Cookie, WWW-Authenticate, Access-Control-*, Clear-Site-Data) renamed
X-Archive-Orig-*, rewrites a redirect record's Location to a replay address in every mode, answers only its own
host names, and keeps the WARC records as they were. Checked with real HTTP requests and in Debian's headless
Chromium, next to a control run of pywb's stock `wayback` on the same archive."""

from __future__ import annotations

import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import ClassVar

import pytest
from faultkit import report
from test_replay import CHROMIUM, CHROMIUM_FLAGS, _free_port
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from akhbar import replay
from akhbar.settings import Settings

pytestmark = pytest.mark.faults
AKHBAR = str(Path(sys.executable).parent / "akhbar")
TS = "20250107080000"
PAGE = "http://news.example/fa/1"
REDIRECT = "http://news.example/fa/moved"
TITLE = "دولت\u200cها درباره\u200cی برنامه\u200cی تازه گفت\u200cوگو کردند"
#: the host name AKHBAR_REPLAY_URL gives the server (served besides IP addresses and localhost)
OWN_NAME = "akhbar-replay.test"
ACTIVE = ("refresh", "set-cookie", "www-authenticate", "clear-site-data", "access-control-allow-origin",
          "access-control-allow-credentials")


class Internal(http.server.BaseHTTPRequestHandler):
    """An "internal" address the archived page points the browser at: counts every request."""

    hits: ClassVar[Counter] = Counter()

    def do_GET(self) -> None:
        Internal.hits[self.path] += 1
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<h1>internal</h1>")

    def log_message(self, *_) -> None:
        pass


@pytest.fixture(scope="module")
def internal() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Internal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def hostile_headers(internal: str) -> list[tuple[str, str]]:
    return [("Refresh", f"0; url={internal}/refresh"), ("Link", f"<{internal}/preload.js>; rel=preload; as=script"),
            ("Link", f"<{internal}/next>; rel=prerender"), ("Set-Cookie", "session=archived; Path=/"),
            ("WWW-Authenticate", 'Basic realm="archived"'), ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Allow-Credentials", "true"), ("Clear-Site-Data", '"*"')]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory, internal: str) -> Path:
    """A data dir with one WARC file: the hostile page (Persian, right to left) and a redirect to the internal host."""
    data = tmp_path_factory.mktemp("replay-hostile")
    folder = data / "warc" / "day=2025-01-07" / "outlet=fa-payam"
    folder.mkdir(parents=True)
    body = (f'<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{TITLE}</title></head>'
            f"<body><h1>{TITLE}</h1><p>متن خبر</p></body></html>").encode()
    with open(folder / "run-1.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, status, headers, payload in [
            (PAGE, "200 OK", [("Content-Type", "text/html; charset=utf-8"), *hostile_headers(internal),
                              ("Content-Length", str(len(body)))], body),
            (REDIRECT, "302 Found", [("Location", f"{internal}/redirected"), ("Content-Length", "0")], b""),
        ]:
            http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(payload),
                                                          http_headers=http_headers,
                                                          warc_headers_dict={"WARC-Date": "2025-01-07T08:00:00Z"}))
    return data


def _wait_up(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/{replay.COLLECTION}/", timeout=5)
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGTERM)
                pytest.fail(f"replay did not come up: {proc.stdout.read() if proc.stdout else ''}")
            time.sleep(0.3)


@pytest.fixture(scope="module")
def server(data: Path) -> Iterator[str]:
    """`akhbar replay --port 0`: it binds a free port and prints the real address, which is used."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "300", "AKHBAR_REPLAY_URL": f"http://{OWN_NAME}:8090"}
    proc = subprocess.Popen([AKHBAR, "replay", "--port", "0", "--data-dir", str(data)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, start_new_session=True)
    first = proc.stdout.readline()
    found = re.search(r"replay at (http://127\.0\.0\.1:(\d+))/akhbar/<timestamp>/<url>", first)
    assert found and found[2] not in ("0", "8090"), first
    hint = proc.stdout.readline()
    assert f"set AKHBAR_REPLAY_URL={found[1]}" in hint, hint
    _wait_up(found[1], proc)
    yield found[1]
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


def _get(url: str, host: str | None = None) -> tuple[int, list[tuple[str, str]]]:
    """Status and headers (in order, repeated ones kept), redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_):
            return None

    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as resp:
            return resp.status, resp.headers.items()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.items()


MODES = ["", "mp_", "id_", "if_", "js_", "cs_", "im_", "oe_", "fr_"]


@pytest.mark.parametrize("mode", MODES)
def test_active_archived_headers_are_served_renamed(server: str, internal: str, mode: str):
    status, headers = _get(f"{server}/akhbar/{TS}{mode}/{PAGE}")
    assert status == 200
    names = [n.lower() for n, _ in headers]
    assert not set(ACTIVE) & set(names), headers
    links = [v for n, v in headers if n.lower() == "link"]
    assert all("preload" not in v and "prerender" not in v and internal not in v for v in links), links
    if mode:  # the archived response itself (the bare address is pywb's frame around it)
        renamed = {n.lower().removeprefix("x-archive-orig-") for n in names if n.startswith("x-archive-orig-")}
        assert set(ACTIVE) | {"link"} <= renamed, names


@pytest.mark.parametrize("mode", ["mp_", "id_", "if_"])
def test_a_redirect_record_stays_inside_the_archive(server: str, internal: str, mode: str):
    status, headers = _get(f"{server}/akhbar/{TS}{mode}/{REDIRECT}")
    location = dict((n.lower(), v) for n, v in headers)["location"]
    assert status == 302 and location == f"{server}/akhbar/{TS}{mode}/{internal}/redirected"


@pytest.mark.parametrize(("host", "served"), [
    ("evil.example", False), ("evil.example:80", False), ("127.0.0.1.nip.io", False),
    (f"{OWN_NAME}.evil", False), ("localhost", True), ("LOCALHOST.", True), (OWN_NAME, True), ("127.0.0.1", True),
    ("[::1]", True),
])
def test_only_its_own_host_names_are_answered(server: str, host: str, served: bool):
    port = server.rsplit(":", 1)[1]
    for url in (f"{server}/akhbar/", f"{server}/akhbar/{TS}mp_/{PAGE}", f"{server}/akhbar/cdx?url={PAGE}"):
        status, _ = _get(url, host=f"{host}:{port}")
        assert (status == 200) == served and (status == 403) != served, (host, url, status)


def test_the_archive_keeps_the_headers(data: Path, server: str, internal: str):
    [warc] = list((data / "warc").rglob("*.warc.gz"))
    with open(warc, "rb") as f:
        page = next(r for r in ArchiveIterator(f) if r.rec_headers.get_header("WARC-Target-URI") == PAGE)
        assert page.http_headers.headers[1:-1] == hostile_headers(internal)


def _browse(url: str, profile: Path) -> tuple[str, list[dict], list[str]]:
    """Load ``url`` in headless Chromium, wait for the page to settle: the archived frame's h1, cookies, frame URLs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                        args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(url, wait_until="load", timeout=60_000)
            page.wait_for_function("() => document.querySelector('iframe')", timeout=30_000)
            time.sleep(3)  # Refresh: 0 and preloads act within this
            frames = [f.url for f in page.frames]
            inner = next((f for f in page.frames if "mp_/" in f.url), None)
            h1 = inner.evaluate("() => document.querySelector('h1')?.innerText ?? ''") if inner else ""
            return h1, browser.cookies(), frames
        finally:
            browser.close()


def test_in_chromium_the_archived_page_shows_and_sends_the_browser_nowhere(server: str, internal: str,
                                                                         data: Path, tmp_path: Path):
    Internal.hits.clear()
    h1, cookies, frames = _browse(f"{server}/akhbar/{TS}/{PAGE}", tmp_path / "guarded")
    assert h1 == TITLE  # the Persian title, ZWNJ kept
    assert sum(Internal.hits.values()) == 0 and cookies == [] and not any(internal in f for f in frames), \
        (Internal.hits, cookies, frames)
    guarded = sum(Internal.hits.values())
    # control: pywb's stock `wayback` on the same archive and config (written by `akhbar replay`)
    free = _free_port()
    wayback = replay.pywb_tool(Settings(data_dir=data), "wayback")
    proc = subprocess.Popen([str(wayback), "-p", str(free), "-b", "127.0.0.1", "-d", str(replay.replay_dir(data))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_up(f"http://127.0.0.1:{free}", proc)
        Internal.hits.clear()
        _, stock_cookies, stock_frames = _browse(f"http://127.0.0.1:{free}/akhbar/{TS}/{PAGE}", tmp_path / "stock")
        stock = sum(Internal.hits.values())
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    assert stock > 0, (Internal.hits, stock_cookies, stock_frames)  # the test sees the attack where it works
    report("hostile archived headers in the browser", "Refresh, Link preload/prerender, Set-Cookie, WWW-Authenticate, "
           "CORS, Clear-Site-Data on a replayed page", f"{guarded} requests to the internal host, {len(cookies)} "
           f"cookies (stock pywb: {stock} request(s): {', '.join(Internal.hits)})", 1)
