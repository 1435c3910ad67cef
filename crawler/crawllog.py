"""The per-URL crawl log of one run: one JSON line per URL with its final outcome.

Written as the crawl goes (line-buffered, so a killed run keeps what it logged) under
``<data>/crawl/day=YYYY-MM-DD/outlet=SLUG/<run_id>.jsonl``; the load step turns the lines
of all runs of an outlet-day into the ``crawl_log`` table (columns in warehouse.schema.CRAWL_LOG).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from warehouse.schema import CRAWL_LOG, CrawlOutcome

#: every outcome a line may carry, as strings (warehouse.schema.CrawlOutcome holds them and what they mean)
OUTCOMES = tuple(o.value for o in CrawlOutcome)
#: kinds of listing evidence an article line can carry (listed_by is "<kind> <listing URL>")
LISTING_KINDS = ("sitemap_news", "sitemap_lastmod", "feed", "archive")


def log_dir(root: Path, day: str, outlet: str) -> Path:
    return root / "crawl" / f"day={day}" / f"outlet={outlet}"


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
        }
        self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.counts[outcome.value] = self.counts.get(outcome.value, 0) + 1

    def close(self) -> None:
        self._fh.close()


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
                if row.get("listed_at"):
                    row["listed_at"] = datetime.fromisoformat(row["listed_at"])
                yield {k: row.get(k) for k in CRAWL_LOG.names}
