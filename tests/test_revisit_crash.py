"""A revisit killed mid-crawl leaves no version and no revisit row; the next run of the night does it whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from faultkit import FAULT_CRAWL, report

from akhbar.testweb import TestWeb
from akhbar.warehouse.duck import query
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.faults
DAY, NIGHT = date(2025, 1, 7), date(2025, 1, 8)
SLUG = "fa-sepehr"
AKHBAR = str(Path(sys.executable).parent / "akhbar")
ENV = {**os.environ, "AKHBAR_USER_AGENT": "akhbar-tests/1.0 (+http://127.0.0.1/contact)",
       "AKHBAR_CRAWL_SETTINGS": '{"DOWNLOAD_TIMEOUT": "180", "RETRY_BACKOFF_BASE": "0.05"}'}
HEADLINE, STALLED = "/news/2031542", "/news/2031548"


def _revisit(data: Path, outlets: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([AKHBAR, "revisit", "--date", NIGHT.isoformat(), "--outlet", SLUG, "--data-dir",
                             str(data), "--outlets-dir", str(outlets)], env=ENV, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_sigkill_mid_revisit_then_rerun(tmp_path: Path):
    from akhbar.pipeline import run_day

    data = tmp_path / "data"
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        with open(outlets / f"{SLUG}.toml", "a", encoding="utf-8") as fh:
            fh.write("\n[revisit]\nafter_days = [1]\n")
        assert all(r.ok for r in run_day(DAY, data, [SLUG], folder=outlets, overrides=FAULT_CRAWL))
        web.revise(SLUG, HEADLINE, title="عنوان تازه پس از ویرایش خبر")
        web.set_fault(SLUG, STALLED, "slow", sleep=120)
        proc = _revisit(data, outlets)
        warcs = data / "warc" / f"day={NIGHT}" / f"outlet={SLUG}"
        end = time.monotonic() + 90
        while time.monotonic() < end and not (warcs.is_dir() and any(warcs.glob("revisit-*.open"))
                                              and web.hits(SLUG, STALLED)):
            time.sleep(0.1)
        assert web.hits(SLUG, STALLED), "the revisit never reached the stalled page"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        lake = Lake(str(data / "lake"))
        for table in ("article_versions", "article_revisits"):
            assert lake.read_partition(table, DAY, SLUG) is None, f"a killed revisit wrote {table}"
        assert query(data, "select count(versions) from articles").fetchall() == [(0,)]
        web.clear_faults()
        done = _revisit(data, outlets)
        _, errors = done.communicate(timeout=240)
        assert done.returncode == 0, errors
        assert not any(warcs.glob("*.open")), "the killed run's open WARC file was not recovered"
        rows = query(data, "select url, version, events from article_versions").fetchall()
        assert [(u.rsplit("/", 2)[-2:], v, e) for u, v, e in rows] == [(["news", "2031542"], 2,
                                                                        ["headline_changed", "stealth_edit"])]
        planned, distinct = query(data, "select count(*), count(distinct article_id) from article_revisits "
                                        "where outcome <> 'failed'").fetchall()[0]
        assert planned == distinct >= 5
        report("SIGKILL mid-revisit", "1 killed revisit run + 1 re-run", f"{planned} revisits, 1 version",
               int(query(data, "select count(*) from articles").fetchall()[0][0]))
