"""DuckDB layer: views over the lake, read-only queries refused by statement type."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from warehouse.duck import QueryRefused, check_read_only, connect, query, refresh_database
from warehouse.lake import Lake


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
