"""Running crawls: several outlets of one day in one Scrapy process, or that process as a child.

The pipeline runs each crawl in a child process (``python -m crawler.run``) because Twisted's reactor
cannot be restarted inside one Python process, and so a crash or kill of a crawl never takes the
caller (the CLI, an Airflow task) down with it. The reverse holds too: the child dies with its parent
(``PR_SET_PDEATHSIG``), runs in its own process group (``kill -- -PGID`` stops it), and writes only
under the outlet-day locks, either handed down by the parent (``--lock-fd``) or taken itself.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import IO

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.paths import crawl_log_file
from akhbar.crawler.requisites import REQUISITE
from akhbar.crawler.spiders.outlet_day import WARC_UNCHECKED, OutletDaySpider
from akhbar.outlets.registry import Outlet, select_outlets
from akhbar.warehouse.children import python_module


def crawl_settings(outlets: list[Outlet], overrides: dict[str, str] | None = None) -> Settings:
    """The crawl's Scrapy settings: crawler.settings, each outlet's politeness, then ``overrides`` (the app's
    settings: USER_AGENT, LOG_LEVEL, AKHBAR_CRAWL_SETTINGS) on top. No environment variable is read."""
    settings = Settings()
    settings.setmodule("akhbar.crawler.settings", priority="project")
    # per-host politeness from each outlet's config
    slots = {}
    for o in outlets:
        for domain in o.allowed_domains:
            slots[domain] = {"concurrency": o.crawl.concurrency, "delay": o.crawl.download_delay}
    settings.set("DOWNLOAD_SLOTS", slots, priority="cmdline")
    settings.set("AUTOTHROTTLE_START_DELAY", max([o.crawl.download_delay for o in outlets] + [0.0]), "cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    from akhbar.crawler.archives import archive_settings

    archive_settings(settings)  # AKHBAR_SOURCE wayback / commoncrawl: fetch from that web archive
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
) -> dict[str, str | None]:
    """Crawl the outlets' day in this process (blocks; call once per process); each outlet's close reason."""
    settings = crawl_settings(outlets, overrides)
    process = CrawlerProcess(settings)
    spider = OutletDaySpider
    if settings.get("AKHBAR_SOURCE", "live") != "live":
        from akhbar.crawler.spiders.archive_day import ArchiveDaySpider

        spider = ArchiveDaySpider
    crawlers = {}
    for o in outlets:
        crawlers[o.slug] = process.create_crawler(spider)
        process.crawl(
            crawlers[o.slug], outlet=o.slug, day=day.isoformat(), data_dir=str(data_dir), run_id=run_id,
            outlets_dir=str(outlets_dir), refetch=refetch,
        )
    process.start()
    return {slug: c.stats.get_value("finish_reason") for slug, c in crawlers.items()}


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
    lock_fds: Mapping[str, int] | None = None,
) -> dict[str, Counter]:
    """Crawl in a child process; returns the outcome counts of this run per outlet.

    ``lock_fds`` (slug -> descriptor of the outlet-day lock this process holds) are handed to the child,
    which then holds the same locks; outlets without one are locked by the child itself.
    Raises CalledProcessError when the crawl process fails (its log names the cause).
    """
    cmd = python_module("akhbar.crawler.run", "--day", day.isoformat(), "--data-dir", str(data_dir),
                        "--run-id", run_id, "--outlets-dir", str(outlets_dir), "--parent-pid", str(os.getpid()))
    for slug in slugs:
        cmd += ["--outlet", slug]
    fds = dict(lock_fds or {})
    for slug, fd in fds.items():
        cmd += ["--lock-fd", f"{slug}={fd}"]
    if refetch:
        cmd.append("--refetch")
    for key, value in (overrides or {}).items():
        cmd += ["--set", f"{key}={value}"]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(log_file, "ab") as fh:
            _run_child(cmd, tuple(fds.values()), fh)
    else:
        _run_child(cmd, tuple(fds.values()), None)
    return {slug: run_outcomes(data_dir, day, slug, run_id) for slug in slugs}


def _run_child(cmd: list[str], pass_fds: tuple[int, ...], out: IO[bytes] | None) -> None:
    """Run the crawl child in its own process group; if this process is interrupted, stop the group."""
    stderr = subprocess.STDOUT if out is not None else None
    # process_group=0, not preexec_fn: no Python code runs between fork and exec (safe with threads)
    proc = subprocess.Popen(cmd, stdout=out, stderr=stderr, pass_fds=pass_fds, process_group=0)
    try:
        code = proc.wait()
    except BaseException:  # KeyboardInterrupt, Airflow's SIGTERM handler: the group no longer gets them
        _stop_group(proc)
        raise
    if code != 0:
        raise subprocess.CalledProcessError(code, cmd)


def _stop_group(proc: subprocess.Popen, grace: float = 10.0) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Have the kernel SIGKILL this process when its parent dies (Linux); exit if it already has.

    The death signal fires when the *thread* that forked us ends; ``crawl`` waits on the child in that
    thread, so it lives as long as the crawl. The getppid check closes the race of a parent that died
    before prctl ran (we would have been re-parented already).
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent_pid:
        sys.exit(f"error: the run that started this crawl (pid {parent_pid}) is gone; not crawling")


def run_outcomes(data_dir: Path, day: date, slug: str, run_id: str) -> Counter:
    if not crawl_log_file(data_dir, day, slug, run_id).exists():
        return Counter()
    # pages only: an article's lead image or stylesheet (crawler.requisites) is counted apart, as summary does
    return Counter(r["outcome"] for r in read_logs(data_dir, day.isoformat(), slug)
                   if r["run_id"] == run_id and r.get("kind") != REQUISITE)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Crawl outlets for one UTC day (used by `akhbar run`).")
    parser.add_argument("--day", required=True, type=date.fromisoformat)
    parser.add_argument("--outlet", action="append", default=[])
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--outlets-dir", required=True, type=Path)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--refetch", action="store_true")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="Scrapy setting")
    parser.add_argument("--parent-pid", type=int, help="die with this parent (set by `crawl`)")
    parser.add_argument("--lock-fd", action="append", default=[], metavar="SLUG=FD",
                        help="inherited descriptor of the outlet-day lock the parent holds")
    args = parser.parse_args(argv)
    if args.parent_pid:
        die_with_parent(args.parent_pid)
    # the parent chose these outlets, disabled ones only when the user enabled them (select_outlets): not again here
    outlets = select_outlets(args.outlet, args.outlets_dir, enable=args.outlet)
    overrides = dict(item.split("=", 1) for item in args.set)
    inherited = {slug: int(fd) for slug, fd in (item.split("=", 1) for item in args.lock_fd)}
    from akhbar.warehouse.locks import PartitionBusy

    with ExitStack() as locks:
        try:
            hold_locks(locks, [o.slug for o in outlets], args.day, args.data_dir, inherited, args.parent_pid)
        except (PartitionBusy, ValueError) as exc:
            sys.exit(f"error: {exc}")
        reasons = crawl_in_process(outlets, args.day, args.data_dir, args.run_id, args.outlets_dir,
                                   refetch=args.refetch, overrides=overrides)
    unchecked = sorted(slug for slug, why in reasons.items() if why == WARC_UNCHECKED)
    if unchecked:  # the reason is in each outlet's crawl log
        sys.exit(f"error: not crawled, an open WARC file could not be checked: {', '.join(unchecked)}")


def hold_locks(stack: ExitStack, slugs: list[str], day: date, data_dir: Path, inherited: Mapping[str, int],
               parent_pid: int | None) -> None:
    """Hold every outlet-day lock for the crawl: verify the inherited ones, take the others (standalone)."""
    from akhbar.warehouse.locks import adopt_lock, partition_lock

    for slug in slugs:
        if slug in inherited:
            adopt_lock(inherited[slug], data_dir, day.isoformat(), slug, parent_pid=parent_pid)
        else:
            stack.enter_context(partition_lock(data_dir, day.isoformat(), slug))


if __name__ == "__main__":
    main()
