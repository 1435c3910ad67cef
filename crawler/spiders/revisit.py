"""The revisit spider: archived articles of one outlet fetched again, to see edits and deletions (docs/revisits.md).

A mode of the outlet_day spider: the same robots.txt (RFC 9309), confinement, caps, politeness, WARC writer and
crawl log. It requests the targets the revisit plan gives it (``targets``: a JSON file, ``akhbar.pipeline.revisit``),
each with ``If-None-Match`` / ``If-Modified-Since`` from the stored capture's validators; the WARC middleware writes
a 304, or a payload identical to the stored one, as a ``revisit`` record. With the plan's ``listing`` part it also
reads the day sitemaps of the window's days (through the outlet's sitemaps and sitemap indexes, as the nightly spider
finds them) and the outlet's feeds (``discovery.feeds``, else those its home page announces, as the nightly spider
finds them), and revisits, unconditionally, each candidate whose ``lastmod`` there, or whose feed item's date
(``atom:updated``, else its ``pubDate``), is newer than our last look at it (``trigger`` listing; the crawl log's
``listed_by`` says which listing asked); the pipeline reads the same sitemaps back from the WARC file to see what
they stopped listing. Its WARC files sit beside the night's
(``<data>/warc/day=<night>/outlet=S/revisit-<time>-NNNNN.warc.gz``, records of kind ``revisit``, which no day's
extraction reads), so ``akhbar replay`` serves every version by its timestamp; its crawl log is apart
(``<data>/revisit/crawl/day=<night>/outlet=S/``): a revisit never adds to a day's crawl log, never counts in its
quality gate and never changes which day an article belongs to. The caller holds the night's outlet-day lock while it
runs (it recovers and writes that day's WARC folder).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.exceptions import CloseSpider
from scrapy.http import Response

from akhbar.crawler import discovery
from akhbar.crawler.crawllog import OUTLET_DAY_SETTING, OutletDay
from akhbar.crawler.spiders.outlet_day import WARC_UNCHECKED, OutletDaySpider, _names_day
from akhbar.crawler.warc import RevisitOf, WarcRecoveryError, recover_open_files
from akhbar.transforms.identity import normalize_url

#: the revisit crawl's own files (crawl logs, plans), under the data directory
REVISIT_ROOT = "revisit"
#: statuses the spider judges itself (a gone article is an answer, not a failure)
JUDGED_STATUSES = [304, 404, 410]


class RevisitSpider(OutletDaySpider):
    name = "revisit"

    def __init__(self, outlet: str, day: str, data_dir: str = "data", targets: str = "", **kwargs: Any) -> None:
        super().__init__(outlet, day, data_dir=data_dir, **kwargs)
        plan = json.loads(Path(targets).read_text(encoding="utf-8")) if targets else []
        if isinstance(plan, list):
            plan = {"targets": plan}
        self.targets: list[dict[str, Any]] = plan.get("targets", [])
        listing = plan.get("listing") or {}
        #: the window's days, and the articles of them not due tonight: normalised URL -> {url, since}
        self.window = [date.fromisoformat(d) for d in listing.get("days", [])]
        self.candidates: dict[str, dict[str, Any]] = listing.get("candidates", {})
        self.triggered: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.settings.set(OUTLET_DAY_SETTING, OutletDay(spider.outlet, spider.day.isoformat(), spider.root,
                                                           spider.run_id, log_root=spider.root / REVISIT_ROOT),
                             priority="spider")
        return spider

    def _opened(self, spider: Any) -> None:
        self.archived = {}
        try:
            recover_open_files(self.root, self.day.isoformat(), self.outlet.slug)
        except WarcRecoveryError as exc:
            self._log(self.outlet.base_url, "other", "skipped", reason=f"revisit not started: {exc}"[:1000])
            raise CloseSpider(WARC_UNCHECKED) from exc

    async def start(self) -> AsyncIterator[Request]:
        for target in self.targets:
            request = self._request(target["url"], "revisit", self._revisited)
            if request is None:  # offsite, or over max_requests: logged by _request / at close
                continue
            headers = {"If-None-Match": target.get("etag"), "If-Modified-Since": target.get("last_modified")}
            for name, value in headers.items():
                if value:
                    request.headers[name] = value
            request.meta["handle_httpstatus_list"] = JUDGED_STATUSES
            if target.get("revisit_of"):
                request.meta["akhbar_revisit_of"] = RevisitOf(**target["revisit_of"])
            yield request
        if self.window:
            days = sorted({d for day in self.window for d in discovery.local_days(day, self.outlet.timezone)})
            for url in self.outlet.sitemap_urls(days):
                request = self._listing(url, "sitemap", self._window_sitemap)
                if request is not None:
                    yield request
        for request in self._feed_requests():
            yield request

    def _feed_requests(self) -> list[Request]:
        """The outlet's feeds, read only when some article of the window may be triggered; with none configured and
        discovery ``auto``, the home page (for the feeds it announces), as the nightly spider does."""
        if not self.candidates:
            return []
        discovered = self.outlet.discovery
        if discovered.feeds:
            wanted = [self._listing(url, "feed", self._window_feed) for url in discovered.feeds]
        elif discovered.auto:
            wanted = [self._listing(self.outlet.base_url, "home", self._window_home)]
        else:
            wanted = []
        return [r for r in wanted if r is not None]

    def _window_home(self, response: Response) -> Iterable[Request]:
        if self._walled(response):
            return
        self._ok(response)
        for url in discovery.alternate_feeds(response.body, response.url):
            request = self._listing(url, "feed", self._window_feed)
            if request is not None:
                yield request

    def _window_feed(self, response: Response) -> Iterable[Request]:
        """A feed: each candidate whose item's date is newer than our last look at it is revisited unconditionally."""
        if self._walled(response):
            return
        try:
            entries = feed_changes(response.body, response.url)
        except ValueError as exc:
            self._ok(response, "extract_failed", reason=str(exc)[:500])
            return
        self._ok(response)
        for entry in entries:
            request = self._trigger(entry, "feed", response.url)
            if request is not None:
                yield request

    def _trigger(self, entry: discovery.Listed, kind: str, via: str) -> Request | None:
        """The revisit of a candidate whose listing entry (``kind``: sitemap_lastmod or feed) dates a change after our
        last look at it (once a night, whichever listing tells first); the crawl log's ``listed_by`` names it."""
        key = normalize_url(discovery.without_tracking(entry.url))
        found = self.candidates.get(key)
        if found is None or key in self.triggered or entry.when is None:
            return None
        if entry.when <= datetime.fromisoformat(found["since"]):
            return None
        self.triggered.add(key)
        self.listed[normalize_url(found["url"])] = (entry.when, kind, via)
        request = self._request(found["url"], "revisit", self._revisited)
        if request is not None:
            request.meta["handle_httpstatus_list"] = JUDGED_STATUSES
        return request

    def _window_sitemap(self, response: Response) -> Iterable[Request]:
        """A sitemap of the window: an index gives its day children; a day sitemap its candidates with a newer
        lastmod, revisited unconditionally (the listing says the page changed)."""
        if self._walled(response):
            return
        try:
            listing = discovery.parse_sitemap(response.body)
        except ValueError as exc:
            self._ok(response, "extract_failed", reason=str(exc)[:500])
            return
        if listing.is_index:
            children = [c for day in self.window for c in day_children(listing, day, self.outlet.timezone)]
            children, capped = self._sitemaps_within_cap(children, "sitemap index")
            self._ok_or_capped(response, [capped])
            for url in children:
                request = self._listing(url, "sitemap", self._window_sitemap)
                if request is not None:
                    yield request
            return
        self._ok(response)
        for entry in listing.entries:
            if entry.published:  # a publication date says nothing of a change
                continue
            request = self._trigger(entry, "sitemap_lastmod", response.url)
            if request is not None:
                yield request

    def _revisited(self, response: Response) -> None:
        if self._walled(response):
            return
        if response.status >= 400:
            self._ok(response, "http_error", reason=f"HTTP {response.status}")
            return
        record = response.meta.get("akhbar_record_type")
        self._ok(response, reason=f"WARC {record} record" if record == "revisit" else None)


def feed_changes(body: bytes, base_url: str) -> list[discovery.Listed]:
    """A feed's items, each with the latest date it gives (Atom ``updated``, an RSS item's ``atom:updated`` or
    ``dc:date``, else its ``pubDate``, which some outlets move on an edit): feedparser, as ``discovery.parse_feed``,
    which prefers the publication date a day's crawl needs. Raises ValueError on garbage."""
    return discovery.parse_feed(body, base_url, latest=True)


def day_children(listing: discovery.SitemapListing, day: date, timezone: str) -> list[str]:
    """The children of a sitemap index that are the day's own sitemaps (their URL names one of its local days):
    the listings that keep naming the day's articles, unlike a news sitemap of the newest days."""
    local = discovery.local_days(day, timezone)
    return [c for c in discovery.child_sitemaps_for_day(listing, day, also=local)
            if any(_names_day(c, d) for d in {day, *local})]
