"""Folding settled days into month files: merged for real, each row seen once during and after the swap, a re-run
of a folded day wins, a crash mid-fold leaves nothing half visible."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from akhbar.warehouse import compaction
from akhbar.warehouse.duck import query
from akhbar.warehouse.lake import Lake

FIRST = date(2025, 3, 1)
DAYS = [FIRST + timedelta(days=n) for n in range(5)]
OUTLETS = ("fa-payam", "ar-wadi")
TITLES = {"fa-payam": "گزارش بارش برف در استان‌های شمالی", "ar-wadi": "افتتاح مستشفى جديد في العاصمة"}


def _article(day: date, outlet: str, n: int, title: str | None = None) -> dict:
    return {"article_id": f"{outlet}-{day}-{n}", "url": f"http://127.0.0.11/{outlet}/{day}/{n}",
            "title": title or TITLES[outlet], "text": TITLES[outlet] + " …", "language": outlet[:2],
            "published_at": datetime(day.year, day.month, day.day, 9, n, tzinfo=UTC),
            "fetched_at": datetime(day.year, day.month, day.day, 23, n, tzinfo=UTC)}


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    lake = Lake(str(tmp_path / "lake"))
    for i, day in enumerate(DAYS):
        for outlet in OUTLETS:
            lake.replace_partition("articles", day, outlet, [_article(day, outlet, n) for n in range(i + 2)])
            lake.replace_partition("runs", day, outlet, [{"run_id": f"r{i}", "status": "ok"}])
    lake.replace_partition("articles", date(2025, 3, 6), "fa-payam", [])  # an empty partition stays one
    return lake


def _counts(data: Path) -> list[tuple]:
    return query(data, "select day, outlet, count(*), min(title) from articles group by all order by all").fetchall()


def _files(lake: Lake, table: str) -> list[str]:
    return sorted(str(p.relative_to(Path(lake.root) / table)) for p in (Path(lake.root) / table).rglob("*.parquet"))


def test_fold_merges_days_into_one_month_file_and_reads_the_same(lake: Lake):
    data = Path(lake.root).parent
    before, rows, parts = _counts(data), lake.read("articles"), lake.partitions("articles")
    one = lake.read_partition("articles", DAYS[2], "ar-wadi")
    stats = compaction.fold(data, lake, date(2025, 4, 1))
    assert stats["folded"] == 11 + 10 and stats["months"] == 2
    assert _files(lake, "articles") == ["month=2025-03/part-0.parquet"]
    assert _files(lake, "runs") == ["month=2025-03/part-0.parquet"]
    assert _counts(data) == before and before[0][3] == TITLES["ar-wadi"]
    assert lake.read("articles").equals(rows)
    assert lake.partitions("articles") == parts and ("2025-03-06", "fa-payam") in parts
    assert lake.read_partition("articles", DAYS[2], "ar-wadi").equals(one)
    assert lake.read_partition("articles", date(2025, 3, 6), "fa-payam").num_rows == 0
    assert lake.read_partition("articles", date(2025, 3, 7), "fa-payam") is None
    # plain DuckDB without our code: the month glob has day and outlet as columns
    plain = duckdb.sql(f"select count(*) from read_parquet('{lake.root}/articles/month=*/*.parquet')").fetchall()
    assert plain == [(rows.num_rows,)]
    assert compaction.fold(data, lake, date(2025, 4, 1))["folded"] == 0  # idempotent: nothing left to fold


def test_readers_mid_swap_never_double_count(lake: Lake, monkeypatch: pytest.MonkeyPatch):
    data = Path(lake.root).parent
    before, rows = _counts(data), lake.read("articles")
    seen = []

    def look(step: str) -> None:  # between the swap's steps: month written, day partitions going one by one
        if "/articles/" in step or step == "written":
            seen.append((step, _counts(data) == before, lake.read("articles").equals(rows)))

    monkeypatch.setattr(compaction, "_after_step", look)
    compaction.fold(data, lake, date(2025, 4, 1), tables=["articles"])
    assert len(seen) == 1 + 2 * 5 + 1 and all(ok_sql and ok_read for _, ok_sql, ok_read in seen), seen


def test_a_rerun_of_a_folded_day_wins_and_the_next_fold_takes_it(lake: Lake):
    data = Path(lake.root).parent
    compaction.fold(data, lake, date(2025, 4, 1))
    rerun = [_article(DAYS[1], "fa-payam", 0, "خبر تازه"), _article(DAYS[1], "fa-payam", 7, "خبر تازه")]
    lake.replace_partition("articles", DAYS[1], "fa-payam", rerun)
    expect = query(data, f"select count(*) from articles where day = '{DAYS[1]}' and outlet = 'fa-payam'")
    assert expect.fetchall() == [(2,)]
    titles = query(data, f"select distinct title from articles where day = '{DAYS[1]}' and outlet = 'fa-payam'")
    assert titles.fetchall() == [("خبر تازه",)]
    assert {r["title"] for r in lake.read("articles", [DAYS[1]]).to_pylist() if r["outlet"] == "fa-payam"} == \
        {"خبر تازه"}
    total = query(data, "select count(*) from articles").fetchall()
    compaction.fold(data, lake, date(2025, 4, 1))
    assert _files(lake, "articles") == ["month=2025-03/part-0.parquet"]
    assert query(data, "select count(*) from articles").fetchall() == total
    assert [r["title"] for r in lake.read_partition("articles", DAYS[1], "fa-payam").to_pylist()] == ["خبر تازه"] * 2


def test_a_crash_mid_fold_leaves_nothing_half_visible(lake: Lake, monkeypatch: pytest.MonkeyPatch):
    data = Path(lake.root).parent
    before, files = _counts(data), _files(lake, "articles")

    def broken_mv(*args, **kwargs):
        raise OSError("disk gone")

    with monkeypatch.context() as m:  # dies writing the month file: no month, no temporary, day partitions intact
        m.setattr(lake.fs, "mv", broken_mv)
        with pytest.raises(OSError):
            compaction.fold(data, lake, date(2025, 4, 1), tables=["articles"])
    assert _files(lake, "articles") == files and not list(Path(lake.root).rglob(".tmp-*"))
    assert _counts(data) == before

    def killed(step: str) -> None:
        if step.startswith("removed"):
            raise KeyboardInterrupt  # killed after the month file is in and one day partition is gone

    monkeypatch.setattr(compaction, "_after_step", killed)
    with pytest.raises(KeyboardInterrupt):
        compaction.fold(data, lake, date(2025, 4, 1), tables=["articles"])
    assert len(_files(lake, "articles")) == len(files)  # one day file gone, the month file in
    assert _counts(data) == before
    monkeypatch.setattr(compaction, "_after_step", None)
    compaction.fold(data, lake, date(2025, 4, 1), tables=["articles"])
    assert _files(lake, "articles") == ["month=2025-03/part-0.parquet"] and _counts(data) == before


def test_a_writer_holding_an_outlet_day_keeps_it_a_day_partition(lake: Lake):
    from akhbar.warehouse.locks import partition_lock

    data = Path(lake.root).parent
    before = _counts(data)
    with partition_lock(data, DAYS[0].isoformat(), "ar-wadi"):
        stats = compaction.fold(data, lake, date(2025, 4, 1), tables=["articles"])
    assert stats["skipped"] == [f"articles/day={DAYS[0]}/outlet=ar-wadi"]
    assert _files(lake, "articles") == [f"day={DAYS[0]}/outlet=ar-wadi/part-0.parquet", "month=2025-03/part-0.parquet"]
    assert _counts(data) == before


def test_settled_days_follow_the_lake_and_the_clock(lake: Lake):
    assert compaction.settled_before(lake, date(2026, 1, 1)) == date(2025, 3, 6) - timedelta(compaction.SETTLE_DAYS)
    assert compaction.settled_before(lake, date(2025, 3, 3)) == date(2025, 3, 3) - timedelta(compaction.SETTLE_DAYS)
