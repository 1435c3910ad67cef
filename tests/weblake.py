"""One night of the test web archived once per test session, for the tests that read a real lake (export, API)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

DAY = date(2025, 1, 7)
_built: dict[str, Path] = {}


def build_weblake(testweb, testweb_outlets: Path, tmp_path_factory, fast_crawl: dict[str, str]) -> Path:
    """The data dir of DAY crawled, extracted, loaded and deduplicated (shared: treat it as read-only)."""
    if "data" not in _built:
        from akhbar.pipeline import dedup_day, run_day

        data = tmp_path_factory.mktemp("weblake")
        results = run_day(DAY, data, None, folder=testweb_outlets, overrides=fast_crawl)
        assert all(r.ok for r in results), [r.error for r in results]
        dedup_day(DAY, data, folder=testweb_outlets)
        _built["data"] = data
    return _built["data"]
