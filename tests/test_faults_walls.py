"""Walls and quiet outlets on the test web, through `akhbar run`, the gate, `akhbar summary` and `akhbar outlets
health`: each case detected, named and reported (issue 27).

Walls (testweb/walls.py, in front of every article page of a site, or of the whole site): a Cloudflare-like
interstitial answering 503, 403 and 200 (that one without its header: the page tells), an ArvanCloud-like
JavaScript challenge (200) and its cookie challenge (307 to itself), a geo-block page (451, and a 403 saying so in
Persian). Two nights, four walled outlets each. Every wall is logged ``blocked`` with its vendor and the URL's kind,
archived as it came, asked for once (no retry, no redirect loop), never a row nor a not_article; the gate fails
the outlet-day ``blocked by <vendor>``; the summary shows it. Once the wall is gone the pages are fetched again.

Quiet outlets: the daily outlet «خبر روز» (testweb/daily.py) gives eight articles a day for three Wednesdays, then
silently four (``volume_drop``), then moves to a template whose pages carry no body in the markup
(``extraction_drift``). A web archive back-fill (``--source auto``) takes walled articles from the archive.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from faultkit import FAULT_CRAWL, log_rows, report
from test_backfill_archives import DAY, SLUG, _cli_backfill, _rows, live, stack  # noqa: F401 (the archives' fixtures)

from akhbar.crawler.warc import iter_responses, warc_files
from akhbar.testweb import TestWeb, walls
from akhbar.warehouse.duck import summary
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.faults
AKHBAR = str(Path(sys.executable).parent / "akhbar")
NIGHTS = (date(2025, 1, 7), date(2025, 1, 5))
#: night -> outlet -> (wall vendor, status, header, scope)
WALLS = {
    NIGHTS[0]: {"fa-payam": ("cloudflare", 503, True, "articles"), "fa-sepehr": ("arvancloud", 200, True, "articles"),
                "ar-wadi": ("geo", 451, True, "articles"), "ar-mojaz": ("cloudflare", 200, False, "articles")},
    NIGHTS[1]: {"fa-payam": ("cloudflare", 403, True, "articles"),
                "fa-sepehr": ("arvancloud-cookie", 307, True, "articles"),
                "ar-wadi": ("cloudflare", 503, True, "site"), "ar-mojaz": ("geo", 403, True, "articles")},
}
#: the vendor each wall is named by
NAMED = {"cloudflare": "cloudflare", "arvancloud": "arvancloud", "arvancloud-cookie": "arvancloud", "geo": "geo-block"}


def akhbar(*args: str, data: Path, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "NO_COLOR": "1", "COLUMNS": "250", "AKHBAR_QUALITY_THRESHOLDS": "",
            "AKHBAR_CRAWL_SETTINGS": json.dumps(FAULT_CRAWL), **env}
    return subprocess.run([AKHBAR, *args, "--data-dir", str(data)], capture_output=True, text=True, env=full,
                          timeout=600)


@pytest.fixture(scope="module")
def web():
    with TestWeb(port=0, extra_sites=("fa-rooz",)) as web:
        yield web


@pytest.fixture(scope="module")
def outlets(web, tmp_path_factory) -> Path:
    return web.write_outlet_configs(tmp_path_factory.mktemp("outlets"))


@pytest.fixture(scope="module")
def walled(web, outlets, tmp_path_factory) -> tuple[Path, dict]:
    """Two nights of four walled outlets each; the test web's request log of each night's run."""
    data = tmp_path_factory.mktemp("walled")
    requests = {}
    for night, plan in WALLS.items():
        for slug, (vendor, status, header, scope) in plan.items():
            web.wall(slug, vendor, status, scope=scope, header=header)
        start = len(web.requests)
        run = akhbar("run", "--date", night.isoformat(), *[f"--outlet={s}" for s in plan],
                     "--outlets-dir", str(outlets), data=data)
        for slug in plan:
            web.unwall(slug)
        assert run.returncode == 0, run.stdout + run.stderr  # a wall is no outage: the gate says what it is
        requests[night] = web.requests[start:]
    return data, requests


def _articles_of_run(data: Path, night: date, slug: str) -> list[dict]:
    rows = log_rows(data, night, slug)
    newest = max(r["run_id"] for r in rows)
    return [r for r in rows if r["run_id"] == newest]


@pytest.mark.parametrize(("night", "slug"), [(n, s) for n, plan in WALLS.items() for s in plan])
def test_every_wall_is_logged_blocked_archived_as_it_came_and_fails_the_gate(web, walled, night, slug):
    data, requests = walled
    vendor, status, header, scope = WALLS[night][slug]
    name = NAMED[vendor]
    lines = _articles_of_run(data, night, slug)
    blocked = [r for r in lines if r["outcome"] == "blocked"]
    assert blocked and all(r["reason"].startswith(f"blocked by {name}: ") for r in blocked), blocked
    if scope == "site":  # robots.txt is walled: disallow all, every refusal naming the wall
        assert {r["kind"] for r in blocked} == {"robots"}
        others = [r for r in lines if r["outcome"] != "blocked"]
        assert others and all(r["outcome"] == "robots_denied" and f"blocked by {name}" in r["reason"]
                              for r in others), others
        asked = {urlsplit(r.path).path for r in requests[night] if r.slug == slug}
        assert asked == {"/robots.txt"}, asked  # one request, then nothing
    else:
        articles = [r for r in lines if r["kind"] == "article"]
        assert articles and all(r["outcome"] == "blocked" and r["status"] == status for r in articles), articles
        # asked once each: a challenge is not retried, a cookie challenge's redirect not followed round
        pattern = re.compile(web.site(slug).article_url_pattern)
        paths = [urlsplit(r.path).path for r in requests[night] if r.slug == slug and pattern.search(r.path)]
        assert paths and len(paths) == len(set(paths)), sorted(paths)
    # archived as it came: the wall's own status and bytes
    site = web.site(slug)
    archived = {r.url: r for f in warc_files(data, night.isoformat(), slug) for r in iter_responses(data, f)}
    for line in blocked:
        rec = archived[line["final_url"]]
        want = walls.wall_page(vendor, f"{site.host}:{web.port}", urlsplit(line["final_url"]).path, status, header)
        assert (rec.status, rec.body) == (want.status, want.body), line["url"]
    # never a row, never a not_article
    lake = Lake(str(data / "lake"))
    assert lake.read_partition("articles", night, slug).num_rows == 0
    logged = lake.read_partition("crawl_log", night, slug).to_pylist()
    walled_urls = {r["final_url"] for r in blocked}
    assert not [r for r in logged if r["final_url"] in walled_urls and r["outcome"] in ("ok", "not_article")]
    (run,) = lake.read_partition("runs", night, slug).to_pylist()
    assert run["status"] == "gate_failed" and f"blocked by {name}: " in run["error"], run["error"]
    gate = next(part for part in run["error"].split("; ") if "blocked by" in part)
    report(f"wall {vendor} {status}{'' if header else ' (no header)'}{' on the whole site' if scope == 'site' else ''}",
           f"{len(blocked)} walled URL(s) of {slug}, each asked once",
           f"blocked «{blocked[0]['reason']}»; gate_failed «{gate}»", 0)


def test_summary_names_the_walls(walled):
    data, _ = walled
    rel = summary(data)
    rows = {(r[0], r[1]): dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()}
    for night, plan in WALLS.items():
        for slug, (vendor, *_rest) in plan.items():
            row = rows[(night.isoformat(), slug)]
            assert row["gate"] == "gate_failed" and row["blocked"] > 0, row
            assert f"blocked by {NAMED[vendor]}: " in row["reason"], row
    table = akhbar("summary", data=data)  # the command's table: the same rows
    assert table.returncode == 0, table.stderr
    assert all(f"blocked by {v}" in table.stdout for v in ("cloudflare", "arvancloud", "geo-block"))


def test_once_the_wall_is_gone_the_walled_pages_are_fetched_again(web, outlets, walled):
    """A status-200 wall was archived: the next run must not take it for the page (before: archived_earlier, and the
    day kept no article)."""
    data, _ = walled
    night = NIGHTS[0]
    run = akhbar("run", "--date", night.isoformat(), "--outlet", "fa-sepehr", "--outlet", "ar-mojaz",
                 "--outlets-dir", str(outlets), data=data)
    assert run.returncode == 0, run.stdout + run.stderr
    lake = Lake(str(data / "lake"))
    for slug in ("fa-sepehr", "ar-mojaz"):
        lines = _articles_of_run(data, night, slug)
        assert not [r for r in lines if r["outcome"] == "archived_earlier" and r["kind"] == "article"]
        kept = lake.read_partition("articles", night, slug).num_rows
        assert kept > 0 and lake.read_partition("runs", night, slug).to_pylist()[-1]["status"] == "ok"
        report(f"wall gone ({slug}, walled the night before with status 200)", "the walled URLs again",
               "ok, none archived_earlier", kept)


# -- outlet health: a daily outlet that halves, then changes its template ----------------------------------------
HEALTH = [(date(2025, 1, 1), {}), (date(2025, 1, 8), {}), (date(2025, 1, 15), {}),
          (date(2025, 1, 22), {"per_day": 4}), (date(2025, 1, 29), {"per_day": 8, "template": "app-shell"})]


@pytest.fixture(scope="module")
def quiet(web, outlets, tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("health")
    daily = web.daily["fa-rooz"]
    for night, change in HEALTH:
        if change:
            daily.change(night, **change)
        run = akhbar("run", "--date", night.isoformat(), "--outlet", "fa-rooz", "--outlets-dir", str(outlets),
                     data=data)
        assert run.returncode == 0, run.stdout + run.stderr
    return data


def _verdict(data: Path, night: date) -> dict:
    return Lake(str(data / "lake")).read_partition("runs", night, "fa-rooz").to_pylist()[-1]


def test_an_outlet_that_silently_halves_fails_as_volume_drop(quiet):
    for night, _ in HEALTH[:3]:
        run = _verdict(quiet, night)
        assert run["status"] == "ok" and run["articles"] == 8, run  # young, then healthy: never failed on health
    halved = _verdict(quiet, HEALTH[3][0])
    checks = json.loads(halved["checks"])["checks"]
    assert halved["articles"] == 4 and [n for n, c in checks.items() if not c["ok"]] == ["volume_drop"]
    assert halved["error"].endswith("volume_drop: 4 articles against a baseline of 8 (median of 3 Wednesdays "
                                    "before; 50% below, limit 40%)")
    report("outlet halves silently (8 -> 4 articles on a Wednesday)", "3 Wednesdays of history, then the night",
           f"gate_failed ({halved['error'].split(': ', 1)[1]})", halved["articles"])


def test_a_template_that_empties_the_bodies_fails_as_extraction_drift(quiet):
    night = HEALTH[4][0]
    run = _verdict(quiet, night)
    failed = [n for n, c in json.loads(run["checks"])["checks"].items() if not c["ok"]]
    assert "extraction_drift.empty_body" in failed, failed
    assert "extraction_drift: empty bodies 100% of 8 pages against a baseline of 0%" in run["error"]
    lines = Lake(str(quiet / "lake")).read_partition("crawl_log", night, "fa-rooz").to_pylist()
    assert len([r for r in lines if r["outcome"] == "not_article" and r["reason"] == "no article text found"]) >= 8
    report("template change empties every body", "8 article pages of the night",
           f"gate_failed ({', '.join(failed)})", run["articles"])


def test_summary_and_outlets_health_show_the_nights_against_their_baseline(quiet, tmp_path):
    table = akhbar("summary", "--outlet", "fa-rooz", data=quiet)
    assert table.returncode == 0 and "volume_drop" in table.stdout and "extraction_drift" in table.stdout
    health = akhbar("outlets", "health", "--outlet", "fa-rooz", "--from", "2025-01-01", "--plot",
                    str(tmp_path / "health.png"), data=quiet)
    assert health.returncode == 0, health.stderr
    rows = {ln.split("│")[2].strip(): ln for ln in health.stdout.splitlines() if "│ fa-rooz" in ln}
    assert set(rows) == {n.isoformat() for n, _ in HEALTH}, health.stdout
    assert "8 (3 Wed)" in rows["2025-01-22"] and "-50%" in rows["2025-01-22"] and "volume_drop" in rows["2025-01-22"]
    assert "100% (0%)" in rows["2025-01-29"] and "extraction_drift.empty_body" in rows["2025-01-29"]
    assert (tmp_path / "health.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# -- --source auto takes walled articles from the web archives ---------------------------------------------------
def test_auto_backfill_takes_walled_articles_from_the_archives(testweb, testweb_outlets, fast_crawl, live, stack,  # noqa: F811
                                                               tmp_path, monkeypatch):
    """Two articles of the day behind walls on the live site (ArvanCloud's 200 challenge, Cloudflare's 503): the
    live run logs them blocked and archives the walls; the archive runs fetch them (a wall is not «archived»), and
    the capture, not the live wall, is extracted (before: the live 200 wall won and the article was lost)."""
    want = _rows(live)
    arvan, cloudflare = sorted(want)[:2]
    testweb.set_fault(SLUG, urlsplit(arvan).path, "wall", vendor="arvancloud")
    testweb.set_fault(SLUG, urlsplit(cloudflare).path, "wall", vendor="cloudflare")
    try:
        result = _cli_backfill(testweb_outlets, fast_crawl, stack, tmp_path, "auto", monkeypatch)
    finally:
        testweb.clear_faults()
    assert result.exit_code == 0, result.output
    lake = Lake(str(tmp_path / "lake"))
    table = lake.read("articles", [DAY]).to_pylist()
    assert _rows(tmp_path) == want
    sources = {r["url"]: r["capture_source"] for r in table}
    assert sources == {u: "wayback" if u in (arvan, cloudflare) else "live" for u in want}, sources
    live_lines = [r for r in lake.read_partition("crawl_log", DAY, SLUG).to_pylist()
                  if r["capture_source"] == "live" and r["outcome"] == "blocked"]
    assert {r["url"] for r in live_lines} == {arvan, cloudflare}
    assert lake.read_partition("runs", DAY, SLUG).to_pylist()[-1]["status"] == "ok"
    report("walled articles, --source auto", "2 article URLs walled live (ArvanCloud 200, Cloudflare 503)",
           "blocked live, then taken from wayback", len(table))

