"""crawler/requisites.py: which requisites (lead image, stylesheets) a page names and which the crawl asks for
(its own domains, or a CDN the outlet allows; once each; capped per page and per crawl, counted in max_requests),
the domain guard letting a requisite reach an allowed CDN and nothing else, the spider asking for them after an
article (never for an archive crawl's pages). Replayed from a package: tests/test_evidence.py."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from akhbar.crawler.middlewares import AllowedDomainsGuardMiddleware
from akhbar.crawler.requisites import REQUISITE, RequisitePlan, page_requisites
from akhbar.outlets.registry import Outlet

PERSIAN = """<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>بازگشایی موزه</title>
<link rel="stylesheet" href="/static/site.css"><link rel="Stylesheet alternate" href="https://fonts.other.example/print.css">
<link rel="icon" href="/favicon.ico"><meta property="og:image" content="https://img.cdn-payam.example/lead/۱.jpg">
</head><body><article><h1>بازگشایی موزه</h1><img src="/images/2.jpg"><p>متن خبر</p></article></body></html>"""
ARABIC = """<html lang="ar" dir="rtl"><head><meta charset="windows-1256"><link rel=stylesheet href="css/a.css">
</head><body><header><img src="/logo.png"></header><article><h1>افتتاح القاعة</h1>
<figure><img src="/images/7.jpg" alt=""></figure><p>نص الخبر</p></article></body></html>"""


def _outlet(**crawl) -> Outlet:
    return Outlet(slug="fa-payam", name="Payam", language="fa", country="IR", timezone="Asia/Tehran",
                  base_url="https://payam.example/", allowed_domains=["payam.example"],
                  article_url_pattern=r"/news/\d+", crawl=crawl)


def test_a_page_names_its_lead_image_first_then_its_stylesheets():
    assert page_requisites(PERSIAN.encode("utf-8"), "https://payam.example/news/1") == [
        "https://img.cdn-payam.example/lead/۱.jpg", "https://payam.example/static/site.css",
        "https://fonts.other.example/print.css"]
    # no og:image: the first image of the article, not the header's logo; relative to the page
    arabic = ARABIC.encode("cp1256")
    assert page_requisites(arabic, "https://wadi.example/news/7/") == [
        "https://wadi.example/images/7.jpg", "https://wadi.example/news/7/css/a.css"]
    assert page_requisites(b"", "https://wadi.example/") == []
    assert page_requisites(b'<img src="data:image/png;base64,AA"><img src="x.png">', "https://a.example/") == []


def test_off_site_cdns_are_refused_unless_the_outlet_allows_them():
    urls = page_requisites(PERSIAN.encode("utf-8"), "https://payam.example/news/1")
    take, refused = RequisitePlan(_outlet(), per_page=5, per_night=100).plan(urls)
    assert take == ["https://payam.example/static/site.css"]
    assert [(r.url, r.outcome) for r in refused] == [("https://img.cdn-payam.example/lead/۱.jpg", "offsite"),
                                                     ("https://fonts.other.example/print.css", "offsite")]
    allowed = _outlet(requisite_domains=["cdn-payam.example"])
    take, refused = RequisitePlan(allowed, per_page=5, per_night=100).plan(urls)
    assert take == urls[:2] and [r.url for r in refused] == [urls[2]]


def test_each_url_once_within_the_caps_of_a_page_and_a_crawl():
    plan = RequisitePlan(_outlet(), per_page=2, per_night=3)
    page = [f"https://payam.example/images/{n}.jpg" for n in range(4)]
    assert plan.plan(page) == (page[:2], [])  # two a page
    assert plan.plan(page) == ([], [])  # each once a crawl
    more = [f"https://payam.example/images/{n}.jpg" for n in range(10, 14)]
    take, refused = plan.plan(more)
    assert take == more[:1] and [(r.url, r.outcome) for r in refused] == [(more[1], "capped")]
    assert "AKHBAR_REQUISITES_PER_NIGHT 3" in refused[0].reason
    assert plan.plan([f"https://payam.example/images/{n}.jpg" for n in range(20, 22)]) == ([], [])  # logged once
    assert RequisitePlan(_outlet(), per_page=0, per_night=3).plan(page) == ([], [])


def test_the_guard_lets_only_requisites_reach_an_allowed_cdn():
    guard = AllowedDomainsGuardMiddleware(_outlet(requisite_domains=["cdn-payam.example"]))
    image = "https://img.cdn-payam.example/lead/1.jpg"
    assert guard.process_request(Request(image, meta={"akhbar_kind": REQUISITE})) is None
    with pytest.raises(IgnoreRequest, match="outside allowed_domains"):
        guard.process_request(Request(image, meta={"akhbar_kind": "article"}))
    with pytest.raises(IgnoreRequest, match="outside allowed_domains"):
        guard.process_request(Request("https://elsewhere.example/a.css", meta={"akhbar_kind": REQUISITE}))


def test_the_spider_asks_for_them_after_an_article_low_in_the_queue_with_their_own_size_cap(tmp_path):
    """An article response yields its requisites, each with the byte cap and below pages in the queue; max_requests
    counts them; a CDN image is logged offsite; an archive crawl's pages ask for none."""
    from scrapy.crawler import Crawler
    from scrapy.http import HtmlResponse
    from scrapy.settings import Settings as ScrapySettings

    from akhbar.crawler.requisites import PRIORITY
    from akhbar.crawler.spiders.outlet_day import OutletDaySpider

    crawler = Crawler(OutletDaySpider, ScrapySettings({"AKHBAR_REQUISITES_PER_PAGE": 3,
                                                       "AKHBAR_REQUISITES_PER_NIGHT": 10,
                                                       "AKHBAR_REQUISITE_MAX_BYTES": 4096}))
    spider = OutletDaySpider.from_crawler(crawler, outlet="bbcpersian", day="2025-01-07", data_dir=str(tmp_path))
    logged: list[tuple[str, str, str]] = []
    spider._log = lambda url, kind, outcome, **fields: logged.append((url, kind, outcome))
    url = "https://www.bbc.com/persian/articles/c1"
    page = PERSIAN.replace("https://img.cdn-payam.example", "https://ichef.bbci.co.uk").replace(
        "/images/2.jpg", "/x.jpg")
    response = HtmlResponse(url, status=200, body=page.encode("utf-8"), headers={"Content-Type": "text/html"},
                            request=Request(url, meta={"akhbar_url": url, "akhbar_kind": "article"}))
    spider.made["requests"] = spider.outlet.crawl.max_requests - 1
    asked = spider._article_done(response)
    assert [r.url for r in asked] == ["https://www.bbc.com/static/site.css"]
    assert asked[0].meta["download_maxsize"] == 4096 and asked[0].priority == PRIORITY < 0
    assert asked[0].meta["akhbar_kind"] == REQUISITE
    assert ("https://ichef.bbci.co.uk/lead/۱.jpg", REQUISITE, "offsite") in logged
    assert spider.made["requests"] == spider.outlet.crawl.max_requests
    # the next page's stylesheet finds max_requests reached: not asked, named in the crawl's capped line
    other = response.replace(url=url + "2", body=page.replace("site.css", "other.css").encode("utf-8"))
    assert spider._article_done(other) == []
    assert spider.over_requests == [("https://www.bbc.com/static/other.css", REQUISITE)]
    # an archive crawl's pages (crawler/spiders/archive_day.py) ask for none and spend nothing
    from akhbar.crawler.spiders.archive_day import ArchiveDaySpider

    spider.requisites_wanted = ArchiveDaySpider.requisites_wanted
    spider.made["requests"], before = 0, dict(spider.requisites.__dict__, seen=set(spider.requisites.seen))
    third = response.replace(url=url + "3", body=page.replace("site.css", "third.css").encode("utf-8"))
    assert spider._article_done(third) == [] and spider.made["requests"] == 0
    assert spider.requisites.seen == before["seen"] and "https://www.bbc.com/persian/articles/c13" not in spider.pending
