"""Compaction: each partition of some days rewritten as one sorted file, under the writers' locks.

Called by the compaction DAG (``akhbar.airflow_support.compact_days``) with the configured lake.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from warehouse.lake import Lake
from warehouse.locks import PartitionBusy, partition_lock
from warehouse.schema import TABLES

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
