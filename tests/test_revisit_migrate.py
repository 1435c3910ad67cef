"""A lake written before revisits: its articles files get `versions` and `last_change_at` (nulls) from
`akhbar lake migrate`, and the revisit tables start empty."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from akhbar.warehouse.duck import SchemaMismatch, query
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.migrate import migrate
from akhbar.warehouse.schema import conform

DAY = date(2025, 1, 7)


def test_old_articles_files_get_the_revisit_columns(tmp_path: Path):
    lake = Lake(str(tmp_path / "lake"))
    path = Path(lake.partition_path("articles", DAY, "ar-mojaz"))
    path.parent.mkdir(parents=True)
    row = {"article_id": "m1", "url": "http://127.0.0.14/ar/article/58420", "title": "بدء التسجيل في برنامج الإسكان",
           "fetched_at": datetime(2025, 1, 7, 9, tzinfo=UTC)}
    pq.write_table(conform("articles", [row]).drop_columns(["versions", "last_change_at"]), path)
    with pytest.raises(SchemaMismatch, match="akhbar lake migrate"):
        query(tmp_path, "select count(versions) from articles").fetchall()
    assert migrate(tmp_path, lake)["rewritten"] == [str(path)]
    assert query(tmp_path, "select title, versions, last_change_at from articles").fetchall() == [
        ("بدء التسجيل في برنامج الإسكان", None, None)]
    assert query(tmp_path, "select count(*) from article_versions").fetchall() == [(0,)]
    assert query(tmp_path, "select count(*) from article_changes").fetchall() == [(0,)]
