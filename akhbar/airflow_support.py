"""What the Airflow DAGs do, as plain functions: the DAG files in ``dags/`` only wire these up.

Nothing here imports Airflow, so every step can be run and tested without a scheduler.
Configuration comes from the environment of the Airflow processes (scheduler, dag-processor, workers):

- ``AKHBAR_DATA_DIR`` (default ``data``): WARC files, crawl logs, locks, the DuckDB file;
- ``AKHBAR_LAKE_URI`` (optional): the Parquet lake as an fsspec URL (``s3://bucket/akhbar/lake``);
  default ``<data dir>/lake``;
- ``AKHBAR_OUTLETS_DIR`` (optional): the outlet TOML folder; default the packaged outlets;
- ``AKHBAR_CRAWL_SETTINGS`` (optional): JSON object of Scrapy settings for the crawl (e.g. USER_AGENT);
- ``AKHBAR_QUALITY_THRESHOLDS`` (optional): see :mod:`akhbar.quality`;
- ``AKHBAR_RETRY_DELAY_SECONDS`` (optional, read when the DAG is parsed): first retry delay, default 300.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from akhbar import quality
from akhbar.locks import PartitionBusy, partition_lock
from akhbar.registry import load_outlets, outlets_dir
from warehouse.lake import Lake
from warehouse.schema import TABLES

log = logging.getLogger(__name__)

NIGHTLY_DAG_ID = "akhbar_nightly"
COMPACTION_DAG_ID = "akhbar_compaction"
REPORT_DAG_ID = "akhbar_report"
DEDUP_DAG_ID = "akhbar_dedup"
#: the Airflow Asset standing for the lake's day partitions; events carry {"day", "outlets"}
LAKE_ASSET_NAME = "akhbar_lake_day_partitions"
LAKE_ASSET_URI = "akhbar://lake/day-partitions"
POOL_PREFIX = "akhbar_"
#: the nightly run waits this long after its day ended: late sitemap/archive updates get in
SETTLE_DELAY = timedelta(hours=2)
#: first retry delay of an outlet task (then doubling, up to an hour); AKHBAR_RETRY_DELAY_SECONDS overrides
RETRY_DELAY = timedelta(seconds=float(os.environ.get("AKHBAR_RETRY_DELAY_SECONDS") or 300))


class OutletFailed(RuntimeError):
    """The outlet-day was not archived; Airflow retries the task."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    lake_uri: str | None
    outlets_dir: Path
    crawl_settings: dict[str, str]

    @property
    def lake(self) -> Lake:
        return Lake(self.lake_uri or str(self.data_dir.resolve() / "lake"))


def settings() -> Settings:
    raw = os.environ.get("AKHBAR_CRAWL_SETTINGS", "").strip()
    return Settings(
        data_dir=Path(os.environ.get("AKHBAR_DATA_DIR") or "data"),
        lake_uri=os.environ.get("AKHBAR_LAKE_URI") or None,
        outlets_dir=outlets_dir(),
        crawl_settings={str(k): str(v) for k, v in json.loads(raw).items()} if raw else {},
    )


# -- DAG shape --------------------------------------------------------------------------------
def pool_name(slug: str) -> str:
    """The outlet's Airflow pool (1 slot): no two runs ever crawl the same outlet at once."""
    return f"{POOL_PREFIX}{slug}"


def outlet_slugs(folder: Path | None = None) -> list[str]:
    """Slugs of the configured outlets, read when the DAG file is parsed (one task per outlet)."""
    return sorted(load_outlets(folder or outlets_dir()))


def pools_spec(folder: Path | None = None) -> dict[str, dict[str, Any]]:
    """The pools file ``airflow pools import`` reads: one 1-slot pool per outlet."""
    return {pool_name(s): {"slots": 1, "description": f"akhbar: one crawl of outlet {s} at a time",
                           "include_deferred": False} for s in outlet_slugs(folder)}


def partition_day(data_interval_start: datetime) -> date:
    """The UTC day a run covers: its data interval [D 00:00, D+1 00:00) UTC is keyed by D."""
    start = data_interval_start.astimezone(UTC)
    if (start.hour, start.minute, start.second, start.microsecond) != (0, 0, 0, 0):
        raise ValueError(f"data interval starts at {start.isoformat()}, not at a UTC midnight")
    return start.date()


# -- tasks of the nightly DAG -----------------------------------------------------------------
def archive_outlet(slug: str, day: date, run_id: str, try_number: int = 1) -> dict[str, Any]:
    """Crawl, extract and publish one outlet-day; raise OutletFailed (after recording it) if it failed: an
    error, or an outage (no successful fetch, or more failed fetches than the gate allows: quality.outage).
    What an outage run did fetch or log is still published (its crawl_log keeps every refusal)."""
    from akhbar.pipeline import new_run_id, run_day

    cfg = settings()
    started = datetime.now(UTC)
    crawl_run_id = new_run_id()  # one per try: WARC and crawl-log files of a retry never collide
    try:
        [result] = run_day(day, cfg.data_dir, [slug], folder=cfg.outlets_dir, lake_uri=cfg.lake_uri,
                           overrides=cfg.crawl_settings or None, run_id=crawl_run_id)
        # an outlet that was down all night failed, even though nothing crashed: the task retries
        error = result.error or quality.outage(result.crawl, quality.thresholds_for(slug))
    except Exception as exc:  # e.g. PartitionBusy, a bad outlet file: same path as a failed crawl
        log.exception("archiving %s %s failed", slug, day)
        result, error = None, f"{type(exc).__name__}: {exc}"
    summary = {
        "outlet": slug, "day": day.isoformat(), "run_id": run_id, "crawl_run_id": crawl_run_id,
        "try_number": try_number, "started_at": started.isoformat(),
        "articles": result.articles if result else 0,
        "crawl": dict(result.crawl) if result else {}, "rejected": dict(result.rejected) if result else {},
    }
    log.info("outlet-day %s %s: %s", slug, day, json.dumps(summary, ensure_ascii=False))
    if error:
        quality.record_run(cfg.lake, day, slug, quality.failed_run_row(run_id, f"try {try_number}: {error}", started))
        raise OutletFailed(f"{slug} {day}: {error}")
    return summary


def dedup(day: date) -> dict[str, Any]:
    """Cluster the day's articles against the lookback days (later days follow when back-filling)."""
    from akhbar import pipeline

    cfg = settings()
    result = pipeline.dedup_day(day, cfg.data_dir, lake_uri=cfg.lake_uri, folder=cfg.outlets_dir)
    return {"day": day.isoformat(), "status": "done", "result": result.as_dict()}


def recluster(first: date, last: date) -> dict[str, Any]:
    """Re-cluster a range of days (``akhbar dedup --from --to``), then refresh the DuckDB views."""
    from akhbar import pipeline
    from warehouse.duck import refresh_database

    cfg = settings()
    result = pipeline.dedup_range(first, last, cfg.data_dir, lake_uri=cfg.lake_uri, folder=cfg.outlets_dir)
    refresh_database(cfg.data_dir, cfg.lake_uri)
    return {"status": "done", **result.as_dict()}


def publish(day: date, results: Mapping[str, dict | None]) -> dict[str, Any]:
    """Refresh the DuckDB views over what the lake now holds; name the outlets published and not."""
    from warehouse.duck import refresh_database

    cfg = settings()
    published = sorted(s for s, r in results.items() if r)
    failed = sorted(s for s, r in results.items() if not r)
    refresh_database(cfg.data_dir, cfg.lake_uri)
    log.info("day %s published for %s; not archived: %s", day, published or "no outlet", failed or "none")
    return {"day": day.isoformat(), "published": published, "failed": failed}


def quality_gate(day: date, run_id: str, summary: Mapping[str, Any], results: Mapping[str, dict | None],
                 dedup_status: Mapping[str, Any] | None) -> list[dict]:
    """Judge each published outlet-day, write the runs table, and raise if anything failed."""
    cfg = settings()
    published = {slug: results[slug] or {} for slug in summary["published"]}
    verdicts, not_archived = quality.judge_day(cfg.lake, day, run_id, published,
                                               dict.fromkeys(summary["failed"]))
    for verdict in verdicts:
        log.info("quality %s", verdict.describe())
    if dedup_status is None:
        not_archived["(dedup)"] = "the dedup task failed"
    quality.raise_if_failed(verdicts, not_archived)
    return [{"outlet": v.outlet, "ok": v.ok, "articles": v.metrics.articles} for v in verdicts]


# -- compaction -------------------------------------------------------------------------------
def days_from_events(events: Iterable[Any]) -> list[date]:
    """Days named by the lake asset's events (their extra is {"day": "YYYY-MM-DD", "outlets": [...]})."""
    days = set()
    for event in events:
        extra = getattr(event, "extra", None) or {}
        if extra.get("day"):
            days.add(date.fromisoformat(extra["day"]))
    return sorted(days)


def week_before(moment: datetime) -> list[date]:
    end = moment.astimezone(UTC).date()
    return [end - timedelta(days=n) for n in range(7, 0, -1)]


def compact_days(days: Iterable[date]) -> dict[str, Any]:
    """Rewrite every partition of these days as one sorted zstd file through the lake's atomic replace.

    The nightly writer already leaves one file per partition; this catches the rest: partitions that
    hold extra Parquet files (written by other tools, or an older layout), crawl-log rows repeated
    across re-runs (identical rows collapse into one), and temporaries left by killed writers.
    It works only under the locks the writers take: each outlet-day's partition lock (articles,
    crawl_log, runs) and, for duplicates, also the dedup lock. A lock held by another process means a
    writer is at work there: that outlet-day (or its duplicates) is skipped, never waited for, logged
    and listed in ``skipped``; the next compaction (the next asset event, or Monday's) picks it up.
    Hidden temporaries are removed only in partitions compaction holds the lock of (``runs``, whose
    writer takes no lock, only once UNLOCKED_TEMP_AGE old).
    """
    cfg = settings()
    lake = cfg.lake
    stats: dict[str, Any] = {"partitions": 0, "merged_files": 0, "dropped_rows": 0, "busy": 0, "temporaries": 0,
                             "skipped": []}
    for day in days:
        for outlet in _day_outlets(lake, day):
            _compact_outlet_day(cfg.data_dir, lake, day, outlet, stats)
    log.info("compaction of %s: %s", [d.isoformat() for d in days], stats)
    return stats


def _compact_outlet_day(data_dir: Path, lake: Lake, day: date, outlet: str, stats: dict[str, Any]) -> None:
    """Compact the outlet-day's partitions of every table under its lock; skip them if a writer holds it."""
    tables = [t for t in TABLES if lake.fs.isdir(_partition_folder(lake, t, day, outlet))]
    try:
        with partition_lock(data_dir, day.isoformat(), outlet):
            for table in tables:
                with ExitStack() as extra:
                    if table == "duplicates":  # written by dedup under its own lock, not the outlet-day's
                        try:
                            extra.enter_context(partition_lock(data_dir, "dedup", "lake"))
                        except PartitionBusy as exc:
                            _skip(stats, table, day, outlet, str(exc))
                            continue
                    stats["temporaries"] += _clean_temporaries(lake, table, day, outlet)
                    merged, dropped = _compact_partition(lake, table, day, outlet)
                stats["partitions"] += 1
                stats["merged_files"] += merged
                stats["dropped_rows"] += dropped
    except PartitionBusy as exc:
        for table in tables:
            _skip(stats, table, day, outlet, str(exc))


def _skip(stats: dict[str, Any], table: str, day: date, outlet: str, why: str) -> None:
    log.info("compaction: skipped %s day=%s outlet=%s: %s", table, day.isoformat(), outlet, why)
    stats["busy"] += 1
    stats["skipped"].append(f"{table}/day={day.isoformat()}/outlet={outlet}")


#: runs rows are written without the outlet-day lock (the quality gate): their temporaries must be this old
UNLOCKED_TEMP_AGE = timedelta(minutes=30)
#: tables whose every writer holds the lock compaction holds for them
_LOCKED_WRITERS = {"articles", "crawl_log", "duplicates"}


def _clean_temporaries(lake: Lake, table: str, day: date, outlet: str) -> int:
    """Remove temporaries of dead writers in one partition (called under the partition's lock)."""
    from warehouse.lake import TMP_PREFIX

    removed = 0
    now = datetime.now(UTC)
    for path in lake.fs.glob(f"{_partition_folder(lake, table, day, outlet)}/{TMP_PREFIX}*"):
        if table not in _LOCKED_WRITERS and now - _modified(lake, path) < UNLOCKED_TEMP_AGE:
            continue  # may be a live, unlocked writer's
        lake.fs.rm(path)
        removed += 1
    return removed


def _modified(lake: Lake, path: str) -> datetime:
    try:
        when = lake.fs.modified(path)
    except (NotImplementedError, OSError, KeyError):
        return datetime.now(UTC)  # unknown age: treat as young, keep it
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _partition_folder(lake: Lake, table: str, day: date, outlet: str) -> str:
    return lake.partition_path(table, day, outlet).rsplit("/", 1)[0]


def _day_outlets(lake: Lake, day: date) -> list[str]:
    folders = lake.fs.glob(f"{lake.root}/*/day={day.isoformat()}/outlet=*")
    return sorted({f.rsplit("outlet=", 1)[1] for f in folders})


def _compact_partition(lake: Lake, table: str, day: date, outlet: str) -> tuple[int, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = _partition_folder(lake, table, day, outlet)
    files = sorted(p for p in lake.fs.glob(f"{folder}/*.parquet"))
    if not files or (table not in _LOCKED_WRITERS and len(files) == 1):
        return 0, 0  # one runs file: nothing to merge, and a rewrite could race an unlocked writer
    parts = []
    for path in files:
        with lake.fs.open(path, "rb") as fh:
            parts.append(pq.read_table(fh).select(TABLES[table].names).cast(TABLES[table]))
    data = pa.concat_tables(parts)
    before = data.num_rows
    if table == "crawl_log":
        data = _distinct(data)
    sort_by = {"articles": ("url",), "crawl_log": ("fetched_at", "url", "outcome"), "runs": ("finished_at",),
               "duplicates": ("cluster_id", "article_id")}.get(table, ())
    lake.replace_partition(table, day, outlet, data, sort_by=sort_by)  # atomic: part-0 now holds every row
    final = lake.partition_path(table, day, outlet)
    extra = [p for p in files if p.rsplit("/", 1)[1] != final.rsplit("/", 1)[1]]
    for path in extra:  # their rows are in part-0 already
        lake.fs.rm(path)
    return len(extra), before - data.num_rows


def _distinct(table: Any) -> Any:
    import pyarrow as pa

    seen, keep = set(), []
    for i, row in enumerate(table.to_pylist()):
        key = json.dumps(row, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            keep.append(i)
    return table.take(pa.array(keep, pa.int64())) if len(keep) < table.num_rows else table


# -- report -----------------------------------------------------------------------------------
def write_reports(days: Iterable[date]) -> list[str]:
    """A Markdown report per day (<data>/reports/YYYY-MM-DD.md): summary counts and the gate's verdict."""
    from warehouse.duck import summary

    cfg = settings()
    rel = summary(cfg.data_dir, cfg.lake_uri)
    columns, rows = rel.columns, rel.fetchall()
    folder = cfg.data_dir / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for day in sorted(set(days)):
        lines = [f"# akhbar {day.isoformat()}", "", "| " + " | ".join([*columns, "gate"]) + " |",
                 "|" + "---|" * (len(columns) + 1)]
        for row in rows:
            if row[0] != day.isoformat():
                continue
            run = quality.latest_run(cfg.lake, day, row[1])
            verdict = run["status"] if run else "not judged"
            lines.append("| " + " | ".join([*(str(v) for v in row), verdict]) + " |")
        path = folder / f"{day.isoformat()}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(str(path))
    return written


def _jsonable(value: Any) -> Any:
    try:
        json.dumps(value)
        return value
    except TypeError:
        return repr(value)


def main(argv: list[str] | None = None) -> int:
    """``python -m akhbar.airflow_support pools [OUTLETS_DIR] > pools.json``, then ``airflow pools import``."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "pools":
        print(main.__doc__, file=sys.stderr)
        return 2
    folder = Path(args[1]) if len(args) > 1 else None
    print(json.dumps(pools_spec(folder), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
