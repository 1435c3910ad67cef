"""The page as it looked (issue 29, item 3), application side: the requisite caps as settings passed to the crawl,
and the quality gate not counting requisites as fetches. The crawler side: tests/crawler/test_requisites.py."""

from __future__ import annotations

import pytest

from akhbar.crawler.requisites import REQUISITE
from akhbar.settings import Settings


def test_the_caps_are_settings_passed_to_the_crawl():
    from akhbar.crawler import settings as scrapy_defaults

    cfg = Settings.from_env({"AKHBAR_REQUISITES_PER_PAGE": "0", "AKHBAR_REQUISITES_PER_NIGHT": "50",
                             "AKHBAR_REQUISITE_MAX_BYTES": "300_000"})
    assert (cfg.requisites_per_page, cfg.requisites_per_night, cfg.requisite_max_bytes) == (0, 50, 300_000)
    assert {k: v for k, v in cfg.scrapy_overrides().items() if "REQUISITE" in k} == {
        "AKHBAR_REQUISITES_PER_PAGE": "0", "AKHBAR_REQUISITES_PER_NIGHT": "50", "AKHBAR_REQUISITE_MAX_BYTES": "300000"}
    assert Settings().requisite_max_bytes == scrapy_defaults.AKHBAR_REQUISITE_MAX_BYTES
    for name, raw in [("AKHBAR_REQUISITES_PER_PAGE", "سه"), ("AKHBAR_REQUISITES_PER_NIGHT", "-1"),
                      ("AKHBAR_REQUISITE_MAX_BYTES", "0")]:
        with pytest.raises(ValueError, match=name):
            Settings.from_env({name: raw})


def test_the_quality_gate_counts_no_requisite_as_a_fetch():
    from akhbar.quality import measure

    log = [{"url": "https://payam.example/news/1", "kind": "article", "outcome": "ok", "status": 200, "run_id": "r"},
           {"url": "https://payam.example/images/1.jpg", "kind": REQUISITE, "outcome": "http_error", "status": 404,
            "run_id": "r"},
           {"url": "https://payam.example/static/site.css", "kind": REQUISITE, "outcome": "ok", "status": 200,
            "run_id": "r"}]
    m = measure([], log, None)
    assert (m.fetched, m.failed_fetches, m.article_pages) == (1, 0, 1)
