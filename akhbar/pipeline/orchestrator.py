"""The night of an outlet-day, as the CLI (`akhbar run`, `backfill`, `demo`) and the Airflow tasks all run it.

    archive_sources  crawl, extract and load from each capture source in turn (live, then each web archive for
                     what the runs before did not archive); crawl counts and deliveries summed; an outlet that was
                     down all night failed (quality.outage)
    deduplicate      the day against the days before it (and the later days a back-fill reaches)
    judge            the quality gate over what the lake now holds; the runs table written

One place decides each of these, so the command line and the scheduler cannot drift apart: the Airflow DAG calls
archive_sources per outlet task, then dedup and the gate in tasks of their own (akhbar.airflow_support); the CLI
calls ``archive_days``, which runs the three for each day in turn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from akhbar import quality
from akhbar.pipeline.dedup import DedupResult, dedup_day
from akhbar.pipeline.night import OutletDayResult, new_run_id, run_day
from akhbar.settings import Settings, capture_sources

#: called after each capture source's run of a day: (the day, the source, the outlets' results of that run)
Progress = Callable[[date, str, list[OutletDayResult]], None]


@dataclass
class Judged:
    """An outlet-day's result and the gate's verdict on it (None: not judged, e.g. it failed)."""

    result: OutletDayResult
    verdict: quality.GateResult | None


def archive_sources(day: date, cfg: Settings, slugs: list[str] | None, *, source: str = "live",
                    refetch: bool = False, run_id: str | None = None,
                    progress: Progress | None = None) -> list[OutletDayResult]:
    """Crawl, extract and load ``day`` for the outlets from each capture source of ``source`` in turn (an archive
    run fetches only what no earlier run of the day archived); each outlet's result is the last run's, with the
    crawl counts and the articles delivered to other days summed over the runs. An outlet down all night (no
    successful fetch, or more failed fetches than the gate allows) gets its ``error``. ``run_id``: the first run's
    id (an Airflow try's), the others get their own."""
    overrides = quality.load_overrides(cfg.quality_thresholds)  # a bad value fails before anything is crawled
    results: list[OutletDayResult] = []
    for n, src in enumerate(capture_sources(source)):
        runs = run_day(day, cfg.data_dir, slugs, folder=cfg.outlets_dir, lake_uri=cfg.lake_uri, refetch=refetch,
                       overrides={**cfg.scrapy_overrides(), **cfg.archive_overrides(src)},
                       run_id=run_id if n == 0 and run_id else new_run_id(), enable=cfg.enabled_outlets)
        if progress is not None:
            progress(day, src, runs)
        results = merge_runs(results, runs)
    for r in results:
        if r.ok:
            r.error = quality.outage(r.crawl, quality.thresholds_for(r.outlet, overrides))
    return results


def merge_runs(before: list[OutletDayResult], runs: list[OutletDayResult]) -> list[OutletDayResult]:
    """The day's outlet results over its runs from several sources: the last run's, crawl counts and deliveries
    summed."""
    earlier = {r.outlet: r for r in before}
    for r in runs:
        if r.outlet in earlier:
            r.crawl = earlier[r.outlet].crawl + r.crawl
            r.delivered = dict(Counter(earlier[r.outlet].delivered) + Counter(r.delivered))
    return runs


def deduplicate(day: date, cfg: Settings) -> DedupResult:
    """The day's duplicates, against the lookback days (later days follow when back-filling)."""
    return dedup_day(day, cfg.data_dir, lake_uri=cfg.lake_uri, folder=cfg.outlets_dir)


def summary_of(r: OutletDayResult, started: datetime | str | None, try_number: int = 1) -> dict[str, Any]:
    """What the runs table keeps of an archive's summary (quality.RUN_SUMMARY_KEYS, and when it started)."""
    return {"started_at": started, "crawl_run_id": r.run_id, "try_number": try_number, "crawl": dict(r.crawl),
            "rejected": dict(r.rejected)}


def judge(day: date, cfg: Settings, run_id: str, published: dict[str, dict[str, Any]],
          failed: dict[str, str | None]) -> tuple[list[quality.GateResult], dict[str, str]]:
    """The quality gate of the day (quality.judge_day with the configured thresholds): verdicts of the published
    outlet-days (``published``: slug -> summary_of), the runs rows written, and why each other one failed."""
    return quality.judge_day(cfg.lake, day, run_id, published, failed,
                             quality.load_overrides(cfg.quality_thresholds))


def archive_days(days: Iterable[date], cfg: Settings, slugs: list[str] | None, *, source: str = "live",
                 refetch: bool = False, progress: Progress | None = None,
                 step: Callable[[str], None] | None = None) -> list[Judged]:
    """Each day in turn: archive_sources, deduplicate, judge. ``step`` is told what starts next (a status line)."""
    say = step or (lambda _: None)
    judged: list[Judged] = []
    for day in days:
        started = datetime.now(UTC)
        say(f"archiving {day}…")
        results = archive_sources(day, cfg, slugs, source=source, refetch=refetch, progress=progress)
        say(f"deduplicating {day}…")
        deduplicate(day, cfg)
        if not results:
            continue
        say(f"quality gate of {day}…")
        verdicts, not_archived = judge(day, cfg, results[0].run_id,
                                       {r.outlet: summary_of(r, started) for r in results if r.ok},
                                       {r.outlet: r.error for r in results if not r.ok})
        by_slug = {v.outlet: v for v in verdicts}
        for r in results:  # an outlet the gate could not judge (its partition unreadable) failed, with why
            if r.ok and r.outlet in not_archived:
                r.error = not_archived[r.outlet]
            judged.append(Judged(r, by_slug.get(r.outlet)))
    return judged


# -- re-extraction: the same night from the WARC files already archived, no network ---------------------------
@dataclass
class Reextracted:
    """What re-extracting one outlet-day did: ``skipped`` when its rows were all of the current extractor."""

    outlet: str
    day: date
    articles: int = 0
    rejected: Counter | None = None
    delivered: dict[date, int] | None = None
    skipped: bool = False
    error: str | None = None


def needs_reextraction(cfg: Settings, day: date, slug: str, everything: bool) -> bool:
    """Whether an outlet-day's rows come from an older extractor (or ``everything`` is asked for). A day with WARC
    files and no articles partition yet is re-extracted too (its crawl was never loaded)."""
    from akhbar.transforms.extract import EXTRACTOR_VERSION

    if everything:
        return True
    table = cfg.lake.read_partition("articles", day, slug)
    if table is None:
        return True
    return any(v != EXTRACTOR_VERSION for v in table.column("extractor_version").to_pylist())


def reextract_days(days: Iterable[date], cfg: Settings, slugs: list[str] | None, *, everything: bool = False,
                   step: Callable[[str], None] | None = None) -> list[Reextracted]:
    """Each outlet-day of ``days`` whose crawl left WARC files, extracted and loaded again exactly as its night did
    (akhbar.pipeline.night.process_outlet_day: the day's own records, those other days handed to it, articles dated
    other days delivered to them), under its lock, each partition replaced atomically: a run killed half-way is
    resumed by running it again (an outlet-day already of the current extractor is skipped unless ``everything``).
    Then the days are deduplicated, those judged before judged again, and the indexes brought up to date. Nothing
    is fetched."""
    from akhbar.crawler import paths
    from akhbar.outlets.registry import select_outlets
    from akhbar.pipeline import reindex
    from akhbar.pipeline.dedup import dedup_range
    from akhbar.pipeline.executor import night_pool
    from akhbar.pipeline.night import Handed, deliver_handed, process_outlet_day, settle_delivered, spans_of_days
    from akhbar.warehouse.locks import PartitionBusy, partition_lock

    say = step or (lambda _: None)
    outlets = select_outlets(slugs, cfg.outlets_dir, enable=cfg.enabled_outlets)
    lake, done, run_id = cfg.lake, [], new_run_id()
    with night_pool():
        for day in days:
            for o in outlets:
                if not paths.warc_dir(cfg.data_dir, day, o.slug).is_dir():
                    continue  # never crawled: nothing to re-extract
                r = Reextracted(o.slug, day, skipped=not needs_reextraction(cfg, day, o.slug, everything))
                done.append(r)
                if r.skipped:
                    continue
                say(f"re-extracting {o.slug} {day}…")
                handed: Handed = {}
                try:
                    with partition_lock(cfg.data_dir, day.isoformat(), o.slug):
                        r.articles, r.rejected, _ = process_outlet_day(cfg.data_dir, day, o, lake, pending=handed)
                except PartitionBusy as exc:  # a crawl of that outlet-day is running: left for another time
                    r.error = str(exc)
                    continue
                # delivered once the day's own lock is let go, as a night does
                r.delivered = deliver_handed(cfg.data_dir, o, lake, handed)
                settle_delivered(cfg.data_dir, lake, o.slug, r.delivered, run_id, cfg.outlets_dir)
    redone = [r for r in done if not r.skipped and r.error is None]
    for first, last in spans_of_days(sorted({r.day for r in redone})):
        say(f"deduplicating {first}…{last}…")
        dedup_range(first, last, cfg.data_dir, lake_uri=cfg.lake_uri, folder=cfg.outlets_dir)
    overrides = quality.load_overrides(cfg.quality_thresholds)
    for r in redone:  # after dedup: the verdict counts the day's copies as they now are
        with partition_lock(cfg.data_dir, r.day.isoformat(), r.outlet, wait=True):
            quality.rejudge(lake, r.day, r.outlet, run_id, {"reextracted": r.articles}, overrides)
    if redone:
        reindex.after_night(max(r.day for r in redone), cfg.data_dir, run_id, cfg.lake_uri)
    return done
