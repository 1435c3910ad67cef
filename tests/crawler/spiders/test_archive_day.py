"""crawler/spiders/archive_day.py, driven with fake responses: the archive's index names the day's article
captures (status 200, article URLs, the newest capture of each), articles wait until every listing was read, and a
captured «page not found» is logged, not stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from akhbar.crawler.archives import SOFT_404_META
from akhbar.crawler.spiders.archive_day import INDEX_KIND, ArchiveDaySpider

DAY = date(2025, 1, 7)
INDEX_URL = "http://127.0.0.1:9/cdx?url=fa-payam&from=20250107"


@pytest.fixture
def spider(testweb_outlets: Path, tmp_path: Path) -> ArchiveDaySpider:
    s = ArchiveDaySpider(outlet="fa-payam", day=DAY.isoformat(), data_dir=str(tmp_path),
                         outlets_dir=str(testweb_outlets))
    s.crawler = get_crawler(ArchiveDaySpider, {"AKHBAR_SOURCE": "wayback"})  # the capture source is read off it
    s.archived = {}
    s.logged = []  # type: ignore[attr-defined]
    s._log = lambda url, kind, outcome, **f: s.logged.append((url, kind, outcome, f.get("reason")))  # type: ignore
    return s


def _index_answer(body: bytes) -> TextResponse:
    request = Request(INDEX_URL, meta={"akhbar_url": INDEX_URL, "akhbar_kind": INDEX_KIND})
    return TextResponse(INDEX_URL, body=body, encoding="utf-8", request=request)


def test_the_index_names_the_newest_200_capture_of_each_article(spider: ArchiveDaySpider):
    base = spider.outlet.base_url.rstrip("/")
    article, other = f"{base}/fa/news/1403101799", f"{base}/fa/news/1403101712"
    rows = [["urlkey", "timestamp", "original", "mimetype", "statuscode"],
            ["k", "20250107100000", article + "?utm_source=rss", "text/html", "200"],
            ["k", "20250107200000", article, "text/html", "200"],
            ["k", "20250107110000", other, "text/html", "404"],
            ["k", "20250107120000", f"{base}/fa/about", "text/html", "200"]]
    assert list(spider._index(_index_answer(repr(rows).replace("'", '"').encode()))) == []
    assert list(spider.captures) == [article] and spider.captures[article]["timestamp"] == "20250107200000"
    assert spider._index_urls == {article: INDEX_URL}
    assert spider.logged == [(INDEX_URL, INDEX_KIND, "ok", None)]


def test_an_unreadable_or_empty_index_is_logged_with_its_reason(spider: ArchiveDaySpider):
    assert not spider._index(_index_answer(b"<html>502 Bad Gateway</html>"))  # no request (None: Scrapy takes it)
    assert not spider._index(_index_answer(b"[]"))
    (url, kind, outcome, reason), empty = spider.logged
    assert (url, kind, outcome) == (INDEX_URL, INDEX_KIND, "extract_failed")
    assert reason.startswith("archive index answer unreadable: ")
    assert empty[2:] == ("ok", "no captures of the domain in the capture window")
    assert spider.captures == {}


def test_articles_wait_for_every_listing(spider: ArchiveDaySpider):
    article = spider.outlet.base_url.rstrip("/") + "/fa/news/1403101799"
    assert spider._article(article, via="feed", listed=(None, "feed")) is None
    assert [r.url for r in spider._held] == [article]
    spider._index_done = True
    assert spider._article(article + "1", via="feed", listed=(None, "feed")) is not None


def test_a_captured_page_not_found_is_logged_not_an_article(spider: ArchiveDaySpider):
    url = spider.outlet.base_url.rstrip("/") + "/fa/news/1403101799"
    why = "soft-404: the page (status 200) says «صفحه مورد نظر یافت نشد» with 20 characters of text"
    request = Request(url, meta={"akhbar_url": url, "akhbar_kind": "article", SOFT_404_META: why})
    spider._article_done(HtmlResponse(url, body="<h1>صفحه مورد نظر یافت نشد</h1>".encode(), encoding="utf-8",
                                      request=request))
    assert spider.logged == [(url, "article", "not_article", why)]
