"""Tags: split on , ، ؛ ; | into a list, whitespace trimmed, empties dropped, ZWNJ inside a tag kept — from
tag lines in the body and from <meta name="keywords">, with real Persian and Arabic tag lines."""

from __future__ import annotations

import pytest

from akhbar.transforms.boilerplate import clean_lines, split_tags
from akhbar.transforms.extract import extract_article

ZWNJ = "\u200c"
BODY_FA = ("<p>سی‌وچهارمین نمایشگاه بین‌المللی صنایع دستی امروز در محل دائمی نمایشگاه‌های بین‌المللی تهران "
           "با حضور هنرمندانی از هجده کشور گشایش یافت و تا پایان هفته ادامه دارد.</p>"
           "<p>مدیرکل صنایع دستی استان گفت در این دوره بیش از ششصد غرفه برپا شده و بخش ویژه‌ای به "
           "کتاب‌خوانی و آموزش هنرهای سنتی به کودکان اختصاص یافته است.</p>")
BODY_AR = ("<p>أعلنت وزارة البلديات والإسكان فتح باب التسجيل في الدفعة الجديدة من برنامج الإسكان التنموي "
           "المخصص للأسر المستفيدة من الضمان الاجتماعي في جميع المناطق.</p>"
           "<p>ويوفر البرنامج وحدات سكنية جاهزة دون مقابل أو بإيجار رمزي بالشراكة مع الجمعيات الأهلية "
           "وشركات التطوير العقاري خلال العام الجاري.</p>")


def _page(body: str, lang: str, *, keywords: str | None = None, tag_line: str | None = None) -> str:
    meta = f'<meta name="keywords" content="{keywords}">' if keywords is not None else ""
    tail = f"<p>{tag_line}</p>" if tag_line else ""
    return (f'<html lang="{lang}" dir="rtl"><head><meta charset="utf-8"><title>خبر</title>{meta}</head>'
            f"<body><article><h1>عنوان خبر</h1>{body}{tail}</article></body></html>")


@pytest.mark.parametrize(("raw", "tags"), [
    (["کتاب‌خوانی، نمایشگاه بین‌المللی ؛ صنایع دستی"], ["کتاب‌خوانی", "نمایشگاه بین‌المللی", "صنایع دستی"]),
    (["الإسكان، الدعم السكني؛ التنمية الاجتماعية"], ["الإسكان", "الدعم السكني", "التنمية الاجتماعية"]),
    (["زيت الزيتون | تونس | صادرات"], ["زيت الزيتون", "تونس", "صادرات"]),
    (["  اقتصاد ,, ، ;  بورس\u00a0تهران  ", "", "اقتصاد"], ["اقتصاد", "بورس تهران"]),  # trimmed, empties, once
    ([f"{ZWNJ}می‌شود{ZWNJ} ، #ایران"], ["می‌شود", "ایران"]),  # a stray joiner at an edge is not part of the tag
])
def test_split_tags(raw: list[str], tags: list[str]):
    assert split_tags(raw) == tags


def test_zwnj_inside_a_tag_is_kept():
    (tag,) = split_tags(["کتاب‌خوانی"])
    assert ZWNJ in tag and tag == "کتاب" + ZWNJ + "خوانی"


@pytest.mark.parametrize(("line", "tags"), [
    ("برچسب ها: کتاب‌خوانی، صنایع دستی، نمایشگاه بین‌المللی", ["کتاب‌خوانی", "صنایع دستی", "نمایشگاه بین‌المللی"]),
    ("برچسب‌ها : اقتصاد ؛ بورس ؛ ", ["اقتصاد", "بورس"]),
    ("كلمات دلالية: الإسكان، الدعم السكني، التنمية الاجتماعية", ["الإسكان", "الدعم السكني", "التنمية الاجتماعية"]),
    ("الوسوم: زيت الزيتون | تونس | صادرات", ["زيت الزيتون", "تونس", "صادرات"]),
])
def test_tag_lines_in_the_body_become_tags(line: str, tags: list[str]):
    cleaned = clean_lines(["متن خبر اینجاست و ادامه دارد.", line])
    assert split_tags(cleaned.tags) == tags
    assert cleaned.lines == ["متن خبر اینجاست و ادامه دارد."]  # the tag line is not text


def test_extracted_tags_from_meta_keywords_are_a_list():
    ex = extract_article(_page(BODY_FA, "fa", keywords="کتاب‌خوانی، صنایع دستی؛ نمایشگاه بین‌المللی | تهران"),
                         "https://example.ir/fa/news/1")
    assert ex.tags == ["کتاب‌خوانی", "صنایع دستی", "نمایشگاه بین‌المللی", "تهران"]


def test_extracted_tags_from_an_arabic_tag_line():
    ex = extract_article(_page(BODY_AR, "ar", tag_line="كلمات دلالية: الإسكان، الدعم السكني، التنمية الاجتماعية"),
                         "https://example.com/ar/article/1")
    assert ex.tags == ["الإسكان", "الدعم السكني", "التنمية الاجتماعية"]
    assert "كلمات دلالية" not in ex.text


# -- tags are never the title (issue 26; real keyword lists of ar-assabah-01 and ar-alyaum-01) -------------------
ASSABAH_TITLE = ("الناشط الحقوقي السوداني خالد عبد الكريم ماسا لـ«الصباح»: كل الشروط متوفرة لثورة سودانية ولا حاجة "
                 "لنستورد شيئا")
ALYAUM_TITLE = "طهران تدفن «زادة».. وتتهم المعارضة الإيرانية باغتياله"


@pytest.mark.parametrize(("raw", "title", "tags"), [
    # the page's title as its only keyword (two spaces inside and a trailing comma, as the page has it)
    ([ASSABAH_TITLE.replace(": ", ":  ") + ","], ASSABAH_TITLE, []),
    # the headline cut into words, one keyword each
    (["طهران,تدفن,«زادة»..,وتتهم,المعارضة,الإيرانية,باغتياله"], ALYAUM_TITLE, []),
    (["طهران,تدفن,«زادة».."], ALYAUM_TITLE, []),  # its first words
    # real tags stay, the title among them goes
    ([f"إيران، {ALYAUM_TITLE}، محسن فخري زادة"], ALYAUM_TITLE, ["إيران", "محسن فخري زادة"]),
    # single-word tags that are not the headline's words in order stay
    (["طهران,إيران,اغتيال"], ALYAUM_TITLE, ["طهران", "إيران", "اغتيال"]),
    (["وتتهم,طهران,تدفن"], ALYAUM_TITLE, ["وتتهم", "طهران", "تدفن"]),
    # Persian: a ZWNJ difference does not make the title a tag
    (["بازار کتاب تهران"], "بازار کتاب‌ تهران", []),
])
def test_tags_are_never_the_title(raw: list[str], title: str, tags: list[str]):
    assert split_tags(raw, title) == tags


def test_extracted_tags_never_equal_the_title():
    page = _page(BODY_AR, "ar", keywords="عنوان خبر,").replace("<title>خبر</title>", "<title>عنوان خبر</title>")
    ex = extract_article(page, "https://example.com/ar/news/2")
    assert ex.title == "عنوان خبر" and ex.tags == []
