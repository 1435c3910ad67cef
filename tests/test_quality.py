"""The quality gate over real Persian and Arabic rows written to a real (temporary) lake."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from akhbar import quality
from akhbar.settings import Settings
from akhbar.transforms.identity import article_id
from akhbar.warehouse.duck import query
from akhbar.warehouse.lake import Lake

DAY = date(2025, 1, 6)
ZWNJ = "\u200c"
FA = [
    ("بارش برف و باران در استان‌های شمالی کشور",
     "سازمان هواشناسی از بارش برف و باران در استان‌های شمالی کشور خبر داد.\nرانندگان باید زنجیر چرخ همراه داشته باشند."),
    ("مدارس تهران فردا تعطیل نمی‌شوند",
     "وزیر آموزش و پرورش گفت مدارس تهران فردا تعطیل نمی‌شوند.\nکلاس‌ها طبق برنامه برگزار می‌شود."),
    ("افزایش قیمت طلا در بازار تهران",
     "قیمت سکه و طلا در بازار امروز افزایش یافت.\nفعالان بازار می‌گویند تقاضا بیشتر شده است."),
    ("گشایش نمایشگاه کتاب در اصفهان",
     "نمایشگاه استانی کتاب با حضور ناشران از سراسر کشور در اصفهان گشایش یافت."),
]
AR = [
    ("افتتاح مستشفى جديد في الجيزة",
     "أعلنت وزارة الصحة عن افتتاح مستشفى جديد في محافظة الجيزة.\nويضم المستشفى مئتي سرير."),
    ("ارتفاع أسعار الذهب",
     "ارتفعت أسعار الذهب في السوق المحلية خلال تعاملات اليوم.\nوسجل عيار ٢١ أعلى سعر له."),
]


def _article(outlet: str, n: int, title: str | None, text: str | None, language: str, mismatch: bool = False,
             published: bool = True) -> dict:
    url = f"http://127.0.0.11/{outlet}/news/{n}"
    return {"article_id": article_id(url), "url": url, "canonical_url": url, "title": title, "text": text,
            "published_at": datetime(2025, 1, 6, 8, n, tzinfo=UTC) if published else None,
            "language": language, "language_mismatch": mismatch, "text_chars": len(text or ""),
            "fetched_at": datetime(2025, 1, 7, 2, n, tzinfo=UTC)}


def _fetch(url: str, kind: str = "article", outcome: str = "ok", status: int | None = 200) -> dict:
    return {"url": url, "kind": kind, "status": status, "outcome": outcome, "final_url": url,
            "fetched_at": datetime(2025, 1, 7, 2, 0, tzinfo=UTC), "run_id": "r1"}


def _publish(lake: Lake, outlet: str, articles: list[dict], extra_log: list[dict] = (),
             duplicates: list[dict] | None = None) -> None:
    site = f"http://127.0.0.11/{outlet}"
    log = [_fetch(f"{site}/robots.txt", "robots"), _fetch(f"{site}/rss", "feed")]
    log += [_fetch(a["url"]) for a in articles] + list(extra_log)
    lake.replace_partition("articles", DAY, outlet, articles)
    lake.replace_partition("crawl_log", DAY, outlet, log)
    if duplicates is not None:
        lake.replace_partition("duplicates", DAY, outlet, duplicates)


@pytest.fixture
def lake(tmp_path) -> Lake:
    return Lake(str(tmp_path / "lake"))


def _fa_rows(outlet: str = "fa-payam") -> list[dict]:
    return [_article(outlet, i, t, x, "fa") for i, (t, x) in enumerate(FA)]


def test_a_clean_persian_day_passes_and_keeps_its_text(lake):
    _publish(lake, "fa-payam", _fa_rows())
    result = quality.gate_outlet_day(lake, DAY, "fa-payam", quality.Thresholds())
    assert result.ok, result.describe()
    m = result.metrics
    assert (m.articles, m.fetched, m.failed_fetches, m.article_pages) == (4, 6, 0, 4)
    assert m.duplicate_rate is None  # dedup has not run: measured as unknown, not as zero
    stored = lake.read_partition("articles", DAY, "fa-payam").to_pylist()
    assert any(ZWNJ in r["text"] for r in stored) and all("\ufffd" not in r["text"] for r in stored)


def test_missing_titles_and_published_times_fail_their_checks(lake):
    rows = _fa_rows()
    rows[0]["title"] = None
    rows[1]["title"] = "   "
    rows[2]["published_at"] = None
    _publish(lake, "fa-payam", rows)
    result = quality.gate_outlet_day(lake, DAY, "fa-payam", quality.Thresholds())
    assert result.metrics.null_title_rate == 0.5
    assert result.metrics.null_published_rate == 0.25
    assert {c.name for c in result.failed_checks} == {"null_title_rate", "null_published_rate"}
    assert "null_title_rate=0.5" in result.describe()


def test_arabic_text_in_a_persian_outlet_is_a_language_mismatch(lake):
    rows = _fa_rows() + [_article("fa-payam", 10 + i, t, x, "ar", mismatch=True) for i, (t, x) in enumerate(AR)]
    _publish(lake, "fa-payam", rows)
    result = quality.gate_outlet_day(lake, DAY, "fa-payam", quality.Thresholds())
    assert result.metrics.language_mismatch_rate == pytest.approx(2 / 6)
    assert [c.name for c in result.failed_checks] == ["language_mismatch_rate"]


def test_rows_are_checked_against_the_crawl_log(lake):
    rows = [_article("ar-wadi", i, t, x, "ar") for i, (t, x) in enumerate(AR)]
    # eight more article pages fetched fine, two rejected as published on another day: 2 of 8 kept
    pages = [_fetch(f"http://127.0.0.13/ar-wadi/news/{n}") for n in range(20, 28)]
    off_day = [{**_fetch(f"http://127.0.0.13/ar-wadi/news/{n}", outcome="other_day"), "run_id": "extract",
                "reason": "belongs to 2025-01-07: published 2025-01-07T09:00:00+00:00 (meta)"} for n in (20, 21)]
    errors = [_fetch(f"http://127.0.0.13/ar-wadi/news/{n}", outcome="http_error", status=503) for n in (30, 31)]
    _publish(lake, "ar-wadi", rows, pages + off_day + errors)
    result = quality.gate_outlet_day(lake, DAY, "ar-wadi", quality.Thresholds())
    assert result.metrics.article_pages == 8
    assert result.metrics.article_yield == pytest.approx(2 / 8)
    assert result.metrics.failed_fetches == 2
    assert result.metrics.unaccounted_fetches == 6  # 22..27: fetched, in no row, no line saying why
    assert {"article_yield", "unaccounted_fetches"} <= {c.name for c in result.failed_checks}

    # a row whose page is nowhere in the crawl log cannot have come from this crawl
    ghost = _article("ar-wadi", 40, *AR[0], "ar")
    ghost["url"] = "http://127.0.0.13/ar-wadi/never-fetched"
    lake.replace_partition("articles", DAY, "ar-wadi", [*rows, ghost])
    result = quality.gate_outlet_day(lake, DAY, "ar-wadi",
                                     quality.Thresholds(min_article_yield=0, max_unaccounted_fetches=6))
    assert result.metrics.rows_without_fetch == 1
    assert [c.name for c in result.failed_checks] == ["rows_without_fetch"]


def test_duplicate_rate_comes_from_the_duplicates_table(lake):
    rows = _fa_rows()
    ids = [r["article_id"] for r in rows]
    dups = [{"article_id": ids[0], "cluster_id": "c1", "canonical_id": ids[0], "method": "self", "similarity": 1.0},
            {"article_id": ids[1], "cluster_id": "c1", "canonical_id": ids[0], "method": "near", "similarity": 0.9},
            {"article_id": ids[2], "cluster_id": "c1", "canonical_id": ids[0], "method": "exact", "similarity": 1.0}]
    _publish(lake, "fa-payam", rows, duplicates=dups)
    result = quality.gate_outlet_day(lake, DAY, "fa-payam", quality.Thresholds())
    assert result.metrics.duplicate_rate == 0.5 and result.ok
    strict = quality.gate_outlet_day(lake, DAY, "fa-payam", quality.Thresholds(max_duplicate_rate=0.25))
    assert [c.name for c in strict.failed_checks] == ["duplicate_rate"]


def test_an_empty_day_fails_min_articles(lake):
    _publish(lake, "ar-mojaz", [])
    result = quality.gate_outlet_day(lake, DAY, "ar-mojaz", quality.Thresholds())
    assert [c.name for c in result.failed_checks] == ["min_articles"]


def test_thresholds_default_then_star_then_outlet(tmp_path, monkeypatch):
    overrides = {"*": {"max_null_title_rate": 0.2, "min_articles": 3}, "fa-payam": {"min_articles": 0}}
    assert quality.thresholds_for("ar-wadi", {}) == quality.Thresholds()
    assert quality.thresholds_for("ar-wadi", overrides) == quality.Thresholds(max_null_title_rate=0.2, min_articles=3)
    assert quality.thresholds_for("fa-payam", overrides) == quality.Thresholds(max_null_title_rate=0.2, min_articles=0)
    path = tmp_path / "thresholds.json"
    path.write_text(json.dumps(overrides))
    monkeypatch.setenv(quality.THRESHOLDS_ENV, str(path))  # the settings carry the file's path to the gate
    from_file = quality.load_overrides(Settings.from_env().quality_thresholds)
    assert quality.thresholds_for("fa-payam", from_file).min_articles == 0
    monkeypatch.setenv(quality.THRESHOLDS_ENV, '{"ar-wadi": {"max_nul_title": 1}}')
    with pytest.raises(ValueError, match="max_nul_title"):
        quality.load_overrides(Settings.from_env().quality_thresholds)


def test_verdicts_land_in_the_runs_table_and_read_in_sql(lake, tmp_path):
    rows = _fa_rows()
    rows[0]["title"] = None
    _publish(lake, "fa-payam", rows)
    first = quality.gate_outlet_day(lake, DAY, "fa-payam", quality.Thresholds())
    quality.record_run(lake, DAY, "fa-payam", first.run_row("run-1", datetime(2025, 1, 7, 2, tzinfo=UTC)))
    quality.record_run(lake, DAY, "fa-payam", quality.failed_run_row("run-2", "crawl process failed"))
    lenient = quality.gate_outlet_day(lake, DAY, "fa-payam", quality.Thresholds(max_null_title_rate=0.5))
    quality.record_run(lake, DAY, "fa-payam", lenient.run_row("run-2", None))  # replaces run-2's failure

    got = query(tmp_path, "select run_id, status, articles, null_title_rate, error, checks from runs "
                          "where day = date '2025-01-06' and outlet = 'fa-payam' order by finished_at").fetchall()
    assert [(r[0], r[1], r[2], r[3]) for r in got] == [("run-1", "gate_failed", 4, 0.25), ("run-2", "ok", 4, 0.25)]
    assert "null_title_rate" in got[0][4] and got[1][4] is None
    checks = json.loads(got[0][5])["checks"]
    assert checks["null_title_rate"] == {"value": 0.25, "threshold": 0.05, "ok": False}
    assert quality.latest_run(lake, DAY, "fa-payam")["run_id"] == "run-2"


def test_raise_if_failed_names_every_problem(lake):
    _publish(lake, "fa-payam", _fa_rows())
    _publish(lake, "ar-mojaz", [])
    results = [quality.gate_outlet_day(lake, DAY, s, quality.Thresholds()) for s in ("fa-payam", "ar-mojaz")]
    quality.raise_if_failed(results[:1], {})
    with pytest.raises(quality.QualityGateFailed) as exc:
        quality.raise_if_failed(results, {"ar-wadi": "ConnectionRefusedError"})
    assert "ar-mojaz 2025-01-06: min_articles=0" in str(exc.value)
    assert "ar-wadi: not archived (ConnectionRefusedError)" in str(exc.value)
    assert "fa-payam" not in str(exc.value)


def test_every_fetched_article_page_must_be_accounted_for(lake):
    rows = [_article("ar-wadi", i, t, x, "ar") for i, (t, x) in enumerate(AR)]
    site = "http://127.0.0.13/ar-wadi/news"
    pages = [_fetch(f"{site}/{n}") for n in (50, 51, 52, 53)]
    why = {50: ("not_article", "index page: 64 links around 120 characters of text"),
           51: ("extract_failed", "unparsable HTML"),
           52: ("other_day", "belongs to 2025-01-07: published 2025-01-07T09:00:00+00:00 (jsonld)")}
    lines = [{**_fetch(f"{site}/{n}", outcome=o), "reason": r, "run_id": "extract"} for n, (o, r) in why.items()]
    _publish(lake, "ar-wadi", rows, pages + lines)
    result = quality.gate_outlet_day(lake, DAY, "ar-wadi", quality.Thresholds(min_article_yield=0))
    assert result.metrics.unaccounted_fetches == 1  # page 53: fetched, kept nowhere, no reason given
    assert [c.name for c in result.failed_checks] == ["unaccounted_fetches"]
    assert quality.unaccounted_fetches(rows, lake.read_partition("crawl_log", DAY, "ar-wadi").to_pylist()) == {
        f"{site}/53"}

    # a reasonless line accounts for nothing; a 404 page is no fetched article
    lines.append({**_fetch(f"{site}/53", outcome="not_article"), "reason": None, "run_id": "extract"})
    _publish(lake, "ar-wadi", rows, pages + lines + [_fetch(f"{site}/60", outcome="http_error", status=404)])
    assert quality.gate_outlet_day(lake, DAY, "ar-wadi").metrics.unaccounted_fetches == 1
    lines[-1]["reason"] = "no body text"
    _publish(lake, "ar-wadi", rows, pages + lines)
    assert quality.gate_outlet_day(lake, DAY, "ar-wadi", quality.Thresholds(min_article_yield=0)).ok


def test_a_row_handed_over_from_a_neighbour_day_is_not_a_row_without_fetch(lake):
    rows = [_article("fa-payam", i, t, x, "fa") for i, (t, x) in enumerate(FA)]
    # archived by the crawl of the day before, whose crawl log has the fetch and the other_day line
    borrowed = {**_article("fa-payam", 9, *FA[0], "fa"), "warc_file": "warc/day=2025-01-05/outlet=fa-payam/a.warc.gz"}
    own = {**_article("fa-payam", 8, *FA[1], "fa"), "warc_file": f"warc/day={DAY}/outlet=fa-payam/b.warc.gz"}
    _publish(lake, "fa-payam", rows)
    lake.replace_partition("articles", DAY, "fa-payam", [*rows, borrowed, own])
    m = quality.gate_outlet_day(lake, DAY, "fa-payam").metrics
    assert m.rows_without_fetch == 1  # only the row of this day's own WARC that its crawl never logged


# -- an outage is a failure, not a thin day ---------------------------------------------------
def test_no_successful_fetch_is_an_outage():
    why = quality.outage({"network_error": 9, "skipped": 1}, quality.Thresholds())
    assert why is not None and why.startswith("outage: no successful fetch") and "network_error 9" in why
    assert quality.outage({}, quality.Thresholds()) == "outage: no successful fetch (nothing fetched)"


def test_a_failure_rate_above_the_gate_limit_is_an_outage():
    t = quality.Thresholds()
    # 2 failed of 12 (17%) is under the default 25%; 4 of 10 (40%) is over it
    assert quality.outage({"ok": 10, "http_error": 2}, t) is None
    why = quality.outage({"ok": 6, "timeout": 3, "http_error": 1}, t)
    assert why is not None and "4 of 10 fetches failed" in why and "http_error 1, timeout 3" in why
    # the limit is the gate's own, so an outlet's override moves it
    assert quality.outage({"ok": 6, "timeout": 4}, quality.Thresholds(max_fetch_failure_rate=0.5)) is None


def test_judge_day_records_verdicts_and_failures_once(lake):
    _publish(lake, "fa-payam", _fa_rows())
    started = datetime(2025, 1, 7, 2, tzinfo=UTC)
    verdicts, failed = quality.judge_day(
        lake, DAY, "run-1", {"fa-payam": {"started_at": started.isoformat(), "crawl_run_id": "c1", "try_number": 1,
                                          "crawl": {"ok": 4}, "rejected": {}}},
        {"ar-wadi": "outage: no successful fetch (network_error 7)", "ar-mojaz": None})
    assert [v.outlet for v in verdicts] == ["fa-payam"] and verdicts[0].ok
    ok_row = quality.latest_run(lake, DAY, "fa-payam")
    assert ok_row["status"] == "ok" and ok_row["started_at"] == started
    assert json.loads(ok_row["checks"])["crawl_run_id"] == "c1"
    assert failed == {"ar-wadi": "outage: no successful fetch (network_error 7)",
                      "ar-mojaz": "task failed before publishing"}
    # a failure the task recorded itself under this run is kept as it is, not overwritten
    quality.record_run(lake, DAY, "ar-wadi", quality.failed_run_row("run-2", "try 3: outage: x"))
    _, failed = quality.judge_day(lake, DAY, "run-2", {}, {"ar-wadi": None})
    assert failed == {"ar-wadi": "try 3: outage: x"}
    assert len(lake.read_partition("runs", DAY, "ar-wadi")) == 2


def test_the_gate_and_summary_count_the_latest_crawl_run_only(lake, tmp_path):
    """A first run of the day met an outage (every fetch 503), the re-run fetched everything: the earlier run's
    lines stay in crawl_log, but the gate's failure rate and the summary's counts are the re-run's."""
    from akhbar.warehouse.duck import summary

    rows = _fa_rows()
    site = "http://127.0.0.11/fa-payam"
    outage = [{**_fetch(a["url"], outcome="http_error", status=503), "run_id": "20250107T020000000000Z"}
              for a in rows] + [{**_fetch(f"{site}/robots.txt", "robots", outcome="http_error", status=503),
                                 "run_id": "20250107T020000000000Z"}]
    rerun = [{**r, "run_id": "20250107T030000000000Z"} for r in
             [_fetch(f"{site}/robots.txt", "robots"), _fetch(f"{site}/rss", "feed"), *(_fetch(a["url"]) for a in rows)]]
    extract = [{**_fetch(f"{site}/video/1", outcome="not_article"), "reason": "video page", "run_id": "extract"}]
    lake.replace_partition("articles", DAY, "fa-payam", rows)
    lake.replace_partition("crawl_log", DAY, "fa-payam", outage + rerun + extract)

    assert [r["run_id"] for r in quality.latest_run_rows(outage + rerun + extract)] == \
        ["20250107T030000000000Z"] * len(rerun) + ["extract"]
    verdict = quality.gate_outlet_day(lake, DAY, "fa-payam")
    assert verdict.ok, verdict.describe()  # 5 of 12 lines failed over both runs: above the 25 % limit
    assert (verdict.metrics.fetched, verdict.metrics.failed_fetches) == (len(rerun) + 1, 0)
    quality.record_run(lake, DAY, "fa-payam", verdict.run_row("backfill__2025-01-07", None))
    # an Arabic outlet-day with only a failed run: judged failed, still a row of the summary
    quality.record_run(lake, DAY, "ar-wadi", quality.failed_run_row("backfill__2025-01-07", "outage: لا استجابة"))

    rel = summary(tmp_path, first=DAY, last=DAY)
    got = [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    assert got == [
        {"day": "2025-01-06", "outlet": "ar-wadi", "articles": 0, "copies": 0, "lang_mismatch": 0, "fetches": 0,
         "failed": 0, "not_kept": 0, "blocked": 0, "runs": 0, "gate": "failed", "reason": "outage: لا استجابة"},
        {"day": "2025-01-06", "outlet": "fa-payam", "articles": len(rows), "copies": 0, "lang_mismatch": 0,
         "fetches": len(rerun) + 1, "failed": 0, "not_kept": 1, "blocked": 0, "runs": 2, "gate": "ok",
         "reason": None},
    ]
    assert [r[1] for r in summary(tmp_path, outlets=["fa-payam"]).fetchall()] == ["fa-payam"]
    assert summary(tmp_path, first=date(2025, 1, 7)).fetchall() == []
