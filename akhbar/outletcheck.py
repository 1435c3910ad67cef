"""``akhbar outlets check``: probe one outlet live and say which discovery routes work.

One request per source, sequential and spaced by the outlet's download_delay: robots.txt, each
feed, each sitemap (and one child of an index), the archive page of yesterday (outlet's local day),
and one sample article run through the real extractor. Parsing uses the crawler's own functions
(crawler.discovery, transforms.extract) so a green check means the crawler can use the source.
Every failure (DNS, refused connection, timeout, HTTP error, bad XML, offsite redirect) becomes a
failed probe with a reason; nothing here raises for network trouble.
"""

from __future__ import annotations

import gzip
import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from rich.console import Group
from rich.table import Table
from rich.text import Text

from crawler import discovery
from outlets.registry import Outlet

#: body size cap, as the crawler's DOWNLOAD_MAXSIZE (also bounds decompressed sitemaps)
MAX_BYTES = 16 * 1024 * 1024
#: robots.txt Sitemap: lines probed besides the configured sitemaps (some sites list dozens)
MAX_ROBOTS_SITEMAPS = 3
REDIRECT_LIMIT = 10
#: seconds one probe (all its redirect hops, headers and body) may take in total; urllib's timeout is
#: per socket operation, so a body dripping a byte a second would otherwise never time out
PROBE_DEADLINE = 30.0
READ_CHUNK = 64 * 1024
DISCOVERY_KINDS = ("feed", "sitemap", "archive")


@dataclass(frozen=True)
class Probe:
    name: str
    url: str
    ok: bool
    detail: str
    status: int | None = None
    #: article URLs (matching article_url_pattern, inside allowed_domains) this source listed
    article_urls: tuple[str, ...] = field(default=(), repr=False)

    @property
    def kind(self) -> str:
        return self.name.split(" ", 1)[0]


@dataclass
class CheckReport:
    outlet: Outlet
    probes: list[Probe]

    def by_kind(self, kind: str) -> list[Probe]:
        return [p for p in self.probes if p.kind == kind]

    @property
    def ok(self) -> bool:
        """robots.txt fetched, some discovery source yields article URLs, a sample article extracted."""
        robots = self.by_kind("robots.txt")
        sources = [p for k in DISCOVERY_KINDS for p in self.by_kind(k)]
        articles = self.by_kind("article")
        return (bool(robots) and robots[0].ok and any(p.ok and p.article_urls for p in sources)
                and bool(articles) and articles[0].ok)


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


def default_user_agent() -> str:
    try:
        from crawler.settings import USER_AGENT
    except ImportError:  # pragma: no cover - the crawler package ships with akhbar
        return "akhbar/0.1"
    return USER_AGENT


class _Fetcher:
    """urllib with the crawler's guards: allowed_domains and private hosts checked on every hop."""

    def __init__(self, outlet: Outlet, timeout: float, user_agent: str, deadline: float = PROBE_DEADLINE) -> None:
        self.outlet, self.timeout, self.user_agent, self.deadline = outlet, timeout, user_agent, deadline
        self._last: float | None = None
        self._private: dict[str, str | None] = {}

    def _guard(self, url: str) -> None:
        from crawler.middlewares import scheme_refusal

        if refusal := scheme_refusal(url):  # a file:// sitemap in robots.txt must not read local files
            raise FetchError(f"refused: {refusal}")
        host = urlsplit(url).hostname or ""
        if not self.outlet.in_domains(host):
            raise FetchError(f"refused: {host or url} is outside allowed_domains {self.outlet.allowed_domains}")
        if not self.outlet.crawl.allow_private_hosts:
            if host not in self._private:
                from crawler.middlewares import private_address_reason

                self._private[host] = private_address_reason(host)
            if self._private[host]:
                raise FetchError(f"refused: {self._private[host]}")

    def _pause(self) -> None:
        # politeness: the outlet's download_delay between our requests
        if self._last is not None:
            wait = self.outlet.crawl.download_delay - (time.monotonic() - self._last)
            if wait > 0:
                time.sleep(wait)
        self._last = time.monotonic()

    def get(self, url: str) -> Fetched:
        current = url
        ends = None  # the probe's deadline starts with its first request, after the politeness pause
        for _ in range(REDIRECT_LIMIT + 1):
            self._guard(current)
            self._pause()
            ends = ends or time.monotonic() + self.deadline
            status, headers, body = self._once(current, ends)
            if status in (301, 302, 303, 307, 308) and headers.get("Location"):
                current = urljoin(current, headers["Location"])
                continue
            if status >= 400:
                raise FetchError(f"HTTP {status}", status)
            return Fetched(url, current, status, headers.get("Content-Type"), self._decoded(body, headers))
        raise FetchError(f"more than {REDIRECT_LIMIT} redirects", None)

    def _once(self, url: str, ends: float) -> tuple[int, http.client.HTTPMessage, bytes]:
        req = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        })
        left = ends - time.monotonic()
        if left <= 0:
            raise FetchError(self._over_deadline())
        try:
            with _opener(url).open(req, timeout=min(self.timeout, left)) as resp:
                return resp.status, resp.headers, self._read_by(resp, ends)
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, exc.headers, b""
        except urllib.error.URLError as exc:
            raise FetchError(_network_reason(exc.reason, self.timeout)) from None
        except TimeoutError:
            raise FetchError(f"timed out after {self.timeout:g} s") from None
        except (http.client.HTTPException, OSError, ValueError) as exc:
            raise FetchError(_network_reason(exc, self.timeout)) from None

    def _over_deadline(self) -> str:
        return f"probe deadline of {self.deadline:g} s exceeded (slow or dripping response)"

    def _read_by(self, resp, ends: float) -> bytes:
        """The body, capped at MAX_BYTES, read before the deadline: read1 returns whatever has arrived,
        and each wait for more is bounded by the time left."""
        chunks: list[bytes] = []
        size = 0
        while True:
            left = ends - time.monotonic()
            if left <= 0:
                raise FetchError(self._over_deadline(), resp.status)
            _set_read_timeout(resp, min(self.timeout, left))
            try:
                chunk = resp.read1(READ_CHUNK)
            except TimeoutError:
                if ends - time.monotonic() <= 0:
                    raise FetchError(self._over_deadline(), resp.status) from None
                raise
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:
                raise FetchError(f"body larger than {MAX_BYTES // (1024 * 1024)} MiB", resp.status)

    @staticmethod
    def _decoded(body: bytes, headers: http.client.HTTPMessage) -> bytes:
        encoding = (headers.get("Content-Encoding") or "").lower()
        # gzip by header, or a .xml.gz sitemap served as a gzip file
        if "gzip" in encoding or body[:2] == b"\x1f\x8b":
            return _inflate(body, zlib.MAX_WBITS | 16)
        if "deflate" in encoding:
            try:
                return _inflate(body, zlib.MAX_WBITS)
            except FetchError:
                return _inflate(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send
        return body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by _Fetcher.get so that each hop passes the guards."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        return None


def _opener(url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    host = urlsplit(url).hostname or ""
    if _is_loopback(host):
        handlers.append(urllib.request.ProxyHandler({}))  # never send loopback traffic to a proxy
    return urllib.request.build_opener(*handlers)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _set_read_timeout(resp, seconds: float) -> None:
    """Shorten the socket timeout of an open urllib response to the time the probe has left."""
    sock = getattr(getattr(resp, "fp", None), "raw", None)
    sock = getattr(sock, "_sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))


def _inflate(body: bytes, wbits: int) -> bytes:
    try:
        d = zlib.decompressobj(wbits)
        out = d.decompress(body, MAX_BYTES + 1)
    except zlib.error as exc:
        raise FetchError(f"bad compressed body: {exc}") from None
    if len(out) > MAX_BYTES:
        raise FetchError(f"decompressed body larger than {MAX_BYTES // (1024 * 1024)} MiB")
    return out


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"DNS lookup failed: {reason.strerror or reason}"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError):
        return "connection reset by peer"
    if isinstance(reason, (http.client.IncompleteRead, http.client.RemoteDisconnected)):
        return f"connection closed early: {type(reason).__name__}"
    if isinstance(reason, gzip.BadGzipFile):
        return f"bad gzip body: {reason}"
    text = str(reason) or type(reason).__name__
    return f"network error: {text}"


# ---- the probes ------------------------------------------------------------------------------

def _yesterday(outlet: Outlet) -> date:
    return datetime.now(ZoneInfo(outlet.timezone)).date() - timedelta(days=1)


def _short(urls: list[str], n: int = 3) -> str:
    more = f" (+{len(urls) - n} more)" if len(urls) > n else ""
    return ", ".join(urls[:n]) + more


class _Checker:
    def __init__(self, outlet: Outlet, fetcher: _Fetcher, day: date) -> None:
        self.outlet, self.fetch, self.day = outlet, fetcher, day
        self.probes: list[Probe] = []
        self.robots = None  # scrapy ProtegoRobotParser when robots.txt was read
        self.robots_sitemaps: list[str] = []

    def add(self, probe: Probe) -> Probe:
        self.probes.append(probe)
        return probe

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.allowed(url, self.fetch.user_agent)

    def get(self, name: str, url: str) -> Fetched | None:
        """Fetch or record the failed probe; URLs robots.txt disallows are not fetched."""
        if not self.allowed(url):
            self.add(Probe(name, url, False, "disallowed by robots.txt for our User-Agent; not fetched"))
            return None
        try:
            return self.fetch.get(url)
        except FetchError as exc:
            self.add(Probe(name, url, False, exc.reason, exc.status))
            return None

    def articles(self, urls: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u for u in urls if self.outlet.is_article_url(u)))

    # robots.txt ----------------------------------------------------------------------------
    def check_robots(self) -> None:
        from scrapy.robotstxt import ProtegoRobotParser

        url = urljoin(self.outlet.base_url, "/robots.txt")
        try:
            got = self.fetch.get(url)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                # no robots.txt means no restrictions (RFC 9309 2.3.1.3)
                self.add(Probe("robots.txt", url, True, f"HTTP {exc.status}: no robots.txt, nothing disallowed",
                               exc.status))
            else:
                self.add(Probe("robots.txt", url, False, exc.reason, exc.status))
            return
        self.robots = ProtegoRobotParser(got.body, None)
        self.robots_sitemaps = discovery.robots_sitemaps(got.body, got.final_url)
        o = self.outlet
        configured = [o.base_url, *o.discovery.feeds, *o.sitemap_urls([self.day]), *o.archive_urls(self.day, 1)]
        blocked = [u for u in configured if not self.allowed(u)]
        parts = [f"base_url {'allowed' if self.allowed(o.base_url) else 'DISALLOWED'}"]
        if blocked:
            parts.append(f"disallowed: {_short(blocked)}")
        parts.append(f"{len(self.robots_sitemaps)} Sitemap: line(s)"
                     + (f": {_short(self.robots_sitemaps)}" if self.robots_sitemaps else ""))
        delay = self.robots.crawl_delay(self.fetch.user_agent)
        if delay:
            parts.append(f"Crawl-delay {delay:g} s")
        self.add(Probe("robots.txt", url, self.allowed(o.base_url), "; ".join(parts), got.status))

    # feeds ---------------------------------------------------------------------------------
    def check_feeds(self) -> None:
        feeds = list(self.outlet.discovery.feeds)
        if not feeds and self.outlet.discovery.auto:
            home = self.get("home", self.outlet.base_url)
            if home is None:
                return
            feeds = discovery.alternate_feeds(home.body, home.final_url)
            self.add(Probe("home", self.outlet.base_url, True,
                           f"{len(feeds)} <link rel=alternate> feed(s)" + (f": {_short(feeds)}" if feeds else ""),
                           home.status))
        for url in feeds:
            got = self.get("feed", url)
            if got is None:
                continue
            try:
                entries = discovery.parse_feed(got.body, got.final_url)
            except ValueError as exc:
                self.add(Probe("feed", url, False, str(exc)[:300], got.status))
                continue
            links = [e.url for e in entries]
            found = self.articles(links)
            dated = sum(1 for e in entries if e.when is not None)
            detail = f"{len(entries)} entries ({dated} dated), {len(found)} match article_url_pattern"
            if entries and not found:
                detail += f"; e.g. {links[0]}"
            self.add(Probe("feed", url, bool(found), detail, got.status, found))

    # sitemaps ------------------------------------------------------------------------------
    def check_sitemaps(self) -> None:
        urls = self.outlet.sitemap_urls([self.day])
        if self.outlet.discovery.auto:
            urls += [u for u in self.robots_sitemaps if self.outlet.in_domains(urlsplit(u).hostname or "")][
                :MAX_ROBOTS_SITEMAPS]
        for url in dict.fromkeys(urls):
            self.check_sitemap("sitemap", url, depth=0)

    def check_sitemap(self, name: str, url: str, depth: int) -> None:
        got = self.get(name, url)
        if got is None:
            return
        try:
            listing = discovery.parse_sitemap(got.body)
        except ValueError as exc:
            self.add(Probe(name, url, False, str(exc)[:300], got.status))
            return
        if listing.is_index:
            children = [e.url for e in listing.entries]
            for_day = discovery.child_sitemaps_for_day(
                listing, self.day, also=discovery.local_days(self.day, self.outlet.timezone))
            self.add(Probe(name, url, bool(children),
                           f"sitemap index: {len(children)} child sitemaps, {len(for_day)} for {self.day}",
                           got.status))
            # one child is enough to show the route works; prefer one that lists the day
            if depth < 2 and (for_day or children):
                self.check_sitemap("sitemap (child)", (for_day or children)[0], depth + 1)
            return
        links = [e.url for e in listing.entries]
        found = self.articles(links)
        on_day = sum(1 for e in listing.entries if discovery.on_day(e.when, self.day))
        detail = f"{len(links)} URLs, {len(found)} match article_url_pattern, {on_day} dated {self.day}"
        if links and not found:
            detail += f"; e.g. {links[0]}"
        self.add(Probe(name, url, bool(found), detail, got.status, found))

    # archive -------------------------------------------------------------------------------
    def check_archives(self) -> None:
        for url in self.outlet.archive_urls(self.day, 1):
            got = self.get("archive", url)
            if got is None:
                continue
            links = discovery.page_links(got.body, got.final_url)
            found = self.articles(links)
            nxt = discovery.next_page_links(got.body, got.final_url)
            detail = f"{self.day} page 1: {len(links)} links, {len(found)} article links"
            if nxt:
                detail += "; has a next page"
            self.add(Probe("archive", url, bool(found), detail, got.status, found))

    # sample article ------------------------------------------------------------------------
    def check_article(self) -> None:
        from transforms.extract import ExtractionError, extract_article

        sources = [p for k in DISCOVERY_KINDS for p in self.probes if p.kind == k and p.article_urls]
        candidates = [u for p in sources for u in p.article_urls]
        url = next((u for u in candidates if self.allowed(u)), None)
        if url is None:
            reason = ("every article URL found is disallowed by robots.txt" if candidates
                      else "no article URL found by any source")
            self.add(Probe("article", "", False, reason))
            return
        got = self.get("article", url)
        if got is None:
            return
        try:
            art = extract_article(got.body, got.final_url, content_type=got.content_type,
                                  overrides=self.outlet.extract, tz=self.outlet.timezone)
        except ExtractionError as exc:
            self.add(Probe("article", url, False, f"extraction failed: {exc.reason}", got.status))
            return
        except Exception as exc:  # a crash in extraction is a finding, not a reason to stop the report
            self.add(Probe("article", url, False, f"extractor error: {type(exc).__name__}: {exc}"[:300], got.status))
            return
        when = art.published_at.isoformat() if art.published_at else "no date found"
        lang_ok = art.language == self.outlet.language
        detail = (f"title «{art.title or '(none)'}»; published {when}; language {art.language}"
                  + ("" if lang_ok else f" (expected {self.outlet.language})")
                  + f"; {len(art.text)} chars of text")
        self.add(Probe("article", url, lang_ok and bool(art.text.strip()), detail, got.status))


def check_outlet(outlet: Outlet, *, timeout: float = 20.0, user_agent: str | None = None,
                 day: date | None = None, deadline: float = PROBE_DEADLINE) -> CheckReport:
    """Probe an outlet live. ``day`` (default: yesterday in the outlet's timezone) picks the archive
    page and the day sitemaps are judged against. ``timeout`` bounds each socket operation,
    ``deadline`` each probe as a whole (redirects, headers and body)."""
    fetcher = _Fetcher(outlet, timeout, user_agent or default_user_agent(), deadline)
    checker = _Checker(outlet, fetcher, day or _yesterday(outlet))
    checker.check_robots()
    checker.check_feeds()
    checker.check_sitemaps()
    checker.check_archives()
    checker.check_article()
    return CheckReport(outlet, checker.probes)


def render(report: CheckReport) -> Group:
    """A table of the probes and a verdict line."""
    o = report.outlet
    table = Table(title=f"{o.slug}: {o.name}" + (f" ({o.name_native})" if o.name_native else ""),
                  show_lines=False, expand=False)
    table.add_column("probe", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("status", justify="right", no_wrap=True)
    table.add_column("url", overflow="fold", max_width=60)
    table.add_column("detail", overflow="fold")
    for p in report.probes:
        mark = Text("ok", style="green") if p.ok else Text("FAIL", style="bold red")
        table.add_row(Text(p.name), mark, Text("" if p.status is None else str(p.status)), Text(p.url),
                      Text(p.detail))
    verdict = (Text("usable: robots.txt read, article URLs discovered, sample article extracted", style="green")
               if report.ok else Text("not usable as configured: see the failed probes", style="bold red"))
    return Group(table, verdict)
