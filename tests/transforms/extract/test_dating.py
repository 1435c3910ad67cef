"""published_at from a page's evidence: every date signal with its source, chosen by precedence, never
a copyright year, a year-month URL, a site-wide «today» widget or htmldate's guess over a printed date."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from repo import SHARED

import akhbar.transforms.extract.dating as extract_mod
from akhbar.transforms.extract import DATE_SOURCES, extract_article

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
    assert ex.date_signals[0] == "text=2025-03-10T17:48:00+00:00 (Solar Hijri 1403/12/20)"


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


@pytest.mark.parametrize(("meta", "sources"), [
    # only the meta date: the headline's region is read too, and its <time> is recorded
    ("", ["meta", "time", "url"]),
    # JSON-LD and meta agree, with Tehran's own offset: nothing visible could change the choice, so the
    # visible dates are not read, and the evidence says why
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-01-07T10:30:00+03:30"}'
     "</script>", ["jsonld", "meta", "url"]),
])
def test_structured_data_wins_and_every_signal_read_is_recorded(meta: str, sources: list[str]):
    head = '<meta property="article:published_time" content="2025-01-07T10:30:00+03:30">' + meta
    page = _page(head, meta_line='<time datetime="2025-01-07T10:30:00+03:30">۱۸ دی ۱۴۰۳ - ۱۰:۳۰</time>',
                 lang="fa", title="برنامه دولت برای مهار تورم", body=FA_BODY)
    ex = extract_article(page, "https://www.example.ir/fa/news/2025/01/07/4512", tz=TEHRAN)
    assert ex.published_at == _utc(2025, 1, 7, 7, 0) and ex.date_source == sources[0]
    found = [s.split("=")[0] for s in ex.date_signals if "=" in s]
    assert found == sources and set(found) <= set(DATE_SOURCES)
    assert ("jsonld+meta agree: the page's visible dates not read" in ex.date_signals) is ("time" not in sources)


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


def test_json_ld_wrapped_in_cdata_is_read():
    # «//<![CDATA[ … //]]>» around the JSON (Krautreporter): without unwrapping, no JSON-LD date at all
    head = ('<script type="application/ld+json">\n//<![CDATA[\n{"@type": "NewsArticle",'
            ' "datePublished": "2025-01-07T14:30:00+02:00"}\n//]]>\n</script>')
    page = _page(head, meta_line='<time class="date" datetime="2025-01-07">٧ يناير ٢٠٢٥</time>')
    ex = extract_article(page, "https://www.example.com/news/44", tz=CAIRO)
    assert ex.published_at == _utc(2025, 1, 7, 12, 30) and ex.date_source == "jsonld"


def test_published_time_meta_written_with_colons():
    # «article:published:time» (Börsen-Zeitung) beats the 12-hour «3:48 Uhr» printed without am/pm
    head = '<meta property="article:published:time" content="2024-10-23T15:48:15+00:00">'
    page = _page(head, meta_line='<div class="publication-date">Frankfurt, October 23, 2024, 3:48 Uhr</div>')
    ex = extract_article(page, "https://www.example.de/artikel/dax")
    assert ex.published_at == _utc(2024, 10, 23, 15, 48, 15) and ex.date_source == "meta"


def test_the_storys_date_is_found_behind_many_teaser_dates():
    # a sidebar before the story with more dated teasers than are read page-wide: the headline's region
    # is read first, so its date is found
    sidebar = "".join(f'<li><span class="date">{d} يناير ٢٠٢٥</span> خبر قديم رقم {d}</li>' for d in range(1, 29))
    sidebar = f'<div class="side"><ul>{sidebar}{sidebar}</ul></div>'
    page = _page(before=sidebar, meta_line='<span class="date">٣١ يناير ٢٠٢٥ - ٠٩:١٥ ص</span>')
    ex = extract_article(page, "https://www.example.com/news/77", tz=CAIRO)
    assert ex.published_at == _utc(2025, 1, 31, 7, 15) and ex.date_source == "text"


def test_conclusive_structured_date_reads_only_the_headline_region(monkeypatch: pytest.MonkeyPatch):
    roots: list[str] = []
    real = extract_mod._date_nodes

    def spy(root: object, box_chars: int) -> object:
        roots.append(root.tag)
        return real(root, box_chars)

    monkeypatch.setattr(extract_mod, "_date_nodes", spy)
    widget = '<header><div class="date-now">الثلاثاء ٧ يناير ٢٠٢٥</div></header>'
    later = '<div class="more"><span class="date">٢ يناير ٢٠٢٥</span></div>'
    head = '<meta property="article:published_time" content="2025-01-03T09:15:00+02:00">'
    ex = extract_article(_page(head, before=widget, after=later), "https://www.example.com/news/77", tz=CAIRO)
    assert ex.published_at == _utc(2025, 1, 3, 7, 15) and ex.date_source == "meta"
    assert roots == ["article"]  # the page-wide pass is skipped: the widget is neither read nor listed
    assert not any(s.startswith("widget=") for s in ex.date_signals)
    # without a conclusive date (a day only) the whole page is read, as before
    roots.clear()
    day = '<meta property="article:published_time" content="2025-01-03">'
    ex = extract_article(_page(day, before=widget, after=later), "https://www.example.com/news/77", tz=CAIRO)
    assert roots == ["article", "html"]
    assert "widget=2025-01-07T10:00:00+00:00 (not the story's)" in ex.date_signals


REAL_PAGES = SHARED / "real-pages"


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason="../shared/real-pages not present")
@pytest.mark.parametrize("name", ["de-AFPFaktencheck_2026_05_24", "de-BoersenZeitung_2024_10_23",
                                  "de-Krautreporter_2024_08_22", "it-Tageszeitung_2025_04_16"])
def test_real_pages_dated_to_the_minute(name: str):
    # one page per rule: a German month name, «article:published:time», CDATA JSON-LD, «01. April 2025»
    import gzip

    meta = json.loads((REAL_PAGES / name / "meta.json").read_text(encoding="utf-8"))
    gold = datetime.fromisoformat(meta["publishing_date"]).astimezone(UTC)
    ex = extract_article(gzip.decompress((REAL_PAGES / name / "source.html.gz").read_bytes()), meta["url"])
    assert ex.published_at is not None and abs((ex.published_at - gold).total_seconds()) < 60


def test_agreeing_json_ld_and_meta_in_utc_are_still_checked_against_the_printed_local_time():
    # both say 14:30Z, the page prints «٢:٣٠ م»: Cairo is not UTC, so the printed time is read and re-reads it
    stamp = "2025-01-07T14:30:00Z"
    head = (f'<meta property="article:published_time" content="{stamp}">'
            f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{stamp}"}}</script>')
    page = _page(head, meta_line='<div class="post-date">الثلاثاء، ٠٧ يناير ٢٠٢٥ ٠٢:٣٠ م</div>')
    ex = extract_article(page, "https://www.albawabhnews.com/5123456", tz=CAIRO)
    assert ex.published_at == _utc(2025, 1, 7, 12, 30) and ex.date_source == "jsonld"
    assert any("re-read in Africa/Cairo" in s for s in ex.date_signals)
    # without the outlet's timezone nothing could re-read it: the visible dates are not read at all
    ex = extract_article(page, "https://www.albawabhnews.com/5123456")
    assert ex.published_at == _utc(2025, 1, 7, 14, 30)
    assert "jsonld+meta agree: the page's visible dates not read" in ex.date_signals


def test_htmldate_leaves_the_shared_tree_untouched():
    # htmldate cleans what it reads; it copies an HtmlElement first, so we pass ours without a copy
    from lxml import html as lxml_html
    from trafilatura.utils import load_html

    page = _page(after='<footer><script>var d = "2024-03-02";</script><p>نشر في 2 مارس 2024</p></footer>')
    tree = load_html(page)
    before = lxml_html.tostring(tree, encoding="unicode")
    assert extract_mod._htmldate(tree, "https://www.example.com/news/8") is not None
    assert lxml_html.tostring(tree, encoding="unicode") == before


# -- a generic guess is not a date (issue 23) -------------------------------------------------------
def _news_page(lang: str, site: str, url: str, title: str, body: str, footer: str, printed: str = "",
               head: str = "") -> str:
    """A news page as outlets serve it: site head, menu, share bar, tag list, related links, footer."""
    menu = {"fa": ["صفحه نخست", "سیاسی", "اقتصادی", "ورزشی", "بین‌الملل"],
            "ar": ["الرئيسية", "أخبار مصر", "اقتصاد", "رياضة", "عربي ودولي"]}[lang]
    related = {"fa": "اخبار مرتبط", "ar": "اقرأ أيضا"}[lang]
    nav = "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(menu))
    return (f'<!DOCTYPE html><html lang="{lang}" dir="rtl"><head><meta charset="utf-8">'
            f"<title>{title} - {site}</title>"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta property="og:type" content="article"><meta property="og:site_name" content="{site}">'
            f'<meta property="og:title" content="{title}"><meta property="og:url" content="{url}">'
            f'<link rel="canonical" href="{url}"><link rel="stylesheet" href="/static/css/main.css">'
            f'<script src="/static/js/jquery-1.1.13.min.js"></script>{head}</head>'
            f'<body><header class="site-header"><a class="logo" href="/">{site}</a><ul class="menu">{nav}</ul>'
            f'</header><main><article class="news"><h1 class="title">{title}</h1>{printed}{body}'
            f'<div class="share"><a href="https://t.me/share/url?url={url}">تلگرام</a></div></article>'
            f'<aside><h3>{related}</h3><ul><li><a href="/news/8812">{title[:12]} …</a></li></ul></aside></main>'
            f'<footer class="site-footer"><p>{footer}</p></footer></body></html>')


FA_YEAR_ONLY = ("fa", "عصر ایران", "https://www.asriran.com/fa/2013/news-285123", "برنامه دولت برای مهار تورم",
                FA_BODY, "© ۲۰۱۳ کلیه حقوق این سایت متعلق به عصر ایران است")
AR_YEAR_ONLY = ("ar", "بوابة الأخبار", "https://www.akhbarelyom.com/2013/news-117254",
                "حملة قومية للتطعيم ضد شلل الأطفال", AR_BODY, "جميع الحقوق محفوظة 2013 © بوابة الأخبار")


@pytest.mark.parametrize(("page", "tz"), [(FA_YEAR_ONLY, TEHRAN), (AR_YEAR_ONLY, CAIRO)], ids=["fa", "ar"])
def test_a_year_in_the_url_and_footer_is_not_a_date(page: tuple[str, ...], tz: str):
    # htmldate returns January 1st of that year (from the footer, or the canonical link's /2013/): no day on
    # the page says so (jquery-1.1.13 in a script's path is a version, not «1.1.13»), so the guess is
    # refused, noted, and the pipeline takes the listing's date
    lang, site, url, title, body, footer = page
    html = _news_page(lang, site, url, title, body, footer)
    assert extract_mod._htmldate(extract_mod.traf.load_html(html), url) == "2013-01-01"
    ex = extract_article(html, url, tz=tz)
    assert ex.published_at is None and ex.date_source is None
    assert "htmldate=2013-01-01 (no day on the page: refused)" in ex.date_signals


def test_a_year_month_is_not_a_date_either():
    # «دی ۱۳۹۱» / «2013/05» in the page: htmldate's 1st of the month, refused the same way
    html = _news_page(*AR_YEAR_ONLY[:5], "جميع الحقوق محفوظة", printed='<p class="info">أرشيف 2013/05</p>')
    ex = extract_article(html, AR_YEAR_ONLY[2], tz=CAIRO)
    assert ex.published_at is None
    assert any(s.endswith("(no day on the page: refused)") for s in ex.date_signals), ex.date_signals


@pytest.mark.parametrize(("page", "tz", "printed", "head"), [
    # a full date our rules do not read (a plain paragraph, a class without «date», an attribute htmldate
    # knows and we do not): htmldate's day is backed by the page, so it still counts
    (AR_YEAR_ONLY, CAIRO, "<p>نُشر بتاريخ 2013-01-05</p>", ""),
    (AR_YEAR_ONLY, CAIRO, '<span class="meta">السبت 05.01.2013 - 10:30</span>', ""),
    (AR_YEAR_ONLY, CAIRO, "", '<meta name="citation_publication_date" content="2013/01/05">'),
    (FA_YEAR_ONLY, TEHRAN, '<span class="meta">۱۳۹۱/۱۰/۱۶</span><p>تهران - 05/01/2013</p>', ""),
    # a two-digit year, which our rules never read as a date (rbb24.de prints «Do 25.04.24 | 14:07 Uhr»)
    (AR_YEAR_ONLY, CAIRO, '<div class="date">السبت 05.01.13 | 10:30</div>', ""),
], ids=["ar-paragraph", "ar-meta-span", "ar-citation-meta", "fa-solar-and-gregorian", "ar-two-digit-year"])
def test_htmldate_counts_when_the_page_prints_that_day(page: tuple[str, ...], tz: str, printed: str, head: str):
    lang, site, url, title, body, footer = page
    ex = extract_article(_news_page(lang, site, url, title, body, footer, printed, head), url, tz=tz)
    assert ex.published_at is not None and ex.published_at.date() == datetime(2013, 1, 5).date()
    assert ex.date_source == "htmldate"
    assert not any("refused" in s for s in ex.date_signals)


def test_the_days_evidence_is_read_in_a_bounded_number_of_places(monkeypatch: pytest.MonkeyPatch):
    # a page writing its year thousands of times (an archive sidebar) and never the guessed day: at most
    # _MAX_EVIDENCE places are read, two stretches each
    calls: list[str] = []
    real = extract_mod.parse_date

    def counting(s: str, **kw: object) -> object:
        calls.append(s)
        return real(s, **kw)

    sidebar = "<ul>" + "<li>أرشيف 2013</li>" * 5000 + "</ul>"
    html = _news_page(*AR_YEAR_ONLY[:6], printed=sidebar)
    monkeypatch.setattr(extract_mod, "parse_date", counting)
    ex = extract_article(html, AR_YEAR_ONLY[2], tz=CAIRO)
    assert ex.published_at is None
    assert 0 < len(calls) <= 2 * extract_mod._MAX_EVIDENCE + 10


@pytest.mark.parametrize(("printed", "tz", "ago"), [
    ("منذ 15 دقيقة", CAIRO, timedelta(minutes=15)),
    ("قبل 3 ساعات", CAIRO, timedelta(hours=3)),
    ("۲ ساعت پیش", TEHRAN, timedelta(hours=2)),
])
def test_a_relative_time_printed_under_the_headline_counts_back_from_the_fetch(printed, tz, ago):
    """The extractor passes the fetch time (ExtractOptions.now) to the date parser; without it a relative time is
    no date (the pure layer never reads the clock)."""
    fetched = datetime(2025, 1, 7, 20, 0, tzinfo=UTC)
    lang = "fa" if tz == TEHRAN else "ar"
    page = _page(meta_line=f'<span class="date">{printed}</span>', lang=lang,
                 **({"title": "برنامه دولت برای مهار تورم", "body": FA_BODY} if lang == "fa" else {}))
    ex = extract_article(page, "https://www.example.com/news/77", tz=tz, now=fetched)
    assert ex.published_at == fetched - ago and ex.date_source == "text"
    assert any("relative" in s for s in ex.date_signals), ex.date_signals
    assert extract_article(page, "https://www.example.com/news/77", tz=tz).date_source != "text"


@pytest.mark.parametrize(("url", "day"), [
    ("https://arabic.cnn.com/2013/middle_east/8/3/egypt-morsi-supporters", date(2013, 8, 3)),
    ("https://www.example.com/2021/world/12/30/story", date(2021, 12, 30)),
    ("https://www.example.com/2021/world/123/30/story", None),  # no month of three digits
    ("https://www.example.com/2021/world/12/story-30", None),  # a day must be a segment of its own
])
def test_a_url_date_with_a_section_between_year_and_month(url, day):
    page = _page(lang="ar")  # no date printed anywhere: the URL is the only evidence
    ex = extract_article(page, url, tz=CAIRO)
    assert (ex.published_at.astimezone(ZoneInfo(CAIRO)).date() if ex.published_at else None) == day
    assert (ex.date_source == "url") is (day is not None)
