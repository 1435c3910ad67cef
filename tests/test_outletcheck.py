"""akhbar.outletcheck against the local test web (loopback only): a healthy outlet, broken ones, the CLI."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rich.console import Console
from typer.testing import CliRunner

from akhbar.crawler.settings import USER_AGENT
from akhbar.outletcheck import check_outlet, render
from akhbar.outlets.registry import Outlet, load_outlets

SLUGS = ["fa-payam", "fa-sepehr", "ar-wadi", "ar-mojaz"]


@pytest.fixture(scope="module")
def outlets(testweb_outlets) -> dict[str, Outlet]:
    return load_outlets(testweb_outlets)


def variant(outlet: Outlet, discovery: dict | None = None, **changes) -> Outlet:
    """The outlet with some fields replaced, validated again as a loaded file would be."""
    data = outlet.model_dump()
    data.update(changes)
    data["discovery"] = {**data["discovery"], **(discovery or {})}
    return Outlet.model_validate(data)


@contextmanager
def fault(web, slug: str, path: str, kind: str, **params) -> Iterator[None]:
    web.set_fault(slug, path, kind, **params)
    try:
        yield
    finally:
        web.clear_faults()


def closed_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def probes_named(report, name: str):
    return [p for p in report.probes if p.name == name]


def busy_day(web, slug: str) -> date:
    """A local day of the catalog with more articles than one archive page holds."""
    site = web.site(slug)
    days = [d for d in web.catalog.local_days(slug) if len(web.catalog.local_day(slug, d)) > site.archive_page_size]
    return days[-1]


@pytest.mark.parametrize("slug", SLUGS)
def test_healthy_outlet_all_probes_ok(testweb, outlets, slug):
    o = outlets[slug]
    day = busy_day(testweb, slug)
    before = len(testweb.requests)
    report = check_outlet(o, timeout=5, day=day)
    assert report.ok
    assert all(p.ok for p in report.probes), [(p.name, p.detail) for p in report.probes if not p.ok]
    names = [p.name for p in report.probes]
    assert names == ["robots.txt", "feed", "sitemap", "sitemap (child)", "archive", "article"]

    robots = probes_named(report, "robots.txt")[0]
    assert robots.status == 200 and "1 Sitemap: line(s)" in robots.detail and "/sitemap.xml" in robots.detail

    feed = probes_named(report, "feed")[0]
    assert len(feed.article_urls) == len(testweb.catalog.feed_items(slug)) > 0
    assert all(o.is_article_url(u) for u in feed.article_urls)

    # the checker descends into a child the crawler would read for the day (not an older day's)
    index, child = probes_named(report, "sitemap")[0], probes_named(report, "sitemap (child)")[0]
    assert f"sitemap index: {1 + len(testweb.catalog.local_days(slug))} child sitemaps" in index.detail
    assert urlsplit(child.url).path in ("/news-sitemap.xml", f"/sitemaps/{day.isoformat()}.xml")
    assert child.article_urls and f"dated {day}" in child.detail

    # archive page 1 of the day lists the day's newest articles
    archive = probes_named(report, "archive")[0]
    first_page = testweb.catalog.local_day(slug, day)[: testweb.site(slug).archive_page_size]
    assert {testweb.article_url(a) for a in first_page} <= set(archive.article_urls)
    assert "has a next page" in archive.detail

    # the sample article is the first article URL found and went through the real extractor
    article = probes_named(report, "article")[0]
    assert article.url == feed.article_urls[0]
    art = testweb.catalog.find(slug, urlsplit(article.url).path)
    assert art is not None
    assert f"«{art.title}»" in article.detail  # ZWNJ and all: Persian titles are not escaped
    assert f"language {o.language}" in article.detail and "no date found" not in article.detail
    assert "\ufffd" not in article.detail

    # one request per probe, all with the crawler's User-Agent
    mine = testweb.requests[before:]
    assert len(mine) == len(report.probes)
    assert {r.user_agent for r in mine} == {USER_AGENT}


def test_custom_user_agent_and_rendering(testweb, outlets):
    before = len(testweb.requests)
    report = check_outlet(outlets["fa-sepehr"], timeout=5, user_agent="akhbar-test/9")
    assert {r.user_agent for r in testweb.requests[before:]} == {"akhbar-test/9"}
    console = Console(record=True, width=220)
    console.print(render(report))
    out = console.export_text()
    for name in ("robots.txt", "feed", "sitemap (child)", "archive", "article", "usable"):
        assert name in out


def test_closed_port_fails_every_probe_with_a_reason(testweb, outlets):
    o = outlets["fa-payam"]
    host = urlsplit(o.base_url).hostname
    base = f"http://{host}:{closed_port(host)}"
    broken = variant(o, base_url=base + "/", discovery={
        "feeds": [base + "/rss.xml"], "sitemaps": [base + "/sitemap.xml"],
        "archives": [base + "/archive/{jy}/{jm:02d}/{jd:02d}?page={page}"]})
    report = check_outlet(broken, timeout=2)
    assert not report.ok
    assert [p.name for p in report.probes] == ["robots.txt", "feed", "sitemap", "archive", "article"]
    assert not any(p.ok for p in report.probes)
    for p in report.probes[:-1]:
        assert p.detail == "connection refused" and p.status is None
    assert probes_named(report, "article")[0].detail == "no article URL found by any source"


def test_404_feed_and_missing_sources(testweb, outlets):
    o = outlets["ar-wadi"]
    base = o.base_url.rstrip("/")
    broken = variant(o, discovery={"auto": False, "feeds": [base + "/no-such-feed.xml"], "sitemaps": [],
                                   "archives": []})
    report = check_outlet(broken, timeout=5)
    feed = probes_named(report, "feed")[0]
    assert (feed.ok, feed.status, feed.detail) == (False, 404, "HTTP 404")
    assert probes_named(report, "robots.txt")[0].ok
    assert not report.ok
    assert probes_named(report, "article")[0].detail == "no article URL found by any source"


def test_feed_disallowed_by_robots_is_not_fetched(testweb, outlets):
    o = outlets["fa-sepehr"]
    private = testweb.url("fa-sepehr", "/private/feed.xml")
    report = check_outlet(variant(o, discovery={"feeds": [private]}), timeout=5)
    robots = probes_named(report, "robots.txt")[0]
    assert robots.ok and "disallowed: " + private in robots.detail
    feed = probes_named(report, "feed")[0]
    assert not feed.ok and "disallowed by robots.txt" in feed.detail
    assert testweb.hits("fa-sepehr", "/private/feed.xml") == 0
    assert report.ok  # the sitemap and archive still work


def test_wrong_article_pattern_shows_an_example(testweb, outlets):
    o = outlets["fa-payam"]
    report = check_outlet(variant(o, article_url_pattern=r"/nothing-like-this/\d+"), timeout=5)
    feed = probes_named(report, "feed")[0]
    assert not feed.ok and "0 match article_url_pattern; e.g. http://" in feed.detail
    assert not report.ok


def test_timeout_offsite_redirect_and_bad_sitemap(testweb, outlets):
    o = outlets["ar-mojaz"]
    with fault(testweb, "ar-mojaz", "/rss.xml", "slow", sleep=3.0):
        report = check_outlet(o, timeout=0.5)
    assert probes_named(report, "feed")[0].detail == "timed out after 0.5 s"
    assert report.ok  # sitemaps and the archive still lead to an article

    with fault(testweb, "ar-mojaz", "/rss.xml", "offsite_redirect"):
        before = len(testweb.requests)
        report = check_outlet(o, timeout=5)
        offsite = [r for r in testweb.requests[before:] if r.slug != "ar-mojaz"]
    feed = probes_named(report, "feed")[0]
    assert not feed.ok and "outside allowed_domains" in feed.detail
    assert offsite == []

    with fault(testweb, "ar-mojaz", "/sitemap.xml", "invalid_xml", variant="html"):
        report = check_outlet(o, timeout=5)
    sitemap = probes_named(report, "sitemap")[0]
    assert not sitemap.ok and sitemap.detail.startswith("not a sitemap")


def test_private_hosts_refused_unless_allowed(outlets):
    o = outlets["fa-payam"]
    report = check_outlet(variant(o, crawl={"allow_private_hosts": False, "download_delay": 0}), timeout=2)
    robots = probes_named(report, "robots.txt")[0]
    assert not robots.ok and robots.detail.startswith("refused: ") and "non-public address" in robots.detail
    assert not report.ok


def test_cli_outlets_check(testweb, testweb_outlets: Path, tmp_path: Path):
    from akhbar.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["outlets", "check", "fa-sepehr", "--outlets-dir", str(testweb_outlets)])
    assert result.exit_code == 0, result.output
    for name in ("robots.txt", "feed", "sitemap", "archive", "article"):
        assert name in result.output

    o = load_outlets(testweb_outlets)["fa-sepehr"]
    host = urlsplit(o.base_url).hostname
    base = f"http://{host}:{closed_port(host)}"
    broken = variant(o, base_url=base + "/", discovery={"feeds": [], "sitemaps": [], "archives": [], "auto": False})
    (tmp_path / "fa-sepehr.toml").write_text(_toml(broken), encoding="utf-8")
    result = runner.invoke(app, ["outlets", "check", "fa-sepehr", "--outlets-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "connection refused" in result.output


def _toml(o: Outlet) -> str:
    import json

    def val(v):
        return json.dumps(v, ensure_ascii=False)

    top = {k: v for k, v in o.model_dump().items() if not isinstance(v, dict) and v is not None}
    lines = [f"{k} = {val(v)}" for k, v in top.items()]
    for table in ("discovery", "crawl", "extract"):
        lines.append(f"[{table}]")
        lines += [f"{k} = {val(v)}" for k, v in getattr(o, table).model_dump().items() if v is not None]
    return "\n".join(lines) + "\n"


@pytest.mark.faults
def test_dripping_body_fails_the_probe_at_its_deadline(testweb, outlets):
    """A feed that sends one byte now and then never trips a per-read timeout; the probe's total deadline
    ends it, reported as a failed probe with the reason, and the other probes still run."""
    import time

    o = outlets["fa-sepehr"]
    feed_path = urlsplit(o.discovery.feeds[0]).path
    with fault(testweb, "fa-sepehr", feed_path, "drip", interval=0.5, size=600):
        t0 = time.monotonic()
        report = check_outlet(o, timeout=5, deadline=2)
        took = time.monotonic() - t0
    feed = probes_named(report, "feed")[0]
    assert not feed.ok and "probe deadline of 2 s exceeded" in feed.detail, feed.detail
    # 600 bytes at 2/s would take 300 s; the rest is the probe process starting Scrapy and the other probes
    assert took < 45, f"check took {took:.1f} s"
    assert probes_named(report, "sitemap")[0].ok and probes_named(report, "article")[0].ok


@pytest.mark.faults
def test_file_sitemap_in_robots_is_refused(testweb, outlets):
    """robots.txt naming file:// sitemaps (on the outlet's own host, too): refused with the reason, no local
    file read."""
    o = outlets["fa-payam"]
    host = urlsplit(o.base_url).hostname
    robots = f"User-agent: *\nDisallow: /private/\nSitemap: file://{host}/etc/passwd\nSitemap: file:///etc/passwd\n"
    with fault(testweb, "fa-payam", "/robots.txt", "raw", body=robots):
        report = check_outlet(o, timeout=5)
    refused = [p for p in report.probes if p.url.startswith("file:")]
    assert refused and all(not p.ok and "not an http(s) URL (scheme 'file')" in p.detail for p in refused)
    assert not any("root:" in p.detail for p in report.probes)
