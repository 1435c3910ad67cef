"""DuckDB over the lake: views, the normalize_text macro, read-only queries, the summary.

The views read the Parquet files directly (``read_parquet(..., hive_partitioning=true)``), so the
lake stays the one source of truth; ``<data>/akhbar.duckdb`` holds the same views for people who open
it with the duckdb CLI.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import re
import threading
import time
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import duckdb

from akhbar.warehouse.columns import COLUMNS, FAILED_OUTCOMES  # generated from warehouse.schema: no pyarrow here
from akhbar.warehouse.diskfull import as_os_error
from akhbar.warehouse.lake import READ_ATTEMPTS, READER_PROTOCOL, Lake, repair_hint
from akhbar.warehouse.locks import partition_lock

DB_FILE = "akhbar.duckdb"
#: statements `akhbar query` runs; everything else (writes, COPY, ATTACH, INSTALL/LOAD, SET, PRAGMA…) is refused
READ_ONLY_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
#: a query runs at most this long (seconds) unless ``timeout=`` says otherwise (the app passes AKHBAR_QUERY_TIMEOUT)
DEFAULT_QUERY_TIMEOUT = 60.0
#: DuckDB's memory cap of a query unless ``memory_limit=`` (the app passes AKHBAR_QUERY_MEMORY); nothing spills
DEFAULT_QUERY_MEMORY = "2GB"
#: damaged files a view is re-bound around (each listed last) before opening gives up
MAX_DEMOTED = 8
#: how long a refresh keeps retrying while another process holds <data>/akhbar.duckdb
DEFAULT_REFRESH_WAIT = 20.0

log = logging.getLogger(__name__)


class QueryRefused(ValueError):
    """A statement that could write, leave the lake or change settings."""


class QueryTimeout(TimeoutError):
    """A query that ran past its time limit and was interrupted."""


class SchemaMismatch(ValueError):
    """A lake file whose Parquet schema differs from warehouse/schema.py (written before a column was added)."""


class QueryMemoryExceeded(ValueError):
    """A query refused by DuckDB's memory_limit (AKHBAR_QUERY_MEMORY)."""


class DamagedFile(ValueError):
    """A lake file DuckDB cannot read as Parquet (cut short, overwritten, a bad page): the message names the file
    and how to write it again."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path


MIGRATE_HINT = "run `akhbar lake migrate` to rewrite the lake's files in the current schema"
_SCHEMA_ERRORS = ("schema mismatch", "failed to cast column", "referenced column", "not found in from clause")


def _schema_error(exc: duckdb.Error) -> SchemaMismatch | None:
    text = str(exc)
    if not any(marker in text.lower() for marker in _SCHEMA_ERRORS):
        return None
    return SchemaMismatch(f"{text.splitlines()[0]} — the lake holds files in an older schema; {MIGRATE_HINT}")


#: a Parquet file named in DuckDB's message ('…' or "…"), and DuckDB's words for one it cannot read
_NAMED_FILE = re.compile(r"""file\s+(?:'([^']+\.parquet)'|"([^"]+\.parquet)")""", re.IGNORECASE)
_DAMAGE_WORDS = ("no magic bytes", "too small to be a parquet file", "failed to read file", "invalid string encoding",
                 "decompression failure", "thrift", "corrupt", "invalid parquet", "not a parquet file")
#: ... and the words of a file that is gone (a compaction swap: read again) or refused (a link), not damaged
_NOT_DAMAGE_WORDS = ("no such file", "no files found", "does not exist", "permission", "symbolic link")
_GLOB_ESCAPE = re.compile(r"\[([*?\[])\]")


def _damaged_file(exc: duckdb.Error, lake: Lake) -> DamagedFile | None:
    """The lake file ``exc`` says DuckDB could not read, with what to do about it; None: not such an error."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    named = _NAMED_FILE.search(text)
    lowered = text.lower()
    if (named is None or not any(word in lowered for word in _DAMAGE_WORDS)
            or any(word in lowered for word in _NOT_DAMAGE_WORDS)):
        return None
    shown = named[1] or named[2]
    path = _GLOB_ESCAPE.sub(r"\1", shown.removeprefix(f"{READER_PROTOCOL}://"))
    if not lake.is_local:
        path = lake.fs._strip_protocol(path)
    if not path.startswith(lake.root + "/"):
        return None  # a file the query named itself, not one of the lake's
    detail = text.replace(f"'{shown}'", "").replace(f'"{shown}"', "").split("Error: ", 1)[-1]
    detail = re.sub(r"\s+:", ":", re.sub(r"\s+", " ", detail)).strip(" :")
    where = path if lake.is_local else lake.fs.unstrip_protocol(path)
    return DamagedFile(path, f"lake file {where} is damaged ({detail}): {repair_hint(lake, path)}")


def readable_error(exc: duckdb.Error, lake: Lake, memory: str | None = None) -> Exception:
    """``exc`` as the error a user can act on: an old file's schema, a damaged file, DuckDB's memory limit
    (``memory``: the limit the connection was given)."""
    if isinstance(exc, duckdb.OutOfMemoryException):
        return QueryMemoryExceeded(f"the query needed more than AKHBAR_QUERY_MEMORY={memory or DEFAULT_QUERY_MEMORY} "
                                   f"({str(exc).splitlines()[0]}; set AKHBAR_QUERY_MEMORY to allow more)")
    return _schema_error(exc) or _damaged_file(exc, lake) or exc


def sql_string(text: str) -> str:
    """``text`` as a SQL string literal (a path with a quote in it stays one literal)."""
    return "'" + text.replace("'", "''") + "'"


def _empty_select(table: str) -> str:
    """A typed, empty stand-in for a table that has no partitions yet."""
    cols = [f'cast(null as {t}) as "{name}"' for name, t in COLUMNS[table]]
    cols += ["cast(null as date) as day", "cast(null as varchar) as outlet"]
    return f"select {', '.join(cols)} where false"


def _file_list(lake: Lake, paths: list[str], reader: bool) -> str:
    """Paths as a DuckDB list literal, each escaped (DuckDB reads each element as a glob)."""
    if reader:
        named = [f"{READER_PROTOCOL}://{p}" for p in paths]
    else:
        named = paths if lake.is_local else [lake.fs.unstrip_protocol(p) for p in paths]
    return "[" + ", ".join(sql_string(glob.escape(p)) for p in named) + "]"


def _last(paths: list[str], demoted: frozenset[str]) -> list[str]:
    """``paths`` with the ``demoted`` ones moved to the end (DuckDB binds a file list by its first file)."""
    return [p for p in paths if p not in demoted] + [p for p in paths if p in demoted]


def table_sql(lake: Lake, table: str, *, reader: bool = False, demoted: frozenset[str] = frozenset()) -> str:
    """The SELECT behind a table's view: its day partitions and month files as listed now, by explicit file
    list (no glob expanded or footer read per query beyond the files themselves), the table's columns named
    (one schema: a file that differs makes the view fail, see ``SchemaMismatch``), and no month row of an
    outlet-day that has a day partition (the day partition wins). ``demoted``: files DuckDB could not read,
    listed last, so the view binds on a sound file and only a query that reads a damaged one fails."""
    listing = lake.listing(table)
    if not listing.days and not listing.months:
        return _empty_select(table)
    cols = ", ".join(f'"{name}"' for name, _ in COLUMNS[table]) + ", day, outlet"
    parts = []
    if listing.days:
        days = _last(listing.days, demoted)
        parts.append(f"select {cols} from read_parquet({_file_list(lake, days, reader)}, "
                     "hive_partitioning=true, hive_types={'day': date, 'outlet': varchar})")
    if listing.months:
        where = ""
        if listing.shadowed:
            keys = ", ".join(sql_string(k) for k in listing.shadowed_keys())
            where = f" where not list_contains([{keys}], cast(day as varchar) || '/' || outlet)"
        months = _last(listing.months, demoted)
        parts.append(f"select {cols} from read_parquet({_file_list(lake, months, reader)}, "
                     f"hive_partitioning=false){where}")
    return " union all ".join(parts)


#: what a view reads besides its own files
VIEW_NEEDS = {"articles_unique": ("articles", "duplicates"),
              "article_changes": ("article_versions", "article_revisits")}
#: a query that lists the catalog (SHOW TABLES, information_schema, duckdb_views()…) sees every view
_CATALOG_WORDS = re.compile(r"\b(show|describe|summarize|information_schema|duckdb_\w+|pg_\w+|sqlite_\w+)\b",
                            re.IGNORECASE)


def views_named(sql: str | None) -> set[str] | None:
    """The views a query needs: those it names (a whole word, any case) and what they read; None: all views.
    Each view lists its table's files and DuckDB binds it by opening one: `select 1` needs none of them."""
    if sql is None or _CATALOG_WORDS.search(sql):
        return None
    named = {v for v in [*COLUMNS, *VIEW_NEEDS] if re.search(rf"\b{v}\b", sql, flags=re.IGNORECASE)}
    return named | {t for v in named for t in VIEW_NEEDS.get(v, ())}


def view_sql(lake: Lake, *, reader: bool = False, only: set[str] | None = None,
             demoted: frozenset[str] = frozenset()) -> list[str]:
    """The views (``only``: just these); with ``reader`` they read through the lake's read-only filesystem
    (``Lake.reader``); ``demoted`` files are listed last (``table_sql``)."""
    statements = [f"create or replace view {table} as {table_sql(lake, table, reader=reader, demoted=demoted)}"
                  for table in COLUMNS if only is None or table in only]
    if only is None or "article_changes" in only:
        statements.append(ARTICLE_CHANGES_SQL)
    if only is not None and "articles_unique" not in only:
        return statements
    statements.append(
        "create or replace view articles_unique as "
        "select a.* from articles a left join duplicates d using (article_id) "
        "where d.article_id is null or d.canonical_id = a.article_id "
        "qualify row_number() over (partition by a.article_id order by a.fetched_at desc) = 1"
    )
    return statements


#: one row per event (docs/revisits.md): each new version's headline_changed, body_changed, stealth_edit, deleted,
#: restored (warehouse.schema.ChangeEvent), and the first revisit that found the page online but gone from its day
#: sitemap (dropped_from_sitemap); ``day`` is the article's home day, ``seen_at`` when the revisit saw it
ARTICLE_CHANGES_SQL = (
    "create or replace view article_changes as "
    "select day, outlet, article_id, version, unnest(events) as event, state, revisit_day, fetched_at as seen_at, "
    "url, final_url, http_status, title, change_summary, paragraphs_added, paragraphs_removed, paragraphs_changed, "
    "warc_file, warc_offset from article_versions "
    "union all by name "
    "select day, outlet, article_id, version, 'dropped_from_sitemap' as event, 'live' as state, revisit_day, "
    "fetched_at as seen_at, url, final_url, http_status, 'no longer in its day sitemap, still online' "
    "as change_summary, warc_file, warc_offset from article_revisits "
    "where in_sitemap = false and outcome in ('changed', 'unchanged', 'not_modified') "
    "qualify row_number() over (partition by day, outlet, article_id order by revisit_day) = 1"
)
#: per home day and outlet: articles revisited, and those with each kind of change (distinct articles)
CHANGES_SUMMARY_SQL = """
select cast(r.day as varchar) as day, r.outlet, count(distinct r.article_id) as revisited,
       count(distinct c.article_id) filter (where c.event in ('headline_changed', 'body_changed')) as edited,
       count(distinct c.article_id) filter (where c.event = 'headline_changed') as headline,
       count(distinct c.article_id) filter (where c.event = 'stealth_edit') as stealth,
       count(distinct c.article_id) filter (where c.event = 'deleted') as deleted,
       count(distinct c.article_id) filter (where c.event = 'restored') as restored,
       count(distinct c.article_id) filter (where c.event = 'dropped_from_sitemap') as unlisted
from article_revisits r left join article_changes c using (day, outlet, article_id)
where r.day between coalesce($first, r.day) and coalesce($last, r.day)
  and (len($outlets) = 0 or list_contains($outlets, r.outlet))
group by all
"""

#: where `akhbar replay` serves by default (akhbar.settings.DEFAULT_REPLAY_URL; AKHBAR_REPLAY_URL moves it)
DEFAULT_REPLAY_BASE = "http://127.0.0.1:8090"
#: replay_url(warc_file, fetched_at, url [, base := …]): the pywb replay address of an archived response (null
#: when nothing was archived); the 14-digit UTC timestamp from epoch microseconds, so no time zone setting counts
REPLAY_URL_MACRO = (
    f"CREATE OR REPLACE MACRO replay_url(warc_file, fetched_at, url, base := {sql_string(DEFAULT_REPLAY_BASE)}) AS "
    "CASE WHEN warc_file IS NULL OR fetched_at IS NULL OR url IS NULL THEN NULL ELSE rtrim(base, '/') "
    "|| '/akhbar/' || strftime(make_timestamp(epoch_us(fetched_at)), '%Y%m%d%H%M%S') || '/' || url END"
)


def _macro_sql() -> str | None:
    try:
        from akhbar.transforms.normalize import normalize_sql_macro
    except ImportError:
        return REPLAY_URL_MACRO
    return normalize_sql_macro() + ";\n" + REPLAY_URL_MACRO


#: URL schemes DuckDB reads natively (local files; httpfs/azure extensions for object stores)
DUCKDB_NATIVE_PROTOCOLS = frozenset({"file", "s3", "s3a", "gs", "gcs", "r2", "az", "azure", "abfss", "http", "https",
                                     "hf"})
#: the extension a native remote lake needs, loaded by us before the query is confined (autoload is off then)
_EXTENSION_FOR = {"az": "azure", "azure": "azure", "abfss": "azure"}


def _protocol(lake: Lake) -> str:
    return lake.uri.split("://", 1)[0] if "://" in lake.uri else "file"


#: the macros _macro_sql creates (tests/test_querypath.py keeps this equal to the names in its SQL)
MACRO_NAMES = ("normalize_text", "replay_url")


def _open(data_dir: str | Path, lake: Lake, *, persist: bool, uses: str | None = None,
          con: duckdb.DuckDBPyConnection | None = None,
          damaged: list[DamagedFile] | None = None) -> duckdb.DuckDBPyConnection:
    """The file's views name the lake natively (for the duckdb CLI); an in-memory connection reads it
    through the read-only filesystem only, whatever kind of lake it is. ``uses``: the SQL to be run, when
    known (only the macros and views it names are created). ``con``: a fresh in-memory connection to use.
    A view's first file found damaged is listed last instead (``damaged`` gets each such file's error)."""
    if persist:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(Path(data_dir) / DB_FILE))
    elif con is None:
        con = duckdb.connect()
    protocol = _protocol(lake)
    if not persist:
        con.register_filesystem(lake.reader())
    elif not lake.is_local and protocol not in DUCKDB_NATIVE_PROTOCOLS:
        # DuckDB reads s3/gcs/azure/http itself (httpfs); any other fsspec filesystem goes through fsspec
        con.register_filesystem(lake.fs)
    elif not lake.is_local:
        extension = _EXTENSION_FOR.get(protocol, "httpfs")
        try:
            con.load_extension(extension)
        except duckdb.Error:
            con.install_extension(extension)  # once per machine; a query itself can never install one
            con.load_extension(extension)
    if uses is None or any(re.search(rf"\b{n}\b", uses, flags=re.IGNORECASE) for n in MACRO_NAMES):
        con.execute(_macro_sql())  # ~0.1 s: only when the query names one of the macros (always in the file)
    demoted: frozenset[str] = frozenset()
    while True:
        try:
            for sql in view_sql(lake, reader=not persist, only=views_named(uses), demoted=demoted):
                con.execute(sql)  # DuckDB binds a view as it creates it: an old file's schema fails here
            return con
        except duckdb.Error as exc:
            error = readable_error(exc, lake)
            if isinstance(error, DamagedFile) and error.path not in demoted and len(demoted) < MAX_DEMOTED:
                demoted |= {error.path}  # bind on another file: queries that do not read this one still work
                if damaged is not None:
                    damaged.append(error)
                continue
            con.close()
            if error is exc:
                raise
            raise error from exc


def _lake(data_dir: str | Path, lake_uri: str | None) -> Lake:
    return Lake(lake_uri or str(Path(data_dir).resolve() / "lake"))


def connect(data_dir: str | Path, lake_uri: str | None = None, *, persist: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection with the lake's views. ``persist`` writes them into <data>/akhbar.duckdb too."""
    return _open(data_dir, _lake(data_dir, lake_uri), persist=persist)


def allowed_prefixes(lake: Lake) -> list[str]:
    """The lake under the read-only filesystem's scheme, as files and as the glob-escaped pattern the views use
    (DuckDB checks both): no local path, no object-store URL of its own."""
    return sorted({f.rstrip("/") + "/" for f in (lake.reader_root, glob.escape(lake.reader_root))})


def confine(con: duckdb.DuckDBPyConnection, lake: Lake, *, memory_limit: str | None = None) -> None:
    """After this, a statement on ``con`` (from ``_open(persist=False)``) can read the lake through its read-only
    filesystem and nothing else, write no file anywhere (no temp directory either) and change no setting.
    The same for a local folder, s3:// or any fsspec lake."""
    memory = memory_limit or DEFAULT_QUERY_MEMORY
    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    con.execute("set python_enable_replacements = false")  # no reading Python objects in scope by name
    con.execute("set temp_directory = ''")  # DuckDB always allows its temp dir: have none (no spilling)
    con.execute("set memory_limit = $1", [memory])
    con.execute("set allowed_directories = $1", [allowed_prefixes(lake)])
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")


def confined_connection(data_dir: str | Path, lake_uri: str | None = None, *,
                        memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """The lake's views on a connection confined as ``query``'s is, for callers that stream a result in record
    batches (``akhbar export``, ``akhbar.Archive``) instead of materialising it; timestamps render in UTC."""
    lake = _lake(data_dir, lake_uri)
    con = _open(data_dir, lake, persist=False)
    con.execute("set TimeZone = 'UTC'")  # before confine locks the configuration
    con.execute("set enable_progress_bar = false")  # DuckDB would draw it on the terminal of a piped export
    confine(con, lake, memory_limit=memory_limit)
    return con


def _is_held_elsewhere(exc: duckdb.Error) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def refresh_database(data_dir: str | Path, lake_uri: str | None = None, *,
                     max_wait: float = DEFAULT_REFRESH_WAIT) -> Path | None:
    """(Re)create the views in the DuckDB file after a load. DuckDB lets one process at a time open the file
    for writing: our runs take turns (the flock), and while an outside reader (a duckdb CLI) holds the file we
    retry with backoff for ``max_wait`` seconds, then leave the file as it is and log a warning — the lake
    already holds the run's data and `akhbar query` builds its views in memory, so a run never fails here
    (any other DuckDB error on the file is logged the same way). None when not refreshed."""
    data = Path(data_dir)
    lake = _lake(data, lake_uri)
    delay = 0.1
    with partition_lock(data, "duckdb", "views", wait=True):  # our own runs take turns
        deadline = time.monotonic() + max_wait  # waiting for our own runs (the flock) does not count
        while True:
            try:
                con = _open(data, lake, persist=True)
                try:  # explicitly: a checkpoint that fails at close() is silent, and a full disk must be said
                    con.execute("CHECKPOINT")
                finally:
                    con.close()
                return data / DB_FILE
            except duckdb.Error as exc:
                _raise_if_disk_full(exc, data / DB_FILE)
                left = deadline - time.monotonic()
                if not _is_held_elsewhere(exc) or left <= 0:
                    why = "the file is held by another process" if _is_held_elsewhere(exc) else "DuckDB failed"
                    log.warning("views in %s not refreshed: %s (%s); the lake is up to date and `akhbar query` "
                                "reads it directly", data / DB_FILE, why, str(exc).splitlines()[0])
                    return None
            time.sleep(min(delay, left))  # the last try lands on the deadline
            delay = min(delay * 2, 2.0)


def _raise_if_disk_full(exc: duckdb.Error, path: Path) -> None:
    """A DuckDB write that failed for want of space is the night's failure (OSError with its errno), never a
    warning: a night that could not write everything must say so."""
    if (full := as_os_error(exc, str(path))) is not None:
        raise full from exc


#: beside akhbar.duckdb: a hash of the views it holds (their SQL names every file: it changes with the listing)
STAMP_FILE = DB_FILE + ".views"


def views_stamp(data_dir: str | Path, lake_uri: str | None = None) -> str:
    lake = _lake(data_dir, lake_uri)
    text = "\n".join([_macro_sql() or "", *view_sql(lake)])
    return hashlib.sha256(text.encode()).hexdigest()


def refresh_if_changed(data_dir: str | Path, lake_uri: str | None = None, *,
                       max_wait: float = DEFAULT_REFRESH_WAIT) -> Path | None:
    """``refresh_database`` only when the lake's files (or the views' SQL) changed since the last refresh: a
    listing and a hash instead of opening the DuckDB file for writing. None when the refresh was needed and
    could not be done."""
    data = Path(data_dir)
    stamp = views_stamp(data, lake_uri)
    stamp_file = data / STAMP_FILE
    if (data / DB_FILE).exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return data / DB_FILE
    path = refresh_database(data, lake_uri, max_wait=max_wait)
    if path is not None:
        tmp = stamp_file.with_name(f".{STAMP_FILE}.tmp")
        tmp.write_text(stamp)
        tmp.replace(stamp_file)
    return path


def _explain_refusal(st: duckdb.Statement) -> str | None:
    """Why an EXPLAIN is refused, or None. EXPLAIN ANALYZE runs its statement (a COPY would write), so only a
    plain EXPLAIN of one SELECT passes — decided on DuckDB's own tokens and parse of the inner statement."""
    text = st.query
    tokens = [pos for pos, kind in duckdb.tokenize(text) if kind != duckdb.token_type.comment]
    words = [text[a:b].strip().lower() for a, b in zip(tokens, [*tokens[1:], len(text)], strict=True)]
    i = 1  # words[0] is EXPLAIN
    if i < len(words) and words[i] == "(":  # EXPLAIN (FORMAT json, ANALYZE) …
        while i < len(words) and words[i] != ")":
            if words[i] in ("analyze", "analyse"):
                return "EXPLAIN ANALYZE runs its statement; use EXPLAIN without ANALYZE"
            i += 1
        i += 1
    if i < len(words) and words[i] in ("analyze", "analyse"):
        return "EXPLAIN ANALYZE runs its statement; use EXPLAIN without ANALYZE"
    if i >= len(tokens):
        return "EXPLAIN of nothing"
    try:
        inner = duckdb.extract_statements(text[tokens[i]:])
    except duckdb.Error as exc:
        return f"cannot parse the explained statement: {exc}"
    if [s.type for s in inner] != [duckdb.StatementType.SELECT]:
        kinds = ", ".join(s.type.name for s in inner) or "nothing"
        return f"EXPLAIN only of a SELECT; refused an EXPLAIN of {kinds}"
    return None


def check_read_only(sql: str, con: duckdb.DuckDBPyConnection | None = None) -> list[duckdb.Statement]:
    """The statements of `sql`, or QueryRefused if any of them is not a read. ``con``: parse on this connection
    (else DuckDB's default one: a second database instance to start)."""
    try:
        statements = (con or duckdb).extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"cannot parse query: {exc}") from exc
    if not statements:
        raise QueryRefused("empty query")
    for st in statements:
        if st.type not in READ_ONLY_STATEMENTS:
            raise QueryRefused(f"only SELECT queries are allowed; refused a {st.type.name} statement")
        if st.type == duckdb.StatementType.EXPLAIN and (why := _explain_refusal(st)):
            raise QueryRefused(f"only SELECT queries are allowed; refused: {why}")
    return statements


def _run_with_deadline(con: duckdb.DuckDBPyConnection, statements: list[duckdb.Statement],
                       timeout: float) -> duckdb.DuckDBPyRelation:
    """Run every statement within ``timeout`` seconds in all (DuckDB has no statement timeout: a timer
    interrupts the connection) and return the last one's rows, already fetched."""
    timer = threading.Timer(timeout, con.interrupt)
    timer.daemon = True
    timer.start()
    try:
        result = None
        for st in statements:
            result = con.sql(st.query).materialize()
        return result
    except duckdb.InterruptException:
        raise QueryTimeout(f"query stopped after the {timeout:g} s limit (set AKHBAR_QUERY_TIMEOUT to allow "
                           "longer)") from None
    finally:
        timer.cancel()
        timer.join()


def query(data_dir: str | Path, sql: str, lake_uri: str | None = None, *,
          timeout: float | None = None, memory_limit: str | None = None) -> duckdb.DuckDBPyRelation | None:
    """Run a read-only query over the lake's views; returns the last statement's result (already computed).

    Refused by statement type before anything runs; what runs is confined (see ``confine``) and stopped
    after ``timeout`` seconds (default DEFAULT_QUERY_TIMEOUT) with QueryTimeout."""
    fresh: duckdb.DuckDBPyConnection | None = duckdb.connect()  # parses and, on the first attempt, runs
    statements = check_read_only(sql, fresh)
    limit = DEFAULT_QUERY_TIMEOUT if timeout is None else timeout
    if not limit > 0:
        raise ValueError(f"query timeout {limit!r}: must be more than 0 seconds")
    lake = _lake(data_dir, lake_uri)
    for attempt in range(READ_ATTEMPTS):
        damaged: list[DamagedFile] = []
        con, fresh = _open(data_dir, lake, persist=False, uses=sql, con=fresh, damaged=damaged), None
        confine(con, lake, memory_limit=memory_limit)
        try:
            result = _run_with_deadline(con, statements, limit)
            for error in damaged:  # the query did not read it: it ran, but the lake needs repair
                log.warning("%s (this query did not need it)", error)
            return result
        except duckdb.Error as exc:
            if (error := readable_error(exc, lake, memory_limit)) is not exc:
                raise error from exc
            if not _vanished(exc) or attempt == READ_ATTEMPTS - 1:
                raise
            log.info("a listed lake file went away (compaction swapped it): listing again")
    raise AssertionError("unreachable")


def _vanished(exc: duckdb.Error) -> bool:
    """A file of the views' listing removed before it was read: a fold swapped it into its month."""
    text = str(exc).lower()
    return isinstance(exc, duckdb.IOException) and ("no such file" in text or "no files found" in text
                                                     or "filenotfound" in text or "does not exist" in text)


#: crawl_log's run_id of the extract stage's lines (not_article, other_day…): made again by every load, so they
#: belong to the latest run
EXTRACT_RUN_ID = "extract"

# One row per outlet-day, counting only its latest crawl run (run ids are UTC times, so they sort oldest first;
# a run's lines reach the lake when its load ends, so the newest run in crawl_log is the latest complete one).
# Earlier runs' lines stay in crawl_log and are counted in `runs` only. `gate`: the newest verdict in runs, `reason`
# its error without the "slug day: " the gate writes first; `blocked`: distinct URLs a wall answered (a status-200
# wall has a crawl line and an extract line: one URL).
# Articles are counted once per (day, outlet, article_id) in one group-by (a0), and a copy is an id of the small
# set whose duplicates row names another canonical (copy_ids): the same counts as count(distinct …) filter (…)
# over articles ⟕ duplicates, without a 1M-row join and three distinct aggregates (4× faster at 1M articles).
SUMMARY_SQL = f"""
with log as (
    select * from crawl_log
    where day between coalesce($first, day) and coalesce($last, day)
      and (len($outlets) = 0 or list_contains($outlets, outlet))
), latest as (
    select day, outlet, max(run_id) as run, count(distinct run_id) as runs
    from log where run_id <> '{EXTRACT_RUN_ID}' group by all
), c as (
    select log.day, log.outlet, count(*) as fetches,
           count(*) filter (where outcome in {FAILED_OUTCOMES}) as failed,
           count(*) filter (where outcome not in {FAILED_OUTCOMES} and outcome not in ('ok', 'blocked')) as not_kept,
           count(distinct coalesce(final_url, url)) filter (where outcome = 'blocked') as blocked
    from log left join latest using (day, outlet)
    where (log.run_id = latest.run or log.run_id = '{EXTRACT_RUN_ID}' or latest.run is null)
      -- an article's lead image or stylesheet (crawler/requisites.py) is not a page: as the quality gate counts
      and log.kind is distinct from 'requisite'
    group by all
), copy_ids as (
    select distinct article_id from duplicates where canonical_id <> article_id
), a0 as (
    select day, outlet, article_id, bool_or(language_mismatch) as mismatch from articles
    where day between coalesce($first, day) and coalesce($last, day)
      and (len($outlets) = 0 or list_contains($outlets, outlet))
    group by all
), a as (
    select a0.day, a0.outlet, count(a0.article_id) as articles,
           count(a0.article_id) filter (where copy_ids.article_id is not null) as copies,
           count(a0.article_id) filter (where a0.mismatch) as lang_mismatch
    from a0 left join copy_ids using (article_id)
    group by all
), g as (
    select day, outlet, arg_max(status, finished_at) as gate,
           regexp_replace(arg_max(error, finished_at), '^[^ ]+ [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}: ', '') as reason
    from runs
    where day between coalesce($first, day) and coalesce($last, day)
      and (len($outlets) = 0 or list_contains($outlets, outlet))
    group by all
), k as (
    select day, outlet from c union select day, outlet from a union select day, outlet from g
)
select cast(k.day as varchar) as day, k.outlet, coalesce(a.articles, 0) as articles,
       coalesce(a.copies, 0) as copies, coalesce(a.lang_mismatch, 0) as lang_mismatch,
       coalesce(c.fetches, 0) as fetches, coalesce(c.failed, 0) as failed, coalesce(c.not_kept, 0) as not_kept,
       coalesce(c.blocked, 0) as blocked, coalesce(latest.runs, 0) as runs, coalesce(g.gate, 'not judged') as gate,
       g.reason
from k left join c using (day, outlet) left join a using (day, outlet) left join g using (day, outlet)
     left join latest using (day, outlet)
order by k.day, k.outlet
"""


def changed_article_ids(data_dir: str | Path, events: Iterable[str], lake_uri: str | None = None, *,
                        memory_limit: str | None = None) -> set[str]:
    """The articles with any of ``events`` (warehouse.schema.ChangeEvent values) in ``article_changes``."""
    con = confined_connection(data_dir, lake_uri, memory_limit=memory_limit)
    try:
        rows = con.execute("select distinct article_id from article_changes where list_contains($events, event)",
                           {"events": sorted(set(events))}).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows}


def summary(data_dir: str | Path, lake_uri: str | None = None, *, memory_limit: str | None = None,
            first: date | None = None, last: date | None = None,
            outlets: Sequence[str] = (), changes: bool = False) -> duckdb.DuckDBPyRelation:
    """Per day and outlet (optionally from ``first`` to ``last``, only ``outlets``): articles, copies, language
    mismatches, the latest crawl run's fetches/failed/not kept/blocked by a wall (distinct URLs; an article's lead
    image and stylesheets not counted), how many crawl runs there were, the gate's latest verdict and why it failed
    (``reason``: the runs row's error, e.g. «blocked by cloudflare: …», «volume_drop: …»)."""
    lake = _lake(data_dir, lake_uri)
    con = _open(data_dir, lake, persist=False)
    confine(con, lake, memory_limit=memory_limit)
    sql = SUMMARY_SQL
    if changes:  # revisits' counts beside (docs/revisits.md)
        sql = (f"select s.*, coalesce(c.revisited, 0) as revisited, coalesce(c.edited, 0) as edited, "
               f"coalesce(c.headline, 0) as headline, coalesce(c.stealth, 0) as stealth, "
               f"coalesce(c.deleted, 0) as deleted, coalesce(c.restored, 0) as restored, "
               f"coalesce(c.unlisted, 0) as unlisted "
               f"from ({SUMMARY_SQL}) s left join ({CHANGES_SUMMARY_SQL}) c using (day, outlet) "
               f"order by s.day, s.outlet")
    return con.sql(sql, params={"first": first, "last": last, "outlets": list(outlets)})
