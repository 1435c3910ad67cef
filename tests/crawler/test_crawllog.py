"""crawler/crawllog.py: one JSON line per URL and outcome, readable while a run is killed mid-line, typed back for
the crawl_log table; an outcome outside the enum is refused by name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from akhbar.crawler.crawllog import OUTCOMES, CrawlLog, read_logs
from akhbar.warehouse.schema import CRAWL_LOG

DAY = "2025-01-07"
URL = "https://www.irna.ir/fa/news/85712345/تشدید-تحریم‌ها"
TEHRAN = timezone(timedelta(hours=3, minutes=30))


def test_lines_of_every_run_read_back_typed_in_the_tables_columns(tmp_path: Path):
    first = CrawlLog(tmp_path, DAY, "irna", "r1")
    first.write(URL, "article", "ok", status=200, size=5120, listed_by="feed https://www.irna.ir/rss",
                listed_at=datetime(2025, 1, 7, 10, 0, tzinfo=TEHRAN), fetched_at=datetime(2025, 1, 7, 7, tzinfo=UTC))
    first.write("https://www.irna.ir/robots.txt", "robots", "ok", status=200)
    first.close()
    assert first.counts == {"ok": 2}
    second = CrawlLog(tmp_path, DAY, "irna", "r2")
    second.write(URL, "article", "http_error", status=503, reason="Service Unavailable")
    second.close()

    rows = list(read_logs(tmp_path, DAY, "irna"))
    assert [tuple(r) for r in rows] == [tuple(CRAWL_LOG.names)] * 3
    assert [(r["run_id"], r["kind"], r["outcome"]) for r in rows] == [
        ("r1", "article", "ok"), ("r1", "robots", "ok"), ("r2", "article", "http_error")]
    assert rows[0]["url"] == rows[0]["final_url"] == URL  # no redirect: the final URL is the URL
    assert rows[0]["listed_at"] == datetime(2025, 1, 7, 6, 30, tzinfo=UTC)  # stored in UTC
    assert rows[0]["fetched_at"] == datetime(2025, 1, 7, 7, tzinfo=UTC)
    assert list(read_logs(tmp_path, DAY, "aljazeera-ar")) == []


def test_a_line_cut_by_a_killed_run_is_skipped_and_the_rest_kept(tmp_path: Path):
    log = CrawlLog(tmp_path, DAY, "irna", "r1")
    log.write(URL, "article", "ok", status=200)
    log.close()
    with open(log.path, "a", encoding="utf-8") as fh:
        fh.write('{"url": "https://www.irna.ir/fa/news/2", "kind": "art')  # SIGKILL mid-write
    assert [r["url"] for r in read_logs(tmp_path, DAY, "irna")] == [URL]


def test_an_outcome_outside_the_enum_is_refused_by_name(tmp_path: Path):
    log = CrawlLog(tmp_path, DAY, "irna", "r1")
    with pytest.raises(ValueError, match="'fine'"):
        log.write(URL, "article", "fine")
    log.close()
    assert "fine" not in OUTCOMES and "ok" in OUTCOMES
    assert log.path.read_text(encoding="utf-8") == ""
