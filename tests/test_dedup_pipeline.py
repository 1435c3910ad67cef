"""Dedup through the pipeline: a multi-day run of the test web with planted syndicated copies (same day
and across days), back-filled newest day first, then checked in SQL and against calendar order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from akhbar.pipeline import dedup_day, run_day
from akhbar.transforms.identity import normalize_url
from akhbar.warehouse.duck import query
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
DAYS = [date(2025, 1, 6), date(2025, 1, 7), date(2025, 1, 8)]
AKHBAR = str(Path(sys.executable).parent / "akhbar")


@pytest.fixture(scope="module")
def backfilled(testweb, testweb_outlets, tmp_path_factory, fast_crawl) -> Path:
    """Days run newest first, as a back-fill of history after the nightly runs would."""
    data = tmp_path_factory.mktemp("dedup-data")
    for day in reversed(DAYS):
        results = run_day(day, data, None, folder=testweb_outlets, overrides=fast_crawl)
        assert all(r.ok for r in results), [r.error for r in results]
        dedup_day(day, data, folder=testweb_outlets)
    return data


def _rows(data: Path, sql: str) -> list[tuple]:
    return query(data, sql).fetchall()


def _planted(testweb) -> list[tuple[str, str]]:
    """(copy URL, original URL) of every syndicated copy the test web serves on DAYS."""
    return [(e.url, e.syndicated_from) for d in DAYS for e in testweb.expected_articles(d) if e.syndicated_from]


def _ids(data: Path) -> dict[str, str]:
    return {normalize_url(u): a for u, a in _rows(data, "select url, article_id from articles")}


def test_every_planted_copy_is_in_its_originals_cluster(backfilled, testweb):
    planted = _planted(testweb)
    assert len(planted) >= 4  # same-day copies and one a day after its original
    ids = _ids(backfilled)
    dup = {a: (c, m) for a, c, m in _rows(backfilled, "select article_id, canonical_id, method from duplicates")}
    for copy_url, original_url in planted:
        copy_id, original_id = ids[normalize_url(copy_url)], ids[normalize_url(original_url)]
        assert dup[copy_id][0] == original_id, (copy_url, dup[copy_id])
        assert dup[copy_id][1] in ("exact", "near")
        assert dup[original_id] == (original_id, "self"), original_url


def test_articles_unique_has_one_row_per_story(backfilled, testweb):
    # the back-filled days (articles dated other days, the test web's relisted old stories, land on those)
    within = f"where day between '{DAYS[0]}' and '{DAYS[-1]}'"
    (total,), = _rows(backfilled, f"select count(*) from articles {within}")
    (unique,), = _rows(backfilled, f"select count(*) from articles_unique {within}")
    expected = sum(len(testweb.expected_articles(d)) for d in DAYS)
    assert total == expected  # nothing deleted: every copy is still in articles
    assert unique == total - len(_planted(testweb))
    two_canonicals = _rows(backfilled, "select cluster_id from duplicates group by 1 "
                                       "having count(*) filter (where canonical_id = article_id) <> 1")
    assert two_canonicals == []
    (unassigned,), = _rows(backfilled, "select count(*) from articles a anti join duplicates d using (article_id)")
    assert unassigned == 0


def test_backfill_order_equals_calendar_order(backfilled, testweb_outlets, tmp_path):
    """The same lake deduplicated day by day in calendar order gives the same rows as the back-fill."""
    lake = Lake(str(backfilled / "lake"))
    after_backfill = lake.read("duplicates", DAYS).sort_by("article_id").to_pylist()
    forward = tmp_path / "forward"
    shutil.copytree(backfilled / "lake" / "articles", forward / "lake" / "articles")
    for day in DAYS:
        dedup_day(day, forward, folder=testweb_outlets)
    assert Lake(str(forward / "lake")).read("duplicates", DAYS).sort_by("article_id").to_pylist() == after_backfill


def test_dedup_command_reclusters_a_range_identically(backfilled, testweb_outlets):
    lake = Lake(str(backfilled / "lake"))
    before = lake.read("duplicates").sort_by("article_id")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    proc = subprocess.run([AKHBAR, "dedup", "--from", DAYS[0].isoformat(), "--to", DAYS[-1].isoformat(),
                           "--data-dir", str(backfilled), "--outlets-dir", str(testweb_outlets)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "clusters" in proc.stdout and "near" in proc.stdout
    assert lake.read("duplicates").sort_by("article_id").equals(before)


def test_summary_counts_copies_and_failures_per_outlet_day(backfilled, testweb):
    from akhbar.warehouse.duck import summary

    rel = summary(backfilled)
    days = {d.isoformat() for d in DAYS}  # (old days that only received articles dated on them have no fetches)
    rows = [r for r in (dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()) if r["day"] in days]
    copies: dict[tuple[str, str], int] = {}
    for d in DAYS:
        for e in testweb.expected_articles(d):
            key = (d.isoformat(), e.outlet)
            copies[key] = copies.get(key, 0) + bool(e.syndicated_from)
    assert {(r["day"], r["outlet"]): r["copies"] for r in rows} == copies
    assert all(r["failed"] == 0 and r["fetches"] >= r["articles"] > 0 for r in rows)
