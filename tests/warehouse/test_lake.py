"""The lake: one schema, atomic and idempotent partitions, readable without our code; its listing and reader follow
no symbolic link below the root."""

import logging
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest
from repo import ROOT

from akhbar.warehouse import duck
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.schema import ARTICLES

ZWNJ = "\u200c"


def _row(i: int, text: str) -> dict:
    return {
        "article_id": f"{i:016x}", "url": f"https://example.ir/fa/news/{i}", "canonical_url": None,
        "title": f"عنوان {i}", "text": text, "text_norm": text, "authors": ["اعظم پورکند"], "tags": [],
        "published_at": datetime(2025, 1, 7, 10, i, tzinfo=UTC), "http_status": 200,
    }


ROWS = [_row(2, f"گفت{ZWNJ}وگو درباره برنامه هسته‌ای"), _row(1, "أعلنت الولايات المتحدة واليابان")]


def test_partition_round_trip_is_sorted_and_exact(tmp_path: Path):
    lake = Lake(str(tmp_path))
    assert lake.replace_partition("articles", date(2025, 1, 7), "yjc", ROWS, sort_by=("url",)) == 2
    table = lake.read_partition("articles", "2025-01-07", "yjc")
    assert table.schema.equals(ARTICLES)
    assert table.column("url").to_pylist() == ["https://example.ir/fa/news/1", "https://example.ir/fa/news/2"]
    assert ZWNJ in table.column("text").to_pylist()[1]


def test_rewrite_replaces_exactly_and_is_idempotent(tmp_path: Path):
    lake = Lake(str(tmp_path))
    lake.replace_partition("articles", "2025-01-07", "yjc", ROWS, sort_by=("url",))
    first = lake.read_partition("articles", "2025-01-07", "yjc")
    lake.replace_partition("articles", "2025-01-07", "yjc", list(reversed(ROWS)), sort_by=("url",))
    assert lake.read_partition("articles", "2025-01-07", "yjc").equals(first)
    lake.replace_partition("articles", "2025-01-07", "yjc", ROWS[:1])
    assert lake.read_partition("articles", "2025-01-07", "yjc").num_rows == 1
    files = list(tmp_path.rglob("*"))
    assert not [f for f in files if f.name.startswith(".tmp-")]


def test_unknown_column_is_refused_and_nothing_changes(tmp_path: Path):
    lake = Lake(str(tmp_path))
    lake.replace_partition("articles", "2025-01-07", "yjc", ROWS)
    with pytest.raises(ValueError, match="unknown column"):
        lake.replace_partition("articles", "2025-01-07", "yjc", [{**ROWS[0], "bogus": 1}])
    assert lake.read_partition("articles", "2025-01-07", "yjc").num_rows == 2


def test_killed_writer_leaves_previous_partition_readable(tmp_path: Path):
    lake = Lake(str(tmp_path))
    lake.replace_partition("articles", "2025-01-07", "yjc", ROWS)
    # a child process starts replacing the partition and is SIGKILLed while writing the temp file
    code = f"""
import os, signal, fsspec
from akhbar.warehouse.lake import Lake
lake = Lake({str(tmp_path)!r})
real_open = lake.fs.open
def dying_open(path, mode="rb", **kw):
    fh = real_open(path, mode, **kw)
    if "w" in mode:
        fh.write(b"PAR1 half a file")
        fh.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    return fh
lake.fs.open = dying_open
lake.replace_partition("articles", "2025-01-07", "yjc", [])
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT)
    assert proc.returncode == -9
    leftovers = [p for p in tmp_path.rglob(".tmp-*")]
    assert leftovers, "the killed writer should have left its temp file"
    # readers see the old partition only: the temp file never matches *.parquet
    n = duckdb.sql(f"select count(*) from read_parquet('{tmp_path}/articles/**/*.parquet')").fetchall()[0][0]
    assert n == 2
    assert lake.clean_temporaries() == len(leftovers)


def test_lake_reads_in_duckdb_polars_and_pyarrow_without_our_code(tmp_path: Path):
    lake = Lake(str(tmp_path))
    lake.replace_partition("articles", "2025-01-07", "yjc", ROWS)
    lake.replace_partition("articles", "2025-01-08", "youm7", ROWS[1:])
    glob = f"{tmp_path}/articles/**/*.parquet"
    rows = duckdb.sql(
        f"select cast(day as varchar), outlet, count(*) from read_parquet('{glob}', hive_partitioning=true) "
        "group by all order by 1"
    ).fetchall()
    assert rows == [("2025-01-07", "yjc", 2), ("2025-01-08", "youm7", 1)]
    df = pl.read_parquet(glob, hive_partitioning=True)
    assert sorted(df["outlet"].unique().to_list()) == ["yjc", "youm7"]
    dataset = ds.dataset(tmp_path / "articles", format="parquet", partitioning="hive")
    assert dataset.to_table().num_rows == 3 and "day" in dataset.schema.names


def test_failed_write_leaves_no_temporary_and_keeps_the_old_partition(tmp_path: Path, monkeypatch):
    import errno

    lake = Lake(str(tmp_path / "lake"))
    lake.replace_partition("articles", "2025-01-07", "fa-payam", ROWS)
    real_open = lake.fs.open

    def full_disk(path, mode="rb", **kw):
        fh = real_open(path, mode, **kw)
        if "w" in mode:
            fh.write(b"PAR1 half")  # part of the file reaches the disk, then it is full
            fh.close()
            raise OSError(errno.ENOSPC, "No space left on device")
        return fh

    monkeypatch.setattr(lake.fs, "open", full_disk)
    with pytest.raises(OSError) as info:
        lake.replace_partition("articles", "2025-01-07", "fa-payam", ROWS[:1])
    assert info.value.filename == lake.partition_path("articles", "2025-01-07", "fa-payam")
    monkeypatch.undo()
    assert not list((tmp_path / "lake").rglob(".tmp-*"))
    assert lake.read_partition("articles", "2025-01-07", "fa-payam").num_rows == len(ROWS)  # old rows intact


# -- the read side (issue 24): the listing and the read-only filesystem follow no symbolic link below the root --

DAY = date(2025, 1, 7)


def _fill(lake: Lake, outlets: tuple[str, ...] = ("fa-payam", "youm7")) -> None:
    for outlet in outlets:
        lake.replace_partition("articles", DAY, outlet, [
            {"article_id": f"{outlet}-1", "url": f"https://{outlet}.example/1", "title": "خبر",
             "text": "دولت\u200cها درباره\u200cی برنامه\u200cی تازه گفت\u200cوگو کردند",
             "published_at": datetime(2025, 1, 7, 8, tzinfo=UTC)}])


@pytest.fixture
def lakes(tmp_path: Path) -> tuple[Lake, Lake]:
    lake, other = Lake(str(tmp_path / "data" / "lake")), Lake(str(tmp_path / "other" / "lake"))
    _fill(lake)
    _fill(other, ("secret",))
    return lake, other


def test_the_listing_equals_fsspec_s_glob_without_links(lakes: tuple[Lake, Lake]):
    lake, _ = lakes
    Path(lake.month_path("articles", "2024-12")).parent.mkdir(parents=True)
    Path(lake.month_path("articles", "2024-12")).write_bytes(b"")
    (Path(lake.root) / "articles" / f"day={DAY}" / "outlet=youm7" / ".tmp-x.partial").write_bytes(b"")
    listing = lake.listing("articles")
    assert listing.days == sorted(lake.fs.glob(f"{lake.pattern_root}/articles/day=*/outlet=*/*.parquet"))
    assert listing.months == sorted(lake.fs.glob(f"{lake.pattern_root}/articles/month=*/part-0.parquet"))
    assert len(listing.days) == 2 and len(listing.months) == 1
    assert lake.listing("runs").days == []  # a table never written


def test_links_at_every_level_are_skipped_with_a_warning(lakes: tuple[Lake, Lake], caplog: pytest.LogCaptureFixture):
    lake, other = lakes
    root, elsewhere = Path(lake.root), Path(other.root)
    secret = elsewhere / "articles" / f"day={DAY}" / "outlet=secret"
    (root / "articles" / f"day={DAY}" / "outlet=linked").mkdir()
    (root / "articles" / f"day={DAY}" / "outlet=linked" / "part-0.parquet").symlink_to(secret / "part-0.parquet")
    (root / "articles" / f"day={DAY}" / "outlet=secret").symlink_to(secret)  # an outlet folder
    (root / "articles" / "day=2025-01-08").symlink_to(secret.parent)  # a day folder
    (root / "articles" / f"day={DAY}" / "outlet=youm7" / "passwd.parquet").symlink_to("/etc/passwd")
    (root / "runs").symlink_to(elsewhere / "articles")  # a whole table
    with caplog.at_level(logging.WARNING, logger="akhbar.warehouse.lake"):
        days = lake.listing("articles").days
        assert lake.listing("runs").days == []
    assert [Path(p).parent.name for p in days] == ["outlet=fa-payam", "outlet=youm7"]
    assert all(Path(p).name == "part-0.parquet" for p in days)
    assert sum("a symbolic link inside the lake" in r.message for r in caplog.records) == 5
    assert duck.query(root.parent, "select outlet, count(*) from articles group by 1 order by 1").fetchall() == [
        ("fa-payam", 1), ("youm7", 1)]


def test_the_lake_root_itself_may_be_a_link(lakes: tuple[Lake, Lake], tmp_path: Path):
    lake, _ = lakes
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "lake").symlink_to(lake.root)  # data/lake -> a bigger disk is a normal setup
    linked = Lake(str(tmp_path / "linked" / "lake"))
    assert len(linked.listing("articles").days) == 2
    with linked.reader().open(linked.listing("articles").days[0], "rb") as fh:
        assert fh.read(4) == b"PAR1"
    assert duck.query(tmp_path / "linked", "select count(*) from articles").fetchall() == [(2,)]


def test_the_reader_opens_no_link_and_nothing_outside(lakes: tuple[Lake, Lake]):
    lake, other = lakes
    root = Path(lake.root)
    folder = root / "articles" / f"day={DAY}"
    (folder / "outlet=youm7" / "passwd.parquet").symlink_to("/etc/passwd")
    (folder / "outlet=secret").symlink_to(Path(other.root) / "articles" / f"day={DAY}" / "outlet=secret")
    reader = lake.reader()
    for path in (folder / "outlet=youm7" / "passwd.parquet", folder / "outlet=secret" / "part-0.parquet"):
        with pytest.raises(PermissionError, match="symbolic link inside the lake"):
            reader.open(str(path), "rb")
    with pytest.raises(PermissionError, match="outside the lake"):
        reader.open(f"{root}/../../other/lake/articles/day={DAY}/outlet=secret/part-0.parquet", "rb")
    assert reader.glob(f"{root}/articles/*/*/*.parquet") == [
        f"{folder}/outlet=fa-payam/part-0.parquet", f"{folder}/outlet=youm7/part-0.parquet"]
    assert "outlet=secret" not in str(reader.ls(str(folder), detail=False))
    with reader.open(f"{folder}/outlet=fa-payam/part-0.parquet", "rb") as fh:
        assert fh.read(4) == b"PAR1"
