"""One archived lake of the test web shared by the search, chart and replay tests (built once per process)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from akhbar.pipeline import dedup_day, run_day

DAYS = [date(2025, 1, 7), date(2025, 1, 8)]
_built: dict[str, Path] = {}


def archived(testweb, outlets: Path, tmp_path_factory, fast_crawl: dict[str, str]) -> Path:
    """A data dir holding DAYS of the test web, run by the real pipeline (crawl, WARC, extract, lake, dedup)."""
    if "data" not in _built:
        data = tmp_path_factory.mktemp("archive")
        for day in DAYS:
            results = run_day(day, data, None, folder=outlets, overrides=fast_crawl)
            assert all(r.ok for r in results), [r.error for r in results]
            dedup_day(day, data, folder=outlets)
        _built["data"] = data
    return _built["data"]
