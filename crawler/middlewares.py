"""Downloader middlewares: raw WARC archiving and retries with backoff that honour Retry-After."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import threading
import zlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.resolver import CachingThreadedResolver
from scrapy.robotstxt import ProtegoRobotParser, RobotParser
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.error import DNSLookupError

from akhbar.crawler.crawllog import outlet_day, send_outcome
from akhbar.crawler.requisites import REQUISITE
from akhbar.crawler.warc import WarcArchive
from akhbar.outlets.registry import Outlet
from akhbar.transforms import blockwall

log = logging.getLogger(__name__)
#: the WARC records' WARC-Software / warcinfo
SOFTWARE = "akhbar/0.1 (Scrapy)"


def wall_of(response: Response) -> blockwall.Wall | None:
    """The bot wall a response is (transforms.blockwall), read before or after decompression: a compressed body is
    inflated up to the detector's window only (never a bomb); a coding we cannot inflate leaves the headers."""
    body = response.body
    coding = (response.headers.get(b"Content-Encoding") or b"").strip().lower()
    if coding in (b"gzip", b"x-gzip", b"deflate"):
        try:  # wbits 47: gzip or zlib container, whichever it is
            body = zlib.decompressobj(47).decompress(body, blockwall.BODY_WINDOW)
        except zlib.error:
            body = b""
    elif coding not in (b"", b"identity"):
        body = b""
    return blockwall.detect(response.status, response.headers, body)


def request_kind(request: Request) -> str:
    kind = request.meta.get("akhbar_kind")
    if kind:
        return kind
    return "robots" if urlsplit(request.url).path == "/robots.txt" else "other"


class WarcArchiveMiddleware:
    """Writes every response (each retry, each redirect hop, robots.txt) to the crawl's WARC archive.

    Sits closest to the downloader (order 950), so it sees bodies as they came off the wire,
    before decompression and redirect handling. It owns the archive: built in from_crawler from the
    crawl's OutletDay (the file opens on the first record, after the spider recovered open files),
    closed on spider_closed. A robots.txt that Scrapy's robots.txt middleware fetched (not the spider)
    gets its crawl-log line from here.
    """

    def __init__(self, crawler, archive: WarcArchive | None) -> None:
        self.crawler = crawler
        self.archive = archive
        if archive is not None:
            crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        target = outlet_day(crawler)
        if target is None or target.root is None:  # another spider, or the outlet check: pass through
            return cls(crawler, None)
        return cls(crawler, WarcArchive(target.root, target.day, target.outlet.slug, target.run_id, SOFTWARE))

    def _closed(self, spider: Spider, reason: str) -> None:
        self.archive.close()

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if self.archive is None:
            return response
        fetched_at = datetime.now(UTC)
        warc_file, offset = self.archive.write_exchange(
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
            revisit_of=request.meta.get("akhbar_revisit_of"),  # a revisit (crawler.spiders.revisit)
        )
        request.meta["akhbar_warc"] = (warc_file, offset)
        request.meta["akhbar_record_type"] = self.archive.last_record_type
        request.meta["akhbar_fetched_at"] = fetched_at
        redirect = 300 <= response.status < 400
        robots = request_kind(request) == "robots" and "akhbar_kind" not in request.meta
        # looked for only where it changes what happens here (the spider looks at every response it gets): on the
        # scale web's 100 KB pages each check of every response took about 6 % of the crawl process's samples
        wall = wall_of(response) if redirect or robots else None
        if wall is not None and redirect:
            # a cookie challenge redirects to the URL itself, and a crawler without cookies would follow it round
            # and round: the redirect is not followed, the spider gets the wall (and logs it blocked)
            request.meta["dont_redirect"] = True
        if robots:
            outcome = "blocked" if wall else "ok" if response.status < 400 else "http_error"
            send_outcome(self.crawler, request.url, "robots", outcome,
                         status=response.status, size=len(response.body), warc_file=warc_file,
                         reason=wall.reason(response.status) if wall else "fetched by the robots.txt middleware")
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
        if wall_of(response) is not None:  # a challenge answers the same in a second: asking again only hammers it
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
    crawl log records it as ``offsite``. The outlet comes from the crawl's OutletDay (none: no domain check).
    """

    def __init__(self, outlet: Outlet | None) -> None:
        self.outlet = outlet

    @classmethod
    def from_crawler(cls, crawler):
        target = outlet_day(crawler)
        return cls(target.outlet if target else None)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        # every request and redirect hop passes here, so a Location: file:///etc/passwd is refused too
        if reason := scheme_refusal(request.url):
            raise IgnoreRequest(f"{OFFSITE_PREFIX} {reason}")
        outlet = self.outlet
        host = urlsplit(request.url).hostname or ""
        if outlet is None or outlet.in_domains(host):
            return None
        # an article's lead image or stylesheet (crawler.requisites) may also come from a CDN the outlet names
        if request.meta.get("akhbar_kind") == REQUISITE and outlet.in_requisite_domains(host):
            return None
        raise IgnoreRequest(f"{OFFSITE_PREFIX} {host} is outside allowed_domains {outlet.allowed_domains}")

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        # Scrapy's redirect middleware hands back (as a bare 3xx) a redirect it will not follow because
        # its target is no http(s) URL; say so instead of logging "HTTP 302"
        location = response.headers.get(b"Location")
        if 300 <= response.status < 400 and location:
            target = urljoin(request.url, location.decode("latin-1").strip())
            if reason := scheme_refusal(target):
                raise IgnoreRequest(f"{OFFSITE_PREFIX} redirect to {target[:200]}: {reason}")
        return response


OFFSITE_PREFIX = "offsite:"
WEB_SCHEMES = frozenset({"http", "https"})


def scheme_refusal(url: str) -> str | None:
    """Why a URL is not fetched for not being on the web (file:, ftp:, data:, s3: ...), else None."""
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme in WEB_SCHEMES:
        return None
    return f"not an http(s) URL (scheme {scheme or 'none'!r}); only http/https of allowed_domains are fetched"


class PrivateHostGuardMiddleware:
    """Refuses requests to hosts that resolve to private, loopback, link-local or reserved addresses.

    A public outlet (or a redirect from it) must never make the crawler reach into the network it
    runs in. Outlets with ``crawl.allow_private_hosts = true`` (the local test web) are exempt. Building it
    registers the outlet's hosts with the process-wide HOST_POLICY that the DNS resolver consults.
    """

    def __init__(self, outlet: Outlet | None) -> None:
        self.outlet = outlet
        self._verdicts: dict[str, str | None] = {}
        if outlet is not None:
            HOST_POLICY.register([*outlet.allowed_domains, *outlet.crawl.requisite_domains],
                                 outlet.crawl.allow_private_hosts)

    @classmethod
    def from_crawler(cls, crawler):
        target = outlet_day(crawler)
        return cls(target.outlet if target else None)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        outlet = self.outlet
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


class HostPolicy:
    """Which hosts may resolve to non-public addresses: those of outlets with ``allow_private_hosts = true``.

    Process-wide, because Scrapy builds one DNS resolver per process while each spider knows its own
    outlet; spiders register their outlet on creation. A host covered by any outlet that does not allow
    private addresses is strict (strictness wins); so is any host no outlet names.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lenient: set[str] = set()
        self._strict: set[str] = set()
        #: host -> why the resolver refused it; read by the spider to log the refusal readably
        self.refused: dict[str, str] = {}

    def register(self, domains: list[str], allow_private: bool) -> None:
        with self._lock:
            (self._lenient if allow_private else self._strict).update(d.lower().rstrip(".") for d in domains)

    def strict(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        with self._lock:
            lenient, strict = set(self._lenient), set(self._strict)
        covered = lambda ds: any(host == d or host.endswith("." + d) for d in ds)  # noqa: E731
        return covered(strict) or not covered(lenient)

    def refuse(self, host: str, reason: str) -> None:
        with self._lock:
            self.refused[host.lower().rstrip(".")] = reason

    def refusal(self, host: str) -> str | None:
        with self._lock:
            return self.refused.get(host.lower().rstrip("."))


HOST_POLICY = HostPolicy()


class CheckedAddressResolver(CachingThreadedResolver):
    """Scrapy's caching resolver whose answer is checked before Twisted connects to it.

    PrivateHostGuardMiddleware resolves a host itself; the connection resolves again, and a host can
    answer a public address to the first lookup and a loopback one to the second (DNS rebinding).
    Checking here checks the very address connected to: a non-global answer for a strict host fails
    the lookup (DNSLookupError), the reason is kept in HOST_POLICY for the crawl log.
    """

    def getHostByName(self, name: str, timeout=()):  # Twisted's IResolverSimple
        d = super().getHostByName(name, timeout)
        d.addCallback(self._checked, name)
        return d

    @staticmethod
    def _checked(address: str, name: str) -> str:
        if not HOST_POLICY.strict(name):
            return address
        try:
            addr = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return address
        if not addr.is_global:
            reason = f"{name} resolves to non-public address {addr} (checked at connect time)"
            HOST_POLICY.refuse(name, reason)
            raise DNSLookupError(reason)
        return address


#: robots.txt user-agent tokens of the software we are built on: a site that names them refuses us too, whatever our
#: own User-Agent says (e.g. the BBC's `User-agent: Scrapy` / `Disallow: /`)
GENERIC_TOKENS = ("Scrapy",)


class GenericTokenRobotParser(RobotParser):
    """RFC 9309 via Protego (Scrapy's default parser), applied for each token we crawl as: our User-Agent (its
    product token, matched by Protego) and each of GENERIC_TOKENS. A URL is allowed only when every one of them is
    allowed, each by its own group or else by `*`; the longest Crawl-delay of them applies."""

    def __init__(self, robotstxt_body: bytes, spider: Spider | None = None) -> None:
        self.inner = ProtegoRobotParser(robotstxt_body, spider)

    @classmethod
    def from_crawler(cls, crawler, robotstxt_body: bytes):
        return cls(robotstxt_body, None if not crawler else crawler.spider)

    @staticmethod
    def tokens(user_agent: str | bytes) -> list[str]:
        ua = user_agent.decode("latin-1") if isinstance(user_agent, bytes) else user_agent
        return [ua, *(t for t in GENERIC_TOKENS if t.lower() not in ua.lower())]

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return all(self.inner.allowed(url, token) for token in self.tokens(user_agent))

    def crawl_delay(self, user_agent: str | bytes) -> float | None:
        delays = [d for t in self.tokens(user_agent) if (d := self.inner.crawl_delay(t)) is not None]
        return max(delays, default=None)


class _Unreachable(RobotParser):
    """The parser of a robots.txt that could not be fetched: everything is disallowed (RFC 9309 2.3.1.4)."""

    def __init__(self, why: str) -> None:
        self.why = why

    @classmethod
    def from_crawler(cls, crawler, robotstxt_body: bytes):  # pragma: no cover - never built by Scrapy
        return cls("unknown")

    def allowed(self, url, user_agent) -> bool:
        return False


ROBOTS_UNREACHABLE = "robots.txt unreachable"


class RfcRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt handling, with RFC 9309's rule for an unreachable robots.txt.

    Stock Scrapy parses a 5xx body (allowing nearly everything) and allows all after a network error.
    RFC 9309 2.3.1.4: unreachable (5xx, network error, timeout) means complete disallow; 2.3.1.3: 4xx
    (no robots.txt) means allow all. A bot wall in front of robots.txt (transforms.blockwall, any status) hides the
    rules: unreachable too, the refusals naming the wall. Retries within the run are the retry middleware's (robots.txt
    requests pass through it); the verdict lives in this process only, so the next run fetches again.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        # Requests that waited for the robots.txt fetch share one Deferred, and Deferred.asFuture consumes
        # its result: only the first waiter gets the parser, the others None (= allow all). Read the
        # settled parser back instead.
        parser = await super().robot_parser(request)
        settled = self._parsers.get(urlparse_cached(request).netloc, parser)
        return parser if hasattr(settled, "callback") else settled

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if wall := wall_of(response):  # a wall hides the rules, whatever its status: unreachable, disallow all
            self._settle(netloc, _Unreachable(wall.reason(response.status)))
            return
        if response.status >= 500:
            self._settle(netloc, _Unreachable(f"HTTP {response.status}"))
            return
        if 400 <= response.status < 500:  # no robots.txt: the body is an error page, not rules
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # refused by our own guards: those refuse the pages too
            super()._robots_error(exc, netloc)
            return
        key = f"robotstxt/exception_count/{type(exc)}"
        self._stats.inc_value(key)
        refused = HOST_POLICY.refusal(urlsplit(f"//{netloc}").hostname or "")
        why = f"refused: {refused}" if refused else f"{type(exc).__name__}: {exc}"[:200]
        self._settle(netloc, _Unreachable(why))

    def _settle(self, netloc: str, parser: RobotParser) -> None:
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(pending, "callback"):
            pending.callback(parser)

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        if isinstance(rp, _Unreachable):
            self._stats.inc_value("robotstxt/forbidden")
            raise IgnoreRequest(f"{ROBOTS_UNREACHABLE} ({rp.why}): disallow all per RFC 9309")
        super().process_request_2(rp, request)
