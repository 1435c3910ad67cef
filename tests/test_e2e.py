"""End to end: one night against the local test web, through the real crawler, WARC, extractor and lake."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from akhbar.crawler.warc import iter_responses
from akhbar.pipeline import run_day
from akhbar.transforms.identity import normalize_url
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
DAY = date(2025, 1, 7)
ZWNJ = "\u200c"
BOILERPLATE = ("اخبار پیشنهادی", "خبرهای مرتبط", "آخرین اخبار", "برچسب ها", "ارسال نظرات", "إقرأ أيضاً",
               "مقالات مشابهة", "كلمات دلالية", "اضف تعليقاً واقرأ تعليقات القراء", "تابع أحدث الأخبار عبر تطبيق")


@pytest.fixture(scope="module")
def night(testweb, testweb_outlets, tmp_path_factory, fast_crawl):
    data = tmp_path_factory.mktemp("data")
    results = run_day(DAY, data, None, folder=testweb_outlets, overrides=fast_crawl)
    return data, results


def _articles(data: Path):
    return Lake(str(data / "lake")).read("articles", [DAY])


def test_every_outlet_succeeded(night, testweb):
    _, results = night
    assert {r.outlet for r in results} == {s.slug for s in testweb.sites}
    assert all(r.ok for r in results), [r.error for r in results]


def test_exactly_the_days_articles_landed(night, testweb):
    data, _ = night
    table = _articles(data)
    expected = testweb.expected_articles(DAY)
    got = {(row["outlet"], normalize_url(row["url"])) for row in table.to_pylist()}
    want = {(e.outlet, normalize_url(e.url)) for e in expected}
    assert got == want
    assert set(table.column("day").to_pylist()) == {DAY}


def test_titles_and_bodies_match_the_pages(night, testweb):
    data, _ = night
    rows = {normalize_url(r["url"]): r for r in _articles(data).to_pylist()}
    for e in testweb.expected_articles(DAY):
        row = rows[normalize_url(e.url)]
        assert row["title"] == e.title
        for paragraph in e.paragraphs:
            assert paragraph in row["text"], (e.url, paragraph)
        for label in BOILERPLATE:
            assert label not in row["text"], (e.url, label)
        if e.source_credit:
            assert row["source_credit"] and e.source_credit in row["source_credit"]
            assert e.source_credit not in row["text"]


def test_persian_keeps_zwnj_and_no_text_has_replacement_chars(night, testweb):
    data, _ = night
    rows = _articles(data).to_pylist()
    by_url = {normalize_url(r["url"]): r for r in rows}
    # every ZWNJ the page carries reaches text exactly (a planted copy that lost its ZWNJ has none to keep)
    persian = [e for e in testweb.expected_articles(DAY) if e.language == "fa"]
    assert sum(ZWNJ in "".join(e.paragraphs) for e in persian) >= 3
    for e in persian:
        text = by_url[normalize_url(e.url)]["text"]
        assert text.count(ZWNJ) == sum(p.count(ZWNJ) for p in e.paragraphs), e.url
    for r in rows:
        for col in ("title", "text", "description", "source_credit", "section"):
            assert "\ufffd" not in (r[col] or ""), (r["url"], col)


def test_second_run_gives_identical_rows(night, testweb_outlets, fast_crawl):
    data, _ = night
    lake = Lake(str(data / "lake"))
    before = {s: lake.read_partition("articles", DAY, s) for s in _outlets(data)}
    run_day(DAY, data, None, folder=testweb_outlets, overrides=fast_crawl)
    for slug, table in before.items():
        assert lake.read_partition("articles", DAY, slug).equals(table), slug


def test_every_exchange_is_in_readable_warc(night):
    data, _ = night
    files = sorted((data / "warc").rglob("*.warc.gz"))
    assert files and not list((data / "warc").rglob("*.open"))
    warcio = str(Path(sys.executable).parent / "warcio")
    kinds = set()
    for f in files:
        subprocess.run([warcio, "index", str(f)], check=True, capture_output=True)
        kinds |= {r.kind for r in iter_responses(data, f)}
    assert {"robots", "feed", "sitemap", "article"} <= kinds


def test_crawl_log_records_every_url_and_obeys_robots(night):
    data, _ = night
    con = duckdb.connect()
    glob = f"{data}/lake/crawl_log/**/*.parquet"
    rows = con.sql(f"select url, kind, outcome from read_parquet('{glob}', hive_partitioning=true)").fetchall()
    assert rows and all(outcome for _, _, outcome in rows)
    assert not [u for u, _, _ in rows if "/private/" in u]
    assert {k for _, k, _ in rows} >= {"robots", "feed", "sitemap", "article"}


def _outlets(data: Path) -> list[str]:
    return sorted(p.name.split("=", 1)[1] for p in (data / "lake" / "articles" / f"day={DAY}").iterdir())
