"""One night of the archive, stage by stage: crawl -> WARC -> extract -> lake (DuckDB reads the lake).

Each stage is a function the CLI and the Airflow DAG call alike; none keeps state between calls
beyond what it wrote to the data dir, so any stage can be re-run on its own. The extract stage is the
steps of :mod:`akhbar.pipeline.steps` run by :mod:`akhbar.pipeline.executor`.
"""

from __future__ import annotations

import errno
import logging
from collections import Counter
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from akhbar.crawler import run as crawl_runner
from akhbar.crawler.archives import with_capture
from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.warc import new_run_id
from akhbar.outlets.registry import Outlet, outlets_dir, select_outlets
from akhbar.pipeline import reindex, steps
from akhbar.pipeline.executor import EXTRACT_TIMEOUT_S, Mode, choose_executor, night_pool, run_jobs
from akhbar.pipeline.prefetch import MISSING, Prefetch
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.locks import partition_lock
from akhbar.warehouse.schema import ArticleRecord, CrawlLogRecord

log = logging.getLogger(__name__)


@dataclass
class OutletDay:
    outlet: str
    day: date
    run_id: str
    crawl: Counter = field(default_factory=Counter)
    articles: int = 0
    rejected: Counter = field(default_factory=Counter)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def lake_for(data_dir: Path, lake_uri: str | None = None) -> Lake:
    return Lake(lake_uri or str(data_dir.resolve() / "lake"))


# -- stage 1: crawl ---------------------------------------------------------------------------
def crawl_stage(outlets: list[Outlet], day: date, data_dir: Path, run_id: str, folder: Path, *,
                refetch: bool = False, overrides: dict[str, str] | None = None,
                lock_fds: dict[str, int] | None = None) -> dict[str, Counter]:
    """Crawl in a child process; ``lock_fds`` (the outlet-day locks held here) are handed to it, so the
    locks stay held while the crawler lives even if this process is killed."""
    log_file = data_dir / "logs" / f"crawl-{day.isoformat()}-{run_id}.log"
    return crawl_runner.crawl([o.slug for o in outlets], day, data_dir, run_id, folder, refetch=refetch,
                              overrides=overrides, log_file=log_file, lock_fds=lock_fds)


# -- stage 2: extract from the WARC files -----------------------------------------------------
# Nothing fetched is lost: every archived article response of the crawl of day C is extracted by C's
# pipeline and given one *home day* (steps.home_day), a pure function of the record and its listing.
# The pipeline of D keeps its own records whose home is D and the records other days' pipelines handed
# over to D (their crawl_log rows ``other_day`` with home_day=D and the WARC pointer); a record never
# lands anywhere but its home. A page that is not kept is logged with its outcome and reason.
@dataclass
class Extraction:
    rows: list[ArticleRecord]
    log_rows: list[CrawlLogRecord]  # not_article, extract_failed, extract_timeout and other_day lines
    handed: dict[date, set[str]] = field(default_factory=dict)  # home day -> article ids handed over


def extract_stage(data_dir: Path, day: date, outlet: Outlet,
                  lake: Lake | None = None) -> tuple[list[ArticleRecord], list[CrawlLogRecord]]:
    """Article rows of the outlet-day, and crawl-log rows for pages that were not kept here (and why)."""
    ex = extract_records(data_dir, day, outlet, lake or lake_for(data_dir))
    return ex.rows, ex.log_rows


#: records read from the WARC files and sent to the workers at a time: the stage holds one batch of bodies,
#: whatever the size of the day
BATCH_PAGES = 64


def extract_records(data_dir: Path, day: date, outlet: Outlet, lake: Lake, *,
                    timeout: float | None = EXTRACT_TIMEOUT_S, prefetched: Prefetch | None = None) -> Extraction:
    """Extract the day's own records and those handed over to it; keep exactly the ones whose home is the day.

    Records are read and extracted a batch at a time (in one pool for the whole stage, the night's when the
    stage runs in ``run_day``); a page ``prefetched`` extracted during the crawl is not extracted again."""
    refs = steps.page_refs(data_dir, day, outlet, lake)
    mode, workers = choose_executor(len(refs))
    out = Extraction([], [])
    kept: dict[str, ArticleRecord] = {}
    with night_pool(workers if mode == "pool" else 1, start="fork"):
        for start in range(0, len(refs), BATCH_PAGES):
            records = steps.load_records(data_dir, refs[start:start + BATCH_PAGES])
            results = _extract(records, outlet, prefetched, timeout, mode, workers)
            _place_all(records, results, outlet, day, out, kept)
    out.rows = sorted(kept.values(), key=lambda a: a.url)
    return out


def _extract(records: list[steps.Record], outlet: Outlet, prefetched: Prefetch | None, timeout: float | None,
             mode: Mode, workers: int) -> list:
    jobs = [steps.extract_job(r, outlet) for r in records]
    results = [prefetched.take(outlet.slug, job) if prefetched else MISSING for job in jobs]
    todo = [i for i, r in enumerate(results) if r is MISSING]
    done = run_jobs(steps.extract_page, [jobs[i] for i in todo], timeout=timeout, mode=mode, workers=workers)
    for i, result in zip(todo, done, strict=True):
        results[i] = result
    return results


def _place_all(records: list[steps.Record], results: list, outlet: Outlet, day: date, out: Extraction,
               kept: dict[str, ArticleRecord]) -> None:
    for record, result in zip(records, results, strict=True):
        rejection = steps.reject_extracted(record.response.body, result)
        article = None
        if rejection is None:
            dates = steps.choose_date(result, record.listing, record.response.fetched_at)
            article = with_capture(steps.build_article(record.response, result, outlet, dates), record.response)
            rejection = steps.place(record, dates, day)
        if rejection is None:
            steps.keep_newest(kept, article)
        elif record.crawl_day == day:  # a handed-in record was logged by its own crawl day already
            out.log_rows.append(rejection.log_row(record))
            if rejection.home_day is not None and article is not None:
                out.handed.setdefault(rejection.home_day, set()).add(article.article_id)


# -- stage 3: load into the lake --------------------------------------------------------------
def load_stage(lake: Lake, data_dir: Path, day: date, outlet: Outlet, articles: list[ArticleRecord],
               rejected: list[CrawlLogRecord]) -> int:
    """Replace the outlet-day's partitions of articles and crawl_log (each atomically)."""
    crawl_rows = list(read_logs(data_dir, day.isoformat(), outlet.slug)) + rejected
    lake.replace_partition("crawl_log", day, outlet.slug, crawl_rows)
    return lake.replace_partition("articles", day, outlet.slug, articles)


def process_outlet_day(data_dir: Path, day: date, outlet: Outlet, lake: Lake, *, deliver: bool = True,
                       pending: dict[date, set[str]] | None = None,
                       prefetched: Prefetch | None = None) -> tuple[int, Counter]:
    """Extract and load the outlet-day; then re-run each already published day it handed records to that
    lacks them (it was processed first, e.g. a newest-first back-fill), so the order of days never matters.

    A caller that holds this day's lock passes ``pending`` instead: the hand-overs are collected there and
    delivered (``deliver_handed``) once it has let its lock go, so two neighbouring days run at the same time
    never wait for each other's lock while holding their own."""
    ex = extract_records(data_dir, day, outlet, lake, prefetched=prefetched)
    n = load_stage(lake, data_dir, day, outlet, ex.rows, ex.log_rows)
    if pending is not None:
        for home, ids in ex.handed.items():
            pending.setdefault(home, set()).update(ids)
    elif deliver:
        deliver_handed(data_dir, outlet, lake, ex.handed)
    return n, Counter(r.outcome.value for r in ex.log_rows)


def deliver_handed(data_dir: Path, outlet: Outlet, lake: Lake, handed: dict[date, set[str]]) -> None:
    """Re-run extract+load of each published day that lacks records handed to it (call without holding a lock)."""
    for home, ids in sorted(handed.items()):
        if not _lacks(lake, home, outlet, ids):
            continue  # not published yet (its own pipeline will take them), or already holds them
        with partition_lock(data_dir, home.isoformat(), outlet.slug, wait=True):
            if not _lacks(lake, home, outlet, ids):  # its own run finished meanwhile and took them
                continue
            log.info("%s %s: re-running to take %d record(s) handed over", outlet.slug, home, len(ids))
            process_outlet_day(data_dir, home, outlet, lake, deliver=False)


def _lacks(lake: Lake, day: date, outlet: Outlet, ids: set[str]) -> bool:
    table = lake.read_partition("articles", day, outlet.slug)
    return table is not None and not ids <= set(table.column("article_id").to_pylist())


# -- the whole night --------------------------------------------------------------------------
def run_day(
    day: date,
    data_dir: Path,
    slugs: list[str] | None = None,
    *,
    folder: Path | None = None,
    lake_uri: str | None = None,
    refetch: bool = False,
    overrides: dict[str, str] | None = None,
    run_id: str | None = None,
) -> list[OutletDay]:
    """Crawl, extract and load one UTC day for the outlets; one outlet failing never stops the others."""
    slugs = list(dict.fromkeys(slugs)) if slugs else slugs  # a slug named twice would wait for its own lock
    folder = folder or outlets_dir()
    outlets = select_outlets(slugs, folder)
    run_id = run_id or new_run_id()
    data_dir.mkdir(parents=True, exist_ok=True)
    lake = lake_for(data_dir, lake_uri)
    results = {o.slug: OutletDay(o.slug, day, run_id) for o in outlets}
    handed: dict[str, dict[date, set[str]]] = {o.slug: {} for o in outlets}
    with night_pool() as pool, ExitStack() as locks:  # one pool for the night; its workers hold no lock
        held = {o.slug: locks.enter_context(partition_lock(data_dir, day.isoformat(), o.slug)).fd for o in outlets}
        # the night's pool extracts what the crawl archives while it crawls (none on a one-core machine)
        prefetched = Prefetch(pool, data_dir, day, outlets) if pool is not None else None
        try:
            with prefetched or nullcontext():
                counts = crawl_stage(outlets, day, data_dir, run_id, folder, refetch=refetch, overrides=overrides,
                                     lock_fds=held)
        except Exception as exc:  # the crawl process died: still publish what it archived
            log.error("crawl of %s failed: %s", day, exc)
            counts = {o.slug: crawl_runner.run_outcomes(data_dir, day, o.slug, run_id) for o in outlets}
            for r in results.values():
                r.error = f"crawl process failed: {exc}"
        for o in outlets:
            r = results[o.slug]
            r.crawl = counts.get(o.slug, Counter())
            try:
                r.articles, r.rejected = process_outlet_day(data_dir, day, o, lake, pending=handed[o.slug],
                                                            prefetched=prefetched)
            except Exception as exc:
                if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                    raise  # a full disk fails every outlet alike: stop, the caller reports it once
                log.exception("extract/load of %s %s failed", o.slug, day)
                r.error = f"{type(exc).__name__}: {exc}"
        locks.close()  # our locks are released: neighbouring days' runs can never wait on each other
        for o in outlets:
            try:
                deliver_handed(data_dir, o, lake, handed[o.slug])
            except Exception as exc:
                log.exception("re-running the days %s handed records to failed", o.slug)
                results[o.slug].error = results[o.slug].error or f"hand-over to another day failed: {exc}"
    reindex.after_night(day, data_dir, run_id, lake_uri)  # replay and search indexes; never raises
    return list(results.values())
