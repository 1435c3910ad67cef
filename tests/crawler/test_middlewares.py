"""crawler/middlewares.py (and the crawl log's extension beside them): Scrapy components own their state, built
from the crawl's OutletDay setting, not read off the spider; without one they pass everything through."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from akhbar.crawler.crawllog import OUTLET_DAY_SETTING, CrawlLogExtension, OutletDay, read_logs, send_outcome
from akhbar.crawler.middlewares import AllowedDomainsGuardMiddleware, WarcArchiveMiddleware
from akhbar.crawler.warc import iter_responses, warc_files
from akhbar.outlets.registry import load_outlet_file

DAY = date(2025, 1, 7)


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
