"""Back-fill from web archives, offline: pywb standing in for the Wayback Machine and a Common-Crawl-like
server (index API + WARC files with Range), both over captures of the test web (testweb/archive_stack.py).

A live crawl of the day lands the reference rows; its WARC files, re-dated into the day's capture window,
are what the archives hold. Each back-fill then runs into an empty data dir without one request to the
test web (as if the site had forgotten the day), and must land the same rows, provenance aside."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest
from typer.testing import CliRunner

from akhbar import cli
from akhbar.crawler.warc import OPEN_SUFFIX, iter_responses, warc_files
from akhbar.pipeline import run_day
from akhbar.settings import Settings
from akhbar.testweb.archive_stack import ArchiveStack, captures_from_warcs, page, redirect, with_links
from akhbar.testweb.pages import not_found_page
from akhbar.testweb.sites import SITES_BY_SLUG
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
DAY = date(2025, 1, 7)
SLUG = "fa-sepehr"
#: the archives' limit in these tests: requests per minute per archive host (spacing 0.125 s)
RATE = 480
#: columns that say where and when a row was fetched, not what the article is
#: planted in the archives only: a capture that is a redirect to an article, and a soft-404
MOVED, SOFT_404 = "/news/9990002", "/news/9990001"
PROVENANCE = {"capture_source", "captured_at", "fetched_at", "warc_file", "warc_offset", "warc_record_id"}


@pytest.fixture(scope="module")
def live(testweb, testweb_outlets, tmp_path_factory, fast_crawl):
    data = tmp_path_factory.mktemp("live")
    results = run_day(DAY, data, [SLUG], folder=testweb_outlets, overrides=fast_crawl)
    assert all(r.ok for r in results), [r.error for r in results]
    return data


@pytest.fixture(scope="module")
def stack(live, tmp_path_factory):
    captured = datetime(DAY.year, DAY.month, DAY.day, 20, tzinfo=UTC)  # the evening of the day
    files = warc_files(live, DAY.isoformat(), SLUG)
    captures = captures_from_warcs(files, captured)
    # a duplicate of one capture: the same article archived again an hour later
    article = next(c for c in captures if "/news/" in c.url and c.status_line.startswith("200"))
    captures.append(type(article)(article.url, captured + timedelta(hours=1), article.status_line,
                                  article.headers, article.body))
    # a moved page: the date archive as captured names it, its capture is a 301 to an article of the day
    base = article.url.split("/news/")[0]
    listing = next(i for i, c in enumerate(captures) if "/archive/" in c.url and c.status_line.startswith("200"))
    captures[listing] = with_links(captures[listing], [MOVED])
    captures.append(redirect(base + MOVED, captured + timedelta(minutes=30), article.url))
    # a soft-404: an article URL captured with status 200 and the site's «page not found» body
    captures.append(page(base + SOFT_404, captured + timedelta(minutes=31),
                         not_found_page(SITES_BY_SLUG[SLUG], DAY)))
    with ArchiveStack(tmp_path_factory.mktemp("archives"), captures) as archives:
        yield archives


def _overrides(fast_crawl, stack, source: str) -> dict[str, str]:
    cfg = Settings(wayback_url=stack.wayback.url, wayback_cdx_url=stack.wayback.cdx_url,
                   cc_index_url=stack.commoncrawl.index_url, cc_data_url=stack.commoncrawl.data_url,
                   wayback_rate=RATE, cc_rate=RATE)
    return {**fast_crawl, **cfg.archive_overrides(source)}


def _backfill(testweb, testweb_outlets, fast_crawl, stack, data: Path, source: str):
    before = len(testweb.requests)
    results = run_day(DAY, data, [SLUG], folder=testweb_outlets, overrides=_overrides(fast_crawl, stack, source))
    assert all(r.ok for r in results), [r.error for r in results]
    assert len(testweb.requests) == before, "the back-fill asked the live site"
    return results


@pytest.fixture(scope="module")
def from_wayback(testweb, testweb_outlets, fast_crawl, stack, tmp_path_factory):
    stack.wayback.recorder.fail("/wb/cdx", 429, Retry_After="1")  # the CDX API's rate limit, once
    start = len(stack.wayback.recorder.requests)
    data = tmp_path_factory.mktemp("wayback")
    _backfill(testweb, testweb_outlets, fast_crawl, stack, data, "wayback")
    return data, stack.wayback.recorder.requests[start:]


@pytest.fixture(scope="module")
def from_commoncrawl(testweb, testweb_outlets, fast_crawl, stack, tmp_path_factory):
    cc = stack.commoncrawl.recorder
    cc.fail("/CC-TEST-2025-01-index", 503)  # SlowDown, once
    cc.fail("/data/", 206, truncate=True)  # a range answer cut short, once
    start = len(cc.requests)
    data = tmp_path_factory.mktemp("commoncrawl")
    _backfill(testweb, testweb_outlets, fast_crawl, stack, data, "commoncrawl")
    return data, cc.requests[start:]


def _rows(data: Path) -> dict[str, dict]:
    """Article rows by URL, provenance aside. Which listing's evidence an article carries when several give the
    same time (a feed and the news sitemap) depends, in the live spider, on which answered before the article
    did; the archive spider reads every listing first (the best one wins). The time is compared, not its kind."""
    table = Lake(str(data / "lake")).read("articles", [DAY])
    out = {}
    for r in table.to_pylist():
        row = {k: v for k, v in r.items() if k not in PROVENANCE}
        row["date_source"] = re.sub(r"^listing:.*", "listing", row["date_source"] or "")
        row["date_signals"] = [re.sub(r"^(listed=\S+) .*", r"\1", x) for x in row["date_signals"] or []]
        out[r["url"]] = row
    return out


def test_wayback_backfill_lands_the_live_rows(live, from_wayback):
    want = _rows(live)
    assert len(want) >= 3
    assert _rows(from_wayback[0]) == want


def test_commoncrawl_backfill_lands_the_live_rows(live, from_commoncrawl):
    assert _rows(from_commoncrawl[0]) == _rows(live)


def test_provenance_columns_in_sql(live, from_wayback, from_commoncrawl):
    def q(data: Path, sql: str):
        for table in ("ARTICLES", "CRAWL_LOG"):
            glob = str(data / "lake" / table.lower() / "**" / "*.parquet")
            sql = sql.replace(table, f"read_parquet('{glob}', hive_partitioning = true, union_by_name = true)")
        return duckdb.sql(sql).fetchall()

    assert q(live, "select distinct capture_source from ARTICLES") == [("live",)]
    assert q(live, "select count(*) from ARTICLES where captured_at is distinct from fetched_at") == [(0,)]
    evening = datetime(DAY.year, DAY.month, DAY.day, 20, tzinfo=UTC)
    for data, source in ((from_wayback[0], "wayback"), (from_commoncrawl[0], "commoncrawl")):
        assert q(data, "select distinct capture_source from ARTICLES") == [(source,)]
        # the capture's own time, not the back-fill's: within the archive's two hours of captures
        (lo, hi), = q(data, "select min(captured_at), max(captured_at) from ARTICLES")
        assert evening <= lo <= hi <= evening + timedelta(hours=2), (lo, hi)
        assert q(data, "select count(*) from ARTICLES where fetched_at < now() - interval 1 day") == [(0,)]
        # the crawl log says it too: every fetched article line, with the capture's time
        assert q(data, "select distinct capture_source, captured_at is not null from CRAWL_LOG "
                       "where kind = 'article' and outcome = 'ok'") == [(source, True)]
    assert q(live, "select distinct capture_source from CRAWL_LOG where kind = 'article' and outcome = 'ok'") == [
        ("live",)]


def test_archive_warc_records_carry_provenance(from_wayback):
    data = from_wayback[0]
    records = [r for f in warc_files(data, DAY.isoformat(), SLUG) for r in iter_responses(data, f)]
    articles = [r for r in records if r.kind == "article" and r.status == 200]
    assert articles and all(r.capture_source == "wayback" and r.captured_at for r in articles)
    assert all("id_/" not in r.url and "/wb/" not in r.url for r in articles)  # the outlet's URL, not the archive's


def test_request_spacing_respects_the_rate_limit(from_wayback, from_commoncrawl):
    spacing = 60 / RATE
    for name, requests in (("wayback", from_wayback[1]), ("commoncrawl", from_commoncrawl[1])):
        times = sorted(t for t, _ in requests)
        assert len(times) >= 10, name
        # measured where the server's threads got each request: one late arrival shortens the gap after it (so no
        # single gap is asserted: under load it flaked), but jitter does not add up, so every run of 5 requests
        # spans 4 spacings (unlimited, gaps are ~0.005 s)
        spans = [times[i + 4] - times[i] for i in range(len(times) - 4)]
        assert min(spans) >= 0.8 * 4 * spacing, (name, min(spans))
        assert (times[-1] - times[0]) / (len(times) - 1) >= 0.95 * spacing, name  # on average, at least the spacing


def test_faults_were_met_and_retried(stack, from_wayback, from_commoncrawl):
    assert not stack.wayback.recorder.faults and not stack.commoncrawl.recorder.faults  # every fault was served
    cdx = [p for _, p in from_wayback[1] if p.startswith("/wb/cdx")]
    assert len(cdx) == 2 and cdx[0] == cdx[1]  # the 429, then its retry after Retry-After
    index = [p for _, p in from_commoncrawl[1] if p.startswith("/CC-TEST-2025-01-index")]
    assert len(index) > len(set(index))  # the 503 SlowDown was asked again
    # the truncated range (the first one asked) was asked again
    ranges = [p for _, p in from_commoncrawl[1] if p.startswith("/data/")]
    assert ranges.count(ranges[0]) >= 2


def test_rerun_through_the_cli_changes_nothing_and_asks_no_index_again(testweb, testweb_outlets, fast_crawl, stack,
                                                                       from_wayback, monkeypatch):
    data = from_wayback[0]
    before = Lake(str(data / "lake")).read("articles", [DAY]).to_pylist()
    start, seen = len(stack.wayback.recorder.requests), len(testweb.requests)
    env = {"AKHBAR_DATA_DIR": str(data), "AKHBAR_OUTLETS_DIR": str(testweb_outlets), "AKHBAR_LAKE_URI": "",
           "AKHBAR_WAYBACK_URL": stack.wayback.url, "AKHBAR_WAYBACK_CDX_URL": stack.wayback.cdx_url,
           "AKHBAR_WAYBACK_RATE": str(RATE), "AKHBAR_CRAWL_SETTINGS": json.dumps(fast_crawl)}
    monkeypatch.setattr(cli, "_settings", None)
    result = CliRunner().invoke(cli.app, ["backfill", "--from", DAY.isoformat(), "--to", DAY.isoformat(),
                                          "--outlet", SLUG, "--source", "wayback"], env=env)
    assert result.exit_code == 0, result.output
    assert f"day 1 of 1 {DAY} {SLUG} from wayback" in result.output
    assert Lake(str(data / "lake")).read("articles", [DAY]).to_pylist() == before
    again = [p for _, p in stack.wayback.recorder.requests[start:]]
    assert again and not [p for p in again if p.startswith("/wb/cdx")]  # the day's index answer: from the cache
    assert not [p for p in again if "/news/" in p]  # every article archived already: none fetched again
    assert len(testweb.requests) == seen


def test_an_unknown_source_is_refused(tmp_path):
    result = CliRunner().invoke(cli.app, ["backfill", "--from", "2025-01-07", "--to", "2025-01-07", "--source",
                                          "archive.today", "--data-dir", str(tmp_path)])
    assert result.exit_code != 0 and "expected live, wayback, commoncrawl or auto" in result.output


def _log(data: Path, path: str) -> list[dict]:
    table = Lake(str(data / "lake")).read("crawl_log", [DAY])
    # the fetch's line (a re-run adds archived_earlier lines)
    return [r for r in table.to_pylist() if (r["url"] or "").endswith(path) and r["outcome"] != "archived_earlier"]


def test_captures_that_redirect_or_are_soft_404s(live, stack, from_wayback, from_commoncrawl):
    for (data, requests), archive in ((from_wayback, "/wb/"), (from_commoncrawl, "/data/")):
        articles = {r["url"]: r for r in Lake(str(data / "lake")).read("articles", [DAY]).to_pylist()}
        # the moved page: its 301 capture followed through the archive, logged with the target, no row of its own
        moved, = _log(data, MOVED)
        target = moved["final_url"]
        assert moved["outcome"] == "ok" and target in articles and target != moved["url"], moved
        assert not [u for u in articles if u.endswith(MOVED)]
        records = [r for f in warc_files(data, DAY.isoformat(), SLUG) for r in iter_responses(data, f)]
        assert [r.status for r in records if r.url == moved["url"]] == [301]
        assert [r.status for r in records if r.url == target and r.kind == "article"] == [200]  # archived once
        # the soft-404: archived, logged not_article with the reason, never a row, never fetched from the outlet
        soft, = _log(data, SOFT_404)
        assert soft["outcome"] == "not_article" and "soft-404" in soft["reason"] and soft["status"] == 200, soft
        assert not [u for u in articles if u.endswith(SOFT_404)]
        assert [r.kind for r in records if r.url.endswith(SOFT_404)] == ["soft_404"]
        assert any(SOFT_404 in p for _, p in requests) or archive == "/data/"


#: the archives' limit in the end-to-end CLI tests (spacing is tested above; these test what lands)
FAST_RATE = 6000


def _cli_backfill(testweb_outlets, fast_crawl, stack, data: Path, source: str, monkeypatch, *days: date):
    env = {"AKHBAR_DATA_DIR": str(data), "AKHBAR_OUTLETS_DIR": str(testweb_outlets), "AKHBAR_LAKE_URI": "",
           "AKHBAR_WAYBACK_URL": stack.wayback.url, "AKHBAR_WAYBACK_CDX_URL": stack.wayback.cdx_url,
           "AKHBAR_WAYBACK_RATE": str(FAST_RATE), "AKHBAR_CC_INDEX_URL": stack.commoncrawl.index_url,
           "AKHBAR_CC_DATA_URL": stack.commoncrawl.data_url, "AKHBAR_CC_RATE": str(FAST_RATE),
           "AKHBAR_CRAWL_SETTINGS": json.dumps(fast_crawl)}
    monkeypatch.setattr(cli, "_settings", None)
    first, last = (days or (DAY,))[0], (days or (DAY,))[-1]
    return CliRunner().invoke(cli.app, ["backfill", "--from", first.isoformat(), "--to", last.isoformat(),
                                        "--outlet", SLUG, "--source", source], env=env)


def test_auto_lands_live_then_the_archive_for_what_the_live_site_lost(testweb, testweb_outlets, fast_crawl, stack,
                                                                    live, tmp_path, monkeypatch):
    want = _rows(live)
    gone = sorted(want)[:2]  # the live site no longer serves these two articles of the day; the archives hold them
    for url in gone:
        testweb.set_fault(SLUG, urlsplit(url).path, "status", statuses=[404] * 20)
    try:
        seen = len(testweb.requests)
        result = _cli_backfill(testweb_outlets, fast_crawl, stack, tmp_path, "auto", monkeypatch)
        assert result.exit_code == 0, result.output
        assert len(testweb.requests) > seen  # live first
        for src in ("live", "wayback", "commoncrawl"):
            assert f"day 1 of 1 {DAY} {SLUG} from {src}" in result.output
        table = Lake(str(tmp_path / "lake")).read("articles", [DAY]).to_pylist()
        assert len({r["url"] for r in table}) == len(table)  # each article once
        assert _rows(tmp_path) == want  # the union: what live got, and the archive for the rest
        sources = {r["url"]: r["capture_source"] for r in table}
        assert sources == {u: "wayback" if u in gone else "live" for u in want}, sources  # live copies preferred
        # re-running changes nothing (provenance included)
        again = _cli_backfill(testweb_outlets, fast_crawl, stack, tmp_path, "auto", monkeypatch)
        assert again.exit_code == 0, again.output
        assert Lake(str(tmp_path / "lake")).read("articles", [DAY]).to_pylist() == table
    finally:
        testweb.clear_faults()


def test_a_killed_backfill_resumes(testweb_outlets, fast_crawl, stack, from_wayback, tmp_path):
    """SIGKILL a `akhbar backfill --source wayback` of two days once the first captures are fetched, run it again:
    the lake equals the uninterrupted run's, the cached CDX answer is not asked again, fetched articles not either."""
    recorder = stack.wayback.recorder
    env = {**os.environ, "AKHBAR_DATA_DIR": str(tmp_path), "AKHBAR_OUTLETS_DIR": str(testweb_outlets),
           "AKHBAR_LAKE_URI": "", "AKHBAR_WAYBACK_URL": stack.wayback.url,
           "AKHBAR_WAYBACK_CDX_URL": stack.wayback.cdx_url, "AKHBAR_WAYBACK_RATE": str(2 * RATE),
           "AKHBAR_CRAWL_SETTINGS": json.dumps(fast_crawl)}
    args = [str(Path(sys.executable).parent / "akhbar"), "backfill", "--from", DAY.isoformat(), "--to",
            (DAY + timedelta(days=1)).isoformat(), "--outlet", SLUG, "--source", "wayback"]

    def news(start: int) -> list[str]:
        return [p for _, p in recorder.requests[start:] if "/news/" in p and "id_/" in p]

    start = len(recorder.requests)
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, process_group=0)
    try:
        deadline = time.monotonic() + 60
        while len(news(start)) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the back-fill ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # its process group: the crawl and any worker it started
    finally:
        proc.wait(10)
    killed = recorder.requests[start:]
    assert [p for _, p in killed if p.startswith("/wb/cdx")], "the day's CDX query was asked before the kill"
    middle = len(recorder.requests)
    # the killed run's WARC files as it left them (the resumed run recovers them: their whole records stay)
    killed_files = {f.name.removesuffix(OPEN_SUFFIX) for f in (tmp_path / "warc").rglob("*.warc.gz*")}
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "day 2 of 2" in done.stdout
    resumed = [p for _, p in recorder.requests[middle:]]
    day_query = f"from={DAY:%Y%m%d}"
    assert not [p for p in resumed if p.startswith("/wb/cdx") and day_query in p]  # from the cache
    # an article archived whole before the kill is not fetched again; one in flight, or cut by the kill in the
    # middle of its record, is (how many depends on when the kill lands); nothing is fetched the uninterrupted
    # run did not fetch
    def original(path: str) -> str:
        return path.split("id_/", 1)[1]

    archived = {rec.url for day in (DAY, DAY + timedelta(days=1)) for f in warc_files(tmp_path, day.isoformat(), SLUG)
                if f.name in killed_files for rec in iter_responses(tmp_path, f) if "/news/" in rec.url}
    assert archived, "the killed run archived articles before it died"
    again = [original(p) for p in news(middle)]
    assert not archived & set(again), (archived, again)
    uninterrupted = Counter(original(p) for _, p in from_wayback[1] if "/news/" in p and "id_/" in p)
    assert Counter(again) <= uninterrupted, (again, uninterrupted)  # each at most as often (a URL of both days: twice)
    assert _rows(tmp_path) == _rows(from_wayback[0])


def test_one_rate_limit_per_archive_host_for_all_outlets_at_once(testweb, testweb_outlets, fast_crawl, stack,
                                                                 from_wayback, tmp_path):
    """Two outlets back-filled in one crawl process (each its own Scrapy crawler and download slots) still ask the
    archive host at the one rate, not twice it."""
    start = len(stack.wayback.recorder.requests)
    results = run_day(DAY, tmp_path, [SLUG, "ar-wadi"], folder=testweb_outlets,
                      overrides=_overrides(fast_crawl, stack, "wayback"))
    assert all(r.ok for r in results), [r.error for r in results]
    requests = stack.wayback.recorder.requests[start:]
    for slug in (SLUG, "ar-wadi"):  # both crawls asked the archive
        assert [p for _, p in requests if testweb.base_url(slug) in p], slug
    times = sorted(t for t, _ in requests)
    spacing = 60 / RATE
    assert len(times) >= 20
    spans = [times[i + 4] - times[i] for i in range(len(times) - 4)]
    assert min(spans) >= 0.8 * 4 * spacing, min(spans)
    assert (times[-1] - times[0]) / (len(times) - 1) >= 0.95 * spacing
