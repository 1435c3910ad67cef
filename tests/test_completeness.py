"""Nothing fetched is lost: over several days of the test web every status-200 article fetch lands in exactly
one articles partition (its home day) or has a not_article / extract_failed / other_day line with a reason,
whatever order the days are run in, and re-running a day duplicates nothing.

The test web plants three pages whose own date disagrees with their listings (fa-sepehr): s30 is listed on
2025-01-06 but its page says 2025-01-11; s31 shows no date but the footer's copyright year; s32 is listed on
2025-01-07 and its page says 2025-01-08 (the neighbouring day takes it). The old pipeline dropped s30 and s32
as ``not_on_day`` (no crawl of their page day lists them) and stored s31 without a date."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from akhbar import quality
from akhbar.pipeline import run_day
from akhbar.search import search
from akhbar.transforms.identity import normalize_url
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
DAYS = [date(2025, 1, 6), date(2025, 1, 7), date(2025, 1, 8)]
SEPEHR = "fa-sepehr"
ACCOUNTED = ("not_article", "extract_failed", "other_day")
#: columns that depend on when, by which crawl and through which listing a page was fetched, not on what it
#: says (a newest article is also linked from every archive page's sidebar: that listing's day is the archive's)
#: (a live page's ``captured_at`` is its ``fetched_at``)
FETCH_COLUMNS = ("fetched_at", "captured_at", "warc_file", "warc_offset", "warc_record_id", "listed_at",
                 "date_signals", "date_disagrees")


def _run(days: list[date], data: Path, folder: Path, overrides: dict[str, str]) -> Lake:
    for day in days:
        results = run_day(day, data, None, folder=folder, overrides=overrides)
        assert all(r.ok for r in results), [r.error for r in results]
    return Lake(str(data / "lake"))


@pytest.fixture(scope="module")
def calendar(testweb, testweb_outlets, tmp_path_factory, fast_crawl) -> Lake:
    return _run(DAYS, tmp_path_factory.mktemp("calendar"), testweb_outlets, fast_crawl)


@pytest.fixture(scope="module")
def newest_first(testweb, testweb_outlets, tmp_path_factory, fast_crawl) -> Lake:
    return _run(list(reversed(DAYS)), tmp_path_factory.mktemp("newest-first"), testweb_outlets, fast_crawl)


def _articles(lake: Lake) -> list[dict]:
    return lake.read("articles", DAYS).to_pylist()


def _comparable(lake: Lake) -> set[tuple]:
    """Rows without their fetch-dependent columns; a listing date's kind (the crawl of the day before may
    have found the page in a day sitemap, the day's own crawl in the feed) is compared as just "listing"."""
    def same(k: str, v: object) -> str:
        return "listing" if k == "date_source" and str(v).startswith("listing:") else str(v)

    return {tuple((k, same(k, v)) for k, v in sorted(r.items()) if k not in FETCH_COLUMNS) for r in _articles(lake)}


@pytest.mark.parametrize("order", ["calendar", "newest_first"])
def test_every_fetched_article_is_in_one_partition_or_has_a_reason(order, request, testweb):
    lake: Lake = request.getfixturevalue(order)
    rows = _articles(lake)
    ids = Counter((r["outlet"], r["article_id"]) for r in rows)
    assert [k for k, n in ids.items() if n > 1] == []  # article_id unique across the lake, per outlet
    landed = Counter((r["outlet"], normalize_url(r["url"])) for r in rows)
    log = lake.read("crawl_log", DAYS).to_pylist()
    fetched = [r for r in log if r["kind"] == "article" and r["status"] == 200 and r["outcome"] == "ok"]
    assert len(fetched) > 40
    explained = {(r["outlet"], r["day"], normalize_url(r["final_url"] or r["url"])) for r in log
                 if r["outcome"] in ACCOUNTED and r["reason"]}
    for r in fetched:
        url = normalize_url(r["final_url"] or r["url"])
        assert landed[(r["outlet"], url)] == 1 or (r["outlet"], r["day"], url) in explained, (r["day"], url)
    # a record handed over to a day that was run is in that day's partition
    by_day = {(r["outlet"], r["day"], normalize_url(r["url"])) for r in rows}
    for r in log:
        if r["outcome"] == "other_day" and r["home_day"] in DAYS:
            assert (r["outlet"], r["home_day"], normalize_url(r["url"])) in by_day, r["reason"]
    for day in DAYS:  # the gate's completeness check agrees
        for s in testweb.sites:
            assert quality.gate_outlet_day(lake, day, s.slug).metrics.unaccounted_fetches == 0, (day, s.slug)


def test_each_day_holds_exactly_its_home_articles(calendar, testweb):
    for day in DAYS:
        got = {(r["outlet"], normalize_url(r["url"])) for r in calendar.read("articles", [day]).to_pylist()}
        assert got == {(e.outlet, normalize_url(e.url)) for e in testweb.expected_articles(day)}, day


def test_newest_first_gives_the_same_rows_as_calendar_order(calendar, newest_first):
    assert _comparable(calendar) == _comparable(newest_first)


def _row(lake: Lake, key: str, testweb) -> dict:
    art = next(a for a in testweb.catalog.all() if a.key == key)
    url = normalize_url(testweb.article_url(art))
    [row] = [r for r in _articles(lake) if r["outlet"] == SEPEHR and normalize_url(r["url"]) == url]
    return row


@pytest.mark.parametrize("order", ["calendar", "newest_first"])
def test_a_page_dated_five_days_after_its_listing_stays_on_the_listed_day(order, request, testweb):
    row = _row(request.getfixturevalue(order), "s30", testweb)
    assert row["day"] == date(2025, 1, 6)
    assert row["published_at"] == datetime(2025, 1, 11, 6, 30, tzinfo=UTC)  # the page's date, kept
    assert row["date_disagrees"] is True and row["listed_at"].date() == date(2025, 1, 6)
    assert any(s.startswith("listed=") for s in row["date_signals"])


@pytest.mark.parametrize("order", ["calendar", "newest_first"])
def test_a_page_with_only_a_copyright_year_takes_its_listing_date(order, request, testweb):
    row = _row(request.getfixturevalue(order), "s31", testweb)
    assert row["day"] == date(2025, 1, 7)
    assert row["published_at"] == datetime(2025, 1, 7, 7, 30, tzinfo=UTC) == row["listed_at"]
    assert row["date_source"].startswith("listing:")


@pytest.mark.parametrize("order", ["calendar", "newest_first"])
def test_a_page_dated_the_next_day_is_taken_by_that_day(order, request, testweb):
    lake: Lake = request.getfixturevalue(order)
    row = _row(lake, "s32", testweb)
    assert row["day"] == date(2025, 1, 8) and row["published_at"] == datetime(2025, 1, 8, 8, 30, tzinfo=UTC)
    assert not row["warc_file"].startswith("warc/day=2025-01-08/")  # archived by a crawl that listed it
    handed = [r for r in lake.read("crawl_log", DAYS).to_pylist()
              if r["outcome"] == "other_day" and normalize_url(r["url"]) == normalize_url(row["url"])]
    assert handed and all(r["home_day"] == date(2025, 1, 8) and r["warc_offset"] is not None for r in handed)


def test_rerunning_a_day_duplicates_nothing(calendar, testweb_outlets, fast_crawl):
    before = _comparable(calendar)
    data = Path(calendar.uri).parent
    _run([DAYS[1]], data, testweb_outlets, fast_crawl)
    assert _comparable(calendar) == before
    ids = Counter((r["outlet"], r["article_id"]) for r in _articles(calendar))
    assert max(ids.values()) == 1


def test_the_home_day_reads_its_hand_overs_by_key_and_a_rerun_replaces_only_its_own(calendar, testweb,
                                                                                    testweb_outlets, tmp_path):
    """s32 (dated the 8th, listed by a neighbouring crawl) is in the 8th's handovers partition, written by the day
    whose crawl archived it: the 8th re-extracted from a copy of the data whose other days' crawl_log files are
    all unreadable still takes it; re-running that crawl day replaces its own hand-over file, removes one it no
    longer makes, and leaves the other days' files alone."""
    import shutil

    from akhbar.outlets.registry import load_outlets
    from akhbar.pipeline import night

    data = tmp_path / "data"
    shutil.copytree(Path(calendar.uri).parent, data, ignore=shutil.ignore_patterns("locks", "index"))
    lake = Lake(str(data / "lake"))
    home = date(2025, 1, 8)
    url = normalize_url(testweb.article_url(next(a for a in testweb.catalog.by_site[SEPEHR] if a.key == "s32")))
    handed = lake.read_crawl_day_files("handovers", home, SEPEHR).to_pylist()
    mine = [r for r in handed if normalize_url(r["url"]) == url]
    assert len(mine) == 1 and mine[0]["reason"].startswith("belongs to 2025-01-08"), handed
    crawled = mine[0]["crawl_day"]
    assert crawled in DAYS and crawled != home
    for part in (data / "lake" / "crawl_log").glob(f"day=*/outlet={SEPEHR}/part-0.parquet"):
        if f"day={home}" not in str(part):
            part.write_bytes(b"not parquet")  # reading crawl_log of another day now fails
    (data / "lake" / "articles" / f"day={home}" / f"outlet={SEPEHR}" / "part-0.parquet").unlink()
    outlet = load_outlets(testweb_outlets)[SEPEHR]
    night.process_outlet_day(data, home, outlet, lake)
    kept = [normalize_url(r["url"]) for r in lake.read_partition("articles", home, SEPEHR).to_pylist()]
    assert kept.count(url) == 1
    # the crawl day again (from its WARC files): its file in the 8th is rewritten alike, a stale one elsewhere goes
    folder = data / "lake" / "handovers"
    before = sorted(map(str, folder.rglob("*.parquet")))
    own = f"crawl-{crawled}.parquet"
    stale = folder / "day=2025-02-01" / f"outlet={SEPEHR}" / own
    stale.parent.mkdir(parents=True)
    shutil.copy(folder / f"day={home}" / f"outlet={SEPEHR}" / own, stale)
    (data / "lake" / "crawl_log" / f"day={crawled}" / f"outlet={SEPEHR}" / "part-0.parquet").unlink()
    night.process_outlet_day(data, crawled, outlet, lake)
    assert not stale.exists() and sorted(map(str, folder.rglob("*.parquet"))) == before
    assert lake.read_crawl_day_files("handovers", home, SEPEHR).to_pylist() == handed


def test_hand_overs_are_delivered_after_the_days_own_lock_is_released(testweb, testweb_outlets, tmp_path,
                                                                       fast_crawl, monkeypatch):
    """Two neighbouring days run at once (Airflow back-fills run days side by side) each hand records to the
    other: a run that re-ran the other day while still holding its own lock could wait on it for ever."""
    from akhbar.pipeline import night
    from akhbar.warehouse.locks import PartitionBusy, partition_lock

    data = tmp_path / "data"
    _run([date(2025, 1, 8)], data, testweb_outlets, fast_crawl)  # published first: the 7th will hand s32 over
    seen: list[tuple[date, bool]] = []
    real = night.deliver_handed

    def watching(data_dir, outlet, lake, handed):
        if outlet.slug == SEPEHR:
            try:
                with partition_lock(data_dir, "2025-01-07", SEPEHR):
                    free = True
            except PartitionBusy:
                free = False
            seen.append((sorted(handed), free))
        return real(data_dir, outlet, lake, handed)

    monkeypatch.setattr(night, "deliver_handed", watching)
    results = run_day(date(2025, 1, 7), data, [SEPEHR], folder=testweb_outlets, overrides=fast_crawl)
    assert all(r.ok for r in results), [r.error for r in results]
    # delivered once (s32 to the 8th, s40 to its own 2021-11-02), with the 7th's lock already let go
    assert seen == [([date(2021, 11, 2), date(2025, 1, 8)], True)], seen
    ids = Lake(str(data / "lake")).read("articles", [date(2025, 1, 8)]).column("article_id").to_pylist()
    assert len(ids) == len(set(ids))


# -- no limbo: pages dated long before the day that lists them (issue 23) ------------------------------------------
# The test web lists three old stories again on 2025-01-07 (a «from the archive» box on that day's archive page and
# an undated entry in its day sitemap): s40 (fa-sepehr, 2021-11-02), w40 (ar-wadi, 2023-03-14) and m40 (ar-mojaz,
# 2024-09-20). Their home is their page's day, which no test runs otherwise: before, they were logged other_day for
# that day and stayed in no partition.
RELISTED_ON = date(2025, 1, 7)


def _relisted(testweb) -> list:
    arts = [a for s in testweb.sites for a in testweb.catalog.relisted(s.slug, RELISTED_ON)]
    assert {a.key for a in arts} == {"s40", "w40", "m40"}
    return arts


@pytest.mark.parametrize("order", ["calendar", "newest_first"])
def test_articles_dated_months_and_years_before_their_listing_land_on_their_own_day(order, request, testweb):
    lake: Lake = request.getfixturevalue(order)
    everything = lake.read("articles").to_pylist()
    log = lake.read("crawl_log", DAYS).to_pylist()  # a neighbouring day's crawl may have fetched it first
    for art in _relisted(testweb):
        url = normalize_url(testweb.article_url(art))
        rows = [r for r in everything if r["outlet"] == art.site.slug and normalize_url(r["url"]) == url]
        assert len(rows) == 1, (art.key, rows)  # in articles once, lake-wide
        row = rows[0]
        assert row["day"] == art.home_day < date(2024, 10, 1), art.key  # months or years before the listing
        assert row["published_at"] == art.published and row["date_estimated"] is False
        handed = [r for r in log if r["outcome"] == "other_day" and normalize_url(r["url"]) == url]
        assert handed and handed[0]["home_day"] == art.home_day and handed[0]["warc_offset"] is not None
        # dedup has seen the day it landed on (its duplicates partition names the article)
        dup = lake.read_partition("duplicates", art.home_day, art.site.slug)
        assert dup is not None and row["article_id"] in dup.column("article_id").to_pylist(), art.key


def _cli(crawl: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    akhbar = Path(sys.executable).parent / "akhbar"
    proc = subprocess.run([str(akhbar), *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "200", "AKHBAR_CRAWL_SETTINGS": json.dumps(crawl)})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc


def test_the_home_day_run_later_holds_it_once_and_either_order_gives_the_same_lake(testweb, testweb_outlets,
                                                                                    tmp_path, fast_crawl):
    """ar-wadi's w40 (page date 2023-03-14) listed on 2025-01-07: the listing day first, then the home day, and
    the other way round, through `akhbar run`; the search index finds it on its home day; a home day already
    judged is judged again with the article it received."""
    home = date(2023, 3, 14)
    days = [home, RELISTED_ON, RELISTED_ON + timedelta(days=1)]
    lakes = {}
    for order in ("listing-first", "home-first"):
        data = tmp_path / order
        runs = [RELISTED_ON, home] if order == "listing-first" else [home, RELISTED_ON]
        for day in runs:
            out = _cli(fast_crawl, "run", "--date", day.isoformat(), "--outlet", "ar-wadi", "--data-dir", str(data),
                       "--outlets-dir", str(testweb_outlets)).stdout
            if day == RELISTED_ON:  # where the article went, said by the run
                assert f"ar-wadi {RELISTED_ON}: 3 article(s) dated another day went to that day's partition: " \
                       f"{home} (1), {RELISTED_ON + timedelta(days=1)} (2)" in out, out
        lakes[order] = lake = Lake(str(data / "lake"))
        rows = [r for r in lake.read("articles").to_pylist() if "nubian-museum" in r["url"]]
        assert [r["day"] for r in rows] == [home], order
        found = search(data, "قاعة جديدة للآثار النوبية").to_pylist()  # the search index sees it on its day
        assert [(h["day"], h["outlet"]) for h in found] == [(home, "ar-wadi")], found
    runs = lakes["home-first"].read_partition("runs", home, "ar-wadi").to_pylist()
    assert [r["articles"] for r in runs] == [1, 1]  # judged by its run, then again when 2025-01-07 refreshed it
    assert json.loads(runs[-1]["checks"])["changed_by"]["delivered"] == 1
    assert _comparable_days(lakes["listing-first"], days) == _comparable_days(lakes["home-first"], days)


def _comparable_days(lake: Lake, days: list[date]) -> set[tuple]:
    def same(k: str, v: object) -> str:
        return "listing" if k == "date_source" and str(v).startswith("listing:") else str(v)

    return {tuple((k, same(k, v)) for k, v in sorted(r.items()) if k not in FETCH_COLUMNS)
            for r in lake.read("articles", days).to_pylist()}
