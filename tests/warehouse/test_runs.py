"""warehouse/runs.py: an outlet-day's runs partition keeps the newest RUNS_KEPT rows in finishing order, and a
re-run replaces the row of its own run_id."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from akhbar.warehouse import runs
from akhbar.warehouse.lake import Lake

DAY = date(2025, 1, 7)
T0 = datetime(2025, 1, 7, 2, tzinfo=UTC)


def _row(run_id: str, minutes: int, error: str = "فرایند خزش متوقف شد") -> dict:
    row = runs.failed_run_row(run_id, error, started_at=T0)
    row["finished_at"] = T0 + timedelta(minutes=minutes)
    return row


def test_no_run_yet_is_none(tmp_path: Path):
    assert runs.latest_run(Lake(str(tmp_path)), DAY, "irna") is None


def test_a_failed_run_row_says_so_with_its_error():
    row = runs.failed_run_row("r1", "crawl process failed")
    assert (row["run_id"], row["status"], row["error"], row["started_at"]) == ("r1", "failed", "crawl process failed",
                                                                               None)
    assert row["finished_at"].tzinfo is not None


def test_a_rerun_replaces_its_row_and_the_latest_is_the_last_finished(tmp_path: Path):
    lake = Lake(str(tmp_path))
    runs.record_run(lake, DAY, "irna", _row("r2", 20))
    runs.record_run(lake, DAY, "irna", _row("r1", 10))  # recorded later, finished earlier
    assert runs.latest_run(lake, DAY, "irna")["run_id"] == "r2"
    runs.record_run(lake, DAY, "irna", _row("r1", 30, error="دوباره"))
    rows = lake.read_partition("runs", DAY, "irna").to_pylist()
    assert [(r["run_id"], r["error"]) for r in rows] == [("r2", "فرایند خزش متوقف شد"), ("r1", "دوباره")]
    assert runs.latest_run(Lake(str(tmp_path)), DAY, "aljazeera-ar") is None  # other outlets untouched


def test_only_the_newest_runs_are_kept(tmp_path: Path):
    lake = Lake(str(tmp_path))
    for i in range(runs.RUNS_KEPT + 3):
        runs.record_run(lake, DAY, "irna", _row(f"r{i:02d}", i))
    kept = [r["run_id"] for r in lake.read_partition("runs", DAY, "irna").to_pylist()]
    assert kept == [f"r{i:02d}" for i in range(3, runs.RUNS_KEPT + 3)]
