"""Probing an outlet's sources through the crawl's own Scrapy downloader, settings and middlewares.

``akhbar outlets check`` runs its probes here (in a child process: Twisted's reactor runs once per
process), so redirects, size caps, decompression, the allowed-domains, scheme and private-host guards
and the DNS rebinding check are the crawl's, not a re-implementation: a green check shows the crawler
can use the source. Differences from a crawl, each so that one probe is one request with its first
answer: no retries, robots.txt is read and applied by the checker (not RobotsTxtMiddleware), the
checker spaces its requests by the outlet's download_delay itself, and nothing is archived or logged
(the OutletDay has no data root).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.settings import Settings
from twisted.internet import error as net

from akhbar.crawler.crawllog import OUTLET_DAY_SETTING, OutletDay
from akhbar.crawler.middlewares import OFFSITE_PREFIX
from akhbar.outlets.registry import Outlet

#: seconds one probe (all its redirect hops, headers and body) may take in total
PROBE_DEADLINE = 30.0


class FetchError(Exception):
    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.status = reason, status


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str | None
    body: bytes


class ScrapyFetcher:
    """One GET at a time through the running crawler's engine (downloader middlewares only)."""

    def __init__(self, spider: Spider, outlet: Outlet, timeout: float, deadline: float) -> None:
        self.spider, self.outlet, self.timeout, self.deadline = spider, outlet, timeout, deadline
        self.user_agent: str = spider.settings.get("USER_AGENT")
        self._last: float | None = None

    async def _pause(self) -> None:
        # politeness: the outlet's download_delay between our requests
        if self._last is not None:
            wait = self.outlet.crawl.download_delay - (time.monotonic() - self._last)
            if wait > 0:
                await asyncio.sleep(wait)
        self._last = time.monotonic()

    async def get(self, url: str) -> Fetched:
        """The final response (redirects followed by RedirectMiddleware); FetchError with a reason."""
        try:
            request = Request(url, dont_filter=True, meta={"dont_retry": True})
        except (TypeError, ValueError) as exc:
            raise FetchError(f"not a valid URL: {exc}") from None
        await self._pause()
        engine = self.spider.crawler.engine
        try:
            # the deadline bounds every hop together; cancelling the wait cancels the download
            response = await asyncio.wait_for(engine.download_async(request), self.deadline)
        except TimeoutError:
            raise FetchError(f"probe deadline of {self.deadline:g} s exceeded (slow or dripping response)") from None
        except Exception as exc:  # every download failure is the probe's finding
            raise FetchError(failure_reason(exc, self.timeout)) from None
        if 300 <= response.status < 400:
            raise FetchError(f"HTTP {response.status}: redirect not followed", response.status)
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status}", response.status)
        ctype = response.headers.get(b"Content-Type")
        return Fetched(url, response.url, response.status, ctype.decode("latin-1") if ctype else None, response.body)


def failure_reason(exc: BaseException, timeout: float) -> str:
    """A short reason for a failed download, worded as the check reports it."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, IgnoreRequest):  # the crawl's guards refused the URL or a redirect hop
        if text.startswith(OFFSITE_PREFIX):
            return "refused: " + text.removeprefix(OFFSITE_PREFIX).strip()
        if "max redirections" in text.lower():
            return "redirect loop or chain over REDIRECT_MAX_TIMES"
        return text if text.startswith("refused: ") else f"refused: {text}"
    # Scrapy 2.19 wraps Twisted's errors in its own Download* exceptions; older ones raise Twisted's
    if isinstance(exc, (DownloadTimeoutError, net.TimeoutError, net.TCPTimedOutError)) or "took longer than" in text:
        return f"timed out after {timeout:g} s"
    if isinstance(exc, (DownloadConnectionRefusedError, net.ConnectionRefusedError)):
        return "connection refused"
    if isinstance(exc, (CannotResolveHostError, net.DNSLookupError)):
        return f"DNS lookup failed: {text}"[:300]
    if "maxsize" in text.lower() or "max size" in text.lower() or isinstance(exc, DownloadCancelledError):
        return f"body larger than DOWNLOAD_MAXSIZE: {text}"[:300]
    if isinstance(exc, (ResponseDataLossError, net.ConnectionLost)) or "ResponseNeverReceived" in type(exc).__name__:
        return f"connection closed early: {text}"[:300]
    return f"network error: {type(exc).__name__}: {text}"[:300]


class ProbeSpider(Spider):
    """Runs ``job(fetcher)`` from ``start`` and keeps its result; it schedules no requests itself."""

    name = "outlet_probe"

    def __init__(self, job: Callable[[ScrapyFetcher], Awaitable[Any]], outlet: Outlet, timeout: float,
                 deadline: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.job, self.outlet, self.timeout, self.deadline = job, outlet, timeout, deadline
        self.result: Any = None
        self.error: BaseException | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # the guards build themselves from the outlet; no data root: no WARC file, no crawl log
        crawler.settings.set(OUTLET_DAY_SETTING, OutletDay(spider.outlet, "", None, ""), priority="spider")
        return spider

    async def start(self):
        try:
            self.result = await self.job(ScrapyFetcher(self, self.outlet, self.timeout, self.deadline))
        except Exception as exc:  # reported by run_probe; Scrapy would only log it
            self.error = exc
        return
        yield  # an async generator that yields nothing


def probe_settings(outlet: Outlet, timeout: float, user_agent: str) -> Settings:
    """The crawl's settings for this outlet, changed only where a probe must be one request."""
    from akhbar.crawler.run import crawl_settings

    settings = crawl_settings([outlet])
    settings.setdict({
        "ROBOTSTXT_OBEY": False, "RETRY_ENABLED": False, "DOWNLOAD_TIMEOUT": timeout, "USER_AGENT": user_agent,
        "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "WARNING",
        # probes go one at a time; the spare room is for a download given up at its deadline, which may
        # hold its connection until DOWNLOAD_TIMEOUT ends it
        "DOWNLOAD_SLOTS": {d: {"concurrency": 4, "delay": 0} for d in outlet.allowed_domains},
    }, priority="cmdline")
    return settings


def run_probe(outlet: Outlet, job: Callable[[ScrapyFetcher], Awaitable[Any]], *, timeout: float,
              user_agent: str, deadline: float = PROBE_DEADLINE) -> Any:
    """Run ``job`` with a fetcher in a Scrapy process (blocks; once per process); its result."""
    process = CrawlerProcess(probe_settings(outlet, timeout, user_agent), install_root_handler=False)
    crawler = process.create_crawler(ProbeSpider)
    process.crawl(crawler, job=job, outlet=outlet, timeout=timeout, deadline=deadline)
    process.start()
    spider = crawler.spider
    if spider.error is not None:
        raise spider.error
    return spider.result
