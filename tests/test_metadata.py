"""Title, authors, tags and the JSON-LD body: site names out of titles and bylines, «و» inside names
kept, tags split, and a JSON-LD articleBody used only when it is the page's own, undamaged text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from akhbar.transforms.boilerplate import clean_authors, site_names, split_tags, strip_site_name
from akhbar.transforms.extract import extract_article

AR_PARAS = [
    "أعلنت وزارة الصحة المصرية اليوم عن افتتاح مستشفى جديد في محافظة أسوان بسعة مئتي سرير، ويضم أقساماً "
    "متخصصة لعلاج أمراض القلب والأورام وغرفاً للعناية المركزة.",
    "وقال المتحدث باسم الوزارة إن المستشفى سيخدم أكثر من مليون مواطن في المحافظة والمحافظات المجاورة، وإن "
    "العمل فيه سيبدأ بشكل تدريجي خلال الأسابيع المقبلة.",
    "وأضاف أن تكلفة المشروع بلغت نحو ثلاثة مليارات جنيه، وأن الحكومة تعتزم افتتاح مستشفيات مماثلة في "
    "محافظات الصعيد قبل نهاية العام الجاري.",
]


def _names(site: str | None, host: str) -> set[str]:
    return site_names([site], host)


@pytest.mark.parametrize(("raw", "site", "host", "gold"), [
    ("افتتاح مستشفى جديد في أسوان - اليوم السابع", "اليوم السابع", "www.youm7.com", "افتتاح مستشفى جديد في أسوان"),
    ("خبرگزاری مهر - افتتاح کتابخانه عمومی یزد", None, "www.mehrnews.com", "افتتاح کتابخانه عمومی یزد"),
    ("مباحثات في الدوحة بشأن غزة | الجزيرة نت", "الجزيرة نت", "www.aljazeera.net", "مباحثات في الدوحة بشأن غزة"),
    ("ماذا نعرف عن الاتفاق؟ - BBC News عربي", "BBC News", "www.bbc.com", "ماذا نعرف عن الاتفاق؟"),
    # the host alone names the site: golem.de
    ("Akkutechnik: Hat Quantumscape genug Akkus gebaut? - Golem.de", None, "www.golem.de",
     "Akkutechnik: Hat Quantumscape genug Akkus gebaut?"),
    # site and date appended: «– DW – 13.06.2023»
    ("Post-Vac-Syndrom: Was wissen wir? – DW – 13.06.2023", "Deutsche Welle", "www.dw.com",
     "Post-Vac-Syndrom: Was wissen wir?"),
    # a colon inside the headline is not a site separator, and a segment that is not the site stays
    ("الحكومة: لا زيادة في أسعار الخبز - والمعارضة تشكك", "اليوم السابع", "www.youm7.com",
     "الحكومة: لا زيادة في أسعار الخبز - والمعارضة تشكك"),
    # a byline after the site's name goes with it; « * » separates too
    ("افتتاح کتابخانه عمومی یزد | خبرگزاری مهر | نویسنده: مریم صالحی", None, "www.mehrnews.com",
     "افتتاح کتابخانه عمومی یزد"),
    ("New Plot Twist in Idaho Case | The Gateway Pundit | by Cristina Laila", "The Gateway Pundit",
     "www.thegatewaypundit.com", "New Plot Twist in Idaho Case"),
    ("Zelensky Is Now Considering Firing Top General * The Gateway Pundit * by Paul Serran", "The Gateway Pundit",
     "www.thegatewaypundit.com", "Zelensky Is Now Considering Firing Top General"),
    # a «von …» segment that follows the headline, not the site's name, is not taken for a byline
    ("Wahl in Graz - Stichwahl nötig - von Kurt Maier", "Kleine Zeitung", "www.kleinezeitung.at",
     "Wahl in Graz - Stichwahl nötig - von Kurt Maier"),
])
def test_site_name_is_stripped_from_titles(raw: str, site: str | None, host: str, gold: str) -> None:
    assert strip_site_name(raw, _names(site, host)) == gold


def test_other_headline_forms_show_a_section_tail_and_a_kicker() -> None:
    names = _names("Globalnews.ca", "globalnews.ca")
    h1 = "Russia hits Kyiv with ballistic missile"
    assert strip_site_name(h1 + " - National | Globalnews.ca", names, [h1]) == h1
    assert strip_site_name("Vierschanzentournee | Beleidigen und beschuldigen", set(),
                           ["Beleidigen und beschuldigen"]) == "Beleidigen und beschuldigen"


@pytest.mark.parametrize(("title", "other", "gold"), [
    # the social title and the on-page heading carry different kickers over one headline
    ("غزة: مباحثات في الدوحة بشأن وقف إطلاق النار", "عاجل - مباحثات في الدوحة بشأن وقف إطلاق النار",
     "مباحثات في الدوحة بشأن وقف إطلاق النار"),
    ("عاجل: مباحثات في الدوحة بشأن وقف إطلاق النار", "غزة: مباحثات في الدوحة بشأن وقف إطلاق النار",
     "مباحثات في الدوحة بشأن وقف إطلاق النار"),
    ("Iranischer Angriff auf Israel: «Die Zurückhaltung hat viel mit den USA zu tun»",
     "Eskalation im Nahen Osten - «Die Zurückhaltung hat viel mit den USA zu tun»",
     "«Die Zurückhaltung hat viel mit den USA zu tun»"),
    # one kicker written with two separators is part of the headline in both forms
    ("رياضة: الأهلي يفوز على الزمالك في نهائي الكأس", "رياضة - الأهلي يفوز على الزمالك في نهائي الكأس",
     "رياضة: الأهلي يفوز على الزمالك في نهائي الكأس"),
    # a shared end of three words is a phrase, not a headline
    ("الحكومة: لا زيادة في الأسعار", "المعارضة: لا زيادة في الأسعار", "الحكومة: لا زيادة في الأسعار"),
])
def test_a_headline_shared_under_different_kickers_is_the_title(title: str, other: str, gold: str) -> None:
    assert strip_site_name(title, set(), [other]) == gold


def test_the_shared_headline_loses_the_site_name_both_forms_end_with() -> None:
    names = _names("الجزيرة نت", "www.aljazeera.net")
    assert strip_site_name("غزة - مباحثات في الدوحة بشأن وقف إطلاق النار | الجزيرة نت", names,
                           ["عاجل - مباحثات في الدوحة بشأن وقف إطلاق النار | الجزيرة نت"]) == \
        "مباحثات في الدوحة بشأن وقف إطلاق النار"


def test_a_title_cut_at_an_unescaped_quote_is_read_whole() -> None:
    # content="… "الأمل" …": the attribute ends at the quote; <title> still holds the whole headline
    e = extract_article(_page("".join(f"<p>{p}</p>" for p in AR_PARAS), {},
                              title='الوزير: افتتاح مستشفى "الأمل" في أسوان - صوت الوادي'),
                        "https://wadi.example/news/6")
    assert e.title == 'الوزير: افتتاح مستشفى "الأمل" في أسوان'


def test_bench_title_comparison_ignores_whitespace_and_invisible_characters_only() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ is not installed
    from bench.metadata_bench import _norm

    assert _norm("Ein bisschen Fortschritt\u200b") == _norm("Ein  bisschen\xa0Fortschritt")
    assert _norm("Helikopter\xadlandeplatz") == _norm("Helikopterlandeplatz")
    # ZWNJ is spelling in Persian (می‌خواهم, not میخواهم); quotes and case still count
    assert _norm("می\u200cخواهم") != _norm("میخواهم")
    assert _norm("US’s favor") != _norm("US's favor")


@pytest.mark.parametrize(("raw", "gold"), [
    (["محمد وليد"], ["محمد وليد"]),  # «و» starting a name is not "and"
    (["أحمد علي و سارة محمود"], ["أحمد علي", "سارة محمود"]),
    (["بقلم: د. نهى فاروق"], ["د. نهى فاروق"]),
    (["كتب: وليد عبد الرحمن، وكالة أنباء الشرق الأوسط"], ["وليد عبد الرحمن"]),
    (["خبرنگار: مریم صالحی", "مریم صالحی"], ["مریم صالحی"]),
    (["By Kyle Wiggers", "TechCrunch"], ["Kyle Wiggers"]),
    (["خبرگزاری تسنیم", "https://www.tasnimnews.com/logo.png", "logo_tasnim.jpg"], []),
])
def test_authors_are_names_only(raw: list[str], gold: list[str]) -> None:
    assert clean_authors(raw, _names("TechCrunch", "www.tasnimnews.com")) == gold


def test_tags_split_on_every_separator() -> None:
    assert split_tags(["کتابخانه, یزد،کتاب‌خوانی؛ ", "یزد; ", " ، ", "الخط العربي"]) == [
        "کتابخانه", "یزد", "کتاب‌خوانی", "الخط العربي"]


def _page(body: str, ld: dict, title: str = "افتتاح مستشفى جديد في أسوان - صوت الوادي") -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", **ld}
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="صوت الوادي">
<meta name="keywords" content="مستشفيات، أسوان، وزارة الصحة">
<meta name="author" content="كتب: محمد وليد">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>
<body><header><a class="logo" href="/">صوت الوادي</a></header><main><article><h1>افتتاح مستشفى جديد في أسوان</h1>
<div class="body">{body}</div></article></main><footer>© 2025 صوت الوادي</footer></body></html>"""


def test_page_metadata_title_authors_tags() -> None:
    e = extract_article(_page("".join(f"<p>{p}</p>" for p in AR_PARAS), {}), "https://wadi.example/news/1")
    assert e.title == "افتتاح مستشفى جديد في أسوان"
    assert e.authors == ["محمد وليد"]
    assert e.tags == ["مستشفيات", "أسوان", "وزارة الصحة"]


def test_degraded_jsonld_body_never_replaces_the_dom_text() -> None:
    # the CMS copy: entities left undecoded (among them one that is no HTML entity), punctuation stripped
    degraded = " ".join(p.replace("،", "").replace(".", "") for p in AR_PARAS)
    degraded = degraded.replace("ا", "&#1575;").replace("ل", "&#x644;").replace(" ", "&nbsp;", 20)
    e = extract_article(_page("".join(f"<p>{p}</p>" for p in AR_PARAS), {"articleBody": degraded}),
                        "https://wadi.example/news/2")
    assert e.text.split("\n") == AR_PARAS


def test_truncated_jsonld_body_does_not_cut_the_text() -> None:
    ld = {"articleBody": AR_PARAS[0]}
    e = extract_article(_page("".join(f"<p>{p}</p>" for p in AR_PARAS), ld), "https://wadi.example/news/3")
    assert e.text.split("\n") == AR_PARAS


def test_jsonld_body_is_the_text_when_the_dom_has_none() -> None:
    body = "\n".join(AR_PARAS) + "\nتصريحات الوزير: &laquo;نعمل من أجل الجميع&raquo; &ccedil;"
    e = extract_article(_page('<div id="app"></div>', {"articleBody": body}), "https://wadi.example/news/4")
    assert all(p in e.text for p in AR_PARAS)
    assert "«نعمل من أجل الجميع» ç" in e.text and "&" not in e.text


def test_jsonld_body_fills_in_what_the_dom_extraction_misses() -> None:
    # the page shows the whole story but only the first paragraph sits where trafilatura looks
    dom = f"<p>{AR_PARAS[0]}</p><aside class='sidebar'>" + "".join(f"<span>{p}</span>" for p in AR_PARAS[1:]) + \
        "</aside>"
    e = extract_article(_page(dom, {"articleBody": "\n".join(AR_PARAS)}), "https://wadi.example/news/5")
    assert all(p in e.text for p in AR_PARAS)
