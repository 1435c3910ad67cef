"""One page never breaks extraction: hostile pages real sites serve by accident (deeply nested JSON-LD,
impossible timezone offsets, malformed canonical URLs, 100k repeated characters or nested tags, a 1 MB line).

Each case runs ``extract_article`` (what the extraction workers call) and then the rest of the pure per-page
chain (``canonical_url``, ``article_id``): it must return, or raise the module's own ``ExtractionError``, and
finish within a generous bound (the machine is shared: the bound catches quadratic or worse work, seconds to
minutes per case, not a slow run). ``make test-faults`` prints one ``FAULT`` line per case.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from akhbar.transforms.extract import Extracted, ExtractionError, extract_article
from akhbar.transforms.identity import article_id, canonical_url

pytestmark = pytest.mark.faults

URL = "https://www.hamshahrionline.ir/news/912345/برنامه-دولت"
TEHRAN = "Asia/Tehran"
#: seconds one hostile page may take, generously: a normal page takes ~0.05 s, these up to ~2 s alone
BOUND = 20.0

FA_BODY = ("<p>رئیس‌جمهور در نشست خبری امروز از برنامه‌های دولت برای مهار تورم و حمایت از تولید داخلی"
           " سخن گفت و بر ضرورت همکاری همه دستگاه‌ها تأکید کرد.</p>"
           "<p>وی افزود که بسته حمایتی جدید تا پایان ماه آینده به مجلس ارائه می‌شود و جزئیات آن پس از"
           " تصویب در هیئت دولت اعلام خواهد شد.</p>")


def page(head: str = "", body: str = FA_BODY, after: str = "") -> str:
    """A Persian article page with ``head`` in its <head>, ``body`` in its <article>, ``after`` below."""
    return (f'<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
            f"<title>برنامه دولت برای مهار تورم</title>{head}</head><body><article>"
            f"<h1>برنامه دولت برای مهار تورم</h1>{body}</article>{after}</body></html>")


def ld(json_text: str) -> str:
    return f'<script type="application/ld+json">{json_text}</script>'


def meta_date(value: str) -> str:
    return f'<meta property="article:published_time" content="{value}">'


def nested(depth: int, left: str, right: str, core: str = "1") -> str:
    return left * depth + core + right * depth


@dataclass(frozen=True)
class Case:
    name: str
    html: Callable[[], str | bytes]
    #: checks on the result when extraction succeeds (the fault is answered, not only survived)
    check: Callable[[Extracted], None] | None = None


def _has_text(ex: Extracted) -> None:
    assert "رئیس‌جمهور" in ex.text


def _no_date(ex: Extracted) -> None:
    assert ex.published_at is None
    _has_text(ex)


def _noted(note: str) -> Callable[[Extracted], None]:
    def check(ex: Extracted) -> None:
        _has_text(ex)
        assert note in ex.notes, ex.notes
    return check


def _canonical_is_the_fetched_url(ex: Extracted) -> None:
    _has_text(ex)
    assert canonical_url(URL, ex.canonical_url) == canonical_url(URL, None)


CASES = [
    # JSON-LD: too deep for Python's recursion limit, and deep enough to hurt a recursive walk
    Case("json-ld nested 100k lists", lambda: page(ld(nested(100_000, "[", "]"))),
         _noted("jsonld: script 1 of 1 skipped (nested too deep to decode)")),
    Case("json-ld nested 100k objects", lambda: page(ld(nested(100_000, '{"@graph": ', "}"))),
         _noted("jsonld: script 1 of 1 skipped (nested too deep to decode)")),
    Case("json-ld @graph nested 300 deep", lambda: page(ld(nested(300, '{"@type": "WebPage", "@graph": [', "]}",
                                                                  '{"@type": "NewsArticle"}'))),
         _noted("jsonld: script 1 of 1 skipped (nested deeper than 64 levels)")),
    Case("json-ld author nested 900 deep", lambda: page(ld(
        '{"@type": "NewsArticle", "headline": "x", "author": ' + nested(900, "[", "]", '"a"') + "}")), _has_text),
    Case("json-ld headline nested 900 deep", lambda: page(ld(
        '{"@type": "NewsArticle", "headline": ' + nested(900, '{"name": ', "}", '"x"') + "}")), _has_text),
    Case("json-ld 100k objects in @graph", lambda: page(ld(
        '{"@graph": [' + ",".join(['{"@type": "Thing", "name": "x"}'] * 100_000) + "]}")),
         _noted("jsonld: script 1 of 1 skipped (more than 100000 values)")),
    Case("json-ld 1M-digit number", lambda: page(ld('{"@type": "NewsArticle", "wordCount": ' + "9" * 1_000_000
                                                   + "}")), _has_text),
    # dates with impossible offsets or fields, in the metadata and in JSON-LD
    *(Case(f"date {value}", (lambda v=value: page(meta_date(v) + ld(
        f'{{"@type": "NewsArticle", "datePublished": "{v}", "dateModified": "{v}"}}'))), _no_date)
      for value in ("2025-01-07T10:30:00+25:00", "2025-01-07T10:30:00+99:99", "2025-01-07T10:30:00-24:00",
                    "2025-01-07T10:30:00+24:00", "2025-01-07T10:30:99", "2025-01-07T10:99:00",
                    "0000-01-01T00:00:00Z", "99999-01-07T10:30:00Z")),
    Case("date offset with seconds", lambda: page(meta_date("2025-01-07T10:30:00+03:30:15"))),
    Case("date relative 10^12 hours", lambda: page(after='<div class="date">منذ 999999999999 ساعة</div>'),
         _has_text),
    Case("date relative 10^9 days", lambda: page(after='<div class="date">۹۹۹۹۹۹۹۹۹ روز پیش</div>'), _has_text),
    # canonical and og:url the page declares
    *(Case(f"canonical {ascii(href)[1:-1] if len(href) < 60 else 'with a 1M-character path'}",
           (lambda h=href: page(f'<link rel="canonical" href="{h}">')), _canonical_is_the_fetched_url)
      for href in ("http://[::1", "http://[fe80::zz]/a", "http://[::1]]", "https://www.hamshahrionline.ir:99999/a",
                   "https://www.hamshahrionline.ir:-1/a", "https://www.hamshahrionline.ir:abc/a",
                   "https://www.hamshahr\u00adionline\u0000.ir/a", "https://xn--zz-\u0644.ir/a",
                   "https://www.hamshahrionline.ir/" + "a" * 1_000_000)),
    Case("og:url with a bad port", lambda: page('<meta property="og:url" content="https://www.hamshahrionline.ir:'
                                                '99999/news/912345">'), _canonical_is_the_fetched_url),
    Case("og:url with a bad IPv6 host", lambda: page('<meta property="og:url" content="https://[fe80::zz]/x">'),
         _canonical_is_the_fetched_url),
    # size and shape
    Case("100k repeated letters in one word", lambda: page(body=FA_BODY + "<p>" + "ب" * 100_000 + "</p>")),
    Case("100k repeated digits in a date box", lambda: page(after='<div class="date">' + "۱" * 100_000 + "</div>"),
         _has_text),
    Case("100k digits in the published meta", lambda: page(meta_date("1" * 100_000)), _no_date),
    Case("100k repeated punctuation", lambda: page(body=FA_BODY + "<p>" + "-" * 100_000 + "</p>")),
    Case("100k repeated «، »", lambda: page(body=FA_BODY + "<p>برچسب‌ها: " + "، " * 100_000 + "</p>")),
    Case("100k spaces between words", lambda: page(body=FA_BODY + "<p>الف" + " " * 100_000 + "ب</p>")),
    Case("100k ZWNJ entities", lambda: page(body=FA_BODY + "<p>" + "&zwnj;" * 100_000 + "</p>")),
    Case("100k nested divs", lambda: page(body=nested(100_000, "<div>", "</div>", FA_BODY))),
    Case("100k nested inline tags", lambda: page(body=FA_BODY + nested(100_000, "<b>", "</b>", "متن"))),
    Case("100k unclosed tags", lambda: page(body=FA_BODY + "<span>" * 100_000)),
    # 10k, not 100k: at 100k (4 MB) trafilatura alone takes ~15 s, linearly; ours reads 40 boxes of each kind
    Case("10k date boxes", lambda: page(after='<span class="date">٢ يناير ٢٠٢٥</span>' * 10_000)),
    Case("1 MB single line of words", lambda: page(body=FA_BODY + "<p>" + "کلمه " * 200_000 + "</p>")),
    Case("1 MB single line without spaces", lambda: page(body=FA_BODY + "<p>" + "x" * 1_000_000 + "</p>")),
    Case("1 MB title", lambda: page(head=f'<meta property="og:title" content="{"عنوان " * 170_000}">')),
    Case("1 MB JSON-LD articleBody on one line", lambda: page(ld(
        '{"@type": "NewsArticle", "articleBody": "' + "کلمه " * 200_000 + '"}'))),
    # whitespace runs where the page's own strings reach a regular expression uncollapsed
    Case("json-ld CDATA with 100k spaces", lambda: page(ld("//<![CDATA[ {" + " " * 100_000 + "x //]]>")), _has_text),
    Case("json-ld author with 100k spaces", lambda: page(ld(
        '{"@type": "NewsArticle", "author": "علی' + " " * 100_000 + 'رضایی"}')), _has_text),
    Case("meta author with 100k spaces", lambda: page(f'<meta name="author" content="علی{" " * 100_000}رضایی">'),
         _has_text),
    Case("meta tags with 100k spaces", lambda: page(f'<meta property="article:tag" content="ا{" " * 100_000}ب">'),
         _has_text),
    Case("json-ld keywords with 100k spaces", lambda: page(ld(
        '{"@type": "NewsArticle", "keywords": "ا' + " " * 100_000 + 'ب"}')), _has_text),
    Case("json-ld body line with 100k spaces", lambda: page(ld(
        '{"@type": "NewsArticle", "articleBody": "' + "کلمه " * 100 + "\\nبرچسب" + " " * 100_000 + ': ب"}'))),
    Case("NUL and control characters", lambda: page(
        '<meta property="og:description" content="برنامه\x00 دولت\x0b برای مهار تورم و حمایت از تولید داخلی در نشست'
        ' خبری امروز\x1b">', body=FA_BODY.replace("دولت", "دو\x00لت\x07\x1b")).encode()),
    Case("unknown, UTF-7 and UTF-16 charsets", lambda: page('<meta charset="x-bogus"><meta http-equiv="Content-Type"'
                                                            ' content="text/html; charset=utf-7">').encode("utf-16")),
    Case("lone surrogates and bad bytes", lambda: page().encode() + b"\xed\xa0\x80\xff\xfe" * 1000),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_page_returns_or_raises_extraction_error_only(case: Case) -> None:
    html = case.html()
    started = time.monotonic()
    try:
        ex = extract_article(html, URL, tz=TEHRAN)
    except ExtractionError as exc:
        outcome, ex = f"refused ({exc.reason})", None
    else:
        outcome = "extracted"
        canonical = canonical_url(URL, ex.canonical_url)
        assert article_id(canonical, r"/news/(?P<id>\d+)")
    seconds = time.monotonic() - started
    print(f"\nFAULT hostile page, {case.name}: {outcome} in {seconds:.2f} s", flush=True)
    assert seconds < BOUND
    if ex is not None and case.check is not None:
        case.check(ex)
