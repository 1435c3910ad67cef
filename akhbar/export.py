"""Export a table of the lake as JSON lines, CSV or Parquet, streaming in record batches.

DuckDB's ``COPY … TO`` cannot run in the confined read-only connection (it writes files), so the rows come out
of the confined query as Arrow record batches (``to_arrow_reader``) and are written here one batch at a time:
memory stays that of a batch whatever the lake's size. Choices for the text formats (documented in the README):

- binary columns (``signature``, the MinHash) are written **base64** in JSON lines and CSV (lossless, and
  ``from_base64()`` in DuckDB gives the bytes back); Parquet keeps them binary;
- CSV writes lists (``authors``, ``tags``, ``date_signals``) as JSON arrays, UTF-8 unescaped, LF line endings;
- timestamps are UTC, ISO 8601 (``2025-01-07T11:00:00+00:00``); CSV quotes a value only where it must;
- CSV text cells a spreadsheet would run as a formula (first character ``=`` ``+`` ``-`` ``@``, tab or carriage
  return; OWASP's CSV-injection rule) get a leading ``'``; a cell that is a plain number (``-3``, ``+1.5``) and the
  base64 cells are left as they are; ``raw_cells`` writes every cell as stored. JSON lines and Parquet are
  always written as stored.

The file appears complete or not at all: it is written to a new hidden temporary file beside it (``O_EXCL``,
never through a symbolic link) and renamed. An output inside the data dir's stored folders (lake, WARC, crawl
logs, indexes, caches, locks, the DuckDB file), a symbolic link, or anything but a regular file is refused
before a row is read (:func:`output_path`).
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

import duckdb
import pyarrow as pa

from akhbar.warehouse.duck import DB_FILE, confined_connection, sql_string

#: what ``akhbar export --table`` takes (runs is the quality gate's own table: query it with ``akhbar query``)
EXPORT_TABLES = ("articles", "articles_unique", "duplicates", "crawl_log")
#: the output formats of ``akhbar export`` and ``akhbar query``'s machine formats
FORMATS = ("jsonl", "csv", "parquet")
#: rows per record batch: a few MB of article text at a time
BATCH_ROWS = 2048
#: folders of the data dir holding what was archived, indexed or is being written: never an output
STORED_FOLDERS = ("lake", "warc", "crawl", "index", "cache", "locks", "evidence")
#: first characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: a cell that is a number: left alone although it may start with + or -
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


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
    """Column expressions for a text format: blobs as base64 (CSV: written base64 by ``write_csv``, which then
    tells them from text), and for CSV lists (and structs) as JSON."""
    out = []
    for name, kind in zip(rel.columns, rel.types, strict=True):
        quoted = '"' + name.replace('"', '""') + '"'
        kind = str(kind)
        if kind == "BLOB" and fmt != "csv":
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


def neutralised(cell: str) -> str:
    """A text cell a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM(…)``) with a
    leading ``'``, which makes it text; other cells, and numbers written with a sign, unchanged."""
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _csv_value(value: Any, raw: bool = False) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):  # base64's letters cannot make a formula: kept exact, from_base64() reads it
        import base64

        return base64.b64encode(value).decode("ascii")
    if isinstance(value, str) and not raw:
        return neutralised(value)
    return value


def write_csv(batches: Iterable[pa.RecordBatch], schema: pa.Schema, out: IO[str], raw_cells: bool = False) -> int:
    """A header and one line per row, LF line endings, quoted only where a value needs it (commas, quotes,
    newlines); timestamps ISO 8601, booleans true/false, nulls empty, binary base64; cells a spreadsheet would run
    neutralised (:func:`neutralised`) unless ``raw_cells``."""
    writer = _CsvWriter(out)
    writer.writerow([_csv_value(n, raw_cells) for n in schema.names])
    rows = 0
    for batch in batches:
        columns = [c.to_pylist() for c in batch.columns]
        for row in zip(*columns, strict=True):
            writer.writerow([_csv_value(v, raw_cells) for v in row])
        rows += batch.num_rows
    return rows


class _CsvWriter:
    """csv.writer with LF line endings that also quotes a field holding a bare CR: the csv module quotes only
    the line terminator's characters, and an unquoted CR ends the row for every reader."""

    def __init__(self, out: IO[str]) -> None:
        import csv
        import io

        self.out = out
        self.lf = csv.writer(out, lineterminator="\n")
        self.buffer = io.StringIO()
        self.crlf = csv.writer(self.buffer, lineterminator="\r\n")  # quotes fields with CR or LF

    def writerow(self, row: list[Any]) -> None:
        if not any(isinstance(v, str) and "\r" in v for v in row):
            self.lf.writerow(row)
            return
        self.buffer.seek(0)
        self.buffer.truncate()
        self.crlf.writerow(row)
        self.out.write(self.buffer.getvalue()[:-2] + "\n")


def write_parquet(batches: Iterable[pa.RecordBatch], schema: pa.Schema, out: str | Path | BinaryIO) -> int:
    import pyarrow.parquet as pq

    rows = 0
    with pq.ParquetWriter(out if hasattr(out, "write") else str(out), schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


def _batches(reader: pa.RecordBatchReader) -> Iterator[pa.RecordBatch]:
    for batch in reader:
        if batch.num_rows:
            yield batch


def protected_paths(data_dir: str | Path, lake_uri: str | None = None) -> list[Path]:
    """What no output may be written into: the data dir's stored folders, the DuckDB file and its companions
    (``akhbar.duckdb*``), and the lake when it is a local folder elsewhere."""
    root = Path(data_dir).resolve()
    out = [root / name for name in STORED_FOLDERS] + [root / DB_FILE]
    if lake_uri and lake_uri.startswith("file://"):
        lake_uri = lake_uri.removeprefix("file://")
    if lake_uri and "://" not in lake_uri:
        out.append(Path(lake_uri).resolve())
    return out


def output_path(output: str | Path, protected: Iterable[Path] = ()) -> Path:
    """The file an output option names, checked before anything is read or written: its folder's real path and
    its name (the folder may be reached through links, the file itself never is). Refused with ValueError:
    a path inside ``protected`` (or beside it named ``akhbar.duckdb…``), a symbolic link, a directory, a FIFO,
    a device or a socket."""
    path = Path(output)
    if path.name in ("", ".", ".."):
        raise ValueError(f"{output} is not a file name")
    target = path.parent.resolve() / path.name
    for p in protected:
        if p.name == DB_FILE and target.parent == p.parent and target.name.startswith(DB_FILE):
            raise ValueError(f"{output} is the data dir's DuckDB database or its companion (stored data, never "
                             "overwritten): write somewhere else")
        if target == p or target.is_relative_to(p):
            raise ValueError(f"{output} is inside {p} (stored data, never overwritten): write somewhere else")
    _refuse_special(os.lstat, target, str(output))
    return target


def _refuse_special(lstat: Any, target: Any, shown: str) -> None:
    """ValueError when ``target`` exists as anything but a regular file (``lstat``: never following a link)."""
    try:
        mode = lstat(target).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise ValueError(f"{shown} is a symbolic link: give the file itself ('-' for standard output)")
    if stat.S_ISDIR(mode):
        raise ValueError(f"{shown} is a directory: give a file name")
    if not stat.S_ISREG(mode):
        raise ValueError(f"{shown} is not a regular file (a FIFO, device or socket): give a file name")


def _temporary_name(name: str) -> str:
    """A hidden name beside ``name`` that nobody can guess (64 random bits)."""
    return f".{name}.{os.urandom(8).hex()}.tmp"


@contextmanager
def replaced_atomically(target: Path) -> Iterator[BinaryIO]:
    """A new file to write, renamed over ``target`` when the block ends without error (removed otherwise).

    The temporary is created beside ``target`` with ``O_EXCL | O_NOFOLLOW`` and a random name, relative to the
    folder opened once: a link planted at a guessable name is never followed, nothing already there is
    truncated, and the rename lands in the folder that was checked. ``target`` is checked again just before
    the rename (still no link, FIFO or device)."""
    folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        tmp = _temporary_name(target.name)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666, dir_fd=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            _refuse_special(lambda name: os.stat(name, dir_fd=folder, follow_symlinks=False), target.name,
                            str(target))
            os.replace(tmp, target.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(tmp, dir_fd=folder)
            raise
    finally:
        os.close(folder)


def write_reader(reader: pa.RecordBatchReader, fmt: str, output: str | Path, *, raw_cells: bool = False,
                 protected: Iterable[Path] = ()) -> int:
    """Write ``reader``'s batches to ``output`` (``-``: standard output, text formats only) atomically; the
    output checked first (:func:`output_path`, against ``protected``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if str(output) == "-":
        if fmt == "parquet":
            raise ValueError("parquet cannot be written to standard output: give -o FILE")
        if fmt == "jsonl":
            return write_jsonl(_batches(reader), sys.stdout)
        return write_csv(_batches(reader), reader.schema, sys.stdout, raw_cells)
    import io

    with replaced_atomically(output_path(output, protected)) as fh:
        if fmt == "parquet":
            return write_parquet(_batches(reader), reader.schema, fh)
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="" if fmt == "csv" else "\n")
        try:
            rows = (write_csv(_batches(reader), reader.schema, text, raw_cells) if fmt == "csv"
                    else write_jsonl(_batches(reader), text))
            text.flush()
        finally:
            text.detach()  # the binary file stays open for the fsync and rename
        return rows


def export(data_dir: str | Path, table: str, fmt: str, output: str | Path, *, start: date | None = None,
           end: date | None = None, outlets: Iterable[str] | None = None, lake_uri: str | None = None,
           memory_limit: str | None = None, batch_rows: int = BATCH_ROWS, raw_cells: bool = False) -> int:
    """Export ``table`` (one of EXPORT_TABLES) of the days and outlets chosen to ``output``; returns the rows.
    ``raw_cells``: CSV cells as stored, formulas included (for programs, not spreadsheets)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if start and end and end < start:
        raise ValueError("--to is before --from")
    if raw_cells and fmt != "csv":
        raise ValueError(f"--raw-cells is for --format csv ({fmt} is always written as stored)")
    protected = protected_paths(data_dir, lake_uri)
    if str(output) != "-":
        output_path(output, protected)  # refused before the lake is read
    sql = select_sql(table, start=start, end=end, outlets=outlets)
    con = confined_connection(data_dir, lake_uri, memory_limit=memory_limit)
    try:
        if fmt != "parquet":
            sql = select_sql(table, start=start, end=end, outlets=outlets,
                             columns=_text_columns(con.sql(sql), fmt))
        return write_reader(con.sql(sql).to_arrow_reader(batch_rows), fmt, output, raw_cells=raw_cells,
                            protected=protected)
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
