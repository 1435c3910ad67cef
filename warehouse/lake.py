"""The Parquet lake: Hive-partitioned tables whose partitions are replaced atomically.

Two layouts side by side in each table:

- ``<lake>/<table>/day=YYYY-MM-DD/outlet=SLUG/part-0.parquet`` — one file per outlet-day partition, as the
  nightly writer leaves it: written to a temporary name beside it and renamed over the old one, so readers see
  the old partition or the new one, never a mix or a half-written file; re-writing the same rows gives the same
  partition.
- ``<lake>/<table>/month=YYYY-MM/part-0.parquet`` — settled days folded together by compaction
  (``warehouse.compaction``), ``day`` and ``outlet`` as columns, rows sorted by (day, outlet, SORT_KEYS); the
  folded (day, outlet) pairs are listed in the file's key-value metadata (``akhbar.partitions``), so an empty
  partition stays a partition.

**A day partition wins over the same (day, outlet) inside a month file**: a re-run of a compacted day writes a
day partition again and every reader drops that pair's month rows (``Listing``), until the next compaction folds
the new rows in. Listing the day partitions before the month files makes the swap (month file renamed in, then
the folded day partitions removed) safe for readers: a pair is read from exactly one place, or a removed day file
fails the read (readers list again and retry), never counted twice or missed.
The lake may be a local folder or any fsspec URL (``s3://bucket/akhbar/lake``), where the object
store's whole-object put gives the same all-or-nothing visibility.
"""

from __future__ import annotations

import errno
import fnmatch
import glob as globmod
import io
import json
import logging
import os
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import fsspec
from fsspec.spec import AbstractFileSystem

from akhbar.warehouse.columns import COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa

# pyarrow (and numpy, ~0.5 s of imports) is imported by the methods that read or write rows: `akhbar query`
# lists files and reads them through DuckDB only, so it never loads it.

PART_FILE = "part-0.parquet"
#: key of a month file's Parquet metadata that lists the (day, outlet) partitions folded into it
FOLDED_KEY = b"akhbar.partitions"
#: attempts of a read that meets a day file removed by a compaction swap after it was listed
READ_ATTEMPTS = 5
TMP_PREFIX = ".tmp-"  # hidden names: pyarrow and DuckDB globs skip them
#: the URL scheme under which queries see the lake (through ReadOnlyFileSystem, whatever the lake's own kind)
READER_PROTOCOL = "akhbarlake"

log = logging.getLogger(__name__)


class Lake:
    def __init__(self, uri: str) -> None:
        self.uri = uri.rstrip("/")
        self.fs, self.root = fsspec.core.url_to_fs(self.uri)

    def partition_path(self, table: str, day: date | str, outlet: str) -> str:
        if table not in COLUMNS:
            raise ValueError(f"unknown table {table!r}")
        return f"{self.root}/{table}/day={_day(day)}/outlet={outlet}/{PART_FILE}"

    def month_path(self, table: str, month: str) -> str:
        if table not in COLUMNS:
            raise ValueError(f"unknown table {table!r}")
        return f"{self.root}/{table}/month={month}/{PART_FILE}"

    def replace_partition(self, table: str, day: date | str, outlet: str, rows: list[dict] | pa.Table,
                          sort_by: Iterable[str] | None = None) -> int:
        """Replace one partition with exactly these rows (possibly none), sorted by ``sort_by`` (by default
        the table's SORT_KEYS); returns the row count."""
        data = _sorted_table(table, rows, sort_by)
        self.write_atomic(self.partition_path(table, day, outlet), data)
        return data.num_rows

    def write_atomic(self, final: str, data: pa.Table, *, row_group_size: int | None = None) -> None:
        """Write ``data`` to a hidden temporary beside ``final`` and rename it over ``final``."""
        import pyarrow.parquet as pq

        buf = io.BytesIO()
        pq.write_table(data, buf, compression="zstd", write_statistics=True, row_group_size=row_group_size)
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

    # -- tables with one file per crawl day in each partition (schema.PER_CRAWL_DAY_FILES) ------------------
    def replace_crawl_day_files(self, table: str, crawl_day: date | str, outlet: str,
                                by_day: dict[date, list]) -> None:
        """Make ``crawl-<crawl_day>.parquet`` of the outlet's partitions hold exactly ``by_day``'s rows: written
        (each atomically) in the partition of every day with rows, then removed from every other partition. Only
        the run of ``crawl_day`` (holding its lock) writes these files, so no other day's lock is needed."""
        name = crawl_day_file(crawl_day)
        for day, rows in sorted(by_day.items()):
            folder = self.partition_path(table, day, outlet).rsplit("/", 1)[0]
            self.write_atomic(f"{folder}/{name}", _sorted_table(table, rows))
        wanted = {_day(d) for d in by_day}
        for path in self.fs.glob(f"{self.pattern_root}/{table}/day=*/outlet={outlet}/{name}"):
            if _pair(path)[0] not in wanted:  # a hand-over this re-run no longer makes
                self.fs.rm(path)

    def read_crawl_day_files(self, table: str, day: date | str, outlet: str) -> pa.Table | None:
        """Every crawl day's file of one partition, read by key (its folder); None when it has none."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        from akhbar.warehouse.schema import TABLES

        folder = self.partition_path(table, day, outlet).rsplit("/", 1)[0]
        parts = []
        for path in sorted(self.fs.glob(f"{globmod.escape(folder)}/crawl-*.parquet")):
            try:
                with self.fs.open(path, "rb") as fh:
                    parts.append(pq.read_table(fh, schema=TABLES[table]))
            except FileNotFoundError:
                continue  # its crawl day was re-run meanwhile and hands nothing here any more
            except Exception as exc:
                raise CorruptPartition(self, path, table, _day(day), outlet, exc) from exc
        return pa.concat_tables(parts) if parts else None

    def _remove_quietly(self, path: str) -> None:
        try:
            if self.fs.exists(path):
                self.fs.rm(path)
        except OSError:
            pass  # the disk may be gone too; readers skip hidden temporaries anyway

    def read_partition(self, table: str, day: date | str, outlet: str) -> pa.Table | None:
        """One outlet-day's rows (table columns only), from its day partition or else the month file it was
        folded into; None when the partition was never written."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        from akhbar.warehouse.schema import TABLES

        for _ in range(READ_ATTEMPTS):
            path = self.partition_path(table, day, outlet)
            if self.fs.exists(path):
                try:
                    with self.fs.open(path, "rb") as fh:
                        return pq.read_table(fh, schema=TABLES[table])
                except FileNotFoundError:
                    continue  # folded into its month between the check and the open: read it there
                except Exception as exc:
                    raise CorruptPartition(self, path, table, _day(day), outlet, exc) from exc
            month = self.month_path(table, _day(day)[:7])
            try:
                if not self.fs.exists(month):
                    return None
                with self.fs.open(month, "rb") as fh:
                    pf = pq.ParquetFile(fh)
                    if f"{_day(day)}/{outlet}" not in _folded(pf.schema_arrow):
                        if self.fs.exists(path):
                            continue  # written meanwhile
                        return None
                    t = pf.read(columns=[*TABLES[table].names, "day", "outlet"])
            except FileNotFoundError:
                continue
            mask = pc.and_(pc.equal(t["day"], pa.scalar(date.fromisoformat(_day(day)), pa.date32())),
                           pc.equal(t["outlet"], outlet))
            return t.filter(mask).select(TABLES[table].names).cast(TABLES[table])
        raise FileNotFoundError(f"{table} day={_day(day)} outlet={outlet}: kept moving while read")

    def listing(self, table: str) -> Listing:
        """The table's files as readers must read them (day partitions listed first: see the module doc). In a
        local lake a symbolic link below the root (a file, a day, an outlet, a table) is skipped with a warning:
        what the lake holds is what was written into it, never a file it points elsewhere to."""
        if self.is_local:
            days = sorted(_walk_local(f"{self.root}/{table}", ["day=*", "outlet=*", "*.parquet"]))
            months = sorted(_walk_local(f"{self.root}/{table}", ["month=*", PART_FILE]))
        else:
            days = sorted(self.fs.glob(f"{self.pattern_root}/{table}/day=*/outlet=*/*.parquet"))
            months = sorted(self.fs.glob(f"{self.pattern_root}/{table}/month=*/{PART_FILE}"))
        pairs = {_pair(p) for p in days}
        shadowed = sorted(pr for pr in pairs if any(f"/month={pr[0][:7]}/" in m for m in months))
        return Listing(table, days, months, shadowed)

    def read(self, table: str, days: Iterable[date | str] | None = None,
             columns: list[str] | None = None, *, listing: Listing | None = None,
             corrupt: list[CorruptPartition] | None = None) -> pa.Table:
        """A table's rows (optionally for some days, some columns) with the day and outlet columns added,
        in (day, outlet) order, each outlet-day from exactly one place (its day partition, else its month).
        ``listing``: the table's files as listed before by the caller (several reads, one listing); a file
        gone since (a compaction swap) makes the read list again. A day partition that is not readable Parquet
        raises CorruptPartition naming it, or with ``corrupt`` (a list) is left out and added there: one
        outlet's broken file never stops a reader of the others."""
        for attempt in range(READ_ATTEMPTS):
            try:
                return self._read(listing if listing is not None and attempt == 0 else self.listing(table),
                                  days, columns, corrupt)
            except FileNotFoundError:
                if attempt == READ_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _read(self, listing: Listing, days: Iterable[date | str] | None, columns: list[str] | None,
              corrupt: list[CorruptPartition] | None = None) -> pa.Table:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        from akhbar.warehouse.schema import TABLES

        table = listing.table
        parts = []
        wanted = None if days is None else {_day(d) for d in days}
        schema = TABLES[table] if columns is None else pa.schema([TABLES[table].field(c) for c in columns])
        out = schema.append(pa.field("day", pa.date32())).append(pa.field("outlet", pa.string()))
        # extra files of an older layout are skipped: compaction merges them into part-0
        day_files = [path for path in listing.days if path.rsplit("/", 1)[1] == PART_FILE
                     and (wanted is None or _pair(path)[0] in wanted)]
        if day_files:
            try:
                parts.append(self._read_day_files(table, day_files, out))
            except FileNotFoundError:
                raise
            except Exception as exc:  # which file? each is read alone; the bad ones raise or are left out
                bad = self._corrupt_day_files(table, day_files, out, exc)
                if corrupt is None:
                    raise bad[0] from exc
                corrupt.extend(bad)
                good = [p for p in day_files if p not in {b.path for b in bad}]
                if good:
                    parts.append(self._read_day_files(table, good, out))
        for path in listing.months:
            month = path.rsplit("/month=", 1)[1].split("/", 1)[0]
            if wanted is not None and not any(d.startswith(month) for d in wanted):
                continue
            filters = [("day", "in", sorted(date.fromisoformat(d) for d in wanted))] if wanted is not None else None
            with self.fs.open(path, "rb") as fh:
                t = pq.read_table(fh, columns=out.names, filters=filters)
            if listing.shadowed:
                keys = pc.binary_join_element_wise(pc.cast(t["day"], pa.string()), t["outlet"], "/")
                t = t.filter(pc.invert(pc.is_in(keys, pa.array(listing.shadowed_keys()))))
            parts.append(t.select(out.names).cast(out))
        if not parts:
            return out.empty_table()
        data = pa.concat_tables(parts)
        if listing.months:  # stable: rows keep their SORT_KEYS order inside each outlet-day
            data = data.take(pc.sort_indices(data, [("day", "ascending"), ("outlet", "ascending")]))
        return data

    def _read_day_files(self, table: str, paths: list[str], out: pa.Schema) -> pa.Table:
        """Day partitions as one table in ``paths`` order, ``day`` and ``outlet`` from their folder names: one
        pyarrow dataset, its files decoded on every core (2.4x a loop of ``ParquetFile`` reads at 100 small files);
        a column a file lacks reads as null, a narrower type is cast (files of an older schema)."""
        import pyarrow as pa
        import pyarrow.dataset as ds

        # the folder name is the slug as written (no URL decoding), as _pair reads it
        keys = ds.HivePartitioning(pa.schema([out.field("day"), out.field("outlet")]), segment_encoding="none")
        return ds.dataset(paths, schema=out, format="parquet", filesystem=self.fs, partitioning=keys,
                          partition_base_dir=f"{self.root}/{table}").to_table()

    def _corrupt_day_files(self, table: str, paths: list[str], out: pa.Schema,
                           error: Exception) -> list[CorruptPartition]:
        bad = []
        for path in paths:
            try:
                self._read_day_files(table, [path], out)
            except FileNotFoundError:
                raise
            except Exception as exc:
                day, outlet = _pair(path)
                bad.append(CorruptPartition(self, path, table, day, outlet, exc))
        if not bad:  # not one file's fault after all
            raise error
        return bad

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
        """The lake as a filesystem that reads and never writes (nor follows a link below a local root), for
        DuckDB to register."""
        return ReadOnlyFileSystem(self.fs, self.root if self.is_local else None)

    def glob(self, table: str, *, reader: bool = False) -> str:
        """The glob DuckDB reads a table from, its root escaped: a plain path for a local lake, the lake's URL
        otherwise, or with ``reader`` the read-only filesystem's URL."""
        root = self.reader_root if reader else self.root if self.is_local else self.uri
        return f"{globmod.escape(root)}/{table}/**/*.parquet"

    def partitions(self, table: str) -> list[tuple[str, str]]:
        """(day, outlet) of every partition of a table, whether a day partition or folded into a month."""
        import pyarrow.parquet as pq

        listing = self.listing(table)
        out = {_pair(p) for p in listing.days if p.rsplit("/", 1)[1] == PART_FILE}
        for path in listing.months:
            try:
                with self.fs.open(path, "rb") as fh:
                    out |= {tuple(k.split("/", 1)) for k in _folded(pq.read_schema(fh))}
            except FileNotFoundError:
                continue  # a month is never removed, only replaced; a vanished one had nothing left
        return sorted(out)

    def has_files(self, table: str) -> bool:
        return bool(self.fs.glob(f"{self.pattern_root}/{table}/day=*/outlet=*/{PART_FILE}")
                    or self.fs.glob(f"{self.pattern_root}/{table}/month=*/{PART_FILE}"))

    def clean_temporaries(self) -> int:
        """Remove temp files left by writers that were killed mid-write (they were never visible)."""
        stale = (self.fs.glob(f"{self.pattern_root}/*/day=*/outlet=*/{TMP_PREFIX}*")
                 + self.fs.glob(f"{self.pattern_root}/*/month=*/{TMP_PREFIX}*"))
        for path in stale:
            self.fs.rm(path)
        return len(stale)


class CorruptPartition(ValueError):
    """A partition file that does not read as Parquet (truncated, overwritten, a disk error): named, with what to
    do about it (``repair_hint``, the words `akhbar query` uses for a damaged file too)."""

    def __init__(self, lake: Lake, path: str, table: str, day: str, outlet: str, cause: BaseException) -> None:
        self.path, self.table, self.day, self.outlet = path, table, day, outlet
        why = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
        where = path if lake.is_local else lake.fs.unstrip_protocol(path)
        super().__init__(f"lake file {where} is damaged ({why}): {repair_hint(lake, path)}")


def repair_hint(lake: Lake, path: str) -> str:
    """How to write a damaged lake file again: a day partition is re-made by re-running its day (from the day's
    WARC files), a month file is moved away and its days re-run."""
    table, _, rest = path[len(lake.root) + 1:].partition("/")
    keys = dict(part.split("=", 1) for part in rest.split("/") if "=" in part)
    if "month" in keys:
        first = date.fromisoformat(f"{keys['month']}-01")
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        redo = (f"`akhbar dedup --from {first} --to {last}`" if table == "duplicates"
                else f"`akhbar backfill --from {first} --to {last}`")
        return f"move it out of the lake, then re-run its days: {redo}"
    day, outlet = keys.get("day", "DAY"), keys.get("outlet", "SLUG")
    if table == "duplicates":
        return f"re-run that day's dedup to write it again: `akhbar dedup --from {day} --to {day}`"
    if table == "runs":
        return f"move it out of the lake; `akhbar run --date {day} --outlet {outlet}` writes a new one"
    name = rest.rsplit("/", 1)[-1]
    if name.startswith("crawl-") and name.endswith(".parquet"):  # a crawl day's own file: that day writes it
        crawled = name.removeprefix("crawl-").removesuffix(".parquet")
        return (f"re-run the day whose crawl wrote it to write it again from its WARC files: "
                f"`akhbar run --date {crawled} --outlet {outlet}`")
    return f"re-run that day to write it again from its WARC files: `akhbar run --date {day} --outlet {outlet}`"




@dataclass(frozen=True)
class Listing:
    """One table's files at one moment: day partition files, month files, and the (day, outlet) pairs that have
    both (the day partition wins: their month rows are not read)."""

    table: str
    days: list[str]
    months: list[str]
    shadowed: list[tuple[str, str]] = field(default_factory=list)

    def shadowed_keys(self) -> list[str]:
        return [f"{d}/{o}" for d, o in self.shadowed]

    def for_outlet(self, outlet: str, *, but_day: str | None = None) -> Listing:
        """The files that can hold the outlet's rows: its own day partitions (``but_day``'s left out), and the
        month files (which hold every outlet's rows: a reader of this listing filters them by outlet and day)."""
        return Listing(self.table, [p for p in self.days if _pair(p)[1] == outlet and _pair(p)[0] != but_day],
                       self.months, self.shadowed)


def _walk_local(folder: str, levels: list[str]) -> list[str]:
    """Paths under a local ``folder`` matching ``levels`` (glob patterns, one a level; the last names files), as
    fsspec's glob of ``day=*/outlet=*/*.parquet`` finds them but never through a symbolic link: each link met is
    logged and skipped. One scandir per folder (the entry's type comes with it)."""
    if os.path.islink(folder):
        _skip_link(folder)
        return []
    found = [folder]
    for depth, pattern in enumerate(levels):
        last = depth == len(levels) - 1
        below = []
        for parent in found:
            try:
                entries = list(os.scandir(parent))
            except (FileNotFoundError, NotADirectoryError):
                continue  # removed by a compaction swap meanwhile, or the table was never written
            for entry in entries:
                if not fnmatch.fnmatchcase(entry.name, pattern):
                    continue
                if entry.is_symlink():
                    _skip_link(entry.path)
                elif entry.is_file(follow_symlinks=False) if last else entry.is_dir(follow_symlinks=False):
                    below.append(f"{parent}/{entry.name}")
        found = below
    return found


_warned_links: set[str] = set()


def _skip_link(path: str) -> None:
    if path in _warned_links:  # once per process: every query lists the lake again
        return
    _warned_links.add(path)
    log.warning("skipped %s: a symbolic link inside the lake (the lake is read without following links; put the "
                "file itself there, or remove the link)", path)


def _sorted_table(table: str, rows: list | pa.Table, sort_by: Iterable[str] | None = None) -> pa.Table:
    """Rows as a table of exactly the table's schema, sorted by ``sort_by`` (by default its SORT_KEYS)."""
    import pyarrow as pa

    from akhbar.warehouse.schema import SORT_KEYS, TABLES, conform

    data = rows if isinstance(rows, pa.Table) else conform(table, rows)
    data = data.cast(TABLES[table])
    keys = [k for k in (SORT_KEYS.get(table, ()) if sort_by is None else sort_by) if k in data.column_names]
    if keys and data.num_rows:
        data = data.sort_by([(k, "ascending") for k in keys])
    return data


def crawl_day_file(crawl_day: date | str) -> str:
    """The name of a crawl day's own file in a partition of a PER_CRAWL_DAY_FILES table."""
    return f"crawl-{_day(crawl_day)}.parquet"


def _pair(path: str) -> tuple[str, str]:
    return path.split("/day=", 1)[1].split("/", 1)[0], path.split("/outlet=", 1)[1].split("/", 1)[0]


def _folded(schema: pa.Schema) -> set[str]:
    """The "day/outlet" partitions a month file holds (its metadata), empty ones included."""
    raw = (schema.metadata or {}).get(FOLDED_KEY)
    return set(json.loads(raw)) if raw else set()


class SharedReader(io.RawIOBase):
    """A read-only file that several threads may seek and read at once, each at its own position.

    DuckDB reads a registered filesystem's handle from several threads, each as ``seek(at)`` then ``read(n)``:
    on one shared position, another thread's seek in between made a read return bytes of the wrong place (seen
    as "ZSTD Decompression failure" over a lake of thousands of partitions). A local file is read with
    ``os.pread`` (no shared position at all); any other file under a lock."""

    def __init__(self, inner: Any) -> None:
        super().__init__()
        self._inner = inner
        self._lock = threading.Lock()
        self._local = threading.local()
        try:
            self._fd: int | None = inner.fileno()
        except (AttributeError, OSError, io.UnsupportedOperation):
            self._fd = None
        self._size = inner.seek(0, io.SEEK_END)
        inner.seek(0)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return getattr(self._local, "pos", 0)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.tell(), io.SEEK_END: self._size}[whence]
        self._local.pos = max(0, base + offset)
        return self._local.pos

    def read(self, size: int = -1) -> bytes:
        at = self.tell()
        size = self._size - at if size is None or size < 0 else min(size, max(0, self._size - at))
        if self._fd is not None:
            data = os.pread(self._fd, size, at)
        else:
            with self._lock:
                self._inner.seek(at)
                data = self._inner.read(size)
        self._local.pos = at + len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        return self.read(-1)

    @property
    def size(self) -> int:
        return self._size

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
        super().close()


class ReadOnlyFileSystem(AbstractFileSystem):
    """Another filesystem seen through ``akhbarlake://<its path>``: open for reading, list and stat pass
    through, every write, move or delete raises PermissionError. `akhbar query` reads the lake only this way,
    so even a statement that got past the statement check could not change or delete a partition. Over a local
    lake (``root``) it follows no symbolic link below the root: opening one raises PermissionError, listings
    leave them out, so a link in the lake folder cannot bring /etc/passwd or another folder's files into a query."""

    protocol = READER_PROTOCOL
    cachable = False

    def __init__(self, inner: fsspec.AbstractFileSystem, root: str | None = None) -> None:
        super().__init__()
        self.inner = inner
        self.root = root.rstrip("/") if root else None
        self._real_root = os.path.realpath(self.root) if self.root else None

    def _strip_protocol(self, path: str) -> str:  # type: ignore[override]  # fsspec calls it on the instance
        return self.inner._strip_protocol(str(path).removeprefix(f"{READER_PROTOCOL}://"))

    def _open(self, path: str, mode: str = "rb", **kwargs):
        if mode != "rb":
            raise PermissionError(f"the lake is read-only here (mode {mode!r}): {path}")
        if self.root is not None:
            return SharedReader(self._open_unlinked(self._strip_protocol(path)))
        return SharedReader(self.inner.open(self._strip_protocol(path), "rb", **kwargs))

    def _expected(self, path: str) -> str:
        """Where ``path`` is when no link is followed; PermissionError when it is not below the root."""
        rel = os.path.relpath(os.path.normpath(path), self.root)
        if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
            raise PermissionError(f"{path} is outside the lake")
        return os.path.join(self._real_root, rel)

    def _open_unlinked(self, path: str) -> io.FileIO:
        """Open a local file below the root unless it, or a folder between it and the root, is a symbolic link:
        O_NOFOLLOW refuses a link as the last component, the opened file's real path (/proc/self/fd) any other."""
        expected = self._expected(path)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise PermissionError(_LINK_REFUSED.format(path=path)) from None
            raise
        proc = f"/proc/self/fd/{fd}"
        real = os.readlink(proc) if os.path.exists(proc) else os.path.realpath(path)
        if real != expected:
            os.close(fd)
            raise PermissionError(_LINK_REFUSED.format(path=path))
        return io.FileIO(fd, "rb")

    def _linked(self, path: str) -> bool:
        """Whether ``path`` (local, below the root) goes through a symbolic link."""
        try:
            return os.path.realpath(path) != self._expected(path)
        except PermissionError:
            return True

    def _unlinked(self, paths: Any) -> Any:
        """Listing results (names, or name -> info) without the entries that go through a link."""
        if self.root is None:
            return paths
        if isinstance(paths, dict):
            return {k: v for k, v in paths.items() if not self._linked(k)}
        return [p for p in paths if not self._linked(p if isinstance(p, str) else p["name"])]

    def ls(self, path: str, detail: bool = True, **kwargs):
        return self._unlinked(self.inner.ls(self._strip_protocol(path), detail=detail, **kwargs))

    def info(self, path: str, **kwargs):
        return self.inner.info(self._strip_protocol(path), **kwargs)

    def modified(self, path: str):
        return self.inner.modified(self._strip_protocol(path))

    def glob(self, path: str, **kwargs):  # the inner filesystem's own glob is faster than the generic walk
        return self._unlinked(self.inner.glob(self._strip_protocol(path), **kwargs))

    def find(self, path: str, **kwargs):
        return self._unlinked(self.inner.find(self._strip_protocol(path), **kwargs))

    def _refuse(self, *args, **kwargs):
        raise PermissionError("the lake is read-only here")

    rm = rm_file = _rm = rmdir = mv = cp_file = copy = mkdir = makedirs = touch = pipe_file = put_file = _refuse


_LINK_REFUSED = ("{path} is a symbolic link inside the lake (or lies below one): the lake is read without following "
                 "links")


def _day(day: date | str) -> str:
    return day.isoformat() if isinstance(day, date) else date.fromisoformat(day).isoformat()
