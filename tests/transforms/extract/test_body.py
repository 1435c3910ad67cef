"""transforms/extract/body.py: the body trafilatura finds, the outlet's body selector when it names one, and the
JSON-LD articleBody when the page renders its text by script."""

from __future__ import annotations

from types import SimpleNamespace

from akhbar.transforms.extract.body import body_text, first_long_line, xpath_start
from akhbar.transforms.extract.options import ExtractOptions
from akhbar.transforms.extract.page import parse_page

STORY = ["سخنگوی دولت در نشست خبری امروز گفت که برنامه تازه اقتصادی از هفته آینده در همه استان‌ها اجرا می‌شود.",
         "وی افزود که یارانه نان و دارو تغییر نمی‌کند و بودجه آن در لایحه سال آینده پیش‌بینی شده است.",
         "به گفته او، گزارش پیشرفت برنامه هر سه ماه یک بار به مجلس شورای اسلامی ارائه خواهد شد."]
SIDEBAR = ["پربازدیدترین خبرهای امروز در بخش ورزش و فرهنگ را از دست ندهید و به صفحه ما سر بزنید."] * 3
URL = "https://www.irna.ir/fa/news/85712345"


def _body(body: str, ld: dict, opts: ExtractOptions) -> list[str]:
    """body_text on the tree extraction gives it (parse_page: joiners protected), lines with joiners restored."""
    parsed = parse_page(f"<html><head><title>خبر</title></head><body>{body}</body></html>", "text/html")
    text, _ = body_text(parsed.tree, ld, opts)
    return [line for line in (parsed.joiners.restore(text) or "").splitlines() if line]


def test_first_long_line_and_xpath_start():
    assert first_long_line("سیاسی\n۱۴۰۳/۱۰/۱۸\n" + STORY[0]) == STORY[0]
    assert first_long_line("سیاسی\nکوتاه") is None
    start = xpath_start("  سخنگوی\u00a0دولت \n در   نشست خبری امروز گفت که برنامه تازه اقتصادی")
    assert start == "سخنگوی دولت در نشست خبری امروز گفت که بر" and len(start) == 40


def test_the_article_text_is_found_without_the_sidebar():
    page = "<article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"
    assert _body(page, {}, ExtractOptions(url=URL)) == STORY


def test_the_outlets_body_selector_wins():
    page = ("<div class='most-read'>" + "".join(f"<p>{p}</p>" for p in SIDEBAR * 3) + "</div>"
            "<div class='news-body'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>")
    rules = SimpleNamespace(body_selector="div.news-body", drop_selectors=[])
    assert _body(page, {}, ExtractOptions(url=URL, overrides=rules)) == STORY


def test_a_page_rendered_by_script_gets_its_json_ld_body():
    ld = {"@type": "NewsArticle", "articleBody": "\n".join(STORY)}
    assert _body("<div id='root'></div><script>render()</script>", ld, ExtractOptions(url=URL)) == STORY
    short = {"@type": "NewsArticle", "articleBody": STORY[0]}  # too short to stand for the story
    assert _body("<div id='root'></div>", short, ExtractOptions(url=URL)) == []
