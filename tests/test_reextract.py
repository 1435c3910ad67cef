"""akhbar/pipeline/orchestrator.reextract_days (`akhbar reextract`): a night extracted again from its WARC files,
with no network (the test web is not running), giving the rows the night gave; only outlet-days of an older
extractor unless everything is asked for; resumable; the command's summary and one error line for a busy day."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from akhbar.pipeline import orchestrator, run_day
from akhbar.settings import Settings
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
DAY = date(2025, 1, 7)
SLUGS = ["fa-sepehr", "ar-wadi"]
#: columns a second extraction of the same records may change: none but the version (and the judged run)
SAME = ("article_id", "url", "title", "text", "text_norm", "authors", "tags", "published_at", "date_source",
        "content_hash", "warc_file", "warc_offset", "language")


@pytest.fixture(scope="module")
def night(testweb, testweb_outlets, tmp_path_factory, fast_crawl) -> tuple[Path, Path]:
    data = tmp_path_factory.mktemp("reextract") / "data"
    results = run_day(DAY, data, SLUGS, folder=testweb_outlets, overrides=fast_crawl)
    assert all(r.ok for r in results), [r.error for r in results]
    return data, testweb_outlets


def _rows(lake: Lake) -> list[tuple]:
    return sorted(tuple(str(r[c]) for c in ("day", "outlet", *SAME)) for r in lake.read("articles").to_pylist())


def _stamp(lake: Lake, version: str) -> None:
    """Pretend an older extractor wrote the day's rows."""
    for slug in SLUGS:
        table = lake.read_partition("articles", DAY, slug)
        rows = [{**r, "extractor_version": version} for r in table.to_pylist()]
        lake.replace_partition("articles", DAY, slug, rows)


def test_an_older_extractors_days_are_extracted_again_from_the_warc_without_network(night, monkeypatch):
    data, outlets = night
    cfg = Settings().with_options(data_dir=data, outlets_dir=outlets)
    lake = Lake(str(data / "lake"))
    before = _rows(lake)
    # the test web stays up but no request may reach it: re-extraction reads the WARC files only
    import akhbar.crawler.run as crawl_run

    monkeypatch.setattr(crawl_run, "crawl", lambda *a, **k: pytest.fail("re-extraction started a crawl"))
    current = orchestrator.reextract_days([DAY], cfg, SLUGS)
    assert [r.skipped for r in current] == [True, True]  # nothing of an older extractor: nothing to do
    _stamp(lake, "akhbar-extract-0 (old)")
    done = orchestrator.reextract_days([DAY], cfg, SLUGS)
    assert [(r.outlet, r.skipped, r.error) for r in done] == [(s, False, None) for s in SLUGS]
    assert sum(r.articles for r in done) > 0
    assert _rows(lake) == before  # the same rows, read again from the same records
    from akhbar.transforms.extract import EXTRACTOR_VERSION

    versions = {v for s in SLUGS for v in lake.read_partition("articles", DAY, s).column("extractor_version")
                .to_pylist()}
    assert versions == {EXTRACTOR_VERSION}
    again = orchestrator.reextract_days([DAY], cfg, SLUGS)  # resumed or repeated: nothing left to do
    assert all(r.skipped for r in again)
    forced = orchestrator.reextract_days([DAY], cfg, SLUGS, everything=True)
    assert not any(r.skipped for r in forced) and _rows(lake) == before


def test_the_command_reports_and_a_busy_day_is_one_line(night):
    from akhbar.warehouse.locks import partition_lock

    data, outlets = night
    akhbar = str(Path(sys.executable).parent / "akhbar")
    args = [akhbar, "reextract", "--from", DAY.isoformat(), "--to", DAY.isoformat(), "--all", "--data-dir", str(data),
            "--outlets-dir", str(outlets), *[a for s in SLUGS for a in ("--outlet", s)]]
    ok = subprocess.run(args, capture_output=True, text=True, timeout=300, env={"COLUMNS": "200", "PATH": ""})
    assert ok.returncode == 0, ok.stderr
    assert "re-extracted 2 outlet-day(s)" in ok.stdout
    with partition_lock(data, DAY.isoformat(), "ar-wadi"):  # a crawl of that outlet-day is running
        busy = subprocess.run(args, capture_output=True, text=True, timeout=300, env={"COLUMNS": "200", "PATH": ""})
    assert busy.returncode == 1 and "Traceback" not in busy.stderr
    assert next(ln for ln in busy.stderr.splitlines() if ln.startswith("failed:")).startswith(
        f"failed: 1 outlet-day(s): ar-wadi {DAY}")
