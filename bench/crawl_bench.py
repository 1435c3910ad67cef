"""Crawl benchmark: what archiving every exchange to WARC costs, against plain Scrapy in the same run.

Both runs fetch the same article pages of the local test web with the same settings (no politeness
delay, 16 concurrent requests); the only difference is crawler.middlewares.WarcArchiveMiddleware
writing each response (gzip per record). Run: ``python -m bench.crawl_bench [--pages 3000]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, sys, time
from pathlib import Path
import scrapy
from scrapy.crawler import CrawlerProcess
from types import SimpleNamespace
from akhbar.crawler.crawllog import OUTLET_DAY_SETTING, OutletDay

urls, archive_dir = json.loads(sys.stdin.read()), sys.argv[1]

class Bench(scrapy.Spider):
    name = "bench"
    @classmethod
    def from_crawler(cls, crawler, *a, **kw):
        spider = super().from_crawler(crawler, *a, **kw)
        if archive_dir:  # the WARC middleware builds its archive from this (and closes it)
            target = OutletDay(SimpleNamespace(slug="bench"), "2025-01-07", Path(archive_dir), "bench")
            crawler.settings.set(OUTLET_DAY_SETTING, target, priority="spider")
        return spider
    async def start(self):
        for i, u in enumerate(urls):
            yield scrapy.Request(u, dont_filter=True, meta={"akhbar_kind": "article"})
    def parse(self, response):
        pass

mws = {"akhbar.crawler.middlewares.WarcArchiveMiddleware": 950} if archive_dir else {}
process = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
                          "DOWNLOAD_DELAY": 0, "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
                          "DOWNLOADER_MIDDLEWARES": mws})
process.crawl(Bench)
t = time.perf_counter()
process.start()
print(json.dumps({"seconds": time.perf_counter() - t}))
"""


def run(urls: list[str], archive: Path | None) -> float:
    out = subprocess.run([sys.executable, "-c", CHILD, str(archive) if archive else ""], input=json.dumps(urls),
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=3000)
    args = parser.parse_args()
    from datetime import date, timedelta

    from akhbar.testweb import TestWeb

    with TestWeb(port=0, faults=False) as web, tempfile.TemporaryDirectory() as tmp:
        days = [date(2025, 1, 5) + timedelta(days=i) for i in range(4)]
        pages = [e.url for d in days for e in web.expected_articles(d)]
        urls = [pages[i % len(pages)] for i in range(args.pages)]
        baseline = run(urls, None)
        ours = run(urls, Path(tmp))
        warc_bytes = sum(p.stat().st_size for p in Path(tmp).rglob("*.warc.gz"))
    print(f"pages: {len(urls)} ({len(pages)} distinct test-web articles)")
    print(f"plain Scrapy:        {len(urls) / baseline:8.1f} pages/s")
    print(f"Scrapy + WARC:       {len(urls) / ours:8.1f} pages/s   ratio {baseline / ours:.2f}x of baseline speed")
    print(f"WARC written:        {warc_bytes / 1e6:8.1f} MB ({warc_bytes / len(urls) / 1e3:.1f} kB per page)")


if __name__ == "__main__":
    main()
