"""warehouse/columns.py (generated) and warehouse/columns_gen.py (its generator): the query path's column names and
DuckDB types are the schema's, and a lake written by Lake reads back with exactly those types."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from akhbar.warehouse import columns_gen
from akhbar.warehouse.columns import COLUMNS, FAILED_OUTCOMES
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.schema import FAILED_OUTCOMES as SCHEMA_FAILED_OUTCOMES
from akhbar.warehouse.schema import TABLES


def test_the_generated_columns_equal_the_schema():
    assert (Path(columns_gen.__file__).with_name("columns.py")).read_text() == columns_gen.render(), \
        "warehouse/columns.py is stale: run `python -m akhbar.warehouse.columns_gen`"


def test_every_table_and_failed_outcome_is_there_in_schema_order():
    assert list(COLUMNS) == list(TABLES)
    for table, schema in TABLES.items():
        assert [name for name, _ in COLUMNS[table]] == schema.names, table
    assert FAILED_OUTCOMES == tuple(SCHEMA_FAILED_OUTCOMES)


def test_main_writes_what_render_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    target = tmp_path / "columns.py"
    monkeypatch.setattr(columns_gen, "TARGET", target)
    assert columns_gen.main() == 0
    assert target.read_text() == columns_gen.render()
    assert str(target) in capsys.readouterr().out


def test_a_partition_written_by_the_lake_reads_with_the_generated_types(tmp_path: Path):
    day = date(2025, 1, 7)
    row = {"article_id": "irna:85712345", "url": "https://www.irna.ir/fa/news/85712345",
           "title": "تشدید تحریم‌ها علیه ایران", "text": "متن خبر", "authors": ["مریم رضایی"],
           "published_at": datetime(2025, 1, 7, 8, 30, tzinfo=UTC), "fetched_at": datetime(2025, 1, 7, 9, tzinfo=UTC)}
    Lake(str(tmp_path)).replace_partition("articles", day, "irna", [row])
    (path,) = tmp_path.rglob("*.parquet")
    described = duckdb.sql(f"describe select * from read_parquet('{path}')").fetchall()
    types = {name: kind for name, kind, *_ in described}
    assert [(n, types[n]) for n, _ in COLUMNS["articles"]] == list(COLUMNS["articles"])
