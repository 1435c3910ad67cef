"""Compaction, under the writers' locks: each partition of some days rewritten as one sorted file (``compact``),
and settled days folded into one file per table and month (``fold``).

Called by the compaction DAG (``akhbar.airflow_support.compact_days``) and ``akhbar compact`` with the
configured lake. The fold's swap, per table and month (see ``warehouse.lake`` for why readers see each row once):

1. read the month file (if any) and the day partitions to fold, each under its outlet-day lock (and the dedup
   lock for duplicates), keeping the month's rows of every other pair and replacing those of the folded pairs;
2. write the new month file to a hidden temporary and rename it over ``month=YYYY-MM/part-0.parquet``;
3. remove the folded day partitions (a day partition rewritten meanwhile is kept: it wins over the month).

A crash before 2 leaves at most a hidden temporary; between 2 and 3, day partitions that shadow their own copy in
the month (readers take the day partition); a later fold finishes the job.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from akhbar.warehouse.lake import FOLDED_KEY, PART_FILE, Lake
from akhbar.warehouse.locks import PartitionBusy, partition_lock
from akhbar.warehouse.schema import PER_CRAWL_DAY_FILES, SORT_KEYS, TABLES

log = logging.getLogger(__name__)


def compact(data_dir: Path, lake: Lake, days: Iterable[date]) -> dict[str, Any]:
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
    stats: dict[str, Any] = {"partitions": 0, "merged_files": 0, "dropped_rows": 0, "busy": 0, "temporaries": 0,
                             "skipped": []}
    for day in days:
        for outlet in _day_outlets(lake, day):
            _compact_outlet_day(data_dir, lake, day, outlet, stats)
    return stats


def _compact_outlet_day(data_dir: Path, lake: Lake, day: date, outlet: str, stats: dict[str, Any]) -> None:
    """Compact the outlet-day's partitions of every table under its lock; skip them if a writer holds it."""
    tables = [t for t in TABLES
              if t not in PER_CRAWL_DAY_FILES and lake.fs.isdir(_partition_folder(lake, t, day, outlet))]
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
    from akhbar.warehouse.lake import TMP_PREFIX

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
    lake.replace_partition(table, day, outlet, data)  # atomic: part-0 now holds every row (in SORT_KEYS order)
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


# -- folding settled days into month files ---------------------------------------------------------------------
#: a day is settled (folded into its month) once this old: past dedup's lookback, so back-fills rarely touch it
SETTLE_DAYS = 8
#: rows per row group of a month file: small enough for DuckDB to spread a scan over both cores
MONTH_ROW_GROUP = 64 * 1024
#: test hook: called with the step name ("written", "removed <path>") between the steps of a swap
_after_step: Any = None


def settled_before(lake: Lake, today: date) -> date:
    """Days before this are settled: SETTLE_DAYS older than today and than the lake's newest day (a lake
    still being back-filled, or one that stopped, keeps its last days as day partitions)."""
    newest = max((date.fromisoformat(d) for d, _ in lake.partitions("articles")), default=today)
    return min(today, newest) - timedelta(days=SETTLE_DAYS)


def fold(data_dir: Path, lake: Lake, before: date, tables: Iterable[str] | None = None) -> dict[str, Any]:
    """Fold every day partition older than ``before`` into its table's month file. Partitions a writer holds are
    skipped (listed in ``skipped``) and stay day partitions: readers read them as such."""
    stats: dict[str, Any] = {"months": 0, "folded": 0, "rows": 0, "busy": 0, "skipped": []}
    for table in tables or [t for t in TABLES if t not in PER_CRAWL_DAY_FILES]:  # their files stay per crawl day
        by_month: dict[str, list[tuple[str, str]]] = {}
        files: dict[tuple[str, str], int] = {}
        for path in lake.listing(table).days:
            day_s = path.split("/day=", 1)[1].split("/", 1)[0]
            outlet = path.split("/outlet=", 1)[1].split("/", 1)[0]
            files[(day_s, outlet)] = files.get((day_s, outlet), 0) + 1
            if date.fromisoformat(day_s) < before:
                by_month.setdefault(day_s[:7], []).append((day_s, outlet))
        several = {pair for pair, n in files.items() if n > 1}
        for month, pairs in sorted(by_month.items()):
            with partition_lock(data_dir, f"month={month}", table, wait=True):  # one folder of a month at a time
                _fold_month(data_dir, lake, table, month, sorted(set(pairs)), stats, several)
    return stats


def _fold_month(data_dir: Path, lake: Lake, table: str, month: str, pairs: list[tuple[str, str]],
                stats: dict[str, Any], several: set[tuple[str, str]]) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    with ExitStack() as locks:
        held = []
        for day_s, outlet in pairs:
            try:
                locks.enter_context(partition_lock(data_dir, day_s, outlet))
            except PartitionBusy as exc:
                _skip_fold(stats, table, day_s, outlet, str(exc))
                continue
            held.append((day_s, outlet))
        if table == "duplicates" and held:
            try:
                locks.enter_context(partition_lock(data_dir, "dedup", "lake"))
            except PartitionBusy as exc:
                for day_s, outlet in held:
                    _skip_fold(stats, table, day_s, outlet, str(exc))
                return
        if not held:
            return
        schema = TABLES[table].append(pa.field("day", pa.date32())).append(pa.field("outlet", pa.string()))
        parts, stamps, folded = [], {}, set()
        month_file = lake.month_path(table, month)
        if lake.fs.exists(month_file):
            with lake.fs.open(month_file, "rb") as fh:
                old = pq.read_table(fh)
            folded = set(json.loads((old.schema.metadata or {}).get(FOLDED_KEY, b"[]")))
            keys = pc.binary_join_element_wise(pc.cast(old["day"], pa.string()), old["outlet"], "/")
            replaced = pa.array([f"{d}/{o}" for d, o in held])
            parts.append(old.filter(pc.invert(pc.is_in(keys, replaced))).select(schema.names).cast(schema))
        for day_s, outlet in held:
            path = lake.partition_path(table, day_s, outlet)
            if (day_s, outlet) in several:  # extra files (an older layout): merged into part-0 first
                _compact_partition(lake, table, date.fromisoformat(day_s), outlet)
            stamps[path] = _stamp(lake, path)
            with lake.fs.open(path, "rb") as fh:
                t = pq.read_table(fh, schema=TABLES[table])
            n = t.num_rows
            t = t.append_column("day", pa.array([date.fromisoformat(day_s)] * n, pa.date32()))
            parts.append(t.append_column("outlet", pa.array([outlet] * n, pa.string())))
            folded.add(f"{day_s}/{outlet}")
        data = pa.concat_tables(parts)
        keys = [("day", "ascending"), ("outlet", "ascending")]
        keys += [(k, "ascending") for k in SORT_KEYS.get(table, ()) if k in data.column_names]
        data = data.take(pc.sort_indices(data, keys))
        data = data.replace_schema_metadata({**(data.schema.metadata or {}),
                                             FOLDED_KEY: json.dumps(sorted(folded)).encode()})
        lake.write_atomic(month_file, data, row_group_size=MONTH_ROW_GROUP)
        _step("written")
        for path in stamps:
            if _stamp(lake, path) != stamps[path]:
                continue  # rewritten since it was read (an unlocked runs writer): it wins over the month
            lake.fs.rm(path)
            _remove_empty_dirs(lake, path)
            _step(f"removed {path}")
        stats["months"] += 1
        stats["folded"] += len(held)
        stats["rows"] += data.num_rows


def _stamp(lake: Lake, path: str) -> tuple:
    info = lake.fs.info(path)
    return info.get("size"), info.get("mtime") or info.get("LastModified") or info.get("created"), info.get("ino")


def _remove_empty_dirs(lake: Lake, path: str) -> None:
    """The outlet= and day= folders a removed partition leaves empty (hidden temporaries keep them)."""
    for folder in (path.rsplit("/", 1)[0], path.rsplit("/", 2)[0]):
        try:
            if lake.fs.isdir(folder) and not lake.fs.ls(folder):
                lake.fs.rmdir(folder)
        except OSError:
            return  # a writer put something there meanwhile


def _skip_fold(stats: dict[str, Any], table: str, day_s: str, outlet: str, why: str) -> None:
    log.info("fold: skipped %s day=%s outlet=%s: %s", table, day_s, outlet, why)
    stats["busy"] += 1
    stats["skipped"].append(f"{table}/day={day_s}/outlet={outlet}")


def _step(name: str) -> None:
    if _after_step is not None:
        _after_step(name)


__all__ = ["PART_FILE", "SETTLE_DAYS", "compact", "fold", "settled_before"]
