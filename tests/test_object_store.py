"""The lake on an fsspec URL instead of a local folder (here fsspec's in-memory filesystem, standing in for
s3:// or gs://): the pipeline writes, dedups and DuckDB queries it exactly as a local lake."""

from __future__ import annotations

from datetime import date

import fsspec
import pytest

from akhbar.pipeline import dedup_day, run_day
from akhbar.warehouse.duck import query, summary
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
DAY = date(2025, 1, 7)
ZWNJ = "\u200c"


def test_pipeline_on_an_fsspec_lake(testweb, testweb_outlets, tmp_path, fast_crawl):
    uri = "memory://akhbar-test-bucket/lake"
    memory = fsspec.filesystem("memory")
    if memory.exists("/akhbar-test-bucket"):
        memory.rm("/akhbar-test-bucket", recursive=True)
    data = tmp_path / "data"  # WARC files, crawl logs and locks stay local; the lake does not
    results = run_day(DAY, data, None, folder=testweb_outlets, overrides=fast_crawl, lake_uri=uri)
    assert all(r.ok for r in results), [r.error for r in results]
    dedup_day(DAY, data, lake_uri=uri, folder=testweb_outlets)
    assert not (data / "lake").exists()

    expected = testweb.expected_articles(DAY)
    lake = Lake(uri)
    assert lake.read("articles", [DAY]).num_rows == len(expected)
    [(total, unique, fa_zwnj)] = query(data, "select count(*), (select count(*) from articles_unique), "
                                       "count(*) filter (where language = 'fa' and contains(text, chr(8204))) "
                                       "from articles", lake_uri=uri).fetchall()
    planted = sum(1 for e in expected if e.syndicated_from)
    assert total == len(expected) and unique == total - planted and fa_zwnj >= 3
    assert sorted(r[1] for r in summary(data, lake_uri=uri).fetchall()) == sorted(s.slug for s in testweb.sites)


def test_cli_takes_the_lake_url(testweb_outlets, tmp_path):
    """`--lake` / AKHBAR_LAKE_URI reach the writer and the reader (a file:// URL here: another process
    cannot see this one's in-memory filesystem)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    akhbar = str(Path(sys.executable).parent / "akhbar")
    lake_dir = tmp_path / "elsewhere" / "lake"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "AKHBAR_LAKE_URI": f"file://{lake_dir}",
           "AKHBAR_SCRAPY_LOG_LEVEL": "WARNING"}
    run = subprocess.run([akhbar, "run", "--date", DAY.isoformat(), "--outlet", "fa-payam", "--data-dir",
                          str(tmp_path / "data"), "--outlets-dir", str(testweb_outlets)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert list(lake_dir.glob("articles/day=2025-01-07/outlet=fa-payam/*.parquet"))
    assert not (tmp_path / "data" / "lake").exists()
    out = subprocess.run([akhbar, "query", "--data-dir", str(tmp_path / "data"), "--format", "csv",
                          "select outlet, count(*) as n from articles group by 1"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1].startswith("fa-payam,") and int(out.stdout.splitlines()[1].split(",")[1]) > 0
