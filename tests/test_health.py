"""The gate's new checks over real (temporary) lakes: walls (``blocked_rate``, named by vendor), and outlet health
against a baseline read from the runs table (``volume_drop``, ``extraction_drift.*``); ``akhbar summary`` and
``akhbar outlets health`` showing them. The crawls behind them are tests/test_faults_walls.py's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from akhbar import quality
from akhbar.quality import Night, Thresholds, baseline
from akhbar.transforms.identity import article_id
from akhbar.warehouse.duck import summary
from akhbar.warehouse.lake import Lake

DAY = date(2025, 1, 22)  # a Wednesday
SITE = "http://127.0.0.15"
TEXT = "سازمان هواشناسی از بارش برف و باران در استان‌های شمالی کشور خبر داد. " * 5
AKHBAR = str(Path(sys.executable).parent / "akhbar")


@pytest.fixture
def lake(tmp_path) -> Lake:
    return Lake(str(tmp_path / "lake"))


def _row(n: int, day: date = DAY, text: str | None = TEXT, title: str | None = "بارش برف در شمال",
         dated: bool = True) -> dict:
    url = f"{SITE}/news/{day:%Y%m%d}{n:02d}"
    return {"article_id": article_id(url), "url": url, "canonical_url": url, "title": title, "text": text,
            "published_at": datetime(day.year, day.month, day.day, 8, n, tzinfo=UTC) if dated else None,
            "date_estimated": False, "language": "fa", "language_mismatch": False, "text_chars": len(text or ""),
            "fetched_at": datetime(day.year, day.month, day.day, 23, n, tzinfo=UTC)}


def _line(url: str, kind: str = "article", outcome: str = "ok", status: int | None = 200, reason: str | None = None,
          run_id: str = "20250123T020000000000Z") -> dict:
    return {"url": url, "kind": kind, "status": status, "outcome": outcome, "final_url": url, "reason": reason,
            "fetched_at": datetime(2025, 1, 23, 2, tzinfo=UTC), "run_id": run_id}


def _publish(lake: Lake, rows: list[dict], extra: list[dict] = (), day: date = DAY, outlet: str = "fa-rooz") -> None:
    log = [_line(f"{SITE}/robots.txt", "robots"), _line(f"{SITE}/archive/{day}", "archive")]
    log += [_line(r["url"]) for r in rows] + list(extra)
    lake.replace_partition("articles", day, outlet, rows)
    lake.replace_partition("crawl_log", day, outlet, log)


CF = "blocked by cloudflare: challenge (header cf-mitigated: challenge), HTTP 503"
ARVAN = "blocked by arvancloud: challenge (challenge script setting __arcsjs), HTTP 200"


# -- walls --------------------------------------------------------------------------------------------------------
def test_an_outlet_day_of_mostly_walled_articles_fails_naming_the_vendor(lake):
    """Before: the walls were http_error or not_article lines, and two articles passed the gate (min_articles 1)."""
    walled = [_line(f"{SITE}/news/99{i}", outcome="blocked", status=503, reason=CF) for i in range(5)]
    walled.append(_line(f"{SITE}/news/990", outcome="blocked", status=200, reason=ARVAN))  # one URL, two lines
    walled.append(_line(f"{SITE}/news/999", outcome="blocked", status=200, reason=ARVAN))
    _publish(lake, [_row(1), _row(2)], walled)
    verdict = quality.gate_outlet_day(lake, DAY, "fa-rooz", Thresholds())
    assert (verdict.metrics.blocked, verdict.metrics.blocked_of) == (6, 8)
    assert [c.name for c in verdict.failed_checks] == ["blocked_rate"]
    assert verdict.describe() == ("fa-rooz 2025-01-22: blocked by cloudflare, arvancloud: 6 of 8 article fetches "
                                  "(75%, limit 50%)")
    row = verdict.run_row("run-1", None)
    assert json.loads(row["checks"])["blocked_by"] == {"cloudflare": 5, "arvancloud": 1}
    # fewer walls than pages passes; the limit is an outlet's to move
    lake.replace_partition("crawl_log", DAY, "fa-rooz", lake.read_partition("crawl_log", DAY, "fa-rooz")
                           .to_pylist()[:-5])
    assert quality.gate_outlet_day(lake, DAY, "fa-rooz", Thresholds()).ok
    assert not quality.gate_outlet_day(lake, DAY, "fa-rooz", Thresholds(max_blocked_rate=0.2)).ok


def test_a_wall_in_front_of_robots_txt_counts_every_fetch(lake):
    reason = "robots.txt unreachable (" + CF + "): disallow all per RFC 9309"
    log = [_line(f"{SITE}/robots.txt", "robots", "blocked", 503, CF),
           *(_line(f"{SITE}/archive/{DAY}", k, "robots_denied", None, reason) for k in ("robots", "archive"))]
    lake.replace_partition("articles", DAY, "fa-rooz", [])
    lake.replace_partition("crawl_log", DAY, "fa-rooz", log)
    verdict = quality.gate_outlet_day(lake, DAY, "fa-rooz", Thresholds())
    assert "blocked by cloudflare: 1 of 1 fetches (no article fetched) (100%, limit 50%)" in verdict.describe()
    # and no outage: the outlet answered, with a wall (the run publishes, the gate names it)
    assert quality.outage({"blocked": 1, "robots_denied": 6}, Thresholds()) is None
    assert quality.outage({"robots_denied": 6}, Thresholds()).startswith("outage: no successful fetch")


def test_a_status_200_wall_the_crawl_took_for_the_page_is_accounted_for_and_counted(lake):
    """An older crawl logged the wall ok; the extract stage logs it blocked: no unaccounted fetch, one wall."""
    url = f"{SITE}/news/9901"
    extract = {**_line(url, outcome="blocked", reason=ARVAN), "run_id": "extract"}
    _publish(lake, [_row(1)], [_line(url), extract])
    m = quality.gate_outlet_day(lake, DAY, "fa-rooz", Thresholds()).metrics
    assert (m.unaccounted_fetches, m.blocked, m.blocked_of, m.articles) == (0, 1, 2, 1)


# -- the baseline ---------------------------------------------------------------------------------------------------
def _night(day: date, articles: int = 8, empty: float = 0.0, title: float = 0.0, undated: float = 0.0,
           walled: bool = False, status: str = "ok", pages: int | None = None) -> Night:
    return Night(day, articles, {"empty_body": empty, "missing_title": title, "missing_date": undated},
                 articles if pages is None else pages, walled, status)


def _weeks(*counts: int, day: date = DAY) -> list[Night]:
    """Nights of the same weekday before ``day``, the oldest first."""
    return [_night(day - timedelta(weeks=len(counts) - i), n) for i, n in enumerate(counts)]


def test_the_volume_baseline_is_the_median_of_the_same_weekday():
    t = Thresholds()
    past = [*_weeks(300, 280, 320, 900), _night(DAY - timedelta(days=1), 5)]  # a Tuesday does not count
    base = baseline(past, DAY, t)
    assert (base.articles, base.volume_nights) == (310, 4)
    m = quality.measure([_row(i) for i in range(40)], [], None, DAY)  # «40 from an outlet that gives 300»
    drop = next(c for c in quality.evaluate(m, t, base) if c.name == "volume_drop")
    assert not drop.ok and drop.detail == ("volume_drop: 40 articles against a baseline of 310 (median of 4 "
                                          "Wednesdays before; 87% below, limit 40%)")
    m = quality.measure([_row(i) for i in range(60)], [], None, DAY)
    assert next(c for c in quality.evaluate(m, Thresholds(), baseline(_weeks(100, 100, 100), DAY, t))
                if c.name == "volume_drop").ok  # 40% below: the limit itself passes


def test_a_young_outlet_never_fails_on_volume_or_drift():
    t = Thresholds()
    base = baseline(_weeks(300, 300), DAY, t)  # two Wednesdays: fewer than baseline_min_nights
    assert base.articles is None and base.rates == {}
    m = quality.measure([], [], None, DAY)
    health = [c for c in quality.evaluate(m, t, base) if c.name == "volume_drop" or "drift" in c.name]
    assert len(health) == 4 and all(c.ok and c.value is None for c in health)
    assert all(c.ok for c in quality.health_checks(m, t, None))


def test_walled_failed_and_old_nights_are_not_the_outlet_s_volume():
    t = Thresholds()
    past = _weeks(8, 8, 8)
    past.append(_night(DAY - timedelta(weeks=5), 100))  # older than baseline_weeks
    past += [_night(DAY - timedelta(weeks=w), 0, walled=True) for w in (1, 2)]  # a wall's nights, same weekday
    past.append(_night(DAY - timedelta(weeks=3), 0, status="failed"))
    assert baseline(sorted(past, key=lambda n: n.day), DAY, t).articles == 8


def test_extraction_drift_is_a_jump_over_the_usual_rates():
    t = Thresholds()
    past = [_night(DAY - timedelta(days=d), 8, empty=0.1, title=0.0, undated=0.5) for d in range(1, 8)]
    base = baseline(past, DAY, t)
    assert base.rates == {"empty_body": 0.1, "missing_title": 0.0, "missing_date": 0.5} and base.rate_nights == 7
    # a redesign: five of eight bodies gone, the titles all missing; the dates as usual (half of them the listing's)
    rows = [_row(i, text="" if i < 5 else TEXT, title=None, dated=i % 2 == 0) for i in range(8)]
    checks = {c.name: c for c in quality.evaluate(quality.measure(rows, [], None, DAY), t, base)}
    assert not checks["extraction_drift.empty_body"].ok and not checks["extraction_drift.missing_title"].ok
    assert checks["extraction_drift.missing_date"].ok
    assert checks["extraction_drift.empty_body"].detail == (
        "extraction_drift: empty bodies 62% of 8 pages against a baseline of 10% (7 nights; +52%, limit +25%)")
    # pages rejected for having no body are the night's pages too (a redesign turns rows into those)
    gone = [{**_line(f"{SITE}/news/77{i}", outcome="not_article", reason="no article text found"),
             "run_id": "extract", "listed_at": datetime(2025, 1, 22, 5, tzinfo=UTC)} for i in range(6)]
    other_day = {**gone[0], "url": f"{SITE}/news/7799", "final_url": f"{SITE}/news/7799",
                 "listed_at": datetime(2025, 1, 23, 5, tzinfo=UTC)}  # listed on the next day: that night's page
    m = quality.measure([_row(i) for i in range(2)], [*gone, other_day], None, DAY)
    assert (m.drift_pages, round(m.empty_body_rate, 2)) == (8, 0.75)
    # three pages are too few to compare
    few = quality.measure([_row(0, text="")], gone[:2], None, DAY)
    assert all(c.ok for c in quality.health_checks(few, t, base))


def test_the_gate_reads_the_baseline_from_the_runs_table(lake, tmp_path):
    """Three Wednesdays of eight articles judged and recorded, then a night of four: volume_drop, named."""
    for weeks in (3, 2, 1):
        night = DAY - timedelta(weeks=weeks)
        _publish(lake, [_row(i, night) for i in range(8)], day=night)
        verdict = quality.gate_outlet_day(lake, night, "fa-rooz", Thresholds())
        assert verdict.ok, verdict.describe()
        quality.record_run(lake, night, "fa-rooz", verdict.run_row(f"run-{weeks}", None))
    _publish(lake, [_row(i) for i in range(4)])
    verdict = quality.gate_outlet_day(lake, DAY, "fa-rooz", Thresholds())
    assert [c.name for c in verdict.failed_checks] == ["volume_drop"]
    assert "volume_drop: 4 articles against a baseline of 8 (median of 3 Wednesdays before; 50% below" in \
        verdict.describe()
    # AKHBAR_QUALITY_THRESHOLDS moves it for one outlet
    overrides = quality.load_overrides('{"fa-rooz": {"max_volume_drop": 0.6, "baseline_min_nights": 3}}')
    assert quality.gate_outlet_day(lake, DAY, "fa-rooz", quality.thresholds_for("fa-rooz", overrides)).ok
    with pytest.raises(ValueError, match="unknown threshold"):
        quality.load_overrides('{"*": {"max_volume_dorp": 0.6}}')
    # recorded: the next nights' baselines read the health rates back
    quality.record_run(lake, DAY, "fa-rooz", verdict.run_row("run-0", None))
    (night,) = quality.history(lake, "fa-rooz", DAY + timedelta(days=1), 1)
    assert (night.articles, night.drift_pages, night.rates["empty_body"], night.status) == (4, 4, 0.0, "gate_failed")
    # an older runs row (no health in its checks) still gives its title rate; its pages are its articles
    old = Night.from_row({"day": DAY, "articles": 7, "null_title_rate": 0.25, "status": "ok", "checks": "{}"})
    assert (old.rates, old.drift_pages) == ({"missing_title": 0.25}, 7)


# -- akhbar summary and akhbar outlets health -----------------------------------------------------------------------
def _history(lake: Lake) -> None:
    """Four judged Wednesdays of fa-rooz (8, 8, 8, then 4: a volume drop) and a walled night of ar-wadi."""
    for weeks, n in ((3, 8), (2, 8), (1, 8), (0, 4)):
        night = DAY - timedelta(weeks=weeks)
        _publish(lake, [_row(i, night) for i in range(n)], day=night)
        quality.record_run(lake, night, "fa-rooz", quality.gate_outlet_day(lake, night, "fa-rooz").run_row(
            f"run-{weeks}", None))
    walled = [_line(f"{SITE}/news/99{i}", outcome="blocked", status=503, reason=CF) for i in range(4)]
    _publish(lake, [], walled, outlet="ar-wadi")
    quality.record_run(lake, DAY, "ar-wadi", quality.gate_outlet_day(lake, DAY, "ar-wadi").run_row("run-0", None))


def test_summary_shows_walls_and_why_the_gate_failed(lake, tmp_path):
    _history(lake)
    rel = summary(tmp_path, first=DAY, last=DAY)
    got = {r[1]: dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()}
    assert got["ar-wadi"]["blocked"] == 4 and got["ar-wadi"]["gate"] == "gate_failed"
    assert got["ar-wadi"]["reason"] == ("min_articles=0 (limit 1); blocked by cloudflare: 4 of 4 article fetches "
                                        "(100%, limit 50%)")
    assert got["fa-rooz"]["reason"].startswith("volume_drop: 4 articles against a baseline of 8")
    assert got["fa-rooz"]["blocked"] == 0 and got["fa-rooz"]["not_kept"] == 0


def _akhbar(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "220", "AKHBAR_QUALITY_THRESHOLDS": ""}
    return subprocess.run([AKHBAR, *args], capture_output=True, text=True, env=env, timeout=120)


def test_outlets_health_shows_each_night_against_its_baseline_and_draws_it(lake, tmp_path):
    _history(lake)
    out = _akhbar("outlets", "health", "--data-dir", str(tmp_path), "--plot", str(tmp_path / "health.png"))
    assert out.returncode == 0, out.stderr
    lines = [ln for ln in out.stdout.splitlines() if "fa-rooz" in ln or "ar-wadi" in ln]
    assert len(lines) == 5, out.stdout
    last = next(ln for ln in lines if "2025-01-22" in ln and "fa-rooz" in ln)
    assert "8 (3 Wed)" in last and "-50%" in last and "volume_drop" in last, last
    assert "none yet (0 Wed)" in lines[0]
    assert "blocked" in next(ln for ln in lines if "ar-wadi" in ln)
    assert (tmp_path / "health.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    only = _akhbar("outlets", "health", "--data-dir", str(tmp_path), "--outlet", "ar-wadi")
    assert "fa-rooz" not in only.stdout and "ar-wadi" in only.stdout
    week = _akhbar("outlets", "health", "--data-dir", str(tmp_path), "--from", "2025-01-15", "--to", "2025-01-21")
    assert week.stdout.count("fa-rooz") == 1, week.stdout


def test_outlets_health_refuses_bad_input_in_one_line(tmp_path):
    for args, said in ((("--from", "2025-01-22", "--to", "2025-01-01"), "--from 2025-01-22 is after --to"),
                       (("--from", "2025-13-01"), "malformed date"),
                       (("--plot", str(tmp_path / "lake" / "x.png")), "")):
        out = _akhbar("outlets", "health", "--data-dir", str(tmp_path), *args)
        assert out.returncode == 2 and out.stderr.startswith("error:") and said in out.stderr, out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
    empty = _akhbar("outlets", "health", "--data-dir", str(tmp_path))
    assert empty.returncode == 0 and "no judged nights" in empty.stdout


def test_a_health_chart_draws_bars_and_the_baseline():
    from akhbar import charts

    nights = quality.nights([{"day": DAY - timedelta(weeks=w), "articles": n, "status": "ok" if n == 8 else
                              "gate_failed", "checks": json.dumps({"checks": {"volume_drop": {"ok": n == 8}}})}
                             for w, n in ((3, 8), (2, 8), (1, 8), (0, 4))])
    report = [quality.HealthNight("fa-rooz", n, baseline(nights, n.day, Thresholds()),
                                  () if n.articles == 8 else ("volume_drop",)) for n in nights]
    fig = charts.health_chart(report)
    (ax,) = fig.axes
    assert [p.get_height() for p in ax.patches] == [8, 8, 8, 4]
    line = next(ln for ln in ax.get_lines() if ln.get_label().startswith("baseline"))
    assert list(line.get_ydata())[-1] == 8
    assert [t.get_text() for t in ax.texts] == ["volume_drop"]
