"""Scenario suite (fault): a corrupt Parquet file of one outlet fails that outlet only, with a line naming the file
and what to do; the other outlets' nights go on, dedup leaves the file out, and running the day again repairs it.

Before: ar-wadi's unreadable articles file of 2025-01-07 failed the next night of every outlet (dedup reads the
lookback days of all of them), and its unreadable crawl_log file failed every outlet's extract stage (each read
the whole crawl_log table for the records other days handed to it). Now a day reads what other days handed to it
from its own ``handovers`` partition: another day's crawl_log is never read, and a damaged hand-over file fails
its outlet only, naming the crawl day that writes it again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from faultkit import report

from akhbar.warehouse.lake import CorruptPartition, Lake

pytestmark = pytest.mark.faults
AKHBAR = str(Path(sys.executable).parent / "akhbar")
FIRST, NEXT = date(2025, 1, 7), date(2025, 1, 8)
OUTLETS = ("ar-wadi", "fa-payam")
BROKEN = "ar-wadi"


def _run(day: date, data: Path, outlets_dir: Path, crawl: dict[str, str], *slugs: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "1000", "AKHBAR_CRAWL_SETTINGS": json.dumps(crawl)}
    args = [a for s in slugs for a in ("--outlet", s)]
    return subprocess.run([AKHBAR, "run", "--date", day.isoformat(), *args, "--data-dir", str(data),
                           "--outlets-dir", str(outlets_dir)], capture_output=True, text=True, env=env, timeout=600)


def test_a_corrupt_file_of_one_outlet_fails_that_outlet_only(testweb, testweb_outlets, tmp_path, fast_crawl):
    data = tmp_path / "data"
    first = _run(FIRST, data, testweb_outlets, fast_crawl, *OUTLETS)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    lake = Lake(str(data / "lake"))
    broken = [Path(lake.partition_path(t, FIRST, BROKEN)) for t in ("articles", "crawl_log")]
    handed = Path(lake.partition_path("handovers", NEXT, BROKEN)).with_name(f"crawl-{FIRST}.parquet")
    assert handed.exists()  # the test web dates some of the 7th's pages the 8th
    broken.append(handed)
    for path in broken:
        path.write_bytes(b"PAR1" + b"\x00garbage" * 64)  # overwritten: neither footer nor pages
    with pytest.raises(CorruptPartition, match=str(broken[0])):
        lake.read_partition("articles", FIRST, BROKEN)

    proc = _run(NEXT, data, testweb_outlets, fast_crawl, *OUTLETS)
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout + proc.stderr
    failed = [ln for ln in proc.stderr.splitlines() if ln.startswith("failed:")]
    assert len(failed) == 1 and failed[0].startswith(f"failed: 1 outlet-day(s): {BROKEN} {NEXT} ("), proc.stderr
    assert "is damaged" in failed[0] and f"`akhbar run --date {FIRST} --outlet {BROKEN}`" in failed[0]
    assert str(handed) in failed[0]  # what failed it: its hand-overs; the 7th's crawl_log was never read
    # the other outlet's night: published, judged ok, deduplicated
    other = "fa-payam"
    assert lake.read_partition("articles", NEXT, other).num_rows > 0
    verdict = lake.read_partition("runs", NEXT, other).to_pylist()[-1]  # judged on its own rows (the test web's
    assert verdict["status"] != "failed" and "damaged" not in (verdict["error"] or "")  # Urdu story: gate_failed)
    assert lake.read_partition("duplicates", NEXT, other) is not None
    # the broken files are untouched (evidence), and running their day again rewrites them
    assert all(p.read_bytes().startswith(b"PAR1\x00garbage") for p in broken)
    again = _run(FIRST, data, testweb_outlets, fast_crawl, BROKEN)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert lake.read_partition("articles", FIRST, BROKEN).num_rows > 0
    healed = _run(NEXT, data, testweb_outlets, fast_crawl, BROKEN)
    assert healed.returncode == 0, healed.stdout[-2000:] + healed.stderr[-2000:]
    report("corrupt Parquet of one outlet (articles, crawl_log, hand-overs of the day before)",
           "the next night of 2 outlets",
           f"{BROKEN} failed: {failed[0][len('failed: 1 outlet-day(s): '):][:80]}…; fa-payam ok",
           lake.read("articles", [FIRST, NEXT]).num_rows)


def test_a_reader_given_a_list_leaves_an_unreadable_partition_out(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    for slug in ("fa-payam", "ar-wadi"):
        lake.replace_partition("articles", FIRST, slug, [{"article_id": f"{slug}-1", "url": f"https://{slug}/1"}])
    Path(lake.partition_path("articles", FIRST, "ar-wadi")).write_bytes(b"not parquet at all")
    with pytest.raises(CorruptPartition, match="ar-wadi"):
        lake.read("articles", [FIRST])
    left_out: list[CorruptPartition] = []
    rows = lake.read("articles", [FIRST], corrupt=left_out).to_pylist()
    assert [r["article_id"] for r in rows] == ["fa-payam-1"]
    assert [(c.table, c.day, c.outlet) for c in left_out] == [("articles", FIRST.isoformat(), "ar-wadi")]
    # a reader of one outlet's partitions never opens another's
    mine = lake.read("articles", [FIRST], listing=lake.listing("articles").for_outlet("fa-payam"))
    assert mine.column("outlet").to_pylist() == ["fa-payam"]
