"""One night of the archive, stage by stage: crawl -> WARC -> extract -> lake (DuckDB reads the lake).

Each stage is a function the CLI and the Airflow DAG call alike; none keeps state between calls
beyond what it wrote to the data dir, so any stage can be re-run on its own. The extract stage is the
steps of :mod:`akhbar.pipeline.steps` run by :mod:`akhbar.pipeline.executor`.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from akhbar.crawler import paths
from akhbar.crawler import run as crawl_runner
from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.warc import new_run_id
from akhbar.outlets.registry import Outlet, outlets_dir, select_outlets
from akhbar.pipeline import reindex, revisit, steps
from akhbar.pipeline.executor import EXTRACT_TIMEOUT_S, Mode, choose_executor, night_pool, run_jobs
from akhbar.pipeline.page import PageJob, Placement
from akhbar.pipeline.prefetch import MISSING, Prefetch
from akhbar.warehouse.diskfull import disk_full_errno
from akhbar.warehouse.lake import CorruptPartition, Lake
from akhbar.warehouse.locks import partition_lock
from akhbar.warehouse.schema import ArticleRecord, CrawlLogRecord, CrawlOutcome, HandoverRecord

log = logging.getLogger(__name__)


@dataclass
class OutletDayResult:
    outlet: str
    day: date
    run_id: str
    crawl: Counter = field(default_factory=Counter)
    articles: int = 0
    rejected: Counter = field(default_factory=Counter)
    error: str | None = None
    #: home day -> articles this run added to (or refreshed in) that day's partition: pages it archived whose
    #: home is another day (steps.home_day), merged there at once, whether or not that day is ever run
    delivered: dict[date, int] = field(default_factory=dict)

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
    log_file = paths.scrapy_log_file(data_dir, day, run_id)
    return crawl_runner.crawl([o.slug for o in outlets], day, data_dir, run_id, folder, refetch=refetch,
                              overrides=overrides, log_file=log_file, lock_fds=lock_fds)


# -- stage 2: extract from the WARC files -----------------------------------------------------
# Nothing fetched is lost: every archived article response of the crawl of day C is extracted by C's
# pipeline and given one *home day* (steps.home_day), a pure function of the record and its listing.
# The pipeline of D keeps its own records whose home is D and the records other days' pipelines handed
# over to D (the rows of D's ``handovers`` partition, each a WARC pointer with its listing evidence, which
# those days wrote with their crawl_log lines ``other_day``); a record never lands anywhere but its home.
# A record whose home is another day H is also merged into H's partition by the run that archived it
# (deliver_handed), so it is in ``articles`` even if H is never run; H's own run takes it again from the
# WARC (exactly once: rows are keyed by article_id). A page that is not kept is logged with its outcome
# and reason; an error of one page is that page's extract_failed, never the day's.
@dataclass
class Extraction:
    rows: list[ArticleRecord]
    log_rows: list[CrawlLogRecord]  # not_article, extract_failed, extract_timeout and other_day lines
    #: home day -> the articles of this day's crawl that belong there, by article_id
    handed: dict[date, dict[str, ArticleRecord]] = field(default_factory=dict)


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
    batches = [refs[start:start + BATCH_PAGES] for start in range(0, len(refs), BATCH_PAGES)]
    # a thread reads the next batch from the WARC files while the workers extract this one (two batches of
    # bodies held at most); the workers run each page's whole way (steps.run_page), this process only collects
    with night_pool(workers if mode == "pool" else 1, start="fork") as shared, ThreadPoolExecutor(1) as reader:
        if shared is not None and mode == "pool":
            shared.pool()  # its workers start (by fork, outside a night) before the reading thread does
        loading = reader.submit(steps.load_records, data_dir, batches[0]) if batches else None
        for k in range(len(batches)):
            assert loading is not None
            pages = loading.result()
            loading = reader.submit(steps.load_records, data_dir, batches[k + 1]) if k + 1 < len(batches) else None
            _place_all(_run_pages(pages, outlet, day, prefetched, timeout, mode, workers), day, out, kept)
    out.rows = sorted(kept.values(), key=lambda a: a.url)
    return out


def _run_pages(pages: list[steps.Page], outlet: Outlet, day: date, prefetched: Prefetch | None,
               timeout: float | None, mode: Mode, workers: int) -> list[steps.Page]:
    """Each page extracted and decided by the executor (with the prefetch's extraction when it has the very same
    job: the worker then only decides)."""
    done = [prefetched.take(outlet.slug, steps.extract_job(p, outlet)) if prefetched else MISSING for p in pages]
    jobs = [PageJob(p, outlet, day, None if r is MISSING else r) for p, r in zip(pages, done, strict=True)]
    results = run_jobs(steps.run_page, jobs, timeout=timeout, mode=mode, workers=workers)
    return [steps.with_body(p, r, outlet, day) for p, r in zip(pages, results, strict=True)]


def _place_all(pages: list[steps.Page], day: date, out: Extraction, kept: dict[str, ArticleRecord]) -> None:
    for page in pages:
        if page.placement is Placement.KEEP:
            steps.keep_newest(kept, page.article)
        elif page.crawl_day == day:  # a handed-in page was logged by its own crawl day already
            out.log_rows.append(page.log_row())
            if page.placement is Placement.HAND_OVER:
                steps.keep_newest(out.handed.setdefault(page.home, {}), page.article)


# -- stage 3: load into the lake --------------------------------------------------------------
def load_stage(lake: Lake, data_dir: Path, day: date, outlet: Outlet, articles: list[ArticleRecord],
               rejected: list[CrawlLogRecord]) -> int:
    """Replace the outlet-day's partitions of articles and crawl_log (each atomically), and first its hand-overs:
    its ``other_day`` lines as rows of their home days' ``handovers`` partitions (this day's file in each,
    replacing what an earlier run of this day handed over, and no other day's), so a crawl_log line
    ``other_day`` never stands without the row its home day reads."""
    lake.replace_crawl_day_files("handovers", day, outlet.slug, handovers_of(rejected, day))
    crawl_rows = list(read_logs(data_dir, day.isoformat(), outlet.slug)) + rejected
    lake.replace_partition("crawl_log", day, outlet.slug, crawl_rows)
    # what revisits saw of these articles (their own tables) stays on the rows a re-run writes again
    return lake.replace_partition("articles", day, outlet.slug, revisit.stamped(lake, day, outlet.slug, articles))


def handovers_of(rejected: list[CrawlLogRecord], crawl_day: date) -> dict[date, list[HandoverRecord]]:
    """The hand-over rows of the crawl day's other_day lines, by home day."""
    out: dict[date, list[HandoverRecord]] = {}
    for r in rejected:
        if r.outcome is CrawlOutcome.OTHER_DAY and r.home_day is not None and r.warc_file:
            out.setdefault(r.home_day, []).append(HandoverRecord(
                url=r.url, crawl_day=crawl_day, warc_file=r.warc_file, warc_offset=r.warc_offset,
                listed_at=r.listed_at, listed_by=r.listed_by, reason=r.reason))
    return out


Handed = dict[date, dict[str, ArticleRecord]]


def process_outlet_day(data_dir: Path, day: date, outlet: Outlet, lake: Lake, *,
                       pending: Handed | None = None,
                       prefetched: Prefetch | None = None) -> tuple[int, Counter, dict[date, int]]:
    """Extract and load the outlet-day; then deliver the articles whose home is another day to that day's
    partition (``deliver_handed``): (articles loaded, outcomes of the pages not kept, articles delivered by
    home day).

    A caller that holds this day's lock passes ``pending`` instead: the hand-overs are collected there and
    delivered once it has let its lock go, so two neighbouring days run at the same time never wait for each
    other's lock while holding their own."""
    ex = extract_records(data_dir, day, outlet, lake, prefetched=prefetched)
    n = load_stage(lake, data_dir, day, outlet, ex.rows, ex.log_rows)
    delivered: dict[date, int] = {}
    if pending is not None:
        for home, articles in ex.handed.items():
            into = pending.setdefault(home, {})
            for article in articles.values():
                steps.keep_newest(into, article)
    else:
        delivered = deliver_handed(data_dir, outlet, lake, ex.handed)
    return n, Counter(r.outcome.value for r in ex.log_rows), delivered


def deliver_handed(data_dir: Path, outlet: Outlet, lake: Lake, handed: Handed) -> dict[date, int]:
    """Merge each home day's handed articles into its articles partition, under that day's lock (call without
    holding one): an article it lacks is added, an older fetch of the same article replaced (keep_newest, as
    that day's own run would choose), everything else it holds kept; written atomically, and only when
    something changed. Returns the articles added or replaced per home day."""
    delivered: dict[date, int] = {}
    for home, articles in sorted(handed.items()):
        with partition_lock(data_dir, home.isoformat(), outlet.slug, wait=True):
            changed = merge_articles(lake, home, outlet.slug, list(articles.values()))
        if changed:
            log.info("%s: %d article(s) delivered to their home day %s", outlet.slug, changed, home)
            delivered[home] = changed
    return delivered


def merge_articles(lake: Lake, day: date, slug: str, articles: list[ArticleRecord]) -> int:
    """Add ``articles`` to the outlet-day's partition (the caller holds its lock); the number that changed it."""
    table = lake.read_partition("articles", day, slug)
    kept = {} if table is None else {r.article_id: r for r in map(ArticleRecord.from_row, table.to_pylist())}
    changed = 0
    for article in articles:
        before = kept.get(article.article_id)
        steps.keep_newest(kept, article)
        changed += kept[article.article_id] is not before
    if changed:  # the order a day's own run writes: by URL
        lake.replace_partition("articles", day, slug,
                               revisit.stamped(lake, day, slug, sorted(kept.values(), key=lambda a: a.url)))
    return changed


def settle_delivered(data_dir: Path, lake: Lake, slug: str, delivered: dict[date, int], run_id: str,
                     folder: Path | None = None) -> None:
    """What a night does for its own day, for the days it delivered articles to: deduplicate them (they may
    never be run), and judge again those already judged, so their runs row counts what they now hold."""
    from akhbar import quality
    from akhbar.pipeline.dedup import dedup_range
    from akhbar.settings import settings

    if not delivered:
        return
    for first, last in spans_of_days(sorted(delivered)):
        dedup_range(first, last, data_dir, lake_uri=lake.uri, folder=folder)
    overrides = quality.load_overrides(settings().quality_thresholds)
    for home, n in sorted(delivered.items()):
        with partition_lock(data_dir, home.isoformat(), slug, wait=True):
            quality.rejudge(lake, home, slug, run_id, {"delivered": n}, overrides)


def spans_of_days(days: list[date]) -> list[tuple[date, date]]:
    """Consecutive days as (first, last) ranges: one dedup per range, not per day."""
    out: list[tuple[date, date]] = []
    for d in days:
        if out and (d - out[-1][1]).days == 1:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


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
    enable: Collection[str] = (),
) -> list[OutletDayResult]:
    """Crawl, extract and load one UTC day for the outlets; one outlet failing never stops the others.
    ``enable``: disabled outlets the user enabled knowingly (Settings.enabled_outlets); others are not crawled."""
    slugs = list(dict.fromkeys(slugs)) if slugs else slugs  # a slug named twice would wait for its own lock
    folder = folder or outlets_dir()
    outlets = select_outlets(slugs, folder, enable=enable)
    run_id = run_id or new_run_id()
    data_dir.mkdir(parents=True, exist_ok=True)
    lake = lake_for(data_dir, lake_uri)
    results = {o.slug: OutletDayResult(o.slug, day, run_id) for o in outlets}
    handed: dict[str, Handed] = {o.slug: {} for o in outlets}
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
                r.articles, r.rejected, _ = process_outlet_day(data_dir, day, o, lake, pending=handed[o.slug],
                                                               prefetched=prefetched)
            except CorruptPartition as exc:  # a known failure of this outlet's own files: said, not dumped
                log.error("extract/load of %s %s failed: %s", o.slug, day, exc)
                r.error = str(exc)
            except Exception as exc:
                if disk_full_errno(exc) is not None:
                    raise  # a full disk fails every outlet alike: stop, the caller reports it once
                log.exception("extract/load of %s %s failed", o.slug, day)
                r.error = f"{type(exc).__name__}: {exc}"
        locks.close()  # our locks are released: neighbouring days' runs can never wait on each other
        for o in outlets:
            r = results[o.slug]
            try:
                r.delivered = deliver_handed(data_dir, o, lake, handed[o.slug])
                settle_delivered(data_dir, lake, o.slug, r.delivered, run_id, folder)
            except Exception as exc:
                if disk_full_errno(exc) is not None:
                    raise
                if isinstance(exc, CorruptPartition):
                    log.error("delivering %s's articles to their home days failed: %s", o.slug, exc)
                else:
                    log.exception("delivering %s's articles to their home days failed", o.slug)
                r.error = r.error or f"hand-over to another day failed: {exc}"
    reindex.after_night(day, data_dir, run_id, lake_uri)  # replay and search indexes; raises only on a full disk
    return list(results.values())
