"""DuckDB over the lake: views, the normalize_text macro, read-only queries, the summary.

The views read the Parquet files directly (``read_parquet(..., hive_partitioning=true)``), so the
lake stays the one source of truth; ``<data>/akhbar.duckdb`` holds the same views for people who open
it with the duckdb CLI.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.lake import Lake
from warehouse.schema import FAILED_OUTCOMES, TABLES

DB_FILE = "akhbar.duckdb"
#: statements `akhbar query` runs; everything else (writes, COPY, ATTACH, INSTALL/LOAD, SET, PRAGMA…) is refused
READ_ONLY_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class QueryRefused(ValueError):
    """A statement that could write, leave the lake or change settings."""


def _empty_select(table: str) -> str:
    """A typed, empty stand-in for a table that has no partitions yet."""
    types = duckdb.connect().from_arrow(TABLES[table].empty_table()).types
    cols = [f'cast(null as {t}) as "{f.name}"' for f, t in zip(TABLES[table], types, strict=True)]
    cols += ["cast(null as date) as day", "cast(null as varchar) as outlet"]
    return f"select {', '.join(cols)} where false"


def view_sql(lake: Lake) -> list[str]:
    statements = []
    for table in TABLES:
        if lake.has_files(table):
            source = (f"select * from read_parquet('{lake.glob(table)}', hive_partitioning=true, "
                      f"hive_types={{'day': date, 'outlet': varchar}}, union_by_name=true)")
        else:
            source = _empty_select(table)
        statements.append(f"create or replace view {table} as {source}")
    statements.append(
        "create or replace view articles_unique as "
        "select a.* from articles a left join duplicates d using (article_id) "
        "where d.article_id is null or d.canonical_id = a.article_id "
        "qualify row_number() over (partition by a.article_id order by a.fetched_at desc) = 1"
    )
    return statements


def _macro_sql() -> str | None:
    try:
        from transforms.normalize import normalize_sql_macro
    except ImportError:
        return None
    return normalize_sql_macro()


#: URL schemes DuckDB reads natively (local files; httpfs/azure extensions for object stores)
DUCKDB_NATIVE_PROTOCOLS = frozenset({"file", "s3", "s3a", "gs", "gcs", "r2", "az", "azure", "abfss", "http", "https",
                                     "hf"})


def connect(data_dir: str | Path, lake_uri: str | None = None, *, persist: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection with the lake's views. ``persist`` writes them into <data>/akhbar.duckdb too."""
    lake = Lake(lake_uri or str(Path(data_dir).resolve() / "lake"))
    if persist:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(Path(data_dir) / DB_FILE))
    else:
        con = duckdb.connect()
    protocol = lake.uri.split("://", 1)[0] if "://" in lake.uri else "file"
    if not lake.is_local and protocol not in DUCKDB_NATIVE_PROTOCOLS:
        # DuckDB reads s3/gcs/azure/http itself (httpfs); any other fsspec filesystem goes through fsspec
        con.register_filesystem(lake.fs)
    macro = _macro_sql()
    if macro:
        con.execute(macro)
    for sql in view_sql(lake):
        con.execute(sql)
    return con


def refresh_database(data_dir: str | Path, lake_uri: str | None = None) -> Path:
    """(Re)create the views in the DuckDB file after a load. DuckDB lets one process at a time open
    the file for writing, so runs of different days take turns (they wait, they never fail)."""
    from akhbar.locks import partition_lock

    with partition_lock(Path(data_dir), "duckdb", "views", wait=True):
        connect(data_dir, lake_uri, persist=True).close()
    return Path(data_dir) / DB_FILE


def check_read_only(sql: str) -> list[duckdb.Statement]:
    """The statements of `sql`, or QueryRefused if any of them is not a read."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"cannot parse query: {exc}") from exc
    if not statements:
        raise QueryRefused("empty query")
    for st in statements:
        if st.type not in READ_ONLY_STATEMENTS:
            raise QueryRefused(f"only SELECT queries are allowed; refused a {st.type.name} statement")
    return statements


def query(data_dir: str | Path, sql: str, lake_uri: str | None = None) -> duckdb.DuckDBPyRelation | None:
    """Run a read-only query over the lake's views; returns the last statement's result."""
    statements = check_read_only(sql)
    con = connect(data_dir, lake_uri)
    lake = Lake(lake_uri or str(Path(data_dir).resolve() / "lake"))
    if lake.is_local:
        # a SELECT may still call read_csv('/etc/…') or pull an extension from the network: confine
        # file access to the lake and turn extension auto-install/auto-load off
        con.execute("set autoinstall_known_extensions = false")
        con.execute("set autoload_known_extensions = false")
        con.execute("set allowed_directories = $dirs", {"dirs": [lake.root.rstrip("/") + "/"]})
        con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")  # nothing the query does can change settings
    result = None
    for st in statements:
        result = con.sql(st.query)
    return result



SUMMARY_SQL = f"""
with c as (
    select day, outlet, count(*) as fetches,
           count(*) filter (where outcome in {FAILED_OUTCOMES}) as failed,
           count(*) filter (where outcome not in {FAILED_OUTCOMES} and outcome <> 'ok') as not_kept
    from crawl_log group by all
), a as (
    select a.day, a.outlet, count(distinct a.article_id) as articles,
           count(distinct a.article_id) filter (where d.canonical_id <> a.article_id) as copies,
           count(distinct a.article_id) filter (where a.language_mismatch) as lang_mismatch
    from articles a left join duplicates d using (article_id) group by all
)
select cast(day as varchar) as day, outlet, coalesce(a.articles, 0) as articles, coalesce(a.copies, 0) as copies,
       coalesce(a.lang_mismatch, 0) as lang_mismatch, coalesce(c.fetches, 0) as fetches,
       coalesce(c.failed, 0) as failed, coalesce(c.not_kept, 0) as not_kept
from c full join a using (day, outlet)
order by day, outlet
"""


def summary(data_dir: str | Path, lake_uri: str | None = None) -> duckdb.DuckDBPyRelation:
    return connect(data_dir, lake_uri).sql(SUMMARY_SQL)
