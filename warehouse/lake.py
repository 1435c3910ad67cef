"""The Parquet lake: Hive-partitioned tables whose partitions are replaced atomically.

``<lake>/<table>/day=YYYY-MM-DD/outlet=SLUG/part-0.parquet`` — one file per partition, written to a
temporary name beside it and renamed over the old one, so readers see the old partition or the new
one, never a mix or a half-written file; re-writing the same rows gives the same partition.
The lake may be a local folder or any fsspec URL (``s3://bucket/akhbar/lake``), where the object
store's whole-object put gives the same all-or-nothing visibility.
"""

from __future__ import annotations

import glob as globmod
import io
import uuid
from collections.abc import Iterable
from datetime import date

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.spec import AbstractFileSystem

from warehouse.schema import SORT_KEYS, TABLES, conform

PART_FILE = "part-0.parquet"
TMP_PREFIX = ".tmp-"  # hidden names: pyarrow and DuckDB globs skip them
#: the URL scheme under which queries see the lake (through ReadOnlyFileSystem, whatever the lake's own kind)
READER_PROTOCOL = "akhbarlake"


class Lake:
    def __init__(self, uri: str) -> None:
        self.uri = uri.rstrip("/")
        self.fs, self.root = fsspec.core.url_to_fs(self.uri)

    def partition_path(self, table: str, day: date | str, outlet: str) -> str:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return f"{self.root}/{table}/day={_day(day)}/outlet={outlet}/{PART_FILE}"

    def replace_partition(self, table: str, day: date | str, outlet: str, rows: list[dict] | pa.Table,
                          sort_by: Iterable[str] | None = None) -> int:
        """Replace one partition with exactly these rows (possibly none), sorted by ``sort_by`` (by default
        the table's SORT_KEYS); returns the row count."""
        data = rows if isinstance(rows, pa.Table) else conform(table, rows)
        data = data.cast(TABLES[table])
        keys = [k for k in (SORT_KEYS.get(table, ()) if sort_by is None else sort_by) if k in data.column_names]
        if keys and data.num_rows:
            data = data.sort_by([(k, "ascending") for k in keys])
        buf = io.BytesIO()
        pq.write_table(data, buf, compression="zstd", write_statistics=True)
        final = self.partition_path(table, day, outlet)
        folder = final.rsplit("/", 1)[0]
        tmp = f"{folder}/{TMP_PREFIX}{uuid.uuid4().hex}.partial"  # never matches *.parquet
        self.fs.makedirs(folder, exist_ok=True)
        try:
            with self.fs.open(tmp, "wb") as fh:
                fh.write(buf.getvalue())
            self.fs.mv(tmp, final)  # os.replace locally: atomic
        except BaseException as exc:
            # a full disk or a kill signal turned exception: never leave the half-written temporary behind
            self._remove_quietly(tmp)
            if isinstance(exc, OSError) and exc.filename is None:
                exc.filename = final  # so the one-line error names the partition being written
            raise
        return data.num_rows

    def _remove_quietly(self, path: str) -> None:
        try:
            if self.fs.exists(path):
                self.fs.rm(path)
        except OSError:
            pass  # the disk may be gone too; readers skip hidden temporaries anyway

    def read_partition(self, table: str, day: date | str, outlet: str) -> pa.Table | None:
        path = self.partition_path(table, day, outlet)
        if not self.fs.exists(path):
            return None
        with self.fs.open(path, "rb") as fh:
            return pq.read_table(fh, schema=TABLES[table])

    def read(self, table: str, days: Iterable[date | str] | None = None,
             columns: list[str] | None = None) -> pa.Table:
        """A table's rows (optionally for some days, some columns) with the day and outlet columns added."""
        parts = []
        wanted = None if days is None else {_day(d) for d in days}
        schema = TABLES[table] if columns is None else pa.schema([TABLES[table].field(c) for c in columns])
        for path in sorted(self.fs.glob(f"{self.pattern_root}/{table}/day=*/outlet=*/{PART_FILE}")):
            day_s = path.split("/day=", 1)[1].split("/", 1)[0]
            outlet = path.split("/outlet=", 1)[1].split("/", 1)[0]
            if wanted is not None and day_s not in wanted:
                continue
            with self.fs.open(path, "rb") as fh:
                t = pq.read_table(fh, schema=schema, columns=columns)
            n = t.num_rows
            t = t.append_column("day", pa.array([date.fromisoformat(day_s)] * n, pa.date32()))
            parts.append(t.append_column("outlet", pa.array([outlet] * n, pa.string())))
        if not parts:
            return schema.append(pa.field("day", pa.date32())).append(pa.field("outlet", pa.string())).empty_table()
        return pa.concat_tables(parts)

    @property
    def is_local(self) -> bool:
        """A folder on this machine (a plain path or a file:// URL)."""
        protocol = self.fs.protocol
        return bool({"file", "local"} & set(protocol if isinstance(protocol, tuple) else (protocol,)))

    @property
    def pattern_root(self) -> str:
        """The root as a glob pattern that matches only itself: a data dir named ``d[1]`` or ``a*b`` is a
        folder name, not a pattern (``[[]``-style escapes, which fsspec and DuckDB both read)."""
        return globmod.escape(self.root)

    @property
    def reader_root(self) -> str:
        """The lake's root as the read-only filesystem (``reader()``) names it."""
        return f"{READER_PROTOCOL}://{self.root}"

    def reader(self) -> ReadOnlyFileSystem:
        """The lake as a filesystem that reads and never writes, for DuckDB to register."""
        return ReadOnlyFileSystem(self.fs)

    def glob(self, table: str, *, reader: bool = False) -> str:
        """The glob DuckDB reads a table from, its root escaped: a plain path for a local lake, the lake's URL
        otherwise, or with ``reader`` the read-only filesystem's URL."""
        root = self.reader_root if reader else self.root if self.is_local else self.uri
        return f"{globmod.escape(root)}/{table}/**/*.parquet"

    def partitions(self, table: str) -> list[tuple[str, str]]:
        """(day, outlet) of every partition of a table."""
        out = []
        for path in sorted(self.fs.glob(f"{self.pattern_root}/{table}/day=*/outlet=*/{PART_FILE}")):
            out.append((path.split("/day=", 1)[1].split("/", 1)[0], path.split("/outlet=", 1)[1].split("/", 1)[0]))
        return out

    def has_files(self, table: str) -> bool:
        return bool(self.fs.glob(f"{self.pattern_root}/{table}/day=*/outlet=*/{PART_FILE}"))

    def clean_temporaries(self) -> int:
        """Remove temp files left by writers that were killed mid-write (they were never visible)."""
        stale = self.fs.glob(f"{self.pattern_root}/*/day=*/outlet=*/{TMP_PREFIX}*")
        for path in stale:
            self.fs.rm(path)
        return len(stale)


class ReadOnlyFileSystem(AbstractFileSystem):
    """Another filesystem seen through ``akhbarlake://<its path>``: open for reading, list and stat pass
    through, every write, move or delete raises PermissionError. `akhbar query` reads the lake only this way,
    so even a statement that got past the statement check could not change or delete a partition."""

    protocol = READER_PROTOCOL
    cachable = False

    def __init__(self, inner: fsspec.AbstractFileSystem) -> None:
        super().__init__()
        self.inner = inner

    def _strip_protocol(self, path: str) -> str:  # type: ignore[override]  # fsspec calls it on the instance
        return self.inner._strip_protocol(str(path).removeprefix(f"{READER_PROTOCOL}://"))

    def _open(self, path: str, mode: str = "rb", **kwargs):
        if mode != "rb":
            raise PermissionError(f"the lake is read-only here (mode {mode!r}): {path}")
        return self.inner.open(self._strip_protocol(path), "rb", **kwargs)

    def ls(self, path: str, detail: bool = True, **kwargs):
        return self.inner.ls(self._strip_protocol(path), detail=detail, **kwargs)

    def info(self, path: str, **kwargs):
        return self.inner.info(self._strip_protocol(path), **kwargs)

    def modified(self, path: str):
        return self.inner.modified(self._strip_protocol(path))

    def glob(self, path: str, **kwargs):  # the inner filesystem's own glob is faster than the generic walk
        return self.inner.glob(self._strip_protocol(path), **kwargs)

    def find(self, path: str, **kwargs):
        return self.inner.find(self._strip_protocol(path), **kwargs)

    def _refuse(self, *args, **kwargs):
        raise PermissionError("the lake is read-only here")

    rm = rm_file = _rm = rmdir = mv = cp_file = copy = mkdir = makedirs = touch = pipe_file = put_file = _refuse


def _day(day: date | str) -> str:
    return day.isoformat() if isinstance(day, date) else date.fromisoformat(day).isoformat()
