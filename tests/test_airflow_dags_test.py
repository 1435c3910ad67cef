"""`airflow dags test akhbar_nightly 2025-01-08` on SQLite, in-process, against the local test web: the
manual run dated 2025-01-08 archives the last complete UTC day, 2025-01-07 — and only it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from akhbar.transforms.identity import normalize_url
from akhbar.warehouse.lake import Lake

pytestmark = [pytest.mark.airflow, pytest.mark.timeout(300)]
REPO = Path(__file__).resolve().parents[1]
AIRFLOW = str(Path(sys.executable).with_name("airflow"))


def test_dags_test_archives_the_last_complete_day(testweb, testweb_outlets, tmp_path, fast_crawl):
    home, data = tmp_path / "airflow", tmp_path / "data"
    home.mkdir()
    env = {**os.environ, "AIRFLOW_HOME": str(home), "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
           "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}?timeout=60",
           "AKHBAR_DATA_DIR": str(data), "AKHBAR_OUTLETS_DIR": str(testweb_outlets),
           "AKHBAR_CRAWL_SETTINGS": json.dumps(fast_crawl)}
    env.pop("AKHBAR_LAKE_URI", None)
    for args in (["db", "migrate"], ["dags", "test", "akhbar_nightly", "2025-01-08"]):
        proc = subprocess.run([AIRFLOW, *args], env=env, cwd=home, capture_output=True, text=True, timeout=240)
        assert proc.returncode == 0, (args, proc.stdout[-3000:], proc.stderr[-3000:])
    assert "state=success" in proc.stdout + proc.stderr

    lake = Lake(str(data / "lake"))
    day = date(2025, 1, 7)
    # the day's partitions, and those of the days its crawl found articles dated on (delivered there at once)
    delivered = {a.home_day for s in testweb.sites for a in testweb.catalog.relisted(s.slug, day)} | {date(2025, 1, 8)}
    assert {d for d, _ in lake.partitions("articles")} == {d.isoformat() for d in {day, *delivered}}
    got = {normalize_url(u) for u in lake.read("articles", [day]).column("url").to_pylist()}
    assert got == {normalize_url(e.url) for e in testweb.expected_articles(day)}
    assert lake.read("duplicates", [day]).num_rows == len(got)
    assert {r["status"] for r in lake.read("runs", [day]).to_pylist()} == {"ok"}
