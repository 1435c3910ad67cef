"""`akhbar lake migrate`: rewrite every lake file whose Parquet schema differs from warehouse/schema.py.

The views read the files by one schema (no ``union_by_name``, which reads every footer on every query), so a
column added to schema.py makes files written before it fail the views with a message naming this command. The
migration reads each file's footer once, and rewrites the files that differ — a missing column added as nulls,
a type cast to the schema's — atomically, under the lock their writer takes. A column the schema no longer has is
never dropped silently: the file is left as it is and reported.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from akhbar.warehouse.lake import FOLDED_KEY, CorruptPartition, Lake, crawl_day_file
from akhbar.warehouse.locks import PartitionBusy, partition_lock
from akhbar.warehouse.schema import TABLES, CrawlOutcome, HandoverRecord

log = logging.getLogger(__name__)


def expected_schema(table: str, *, month: bool) -> pa.Schema:
    schema = TABLES[table]
    if month:  # month files hold the partition columns themselves
        schema = schema.append(pa.field("day", pa.date32())).append(pa.field("outlet", pa.string()))
    return schema


def differs(found: pa.Schema, expected: pa.Schema) -> bool:
    return [(f.name, f.type) for f in found] != [(f.name, f.type) for f in expected]


def conform_table(data: pa.Table, expected: pa.Schema) -> pa.Table:
    """``data`` in the expected schema: missing columns as nulls, every column cast, in the schema's order."""
    columns = [data[f.name].cast(f.type) if f.name in data.column_names else pa.nulls(data.num_rows, f.type)
               for f in expected]
    return pa.Table.from_arrays(columns, schema=expected)


def migrate(data_dir: Path, lake: Lake, *, dry_run: bool = False) -> dict[str, Any]:
    """Check every file's schema; rewrite those that differ (unless ``dry_run``)."""
    stats: dict[str, Any] = {"checked": 0, "rewritten": [], "refused": []}
    for table in TABLES:
        listing = lake.listing(table)
        for path, month in [(p, False) for p in listing.days] + [(p, True) for p in listing.months]:
            stats["checked"] += 1
            expected = expected_schema(table, month=month)
            with lake.fs.open(path, "rb") as fh:
                found = pq.read_schema(fh)
            if not differs(found, expected):
                continue
            extra = sorted(set(found.names) - set(expected.names))
            if extra:
                stats["refused"].append(f"{path}: columns not in warehouse/schema.py: {', '.join(extra)}")
                continue
            if not dry_run:
                _rewrite(data_dir, lake, table, path, expected, month)
            stats["rewritten"].append(path)
    if not dry_run:  # crawl_log in the current schema by now: its other_day lines fill the handovers table
        stats["handovers"] = ensure_handovers(data_dir, lake)
    return stats


def _rewrite(data_dir: Path, lake: Lake, table: str, path: str, expected: pa.Schema, month: bool) -> None:
    if month:
        name = path.split("/month=", 1)[1].split("/", 1)[0]
        lock = partition_lock(data_dir, f"month={name}", table, wait=True)
    else:
        day = path.split("/day=", 1)[1].split("/", 1)[0]
        lock = partition_lock(data_dir, day, path.split("/outlet=", 1)[1].split("/", 1)[0], wait=True)
    with lock:
        with lake.fs.open(path, "rb") as fh:
            data = pq.read_table(fh)
        folded = (data.schema.metadata or {}).get(FOLDED_KEY)
        data = conform_table(data, expected)
        if folded:
            data = data.replace_schema_metadata({FOLDED_KEY: folded})
        lake.write_atomic(path, data)
    log.info("migrated %s (%d rows)%s", path, data.num_rows,
             f", {len(json.loads(folded))} partitions" if folded else "")


# -- the handovers table, for a lake written before it existed ---------------------------------------------
#: written (hidden from readers) once the handovers table holds every hand-over the lake's crawl_log had
HANDOVERS_MARK = ".from-crawl-log"


def ensure_handovers(data_dir: Path, lake: Lake) -> int | None:
    """Once per lake: fill the ``handovers`` table from crawl_log's ``other_day`` lines (a lake written before the
    table existed), then mark it done, so home days read hand-overs by key from then on. Returns the rows
    written, or None when it was done before.

    Each crawl day's file is written under that day's lock, never waited for: a day whose lock is held (its own
    run is writing its hand-overs now, the caller's own day included) or that wrote its file already is left
    to itself. A crawl_log file that does not read is named in the log and skipped."""
    mark = f"{lake.root}/handovers/{HANDOVERS_MARK}"
    if lake.fs.exists(mark):
        return None
    written = 0
    for (day, outlet), by_home in sorted(_handed_in_crawl_log(lake).items()):
        if lake.fs.glob(f"{lake.pattern_root}/handovers/day=*/outlet={outlet}/{crawl_day_file(day)}"):
            continue  # this day's run wrote its own hand-overs already
        try:
            with partition_lock(data_dir, day.isoformat(), outlet):
                lake.replace_crawl_day_files("handovers", day, outlet, by_home)
        except PartitionBusy:
            continue  # that day is being run: its run writes its own
        written += sum(len(rows) for rows in by_home.values())
    lake.fs.makedirs(f"{lake.root}/handovers", exist_ok=True)
    with lake.fs.open(mark, "wb") as fh:
        fh.write(f"{written}\n".encode())
    log.info("handovers: %d row(s) taken from crawl_log's other_day lines", written)
    return written


def _handed_in_crawl_log(lake: Lake) -> dict[tuple[Any, str], dict[Any, list[HandoverRecord]]]:
    """(crawl day, outlet) -> home day -> the hand-over rows its crawl_log other_day lines stand for."""
    cols = ["url", "outcome", "home_day", "warc_file", "warc_offset", "listed_at", "listed_by", "reason"]
    corrupt: list[CorruptPartition] = []
    rows = lake.read("crawl_log", columns=cols, corrupt=corrupt).to_pylist()
    for exc in corrupt:
        log.warning("handovers: %s", exc)
    out: dict[tuple[Any, str], dict[Any, list[HandoverRecord]]] = {}
    for r in rows:
        if r["outcome"] != CrawlOutcome.OTHER_DAY or r["home_day"] is None or not r["warc_file"]:
            continue
        if r["home_day"] == r["day"]:
            continue
        out.setdefault((r["day"], r["outlet"]), {}).setdefault(r["home_day"], []).append(HandoverRecord(
            url=r["url"], crawl_day=r["day"], warc_file=r["warc_file"], warc_offset=r["warc_offset"],
            listed_at=r["listed_at"], listed_by=r["listed_by"], reason=r["reason"]))
    return out
