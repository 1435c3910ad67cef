"""crawler/spiders/outlet_day.py: the spider is deterministic in what it requests (one clean request per article
whichever listing named it first, archive pagination independent of which listing came first), and a WARC that
cannot be checked stops the crawl with a logged reason. (Tracking parameters: tests/crawler/test_discovery.py;
the components built from the OutletDay setting: tests/crawler/test_middlewares.py.)"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.run import crawl
from akhbar.crawler.spiders.outlet_day import OutletDaySpider
from akhbar.crawler.warc import partition_dir, warc_files

DAY = date(2025, 1, 7)


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
