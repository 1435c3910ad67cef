"""The per-URL crawl log of one run: one JSON line per URL with its final outcome.

Written as the crawl goes (line-buffered, so a killed run keeps what it logged) under
``<data>/crawl/day=YYYY-MM-DD/outlet=SLUG/<run_id>.jsonl``; the load step turns the lines
of all runs of an outlet-day into the ``crawl_log`` table (columns in warehouse.schema.CRAWL_LOG).

In a crawl the log is a Scrapy extension (CrawlLogExtension, enabled in crawler.settings) that owns the
file and writes one line per ``crawl_outcome`` signal: the spider sends the outcomes it decides (ok,
failures from its errback, drops, caps), the WARC middleware those of robots.txt fetched by Scrapy's
robots.txt middleware. Components find the crawl's outlet-day in the crawler setting AKHBAR_OUTLET_DAY.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from akhbar.crawler.paths import crawl_log_dir
from akhbar.warehouse.schema import CRAWL_LOG, CrawlOutcome

#: every outcome a line may carry, as strings (warehouse.schema.CrawlOutcome holds them and what they mean)
OUTCOMES = tuple(o.value for o in CrawlOutcome)
#: kinds of listing evidence an article line can carry (listed_by is "<kind> <listing URL>")
LISTING_KINDS = ("sitemap_news", "sitemap_lastmod", "feed", "archive")


log_dir = crawl_log_dir  # the outlet-day's crawl logs (akhbar.crawler.paths)


class CrawlLog:
    def __init__(self, root: Path, day: str, outlet: str, run_id: str) -> None:
        directory = log_dir(root, day, outlet)
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / f"{run_id}.jsonl"
        self.run_id = run_id
        self._fh: IO[str] = open(self.path, "a", encoding="utf-8", buffering=1)
        self.counts: dict[str, int] = {}

    def write(
        self,
        url: str,
        kind: str,
        outcome: CrawlOutcome | str,
        *,
        status: int | None = None,
        size: int | None = None,
        reason: str | None = None,
        final_url: str | None = None,
        duration_ms: int | None = None,
        warc_file: str | None = None,
        fetched_at: datetime | None = None,
        listed_at: datetime | None = None,
        listed_by: str | None = None,
        capture_source: str | None = None,
        captured_at: datetime | None = None,
    ) -> None:
        outcome = CrawlOutcome(outcome)  # an outcome outside the enum is a ValueError naming it, even under -O
        row: dict[str, Any] = {
            "url": url,
            "kind": kind,
            "status": status,
            "bytes": size,
            "fetched_at": (fetched_at or datetime.now(UTC)).isoformat(),
            "duration_ms": duration_ms,
            "outcome": outcome.value,
            "reason": reason,
            "final_url": final_url or url,
            "run_id": self.run_id,
            "warc_file": warc_file,
            "listed_at": listed_at.astimezone(UTC).isoformat() if listed_at else None,
            "listed_by": listed_by,
            "capture_source": capture_source,  # live, or the web archive a response came from (crawler.archives)
            "captured_at": captured_at.astimezone(UTC).isoformat() if captured_at else None,
        }
        self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.counts[outcome.value] = self.counts.get(outcome.value, 0) + 1

    def close(self) -> None:
        self._fh.close()


#: signal for one crawl-log line: sent by the spider (the outcomes it decides) and the WARC middleware
#: (robots.txt fetched by the robots.txt middleware) with ``line``: CrawlLog.write's arguments as a dict
crawl_outcome = object()


def send_outcome(crawler, url: str, kind: str, outcome: str, **fields: Any) -> None:
    """Have the crawl log write one line (a bad outcome name raises here, in the sender)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown crawl outcome {outcome!r}")
    crawler.signals.send_catch_log(crawl_outcome, line=dict(url=url, kind=kind, outcome=outcome, **fields))
#: crawler setting holding the OutletDay a crawl works on; the spider sets it from its arguments
OUTLET_DAY_SETTING = "AKHBAR_OUTLET_DAY"


@dataclass(frozen=True)
class OutletDay:
    """What one crawler crawls and where it writes: set by the spider, read by the components."""

    outlet: Any  # outlets.registry.Outlet
    day: str
    root: Path | None  # None: nothing is written (the outlet check's probes)
    run_id: str
    #: where the crawl log goes when not under ``root`` (the revisit crawl keeps its log apart from the night's)
    log_root: Path | None = None


def outlet_day(crawler) -> OutletDay | None:
    """The crawl's OutletDay from the crawler's settings (None for a crawler of another spider)."""
    return crawler.settings.get(OUTLET_DAY_SETTING)


class CrawlLogExtension:
    """Scrapy extension owning the run's crawl log: one line per ``crawl_outcome`` signal.

    Opened when the crawler is built (before any spider_opened handler may log), closed on spider_closed
    after the spider's own handler wrote its last lines; the outcome counts go to the stats
    (``akhbar/outcomes``)."""

    def __init__(self, crawler, target: OutletDay) -> None:
        self.stats = crawler.stats
        self.log = CrawlLog(target.log_root or target.root, target.day, target.outlet.slug, target.run_id)
        crawler.signals.connect(self.write, signal=crawl_outcome)
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        target = outlet_day(crawler)
        if target is None or target.root is None:
            raise NotConfigured("no outlet-day to log")
        return cls(crawler, target)

    def write(self, line: dict[str, Any]) -> None:
        self.log.write(**line)

    def close(self, spider, reason: str) -> None:
        self.stats.set_value("akhbar/outcomes", dict(self.log.counts))
        self.log.close()


def read_logs(root: Path, day: str, outlet: str) -> Iterator[dict[str, Any]]:
    """Every logged row of every run of an outlet-day, typed for the crawl_log schema."""
    directory = log_dir(root, day, outlet)
    for path in sorted(directory.glob("*.jsonl")) if directory.is_dir() else []:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:  # the last line of a killed run may be cut
                    continue
                row["fetched_at"] = datetime.fromisoformat(row["fetched_at"])
                for key in ("listed_at", "captured_at"):
                    if row.get(key):
                        row[key] = datetime.fromisoformat(row[key])
                yield {k: row.get(k) for k in CRAWL_LOG.names}
