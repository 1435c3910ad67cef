"""Fetching an outlet-day from a web archive instead of the outlet: the Wayback Machine or Common Crawl.

The archive crawl is the live crawl with its downloads served by an archive (docs/archives.md): the spider
asks for the outlet's own URLs as always (robots.txt, sitemaps, date archives, articles) and
:class:`CaptureMiddleware`, next to the downloader, turns each into the archive's request for a capture of
that URL (Wayback: the raw ``id_`` capture nearest the day; Common Crawl: an index query, then an HTTP range
request on the WARC file at the capture's offset), and the archive's answer back into the original response.
Everything above it (WARC writing, redirects, retries, discovery, the pipeline) sees the outlet's response,
so an archive back-fill lands rows exactly as a live crawl would. The WARC record says where it came from
(:data:`crawler.warc.CAPTURE_SOURCE_HEADER`, ``WARC-Source-URI``, ``WARC-Refers-To-Date``).

Etiquette: every archive host is its own Scrapy download slot (concurrency 1, a fixed delay from the
requests-per-minute limit, no AutoThrottle or randomisation), 429 + Retry-After and 503 SlowDown go through
the crawl's retry middleware; index answers are cached on disk, so a resumed back-fill does not ask again.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import io
import json
import os
import re
import threading
import time
import zlib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import Settings
from warcio.archiveiterator import ArchiveIterator

from akhbar.crawler.crawllog import outlet_day
from akhbar.crawler.middlewares import (
    HOST_POLICY,
    AllowedDomainsGuardMiddleware,
    WarcArchiveMiddleware,
    request_kind,
    scheme_refusal,
)
from akhbar.crawler.warc import (
    CAPTURE_DATE_HEADER,
    CAPTURE_SOURCE_HEADER,
    CAPTURE_URI_HEADER,
    MAX_BODY_BYTES,
    MAX_HEADER_BYTES,
    ArchivedResponse,
)
from akhbar.transforms.soft404 import soft_404_reason
from akhbar.warehouse.schema import ArticleRecord

SOURCES = ("live", "wayback", "commoncrawl")
ARCHIVE_SOURCES = ("wayback", "commoncrawl")
#: Scrapy settings of an archive crawl (the app fills them from akhbar.settings; defaults: the real services)
SOURCE_SETTING = "AKHBAR_SOURCE"
DEFAULTS = {
    "AKHBAR_WAYBACK_URL": "https://web.archive.org/web",
    "AKHBAR_WAYBACK_CDX_URL": "https://web.archive.org/cdx/search/cdx",
    "AKHBAR_CC_INDEX_URL": "https://index.commoncrawl.org/CC-MAIN-2025-05-index",
    "AKHBAR_CC_DATA_URL": "https://data.commoncrawl.org",
    # requests per minute per archive host: the Wayback Machine's published ~15-20 a minute; Common Crawl's
    # index server asks for one at a time and backs off with 503 SlowDown
    "AKHBAR_WAYBACK_RATE": "20",
    "AKHBAR_CC_RATE": "30",
    # captures of a day's articles: from the day's start to this many days after it (archives crawl late)
    "AKHBAR_ARCHIVE_WINDOW_DAYS": "3",
}
#: a listing (sitemap, date archive) is fetched as captured nearest this long after its day began
LISTING_CAPTURE_OFFSET = timedelta(hours=36)
#: index answers cached here, under the data dir (one JSON file per query)
CDX_CACHE = Path("cache") / "cdx"
_ARCHIVE_HEADERS = re.compile(r"^(memento-datetime|link|content-location|x-archive-.*|x-app-server|"
                              r"x-ts|x-tr|server-timing|x-location|x-page-cache)$", re.IGNORECASE)
_RAW_URL = re.compile(r"/(\d{4,14})id_/(.+)$")


@dataclass(frozen=True)
class ArchiveConfig:
    source: str
    wayback_url: str
    wayback_cdx_url: str
    cc_index_url: str
    cc_data_url: str
    wayback_rate: float
    cc_rate: float
    window_days: int

    @classmethod
    def from_settings(cls, settings: Settings | dict[str, Any]) -> ArchiveConfig:
        def get(key: str) -> str:
            return str(settings.get(key) or DEFAULTS[key])

        source = str(settings.get(SOURCE_SETTING) or "live")
        if source not in SOURCES:
            raise ValueError(f"unknown capture source {source!r}: expected one of {', '.join(SOURCES)}")
        return cls(source, get("AKHBAR_WAYBACK_URL").rstrip("/"), get("AKHBAR_WAYBACK_CDX_URL"),
                   get("AKHBAR_CC_INDEX_URL"), get("AKHBAR_CC_DATA_URL").rstrip("/"),
                   float(get("AKHBAR_WAYBACK_RATE")), float(get("AKHBAR_CC_RATE")),
                   int(get("AKHBAR_ARCHIVE_WINDOW_DAYS")))

    @property
    def hosts(self) -> dict[str, float]:
        """Archive host (netloc) -> seconds between two requests to it, for this source."""
        if self.source == "wayback":
            urls, rate = (self.wayback_url, self.wayback_cdx_url), self.wayback_rate
        elif self.source == "commoncrawl":
            urls, rate = (self.cc_index_url, self.cc_data_url), self.cc_rate
        else:
            return {}
        return {urlsplit(u).netloc: 60.0 / rate for u in urls}

    def domain_query(self, domain: str, day: date) -> str:
        """The archive index query for every capture under ``domain`` in the day's capture window."""
        start = datetime(day.year, day.month, day.day)
        end = start + timedelta(days=self.window_days + 1) - timedelta(seconds=1)
        params = {"url": domain, "matchType": "domain", "from": f"{start:%Y%m%d%H%M%S}", "to": f"{end:%Y%m%d%H%M%S}",
                  "output": "json"}
        if self.source == "wayback":
            return f"{self.wayback_cdx_url}?{urlencode({**params, 'filter': 'statuscode:200', 'collapse': 'digest'})}"
        return f"{self.cc_index_url}?{urlencode({**params, 'filter': 'status:200'})}"

    def url_query(self, url: str) -> str:
        return f"{self.cc_index_url}?{urlencode({'url': url, 'output': 'json'})}"


def archive_settings(settings: Settings) -> None:
    """Turn a crawl's settings into an archive crawl's (nothing for a live crawl): the capture middleware,
    provenance in the WARC records, archive hosts allowed, one fixed-rate download slot per archive host."""
    config = ArchiveConfig.from_settings(settings)
    if config.source == "live":
        return
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares.update({
        "akhbar.crawler.middlewares.AllowedDomainsGuardMiddleware": None,
        "akhbar.crawler.archives.ArchiveGuardMiddleware": 45,
        "akhbar.crawler.middlewares.WarcArchiveMiddleware": None,
        "akhbar.crawler.archives.ProvenanceWarcMiddleware": 950,
        "akhbar.crawler.archives.CaptureMiddleware": 960,
        "akhbar.crawler.archives.ArchiveRateGate": 970,
    })
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="cmdline")
    slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
    for host, delay in config.hosts.items():
        slots[host] = {"concurrency": 1, "delay": delay, "randomize_delay": False}
    settings.set("DOWNLOAD_SLOTS", slots, priority="cmdline")
    # the archives' limits are fixed spacings: AutoThrottle and randomised delays would break them
    settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
    settings.set("RANDOMIZE_DOWNLOAD_DELAY", False, priority="cmdline")


# -- index answers ---------------------------------------------------------------------------------
def parse_cdx(body: bytes) -> list[dict[str, str]]:
    """Rows of a CDX answer: the Wayback Machine's JSON array (a header row, then rows), or the NDJSON of pywb
    and Common Crawl's index server (an object a line)."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return []
    if text.startswith("["):
        table = json.loads(text)
        if not table:
            return []
        head = table[0]
        rows = [dict(zip(head, row, strict=False)) for row in table[1:]]
    else:
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    for row in rows:  # Wayback's names -> Common Crawl's
        row.setdefault("url", row.get("original", ""))
        row.setdefault("status", row.get("statuscode", ""))
        row.setdefault("mime", row.get("mimetype", ""))
    return rows


def nearest(rows: list[dict[str, str]], when: datetime) -> dict[str, str] | None:
    """The capture nearest ``when`` among those the archive holds a response for (not its own errors);
    duplicates of one capture (same URL and time) count once."""
    usable = [r for r in rows if str(r.get("status", "")).isdigit() and int(r["status"]) < 500]
    return min(usable, key=lambda r: (abs((capture_time(r["timestamp"]) - when).total_seconds()), r["timestamp"]),
               default=None)


def capture_time(timestamp: str) -> datetime:
    return datetime.strptime(timestamp.ljust(14, "0")[:14], "%Y%m%d%H%M%S").replace(tzinfo=UTC)


class CdxCache:
    """Index answers on disk, one file per query URL, written atomically."""

    def __init__(self, root: Path) -> None:
        self.dir = root / CDX_CACHE

    def _path(self, url: str) -> Path:
        return self.dir / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def get(self, url: str) -> bytes | None:
        path = self._path(url)
        return path.read_bytes() if path.exists() else None

    def put(self, url: str, body: bytes) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self._path(url)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_bytes(body)
        tmp.replace(path)


# -- downloader middlewares ---------------------------------------------------------------------------
#: request meta: the archive URL this request is (an archive request passes the capture middleware as is)
ARCHIVE_META = "akhbar_archive"
#: WARC record kind of an archive's own answer (index rows, errors): kept, never extracted
ARCHIVE_ANSWER_KIND = "archive_answer"
#: WARC record kind of a soft-404 capture (an article URL captured with status 200 and a «not found» page):
#: kept, never extracted; the spider logs it not_article with the reason
SOFT_404_KIND = "soft_404"
#: request meta: why a capture is a soft-404
SOFT_404_META = "akhbar_soft_404"
#: request meta: the meta of the request that fetched the same capture earlier in this crawl (not archived again)
COPY_OF_META = "akhbar_copy_of"


class ArchiveGuardMiddleware(AllowedDomainsGuardMiddleware):
    """The allowed-domains guard, letting requests to this crawl's archive hosts through too."""

    def __init__(self, outlet: Any, hosts: set[str]) -> None:
        super().__init__(outlet)
        self.hosts = hosts
        # the archive hosts may resolve to private addresses only where the outlet's may (a test web's archive)
        HOST_POLICY.register([urlsplit(f"//{h}").hostname or h for h in hosts],
                             bool(outlet is not None and outlet.crawl.allow_private_hosts))

    @classmethod
    def from_crawler(cls, crawler):
        target = outlet_day(crawler)
        return cls(target.outlet if target else None, set(ArchiveConfig.from_settings(crawler.settings).hosts))

    def process_request(self, request: Request, spider: Any = None) -> None:
        if urlsplit(request.url).netloc in self.hosts and not scheme_refusal(request.url):
            return None
        return super().process_request(request, spider)


#: archive host -> the monotonic time it may be asked next, shared by every crawler of this process: each
#: outlet's crawl has its own download slots, so the slots alone would let N outlets ask N times the rate
_HOST_NEXT: dict[str, float] = {}
_HOST_LOCK = threading.Lock()


def reserve(host: str, spacing: float) -> float:
    """Seconds to wait before asking ``host``, the next free time then pushed on by ``spacing``."""
    with _HOST_LOCK:
        now = time.monotonic()
        at = max(now, _HOST_NEXT.get(host, 0.0))
        _HOST_NEXT[host] = at + spacing
        return at - now


class ArchiveRateGate:
    """One rate limit per archive host for the whole process (all outlets' crawls), next to the downloader:
    a request to an archive host waits for its turn (the host slot's fixed delay still spaces each crawl)."""

    def __init__(self, spacing: dict[str, float]) -> None:
        self.spacing = spacing

    @classmethod
    def from_crawler(cls, crawler):
        return cls(ArchiveConfig.from_settings(crawler.settings).hosts)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        spacing = self.spacing.get(urlsplit(request.url).netloc)
        if spacing and (wait := reserve(urlsplit(request.url).netloc, spacing)) > 0:
            await asyncio.sleep(wait)
        return None


class ProvenanceWarcMiddleware(WarcArchiveMiddleware):
    """Writes responses as WarcArchiveMiddleware does, with the capture's provenance headers when the
    response came from an archive (``akhbar_provenance`` in the request's meta, set by CaptureMiddleware)."""

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        provenance = request.meta.get("akhbar_provenance")
        first = request.meta.get(COPY_OF_META)
        if self.archive is not None and first and "akhbar_warc" in first:
            # the same capture fetched again (a redirect to a page the crawl asked for itself): archived once
            request.meta["akhbar_warc"] = first["akhbar_warc"]
            request.meta["akhbar_fetched_at"] = first.get("akhbar_fetched_at")
            return response
        if self.archive is None or request.meta.get("akhbar_cached"):
            return response if self.archive is None or provenance is None else self._write(request, response)
        if not provenance and request.meta.get(ARCHIVE_META) == response.url:
            # the archive's own answer (an index, an error, its redirect): archived, never read as an article
            provenance = {CAPTURE_SOURCE_HEADER: "archive-answer", CAPTURE_URI_HEADER: response.url}
            return self._write(request, response, provenance, kind=ARCHIVE_ANSWER_KIND)
        if not provenance:
            return super().process_response(request, response, spider)
        return self._write(request, response, provenance)

    def _write(self, request: Request, response: Response, provenance: dict[str, str] | None = None,
               kind: str | None = None) -> Response:
        provenance = provenance or request.meta["akhbar_provenance"]
        fetched_at = datetime.now(UTC)
        warc_file, offset = self.archive.write_exchange(
            url=response.url, method=request.method,
            request_headers=[(k.decode("latin-1"), b", ".join(v).decode("latin-1"))
                             for k, v in request.headers.items()],
            request_body=request.body or b"", status=response.status, protocol=getattr(response, "protocol", None),
            response_headers=[(k, v) for k, vs in response.headers.items() for v in vs], body=response.body,
            kind=kind or (SOFT_404_KIND if request.meta.get(SOFT_404_META) else request_kind(request)),
            fetched_at=fetched_at, provenance=provenance,
        )
        request.meta["akhbar_warc"] = (warc_file, offset)
        request.meta["akhbar_fetched_at"] = fetched_at
        return response


class CaptureMiddleware:
    """Serves the outlet's URLs from the crawl's web archive (see the module doc).

    A request for an outlet URL becomes the archive's request (meta ``akhbar_archive`` = its URL, its own
    download slot); the archive's answer becomes the original URL's response. No capture: a 404 of the
    original URL with the reason. Archive errors (429, 503) are handed on for the retry middleware, a
    truncated range answer is asked again; nothing reaches the outlet itself.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.config = ArchiveConfig.from_settings(crawler.settings)
        target = outlet_day(crawler)
        self.day = date.fromisoformat(target.day) if target else date.today()
        self.cache = CdxCache(target.root) if target and target.root else None
        self.retries = crawler.settings.getint("RETRY_TIMES")
        self.hosts = set(self.config.hosts)
        #: the crawl's cap on a body, inflated too: a capture is never held larger than a live page could be
        self.max_body = crawler.settings.getint("DOWNLOAD_MAXSIZE") or MAX_BODY_BYTES
        #: (outlet URL, capture URL) -> (sha256 of the body, the meta of the request that fetched it)
        self.fetched: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    # -- requests ----------------------------------------------------------------------------------
    def process_request(self, request: Request, spider: Any = None) -> Request | Response | None:
        if request.meta.get(ARCHIVE_META) == request.url:
            step = request.meta.get("akhbar_step")
            if step in ("index", "cdx") and self.cache and (hit := self.cache.get(request.url)) is not None:
                request.meta["akhbar_cached"] = True
                return Response(request.url, status=200, body=hit, request=request)
            return None
        netloc = urlsplit(request.url).netloc
        if netloc in self.hosts:  # e.g. the archive's own robots.txt: in the host's one slot too
            request.meta["download_slot"] = netloc
            return None
        return self._capture_request(request)

    def _capture_request(self, request: Request) -> Request | Response:
        original = request.url  # an outlet URL: the spider's, or the target of a capture's redirect
        known = self._known_capture(original)
        if self.config.source == "wayback":
            stamp = known["timestamp"] if known else f"{self._target_time(request):%Y%m%d%H%M%S}"
            return self._archive_request(request, f"{self.config.wayback_url}/{stamp}id_/{original}", original, "raw")
        if known and known.get("filename"):
            return self._range_request(request, original, known)
        return self._archive_request(request, self.config.url_query(original), original, "index")

    def _known_capture(self, url: str) -> dict[str, str] | None:
        spider = getattr(self.crawler, "spider", None)
        return getattr(spider, "captures", {}).get(url)

    def _target_time(self, request: Request) -> datetime:
        start = datetime(self.day.year, self.day.month, self.day.day, tzinfo=UTC)
        return start + LISTING_CAPTURE_OFFSET

    def _archive_request(self, request: Request, url: str, original: str, step: str, **extra: Any) -> Request:
        meta = {**request.meta, ARCHIVE_META: url, "akhbar_original": original, "akhbar_step": step,
                "download_slot": urlsplit(url).netloc, "dont_redirect": True, **extra}
        meta.pop("akhbar_provenance", None)
        return request.replace(url=url, meta=meta, headers={k: v for k, v in request.headers.items()
                                                            if k.lower() != b"range"})

    def _range_request(self, request: Request, original: str, row: dict[str, str]) -> Request:
        start, length = int(row["offset"]), int(row["length"])
        url = f"{self.config.cc_data_url}/{row['filename']}"
        req = self._archive_request(request, url, original, "range", akhbar_capture_row=row)
        req.headers["Range"] = f"bytes={start}-{start + length - 1}"
        return req

    # -- responses ---------------------------------------------------------------------------------
    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        step = request.meta.get("akhbar_step")
        if request.meta.get(ARCHIVE_META) != request.url or step not in ("raw", "index", "range", "cdx"):
            return response
        if response.status == 429 or response.status >= 500:
            return response  # the archive's 429 / 503 SlowDown: for the retry middleware, never unwrapped
        if step == "cdx":
            if response.status == 200 and self.cache is not None and not request.meta.get("akhbar_cached"):
                self.cache.put(request.url, response.body)
            return response
        if step == "index":
            return self._after_index(request, response)
        if step == "range":
            return self._after_range(request, response)
        return self._after_raw(request, response)

    def _no_capture(self, request: Request, why: str) -> Response:
        original = request.meta["akhbar_original"]
        request.meta["akhbar_reason"] = f"{self.config.source}: {why}"
        request.meta["akhbar_provenance"] = {CAPTURE_SOURCE_HEADER: self.config.source,
                                             CAPTURE_URI_HEADER: request.url}
        return Response(original, status=404, body=why.encode(), request=request)

    def _after_index(self, request: Request, response: Response) -> Request | Response:
        if response.status == 404:
            return self._no_capture(request, "no capture in the index")
        if response.status != 200:
            return self._no_capture(request, f"index answered HTTP {response.status}")
        if self.cache is not None and not request.meta.get("akhbar_cached"):
            self.cache.put(request.url, response.body)
        row = nearest([r for r in parse_cdx(response.body) if r.get("filename")], self._target_time(request))
        if row is None:
            return self._no_capture(request, "no usable capture in the index")
        return self._range_request(request, request.meta["akhbar_original"], row)

    def _after_range(self, request: Request, response: Response) -> Request | Response:
        row = request.meta["akhbar_capture_row"]
        if response.status not in (200, 206):
            return self._no_capture(request, f"WARC range answered HTTP {response.status}")
        if len(response.body) < int(row["length"]):  # a truncated answer: ask again, a few times
            tries = request.meta.get("akhbar_truncated", 0) + 1
            if tries > self.retries:
                return self._no_capture(request, f"WARC range truncated {tries} times")
            retry = request.replace(dont_filter=True)
            retry.meta["akhbar_truncated"] = tries
            return retry
        # the range is one gzip member of the WARC file: inflated here within the cap, never whole (a member can
        # be a compression bomb), then parsed from memory
        record_cap = self.max_body + MAX_HEADER_BYTES
        stored = inflate_capped(response.body[: int(row["length"])], "gzip", record_cap)
        if stored is None:
            raise IgnoreRequest(f"capture exceeded DOWNLOAD_MAXSIZE ({self.max_body} bytes) while its WARC record "
                                f"was inflated: {request.url}")
        try:
            record = next(iter(ArchiveIterator(io.BytesIO(stored or response.body[: int(row["length"])]))))
            status = int(record.http_headers.get_statuscode())
            headers = [(k, v) for k, v in record.http_headers.headers if k.lower() != "transfer-encoding"]
            body = record.raw_stream.read()
        except Exception as exc:  # not a WARC record at that offset
            return self._no_capture(request, f"no WARC record at the index's offset ({type(exc).__name__})")
        when = capture_time(row["timestamp"])
        return self._original(request, status, headers, body, when, f"{request.url}#{row['offset']},{row['length']}")

    def _after_raw(self, request: Request, response: Response) -> Request | Response:
        memento = response.headers.get(b"Memento-Datetime")
        located = _RAW_URL.search(response.url)
        if memento is None:
            location = (response.headers.get(b"Location") or b"").decode("latin-1")
            if 300 <= response.status < 400 and location.startswith(self.config.wayback_url):
                retry = self._archive_request(request, location, request.meta["akhbar_original"], "raw")
                return retry  # the archive's redirect to its exact capture time
            return self._no_capture(request, f"no capture (HTTP {response.status})")
        when = parsedate_to_datetime(memento.decode("latin-1")).astimezone(UTC)
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, vs in response.headers.items() for v in vs
                   if not _ARCHIVE_HEADERS.match(k.decode("latin-1"))]
        source_uri = (response.headers.get(b"Content-Location") or b"").decode("latin-1") or response.url
        if located:  # a capture of a redirect: its Location as the outlet sent it, not the archive's copy
            headers = [(k, _unwrap(v) if k.lower() == "location" else v) for k, v in headers]
        return self._original(request, response.status, headers, response.body, when, source_uri)

    def _original(self, request: Request, status: int, headers: list[tuple[str, str]], body: bytes,
                  when: datetime, source_uri: str) -> Response:
        original = request.meta["akhbar_original"]
        request.meta["akhbar_provenance"] = {
            CAPTURE_SOURCE_HEADER: self.config.source, CAPTURE_URI_HEADER: source_uri,
            CAPTURE_DATE_HEADER: when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        request.meta.pop("dont_redirect", None)  # the outlet's redirect is followed (through the archive again)
        if status == 200 and request_kind(request) == "article" and (why := self._soft_404(headers, body)):
            request.meta[SOFT_404_META] = why  # archived as a soft-404, logged not_article, never extracted
        if status == 200:
            digest = hashlib.sha256(body).hexdigest()
            first = self.fetched.setdefault((original, source_uri), (digest, request.meta))
            if first[0] == digest and first[1] is not request.meta:
                request.meta[COPY_OF_META] = first[1]
        cls = responsetypes.from_args(headers=_scrapy_headers(headers), url=original, body=body)
        return cls(url=original, status=status, headers=_scrapy_headers(headers), body=body, request=request)


    def _soft_404(self, headers: list[tuple[str, str]], body: bytes) -> str | None:
        """Why the capture is a soft-404, or None. A body that inflates past the cap is not judged: the
        compression middleware after this one refuses it (too_large), as it would a live page."""
        page = _decoded(headers, body, self.max_body)
        return soft_404_reason(page) if page else None


def _scrapy_headers(headers: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in headers:
        out.setdefault(k, []).append(v)
    return out


def _decoded(headers: list[tuple[str, str]], body: bytes, cap: int) -> bytes | None:
    """The body without its gzip / deflate content-encoding (as sent otherwise), inflated in a stream to at
    most ``cap`` bytes; None when it inflates past ``cap``; b"" when it cannot be undone."""
    coding = next((v.strip().lower() for k, v in headers if k.lower() == "content-encoding"), "")
    if coding in ("", "identity"):
        return body
    if coding in ("gzip", "x-gzip", "deflate"):
        return inflate_capped(body, "gzip" if coding != "deflate" else "deflate", cap)
    return b""


def inflate_capped(data: bytes, coding: str, cap: int) -> bytes | None:
    """``data`` inflated (``coding`` gzip, members one after the other, or deflate, zlib-wrapped or raw) to at
    most ``cap`` bytes: None past ``cap``, b"" when it is not that coding or is cut short. Memory: the output, at
    most ``cap`` + 1 bytes, never the whole inflated stream (a few MB of gzip can inflate to gigabytes)."""
    try:
        if coding == "gzip":
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                out = stream.read(cap + 1)
        else:
            inflater = zlib.decompressobj(zlib.MAX_WBITS if data[:1] == b"x" else -zlib.MAX_WBITS)
            out = inflater.decompress(data, cap + 1)
    except (OSError, zlib.error, EOFError):
        return b""
    return None if len(out) > cap else out


def _unwrap(location: str) -> str:
    """An archive URL (``…/<timestamp>id_/<original>``) -> the original URL; other URLs unchanged."""
    match = _RAW_URL.search(location)
    return match.group(2) if match else location


def with_capture(article: ArticleRecord, response: ArchivedResponse) -> ArticleRecord:
    """The article row with its response's provenance: live (captured when fetched) or the archive's capture."""
    captured = response.captured_at if response.capture_source != "live" else response.fetched_at
    return replace(article, capture_source=response.capture_source, captured_at=captured)
