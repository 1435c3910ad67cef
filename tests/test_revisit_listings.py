"""Revisits a listing asks for, and pages a sitemap stops listing: fa-sepehr revisited on +1 and +3 days only; on the
night between, its day sitemap gives one article a newer lastmod and its feed another (a cached sitemap keeps the old
lastmod): both revisited, `trigger` listing; on +3 a page still online is no longer listed (dropped_from_sitemap)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.spiders.revisit import REVISIT_ROOT
from akhbar.outlets.registry import load_outlet_file
from akhbar.pipeline.revisit import revisit_night
from akhbar.testweb import TestWeb
from akhbar.warehouse.duck import query
from akhbar.warehouse.lake import Lake

DAY = date(2025, 1, 7)
N1, N2, N3 = date(2025, 1, 8), date(2025, 1, 9), date(2025, 1, 10)
SLUG = "fa-sepehr"
RETITLED, UNLISTED = "/news/2031542", "/news/2031545"
#: revised with only the feed telling (``atom:updated``); and one whose feed item keeps the dateModified we stored
FEED_ONLY, FEED_SAME = "/news/2031536", "/news/2031533"
FEED_TITLE = "مجلس طرح شفافیت آرای نمایندگان را با اصلاحات تصویب کرد"
FAST = {"RETRY_BACKOFF_BASE": "0.05", "RETRY_BACKOFF_MAX": "0.2", "DOWNLOAD_TIMEOUT": "5"}


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    from akhbar.pipeline import run_day

    data = tmp_path_factory.mktemp("listings")
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path_factory.mktemp("outlets"))
        with open(outlets / f"{SLUG}.toml", "a", encoding="utf-8") as fh:
            fh.write("\n[revisit]\nafter_days = [1, 3]\n")
        assert all(r.ok for r in run_day(DAY, data, [SLUG], folder=outlets, overrides=FAST))
        lake, outlet = Lake(str(data / "lake")), load_outlet_file(outlets / f"{SLUG}.toml")
        stats = {N1: revisit_night(data, lake, outlets, [outlet], N1, FAST)[0]}
        web.revise(SLUG, RETITLED, title="سازمان غذا و دارو: کمبود آنتی‌بیوتیک‌ها برطرف شد",
                   modified_local=datetime(2025, 1, 8, 20, tzinfo=ZoneInfo("Asia/Tehran")))
        web.revise(SLUG, FEED_ONLY, title=FEED_TITLE, sitemap_lastmod=False,
                   modified_local=datetime(2025, 1, 8, 21, tzinfo=ZoneInfo("Asia/Tehran")))
        stats[N2] = revisit_night(data, lake, outlets, [outlet], N2, FAST)[0]
        web.unlist(SLUG, UNLISTED)
        stats[N3] = revisit_night(data, lake, outlets, [outlet], N3, FAST)[0]
        assert all(s.error is None for s in stats.values()), stats
        assert stats[N2].triggered == 2, stats[N2]  # 2025-01-07 is not due on +2 (its neighbour days may be)
        yield data


def _sql(data: Path, sql: str) -> list[tuple]:
    return query(data, sql).fetchall()


def test_a_newer_lastmod_triggers_a_revisit_off_schedule(data: Path):
    rows = _sql(data, f"select url, trigger, outcome from article_revisits where revisit_day = '{N2}' "
                      f"and day = '{DAY}' and url like '%{RETITLED}'")
    assert [(u.endswith(RETITLED), t, o) for u, t, o in rows] == [(True, "listing", "changed")]
    assert _sql(data, "select revisit_day, event from article_changes where url like "
                      f"'%{RETITLED}' order by event") == [(N2, "headline_changed")]
    # the triggered fetch asked for the whole page (the listing says it changed)
    assert _sql(data, f"select distinct conditional from article_revisits where revisit_day = '{N2}' "
                      "and trigger = 'listing'") == [(False,)]


def test_a_feed_item_updated_triggers_a_revisit_and_its_new_version_is_stored(data: Path):
    # its day sitemap kept the old lastmod: only the feed's atom:updated told of the edit
    revisited = _sql(data, f"select url, trigger, outcome from article_revisits where revisit_day = '{N2}' "
                           f"and day = '{DAY}' order by url")
    assert [(u.rsplit("/", 1)[-1], t, o) for u, t, o in revisited] == [
        ("2031536", "listing", "changed"), ("2031542", "listing", "changed")]
    assert _sql(data, f"select v.version, v.title from article_versions v join articles a using (article_id) "
                      f"where a.url like '%{FEED_ONLY}'") == [(2, FEED_TITLE)]
    lines = {r["url"].rsplit("/", 1)[-1]: r for r in read_logs(data / REVISIT_ROOT, N2.isoformat(), SLUG)
             if r["kind"] == "revisit"}
    assert lines["2031536"]["listed_by"].startswith("feed ") and lines["2031536"]["status"] == 200
    # the feed and the sitemaps are the crawl's own requests, logged like any other
    kinds = [r["kind"] for r in read_logs(data / REVISIT_ROOT, N2.isoformat(), SLUG)]
    assert kinds.count("feed") == 1 and kinds.count("sitemap") >= 2


def test_a_feed_item_that_did_not_change_triggers_nothing(data: Path):
    # in the feed with the dateModified we stored (atom:updated), as the day's others are with their publication time
    assert _sql(data, f"select count(*) from article_revisits where revisit_day = '{N2}' "
                      f"and url like '%{FEED_SAME}'") == [(0,)]
    assert _sql(data, f"select count(*) from article_revisits where revisit_day = '{N1}' "
                      "and trigger = 'listing'") == [(0,)]


def test_a_page_no_longer_in_its_day_sitemap_is_flagged_while_online(data: Path):
    got = _sql(data, "select url, revisit_day, http_status from article_changes where event = 'dropped_from_sitemap'")
    assert [(u.rsplit("/", 1)[-1], d, s) for u, d, s in got] == [("2031545", N3, 200)]
    listed = _sql(data, f"select count(*) filter (where in_sitemap), count(*) filter (where not in_sitemap) "
                        f"from article_revisits where revisit_day = '{N3}' and day = '{DAY}'")
    assert listed[0][0] >= 3 and listed[0][1] == 1
    assert _sql(data, f"select count(*) from article_revisits where revisit_day = '{N1}' and not in_sitemap") == [(0,)]


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>الوادي</title><id>urn:wadi</id><updated>2025-01-08T21:00:00+01:00</updated>
<entry><title>الحكومة تعدّل مشروع قانون المالية</title><link href="/ar/article/7001?utm_source=rss"/><id>urn:7001</id>
<published>2025-01-07T10:00:00+01:00</published><updated>2025-01-08T21:00:00+01:00</updated></entry>
<entry><title>بلا تاريخ</title><link href="/ar/article/7002"/><id>urn:7002</id></entry>
</feed>"""


def test_feed_changes_reads_the_latest_date_of_each_item():
    from akhbar.crawler.spiders.revisit import feed_changes

    got = feed_changes(ATOM.encode(), "https://wadi.example/")
    assert [(e.url, e.when) for e in got] == [
        ("https://wadi.example/ar/article/7001?utm_source=rss", datetime(2025, 1, 8, 20, tzinfo=ZoneInfo("UTC"))),
        ("https://wadi.example/ar/article/7002", None)]
    with pytest.raises(ValueError):
        feed_changes(b"\x00 not a feed <", "https://wadi.example/")
