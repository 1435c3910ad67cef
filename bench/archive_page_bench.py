"""Date-archive pages with very many links: the spider's archive callback stays linear in the page size.

``python -m bench.archive_page_bench [--anchors 50000 100000 200000 600000]`` builds, for each count, an archive
page of an outlet of its own (``news.invalid``: nothing is fetched, only the callback runs) in two shapes:

- ``articles``: every anchor an article link of the day (``<a href="/news/N">خ</a>``);
- ``next``: every anchor labelled » (next), each to another page (``<a href="?page=N">»</a>``): a hostile
  archive, every link a pagination candidate.

and times ``OutletDaySpider._archive`` on it: the listing's parse, link extraction, queueing and pagination, all
of it on the crawl's reactor thread, stalling every outlet of the process (CPU time: the machine may be shared;
wall time beside it). A 16 MiB page (the crawl's
DOWNLOAD_MAXSIZE) holds about 600,000 such anchors. Figures go to ``.bench/archive_page.json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date
from pathlib import Path

from scrapy import Request
from scrapy.http import HtmlResponse

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / ".bench"
HOST = "news.invalid"
OUTLET = f"""slug = "bench-archive"
name = "Archive page bench"
language = "fa"
country = "IR"
timezone = "Asia/Tehran"
base_url = "https://{HOST}/"
allowed_domains = ["{HOST}"]
article_url_pattern = '^https://{HOST}/news/\\d+'

[discovery]
auto = false
archives = ["https://{HOST}/archive?day={{d:%Y-%m-%d}}&page={{page}}"]
archive_max_pages = 40
"""


def page(anchors: int, shape: str) -> bytes:
    """An archive page of ``anchors`` links of the given shape, ~27 bytes an anchor (600,000 in 16 MiB)."""
    if shape == "articles":
        links = (f'<a href="/news/{i}">خ</a>' for i in range(anchors))
    else:
        links = (f'<a href="?page={i + 2}">»</a>' for i in range(anchors))
    return ('<html><head><meta charset="utf-8"></head><body>' + "".join(links) + "</body></html>").encode("utf-8")


def time_archive(anchors: int, shape: str, folder: Path) -> dict:
    from akhbar.crawler.spiders.outlet_day import OutletDaySpider

    spider = OutletDaySpider(outlet="bench-archive", day="2025-01-07", data_dir=str(folder / "data"),
                             outlets_dir=str(folder))
    spider.archived = {}
    spider._log = lambda *a, **k: None  # no crawler: the crawl log is not what is measured
    local = date(2025, 1, 7)
    url = spider.outlet.archive_urls(local, page=1)[0]
    body = page(anchors, shape)
    request = Request(url, meta={"akhbar_url": url, "akhbar_kind": "archive", "page": 1, "local_day": local})
    response = HtmlResponse(url, body=body, encoding="utf-8", request=request)
    t0, c0 = time.perf_counter(), time.process_time()
    out = list(spider._archive(response))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"anchors": anchors, "shape": shape, "mib": round(len(body) / 2**20, 2), "cpu_seconds": round(cpu, 2),
            "wall_seconds": round(wall, 2), "requests": len(out)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchors", type=int, nargs="+", default=[50_000, 100_000, 200_000, 600_000])
    parser.add_argument("--shape", choices=("articles", "next"), nargs="+", default=["articles", "next"])
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bench-archive.toml").write_text(OUTLET, encoding="utf-8")
        for shape in args.shape:
            for n in args.anchors:
                row = time_archive(n, shape, folder)
                results.append(row)
                print(f"{shape:8} {n:>8} anchors ({row['mib']:5.2f} MiB): CPU {row['cpu_seconds']:8.2f} s, "
                      f"wall {row['wall_seconds']:8.2f} s, {row['requests']} requests", flush=True)
    BENCH_DIR.mkdir(exist_ok=True)
    (BENCH_DIR / "archive_page.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
