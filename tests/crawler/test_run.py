"""crawler/run.py without a crawl: the crawl's Scrapy settings (each outlet's politeness, the app's overrides on
top), the outcomes of one run read back from the crawl log, and the outlet-day locks the crawl holds."""

from __future__ import annotations

import os
from contextlib import ExitStack
from datetime import date
from pathlib import Path

import pytest

from akhbar.crawler.crawllog import CrawlLog
from akhbar.crawler.run import crawl_settings, hold_locks, run_outcomes
from akhbar.outlets.registry import load_outlets
from akhbar.warehouse.locks import PartitionBusy, partition_lock

DAY = date(2025, 1, 7)


def test_each_outlets_politeness_and_the_overrides_on_top():
    outlets = load_outlets()
    irna, aljazeera = outlets["irna"], outlets["aljazeera"]
    settings = crawl_settings([irna, aljazeera], {"USER_AGENT": "akhbar-test (+https://example.org/akhbar)"})
    slots = settings.getdict("DOWNLOAD_SLOTS")
    for outlet in (irna, aljazeera):
        for domain in outlet.allowed_domains:
            assert slots[domain] == {"concurrency": outlet.crawl.concurrency, "delay": outlet.crawl.download_delay}
    assert settings.getfloat("AUTOTHROTTLE_START_DELAY") == max(irna.crawl.download_delay,
                                                                 aljazeera.crawl.download_delay)
    assert settings["USER_AGENT"] == "akhbar-test (+https://example.org/akhbar)"
    assert settings["BOT_NAME"] == "akhbar"  # crawler.settings, the project's module, is underneath
    assert crawl_settings([irna])["USER_AGENT"] != "akhbar-test (+https://example.org/akhbar)"


def test_the_outcomes_of_one_run_only(tmp_path: Path):
    url = "https://www.irna.ir/fa/news/85712345/تشدید-تحریم‌ها"
    for run_id, outcomes in (("r1", ["ok", "ok", "http_error"]), ("r2", ["ok"])):
        log = CrawlLog(tmp_path, DAY.isoformat(), "irna", run_id)
        for outcome in outcomes:
            log.write(url, "article", outcome)
        log.close()
    assert run_outcomes(tmp_path, DAY, "irna", "r1") == {"ok": 2, "http_error": 1}
    assert run_outcomes(tmp_path, DAY, "irna", "r3") == {}
    assert run_outcomes(tmp_path, DAY, "aljazeera", "r1") == {}


def test_standalone_locks_are_taken_and_inherited_ones_adopted(tmp_path: Path):
    with ExitStack() as stack:
        hold_locks(stack, ["irna", "aljazeera"], DAY, tmp_path, {}, None)
        with pytest.raises(PartitionBusy), partition_lock(tmp_path, DAY.isoformat(), "irna"):
            pass
    with partition_lock(tmp_path, DAY.isoformat(), "irna") as held, ExitStack() as stack:
        hold_locks(stack, ["irna"], DAY, tmp_path, {"irna": held.fd}, os.getppid())
        assert held.path.read_text().endswith(f"crawler {os.getpid()}")
        other = tmp_path / "not-a-lock"
        other.write_text("")
        fd = os.open(other, os.O_RDWR)
        try:
            with pytest.raises(ValueError):
                hold_locks(stack, ["irna"], DAY, tmp_path, {"irna": fd}, None)
        finally:
            os.close(fd)


def test_run_outcomes_count_pages_not_their_images(tmp_path):
    """`akhbar run`'s table counts pages as summary and the gate do: an article's lead image or stylesheet
    (kind requisite) is archived and logged, but not a fetched page."""
    import json
    from datetime import date

    from akhbar.crawler.paths import crawl_log_file
    from akhbar.crawler.run import run_outcomes

    day = date(2025, 1, 7)
    path = crawl_log_file(tmp_path, day, "fa-payam", "r1")
    path.parent.mkdir(parents=True)
    rows = [("https://fa-payam.example/news/1", "ok", "article"), ("https://fa-payam.example/img/1.jpg", "ok",
            "requisite"), ("https://fa-payam.example/news/2", "http_error", "article"),
            ("https://fa-payam.example/static/site.css", "ok", "requisite")]
    path.write_text("".join(json.dumps({"url": u, "outcome": o, "kind": k, "run_id": "r1",
                                        "fetched_at": "2025-01-07T08:00:00+00:00"}) + "\n" for u, o, k in rows))
    assert run_outcomes(tmp_path, day, "fa-payam", "r1") == {"ok": 1, "http_error": 1}
