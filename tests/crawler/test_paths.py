"""crawler/paths.py: one layout for every writer and reader of a crawl run, whether the day comes as a date or
as its ISO string."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from akhbar.crawler import paths
from akhbar.crawler.crawllog import CrawlLog, read_logs
from akhbar.crawler.warc import WarcArchive

DAY = date(2025, 1, 7)
URL = "https://www.irna.ir/fa/news/85712345/تشدید-تحریم‌ها"


def test_the_layout_is_hive_style_and_a_date_equals_its_iso_string(tmp_path: Path):
    assert paths.warc_dir(tmp_path, DAY, "irna") == tmp_path / "warc" / "day=2025-01-07" / "outlet=irna"
    assert paths.crawl_log_dir(tmp_path, DAY, "irna") == tmp_path / "crawl" / "day=2025-01-07" / "outlet=irna"
    assert paths.crawl_log_file(tmp_path, "2025-01-07", "irna", "r1") == paths.crawl_log_dir(
        tmp_path, DAY, "irna") / "r1.jsonl"
    assert paths.scrapy_log_file(tmp_path, DAY, "r1") == tmp_path / "logs" / "crawl-2025-01-07-r1.log"
    assert paths.index_log_file(tmp_path, "2025-01-07", "r1") == tmp_path / "logs" / "index-2025-01-07-r1.jsonl"
    # other days, outlets and runs never share a file
    assert paths.warc_dir(tmp_path, date(2025, 1, 8), "irna") != paths.warc_dir(tmp_path, DAY, "irna")
    assert paths.crawl_log_file(tmp_path, DAY, "irna", "r1") != paths.crawl_log_file(tmp_path, DAY, "irna", "r2")


def test_the_writers_write_where_the_layout_says(tmp_path: Path):
    log = CrawlLog(tmp_path, DAY.isoformat(), "irna", "r1")
    log.write(URL, "article", "ok", status=200)
    log.close()
    assert log.path == paths.crawl_log_file(tmp_path, DAY, "irna", "r1")
    assert [r["url"] for r in read_logs(tmp_path, DAY.isoformat(), "irna")] == [URL]

    archive = WarcArchive(tmp_path, DAY.isoformat(), "irna", "r1", "akhbar-test")
    assert archive.dir == paths.warc_dir(tmp_path, DAY, "irna")
