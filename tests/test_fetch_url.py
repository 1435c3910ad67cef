"""akhbar fetch URL: one page through the real crawler child against the loopback test web — archived in the
day's WARC with a crawl-log line, extracted from the archived record; robots.txt, confinement and schemes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app
from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.warc import iter_responses

runner = CliRunner()
DAY = date(2025, 1, 7)


def _fetch(data: Path, outlets: Path, *args: str):
    return runner.invoke(app, ["fetch", *args, "--data-dir", str(data), "--outlets-dir", str(outlets)])


def test_an_article_is_archived_extracted_and_printed(testweb, testweb_outlets, tmp_path: Path):
    expected = next(e for e in testweb.expected_articles(DAY) if e.outlet.startswith("fa-") and e.tags)
    before = datetime.now(UTC).date()
    result = _fetch(tmp_path, testweb_outlets, expected.url, "--json")
    after = datetime.now(UTC).date()
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout)
    assert rec["outlet"] == expected.outlet  # found by the URL's host
    assert rec["status"] == 200 and rec["outcome"] == "ok"
    assert rec["title"] == expected.title
    assert rec["tags"] == list(expected.tags)
    assert rec["language"] == "fa" and rec["date_source"]
    assert all(p in rec["text"] for p in expected.paragraphs)
    # filed under the UTC day of the fetch (at midnight UTC, the day may turn during it)
    [today] = [d.isoformat() for d in {before, after} if rec["warc_file"].startswith(f"warc/day={d}/")]
    assert rec["warc_file"].startswith(f"warc/day={today}/outlet={expected.outlet}/")
    archived = {r.url: r for r in iter_responses(tmp_path, tmp_path / rec["warc_file"])}
    assert expected.url in archived and archived[expected.url].status == 200
    assert any(u.endswith("/robots.txt") for u in archived)  # robots.txt was read (and archived) first
    logged = {(r["url"], r["outcome"]) for r in read_logs(tmp_path, today, expected.outlet)}
    assert (expected.url, "ok") in logged


def test_robots_disallow_is_obeyed(testweb, testweb_outlets, tmp_path: Path):
    site = testweb.sites[0]
    before = testweb.hits(site.slug, site.private_path)
    result = _fetch(tmp_path, testweb_outlets, testweb.url(site.slug, site.private_path))
    assert result.exit_code == 1, result.output
    assert "robots_denied" in result.output and "robots.txt" in result.output
    assert testweb.hits(site.slug, site.private_path) == before  # never requested


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.11/x", "javascript:alert(1)", "/fa/news/1"])
def test_non_http_urls_are_refused_before_any_crawl(testweb_outlets, tmp_path: Path, url: str):
    result = _fetch(tmp_path, testweb_outlets, url)
    assert result.exit_code == 2
    assert "only http(s) URLs" in result.output
    assert not (tmp_path / "warc").exists()


def test_an_unlisted_private_host_is_refused(testweb, testweb_outlets, tmp_path: Path):
    # no outlet holds localhost: the unlisted outlet allows public addresses only (the crawl's private host guard)
    port = testweb.base_url(testweb.sites[0].slug).rsplit(":", 1)[1].strip("/")
    result = _fetch(tmp_path, testweb_outlets, f"http://localhost:{port}/", "--json")
    assert result.exit_code == 1
    rec = json.loads(result.stdout)
    assert rec["outlet"] == "unlisted" and rec["outcome"] != "ok"
    assert "private" in rec["reason"] or "refused" in rec["reason"]
    assert "status" not in rec and "title" not in rec
