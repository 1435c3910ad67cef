"""A local web-archive stack over loopback, for back-fill tests: pywb standing in for the Wayback Machine, and a
Common-Crawl-like server (an index server API and WARC files served with HTTP ``Range``).

Both serve the same captures: WARC response records of the test web (e.g. a live crawl's own WARC files),
re-dated into the day they belong to, so the archives hold days the live test web may have forgotten.
Each server records the time of every request it gets (``requests``) and can be told to fail the next
requests of a path (``fail``): a 429 with Retry-After, a 503 SlowDown, a truncated range answer.

Like the rest of testweb this imports nothing of the product (warcio and the standard library only).
"""

from __future__ import annotations

import gzip
import http.client
import io
import json
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

COLLECTION = "wb"
CRAWL = "CC-TEST-2025-01"
WARC_NAME = "captures.warc.gz"
#: pywb lives in its own virtualenv (it pins an old redis client)
PYWB_BIN = Path(__file__).resolve().parents[1] / ".venv" / "pywb" / "bin"


@dataclass
class Capture:
    url: str
    when: datetime
    status_line: str
    headers: list[tuple[str, str]]
    body: bytes  # as sent (content-encoding kept), no transfer-encoding


def captures_from_warcs(paths: Iterable[Path], when: datetime, step: timedelta = timedelta(seconds=7),
                        keep: Any = None) -> list[Capture]:
    """Response records of WARC files as captures, re-dated ``when``, ``when + step``, …, in file order.
    ``keep(url, status)`` picks which (default: all)."""
    out: list[Capture] = []
    for path in paths:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                status = int(record.http_headers.get_statuscode() or 0)
                if keep is not None and not keep(url, status):
                    continue
                headers = [(k, v) for k, v in record.http_headers.headers if k.lower() != "transfer-encoding"]
                out.append(Capture(url, when + step * len(out), record.http_headers.statusline, headers,
                                   record.raw_stream.read()))
    return out


def decoded(capture: Capture) -> Capture:
    """The capture with its body as the page (gzip content-encoding undone), for a test to edit it."""
    if not any(k.lower() == "content-encoding" and v.strip().lower() == "gzip" for k, v in capture.headers):
        return capture
    body = gzip.decompress(capture.body)
    headers = [(k, str(len(body)) if k.lower() == "content-length" else v) for k, v in capture.headers
               if k.lower() != "content-encoding"]
    return Capture(capture.url, capture.when, capture.status_line, headers, body)


def with_links(capture: Capture, hrefs: Iterable[str]) -> Capture:
    """An HTML listing's capture naming more pages: links added before ``</body>`` (the archive captured a
    version of the listing the live site no longer serves)."""
    page = decoded(capture)
    links = "".join(f'<a href="{h}">{h}</a>\n' for h in hrefs).encode()
    body = page.body.replace(b"</body>", links + b"</body>", 1)
    headers = [(k, str(len(body)) if k.lower() == "content-length" else v) for k, v in page.headers]
    return Capture(page.url, page.when, page.status_line, headers, body)


def redirect(url: str, when: datetime, location: str, status: int = 301) -> Capture:
    """A capture of a moved page: the outlet answered with a redirect to ``location``."""
    reason = "Moved Permanently" if status == 301 else "Found"
    return Capture(url, when, f"{status} {reason}", [("Location", location), ("Content-Length", "0")], b"")


def page(url: str, when: datetime, html: str, status: int = 200) -> Capture:
    """A capture of an HTML page as served (e.g. a soft-404: status 200, a «page not found» body)."""
    body = html.encode("utf-8")
    return Capture(url, when, f"{status} OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))], body)


def write_warc(path: Path, captures: Iterable[Capture]) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for c in captures:
            http = StatusAndHeaders(c.status_line, c.headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(c.url, "response", payload=io.BytesIO(c.body), http_headers=http,
                                               warc_headers_dict={"WARC-Date": c.when.strftime("%Y-%m-%dT%H:%M:%SZ")})
            writer.write_record(record)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- request log and faults shared by both servers --------------------------------------------------------
@dataclass
class Fault:
    path_prefix: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    truncate: bool = False  # a range answer cut short (status 206, half the bytes)


class _Recorder:
    def __init__(self) -> None:
        self.requests: list[tuple[float, str]] = []  # (monotonic time, path with query)
        self.faults: list[Fault] = []
        self.lock = threading.Lock()

    def record(self, path: str) -> Fault | None:
        with self.lock:
            self.requests.append((time.monotonic(), path))
            for fault in self.faults:
                if path.startswith(fault.path_prefix):
                    self.faults.remove(fault)
                    return fault
        return None

    def fail(self, path_prefix: str, status: int, times: int = 1, truncate: bool = False, **headers: str) -> None:
        with self.lock:
            self.faults += [Fault(path_prefix, status, dict(headers), truncate) for _ in range(times)]

    def hits(self, prefix: str = "") -> list[float]:
        with self.lock:
            return [t for t, p in self.requests if p.startswith(prefix)]


def _fault_response(handler: BaseHTTPRequestHandler, fault: Fault) -> None:
    body = (b"<Error><Code>SlowDown</Code></Error>" if fault.status == 503 else b"Too Many Requests")
    handler.send_response(fault.status)
    for k, v in fault.headers.items():
        handler.send_header(k.replace("_", "-"), v)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


# -- Wayback: pywb behind a recording front ----------------------------------------------------------------
class Wayback:
    """pywb over a collection of the captures, behind a small front server that records each request and
    injects faults; ``url`` is the replay base (``<url>/<ts>id_/<original>``), ``cdx_url`` the CDX API."""

    def __init__(self, root: Path, warc: Path, bin_dir: Path = PYWB_BIN) -> None:
        self.root = root
        self.warc = warc
        self.bin_dir = bin_dir
        self.recorder = _Recorder()
        self._proc: subprocess.Popen | None = None
        self._front: ThreadingHTTPServer | None = None

    def start(self) -> Wayback:
        bin_dir = self.bin_dir
        self.root.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(bin_dir / "wb-manager"), "init", COLLECTION], cwd=self.root, check=True,
                       capture_output=True)
        subprocess.run([str(bin_dir / "wb-manager"), "add", COLLECTION, str(self.warc)], cwd=self.root, check=True,
                       capture_output=True)
        (self.root / "config.yaml").write_text("enable_memento: true\n", encoding="utf-8")
        self.pywb_port = free_port()
        log = open(self.root / "pywb.log", "wb")
        self._proc = subprocess.Popen([str(bin_dir / "wayback"), "-p", str(self.pywb_port), "-b", "127.0.0.1"],
                                      cwd=self.root, stdout=log, stderr=subprocess.STDOUT, process_group=0)
        _wait_http("127.0.0.1", self.pywb_port, f"/{COLLECTION}/cdx?url=example.org", self._proc)
        self._front = _serve(_WaybackFront, self)
        return self

    @property
    def port(self) -> int:
        assert self._front is not None
        return self._front.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{COLLECTION}"

    @property
    def cdx_url(self) -> str:
        return f"{self.url}/cdx"

    def stop(self) -> None:
        if self._front is not None:
            self._front.shutdown()
            self._front.server_close()
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()


class _WaybackFront(BaseHTTPRequestHandler):
    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        owner: Wayback = self.server.owner
        if fault := owner.recorder.record(self.path):
            _fault_response(self, fault)
            return
        conn = http.client.HTTPConnection("127.0.0.1", owner.pywb_port, timeout=30)
        conn.request("GET", self.path, headers={"Accept-Encoding": self.headers.get("Accept-Encoding", "identity")})
        resp = conn.getresponse()
        body = resp.read()
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "content-length", "connection"):
                self.send_header(k, v.replace(f"127.0.0.1:{owner.pywb_port}", f"127.0.0.1:{owner.port}"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        conn.close()


# -- Common Crawl: an index server and WARC files with Range ------------------------------------------------
class CommonCrawl:
    """``index_url`` answers ``?url=…[&matchType=domain][&from=…&to=…]&output=json[&filter=status:200]`` with
    NDJSON rows (url, timestamp, status, mime, filename, offset, length); ``data_url`` + ``/<filename>`` serves
    the WARC file, honouring ``Range: bytes=a-b`` with 206 and Content-Range."""

    def __init__(self, root: Path, warc: Path) -> None:
        self.root = root
        self.recorder = _Recorder()
        self.rows = _index(warc)
        self.files = {warc.name: warc}
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> CommonCrawl:
        self._server = _serve(_CommonCrawlHandler, self)
        return self

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    @property
    def index_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{CRAWL}-index"

    @property
    def data_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/data"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def query(self, params: dict[str, list[str]]) -> list[dict[str, str]]:
        url = params.get("url", [""])[0]
        match = params.get("matchType", ["exact"])[0]
        start, end = params.get("from", [""])[0], params.get("to", [""])[0]
        wanted = [f.split(":", 1) for f in params.get("filter", [])]
        out = []
        for row in self.rows:
            if match == "domain":
                host = urlsplit(row["url"]).netloc
                if not (host == url or host.endswith("." + url)):
                    continue
            elif row["url"] != url:
                continue
            if (start and row["timestamp"] < start.ljust(14, "0")) or (end and row["timestamp"] > end.ljust(14, "9")):
                continue
            if any(row.get(k.lstrip("=!~"), "") != v for k, v in wanted):
                continue
            out.append(row)
        return out


def _index(warc: Path) -> list[dict[str, str]]:
    rows = []
    with open(warc, "rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            if record.rec_type != "response":
                continue
            record.raw_stream.read()
            offset, length = it.get_record_offset(), it.get_record_length()
            stamp = record.rec_headers.get_header("WARC-Date")
            when = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)
            rows.append({"url": record.rec_headers.get_header("WARC-Target-URI"), "timestamp": f"{when:%Y%m%d%H%M%S}",
                         "status": record.http_headers.get_statuscode(),
                         "mime": (record.http_headers.get_header("Content-Type") or "").split(";")[0],
                         "filename": warc.name, "offset": str(offset), "length": str(length)})
    return rows


_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


class _CommonCrawlHandler(BaseHTTPRequestHandler):
    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        owner: CommonCrawl = self.server.owner
        asked = self.headers.get("Range")
        fault = owner.recorder.record(f"{self.path} {asked}" if asked else self.path)  # which range, for the tests
        if fault and not fault.truncate:
            _fault_response(self, fault)
            return
        parts = urlsplit(self.path)
        if parts.path == f"/{CRAWL}-index":
            rows = owner.query(parse_qs(parts.query))
            if not rows:
                self._send(404, b'{"message": "No Captures found"}\n', "text/x-ndjson")
                return
            self._send(200, "".join(json.dumps(r) + "\n" for r in rows).encode(), "text/x-ndjson")
            return
        name = parts.path.removeprefix("/data/")
        path = owner.files.get(name)
        if path is None:
            self._send(404, b"no such file", "text/plain")
            return
        data = path.read_bytes()
        m = _RANGE.match(self.headers.get("Range", "").strip())
        if m is None:
            self._send(200, data, "application/octet-stream")
            return
        first = int(m.group(1))
        last = min(int(m.group(2)) if m.group(2) else len(data) - 1, len(data) - 1)
        if first >= len(data):
            self._send(416, b"", "text/plain", {"Content-Range": f"bytes */{len(data)}"})
            return
        chunk = data[first:last + 1]
        if fault and fault.truncate:  # promise the whole range, send half of it and close
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {first}-{last}/{len(data)}")
            self.send_header("Content-Length", str(len(chunk) // 2))
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            self.wfile.write(chunk[: len(chunk) // 2])
            return
        self._send(206, chunk, "application/octet-stream", {"Content-Range": f"bytes {first}-{last}/{len(data)}"})

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


# -- both, over one set of captures -------------------------------------------------------------------------
class ArchiveStack:
    """Wayback (pywb) and Common Crawl over the same captures; a context manager."""

    def __init__(self, root: Path, captures: list[Capture]) -> None:
        self.root = root
        self.warc = root / "warcs" / WARC_NAME
        write_warc(self.warc, captures)
        self.wayback = Wayback(root / "pywb", self.warc)
        self.commoncrawl = CommonCrawl(root / "cc", self.warc)

    def __enter__(self) -> ArchiveStack:
        self.commoncrawl.start()
        try:
            self.wayback.start()
        except BaseException:
            self.commoncrawl.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.wayback.stop()
        self.commoncrawl.stop()
        shutil.rmtree(self.root / "pywb" / "collections", ignore_errors=True)


def _serve(handler: type[BaseHTTPRequestHandler], owner: Any) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.owner = owner  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return server


def _wait_http(host: str, port: int, path: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"pywb exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"pywb did not answer on {host}:{port} within {timeout:.0f}s")
