"""The one spider: every article one outlet published on one UTC day.

Discovery runs through the outlet's own listings (robots.txt `Sitemap:` lines, sitemap indexes and
news sitemaps, RSS/Atom feeds, date-archive pages with pagination); articles are fetched once per
canonical URL. Every response goes to WARC (crawler.middlewares.WarcArchiveMiddleware), every URL gets
one crawl-log line (crawler.crawllog.CrawlLogExtension, fed by the ``crawl_outcome`` signal). The spider
hands its outlet-day to those components as the crawler setting AKHBAR_OUTLET_DAY; they own their state.

    scrapy crawl outlet_day -a outlet=yjc -a day=2025-01-07 -a data_dir=data
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.exceptions import CloseSpider
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from akhbar.crawler import discovery
from akhbar.crawler.crawllog import OUTLET_DAY_SETTING, OutletDay, read_logs, send_outcome
from akhbar.crawler.middlewares import HOST_POLICY, OFFSITE_PREFIX, ROBOTS_UNREACHABLE, scheme_refusal
from akhbar.crawler.requisites import (
    MAX_BYTES_SETTING,
    PER_NIGHT_SETTING,
    PER_PAGE_SETTING,
    PRIORITY,
    REQUISITE,
    RequisitePlan,
    page_requisites,
)
from akhbar.crawler.warc import (
    CAPTURE_DATE_HEADER,
    CAPTURE_SOURCE_HEADER,
    WarcRecoveryError,
    archived_articles,
    neighbour_days,
    new_run_id,
    recover_open_files,
)
from akhbar.outlets.registry import Outlet, load_outlet_file, outlets_dir
from akhbar.transforms import blockwall
from akhbar.transforms.encoding import is_html_type, media_type
from akhbar.transforms.identity import normalize_url

#: the close reason of a crawl that did not start because an open WARC file could not be checked
WARC_UNCHECKED = "warc_unchecked"


class OutletDaySpider(Spider):
    name = "outlet_day"
    #: where this spider's responses come from (crawl_log.capture_source); the archive spider reads its archive
    capture_source = "live"
    #: whether an article page's lead image and stylesheets are asked for (crawler.requisites); not from an archive
    requisites_wanted = True

    def __init__(
        self,
        outlet: str,
        day: str,
        data_dir: str = "data",
        run_id: str | None = None,
        outlets_dir: str | None = None,
        refetch: str | bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        folder = Path(outlets_dir) if outlets_dir else _default_outlets_dir()
        self.outlet: Outlet = load_outlet_file(folder / f"{outlet}.toml")
        self.day = date.fromisoformat(day)
        self.local_days = discovery.local_days(self.day, self.outlet.timezone)
        self.root = Path(data_dir).resolve()
        self.run_id = run_id or new_run_id()
        self.refetch = str(refetch).lower() in ("1", "true", "yes")
        self.allowed_domains = list(self.outlet.allowed_domains)
        self.download_delay = self.outlet.crawl.download_delay
        self.seen_articles: set[str] = set()  # normalised URLs already requested or archived
        self.day_sitemaps: set[str] = set()  # filled from per-day sitemap templates in start()
        self.seen_listings: set[str] = set()
        self.pending: dict[str, str] = {}  # url -> kind, until it has an outcome
        self.listed: dict[str, tuple[Any, str, str]] = {}  # normalised URL -> best (when, kind, listing URL)
        # per-outlet-day bounds (outlet [crawl] max_*): what was made, and what max_requests turned away
        self.made = {"requests": 0, "sitemaps": 0, "queued": 0}
        self.over_queued = 0  # article URLs not queued for max_queued
        self.over_requests: list[tuple[str, str]] = []  # (url, kind) not requested for max_requests

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # the crawl log, WARC and guard components build themselves from this (settings freeze after us)
        crawler.settings.set(OUTLET_DAY_SETTING, OutletDay(spider.outlet, spider.day.isoformat(), spider.root,
                                                           spider.run_id), priority="spider")
        crawler.signals.connect(spider._opened, signal=signals.spider_opened)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        crawler.signals.connect(spider._dropped, signal=signals.request_dropped)
        settings = crawler.settings
        spider.requisites = RequisitePlan(spider.outlet, settings.getint(PER_PAGE_SETTING, 0),
                                          settings.getint(PER_NIGHT_SETTING, 0))
        spider.requisite_max_bytes = settings.getint(MAX_BYTES_SETTING, 0)
        return spider

    # -- life cycle -------------------------------------------------------------------------
    def _opened(self, spider: Spider) -> None:
        self.archived: dict[str, tuple[str, str]] = {}
        try:
            recover_open_files(self.root, self.day.isoformat(), self.outlet.slug)
        except WarcRecoveryError as exc:
            # a left-open WARC file that cannot be checked: crawling on would write beside it unchecked
            self._log(self.outlet.base_url, "other", "skipped", reason=f"crawl not started: {exc}"[:1000])
            raise CloseSpider(WARC_UNCHECKED) from exc
        if not self.refetch:
            self.archived = self._archived_articles()

    def _log(self, url: str, kind: str, outcome: str, **fields: Any) -> None:
        send_outcome(self.crawler, url, kind, outcome, **fields)

    def _closed(self, spider: Spider, reason: str) -> None:
        if self.over_requests:
            url, kind = self.over_requests[0]
            cap = self.outlet.crawl.max_requests
            self._log(url, kind, "capped", reason=(
                f"max_requests {cap} reached: made {self.made['requests']} requests, "
                f"{len(self.over_requests)} more URL(s) not requested (this one first)"))
        for url, kind in sorted(self.pending.items()):
            self._log(url, kind, "dropped", reason=f"no response before the crawl ended ({reason})")

    def _dropped(self, request: Request, spider: Spider) -> None:
        url = request.meta.get("akhbar_url", request.url)
        if url in self.pending:
            kind = self.pending.pop(url)
            host = urlsplit(request.url).hostname or ""
            inside = self.outlet.in_requisite_domains if kind == REQUISITE else self.outlet.in_domains
            offsite = not inside(host)
            # not offsite: the duplicate filter saw the URL already (typically a redirect target)
            outcome, why = ("offsite", f"left allowed domains: {request.url}") if offsite else (
                "skipped", f"duplicate of a request already made: {request.url}")
            self._log(url, kind, outcome, reason=why)

    def _archived_articles(self) -> dict[str, tuple[str, str]]:
        """Articles already archived with status 200, by normalised URL: (day folder, archived URL).

        This outlet-day's earlier runs first, then the days either side: the outlet's local days overlap
        two UTC days, so the crawl of D-1 or D+1 may have fetched (and left out as not on its day) a page
        that belongs to D. It is read back from their WARC files instead of being fetched twice."""
        done: dict[str, tuple[str, str]] = {}
        for day in neighbour_days(self.day):
            d = day.isoformat()
            here: dict[str, tuple[str, str]] = {}
            for rec in archived_articles(self.root, d, self.outlet.slug):
                # a wall archived with status 200 is not the page: fetch it again (and an archive run may have it)
                if blockwall.detect(rec.status, rec.headers, rec.body) is None:
                    here.setdefault(normalize_url(rec.url), (d, rec.url))
            # a URL that redirected to an archived page (a short /news/123 link in a feed) is done too
            for row in read_logs(self.root, d, self.outlet.slug):
                target = here.get(normalize_url(row["final_url"] or ""))
                if row.get("kind") == "article" and target:
                    here.setdefault(normalize_url(row["url"]), target)
            for key, value in here.items():
                done.setdefault(key, value)
        return done

    # -- requests ---------------------------------------------------------------------------
    def _request(self, url: str, kind: str, callback, **meta: Any) -> Request | None:
        url = url.strip()
        if refusal := scheme_refusal(url):  # file:, ftp:, data: ... from robots.txt, sitemaps, feeds, pages
            self._log(url, kind, "offsite", reason=refusal)
            return None
        try:
            host = urlsplit(url).hostname or ""
        except ValueError as exc:  # e.g. an invalid IPv6 literal in a listing
            self._log(url, kind, "skipped", reason=f"not a valid URL: {exc}")
            return None
        if not self.outlet.in_domains(host):
            self._log(url, kind, "offsite", reason="outside allowed_domains")
            return None
        if self.made["requests"] >= self.outlet.crawl.max_requests:
            self.over_requests.append((url, kind))
            return None
        self.made["requests"] += 1
        if kind == "sitemap":
            self.made["sitemaps"] += 1
        meta.update(akhbar_kind=kind, akhbar_url=url)
        self.pending[url] = kind
        # dont_filter: the spider dedups by URL itself (seen_listings, seen_articles); Scrapy's duplicate
        # filter would also drop a redirect that comes back to the URL it started from, losing the page.
        # Redirect loops stay bounded by REDIRECT_MAX_TIMES, hosts by AllowedDomainsGuardMiddleware.
        return Request(url, callback=callback, errback=self._failed, meta=meta, dont_filter=True)

    async def start(self) -> AsyncIterator[Request]:
        o = self.outlet
        base = o.base_url
        wanted: list[Request | None] = [self._request(urljoin(base, "/robots.txt"), "robots", self._robots)]
        if o.discovery.auto:
            wanted.append(self._request(base, "home", self._home))
        wanted += [self._request(u, "feed", self._feed) for u in o.discovery.feeds]
        wanted += [self._request(u, "sitemap", self._sitemap) for u in o.sitemap_urls(self.local_days)]
        # per-day sitemaps from templates list the whole local day, whatever their entries' dates say
        self.day_sitemaps = set(o.sitemap_urls(self.local_days)) - set(o.discovery.sitemaps)
        for local in self.local_days:
            for url in o.archive_urls(local, page=1):
                wanted.append(self._request(url, "archive", self._archive, page=1, local_day=local))
        for req in wanted:
            if req is not None:
                self.seen_listings.add(req.url)
                yield req

    def _listing(self, url: str, kind: str, callback, **meta: Any) -> Request | None:
        if url in self.seen_listings:
            return None
        self.seen_listings.add(url)
        return self._request(url, kind, callback, **meta)

    def _article(self, url: str, via: str, listed: tuple[Any, str] = (None, "")) -> Request | None:
        """``listed``: (date the listing gives the article or None, listing kind) — the pipeline's
        evidence when the page's own date is missing or disagrees (crawl_log listed_at / listed_by).
        Tracking parameters are stripped first: the crawl log's ``url`` is the URL requested."""
        url = discovery.without_tracking(url.strip())
        if not self.outlet.is_article_url(url):
            return None
        key = normalize_url(url)
        # every listing naming the page is evidence; the best one goes on the page's log line
        if listed[1] and LISTING_RANK[listed[1]] > LISTING_RANK.get(self.listed.get(key, (0, ""))[1], 0):
            self.listed[key] = (listed[0], listed[1], via)
        if key in self.seen_articles:
            return None
        if self.made["queued"] >= self.outlet.crawl.max_queued:
            self.over_queued += 1
            return None
        self.seen_articles.add(key)
        if key in self.archived:
            day, archived_url = self.archived[key]
            reason = ("archived by an earlier run of this day" if day == self.day.isoformat() else
                      f"archived by the crawl of {day} (overlapping local day); read from its WARC files")
            self._log(url, "article", "archived_earlier", reason=reason, final_url=archived_url,
                      listed_at=listed[0], listed_by=f"{listed[1]} {via}" if listed[1] else None)
            return None
        request = self._request(url, "article", self._article_done, via=via)
        if request is not None:
            self.made["queued"] += 1
        return request

    # -- bounds -----------------------------------------------------------------------------
    def _sitemaps_within_cap(self, urls: list[str], what: str) -> tuple[list[str], str | None]:
        """The new sitemap URLs that fit max_sitemaps, and the `capped` reason when some do not."""
        new = [u for u in dict.fromkeys(u.strip() for u in urls) if u not in self.seen_listings]
        cap = self.outlet.crawl.max_sitemaps
        room = max(0, cap - self.made["sitemaps"])
        if len(new) <= room:
            return new, None
        return new[:room], (f"{what} listed {len(new)} sitemaps; fetched {room} "
                            f"(max_sitemaps {cap}, {self.made['sitemaps']} fetched before)")

    def _queued_within_cap(self, listed: int, over_before: int) -> str | None:
        """The `capped` reason when max_queued turned away article URLs of this listing, else None."""
        over = self.over_queued - over_before
        if not over:
            return None
        cap = self.outlet.crawl.max_queued
        return f"listed {listed} article URLs of the day; {over} not queued (max_queued {cap} reached)"

    def _ok_or_capped(self, response: Response, reasons: list[str | None]) -> None:
        why = "; ".join(r for r in reasons if r)
        self._ok(response, "capped" if why else "ok", reason=why or None)

    def _ok(self, response: Response, outcome: str = "ok", reason: str | None = None) -> str:
        url = response.meta["akhbar_url"]
        kind = self.pending.pop(url, response.meta["akhbar_kind"])
        warc_file = response.meta.get("akhbar_warc", (None, None))[0]
        listed_at, listed_kind, via = self.listed.get(normalize_url(url), (None, "", None))
        self._log(
            url, kind, outcome, status=response.status, size=len(response.body), final_url=response.url, reason=reason,
            duration_ms=_ms(response.meta.get("download_latency")), warc_file=warc_file,
            fetched_at=response.meta.get("akhbar_fetched_at"), listed_at=listed_at,
            listed_by=f"{listed_kind} {via}" if listed_kind else None, **self._capture(response),
        )
        return url

    def _walled(self, response: Response) -> bool:
        """Whether a bot wall answered instead of the page (transforms.blockwall): then it is logged ``blocked`` with
        the vendor (the WARC file has it as it came) and the callback reads nothing from it."""
        wall = blockwall.detect(response.status, response.headers, response.body)
        if wall is None:
            return False
        self._ok(response, "blocked", reason=wall.reason(response.status))
        return True

    # -- callbacks --------------------------------------------------------------------------
    def _robots(self, response: Response) -> Iterable[Request]:
        if self._walled(response):
            return
        if not self.outlet.discovery.auto:
            self._ok(response)
            return
        found = discovery.robots_sitemaps(response.body, response.url)
        if not found and not self.outlet.discovery.sitemaps:
            found = [urljoin(self.outlet.base_url, p) for p in discovery.COMMON_SITEMAP_PATHS]
        found, capped = self._sitemaps_within_cap(found, "robots.txt")
        self._ok_or_capped(response, [capped])
        yield from _some(self._listing(url, "sitemap", self._sitemap) for url in found)

    def _home(self, response: Response) -> Iterable[Request]:
        if self._walled(response):
            return
        self._ok(response)
        if not self.outlet.discovery.feeds:
            feeds = discovery.alternate_feeds(response.body, response.url)
            yield from _some(self._listing(url, "feed", self._feed) for url in feeds)

    def _feed(self, response: Response) -> Iterable[Request]:
        if self._walled(response):
            return
        try:
            entries = discovery.parse_feed(response.body, response.url)
        except ValueError as exc:
            self.logger.warning("%s: %s", response.url, exc)
            self._ok(response, "extract_failed", reason=str(exc)[:500])
            return
        day_entries = [e for e in entries if discovery.on_day(e.when, self.day)]
        cap, capped = self.outlet.crawl.max_feed_links, None
        if len(day_entries) > cap:
            capped = (f"feed listed {len(day_entries)} article links of the day; took the first {cap} "
                      f"(max_feed_links {cap})")
        over_before = self.over_queued
        requests = list(_some(self._article(e.url, via=response.url, listed=(e.when, "feed"))
                              for e in day_entries[:cap]))
        self._ok_or_capped(response, [capped, self._queued_within_cap(min(len(day_entries), cap), over_before)])
        yield from requests

    def _sitemap(self, response: Response) -> Iterable[Request]:
        if self._walled(response):
            return
        try:
            listing = discovery.parse_sitemap(response.body)
        except ValueError as exc:
            self.logger.warning("%s: %s", response.url, exc)
            self._ok(response, "extract_failed", reason=str(exc)[:500])
            return
        if listing.is_index:
            children = discovery.child_sitemaps_for_day(listing, self.day, also=self.local_days)
            children, capped = self._sitemaps_within_cap(children, "sitemap index")
            self._ok_or_capped(response, [capped])
            yield from _some(self._listing(url, "sitemap", self._sitemap) for url in children)
            return
        # a sitemap named for the day lists that day's articles whatever their lastmod says
        whole = response.meta.get("akhbar_url") in self.day_sitemaps or any(
            _names_day(response.url, d) for d in {self.day, *self.local_days})
        if whole:  # the day's own sitemap: everything that can be of the day (lastmod may be later)
            picked = [e for e in listing.entries if discovery.may_be_on_day(e, self.day)]
        else:
            picked = [e for e in listing.entries if discovery.on_day(e.when, self.day)]
        over_before = self.over_queued
        requests = list(_some(self._article(e.url, via=response.url,
                                            listed=(e.when, "sitemap_news" if e.published else "sitemap_lastmod"))
                              for e in picked))
        self._ok_or_capped(response, [self._queued_within_cap(len(picked), over_before)])
        yield from requests

    def _archive(self, response: Response) -> Iterable[Request]:
        if self._walled(response):
            return
        page = response.meta["page"]
        # one parse, in the response's encoding; linear in the links (a 16 MiB page runs on the reactor thread)
        listing = discovery.ArchivePage(response.body, response.url, getattr(response, "encoding", None))
        links = listing.links
        listed = (_local_noon(response.meta["local_day"], self.outlet.timezone), "archive")
        over_before = self.over_queued
        new = [r for r in (self._article(u, via=response.url, listed=listed) for u in links) if r is not None]
        self._ok_or_capped(response, [self._queued_within_cap(len(links), over_before)])
        yield from new
        if page >= self.outlet.discovery.archive_max_pages:
            return
        # next page: the template's {page}, else the page's own rel=next link
        next_urls = []
        # the day goes on while a page lists article links its previous page did not (a sidebar repeated on
        # every page does not count); not "links no other listing queued": which listing answered first must
        # not decide how deep the archive is read. Bounded by archive_max_pages.
        articles = frozenset(u for u in links if self.outlet.is_article_url(u))
        goes_on = bool(articles - response.meta.get("akhbar_prev_articles", frozenset()))
        if goes_on and any("{page" in t for t in self.outlet.discovery.archives):
            next_urls = [u for u in self.outlet.archive_urls(response.meta["local_day"], page + 1)
                         if u not in self.seen_listings][:1]
        if not next_urls:
            next_urls = listing.next_pages[:1]
        local = response.meta["local_day"]
        yield from _some(self._listing(url, "archive", self._archive, page=page + 1, local_day=local,
                                       akhbar_prev_articles=articles) for url in next_urls)

    def _article_done(self, response: Response) -> list[Request]:
        # a list, not a generator: the archive spider calls this for its logging only
        if self._walled(response):
            return []
        ctype = media_type((response.headers.get(b"Content-Type") or b"").decode("latin-1"))
        if not is_html_type(ctype):
            self._ok(response, "skipped", reason=f"not an HTML page ({ctype}); archived, not extracted")
            return []
        self._ok(response)
        return list(self._requisites(response)) if response.status == 200 else []

    def _requisites(self, response: Response) -> Iterable[Request]:
        """The page's lead image and stylesheets (crawler.requisites), each once per crawl and within its caps,
        through the same middlewares as every request; refusals get their crawl-log line."""
        plan = getattr(self, "requisites", None)
        if plan is None or plan.per_page <= 0 or not self.requisites_wanted:
            return
        take, refused = plan.plan(page_requisites(response.body, response.url))
        for r in refused:
            self._log(r.url, REQUISITE, r.outcome, reason=r.reason)
        for url in take:
            if refusal := scheme_refusal(url):
                self._log(url, REQUISITE, "offsite", reason=refusal)
                continue
            if self.made["requests"] >= self.outlet.crawl.max_requests:  # requests of any kind: these too
                self.over_requests.append((url, REQUISITE))
                continue
            self.made["requests"] += 1
            self.pending[url] = REQUISITE
            meta: dict[str, Any] = {"akhbar_kind": REQUISITE, "akhbar_url": url}
            if self.requisite_max_bytes > 0:  # Scrapy reads 0 as no cap at all
                meta["download_maxsize"] = self.requisite_max_bytes
            yield Request(url, callback=self._requisite_done, errback=self._failed, meta=meta, dont_filter=True,
                          priority=PRIORITY)

    def _requisite_done(self, response: Response) -> None:
        if not self._walled(response):
            self._ok(response)

    def _failed(self, failure: Failure) -> None:
        request = failure.request
        url = request.meta.get("akhbar_url", request.url)
        kind = self.pending.pop(url, request.meta.get("akhbar_kind", "other"))
        outcome, status, reason, size = classify_failure(failure)
        response = getattr(failure.value, "response", None)
        # a wall answering 403/503, or a cookie challenge's redirect (not followed: crawler.middlewares)
        wall = blockwall.detect(response.status, response.headers, response.body) if response is not None else None
        if wall is not None:
            outcome, reason = "blocked", wall.reason(response.status)
        host = urlsplit(request.url).hostname or ""
        if type(failure.value).__name__ == "DNSLookupError" and (refused := HOST_POLICY.refusal(host)):
            outcome, reason = "skipped", f"refused: {refused}"  # the resolver refused the address it got
        if reason and request.meta.get("akhbar_reason"):
            reason = f"{reason}; {request.meta['akhbar_reason']}"
        if request.meta.get("redirect_urls"):
            reason = f"{reason}; after {len(request.meta['redirect_urls'])} redirect(s) to {request.url}"
        self._log(
            url, kind, outcome, status=status, size=size, reason=reason,
            final_url=response.url if response is not None else request.url,
            warc_file=(response.meta.get("akhbar_warc") or (None,))[0] if response is not None else None,
            **self._capture(response),
        )

    def _capture(self, response: Response | None) -> dict[str, Any]:
        """The crawl-log provenance of a line: the crawl's source (live, or the web archive it reads), and the
        archive capture's time when the response was one (crawler.archives)."""
        provenance = (response.meta.get("akhbar_provenance") if response is not None else None) or {}
        when = provenance.get(CAPTURE_DATE_HEADER)
        return {"capture_source": provenance.get(CAPTURE_SOURCE_HEADER, self.capture_source),
                "captured_at": datetime.fromisoformat(when.replace("Z", "+00:00")) if when else None}


def classify_failure(failure: Failure) -> tuple[str, int | None, str, int | None]:
    """(outcome, status, reason, bytes) for a failed request, from Scrapy's and Twisted's errors."""
    exc = failure.value
    name = type(exc).__name__
    text = str(exc) or name
    if isinstance(exc, HttpError):
        r = exc.response
        return "http_error", r.status, f"HTTP {r.status}", len(r.body)
    lowered = text.lower()
    if text.startswith(ROBOTS_UNREACHABLE):
        return "robots_denied", None, text, None
    if "robots.txt" in lowered:
        return "robots_denied", None, "forbidden by robots.txt", None
    if "maxsize" in lowered or "max size" in lowered or "download_maxsize" in lowered:
        return "too_large", None, text, None
    if "timeout" in name.lower() or "timed out" in lowered:
        return "timeout", None, f"{name}: {text}", None
    if name == "DownloadCancelledError" and text == name:
        # Scrapy cancels without a message only when a body without Content-Length outgrows the cap
        return "too_large", None, "body exceeded DOWNLOAD_MAXSIZE while streaming (download cancelled)", None
    if name == "IgnoreRequest" and text.startswith(OFFSITE_PREFIX):
        return "offsite", None, text, None
    if name == "IgnoreRequest" and "max redirections" in lowered:
        return "http_error", None, "redirect loop or chain over REDIRECT_MAX_TIMES (max redirections reached)", None
    if name == "IgnoreRequest":
        return "skipped", None, text, None
    return "network_error", None, f"{name}: {text}", None


def _some(requests: Iterable[Request | None]) -> Iterable[Request]:
    return (r for r in requests if r is not None)


def _names_day(url: str, day: date) -> bool:
    return any(day.strftime(f) in url for f in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"))


#: listing evidence, weakest first: an archive page's day < a lastmod < a feed date < a news publication date
LISTING_RANK = {"archive": 1, "sitemap_lastmod": 2, "feed": 3, "sitemap_news": 4}


def _local_noon(day: date, timezone: str) -> Any:
    """An archive page's day as a time: its local noon in UTC (a date-only listing's midpoint)."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def _ms(seconds: float | None) -> int | None:
    return None if seconds is None else int(seconds * 1000)


def _default_outlets_dir() -> Path:
    return outlets_dir()

