"""Running crawls: several outlets of one day in one Scrapy process, or that process as a child.

The pipeline runs each crawl in a child process (``python -m crawler.run``) because Twisted's reactor
cannot be restarted inside one Python process, and so a crash or kill of a crawl never takes the
caller (the CLI, an Airflow task) down with it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from akhbar.registry import Outlet, select_outlets
from crawler.crawllog import log_dir, read_logs
from crawler.spiders.outlet_day import OutletDaySpider


def crawl_settings(outlets: list[Outlet], overrides: dict[str, str] | None = None) -> Settings:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    # per-host politeness from each outlet's config
    slots = {}
    for o in outlets:
        for domain in o.allowed_domains:
            slots[domain] = {"concurrency": o.crawl.concurrency, "delay": o.crawl.download_delay}
    settings.set("DOWNLOAD_SLOTS", slots, priority="cmdline")
    settings.set("AUTOTHROTTLE_START_DELAY", max([o.crawl.download_delay for o in outlets] + [0.0]), "cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def crawl_in_process(
    outlets: list[Outlet],
    day: date,
    data_dir: Path,
    run_id: str,
    outlets_dir: Path,
    *,
    refetch: bool = False,
    overrides: dict[str, str] | None = None,
) -> None:
    """Crawl the outlets' day in this process (blocks; call once per process)."""
    process = CrawlerProcess(crawl_settings(outlets, overrides))
    for o in outlets:
        process.crawl(
            OutletDaySpider, outlet=o.slug, day=day.isoformat(), data_dir=str(data_dir), run_id=run_id,
            outlets_dir=str(outlets_dir), refetch=refetch,
        )
    process.start()


def crawl(
    slugs: list[str],
    day: date,
    data_dir: Path,
    run_id: str,
    outlets_dir: Path,
    *,
    refetch: bool = False,
    overrides: dict[str, str] | None = None,
    log_file: Path | None = None,
) -> dict[str, Counter]:
    """Crawl in a child process; returns the outcome counts of this run per outlet.

    Raises CalledProcessError when the crawl process fails (its log names the cause).
    """
    cmd = [sys.executable, "-m", "crawler.run", "--day", day.isoformat(), "--data-dir", str(data_dir),
           "--run-id", run_id, "--outlets-dir", str(outlets_dir)]
    for slug in slugs:
        cmd += ["--outlet", slug]
    if refetch:
        cmd.append("--refetch")
    for key, value in (overrides or {}).items():
        cmd += ["--set", f"{key}={value}"]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(log_file, "ab") as fh:
            subprocess.run(cmd, check=True, stdout=fh, stderr=subprocess.STDOUT)
    else:
        subprocess.run(cmd, check=True)
    return {slug: run_outcomes(data_dir, day, slug, run_id) for slug in slugs}


def run_outcomes(data_dir: Path, day: date, slug: str, run_id: str) -> Counter:
    if not (log_dir(data_dir, day.isoformat(), slug) / f"{run_id}.jsonl").exists():
        return Counter()
    return Counter(r["outcome"] for r in read_logs(data_dir, day.isoformat(), slug) if r["run_id"] == run_id)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Crawl outlets for one UTC day (used by `akhbar run`).")
    parser.add_argument("--day", required=True, type=date.fromisoformat)
    parser.add_argument("--outlet", action="append", default=[])
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--outlets-dir", required=True, type=Path)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--refetch", action="store_true")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="Scrapy setting")
    args = parser.parse_args(argv)
    outlets = select_outlets(args.outlet, args.outlets_dir)
    overrides = dict(item.split("=", 1) for item in args.set)
    crawl_in_process(outlets, args.day, args.data_dir, args.run_id, args.outlets_dir,
                     refetch=args.refetch, overrides=overrides)


if __name__ == "__main__":
    main()
