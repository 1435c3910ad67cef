"""Shared fixtures: the local test web (real HTTP on 127.0.0.x) and its outlet configs."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
#: Scrapy settings that keep test crawls quick without changing what they do
FAST_CRAWL = {"RETRY_BACKOFF_BASE": "0.05", "RETRY_BACKOFF_MAX": "0.2", "DOWNLOAD_TIMEOUT": "5", "LOG_LEVEL": "INFO"}


@pytest.fixture(scope="session")
def fast_crawl() -> dict[str, str]:
    return dict(FAST_CRAWL)


@pytest.fixture(scope="session")
def testweb():
    from akhbar.testweb import TestWeb

    with TestWeb(port=0) as web:
        yield web


@pytest.fixture(scope="session")
def testweb_outlets(testweb, tmp_path_factory) -> Path:
    return testweb.write_outlet_configs(tmp_path_factory.mktemp("outlets"))
