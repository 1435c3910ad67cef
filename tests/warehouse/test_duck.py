"""DuckDB layer: views over the lake, read-only queries refused by statement type, a damaged lake file named with
how to write it again (issue 24; the commands over such lakes: tests/test_faults_bounds.py)."""

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from akhbar.warehouse import duck
from akhbar.warehouse.duck import QueryRefused, check_read_only, connect, query, refresh_database
from akhbar.warehouse.lake import Lake


def _lake(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    row = {"article_id": "a1", "url": "https://www.youm7.com/story/2025/1/7/1", "title": "عنوان",
           "text": "أعلنت الولايات المتحدة", "published_at": datetime(2025, 1, 7, 8, tzinfo=UTC)}
    lake.replace_partition("articles", "2025-01-07", "youm7", [row])


def test_views_exist_even_before_any_data(tmp_path: Path):
    con = connect(tmp_path)
    for view in ("articles", "crawl_log", "duplicates", "runs", "articles_unique"):
        assert con.sql(f"select count(*) from {view}").fetchall() == [(0,)]


def test_query_reads_hive_columns(tmp_path: Path):
    _lake(tmp_path)
    rows = query(tmp_path, "select outlet, cast(day as varchar), title from articles").fetchall()
    assert rows == [("youm7", "2025-01-07", "عنوان")]


@pytest.mark.parametrize(
    "sql",
    [
        "create table x as select 1",
        "insert into articles values (1)",
        "copy (select 1) to '/tmp/akhbar-should-not-exist.csv'",
        "attach '/tmp/other.duckdb' as other",
        "install httpfs",
        "load httpfs",
        "set threads = 1",
        "pragma enable_profiling",
        "select 1; drop view articles",
        "update articles set title = 'x'",
    ],
)
def test_writes_and_settings_are_refused(tmp_path: Path, sql: str):
    _lake(tmp_path)
    with pytest.raises(QueryRefused):
        query(tmp_path, sql)
    assert not Path("/tmp/akhbar-should-not-exist.csv").exists()


def test_select_with_cte_and_explain_are_allowed():
    assert len(check_read_only("with a as (select 1) select * from a; explain select 1")) == 2


def test_duckdb_file_holds_the_views(tmp_path: Path):
    import duckdb

    _lake(tmp_path)
    path = refresh_database(tmp_path)
    con = duckdb.connect(str(path), read_only=True)
    assert con.sql("select count(*) from articles").fetchall() == [(1,)]


@pytest.mark.parametrize("sql", [
    "explain analyze select 1",
    "EXPLAIN ANALYSE select 1",
    "explain (analyze) select 1",
    "explain (format json, analyze) select 1",
    "-- a comment\nexplain analyze copy (select 1) to 'x.csv'",
    "explain copy (select 1) to 'x.csv'",
    "explain create table t as select 1",
    "explain insert into articles select * from articles",
])
def test_explain_passes_only_without_analyze_and_of_a_select(sql: str):
    with pytest.raises(QueryRefused, match="only SELECT"):
        check_read_only(sql)


def test_plain_explain_of_a_select_passes():
    sql = "explain (format json) select 1; /* c */ EXPLAIN with a as (select 1) select * from a"
    assert len(check_read_only(sql)) == 2


def test_sql_string_keeps_a_quote_inside_one_literal():
    import duckdb

    from akhbar.warehouse.duck import sql_string

    path = "/data/it's/دادهها/x"
    assert duckdb.sql(f"select {sql_string(path)}").fetchall() == [(path,)]


@pytest.mark.parametrize("name", ["d[1]", "a*b", "q?", "it's"])
def test_lake_root_is_never_a_pattern(tmp_path: Path, name: str):
    """A root named like a glob finds exactly its own partitions (not those of a sibling it would match)."""
    lake = Lake(str(tmp_path / name / "lake"))
    sibling = Lake(str(tmp_path / "d1" / "lake"))  # what an unescaped d[1] would match instead
    row = {"article_id": "a1", "url": "https://x.example/1", "title": "خبر", "text": "متن خبر"}
    lake.replace_partition("articles", "2025-01-07", "fa-payam", [row])
    sibling.replace_partition("articles", "2025-01-08", "other", [row, {**row, "article_id": "a2"}])
    (Path(lake.root) / "articles/day=2025-01-07/outlet=fa-payam/.tmp-x.partial").write_bytes(b"")
    assert lake.has_files("articles") and lake.partitions("articles") == [("2025-01-07", "fa-payam")]
    assert lake.read("articles").num_rows == 1
    assert lake.clean_temporaries() == 1
    assert query(tmp_path / name, "select count(*), any_value(outlet) from articles").fetchall() == [(1, "fa-payam")]


def test_read_only_filesystem_refuses_every_write(tmp_path: Path):
    _lake(tmp_path)
    fs = Lake(str(tmp_path / "lake")).reader()
    [part] = fs.glob(f"akhbarlake://{tmp_path}/lake/articles/*/*/*.parquet")
    assert fs.cat_file(part)[:4] == b"PAR1"
    for write in (lambda: fs.open(part, "wb"), lambda: fs.rm(part), lambda: fs.mv(part, part + ".x"),
                  lambda: fs.makedirs(f"{tmp_path}/lake/new"), lambda: fs.pipe_file(part, b"")):
        with pytest.raises(PermissionError, match="read-only"):
            write()
    assert Lake(str(tmp_path / "lake")).read("articles").num_rows == 1


def test_refresh_after_data_arrives_shows_it(tmp_path: Path):
    import duckdb

    path = refresh_database(tmp_path)
    _lake(tmp_path)
    assert refresh_database(tmp_path) == path
    assert duckdb.connect(str(path), read_only=True).sql("select count(*) from articles").fetchall() == [(1,)]


def test_the_duckdb_file_is_refreshed_only_when_the_files_change(tmp_path: Path):
    import duckdb

    from akhbar.warehouse.duck import refresh_if_changed

    _lake(tmp_path)
    path = refresh_if_changed(tmp_path)
    written = path.stat().st_mtime_ns
    assert refresh_if_changed(tmp_path) == path and path.stat().st_mtime_ns == written  # nothing changed: not opened
    Lake(str(tmp_path / "lake")).replace_partition("articles", "2025-01-08", "youm7", [
        {"article_id": "a2", "url": "https://www.youm7.com/story/2025/1/8/2", "title": "عنوان آخر"}])
    assert refresh_if_changed(tmp_path) == path
    assert duckdb.connect(str(path), read_only=True).sql("select count(*) from articles").fetchall() == [(2,)]


_REFRESH_UNDER_A_LIMIT = """
import resource, signal, sys
from akhbar.warehouse.duck import refresh_database
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as ENOSPC would
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    refresh_database(sys.argv[1])
except OSError as exc:
    print(exc.errno, exc.filename)
else:
    print("refreshed")
"""


def test_a_database_file_that_cannot_be_written_for_want_of_space_fails_the_refresh(tmp_path: Path):
    """DuckDB keeps a failed checkpoint quiet (the WAL stays, the views still work), so a night on a full disk
    ended with exit 0: the refresh checkpoints explicitly and a disk-full error is an OSError, never a warning."""
    import errno
    import subprocess
    import sys

    _lake(tmp_path)
    proc = subprocess.run([sys.executable, "-c", _REFRESH_UNDER_A_LIMIT, str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert proc.stdout.split() == [str(errno.EFBIG), str(tmp_path / "akhbar.duckdb")], proc.stdout + proc.stderr


# -- damaged files --------------------------------------------------------------------------------------------

DAY = date(2025, 1, 7)


@pytest.mark.parametrize(("message", "detail"), [
    ("Invalid Input Error: No magic bytes found at end of file '{f}'", "No magic bytes found at end of file"),
    ("Invalid Input Error: File '{f}' too small to be a Parquet file", "File too small to be a Parquet file"),
    ('Invalid Input Error: Failed to read file "{f}": ZSTD Decompression failure',
     "Failed to read file: ZSTD Decompression failure"),
])
def test_a_damaged_file_is_named_with_how_to_write_it_again(tmp_path: Path, message: str, detail: str):
    lake = Lake(str(tmp_path / "d[1]" / "lake"))  # a glob-escaped folder name in DuckDB's message
    path = lake.partition_path("articles", DAY, "fa-payam")
    shown = "akhbarlake://" + path.replace("[", "[[]")
    error = duck.readable_error(duckdb.InvalidInputException(message.format(f=shown)), lake)
    assert isinstance(error, duck.DamagedFile) and error.path == path
    assert str(error) == (f"lake file {path} is damaged ({detail}): re-run that day to write it again from its WARC "
                          "files: `akhbar run --date 2025-01-07 --outlet fa-payam`")


def test_what_is_not_damage_is_left_alone(tmp_path: Path):
    lake = Lake(str(tmp_path / "lake"))
    path = lake.partition_path("articles", DAY, "fa-payam")
    for text in (f'IO Error: Failed to read file "akhbarlake://{path}": No such file or directory',  # swapped away
                 f'IO Error: Failed to read file "akhbarlake://{path}": {path} is a symbolic link inside the lake',
                 "Invalid Input Error: No magic bytes found at end of file '/home/me/own.parquet'",  # not the lake's
                 "Catalog Error: Table with name nosuch does not exist!"):
        exc = duckdb.IOException(text)
        assert duck.readable_error(exc, lake) is exc, text


def test_the_hint_fits_the_table_and_the_layout(tmp_path: Path):
    lake = Lake(str(tmp_path / "lake"))
    assert duck.repair_hint(lake, lake.partition_path("duplicates", DAY, "youm7")).endswith(
        "`akhbar dedup --from 2025-01-07 --to 2025-01-07`")
    assert duck.repair_hint(lake, lake.partition_path("runs", DAY, "youm7")).startswith("move it out of the lake")
    assert duck.repair_hint(lake, lake.month_path("crawl_log", "2024-02")) == (
        "move it out of the lake, then re-run its days: `akhbar backfill --from 2024-02-01 --to 2024-02-29`")
    assert duck.repair_hint(lake, lake.month_path("duplicates", "2024-12")).endswith(
        "`akhbar dedup --from 2024-12-01 --to 2024-12-31`")


def test_duckdb_s_own_memory_refusal_names_the_setting(tmp_path: Path):
    _lake(tmp_path)
    with pytest.raises(duck.QueryMemoryExceeded, match=r"^the query needed more than AKHBAR_QUERY_MEMORY=64MB "
                                                         r"\(Out of Memory Error"):
        duck.query(tmp_path, "select count(distinct x) from range(20000000) t(x)", memory_limit="64MB")
