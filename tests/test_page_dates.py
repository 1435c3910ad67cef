"""published_at from a page's evidence: every date signal with its source, chosen by precedence, never
a copyright year, a year-month URL, a site-wide «today» widget or htmldate's guess over a printed date."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import transforms.extract as extract_mod
from transforms.extract import DATE_SOURCES, extract_article

TEHRAN = "Asia/Tehran"  # UTC+03:30
CAIRO = "Africa/Cairo"  # UTC+02:00 in January
AKHBAR = str(Path(sys.executable).parent / "akhbar")

FA_BODY = ("<p>رئیس‌جمهور در نشست خبری امروز از برنامه‌های دولت برای مهار تورم و حمایت از تولید داخلی"
           " سخن گفت و بر ضرورت همکاری همه دستگاه‌ها تأکید کرد.</p>"
           "<p>وی افزود که بسته حمایتی جدید تا پایان ماه آینده به مجلس ارائه می‌شود و جزئیات آن پس از"
           " تصویب در هیئت دولت اعلام خواهد شد.</p>")
AR_BODY = ("<p>أعلنت وزارة الصحة المصرية اليوم عن إطلاق حملة قومية جديدة للتطعيم ضد شلل الأطفال تستهدف أكثر"
           " من أربعة عشر مليون طفل في جميع المحافظات.</p>"
           "<p>وأوضحت الوزارة في بيان رسمي أن الحملة تستمر لمدة أربعة أيام وأن فرق التطعيم ستجوب المنازل"
           " والمدارس ومراكز الشباب في القرى والمدن.</p>")


def _page(head: str = "", before: str = "", meta_line: str = "", after: str = "", *, lang: str = "ar",
          title: str = "حملة قومية للتطعيم ضد شلل الأطفال", body: str = AR_BODY) -> str:
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head><body>'
            f"{before}<article><h1>{title}</h1>{meta_line}{body}</article>{after}</body></html>")


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_solar_hijri_text_beats_a_year_in_an_inline_script():
    # «۲۰ اسفند ۱۴۰۳ - ۲۱:۱۸» Tehran = 10 March 2025 17:48 UTC; the script's hex "…2000…" is no date
    script = "<script>var cfg = {build: 'a2000f3e', asset: '/static/2000/01/01/app.js'};</script>"
    page = _page(script, meta_line='<div class="news-date">۲۰ اسفند ۱۴۰۳ - ۲۱:۱۸</div>', lang="fa",
                 title="برنامه دولت برای مهار تورم", body=FA_BODY)
    ex = extract_article(page, "https://www.example.ir/fa/news/4512", tz=TEHRAN)
    assert ex.published_at == _utc(2025, 3, 10, 17, 48)
    assert ex.date_source == "text"
    assert ex.date_signals[0] == "text=2025-03-10T17:48:00+00:00"


def test_htmldate_is_not_called_when_the_page_gives_a_date(monkeypatch: pytest.MonkeyPatch):
    def refuse(*_args: object) -> None:
        raise AssertionError("htmldate called although the page printed its date")

    monkeypatch.setattr(extract_mod, "_htmldate", refuse)
    page = _page(meta_line='<span class="date">الثلاثاء ١٥ آب/أغسطس ٢٠٢٣ - ١٠:٣٠</span>')
    ex = extract_article(page, "https://www.example.com/news/881", tz="Asia/Beirut")
    assert ex.published_at == _utc(2023, 8, 15, 7, 30)  # Beirut is UTC+3 in summer
    assert ex.date_source == "text"


def test_todays_date_widget_in_the_header_is_not_the_articles_date():
    widget = '<header><div class="date-now">الثلاثاء ٧ يناير ٢٠٢٥</div><nav><a href="/">الرئيسية</a></nav></header>'
    page = _page(before=widget, meta_line='<span class="date">٣ كانون الثاني/يناير ٢٠٢٥ - ٠٩:١٥ ص</span>')
    ex = extract_article(page, "https://www.example.com/news/77", tz="Asia/Beirut")
    assert ex.published_at == _utc(2025, 1, 3, 7, 15)
    assert ex.date_source == "text"


def test_widget_alone_gives_no_published_date():
    widget = '<div class="top-bar"><span class="date-today">الثلاثاء ٧ يناير ٢٠٢٥</span></div>'
    ex = extract_article(_page(before=widget), "https://www.example.com/news/77", tz=CAIRO)
    assert ex.published_at is None or ex.published_at.date() != datetime(2025, 1, 7).date()
    assert "widget=2025-01-07T10:00:00+00:00 (not the story's)" in ex.date_signals


def test_a_teasers_date_below_the_story_is_not_taken():
    teasers = ('<div class="more"><article><a href="/news/70"><h3>خبر آخر</h3>'
               '<span class="date">٢ يناير ٢٠٢٥</span></a></article></div>')
    ex = extract_article(_page(after=teasers), "https://www.example.com/news/77", tz=CAIRO)
    assert ex.published_at is None or ex.published_at.date() != datetime(2025, 1, 2).date()


def test_copyright_year_and_year_month_url_are_not_a_date():
    footer = '<footer><p class="footer-date">© ٢٠٢٣ جميع الحقوق محفوظة</p></footer>'
    ex = extract_article(_page(after=footer), "https://www.example.com/2024/05/story-name", tz=CAIRO)
    assert ex.published_at is None
    assert ex.date_source is None
    assert "url=2024-05 (year-month only: not a date)" in ex.date_signals


def test_full_url_date_is_a_weak_but_real_signal():
    ex = extract_article(_page(), "https://www.example.com/news/2024/05/03/vaccination", tz=CAIRO)
    assert ex.published_at == _utc(2024, 5, 3, 9)  # noon Cairo (UTC+3 in May 2024)
    assert ex.date_source == "url"


def test_solar_hijri_url_date():
    page = _page(lang="fa", title="برنامه دولت برای مهار تورم", body=FA_BODY)
    ex = extract_article(page, "https://www.example.ir/fa/1403/10/18/news-4512", tz=TEHRAN)
    assert ex.published_at == _utc(2025, 1, 7, 8, 30)


def test_structured_data_wins_and_every_signal_is_recorded():
    head = ('<meta property="article:published_time" content="2025-01-07T10:30:00+03:30">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-01-07T10:30:00+03:30"}'
            "</script>")
    page = _page(head, meta_line='<time datetime="2025-01-07T10:30:00+03:30">۱۸ دی ۱۴۰۳ - ۱۰:۳۰</time>',
                 lang="fa", title="برنامه دولت برای مهار تورم", body=FA_BODY)
    ex = extract_article(page, "https://www.example.ir/fa/news/2025/01/07/4512", tz=TEHRAN)
    assert ex.published_at == _utc(2025, 1, 7, 7, 0) and ex.date_source == "jsonld"
    sources = [s.split("=")[0] for s in ex.date_signals]
    assert sources == ["jsonld", "meta", "time", "url"]
    assert set(sources) <= set(DATE_SOURCES)


def test_day_only_structured_date_gets_the_printed_time_of_that_day():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-01-07"}</script>'
    page = _page(head, meta_line='<span class="date">الثلاثاء، 07 يناير 2025 02:30 م</span>')
    ex = extract_article(page, "https://www.example.com/news/91", tz=CAIRO)
    assert ex.published_at == _utc(2025, 1, 7, 12, 30)
    assert ex.date_signals[0] == "jsonld=2025-01-07T10:00:00+00:00 (day only)"


@pytest.mark.parametrize(("meta", "expected", "relabelled"), [
    # Cairo wall-clock labelled «Z»: the page prints «٢:٣٠ م», so 14:30 is Cairo time = 12:30 UTC
    ("2025-01-07T14:30:00Z", _utc(2025, 1, 7, 12, 30), True),
    ("2025-01-07T14:30:00+00:00", _utc(2025, 1, 7, 12, 30), True),
    # a real UTC time (12:30Z = 14:30 Cairo) and a correct offset are left alone
    ("2025-01-07T12:30:00Z", _utc(2025, 1, 7, 12, 30), False),
    ("2025-01-07T14:30:00+02:00", _utc(2025, 1, 7, 12, 30), False),
])
def test_local_time_labelled_utc_is_reread_in_the_outlets_timezone(meta: str, expected: datetime, relabelled: bool):
    head = f'<meta property="article:published_time" content="{meta}">'
    page = _page(head, meta_line='<div class="post-date">الثلاثاء، ٠٧ يناير ٢٠٢٥ ٠٢:٣٠ م</div>')
    ex = extract_article(page, "https://www.albawabhnews.com/5123456", tz=CAIRO)
    assert ex.published_at == expected and ex.date_source == "meta"
    assert any("re-read in Africa/Cairo" in s for s in ex.date_signals) is relabelled


def test_labelled_utc_is_kept_without_an_outlet_timezone():
    head = '<meta property="article:published_time" content="2025-01-07T14:30:00Z">'
    page = _page(head, meta_line='<div class="post-date">الثلاثاء، ٠٧ يناير ٢٠٢٥ ٠٢:٣٠ م</div>')
    assert extract_article(page, "https://www.albawabhnews.com/5123456").published_at == _utc(2025, 1, 7, 14, 30)


def test_a_time_with_its_offset_beats_one_without():
    # JSON-LD gives the local wall-clock without an offset; the meta tag gives the same moment with one
    head = ('<meta property="article:published_time" content="2025-01-07T10:30:00+03:30">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-01-07 10:30:00"}'
            "</script>")
    ex = extract_article(_page(head), "https://www.example.com/news/5")
    assert ex.published_at == _utc(2025, 1, 7, 7, 0) and ex.date_source == "meta"


def test_implausible_structured_date_falls_through():
    head = ('<meta property="article:published_time" content="1970-01-01T00:00:00Z">'
            '<meta property="og:description" content="">')
    page = _page(head, meta_line='<span class="date">12 جانفي 2025 - 14:05</span>')
    ex = extract_article(page, "https://www.example.tn/news/12", tz="Africa/Tunis")
    assert ex.published_at == _utc(2025, 1, 12, 13, 5) and ex.date_source == "text"
    assert "meta=1970-01-01T00:00:00+00:00 (implausible)" in ex.date_signals


def test_cli_extract_uses_the_outlets_timezone(tmp_path: Path):
    head = '<meta property="article:published_time" content="2025-01-07T14:30:00Z">'
    page = tmp_path / "p.html"
    page.write_text(_page(head, meta_line='<div class="post-date">الثلاثاء، ٠٧ يناير ٢٠٢٥ ٠٢:٣٠ م</div>'),
                    encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([AKHBAR, "extract", str(page), "--url", "https://www.albawabhnews.com/5123456",
                               "--json", *extra], capture_output=True, text=True, env=env, timeout=120)

    for extra in (("--outlet", "albawabhnews"), ("--tz", CAIRO)):
        proc = run(*extra)
        assert proc.returncode == 0, proc.stderr
        record = json.loads(proc.stdout)
        assert record["published_at"] == "2025-01-07 12:30:00+00:00"
        assert record["date_source"] == "meta"
    bad = run("--tz", "Mars/Olympus")
    assert bad.returncode == 2 and "unknown IANA timezone 'Mars/Olympus'" in bad.stderr
