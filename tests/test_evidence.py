"""Evidence packages (issue 29) from a night of the test web crawled twice for two outlets: a WACZ of a range and
of one article, checked by py-wacz's `wacz validate`, opened by pywb and replayed right to left in headless
Chromium; every capture of an article in the package and in pywb's TimeMap; `akhbar show`'s citation line;
signatures made with keys made here (akhbar keygen, openssl), an RFC 3161 timestamp from a local server; a flipped
byte anywhere fails `akhbar verify`; bad input is one error line and writes nothing."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from services import free_port, wait_until
from tsastub import TimestampServer, make_authority
from warcio.archiveiterator import ArchiveIterator
from weblake import DAY

from akhbar.crawler.warc import KIND_HEADER
from akhbar.evidence import export_article, export_range, signing
from akhbar.evidence.verify import NotVerified, verify
from akhbar.settings import Settings
from akhbar.show import article
from akhbar.warehouse.duck import query

pytestmark = pytest.mark.e2e
BIN = Path(sys.executable).parent
AKHBAR = str(BIN / "akhbar")
WACZ_TOOL = BIN.parent / "wacz" / "bin" / "wacz"
PYWB = BIN.parent / "pywb" / "bin"
REPLAYWEBPAGE = BIN.parent / "replaywebpage"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: outlets crawled a second time with --refetch: each of their articles has two captures
REFETCHED = ["fa-payam", "ar-wadi"]
PACKAGE_FILES = ["archive/akhbar-00000.warc.gz", "indexes/index.cdx", "pages/pages.jsonl", "datapackage.json",
                 "datapackage-digest.json"]


def akhbar(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "1000", **(env or {})}
    full.pop("AKHBAR_DATA_DIR", None)
    return subprocess.run([AKHBAR, *args], capture_output=True, text=True, env=full, timeout=300)


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


@pytest.fixture(scope="module")
def data(testweb, testweb_outlets, tmp_path_factory, fast_crawl) -> Path:
    from akhbar.pipeline import dedup_day, run_day

    data = tmp_path_factory.mktemp("evidence")
    assert all(r.ok for r in run_day(DAY, data, None, folder=testweb_outlets, overrides=fast_crawl))
    assert all(r.ok for r in run_day(DAY, data, REFETCHED, folder=testweb_outlets, overrides=fast_crawl,
                                     refetch=True))
    dedup_day(DAY, data, folder=testweb_outlets)
    return data


@pytest.fixture(scope="module")
def settings(data) -> Settings:
    return Settings(data_dir=data)


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> dict[str, Path]:
    """A key from `akhbar keygen`, one from openssl (SEC1 PEM, P-384), and one for someone else."""
    folder = tmp_path_factory.mktemp("keys")
    made = akhbar("keygen", "-o", str(folder / "ours.pem"))
    assert made.returncode == 0, made.stderr
    assert (folder / "ours.pub").exists() and oct((folder / "ours.pem").stat().st_mode & 0o777) == "0o600"
    subprocess.run(["openssl", "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out",
                    str(folder / "openssl.pem")], check=True, capture_output=True)
    subprocess.run(["openssl", "ec", "-in", str(folder / "openssl.pem"), "-pubout", "-out",
                    str(folder / "openssl.pub")], check=True, capture_output=True)
    signing.generate_key(folder / "other.pem")
    return {"ours": folder / "ours.pem", "ours.pub": folder / "ours.pub", "openssl": folder / "openssl.pem",
            "openssl.pub": folder / "openssl.pub", "other": folder / "other.pem", "other.pub": folder / "other.pub"}


def _pages(package: Path) -> list[dict]:
    with zipfile.ZipFile(package) as zf:
        lines = zf.read("pages/pages.jsonl").decode("utf-8").splitlines()
    assert json.loads(lines[0])["format"] == "json-pages-1.0"
    return [json.loads(line) for line in lines[1:]]


def _records(package: Path) -> list[tuple[str, dict[str, str]]]:
    with zipfile.ZipFile(package) as zf, zf.open("archive/akhbar-00000.warc.gz") as warc:
        return [(r.rec_type, dict(r.rec_headers.headers)) for r in ArchiveIterator(warc)]


def _wacz_validate(package: Path) -> str:
    done = subprocess.run([str(WACZ_TOOL), "validate", "-f", str(package)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0 and "Validation succeeded" in done.stdout, done.stdout + done.stderr
    return done.stdout


def _article_of(data: Path, outlet: str) -> str:
    return query(data, f"select article_id from articles where outlet = '{outlet}' and title is not null "
                       "order by url limit 1").fetchall()[0][0]


# -- the range package ----------------------------------------------------------------------------

def test_range_package_carries_one_outlet_day_byte_for_byte_and_validates(data, settings, tmp_path):
    out = tmp_path / "یک روز.wacz"
    written = export_range(settings, out, start=DAY, end=DAY, outlets=["fa-sepehr"])
    with zipfile.ZipFile(out) as zf:
        assert zf.namelist() == PACKAGE_FILES
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        index = zf.read("indexes/index.cdx").splitlines()
        warc = zf.read("archive/akhbar-00000.warc.gz")
        package = json.loads(zf.read("datapackage.json"))
    rows = query(data, "select article_id, title, url, warc_file, warc_offset, warc_record_id from articles "
                       f"where outlet = 'fa-sepehr' and day = '{DAY}'").fetchall()
    pages = _pages(out)
    assert written.pages == len(pages) == len(rows) > 0
    assert {(p["article_id"], p["title"], p["url"], p["warc_record_id"]) for p in pages} == \
        {(r[0], r[1], r[2], r[5]) for r in rows}
    assert all(p["ts"].endswith("Z") and p["outlet"] == "fa-sepehr" and p["status"] == 200 for p in pages)
    # only this outlet's records: the articles' responses and requests, each source file's warcinfo, ours
    # and the lead images and stylesheet the crawl fetched for them (crawler.requisites): records, not pages
    records = _records(out)
    kinds = {h["WARC-Record-ID"]: h.get(KIND_HEADER) for t, h in records if t == "response"}
    assert {rid for rid, kind in kinds.items() if kind != "requisite"} == {r[5] for r in rows}
    requisites = sum(kind == "requisite" for kind in kinds.values())
    assert requisites > 0
    assert sum(t == "request" for t, _ in records) == len(rows) + requisites
    hosts = {urlsplit(r[2]).netloc for r in rows}
    assert all(urlsplit(h["WARC-Target-URI"]).netloc in hosts for t, h in records if t in ("response", "request"))
    assert records[0][1].get("WARC-Filename") == "akhbar-00000.warc.gz"
    # the index is pywb's, sorted, and each line's bytes are the archive's record, unchanged
    assert index == sorted(index) and len(index) == len(rows) + requisites
    sources = b"".join((data / f).read_bytes() for f in sorted({r[3] for r in rows}))
    for line in index:
        fields = json.loads(line.split(b" ", 2)[2])
        start, length = int(fields["offset"]), int(fields["length"])
        row = next((r for r in rows if r[2] == fields["url"]), None)
        if row is None:  # a requisite: somewhere in the source files, unchanged
            assert warc[start:start + length] in sources, fields["url"]
            continue
        with open(data / row[3], "rb") as source:
            source.seek(row[4])
            assert warc[start:start + length] == source.read(length)
    assert package["wacz_version"] == "1.1.1" and package["akhbar"]["outlets"] == ["fa-sepehr"]
    assert package["software"].startswith("akhbar ")
    _wacz_validate(out)


def test_pywb_replays_persian_and_arabic_pages_from_the_package_right_to_left(data, settings, tmp_path):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "day.wacz"
    export_range(settings, out, start=DAY, end=DAY)
    pages = _pages(out)
    root = tmp_path / "pywb"
    root.mkdir()
    for step in (["init", "evidence"], ["add", "--unpack-wacz", "evidence", str(out)]):
        done = subprocess.run([str(PYWB / "wb-manager"), *step], cwd=root, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(PYWB / "wayback"), "-b", "127.0.0.1", "-p", str(port)], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/evidence"
    try:
        wait_until("pywb", lambda: urllib.request.urlopen(f"{base}/", timeout=2), timeout=60, proc=server)
        with sync_playwright() as pw:
            browser = pw.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM,
                                                            headless=True, args=CHROMIUM_FLAGS)
            try:
                for outlet, language in (("fa-payam", "fa"), ("ar-wadi", "ar")):
                    page_line = next(p for p in pages if p.get("outlet") == outlet and p.get("title"))
                    assert page_line["language"] == language
                    stamp = "".join(ch for ch in page_line["ts"] if ch.isdigit())[:14]
                    page = browser.new_page()
                    page.goto(f"{base}/{stamp}/{page_line['url']}", wait_until="load", timeout=60_000)
                    page.wait_for_function("() => document.querySelector('iframe')", timeout=30_000)
                    frame = next(f for f in page.frames if "mp_/" in f.url)
                    frame.wait_for_selector("h1", timeout=30_000)
                    shown = frame.evaluate("""() => ({dir: document.documentElement.getAttribute('dir'),
                        h1: document.querySelector('h1').innerText.trim(),
                        direction: getComputedStyle(document.querySelector('h1')).direction,
                        colour: getComputedStyle(document.querySelector('h1')).color})""")
                    page.screenshot(path=str(tmp_path / f"{language}.png"))
                    assert shown["h1"] == page_line["title"].strip(), language
                    assert shown["dir"] == "rtl" and shown["direction"] == "rtl", language
                    # the page's stylesheet (testweb/requisites.py) came from the package, and its lead image
                    assert shown["colour"] == "rgb(128, 0, 0)", language
                    assert frame.evaluate(LEAD_IMAGE_WIDTH) > 0, language
            finally:
                browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


#: the lead image of a replayed page loaded: the page's own <img> in its article when it shows one (ar-wadi), else
#: its og:image asked for from inside the replayed page (pywb's client side rewrites it to the archived capture)
LEAD_IMAGE_WIDTH = """async () => {
    const shown = document.querySelector('article img, figure img, .wysiwyg img');
    const img = shown || new Image();
    if (!shown) img.src = document.querySelector('meta[property="og:image"]').content;
    if (!img.complete || !img.naturalWidth) await new Promise((done) => { img.onload = img.onerror = done; });
    return img.naturalWidth;
}"""


def test_lead_images_and_stylesheets_are_archived_logged_apart_and_packaged(data, settings, tmp_path):
    """The crawl fetched each article's lead image and the stylesheet once per run, into the same WARC files,
    logged kind requisite; none is an article row; one article's package carries them, as records, not pages."""
    from akhbar.crawler.crawllog import read_logs
    from akhbar.evidence.records import requisite_offsets

    wadi = [r for r in read_logs(data, DAY.isoformat(), "ar-wadi")]
    requisites = [r for r in wadi if r["kind"] == "requisite"]
    assert requisites and all(r["outcome"] == "ok" and r["status"] == 200 and r["warc_file"] for r in requisites)
    urls = [r["url"] for r in requisites]
    assert any("/images/" in u for u in urls) and any(u.endswith("/static/site.css") for u in urls)
    for run in {r["run_id"] for r in requisites}:  # once a run, however many pages name it
        in_run = [r["url"] for r in requisites if r["run_id"] == run]
        assert len(in_run) == len(set(in_run)) and sum(u.endswith("/site.css") for u in in_run) == 1
    articles = {r["url"] for r in wadi if r["kind"] == "article" and r["outcome"] == "ok"}
    assert len(requisites) <= 3 * len(articles)
    assert not query(data, "select url from articles where url like '%/images/%' or url like '%/static/%'").fetchall()
    assert requisite_offsets(data, requisites[0]["warc_file"])
    # akhbar summary counts pages, as the quality gate does: the outlet's fetches are its latest run's other lines
    from akhbar.warehouse.duck import summary

    row = summary(data, first=DAY, last=DAY, outlets=["ar-wadi"]).fetchall()
    (fetches,) = query(data, f"select count(*) from crawl_log where outlet = 'ar-wadi' and day = '{DAY}' and kind <> "
                             "'requisite' and run_id = (select max(run_id) from crawl_log where outlet = 'ar-wadi' "
                             f"and day = '{DAY}' and run_id <> 'extract') or (outlet = 'ar-wadi' and day = '{DAY}' "
                             "and run_id = 'extract')").fetchall()[0]
    assert len(row) == 1 and row[0][5] == fetches
    out = tmp_path / "خبر.wacz"
    export_article(settings, _article_of(data, "ar-wadi"), out)
    with zipfile.ZipFile(out) as zf:
        index = zf.read("indexes/index.cdx").decode()
    assert "/images/" in index and "/static/site.css" in index
    assert all("/images/" not in p["url"] and "/static/" not in p["url"] for p in _pages(out))
    assert verify(out).pages == len(_pages(out))


class _RangeHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    """Static files with HTTP Range requests, as ReplayWeb.page reads a WACZ (a piece at a time)."""

    def send_head(self):
        path = self.translate_path(self.path.split("?")[0])
        asked = self.headers.get("Range", "")
        if not asked.startswith("bytes=") or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first, _, last = asked.removeprefix("bytes=").partition("-")
        start = int(first) if first else max(0, size - int(last))  # "-N": the last N bytes, at most the file
        end = min(int(last), size - 1) if first and last else size - 1
        with open(path, "rb") as fh:
            fh.seek(start)
            body = fh.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        import io

        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


def test_replaywebpage_replays_the_signed_package_and_its_browser_check_holds(signed, tmp_path):
    """ReplayWeb.page (its own service worker, reading the file by ranges) replays the Arabic page right to left
    and reads our signature; the check it makes (WebCrypto: the key imported as ECDSA P-384, SHA-256 over the
    hash text) passes in Chromium, and fails for another hash."""
    from functools import partial
    from http.server import ThreadingHTTPServer
    from threading import Thread
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    if not (REPLAYWEBPAGE / "sw.js").exists():
        pytest.skip("ReplayWeb.page is not installed (make install fetches it with npm)")
    site = tmp_path / "site"
    site.mkdir()
    for name in ("index.html", "ui.js", "sw.js"):
        (site / name).symlink_to(REPLAYWEBPAGE / name)
    (site / "signed.wacz").write_bytes(signed.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_RangeHandler, directory=str(site)))
    Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    page_line = _pages(signed)[-1]
    digest = json.loads(zipfile.ZipFile(signed).read("datapackage-digest.json"))
    stamp = "".join(ch for ch in page_line["ts"] if ch.isdigit())[:14]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM,
                                                            headless=True, args=CHROMIUM_FLAGS)
            try:
                page = browser.new_page()
                page.goto(f"{base}/index.html?source={quote(base + '/signed.wacz', safe='')}#view=replay"
                          f"&url={quote(page_line['url'], safe='')}&ts={stamp}", wait_until="load", timeout=60_000)
                deadline = time.monotonic() + 60
                while not any("mp_/" in f.url for f in page.frames):
                    assert time.monotonic() < deadline, [f.url for f in page.frames]
                    page.wait_for_timeout(500)  # not time.sleep: Playwright learns of new frames only while waiting
                frame = next(f for f in page.frames if "mp_/" in f.url)
                frame.wait_for_selector("h1", timeout=30_000)
                shown = frame.evaluate("""() => ({dir: document.documentElement.getAttribute('dir'),
                    h1: document.querySelector('h1').innerText.trim()})""")
                collection = frame.url.split("/w/")[1].split("/")[0]
                read = page.evaluate("async (c) => (await (await fetch(`/w/api/c/${c}?all=1`)).json()).verify",
                                     collection)
                check = """async ([signed, hash]) => {
                    const bytes = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
                    const key = await crypto.subtle.importKey("spki", bytes(signed.publicKey),
                        {name: "ECDSA", namedCurve: "P-384"}, true, ["verify"]);
                    return await crypto.subtle.verify({name: "ECDSA", hash: "SHA-256"}, key,
                        bytes(signed.signature), new TextEncoder().encode(hash));
                }"""
                signed_data = digest["signedData"]
                holds = page.evaluate(check, [signed_data, signed_data["hash"]])
                wrong = signed_data["hash"][:-1] + ("1" if signed_data["hash"].endswith("0") else "0")
                other = page.evaluate(check, [signed_data, wrong])  # its last digit changed (1 in 16 end in 0)
                page.screenshot(path=str(tmp_path / "replaywebpage.png"))
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert shown == {"dir": "rtl", "h1": page_line["title"].strip()}
    assert read["publicKey"] == signed_data["publicKey"] and read["datapackageHash"] == digest["hash"]
    assert read["software"].startswith("akhbar ")
    assert holds is True and other is False


# -- one article, every capture ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def replay_server(data):
    """`akhbar replay` on the archive (its TimeMap is the reference for every capture we hold)."""
    port = free_port()
    proc = subprocess.Popen([AKHBAR, "replay", "--port", str(port), "--data-dir", str(data)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until("akhbar replay", lambda: urllib.request.urlopen(f"{base}/akhbar/", timeout=2), timeout=90,
                   proc=proc)
    except RuntimeError as exc:
        os.killpg(proc.pid, signal.SIGTERM)
        pytest.fail(f"akhbar replay did not come up: {exc}")
    yield base
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


@pytest.mark.parametrize("outlet", REFETCHED)
def test_evidence_holds_every_capture_the_timemap_lists_and_show_cites_it(data, settings, replay_server, tmp_path,
                                                                         outlet):
    article_id = _article_of(data, outlet)
    out = tmp_path / f"{article_id}.wacz"
    done = akhbar("evidence", article_id, "-o", str(out), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    pages = _pages(out)
    assert len(pages) >= 2 and {p["article_id"] for p in pages} == {article_id}
    assert len({p["warc_record_id"] for p in pages}) == len(pages)
    assert sum(p["in_lake"] for p in pages) == 1  # the lake keeps the newest capture; the WARC files keep all
    rec = article(data, article_id, replay_base=replay_server)
    with urllib.request.urlopen(rec["timemap_url"], timeout=30) as answer:
        timemap = answer.read().decode()
    listed = sorted(line.split('datetime="')[1].split('"')[0] for line in timemap.splitlines() if "datetime=" in line)
    from email.utils import parsedate_to_datetime

    assert sorted(f"{parsedate_to_datetime(d):%Y%m%d%H%M%S}" for d in listed) == \
        sorted("".join(ch for ch in p["ts"] if ch.isdigit())[:14] for p in pages)
    # the citation line: outlet, «title», published, captured, URL, replay address, this package's SHA-256
    digest = signing.hashlib.sha256(out.read_bytes()).hexdigest()
    assert rec["citation"] == (f"{outlet}. «{' '.join(rec['title'].split())}». published "
                               f"{rec['published_at']:%Y-%m-%dT%H:%M:%SZ}. captured "
                               f"{rec['captured_at']:%Y-%m-%dT%H:%M:%SZ}. {rec['url']}. archived "
                               f"{rec['replay_url']}. WACZ sha256:{digest}.")
    shown = akhbar("show", article_id, "--data-dir", str(data), env={"AKHBAR_REPLAY_URL": replay_server})
    assert shown.returncode == 0, shown.stderr
    assert f"cite: {rec['citation']}" in shown.stdout and f"timemap: {rec['timemap_url']}" in shown.stdout
    assert json.loads(zipfile.ZipFile(out).read("datapackage.json"))["mainPageUrl"] == rec["url"]
    _wacz_validate(out)


# -- signatures and verification ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def signed(data, settings, keys, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("signed") / "signed.wacz"
    done = akhbar("evidence", _article_of(data, "ar-wadi"), "-o", str(out), "--key", str(keys["ours"]),
                  "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    return out


def test_signed_package_verifies_with_its_key_only(signed, keys, tmp_path):
    ok = akhbar("verify", str(signed), "--public-key", str(keys["ours.pub"]))
    assert ok.returncode == 0, ok.stderr
    fingerprint = signing.fingerprint(signing.load_public_key(keys["ours.pub"]))
    assert f"signed with key {fingerprint} (the key you gave)" in ok.stdout
    assert "every byte of the ZIP checked" in ok.stdout
    bare = akhbar("verify", str(signed))
    assert bare.returncode == 0 and fingerprint in bare.stdout and "--public-key" in bare.stdout
    wrong = akhbar("verify", str(signed), "--public-key", str(keys["other.pub"]))
    assert wrong.returncode == 1 and "not verified" in wrong.stderr and "not with the key you gave" in wrong.stderr
    _wacz_validate(signed)  # py-wacz reads our signedData (created == datapackage.json's)


def test_openssl_key_signs_and_verifies(data, settings, keys, tmp_path):
    out = tmp_path / "openssl.wacz"
    written = export_article(settings, _article_of(data, "fa-payam"), out, key=keys["openssl"])
    report = verify(out, public_key=keys["openssl.pub"])
    assert report.signed.key_matches and report.signed.fingerprint == written.signed_by
    assert report.sha256 == written.sha256 and report.pages == written.pages


def _flip(package: bytes, at: int, mask: int, where: Path) -> None:
    changed = bytearray(package)
    changed[at] ^= mask
    where.write_bytes(bytes(changed))


def test_a_flipped_byte_anywhere_fails_verification(signed, keys, tmp_path):
    """Every byte outside the WARC data (headers, index, pages, datapackage, digest and signature) one bit at a
    time, and every 13th byte of the WARC data all bits at once."""
    package = signed.read_bytes()
    warc = zipfile.ZipFile(signed).getinfo("archive/akhbar-00000.warc.gz")
    warc_start = warc.header_offset + 30 + len(warc.filename)
    warc_end = warc_start + warc.file_size
    positions = [(i, 0x01) for i in range(len(package)) if not warc_start <= i < warc_end]
    positions += [(i, 0xFF) for i in range(warc_start, warc_end, 13)]
    changed = tmp_path / "changed.wacz"
    missed = []
    for at, mask in positions:
        _flip(package, at, mask, changed)
        try:
            verify(changed, public_key=keys["ours.pub"])
            missed.append(at)
        except NotVerified:
            pass
    assert not missed, f"flips not detected at {missed[:20]}"
    _flip(package, warc_start + 100, 0x01, changed)
    proc = akhbar("verify", str(changed))
    assert proc.returncode == 1 and "not verified" in proc.stderr and "archive/akhbar-00000.warc.gz" in proc.stderr


def test_a_package_changed_and_signed_again_shows_another_key(signed, keys, tmp_path):
    """Whoever changes a package can sign it again with a key of their own: it verifies as a package, under that
    key; checked against the signer's public key it fails."""
    from akhbar.evidence.zipstore import StoredZip

    with zipfile.ZipFile(signed) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    pages = files["pages/pages.jsonl"].replace("«".encode(), b"").replace(b'"title": "', b'"title": "FORGED ')
    package = json.loads(files["datapackage.json"])
    for resource in package["resources"]:
        if resource["path"] == "pages/pages.jsonl":
            resource.update(hash="sha256:" + signing.hashlib.sha256(pages).hexdigest(), bytes=len(pages))
    files["pages/pages.jsonl"] = pages
    files["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2).encode()
    digest = {"path": "datapackage.json",
              "hash": "sha256:" + signing.hashlib.sha256(files["datapackage.json"]).hexdigest()}
    forger = signing.Signer(signing.load_private_key(keys["other"]), software=package["software"],
                            version=package["software"].split(" ")[-1])
    digest["signedData"] = forger.sign(digest["hash"], package["created"])
    files["datapackage-digest.json"] = json.dumps(digest, indent=2).encode()
    forged = tmp_path / "forged.wacz"
    with open(forged, "wb") as fh:
        out = StoredZip(fh)
        for name, content in files.items():
            out.add_bytes(name, content)
        out.close()
    report = verify(forged)
    assert report.signed.fingerprint == forger.fingerprint != signing.fingerprint(
        signing.load_public_key(keys["ours.pub"]))
    with pytest.raises(NotVerified, match="not with the key you gave"):
        verify(forged, public_key=keys["ours.pub"])


def test_rfc3161_timestamp_from_a_local_server(data, settings, keys, tmp_path):
    root = make_authority(tmp_path / "tsa")
    stranger = make_authority(tmp_path / "stranger", "خادم آخر")
    article_id = _article_of(data, "fa-payam")
    with TimestampServer(tmp_path / "tsa") as url:
        carried = tmp_path / "carried.wacz"
        written = export_article(settings, article_id, carried, key=keys["ours"], tsa=url, tsa_ca=root)
        bare = tmp_path / "bare.wacz"
        done = akhbar("evidence", article_id, "-o", str(bare), "--key", str(keys["ours"]), "--tsa", url,
                      "--data-dir", str(data))
        assert done.returncode == 0 and "timestamped" in done.stderr, done.stderr
    # the root came with the package: the token's signature is checked; trusting that root is the reader's call
    report = verify(carried, public_key=keys["ours.pub"])
    assert report.signed.tsa_checked == "self" and "اختبار ختم زمني" in report.signed.tsa
    assert abs((report.signed.timestamp - signing._utc(report.created)).total_seconds()) < 60
    assert f"{report.signed.timestamp:%Y-%m-%dT%H:%M:%SZ}" == written.timestamp
    assert verify(carried, tsa_ca=root).signed.tsa_checked == "root"
    with pytest.raises(NotVerified, match="timestamp does not hold"):
        verify(carried, tsa_ca=stranger)
    # the server sent its own certificate only: without its root the token cannot be checked
    with pytest.raises(NotVerified, match="--tsa-ca"):
        verify(bare)
    assert verify(bare, tsa_ca=root).signed.tsa_checked == "root"
    shown = akhbar("verify", str(carried), "--tsa-ca", str(root))
    assert shown.returncode == 0 and "timestamped" in shown.stdout and "chained to the root you gave" in shown.stdout
    _wacz_validate(carried)
    # every byte of the digest (signature, token, certificates) one bit at a time
    package = carried.read_bytes()
    info = zipfile.ZipFile(carried).getinfo("datapackage-digest.json")
    start = info.header_offset + 30 + len(info.filename)
    changed = tmp_path / "changed.wacz"
    missed = []
    for at in range(start, start + info.file_size):
        _flip(package, at, 0x01, changed)
        try:
            verify(changed)
            missed.append(at - start)
        except NotVerified:
            pass
    assert not missed, f"flips in datapackage-digest.json not detected at {missed[:20]}"


# -- bad input ----------------------------------------------------------------------------------------

def test_bad_input_is_one_error_line_and_writes_nothing(data, keys, tmp_path):
    article_id = _article_of(data, "fa-payam")
    ed25519 = tmp_path / "ed.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(ed25519)], check=True)
    p256 = tmp_path / "p256.pem"  # a curve ReplayWeb.page does not verify
    subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", str(p256)], check=True)
    out = tmp_path / "out.wacz"
    d = ["--data-dir", str(data)]
    cases = {
        "not .wacz": (["export", "--format", "wacz", "-o", str(tmp_path / "out.zip"), *d], ".wacz"),
        "stdout": (["export", "--format", "wacz", "-o", "-", *d], "standard output"),
        "no key file": (["evidence", article_id, "-o", str(out), "--key", str(tmp_path / "nope.pem"), *d],
                        "does not exist"),
        "ed25519": (["evidence", article_id, "-o", str(out), "--key", str(ed25519), *d], "P-384"),
        "P-256": (["evidence", article_id, "-o", str(out), "--key", str(p256), *d], "is a secp256r1 key"),
        "public key as key": (["evidence", article_id, "-o", str(out), "--key", str(keys["ours.pub"]), *d],
                              "not a PEM private key"),
        "tsa without key": (["evidence", article_id, "-o", str(out), "--tsa", "http://127.0.0.1:9/", *d], "--key"),
        "tsa not http": (["evidence", article_id, "-o", str(out), "--key", str(keys["ours"]), "--tsa",
                          "ftp://127.0.0.1/", *d], "http(s)"),
        "tsa down": (["evidence", article_id, "-o", str(out), "--key", str(keys["ours"]), "--tsa",
                      "http://127.0.0.1:9/", *d], "could not be reached"),
        "key with csv": (["export", "--table", "articles", "--format", "csv", "-o", str(tmp_path / "a.csv"),
                          "--key", str(keys["ours"]), *d], "--format wacz"),
        "csv without table": (["export", "--format", "csv", "-o", str(tmp_path / "a.csv"), *d], "--table"),
        "duplicates as wacz": (["export", "--format", "wacz", "--table", "duplicates", "-o", str(out), *d],
                               "articles"),
        "unknown article": (["evidence", "0000000000000000", "-o", str(out), *d], "no article"),
        "inside the data dir": (["evidence", article_id, "-o", str(data / "warc" / "x.wacz"), *d], "stored data"),
        "nothing in range": (["export", "--format", "wacz", "-o", str(out), "--from", "2024-01-01", "--to",
                              "2024-01-02", *d], "nothing to export"),
    }
    from typer.testing import CliRunner

    from akhbar.cli import app

    runner = CliRunner()
    for name, (args, expected) in cases.items():  # in this process: the same command, without a start each
        result = runner.invoke(app, args, env={"COLUMNS": "1000", "NO_COLOR": "1"})
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("error: "), (name, result.output)
        assert expected in lines[0], (name, lines[0])
    no_pywb = one_error_line(akhbar("evidence", article_id, "-o", str(out), *d,
                                    env={"AKHBAR_PYWB_BIN": str(tmp_path / "no-pywb")}))
    assert "AKHBAR_PYWB_BIN" in no_pywb
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ed.pem", "p256.pem"], "something was written"
    assert not (data / "warc" / "x.wacz").exists()
    # keygen never overwrites a key; verify: a missing file is bad input, a file that is no package fails
    before = keys["ours"].read_bytes()
    assert "exists" in one_error_line(akhbar("keygen", "-o", str(keys["ours"])))
    assert keys["ours"].read_bytes() == before
    assert "does not exist" in one_error_line(akhbar("verify", str(tmp_path / "none.wacz")))
    ed = akhbar("verify", str(ed25519))
    assert ed.returncode == 1 and ed.stderr.startswith("not verified:")
