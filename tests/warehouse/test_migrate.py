"""One schema, evolved explicitly: a file written before a column existed fails the views with a message naming
`akhbar lake migrate`, which rewrites it (the column as nulls) and nothing else."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from akhbar.warehouse import compaction
from akhbar.warehouse.duck import SchemaMismatch, query
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.migrate import migrate
from akhbar.warehouse.schema import conform

DAY = date(2025, 2, 3)
TITLE = "نشست کمیسیون اقتصادی مجلس برگزار شد"


def _article(n: int) -> dict:
    return {"article_id": f"id{n}", "url": f"http://127.0.0.11/news/{n}", "title": TITLE, "language": "fa",
            "extractor_version": "v2", "fetched_at": datetime(2025, 2, 3, 20, n, tzinfo=UTC)}


def _old_file(lake: Lake, day: date, outlet: str, rows: list[dict], drop: str) -> Path:
    """A partition as an older version wrote it: without the column ``drop``."""
    path = Path(lake.partition_path("articles", day, outlet))
    path.parent.mkdir(parents=True, exist_ok=True)
    table = conform("articles", rows)
    pq.write_table(table.drop_columns([drop]), path)
    return path


@pytest.mark.parametrize("first_is_old", [True, False])
def test_an_old_file_fails_clearly_until_migrated(tmp_path: Path, first_is_old: bool):
    lake = Lake(str(tmp_path / "lake"))
    old, new = ("ar-wadi", "fa-payam") if first_is_old else ("fa-payam", "ar-wadi")
    _old_file(lake, DAY, old, [_article(1)], drop="extractor_version")
    lake.replace_partition("articles", DAY, new, [_article(2), _article(3)])
    with pytest.raises(SchemaMismatch, match="akhbar lake migrate"):
        query(tmp_path, "select count(*), count(extractor_version) from articles").fetchall()
    assert migrate(tmp_path, lake, dry_run=True)["rewritten"] == [lake.partition_path("articles", DAY, old)]
    stats = migrate(tmp_path, lake)
    assert stats["rewritten"] == [lake.partition_path("articles", DAY, old)] and not stats["refused"]
    got = query(tmp_path, "select outlet, count(*), count(extractor_version), min(title) from articles "
                          "group by 1 order by 1").fetchall()
    assert got == sorted([(old, 1, 0, TITLE), (new, 2, 2, TITLE)])
    assert migrate(tmp_path, lake)["rewritten"] == []


def test_migrate_keeps_a_month_files_partitions_and_refuses_to_drop_columns(tmp_path: Path):
    lake = Lake(str(tmp_path / "lake"))
    lake.replace_partition("articles", DAY, "fa-payam", [_article(1)])
    compaction.fold(tmp_path, lake, date(2025, 3, 1))
    month = Path(lake.month_path("articles", "2025-02"))
    table = pq.read_table(month)
    pq.write_table(table.drop_columns(["warc_file"]).replace_schema_metadata(table.schema.metadata), month)
    extra = _old_file(lake, date(2025, 2, 4), "fa-payam", [_article(2)], drop="text")
    pq.write_table(conform("articles", [_article(2)]).append_column("gone", pq.read_table(extra)["url"]), extra)
    stats = migrate(tmp_path, lake)
    assert stats["rewritten"] == [str(month)] and "gone" in stats["refused"][0]
    assert lake.partitions("articles") == [(DAY.isoformat(), "fa-payam"), ("2025-02-04", "fa-payam")]
    assert lake.read_partition("articles", DAY, "fa-payam").to_pylist()[0]["title"] == TITLE


def test_the_cli_names_the_command(tmp_path: Path):
    lake = Lake(str(tmp_path / "lake"))
    _old_file(lake, DAY, "fa-payam", [_article(1)], drop="extractor_version")
    lake.replace_partition("articles", DAY, "ar-wadi", [_article(2)])
    run = subprocess.run([sys.executable, "-m", "akhbar.cli", "query", "select count(extractor_version) from articles",
                          "--data-dir", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode != 0 and "akhbar lake migrate" in run.stderr + run.stdout
    from typer.testing import CliRunner

    from akhbar.cli import app

    fixed = CliRunner().invoke(app, ["lake", "migrate", "--data-dir", str(tmp_path)])  # in-process: one start less
    assert fixed.exit_code == 0 and "1 rewritten" in fixed.output
