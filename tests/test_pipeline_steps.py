"""The extract stage's steps one by one on real Persian/Arabic pages of the test web, and the executor apart:
its one policy and the per-page limit that turns a hanging extraction into an ``extract_timeout`` line."""

from __future__ import annotations

import time
import urllib.request
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from akhbar.crawler.warc import ArchivedResponse
from akhbar.outlets.registry import load_outlets
from akhbar.pipeline import executor, night, steps
from akhbar.pipeline.executor import PageTimeout, choose_executor, run_jobs
from akhbar.transforms.dedup import content_hash
from akhbar.transforms.extract import ExtractionError, NoArticleText
from akhbar.transforms.normalize import normalize_text
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.schema import ArticleRecord, CrawlLogRecord, CrawlOutcome, conform

HANG = "hang-here"  # a URL containing this makes the patched extractor sleep


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as resp:  # the test web, on 127.0.0.x
        return resp.read()


def _record(url: str, body: bytes, crawl_day: date, offset: int = 0,
            listing: steps.Listing | None = None) -> steps.Page:
    fetched = datetime.combine(crawl_day, datetime.min.time(), UTC) + timedelta(hours=20)
    rec = ArchivedResponse(url=url, status=200, kind="article", headers=[("Content-Type", "text/html; charset=utf-8")],
                           body=body, fetched_at=fetched, record_id=f"<urn:uuid:{offset}>",
                           warc_file=f"warc/day={crawl_day}/x.warc.gz", offset=offset)
    return steps.Page(rec, crawl_day, listing or steps.Listing())


@pytest.fixture(scope="module")
def pages(testweb, testweb_outlets):
    """Two real article pages (Persian and Arabic) with their outlets and the day their crawl ran."""
    out = []
    for slug in ("fa-sepehr", "ar-wadi"):
        art = testweb.catalog.by_site[slug][0]
        url = testweb.article_url(art)
        out.append((load_outlets(testweb_outlets)[slug], _record(url, _fetch(url), art.home_day), art))
    return out


def test_each_step_fills_its_field_of_the_page(pages):
    """read -> extract -> screen -> date -> build -> place, each Page -> Page, on a Persian and an Arabic page."""
    for outlet, page, art in pages:
        assert (page.extracted, page.dates, page.article, page.placement) == (None, None, None, None)
        extracted = steps.extract(page, outlet)
        assert extracted.response is page.response and art.paragraphs[0][:30] in extracted.extracted.text
        screened = steps.screen(extracted)
        assert screened == extracted and screened.rejection is None  # an article: nothing to reject
        dated = steps.date_page(screened)
        assert dated.dates.trusted and not dated.dates.estimated and dated.dates.published_at is not None
        built = steps.build(dated, outlet)
        article = built.article
        assert isinstance(article, ArticleRecord)
        assert art.paragraphs[0][:30] in article.text  # the body as published, Persian / Arabic script intact
        assert article.text_norm == normalize_text(article.text)
        assert article.content_hash == content_hash(article.text_norm) and article.signature
        assert article.decode_repairs == 0 and article.text_chars == len(article.text)
        assert (article.article_id, article.canonical_url) == steps.identify(page.response, built.extracted, outlet)
        assert (article.published_at, article.date_source) == (dated.dates.published_at, dated.dates.source)
        assert article.capture_source == "live"
        assert conform("articles", [article]).num_rows == 1  # the writer takes the record as it is
        placed = steps.place(built, art.home_day)
        assert (placed.placement, placed.home, placed.rejection) == (steps.Placement.KEEP, None, None)
        assert steps.decide(extracted, outlet, art.home_day) == placed  # decide is the four steps


def test_run_page_is_extract_then_decide_and_sends_back_no_body(pages, monkeypatch):
    """What a worker runs (steps.run_page) is the steps in order; its page comes back without the body, which
    with_body puts back; with the prefetch's extraction in the job the worker does not extract again; a page the
    worker gave no page for (past its limit) is decided here, as extract_timeout."""
    for outlet, page, art in pages:
        whole = steps.decide(steps.extract(page, outlet), outlet, art.home_day)
        job = steps.PageJob(page, outlet, art.home_day)
        sent_back = steps.run_page(job)
        assert sent_back.response.body == b"" and page.response.body
        assert steps.with_body(page, sent_back, outlet, art.home_day) == whole
        done = steps.extract_page(steps.extract_job(page, outlet))
        with monkeypatch.context() as m:
            m.setattr(steps, "extract_page", lambda job: pytest.fail("extracted again"))
            again = steps.run_page(steps.PageJob(page, outlet, art.home_day, done))
        assert steps.with_body(page, again, outlet, art.home_day) == whole
        late = steps.with_body(page, PageTimeout(2.5), outlet, art.home_day)
        assert late.rejection == steps.Rejection(CrawlOutcome.EXTRACT_TIMEOUT, "extraction took longer than 2.5 s")
        assert late.log_row().bytes == len(page.response.body)


def test_a_rejected_page_goes_through_the_later_steps_unchanged(pages):
    outlet, page, _ = pages[1]
    empty = steps.extract(_record(page.response.url, b"", page.crawl_day), outlet)
    assert empty.placement is steps.Placement.REJECT
    assert empty.rejection == steps.Rejection(CrawlOutcome.NOT_ARTICLE, "empty page")
    assert steps.decide(empty, outlet, page.crawl_day) == empty
    line = empty.log_row()
    assert (line.outcome, line.reason, line.home_day, line.warc_offset) == (CrawlOutcome.NOT_ARTICLE, "empty page",
                                                                            None, 0)


def test_extraction_failures_are_classified_by_type():
    page = _record("https://www.wadi.example/news/7", b"<html>", date(2025, 1, 7))
    timed_out = steps.with_extraction(page, PageTimeout(2.5))
    assert timed_out.rejection == steps.Rejection(CrawlOutcome.EXTRACT_TIMEOUT, "extraction took longer than 2.5 s")
    broke = steps.with_extraction(page, steps.page_failure(RecursionError("maximum recursion depth exceeded")))
    assert broke.rejection == steps.Rejection(CrawlOutcome.EXTRACT_FAILED,
                                              "RecursionError: maximum recursion depth exceeded")
    not_html = steps.with_extraction(page, ExtractionError("not HTML: application/pdf"))
    assert not_html.rejection.outcome is CrawlOutcome.EXTRACT_FAILED
    assert steps.with_extraction(page, NoArticleText("no article text found")).rejection.outcome \
        is CrawlOutcome.NOT_ARTICLE
    # by the exception's type, not its words: the same reason on the base type is a failure
    assert steps.with_extraction(page, ExtractionError("no article text found")).rejection.outcome \
        is CrawlOutcome.EXTRACT_FAILED


def test_listing_evidence_is_parsed_once_and_written_back_the_same():
    from akhbar.crawler.crawllog import LISTING_KINDS

    assert {k.value for k in steps.ListingKind} == set(LISTING_KINDS)
    at = datetime(2025, 1, 7, 9, tzinfo=UTC)
    for by in ("sitemap_news https://www.wadi.example/news-sitemap.xml", "feed https://www.sepehr.example/rss?x=ا",
               "archive https://www.sepehr.example/archive/1403/10/18"):
        listing = steps.Listing.parse(at, by)
        assert listing.by == by and listing.kind is steps.ListingKind(by.split(" ", 1)[0])
    assert steps.Listing.parse(at, "feed https://x/rss").source == "listing:feed"
    assert steps.Listing.parse(at, None) == steps.Listing(at) and steps.Listing(at).source == "listing:listing"
    assert steps.Listing.parse(at, "catalogue https://x/c").by == "catalogue https://x/c"  # unknown kind: kept


def test_the_same_text_signs_the_same_and_a_different_text_differently():
    once = steps.normalise_and_sign("خبر عاجل: اجتماع وزراء الخارجية العرب في القاهرة اليوم")
    assert once == steps.normalise_and_sign("خبر عاجل: اجتماع وزراء الخارجية العرب في القاهرة اليوم")
    assert once[1] != steps.normalise_and_sign("خبر عاجل: اجتماع وزراء المالية العرب في الرياض")[1]
    assert steps.normalise_and_sign("   ") == ("", None, None)  # an empty body has no dedup keys


def test_pages_that_are_no_article_are_rejected_with_their_reason():
    links = "".join(f'<li><a href="/news/{i}">خبر {i}</a></li>' for i in range(60))
    index = f"<html><body><h1>آخرین اخبار</h1><ul>{links}</ul></body></html>".encode()
    short = type("Ex", (), {"text": "آخرین اخبار"})()
    why = steps.reject_extracted(index, short)
    assert why.outcome is CrawlOutcome.NOT_ARTICLE and why.reason.startswith("index page: 60 links")
    assert steps.reject_extracted(b"", NoArticleText("empty page")).outcome is CrawlOutcome.NOT_ARTICLE
    broke = steps.reject_extracted(b"<html>", ExtractionError("parser gave up on <html>"))
    assert (broke.outcome, broke.reason) == (CrawlOutcome.EXTRACT_FAILED, "parser gave up on <html>")
    late = steps.reject_extracted(b"<html>", PageTimeout(2.5))
    assert (late.outcome, late.reason) == (CrawlOutcome.EXTRACT_TIMEOUT, "extraction took longer than 2.5 s")


def _dated(page: steps.Page, published: datetime, source: str = "jsonld") -> steps.Page:
    """A page as date_page leaves it, with a trusted page date."""
    decision = steps.DateDecision(published, source, (), page.listing.at, False, False, True)
    return replace(page, dates=decision)


def test_place_keeps_the_home_day_and_hands_other_days_over_with_a_reason():
    day = date(2025, 1, 6)
    page = _record("https://www.sepehr.example/news/30", b"", day, offset=4096,
                   listing=steps.Listing.parse(datetime(2025, 1, 6, 9, tzinfo=UTC), "feed https://sepehr/rss"))
    assert steps.place(_dated(page, datetime(2025, 1, 6, 8, tzinfo=UTC)), day).placement is steps.Placement.KEEP
    # no listing: the page day wins
    other = steps.place(_dated(_record(page.response.url, b"", day, 4096), datetime(2025, 1, 11, 8, tzinfo=UTC)), day)
    assert other.placement is steps.Placement.HAND_OVER and other.home == date(2025, 1, 11)
    assert other.rejection.outcome is CrawlOutcome.OTHER_DAY
    assert other.rejection.reason.startswith("belongs to 2025-01-11: published 2025-01-11T08:00:00+00:00 (jsonld)")
    line = replace(other, listing=page.listing).log_row()
    assert (line.outcome, line.home_day, line.warc_offset, line.warc_file) == (
        CrawlOutcome.OTHER_DAY, date(2025, 1, 11), 4096, page.response.warc_file)
    assert line.listed_by == "feed https://sepehr/rss"


class _Extracted:
    """What choose_date reads of an extraction."""

    def __init__(self, published_at, signals=(), source="jsonld"):
        self.published_at, self.date_signals, self.date_source = published_at, list(signals), source


def test_a_date_not_read_from_the_page_is_flagged_estimated_with_its_evidence():
    fetched = datetime(2025, 1, 7, 20, tzinfo=UTC)
    listing = steps.Listing.parse(datetime(2025, 1, 7, 9, tzinfo=UTC), "sitemap_lastmod https://x/sitemap.xml")
    page = steps.choose_date(_Extracted(datetime(2025, 1, 7, 8, tzinfo=UTC)), listing, fetched)
    assert (page.source, page.estimated, page.disagrees, page.trusted) == ("jsonld", False, False, True)
    # a guess the extractor refused: no page date, its evidence kept; the listing's date, flagged
    refused = steps.choose_date(_Extracted(None, ["htmldate=2013-01-01T00:00:00+00:00 (no day on the page: "
                                                  "refused)"], None), listing, fetched)
    assert refused.published_at == listing.at and refused.source == "listing:sitemap_lastmod"
    assert refused.estimated is True and refused.disagrees is True and refused.trusted is False
    assert refused.signals[0].startswith("htmldate=2013-01-01")
    assert refused.columns()["date_signals"][-1] == "listed=2025-01-07T09:00:00+00:00 sitemap_lastmod " \
                                                    "https://x/sitemap.xml"
    # an implausible page date (after the fetch) is not trusted either
    future = steps.choose_date(_Extracted(datetime(2031, 5, 1, tzinfo=UTC)), listing, fetched)
    assert future.published_at == listing.at and future.estimated is True and not future.trusted
    # nothing at all: no date, and nothing estimated
    none = steps.choose_date(_Extracted(None, (), None), steps.Listing(), fetched)
    assert none.published_at is None and none.estimated is False
    # placement trusts only the page's own date: an estimated one is the listing's, never a home elsewhere
    record = _record("https://x/news/1", b"", date(2025, 1, 7), listing=listing)
    assert steps.place(replace(record, dates=refused), date(2025, 1, 7)).placement is steps.Placement.KEEP


def _raise_recursion(body, options):
    raise RecursionError("maximum recursion depth exceeded while decoding a JSON array")


def test_any_error_of_one_page_is_that_pages_extract_failed(pages, tmp_path: Path, monkeypatch):
    """A page the extractor chokes on in a way it did not foresee (here a RecursionError, as deeply nested
    JSON-LD gave), or whose dating or identity breaks after extraction: logged extract_failed with the error,
    and the outlet-day's other articles still land."""
    outlet, record, _ = pages[0]
    day = record.crawl_day
    deep = _record(record.response.url + "?deep", record.response.body, day, offset=901)
    bad_id = _record(record.response.url + "?bad-id", record.response.body, day, offset=902)
    job = steps.extract_job(deep, outlet)
    with monkeypatch.context() as m:
        m.setattr(_extract_module, "extract", _raise_recursion)
        failed = steps.extract_page(job)
    assert failed.outcome is CrawlOutcome.EXTRACT_FAILED and failed.reason.startswith("RecursionError: maximum")
    real_extract_page = steps.extract_page

    def flaky(job):
        return _raise_recursion(None, None) if job.options.url.endswith("?deep") else real_extract_page(job)

    def extract_page(job):  # the real function's containment around a page that raises
        try:
            return flaky(job)
        except Exception as exc:
            return steps.page_failure(exc)

    real_identify = steps.identify

    def identify(rec, ex, out):
        if rec.url.endswith("?bad-id"):
            raise ValueError("Invalid IPv6 URL")
        return real_identify(rec, ex, out)

    monkeypatch.setattr(steps, "page_refs", lambda *a: [record, deep, bad_id])
    monkeypatch.setattr(steps, "extract_page", extract_page)
    monkeypatch.setattr(steps, "identify", identify)
    ex = night.extract_records(tmp_path, day, outlet, Lake(str(tmp_path / "lake")), timeout=None)
    assert [a.url for a in ex.rows] == [record.response.url]
    assert sorted((r.outcome, r.warc_offset, r.reason) for r in ex.log_rows) == [
        (CrawlOutcome.EXTRACT_FAILED, 901, "RecursionError: maximum recursion depth exceeded while decoding a JSON "
                                           "array"),
        (CrawlOutcome.EXTRACT_FAILED, 902, "ValueError: Invalid IPv6 URL")]


def test_keep_newest_keeps_one_record_per_article():
    kept: dict[str, ArticleRecord] = {}
    old = ArticleRecord("a1", "https://x/1?utm=1", fetched_at=datetime(2025, 1, 6, 8, tzinfo=UTC))
    new = ArticleRecord("a1", "https://x/1", fetched_at=datetime(2025, 1, 6, 9, tzinfo=UTC))
    for a in (new, old):
        steps.keep_newest(kept, a)
    assert kept == {"a1": new}


def test_one_policy_chooses_the_executor():
    assert choose_executor(executor.PARALLEL_MIN_PAGES - 1, cpus=8) == ("inline", 1)
    assert choose_executor(executor.PARALLEL_MIN_PAGES, cpus=8) == ("pool", 8)
    assert choose_executor(1000, cpus=1) == ("inline", 1)


def slow_on_marker(job: str) -> str:
    """Module level, so a pool's workers can import it."""
    if HANG in job:
        time.sleep(30)
    return job.upper()


@pytest.mark.parametrize("mode", ["inline", "pool"])
def test_a_hanging_job_times_out_in_its_place_and_the_others_finish(mode):
    jobs = ["a", f"b-{HANG}", "c", "d", f"e-{HANG}", "f"]
    start = time.monotonic()
    results = run_jobs(slow_on_marker, jobs, timeout=0.5, mode=mode, workers=2)
    assert time.monotonic() - start < 10  # two stuck pages cost about their limit each, not their 30 s
    assert [r if isinstance(r, str) else type(r) for r in results] == ["A", PageTimeout, "C", "D", PageTimeout, "F"]


def _hanging_extract(body, options):
    """The real extractor, except on a page whose URL is marked: that one never returns in time."""
    if HANG in options.url:
        time.sleep(30)
    return _REAL_EXTRACT(body, options)


from akhbar.transforms import extract as _extract_module  # noqa: E402

_REAL_EXTRACT = _extract_module.extract


@pytest.mark.parametrize("pool", [False, True])
def test_a_page_whose_extraction_hangs_is_logged_extract_timeout_never_lost(pages, tmp_path: Path, monkeypatch,
                                                                             pool):
    outlet, record, _ = pages[0]
    day = record.crawl_day
    hanging = _record(record.response.url + f"?{HANG}", record.response.body, day, offset=777)
    monkeypatch.setattr(steps, "page_refs", lambda *a: [record, hanging])
    monkeypatch.setattr(_extract_module, "extract", _hanging_extract)  # forked workers inherit it
    if pool:
        monkeypatch.setattr(executor, "PARALLEL_MIN_PAGES", 2)
        monkeypatch.setattr(executor.os, "cpu_count", lambda: 2)
    lake = Lake(str(tmp_path / "lake"))
    ex = night.extract_records(tmp_path, day, outlet, lake, timeout=1.0)
    assert [a.url for a in ex.rows] == [record.response.url]
    assert [(r.outcome, r.url, r.warc_offset) for r in ex.log_rows] == [
        (CrawlOutcome.EXTRACT_TIMEOUT, hanging.response.url, 777)]
    assert ex.log_rows[0].reason == "extraction took longer than 1 s"
    night.load_stage(lake, tmp_path, day, outlet, ex.rows, ex.log_rows)
    stored = lake.read_partition("crawl_log", day, outlet.slug).to_pylist()
    assert [(r["outcome"], r["reason"]) for r in stored] == [("extract_timeout", "extraction took longer than 1 s")]


def test_a_live_soft_404_is_not_an_article_with_its_reason_and_a_short_headline_stays_one():
    from akhbar.pipeline.steps import not_article_reason

    def page(title: str, h1: str, para: str) -> bytes:
        return (f"<html><head><title>{title}</title></head><body><h1>{h1}</h1><p>{para}</p>"
                "<a href='/'>خانه</a></body></html>").encode()

    gone = page("صفحه مورد نظر یافت نشد", "خطای ۴۰۴", "بازگشت به صفحه اصلی")
    why = not_article_reason(gone, "بازگشت به صفحه اصلی")
    assert why and why.startswith("soft-404") and "یافت نشد" in why
    gone_ar = page("الصفحة غير موجودة", "عذراً", "العودة إلى الرئيسية")
    assert (not_article_reason(gone_ar, "العودة إلى الرئيسية") or "").startswith("soft-404")
    # a short real headline with «وجود ندارد» or a number 404 in it is still an article
    short = page("امکان مذاکره وجود ندارد", "امکان مذاکره وجود ندارد", "سخنگوی دولت گفت امکان مذاکره وجود ندارد.")
    assert not_article_reason(short, "سخنگوی دولت گفت امکان مذاکره وجود ندارد.") is None


# -- the handovers table: written by the crawling day, read by key by the home day --------------------------------
def _other_day(url: str, offset: int, home: date, crawl_day: date) -> CrawlLogRecord:
    return CrawlLogRecord(url=url, kind="article", status=200, outcome=CrawlOutcome.OTHER_DAY,
                          reason=f"belongs to {home}: published {home}T08:00:00+00:00 (jsonld), listed none",
                          warc_file=f"warc/day={crawl_day}/outlet=fa-sepehr/r.warc.gz", warc_offset=offset,
                          listed_at=datetime.combine(crawl_day, datetime.min.time(), UTC),
                          listed_by="feed https://www.sepehr.example/rss", home_day=home)


class _Outlet:
    slug = "fa-sepehr"


def _handed(lake: Lake, home: date) -> list[tuple]:
    table = lake.read_crawl_day_files("handovers", home, "fa-sepehr")
    return [] if table is None else sorted((r["crawl_day"], r["warc_offset"], r["url"]) for r in table.to_pylist())


def test_a_crawl_days_hand_overs_are_replaced_by_its_rerun_and_no_other_days(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(night, "read_logs", lambda *a: [])  # the crawler's own lines: none here
    lake = Lake(str(tmp_path / "lake"))
    c6, c7, h8, h11 = date(2025, 1, 6), date(2025, 1, 7), date(2025, 1, 8), date(2025, 1, 11)
    url = "https://www.sepehr.example/news/32-گزارش"
    night.load_stage(lake, tmp_path, c6, _Outlet, [], [_other_day(url + "?from=6", 10, h8, c6)])
    night.load_stage(lake, tmp_path, c7, _Outlet, [], [_other_day(url, 20, h8, c7), _other_day(url, 30, h11, c7)])
    assert _handed(lake, h8) == [(c6, 10, url + "?from=6"), (c7, 20, url)]
    assert _handed(lake, h11) == [(c7, 30, url)]
    stored = lake.read_partition("crawl_log", c7, "fa-sepehr").to_pylist()  # written with its crawl_log lines
    assert sorted(r["home_day"] for r in stored) == [h8, h11]
    # the 7th again: it no longer hands anything to the 11th, and the 8th gets its row once; the 6th's row stays
    night.load_stage(lake, tmp_path, c7, _Outlet, [], [_other_day(url, 20, h8, c7)])
    assert _handed(lake, h8) == [(c6, 10, url + "?from=6"), (c7, 20, url)]
    assert _handed(lake, h11) == []
    refs = steps.handed_over_refs(lake, tmp_path, h8, _Outlet)
    assert [(r.crawl_day, r.offset, r.listing.kind) for r in refs] == [(c6, 10, steps.ListingKind.FEED),
                                                                       (c7, 20, steps.ListingKind.FEED)]


def test_a_lake_older_than_the_handovers_table_is_migrated_once_from_crawl_log(tmp_path: Path):
    from akhbar.warehouse.migrate import HANDOVERS_MARK

    lake = Lake(str(tmp_path / "lake"))
    c7, h8 = date(2025, 1, 7), date(2025, 1, 8)
    url = "https://www.wadi.example/news/متحف-النوبة"
    # as an older pipeline left it: the other_day line in crawl_log only
    lake.replace_partition("crawl_log", c7, "fa-sepehr", [_other_day(url, 40, h8, c7)])
    refs = steps.handed_over_refs(lake, tmp_path, h8, _Outlet)
    assert [(r.warc_file, r.offset, r.crawl_day, r.listing.by) for r in refs] == [
        (f"warc/day={c7}/outlet=fa-sepehr/r.warc.gz", 40, c7, "feed https://www.sepehr.example/rss")]
    assert (tmp_path / "lake" / "handovers" / HANDOVERS_MARK).exists()
    # from then on the home day reads its own partition: crawl_log is never scanned again
    (tmp_path / "lake" / "crawl_log" / f"day={c7}" / "outlet=fa-sepehr" / "part-0.parquet").write_bytes(b"broken")
    assert [r.offset for r in steps.handed_over_refs(lake, tmp_path, h8, _Outlet)] == [40]


def test_akhbar_lake_migrate_fills_the_handovers_table_once(tmp_path: Path):
    from akhbar.warehouse.migrate import migrate

    lake = Lake(str(tmp_path / "lake"))
    c7, h8 = date(2025, 1, 7), date(2025, 1, 8)
    lake.replace_partition("crawl_log", c7, "fa-sepehr", [_other_day("https://www.sepehr.example/news/1", 7, h8, c7)])
    assert migrate(tmp_path, lake)["handovers"] == 1
    assert _handed(lake, h8) == [(c7, 7, "https://www.sepehr.example/news/1")]
    assert migrate(tmp_path, lake)["handovers"] is None  # once
