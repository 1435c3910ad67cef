"""Compaction beside live writers: it takes their locks, skips what they hold, never deletes their temporaries."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from faultkit import ROOT, report

from akhbar import airflow_support as af
from akhbar.warehouse.lake import TMP_PREFIX, Lake
from akhbar.warehouse.locks import partition_lock

pytestmark = pytest.mark.faults
DAY = date(2025, 1, 6)
TITLE_FA = "گزارش بارش برف در استان‌های شمالی"
TEXT_FA = "سازمان هواشناسی از بارش برف و باران در استان‌های شمالی کشور خبر داد."

# A writer mid-way through replacing a partition: it holds the outlet-day lock and its hidden temporary exists.
_WRITER = """
import sys, time
from pathlib import Path
from akhbar.warehouse.locks import partition_lock
data, day, outlet, tmp = sys.argv[1:5]
with partition_lock(Path(data), day, outlet):
    Path(tmp).write_bytes(b"PAR1 half a partition")
    print("writing", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def data(tmp_path, monkeypatch, testweb_outlets):
    monkeypatch.setenv("AKHBAR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("AKHBAR_OUTLETS_DIR", str(testweb_outlets))
    monkeypatch.delenv("AKHBAR_LAKE_URI", raising=False)
    return tmp_path


def _article(n: int, outlet: str) -> dict:
    return {"article_id": f"{outlet}-{n}", "url": f"http://127.0.0.11/{outlet}/news/{n}",
            "title": TITLE_FA, "text": TEXT_FA, "language": "fa",
            "published_at": datetime(2025, 1, 6, 9, n, tzinfo=UTC),
            "fetched_at": datetime(2025, 1, 7, 2, n, tzinfo=UTC)}


def _folder(lake: Lake, table: str, outlet: str) -> Path:
    return Path(lake.partition_path(table, DAY, outlet)).parent


def test_compaction_skips_a_partition_being_written_and_keeps_the_writers_temporary(data: Path):
    lake = Lake(str(data / "lake"))
    for outlet in ("fa-payam", "ar-wadi"):
        lake.replace_partition("articles", DAY, outlet, [_article(1, outlet)])
        lake.replace_partition("crawl_log", DAY, outlet, [])
    live_tmp = _folder(lake, "articles", "fa-payam") / f"{TMP_PREFIX}live.partial"
    dead_tmp = _folder(lake, "articles", "ar-wadi") / f"{TMP_PREFIX}dead.partial"
    dead_tmp.write_bytes(b"left by a killed writer")
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(data), DAY.isoformat(), "fa-payam", str(live_tmp)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        before = live_tmp.read_bytes()
        stats = af.compact_days([DAY])
        assert live_tmp.read_bytes() == before, "compaction touched a live writer's temporary file"
        assert writer.poll() is None
    finally:
        writer.kill()
        writer.wait()
    assert stats["skipped"] == [f"{t}/day={DAY.isoformat()}/outlet=fa-payam" for t in ("articles", "crawl_log")]
    assert stats["busy"] == 2 and stats["partitions"] == 2  # ar-wadi's two tables
    assert stats["temporaries"] == 1 and not dead_tmp.exists()
    # the writer is gone: the next compaction takes its partition, and its temporary as a dead writer's
    again = af.compact_days([DAY])
    assert again["busy"] == 0 and again["temporaries"] == 1 and not live_tmp.exists()
    assert lake.read_partition("articles", DAY, "fa-payam").to_pylist()[0]["title"] == TITLE_FA
    report("compaction while a writer holds an outlet-day", "compact_days beside a live writer's temporary file",
           f"skipped {len(stats['skipped'])} partitions (busy), writer's temporary intact, a dead writer's removed",
           2)


def test_duplicates_are_left_while_dedup_holds_its_lock(data: Path):
    lake = Lake(str(data / "lake"))
    lake.replace_partition("articles", DAY, "fa-payam", [_article(1, "fa-payam")])
    lake.replace_partition("duplicates", DAY, "fa-payam", [])
    tmp = _folder(lake, "duplicates", "fa-payam") / f"{TMP_PREFIX}dedup.partial"
    tmp.write_bytes(b"dedup writing")
    with partition_lock(data, "dedup", "lake"):
        stats = af.compact_days([DAY])
    assert tmp.exists() and stats["skipped"] == [f"duplicates/day={DAY.isoformat()}/outlet=fa-payam"]
    assert stats["partitions"] == 1  # the articles partition


def test_runs_temporaries_are_removed_only_once_old(data: Path):
    """The quality gate writes runs rows without the outlet-day lock: only an old temporary is a dead writer's."""
    lake = Lake(str(data / "lake"))
    lake.replace_partition("runs", DAY, "fa-payam", [{"run_id": "r1", "status": "ok"}])
    folder = _folder(lake, "runs", "fa-payam")
    young, old = folder / f"{TMP_PREFIX}young.partial", folder / f"{TMP_PREFIX}old.partial"
    young.write_bytes(b"gate writing")
    old.write_bytes(b"gate killed")
    long_ago = time.time() - af.UNLOCKED_TEMP_AGE.total_seconds() - 60
    os.utime(old, (long_ago, long_ago))
    stats = af.compact_days([DAY])
    assert young.exists() and not old.exists() and stats["temporaries"] == 1
    assert lake.read_partition("runs", DAY, "fa-payam").to_pylist()[0]["run_id"] == "r1"
