"""The lake's read side (issue 24): the listing and the read-only filesystem follow no symbolic link below the
lake's root, and a damaged Parquet file is named with how to write it again. (The commands over such lakes:
tests/test_faults_bounds.py.)"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from akhbar.warehouse import duck
from akhbar.warehouse.lake import Lake

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
    _fill(Lake(str(tmp_path / "lake")))
    with pytest.raises(duck.QueryMemoryExceeded, match=r"^the query needed more than AKHBAR_QUERY_MEMORY=64MB "
                                                         r"\(Out of Memory Error"):
        duck.query(tmp_path, "select count(distinct x) from range(20000000) t(x)", memory_limit="64MB")
