"""Replay in a real browser: `akhbar replay` (pywb over our WARC files) and Debian's headless Chromium load an
archived test-web article; its Persian and Arabic titles show, right to left."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from archivekit import archived

from akhbar import replay
from akhbar.settings import Settings
from akhbar.show import article
from akhbar.warehouse.duck import query

pytestmark = pytest.mark.e2e
AKHBAR = str(Path(sys.executable).parent / "akhbar")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def data(testweb, testweb_outlets, tmp_path_factory, fast_crawl) -> Path:
    return archived(testweb, testweb_outlets, tmp_path_factory, fast_crawl)


@pytest.fixture(scope="module")
def server(data):
    """`akhbar replay` as a user starts it; stopped by its process group (it and its pywb child)."""
    port = _free_port()
    proc = subprocess.Popen([AKHBAR, "replay", "--port", str(port), "--data-dir", str(data)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/{replay.COLLECTION}/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGTERM)
                pytest.fail(f"akhbar replay did not come up: {proc.stdout.read().decode(errors='replace')}")
            time.sleep(0.3)
    yield base, port
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


def _article(data: Path, language: str) -> str:
    row = query(data, f"select article_id from articles where language = '{language}' and title is not null "
                      "order by outlet, url limit 1").fetchall()
    assert row, language
    return row[0][0]


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_replayed_article_shows_its_title_right_to_left_in_chromium(data, server, tmp_path, language):
    from playwright.sync_api import sync_playwright

    base, _ = server
    rec = article(data, _article(data, language), replay_base=base)
    assert rec["replay_url"].startswith(f"{base}/akhbar/")
    # the SQL macro gives the same address
    sql_url = query(data, f"select replay_url(warc_file, fetched_at, url, base := '{base}') from articles "
                          f"where article_id = '{rec['article_id']}' order by fetched_at desc limit 1").fetchall()[0][0]
    assert sql_url == rec["replay_url"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(rec["replay_url"], wait_until="load", timeout=60_000)
            # pywb's framed replay: the archived page is the inner frame (…mp_/<url>)
            page.wait_for_function("() => document.querySelector('iframe')", timeout=30_000)
            frame = next(f for f in page.frames if "mp_/" in f.url)
            frame.wait_for_selector("h1", timeout=30_000)
            shown = frame.evaluate("""() => ({dir: document.documentElement.getAttribute('dir'),
                                              text: document.body.innerText,
                                              h1: document.querySelector('h1').innerText.trim(),
                                              direction: getComputedStyle(document.querySelector('h1')).direction})""")
            shot = tmp_path / "replay.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert shown["h1"] == rec["title"].strip()
    assert rec["title"].strip() in shown["text"]
    assert shown["dir"] == "rtl" and shown["direction"] == "rtl"
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000


def test_replay_binds_loopback_only_and_indexes_incrementally(data, server):
    _, port = server
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", port), timeout=2).close()
    settings = Settings(data_dir=data)
    assert replay.pending_warcs(data) == []  # `akhbar replay` indexed every WARC file at start
    assert replay.index_warcs(settings) == 0
    warcs = sorted((data / "warc").glob("day=*/outlet=*/*.warc.gz"))
    newest = warcs[-1]
    os.utime(newest)  # written again (a resumed crawl appends): only that file is indexed again
    assert [w for w, _ in replay.pending_warcs(data)] == [newest]
    assert replay.index_warcs(settings) == 1 and replay.pending_warcs(data) == []
