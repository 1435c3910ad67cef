"""Downloader middlewares: raw WARC archiving and retries with backoff that honour Retry-After."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.response import response_status_message

from crawler.warc import WarcArchive

log = logging.getLogger(__name__)


def request_kind(request: Request) -> str:
    kind = request.meta.get("akhbar_kind")
    if kind:
        return kind
    return "robots" if urlsplit(request.url).path == "/robots.txt" else "other"


class WarcArchiveMiddleware:
    """Writes every response (each retry, each redirect hop, robots.txt) to the spider's WARC archive.

    Sits closest to the downloader (order 950), so it sees bodies as they came off the wire,
    before decompression and redirect handling.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        spider = self.crawler.spider
        archive: WarcArchive | None = getattr(spider, "warc", None)
        if archive is None:
            return response
        fetched_at = datetime.now(UTC)
        warc_file, offset = archive.write_exchange(
            url=response.url,
            method=request.method,
            request_headers=[
                (k.decode("latin-1"), b", ".join(v).decode("latin-1")) for k, v in request.headers.items()
            ],
            request_body=request.body or b"",
            status=response.status,
            protocol=getattr(response, "protocol", None),
            response_headers=[(k, v) for k, vs in response.headers.items() for v in vs],
            body=response.body,
            kind=request_kind(request),
            ip_address=str(response.ip_address) if response.ip_address else None,
            fetched_at=fetched_at,
        )
        request.meta["akhbar_warc"] = (warc_file, offset)
        request.meta["akhbar_fetched_at"] = fetched_at
        if request_kind(request) == "robots" and hasattr(spider, "log_robots"):
            spider.log_robots(request, response, warc_file)
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry policy plus exponential backoff, and Retry-After on 429/503.

    A Retry-After longer than RETRY_AFTER_MAX gives up instead of stalling the crawl.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 30.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 120.0)

    def _delay(self, request: Request) -> float:
        return min(self.cap, self.base * 2 ** request.meta.get("retry_times", 0))

    async def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = self._delay(request)
        retry_after = parse_retry_after(response.headers.get(b"Retry-After"))
        if retry_after is not None:
            if retry_after > self.retry_after_max:
                request.meta["akhbar_reason"] = f"Retry-After {retry_after:.0f}s exceeds {self.retry_after_max:.0f}s"
                return response
            delay = max(delay, retry_after)
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await asyncio.sleep(delay)
        return retry

    async def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None):
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        await asyncio.sleep(self._delay(request))
        return retry


def parse_retry_after(value: bytes | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class AllowedDomainsGuardMiddleware:
    """Refuses every request (redirect hops included) to a host outside the outlet's allowed_domains.

    Replaces Scrapy's OffsiteMiddleware, which drops offsite requests silently at scheduling time and
    lets ``dont_filter`` requests through; here the refusal reaches the request's errback, so the
    crawl log records it as ``offsite``.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        outlet = getattr(self.crawler.spider, "outlet", None)
        host = urlsplit(request.url).hostname or ""
        if outlet is not None and not outlet.in_domains(host):
            raise IgnoreRequest(f"{OFFSITE_PREFIX} {host} is outside allowed_domains {outlet.allowed_domains}")
        return None


OFFSITE_PREFIX = "offsite:"


class PrivateHostGuardMiddleware:
    """Refuses requests to hosts that resolve to private, loopback, link-local or reserved addresses.

    A public outlet (or a redirect from it) must never make the crawler reach into the network it
    runs in. Outlets with ``crawl.allow_private_hosts = true`` (the local test web) are exempt.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self._verdicts: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        outlet = getattr(self.crawler.spider, "outlet", None)
        if outlet is None or outlet.crawl.allow_private_hosts:
            return None
        host = urlsplit(request.url).hostname or ""
        if host not in self._verdicts:
            self._verdicts[host] = private_address_reason(host)
        reason = self._verdicts[host]
        if reason:
            raise IgnoreRequest(f"refused: {reason}")
        return None


def private_address_reason(host: str) -> str | None:
    """Why a host must not be fetched (it is or resolves to a non-public address), else None."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return None  # let the downloader report the DNS failure itself
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not addr.is_global:
            return f"{host} resolves to non-public address {addr}"
    return None
