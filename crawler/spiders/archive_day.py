"""The outlet-day spider over a web archive: the outlet's own listings as the archive captured them, plus the
archive's URL index of the outlet's domains in the day's capture window (crawler.archives does the fetching).

    scrapy crawl archive_day -a outlet=yjc -a day=2025-01-07 -s AKHBAR_SOURCE=wayback
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response

from akhbar.crawler import discovery
from akhbar.crawler.archives import ARCHIVE_META, SOFT_404_KIND, SOFT_404_META, ArchiveConfig, parse_cdx
from akhbar.crawler.spiders.outlet_day import OutletDaySpider
from akhbar.crawler.warc import iter_responses, warc_files
from akhbar.transforms.identity import normalize_url

#: crawl-log kind of an archive index query (the day's captures of a domain)
INDEX_KIND = "archive_index"


class ArchiveDaySpider(OutletDaySpider):
    name = "archive_day"
    #: a capture's images are the archive's to serve, not ours to fetch again at its rate
    requisites_wanted = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: article URL -> the index row of its capture (the middleware fetches exactly that capture)
        self.captures: dict[str, dict[str, str]] = {}
        self._index_urls: dict[str, str] = {}  # article URL -> the index query that named it
        self._index_done = False  # the index's URLs are queued once, after the listings ran dry
        self._held: list[Request] = []  # article requests held until every listing has been read

    @property
    def capture_source(self) -> str:  # type: ignore[override]
        return str(self.crawler.settings.get("AKHBAR_SOURCE"))

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider

    def _article(self, url: str, via: str, listed: tuple[Any, str] = (None, "")) -> Request | None:
        request = super()._article(url, via, listed)
        if request is not None and not self._index_done:
            self._held.append(request)
            return None
        return request

    def _archived_articles(self) -> dict[str, tuple[str, str]]:
        """As live, plus the day's soft-404 captures: archived (kind soft_404) and logged, not fetched again."""
        done = super()._archived_articles()
        d = self.day.isoformat()
        for path in warc_files(self.root, d, self.outlet.slug):
            for rec in iter_responses(self.root, path):
                if rec.kind == SOFT_404_KIND:
                    done.setdefault(normalize_url(rec.url), (d, rec.url))
        return done

    def _article_done(self, response: Response) -> None:
        if why := response.meta.get(SOFT_404_META):
            self._ok(response, "not_article", reason=why)  # a «page not found» captured as a 200: no row
            return
        super()._article_done(response)

    def _idle(self, spider: Any) -> None:
        """Once every listing has been read, queue the articles they named and those only the archive's index
        named: each article's line then carries the best listing evidence (listed_at) of all the day's listings,
        whatever order the archive answered in (a live crawl's listings answer long before its articles)."""
        if self._index_done:
            return
        self._index_done = True
        held, self._held = self._held, []
        queued = held + [r for r in (self._article(url, via=via) for url, via in sorted(self._index_urls.items()))
                         if r]
        for request in queued:
            self.crawler.engine.crawl(request)
        if queued:
            raise DontCloseSpider

    async def start(self) -> AsyncIterator[Request]:
        async for request in super().start():
            yield request
        config = ArchiveConfig.from_settings(self.crawler.settings)
        base = urlsplit(self.outlet.base_url)
        for domain in self.outlet.allowed_domains:
            # an archive keys captures by host and port: a site on a port is asked for with it
            url = config.domain_query(base.netloc if base.hostname == domain and base.port else domain, self.day)
            if url in self.seen_listings:
                continue
            self.seen_listings.add(url)
            self.pending[url] = INDEX_KIND
            yield Request(url, callback=self._index, errback=self._failed, dont_filter=True,
                          meta={"akhbar_kind": INDEX_KIND, "akhbar_url": url, ARCHIVE_META: url, "akhbar_step": "cdx",
                                "download_slot": url.split("/")[2], "dont_redirect": True})

    def _index(self, response: Response) -> Iterable[Request]:
        try:
            rows = parse_cdx(response.body)
        except ValueError as exc:
            self._ok(response, "extract_failed", reason=f"archive index answer unreadable: {exc}"[:500])
            return
        # the newest capture of each URL: a page captured again later is the same article (duplicates count once)
        for row in sorted(rows, key=lambda r: r.get("timestamp", "")):
            url = discovery.without_tracking(str(row.get("url", "")).strip())
            if str(row.get("status")) == "200" and url and self.outlet.is_article_url(url):
                self.captures[url] = row
        for url in self.captures:
            self._index_urls.setdefault(url, response.url)
        self._ok(response, reason=None if rows else "no captures of the domain in the capture window")
        return []
