"""transforms/soft404.py: a status-200 page whose title or first heading says «page not found» and that has next to
no text is a soft-404; a headline with the same words, or an article under such a heading, is not."""

from __future__ import annotations

import pytest

from akhbar.transforms.soft404 import soft_404_reason


def _page(title: str, h1: str = "", text: str = "", charset: str = "utf-8") -> bytes:
    html = (f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><h1>{h1}</h1><p>{text}</p></body></html>")
    return html.encode(charset)


@pytest.mark.parametrize(("title", "h1"), [
    ("خطای ۴۰۴ | خبرگزاری ایرنا", "صفحه مورد نظر یافت نشد"),
    ("صفحه‌ای که به دنبال آن هستید وجود ندارد", ""),
    ("الجزيرة نت", "عذراً، الصفحة المطلوبة غير موجودة"),
    ("لم يتم العثور على الصفحة", ""),
    ("404 - Page Not Found", ""),
    ("Error 404", ""),
])
def test_a_not_found_heading_with_next_to_no_text_is_a_soft_404(title: str, h1: str):
    reason = soft_404_reason(_page(title, h1, "بازگشت به صفحه اصلی"))
    assert reason is not None and reason.startswith("soft-404: the page (status 200) says «")
    assert (h1 or title)[:20] in reason or title[:20] in reason


@pytest.mark.parametrize("headline", [
    "امکان مذاکره مستقیم با آمریکا وجود ندارد",  # «وجود ندارد» in a headline is news, not an error page
    "مقتل 404 مدنيين في غزة خلال أسبوع",
    "Page 3: the ministers not found guilty",
])
def test_a_headline_with_the_same_words_is_no_soft_404(headline: str):
    assert soft_404_reason(_page(headline, headline, "متن کوتاه")) is None


def test_an_article_under_a_not_found_heading_is_no_soft_404():
    body = "سخنگوی دولت در نشست خبری امروز گفت که برنامه تازه اقتصادی از هفته آینده اجرا می‌شود. " * 4
    assert len(body) >= 200
    assert soft_404_reason(_page("صفحه مورد نظر یافت نشد", "", body)) is None
    assert soft_404_reason(_page("صفحه مورد نظر یافت نشد", "", body[:150])) is not None


def test_a_windows_1256_page_is_read_in_its_own_charset():
    page = _page("الصفحة غير موجودة", "", "عودة", charset="windows-1256")
    with pytest.raises(UnicodeDecodeError):
        page.decode("utf-8")
    reason = soft_404_reason(page)
    assert reason is not None and "الصفحة غير موجودة" in reason


@pytest.mark.parametrize("body", [b"", b"   ", b"\x00\x01\x02", b'<?xml version="1.0" encoding="utf-8"?><rss/>'])
def test_what_is_no_page_is_no_soft_404_and_never_raises(body: bytes):
    assert soft_404_reason(body) is None


def test_soft_404_pages_are_told_from_short_articles():
    def page(title: str, h1: str, text: str) -> bytes:
        return (f"<html><head><title>{title}</title></head><body><h1>{h1}</h1><p>{text}</p></body></html>").encode()

    assert soft_404_reason(page("صفحه مورد نظر یافت نشد", "404", "بازگشت به صفحه اصلی"))
    assert soft_404_reason(page("الصفحة غير موجودة", "عذراً", "العودة إلى الرئيسية"))
    assert soft_404_reason(page("Page not found | Example News", "Oops", ""))
    # a short news brief whose headline says «does not exist» / carries a number: an article
    assert soft_404_reason(page("امکان مذاکره وجود ندارد", "امکان مذاکره وجود ندارد", "سخنگو گفت.")) is None
    assert soft_404_reason(page("قتل 404 شخصاً", "قتل 404 شخصاً", "قال المسؤول.")) is None
    assert soft_404_reason(page("404 Not Found", "Not Found", ""))
    assert soft_404_reason(page("صفحه مورد نظر یافت نشد", "h", "متن " * 100)) is None  # a real body of text
