"""crawler/probe.py without a network: a failed probe's reason as `akhbar outlets check` prints it, and the probe's
settings (the crawl's, made one request with its first answer). The probes against the test web:
tests/test_outletcheck.py."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from twisted.internet import error as net

from akhbar.crawler.middlewares import OFFSITE_PREFIX
from akhbar.crawler.probe import failure_reason, probe_settings
from akhbar.outlets.registry import load_outlets


@pytest.mark.parametrize(("exc", "reason"), [
    (IgnoreRequest(f"{OFFSITE_PREFIX} www.example.com is not in allowed_domains"),
     "refused: www.example.com is not in allowed_domains"),
    (IgnoreRequest("Max redirections reached"), "redirect loop or chain over REDIRECT_MAX_TIMES"),
    (IgnoreRequest("private address 10.0.0.5"), "refused: private address 10.0.0.5"),
    (IgnoreRequest("refused: not http(s)"), "refused: not http(s)"),
    (DownloadTimeoutError("Getting https://www.irna.ir/ took longer than 7.5 seconds."), "timed out after 7.5 s"),
    (net.TimeoutError(), "timed out after 7.5 s"),
    (DownloadConnectionRefusedError(), "connection refused"),
    (net.ConnectionRefusedError(), "connection refused"),
    (CannotResolveHostError("www.irna.ir"), "DNS lookup failed: www.irna.ir"),
    (ResponseDataLossError("gone"), "connection closed early: gone"),
    (RuntimeError("مشکل ناشناخته"), "network error: RuntimeError: مشکل ناشناخته"),
])
def test_each_failure_is_worded_as_the_check_reports_it(exc: BaseException, reason: str):
    assert failure_reason(exc, 7.5) == reason


def test_a_long_reason_stays_short():
    assert len(failure_reason(RuntimeError("خطا " * 500), 5)) == 300


def test_a_probe_is_one_request_with_the_crawls_guards():
    outlet = load_outlets()["irna"]
    settings = probe_settings(outlet, 7.5, "akhbar-check")
    assert (settings.getbool("ROBOTSTXT_OBEY"), settings.getbool("RETRY_ENABLED"),
            settings.getbool("AUTOTHROTTLE_ENABLED")) == (False, False, False)
    assert (settings.getfloat("DOWNLOAD_TIMEOUT"), settings["USER_AGENT"], settings.getfloat("DOWNLOAD_DELAY")) == (
        7.5, "akhbar-check", 0)
    assert settings.getdict("DOWNLOAD_SLOTS") == {d: {"concurrency": 4, "delay": 0} for d in outlet.allowed_domains}
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")  # the crawl's guards stay on
    for guard in ("AllowedDomainsGuardMiddleware", "PrivateHostGuardMiddleware"):
        assert middlewares[f"akhbar.crawler.middlewares.{guard}"] is not None, guard
