"""Scrapy components own their state (built from the crawl's OutletDay setting, not read off the spider),
a WARC that cannot be checked stops the crawl with a logged reason, and the crawl is deterministic in what
it requests (tracking parameters stripped, archive pagination independent of which listing came first)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from akhbar.crawler import discovery
from akhbar.crawler.crawllog import OUTLET_DAY_SETTING, CrawlLogExtension, OutletDay, read_logs, send_outcome
from akhbar.crawler.middlewares import AllowedDomainsGuardMiddleware, WarcArchiveMiddleware
from akhbar.crawler.run import crawl
from akhbar.crawler.spiders.outlet_day import OutletDaySpider
from akhbar.crawler.warc import iter_responses, partition_dir, warc_files
from akhbar.outlets.registry import load_outlet_file

DAY = date(2025, 1, 7)
SLUG_FA = "تشدید-تحریم‌ها-علیه-ایران"


# -- tracking parameters ------------------------------------------------------------------------------

@pytest.mark.parametrize(("listed", "requested"), [
    (f"https://www.irna.ir/news/85712345/{SLUG_FA}?utm_source=rss&utm_medium=feed",
     f"https://www.irna.ir/news/85712345/{SLUG_FA}"),
    ("https://www.aljazeera.net/news/2025/1/7/x?id=7&fbclid=IwAR0&UTM_Campaign=a#top",
     "https://www.aljazeera.net/news/2025/1/7/x?id=7#top"),
    # parameters that may select content stay (transforms.identity folds them only for the article id)
    ("https://www.mehrnews.com/news/6712345?page=2&ref=home", "https://www.mehrnews.com/news/6712345?page=2&ref=home"),
    ("https://www.isna.ir/news/1403101712345", "https://www.isna.ir/news/1403101712345"),
])
def test_without_tracking_strips_utm_and_click_ids_only(listed: str, requested: str):
    assert discovery.without_tracking(listed) == requested


# -- spider logic, driven with fake responses --------------------------------------------------------

@pytest.fixture
def spider(testweb_outlets: Path, tmp_path: Path) -> OutletDaySpider:
    s = OutletDaySpider(outlet="fa-payam", day=DAY.isoformat(), data_dir=str(tmp_path),
                        outlets_dir=str(testweb_outlets))
    s.archived = {}
    s.logged = []  # type: ignore[attr-defined]
    s._log = lambda url, kind, outcome, **f: s.logged.append((url, kind, outcome))  # type: ignore[method-assign]
    return s


def _response(url: str, body: str, **meta) -> HtmlResponse:
    request = Request(url, meta={"akhbar_url": url, "akhbar_kind": "archive", **meta})
    return HtmlResponse(url, body=body.encode("utf-8"), encoding="utf-8", request=request)


def test_feed_and_sitemap_links_of_one_article_make_one_clean_request(spider: OutletDaySpider):
    article = spider.outlet.base_url.rstrip("/") + "/fa/news/1403101799"
    assert spider.outlet.is_article_url(article)
    first = spider._article(article + "?utm_source=rss&utm_medium=feed", via="feed", listed=(None, "feed"))
    again = spider._article(article, via="sitemap", listed=(None, "sitemap_lastmod"))
    assert first is not None and first.url == article
    assert again is None  # the sitemap's clean link is the same request


def test_archive_pagination_follows_even_when_every_article_was_queued_before(spider: OutletDaySpider):
    template = next(t for t in spider.outlet.discovery.archives if "{page" in t)
    local = spider.local_days[0]
    page1 = spider.outlet.archive_urls(local, page=1)[0]
    articles = [spider.outlet.base_url.rstrip("/") + f"/fa/news/14031017{i:02d}" for i in range(3)]
    for url in articles:  # a sitemap answered first and queued them all
        spider._article(url, via="sitemap", listed=(None, "sitemap_lastmod"))
    body = "<html><body>" + "".join(f'<a href="{u}">خبر</a>' for u in articles) + "</body></html>"
    out = list(spider._archive(_response(page1, body, page=1, local_day=local)))
    assert [r.url for r in out] == spider.outlet.archive_urls(local, page=2)[:1], template
    # a page without article links ends the day's pagination
    empty = list(spider._archive(_response(out[0].url, "<html><body>تمام</body></html>", page=2, local_day=local)))
    assert empty == []
    # so does a page listing only what its previous page listed (a «latest news» box on every page)
    page3 = spider.outlet.archive_urls(local, page=3)[0]
    same = list(spider._archive(_response(page3, body, page=3, local_day=local,
                                          akhbar_prev_articles=frozenset(articles))))
    assert same == []


# -- components built from the crawler's settings ----------------------------------------------------

def _target(testweb_outlets: Path, root: Path, slug: str = "fa-payam") -> OutletDay:
    return OutletDay(load_outlet_file(testweb_outlets / f"{slug}.toml"), DAY.isoformat(), root, "r1")


def test_components_pass_through_for_a_crawler_without_an_outlet_day():
    crawler = get_crawler(Spider)
    warc = WarcArchiveMiddleware.from_crawler(crawler)
    response = Response("https://www.irna.ir/news/1", body=b"x")
    assert warc.archive is None and warc.process_response(Request(response.url), response) is response
    assert AllowedDomainsGuardMiddleware.from_crawler(crawler).process_request(Request("https://x.example/")) is None


def test_guard_and_archive_and_log_come_from_the_outlet_day_setting(testweb_outlets: Path, tmp_path: Path):
    target = _target(testweb_outlets, tmp_path)
    crawler = get_crawler(Spider, {OUTLET_DAY_SETTING: target})
    guard = AllowedDomainsGuardMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest, match="outside allowed_domains"):
        guard.process_request(Request("https://www.irna.ir/news/1"))
    assert guard.process_request(Request(target.outlet.base_url)) is None

    extension = CrawlLogExtension.from_crawler(crawler)
    warc = WarcArchiveMiddleware.from_crawler(crawler)
    robots = Request(target.outlet.base_url.rstrip("/") + "/robots.txt")  # as the robots.txt middleware sends it
    warc.process_response(robots, Response(robots.url, status=200, body=b"User-agent: *\nAllow: /\n"))
    send_outcome(crawler, target.outlet.base_url, "home", "ok", status=200)
    with pytest.raises(ValueError, match="unknown crawl outcome"):
        send_outcome(crawler, target.outlet.base_url, "home", "fine")
    extension.close(None, "finished")
    warc._closed(None, "finished")
    rows = list(read_logs(tmp_path, DAY.isoformat(), "fa-payam"))
    assert [(r["kind"], r["outcome"], r["reason"]) for r in rows] == [
        ("robots", "ok", "fetched by the robots.txt middleware"), ("home", "ok", None)]
    assert rows[0]["warc_file"] and crawler.stats.get_value("akhbar/outcomes") == {"ok": 2}
    (path,) = warc_files(tmp_path, DAY.isoformat(), "fa-payam")
    assert [r.url for r in iter_responses(tmp_path, path)] == [robots.url]


# -- an open WARC that cannot be checked -------------------------------------------------------------

def test_unchecked_open_warc_fails_the_crawl_with_a_logged_reason(testweb_outlets: Path, tmp_path: Path,
                                                                  fast_crawl: dict[str, str]):
    slug = "fa-payam"
    folder = partition_dir(tmp_path, DAY.isoformat(), slug)
    stuck = folder / "old-00000.warc.gz.open"
    stuck.mkdir(parents=True)  # opening it raises IsADirectoryError: recovery cannot check it
    (stuck / "keep").write_bytes(b"not ours to touch")
    with pytest.raises(subprocess.CalledProcessError):
        crawl([slug], DAY, tmp_path, "r2", testweb_outlets, overrides=fast_crawl, log_file=tmp_path / "crawl.log")
    rows = list(read_logs(tmp_path, DAY.isoformat(), slug))
    assert [(r["kind"], r["outcome"]) for r in rows] == [("other", "skipped")]
    reason = rows[0]["reason"]
    assert reason.startswith("crawl not started: ") and "cannot check the open WARC file" in reason
    assert "\n" not in reason
    assert "Traceback" not in (tmp_path / "crawl.log").read_text(encoding="utf-8")
    assert (stuck / "keep").read_bytes() == b"not ours to touch" and warc_files(tmp_path, DAY.isoformat(), slug) == []
    print(f"FAULT unchecked open WARC: tried a crawl beside {stuck.name} (a directory); logged skipped "
          f"({reason[:90]}...); stored: nothing new, the open file untouched")
