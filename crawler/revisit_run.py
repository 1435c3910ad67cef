"""The revisit crawl of one outlet and night as a child process (``python -m akhbar.crawler.revisit_run``), as
``crawler.run`` runs the nightly crawl: it dies with its parent and runs in its own process group."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from scrapy.crawler import CrawlerProcess

from akhbar.crawler.run import _run_child, crawl_settings, die_with_parent
from akhbar.crawler.spiders.revisit import RevisitSpider
from akhbar.outlets.registry import load_outlet_file
from akhbar.warehouse.children import python_module


def revisit_crawl(targets: dict[str, Path], night: date, data_dir: Path, outlets_dir: Path, run_id: str,
                  overrides: dict[str, str] | None = None, log_file: Path | None = None) -> None:
    """Run the revisit spider for each outlet (slug -> its targets file) in one child process and wait for it."""
    import os

    pairs = [a for slug, path in targets.items() for a in ("--outlet", f"{slug}={path}")]
    cmd = python_module("akhbar.crawler.revisit_run", *pairs, "--day", night.isoformat(),
                        "--data-dir", str(data_dir), "--outlets-dir", str(outlets_dir), "--run-id", run_id,
                        "--settings", json.dumps(overrides or {}), "--parent-pid", str(os.getpid()))
    if log_file is None:
        _run_child(cmd, (), None)
        return
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with open(log_file, "ab") as out:
        _run_child(cmd, (), out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Revisit archived articles of one outlet (akhbar revisit).")
    parser.add_argument("--outlet", action="append", required=True, metavar="SLUG=TARGETS_JSON")
    for name in ("--day", "--data-dir", "--outlets-dir", "--run-id"):
        parser.add_argument(name, required=True)
    parser.add_argument("--settings", default="{}")
    parser.add_argument("--parent-pid", type=int)
    args = parser.parse_args(argv)
    if args.parent_pid:
        die_with_parent(args.parent_pid)
    targets = dict(item.split("=", 1) for item in args.outlet)
    outlets = [load_outlet_file(Path(args.outlets_dir) / f"{slug}.toml") for slug in targets]
    process = CrawlerProcess(crawl_settings(outlets, json.loads(args.settings)))
    for outlet in outlets:
        process.crawl(process.create_crawler(RevisitSpider), outlet=outlet.slug,
                      day=date.fromisoformat(args.day).isoformat(), data_dir=args.data_dir, run_id=args.run_id,
                      outlets_dir=args.outlets_dir, targets=targets[outlet.slug])
    process.start()


if __name__ == "__main__":
    main()
