"""Export a table of the lake as JSON lines, CSV or Parquet, streaming in record batches.

DuckDB's ``COPY … TO`` cannot run in the confined read-only connection (it writes files), so the rows come out
of the confined query as Arrow record batches (``to_arrow_reader``) and are written here one batch at a time:
memory stays that of a batch whatever the lake's size. Choices for the text formats (documented in the README):

- binary columns (``signature``, the MinHash) are written **base64** in JSON lines and CSV (lossless, and
  ``from_base64()`` in DuckDB gives the bytes back); Parquet keeps them binary;
- CSV writes lists (``authors``, ``tags``, ``date_signals``) as JSON arrays, UTF-8 unescaped, LF line endings;
- timestamps are UTC, ISO 8601 (``2025-01-07T11:00:00+00:00``); CSV quotes a value only where it must.

The file appears complete or not at all: it is written to a hidden temporary file beside it and renamed.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa

from akhbar.warehouse.duck import confined_connection, sql_string

#: what ``akhbar export --table`` takes (runs is the quality gate's own table: query it with ``akhbar query``)
EXPORT_TABLES = ("articles", "articles_unique", "duplicates", "crawl_log")
#: the output formats of ``akhbar export`` and ``akhbar query``'s machine formats
FORMATS = ("jsonl", "csv", "parquet")
#: rows per record batch: a few MB of article text at a time
BATCH_ROWS = 2048


#: the rows the articles_unique view keeps (warehouse.duck.view_sql), chosen on key columns only: the view's window
#: over whole rows holds every article's text in memory at once, this one a few key bytes per article, and the
#: export then streams the chosen rows (equal rows of one article in one partition and fetch time would both pass)
UNIQUE_KEYS = ("select a.article_id, a.day, a.outlet, a.fetched_at from articles a left join duplicates d "
               "using (article_id) where d.article_id is null or d.canonical_id = a.article_id "
               "qualify row_number() over (partition by a.article_id order by a.fetched_at desc) = 1")


def select_sql(table: str, *, start: date | None = None, end: date | None = None,
               outlets: Iterable[str] | None = None, columns: list[str] | None = None) -> str:
    """The SELECT an export runs: the table's rows of the days ``start``..``end`` (inclusive) and ``outlets``,
    with ``columns`` (expressions) instead of ``*``. Hive columns ``day``/``outlet`` filter whole partitions."""
    if table not in EXPORT_TABLES:
        raise ValueError(f"unknown table {table!r}: choose one of {', '.join(EXPORT_TABLES)}")
    where = []
    if start:
        where.append(f"day >= date {sql_string(start.isoformat())}")
    if end:
        where.append(f"day <= date {sql_string(end.isoformat())}")
    chosen = list(dict.fromkeys(outlets or []))
    if chosen:
        where.append(f"outlet in ({', '.join(sql_string(o) for o in chosen)})")
    cols = ", ".join(columns) if columns else "*"
    source = (f"articles semi join ({UNIQUE_KEYS}) k on articles.article_id = k.article_id and articles.day = k.day "
              "and articles.outlet = k.outlet and articles.fetched_at is not distinct from k.fetched_at"
              ) if table == "articles_unique" else table
    return f"select {cols} from {source}" + (f" where {' and '.join(where)}" if where else "")


def _text_columns(rel: duckdb.DuckDBPyRelation, fmt: str) -> list[str]:
    """Column expressions for a text format: blobs as base64, and for CSV lists (and structs) as JSON."""
    out = []
    for name, kind in zip(rel.columns, rel.types, strict=True):
        quoted = '"' + name.replace('"', '""') + '"'
        kind = str(kind)
        if kind == "BLOB":
            out.append(f"to_base64({quoted}) as {quoted}")
        elif fmt == "csv" and (kind.endswith("[]") or kind.startswith(("STRUCT", "MAP"))):
            out.append(f"to_json({quoted})::varchar as {quoted}")
        else:
            out.append(quoted)
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_jsonl(batches: Iterable[pa.RecordBatch], out: IO[str]) -> int:
    """One JSON object per line (UTF-8, unescaped); returns the rows written."""
    rows = 0
    for batch in batches:
        for row in batch.to_pylist():
            out.write(json.dumps(row, ensure_ascii=False, default=_json_value))
            out.write("\n")
        rows += batch.num_rows
    return rows


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def write_csv(batches: Iterable[pa.RecordBatch], schema: pa.Schema, out: IO[str]) -> int:
    """A header and one line per row, LF line endings, quoted only where a value needs it (commas, quotes,
    newlines); timestamps ISO 8601, booleans true/false, nulls empty."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.names)
    rows = 0
    for batch in batches:
        columns = [c.to_pylist() for c in batch.columns]
        writer.writerows([_csv_value(v) for v in row] for row in zip(*columns, strict=True))
        rows += batch.num_rows
    return rows


def write_parquet(batches: Iterable[pa.RecordBatch], schema: pa.Schema, path: str | Path) -> int:
    import pyarrow.parquet as pq

    rows = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


def _batches(reader: pa.RecordBatchReader) -> Iterator[pa.RecordBatch]:
    for batch in reader:
        if batch.num_rows:
            yield batch


def write_reader(reader: pa.RecordBatchReader, fmt: str, output: str | Path) -> int:
    """Write ``reader``'s batches to ``output`` (``-``: standard output, text formats only) atomically."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if str(output) == "-":
        if fmt == "parquet":
            raise ValueError("parquet cannot be written to standard output: give -o FILE")
        if fmt == "jsonl":
            return write_jsonl(_batches(reader), sys.stdout)
        return write_csv(_batches(reader), reader.schema, sys.stdout)
    path = Path(output)
    if path.is_dir():
        raise ValueError(f"{path} is a directory: give a file name")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if fmt == "parquet":
            rows = write_parquet(_batches(reader), reader.schema, tmp)
        elif fmt == "csv":
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                rows = write_csv(_batches(reader), reader.schema, f)
        else:
            with open(tmp, "w", encoding="utf-8", newline="\n") as f:
                rows = write_jsonl(_batches(reader), f)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return rows


def export(data_dir: str | Path, table: str, fmt: str, output: str | Path, *, start: date | None = None,
           end: date | None = None, outlets: Iterable[str] | None = None, lake_uri: str | None = None,
           memory_limit: str | None = None, batch_rows: int = BATCH_ROWS) -> int:
    """Export ``table`` (one of EXPORT_TABLES) of the days and outlets chosen to ``output``; returns the rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if start and end and end < start:
        raise ValueError("--to is before --from")
    sql = select_sql(table, start=start, end=end, outlets=outlets)
    con = confined_connection(data_dir, lake_uri, memory_limit=memory_limit)
    try:
        if fmt != "parquet":
            sql = select_sql(table, start=start, end=end, outlets=outlets,
                             columns=_text_columns(con.sql(sql), fmt))
        return write_reader(con.sql(sql).to_arrow_reader(batch_rows), fmt, output)
    finally:
        con.close()


def relation_reader(rel: duckdb.DuckDBPyRelation, fmt: str, batch_rows: int = BATCH_ROWS) -> pa.RecordBatchReader:
    """A query's result as batches ready for ``write_reader`` (blobs base64, for CSV lists as JSON)."""
    if fmt != "parquet":
        rel = rel.select(", ".join(_text_columns(rel, fmt)))
    return rel.to_arrow_reader(batch_rows)



def json_text(reader: pa.RecordBatchReader) -> str:
    """Every row in one JSON array (timestamps ISO 8601, bytes base64): for results that fit in memory."""
    return json.dumps([row for batch in reader for row in batch.to_pylist()], ensure_ascii=False,
                      default=_json_value)
