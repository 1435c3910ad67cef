"""extract_article on pages built like the seed crawls: ZWNJ kept, boilerplate out, credit apart."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html
from repo import ROOT

from akhbar.outlets.registry import ExtractOverrides
from akhbar.transforms.boilerplate import LIST_LABELS, may_hold_list_labels, prune_blocks, trim_edges
from akhbar.transforms.extract import EXTRACTOR_VERSION, Extracted, ExtractionError, extract_article

ZWNJ = "\u200c"
FA_PARAS = [
    "در تماس تلفنی تاکیشی ایوایا، وزیر خارجه ژاپن، و مارکو روبیو، همتای آمریکایی او، دو طرف درباره جنگ غزه و "
    "برنامه هسته‌ای ایران گفت‌وگو کردند.",
    "وزارت امور خارجه ژاپن در بیانیه‌ای اعلام کرد که تاکیشی ایوایا در این گفت‌وگو هشدار داد اقدامات یکجانبه، "
    "امکان تحقق راه‌حل دودولتی در خاورمیانه را به خطر می‌اندازد.",
    "وی بر حمایت بی‌چون‌وچرای توکیو از این راه‌حل تأکید کرد و افزود: «جامعه بین‌الملل به‌ویژه ایالات متحده "
    "باید به این روند کمک کند.» این پاراگراف درباره آخرین اخبار منطقه و خبرهای مرتبط با آن نیز سخن می‌گوید.",
    "بر اساس این بیانیه، دو طرف همچنین به بررسی آخرین تحولات مربوط به برنامه هسته‌ای ایران پرداختند که "
    "نشان‌دهنده نگرانی مشترک دو متحد درباره ثبات منطقه‌ای است.",
]
FA_RELATED = ["ترامپ نوآوری آمریکایی را نابود می‌کند", "چرا ژاپن برای ترامپ مهم است؟",
              "حمله هوایی به جنوب لبنان", "واکنش روسیه به بازگرداندن تحریم‌ها"]

AR_PARAS = [
    "بحث وزيرا الخارجية الياباني تاكاشي إيوايا والأمريكي أنتوني بلينكن سلسلة من القضايا الإقليمية، بما في ذلك "
    "الأوضاع في الشرق الأوسط والعلاقات مع الصين والوضع في أوكرانيا.",
    "وذكرت وزارة الخارجية اليابانية - في بيان نشرته اليوم الثلاثاء - أن ذلك جاء خلال زيارة بلينكن الحالية "
    "لليابان ولقائه إيوايا لمناقشة سبل تعزيز العلاقات الثنائية والقضايا الإقليمية والدولية.",
    "وفي ختام الاجتماع، شدد الجانبان على أهمية مواصلة العمل المشترك لتعزيز التحالف الياباني-الأمريكي، الذي "
    "وصفاه بأنه أقوى من أي وقت مضى، وقال مسؤول إن على القراء أن يقرأوا أيضاً البيان الكامل.",
]
AR_OTHER_STORY = [
    "الخارجية تؤكّد أهمية تعزيز أواصر التعاون مع أمريكا",
    "استقبل وزير الخارجية بالإنابة بحكومة الوحدة الوطنية الطاهر الباعور، القائم بأعمال سفارة الولايات المتحدة "
    "الأمريكية لدى ليبيا، جيريمي برنت، وذلك بمقر ديوان الوزارة في العاصمة طرابلس، لبحث التعاون الثنائي.",
]


def _p(paras: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paras)


def fa_page() -> str:
    related = "".join(f'<li><a href="/news/{i}">{t}</a></li>' for i, t in enumerate(FA_RELATED))
    return f"""<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>رایزنی تلفنی وزرای خارجه آمریکا و ژاپن درباره غزه</title>
<meta property="og:title" content="رایزنی تلفنی وزرای خارجه آمریکا و ژاپن درباره غزه">
<link rel="canonical" href="/fa/news/123">
<meta property="article:published_time" content="2025-09-21T10:15:00+03:30">
</head><body>
<nav><a href="/">صفحه اصلی</a> <a href="/world">بین‌الملل</a></nav>
<article><h1>رایزنی تلفنی وزرای خارجه آمریکا و ژاپن درباره غزه</h1>
<div class="news-code">کد خبر: ۱۴۲۹۰۳۵</div>
<div class="body">{_p(FA_PARAS)}
<p>منبع: الجزیره /رای الیوم</p>
<div class="tags">برچسب ها: آمریکا و ژاپن ، جنگ غزه ، برنامه هسته ای ایران</div></div>
<section class="related"><h3>خبرهای مرتبط</h3><ul>{related}</ul></section>
<section class="suggested"><h3>اخبار پیشنهادی</h3><ul>{related}</ul></section>
<div class="comments"><h3>تبادل نظر</h3><p>آدرس ایمیل خود را با فرمت مناسب وارد نمایید.</p>
<div>ارسال نظرات در انتظار بررسی: ۰ انتشار یافته: ۰</div></div>
</article>
<aside><h3>آخرین اخبار</h3><ul>{related}</ul></aside>
<footer>تمامی حقوق مادی و معنوی این سایت محفوظ است.</footer></body></html>"""


def ar_page(charset: str = "utf-8") -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "اليابان والولايات المتحدة",
          "datePublished": "2025-01-07T09:30:00+02:00", "author": {"@type": "Person", "name": "محمد علي"},
          "keywords": "اليابان, الولايات المتحدة"}
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>اليابان والولايات المتحدة تبحثان قضايا الشرق الأوسط</title>
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body><div class="page"><div class="article">
<h1>اليابان والولايات المتحدة تبحثان قضايا الشرق الأوسط وسبل تعزيز التحالف الثنائي</h1>
<div class="date">تاريخ النشر: 7th, January 2025 GMT</div>
<p>تابع أحدث الأخبار عبر تطبيق</p>
{_p(AR_PARAS)}
<p>المصدر: البوابة نيوز</p>
<p>كلمات دلالية: الشرق الأوسط</p>
<p>إقرأ أيضاً:</p>
{_p(AR_OTHER_STORY)}
<p>مشاركة</p><p>اضف تعليقاً واقرأ تعليقات القراء</p>
</div></div></body></html>"""


def test_persian_page_keeps_zwnj_and_drops_boilerplate() -> None:
    ex = extract_article(fa_page().encode("utf-8"), "https://example.ir/fa/news/123",
                         content_type="text/html; charset=utf-8")
    assert isinstance(ex, Extracted)
    assert ex.text.split("\n") == FA_PARAS  # exactly as published, one paragraph per line
    assert f"گفت{ZWNJ}وگو" in ex.text and f"می{ZWNJ}اندازد" in ex.text
    assert "گفتوگو" not in ex.text and "\ufffd" not in ex.text
    for junk in ["خبرهای مرتبط", "اخبار پیشنهادی", "برچسب ها", "تبادل نظر", "ارسال نظرات", "کد خبر",
                 *FA_RELATED, "آدرس ایمیل"]:
        assert junk not in ex.text.replace("آخرین اخبار منطقه و خبرهای مرتبط با آن", ""), junk
    # a paragraph that merely mentions the label words stays
    assert "آخرین اخبار منطقه و خبرهای مرتبط با آن" in ex.text
    assert ex.source_credit == "الجزیره /رای الیوم"
    assert "منبع" not in ex.text
    assert ex.title == "رایزنی تلفنی وزرای خارجه آمریکا و ژاپن درباره غزه"
    assert ex.language == "fa"
    assert ex.canonical_url == "https://example.ir/fa/news/123"
    assert ex.published_at == datetime(2025, 9, 21, 6, 45, tzinfo=UTC)
    assert ex.encoding == "utf_8"


def test_zwnj_in_title_and_entities_survives() -> None:
    page = fa_page().replace("<title>رایزنی", "<title>گفت&zwnj;وگوی رایزنی").replace(
        'content="رایزنی', 'content="گفت&#8204;وگوی رایزنی')
    ex = extract_article(page, "https://example.ir/fa/news/123")
    assert ex.title is not None and ex.title.startswith(f"گفت{ZWNJ}وگوی")


def test_arabic_page_credit_tags_and_appended_story() -> None:
    ex = extract_article(ar_page().encode("utf-8"), "https://example.com/ar/news/9")
    assert ex.text.split("\n") == AR_PARAS
    for junk in ["تابع أحدث الأخبار", "إقرأ أيضاً", "كلمات دلالية", "مشاركة", "اضف تعليقاً", *AR_OTHER_STORY]:
        assert junk not in ex.text, junk
    assert ex.source_credit == "البوابة نيوز"
    assert ex.language == "ar"
    assert ex.authors == ["محمد علي"]
    assert ex.published_at == datetime(2025, 1, 7, 7, 30, tzinfo=UTC)


def test_windows_1256_bytes_mislabelled_as_latin1() -> None:
    page = ar_page(charset="iso-8859-1")
    ex = extract_article(page.encode("cp1256"), "https://example.com/ar/news/9",
                         content_type="text/html; charset=iso-8859-1")
    assert ex.encoding == "cp1256"
    assert ex.text.split("\n") == AR_PARAS


def test_truncated_utf8_body_has_no_replacement_char() -> None:
    body = fa_page().encode("utf-8")
    cut = body[: body.index("نشان‌دهنده".encode()) + 3]  # inside a two-byte letter
    ex = extract_article(cut, "https://example.ir/fa/news/123", content_type="text/html; charset=utf-8")
    assert "\ufffd" not in ex.text
    assert ex.text.startswith(FA_PARAS[0])


def test_overrides_drop_and_select() -> None:
    page = fa_page().replace('<div class="body">', '<div class="body"><p class="promo">' + "تبلیغ ویژه " * 30
                             + "</p>")
    ex = extract_article(page, "https://example.ir/fa/news/123",
                         overrides=ExtractOverrides(drop_selectors=["p.promo"], body_selector="div.body"))
    assert "تبلیغ" not in ex.text
    assert ex.text.split("\n") == FA_PARAS


def test_visible_solar_hijri_date_when_no_metadata() -> None:
    page = fa_page().replace('<meta property="article:published_time" content="2025-09-21T10:15:00+03:30">', "")
    page = page.replace('<div class="news-code">', '<div class="date">۱۸ دی ۱۴۰۳ - ۱۴:۳۰</div><div class="news-code">')
    ex = extract_article(page, "https://example.ir/fa/news/123", tz="Asia/Tehran")
    assert ex.published_at == datetime(2025, 1, 7, 11, 0, tzinfo=UTC)


@pytest.mark.parametrize(("body", "ctype"), [(b"", None), (b"   ", "text/html"), (b"%PDF-1.7 ...", "application/pdf"),
                                              (b'{"a": 1}', "application/json")])
def test_non_html_and_empty_pages_raise(body: bytes, ctype: str | None) -> None:
    with pytest.raises(ExtractionError):
        extract_article(body, "https://example.com/x", content_type=ctype)


def test_a_page_given_as_bytes_is_decoded_and_extracted() -> None:
    ex = extract_article(fa_page().encode("utf-8"), "https://example.ir/fa/news/123")
    assert ex.text.split("\n") == FA_PARAS and ex.encoding == "utf_8"
    assert EXTRACTOR_VERSION.startswith("akhbar-extract-")


def test_related_block_inside_the_body_keeps_the_paragraphs_after_it():
    """An «إقرأ أيضاً» box between paragraphs: its headlines go, the paragraphs after it stay (even short
    ones, which the line rule alone would take for headlines)."""
    after = ["وأكد الوزيران في مؤتمر صحفي مشترك أهمية التنسيق المستمر في الملفات الإقليمية.",
             "ومن المقرر أن تعقد اللجنة العليا المشتركة اجتماعها المقبل في عمّان."]
    headlines = [AR_OTHER_STORY[0], "ارتفاع أسعار الذهب في السوق المحلية وعيار 21 يسجل 3780 جنيهاً"]
    related = "".join(f'<li><a href="/News/{i}">{h}</a></li>' for i, h in enumerate(headlines))
    body = "".join(f"<p>{p}</p>" for p in AR_PARAS[:2])
    html = (f"<html><head><title>t</title></head><body><main><h1>وزير الخارجية يستقبل نظيره</h1>"
            f"<div class='wysiwyg'>{body}<section class='read-also'><h4>إقرأ أيضاً</h4><ul>{related}</ul>"
            f"</section>{''.join(f'<p>{p}</p>' for p in after)}</div></main></body></html>")
    text = extract_article(html, "https://www.example.com/News/2025/1/7/x").text
    for paragraph in [*AR_PARAS[:2], *after]:
        assert paragraph in text
    assert "إقرأ أيضاً" not in text and "الذهب" not in text and AR_OTHER_STORY[0] not in text


def _article_html(inner: str, title: str = "وزير الخارجية يستقبل نظيره") -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<div class='body'>{inner}</div></article></body></html>")


def test_fact_box_tweet_embed_and_teaser_list_are_cut() -> None:
    fact = "هذه معلومات عامة عن التحالف الياباني الأمريكي منذ عام ألف وتسعمئة وواحد وخمسين وحتى اليوم."
    tweet = "تغريدة من حساب رسمي تعلق على الزيارة وتدعو إلى المزيد من التعاون بين البلدين الحليفين."
    teasers = "".join(f'<li><strong>عاجل:</strong> <a href="/n/{i}">{h}</a></li>' for i, h in enumerate(
        ["ارتفاع أسعار الذهب في السوق المحلية اليوم", "منتخب مصر يتأهل إلى نهائيات كأس العالم", AR_OTHER_STORY[0]]))
    html = _article_html(
        f"<p>{AR_PARAS[0]}</p><div class='article-factbox'><h3>حقائق</h3><p>{fact}</p></div>"
        f"<p>{AR_PARAS[1]}</p><blockquote class='twitter-tweet'><p>{tweet}</p>&mdash; حساب</blockquote>"
        f"<ul>{teasers}</ul><p>{AR_PARAS[2]}</p>")
    text = extract_article(html, "https://www.example.com/a/1").text
    assert text.split("\n") == AR_PARAS
    assert "الذهب" not in text


def test_a_list_of_article_paragraphs_with_a_link_is_kept() -> None:
    """Only lists whose every item is mostly a link are teasers: a list of sentences stays."""
    items = [AR_PARAS[1], AR_OTHER_STORY[1], "وقال مسؤول إن الجانبين اتفقا على مواصلة التنسيق في الملفات الإقليمية."]
    lis = "".join(f"<li>{s} <a href='/src/{i}'>المصدر</a></li>" for i, s in enumerate(items))
    text = extract_article(_article_html(f"<p>{AR_PARAS[0]}</p><ul>{lis}</ul><p>{AR_PARAS[2]}</p>"),
                           "https://www.example.com/a/2").text
    for s in items:
        assert s in text


def test_next_article_appended_by_infinite_scroll_is_pruned() -> None:
    title = "وزير الخارجية يستقبل نظيره"
    first = f"<article><h1>{title}</h1>{_p(AR_PARAS)}</article>"
    second = f"<article><h1>{AR_OTHER_STORY[0]}</h1>{_p([AR_OTHER_STORY[1]])}</article>"

    def page(head_title: str) -> str:
        return f"<html><head><title>{head_title}</title></head><body><main>{first}{second}</main></body></html>"

    tree = lxml_html.fromstring(page(f"{title} | الموقع"))
    removed = prune_blocks(tree)
    assert AR_OTHER_STORY[1] in removed
    assert len(tree.xpath("//article")) == 1 and AR_PARAS[0] in tree.text_content()
    # the first <article> is not the page's headline: no way to tell which one is the page's, keep both
    tree = lxml_html.fromstring(page("عنوان آخر"))
    assert prune_blocks(tree) == "" and len(tree.xpath("//article")) == 2


def test_line_repeated_three_times_is_template_text() -> None:
    notice = "المحتوى الخارجي غير متاح بسبب إعدادات الخصوصية الخاصة بك"
    body = "".join(f"<p>{p}</p><p>{notice}</p>" for p in AR_PARAS)
    text = extract_article(_article_html(body), "https://www.example.com/a/5").text
    assert notice not in text
    assert text.split("\n") == AR_PARAS


def test_every_list_label_passes_the_cheap_page_pretest() -> None:
    """drop_related_blocks is skipped on pages failing may_hold_list_labels: no label may fail it."""
    for label in LIST_LABELS:
        assert may_hold_list_labels(f"<p>{label}</p>"), label
    assert not may_hold_list_labels("<p>Read more: the latest news</p>")


def test_headline_forms_at_the_top_of_the_body_are_dropped() -> None:
    """The headline is the title, not text, in whatever form the body repeats it: with a kicker
    line above it, or the <title> carrying the site name after it; a first paragraph that only
    shares the headline's words stays."""
    kicker, headline = "دیپلماسی", "رایزنی تلفنی وزرای خارجه آمریکا و ژاپن درباره غزه"
    lead = f"{headline} روز یکشنبه انجام شد و دو طرف درباره آینده منطقه و برنامه هسته‌ای ایران گفت‌وگو کردند."

    def page(first_lines: str) -> bytes:
        return (f"<html><head><title>{headline} | خبرگزاری نمونه</title></head><body><article>"
                f"{first_lines}{_p(FA_PARAS)}</article></body></html>").encode()

    url = "https://example.ir/fa/news/9"
    kicked = extract_article(page(f"<div><span>{kicker}</span></div><div>{headline}</div>"), url)
    assert kicked.text.split("\n") == FA_PARAS
    h1_form = extract_article(page(f"<h1>{kicker}: {headline} (گزارش تصویری)</h1>"), url)
    assert h1_form.text.split("\n") == FA_PARAS
    kept = extract_article(page(f"<p>{lead}</p>"), url)
    assert kept.text.split("\n") == [lead, *FA_PARAS]
    short_lead = f"{headline} روز یکشنبه انجام شد."  # opens with the headline, but is a sentence
    assert extract_article(page(f"<p>{short_lead}</p>"), url).text.split("\n") == [short_lead, *FA_PARAS]
    # a headline with ZWNJ given only by <h1> (the parser sees the joiners as placeholders)
    joined = f"گفت{ZWNJ}وگوی تلفنی وزرای خارجه آمریکا و ژاپن درباره غزه"
    only_h1 = (f'<html><head><title>عنوان دیگر</title><meta property="og:title" content="عنوان دیگر"></head>'
               f"<body><article><h1>{joined}</h1><p>{joined}</p>{_p(FA_PARAS)}</article></body></html>")
    assert extract_article(only_h1.encode(), url).text.split("\n") == FA_PARAS


def test_byline_date_and_copyright_lines_at_the_edges_go_to_metadata() -> None:
    """A byline naming the page's author, a date line and a copyright line around the body are
    metadata, not text; so is a closing line that introduces something not there (ends with a
    colon); a paragraph that mentions a date stays."""
    dated = "در تاریخ ۱۲ آبان ۱۴۰۲ نشست دو وزیر در توکیو برگزار شد و دو طرف درباره همکاری‌های منطقه‌ای گفت‌وگو کردند."
    page = (f'<html><head><title>عنوان</title><meta name="author" content="مریم احمدی"></head><body><article>'
            f"<p>به قلم: مریم احمدی</p><p>۱۲ آبان ۱۴۰۲ - ۱۰:۳۰</p><p>{dated}</p>{_p(FA_PARAS)}"
            "<p>برای دیدن گزارش کامل نشست به این صفحه بروید:</p><p>خبرنگار: مریم احمدی</p>"
            "<p>© ۱۴۰۲ کلیه حقوق این سایت محفوظ است</p></article></body></html>")
    ex = extract_article(page.encode(), "https://example.ir/fa/news/10")
    assert ex.authors == ["مریم احمدی"]
    assert ex.text.split("\n") == [dated, *FA_PARAS]


def test_body_split_into_sibling_containers_is_joined() -> None:
    """Pages that cut the story into several containers of one class (ads between them) keep every
    part, in page order; a teaser box of another class does not come in."""
    parts = [AR_PARAS[:2], AR_PARAS[2:] + AR_OTHER_STORY[1:]]
    body = '<div class="story-body">{}</div>'
    teaser_text = f"{AR_OTHER_STORY[0]} وقد أكد الوزير على أهمية التعاون المشترك بين البلدين."
    teaser = f'<div class="teaser"><p>{teaser_text}</p></div>'
    html = (f"<html><head><title>t</title></head><body><main><h1>وزير الخارجية يستقبل نظيره</h1>"
            f'<div class="col"><div class="wrap">{body.format(_p(parts[0]))}</div></div>'
            f'<div class="ad"><img src="/ad.png"></div>{teaser}'
            f'<div class="col"><div class="wrap">{body.format(_p(parts[1]))}</div></div>'
            "</main></body></html>")
    ex = extract_article(html.encode(), "https://example.com/ar/news/5")
    assert ex.text.split("\n") == [*parts[0], *parts[1]]


def test_jsonld_metadata_read_from_the_one_parse() -> None:
    """Title, authors and section come from JSON-LD parsed once; entities inside JSON strings are
    decoded in the fields (trafilatura's own reader un-escapes the whole JSON first, which turns
    ``&quot;`` into a bare quote that breaks the JSON)."""
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "وزير الخارجية: &quot;التحالف أقوى من أي وقت مضى&quot;", '
          '"articleSection": "سياسة", '
          '"author": [{"@type": "Person", "name": "محمد علي"}, {"@type": "Person", "name": "سارة حسن"}]}')
    html = (f'<html><head><script type="application/ld+json">{ld}</script></head><body><article>'
            f"{_p(AR_PARAS)}</article></body></html>")
    ex = extract_article(html.encode(), "https://example.com/ar/news/7")
    assert ex.title == 'وزير الخارجية: "التحالف أقوى من أي وقت مضى"'
    assert ex.authors == ["محمد علي", "سارة حسن"]
    assert ex.section == "سياسة"
    assert ex.text.split("\n") == AR_PARAS


def test_standfirst_above_the_body_is_kept_first() -> None:
    """The lead paragraph under the headline (a copy of the page's description) sits in the header,
    which generic extraction drops: it comes back as the first line. A description that the page
    does not show above the body is not text."""
    lead = ("تاکیشی ایوایا، وزیر خارجه ژاپن، در گفت‌وگوی تلفنی با همتای آمریکایی خود درباره جنگ غزه و "
            "برنامه هسته‌ای ایران رایزنی کرد.")

    def page(header: str, footer: str = "") -> bytes:
        return (f'<html><head><title>رایزنی تلفنی</title><meta name="description" content="{lead}"></head><body>'
                f'<header class="news-head"><h1>رایزنی تلفنی وزرای خارجه</h1>{header}</header>'
                f'<article><div class="body">{_p(FA_PARAS)}</div></article>{footer}</body></html>').encode()

    url = "https://example.ir/fa/news/11"
    for markup in (f'<div class="lead">{lead}</div>', f'<h3 class="lead">{lead}</h3>',
                   f'<p class="summary introtext">{lead}</p>'):  # as Persian outlets write it
        shown = extract_article(page(markup), url)
        assert shown.text.split("\n") == [lead, *FA_PARAS], markup
    assert extract_article(page(""), url).text.split("\n") == FA_PARAS
    below = extract_article(page("", footer=f'<div class="teaser"><p>{lead}</p></div>'), url)
    assert not below.text.startswith(lead)
    masthead = page("").replace(b"<header", f'<div class="tagline">{lead}</div><header'.encode(), 1)
    assert extract_article(masthead, url).text.split("\n") == FA_PARAS  # above the headline: not the lead


def test_every_test_web_article_page_extracts_to_its_paragraphs() -> None:
    """The benchmark's own corpus: every article page of the four test-web layouts (UTF-8, and each
    Arabic one in windows-1256) gives exactly the article's paragraphs, ZWNJ and all, while bare
    trafilatura loses ZWNJ or keeps boilerplate on them."""
    import sys

    sys.path.insert(0, str(ROOT))  # bench/ is not installed
    from bench.extract_bench import bare, load_testweb_pages, ours

    pages = load_testweb_pages()
    assert len(pages) >= 60 and any(p.name.endswith("-cp1256") for p in pages)
    wrong = [p.name for p in pages if ours(p) != p.gold]
    assert not wrong, wrong
    assert sum(bare(p) == p.gold for p in pages) < len(pages) / 2
    assert any(ZWNJ in p.gold for p in pages)


def test_every_test_web_article_page_gives_its_title_authors_and_tags() -> None:
    """Metadata on the same corpus: the headline without « - <site>» of <title>, the author without
    «خبرنگار:»/«كتب:»/«بقلم:» and with the dot of «د.», the keywords split into their tags."""
    import sys

    sys.path.insert(0, str(ROOT))  # bench/ is not installed
    from bench.metadata_bench import load_testweb_pages, run_ours

    pages = load_testweb_pages()
    found = {p.name: run_ours(p) for p in pages}
    assert not [p.name for p in pages if found[p.name].title != p.gold.title]
    assert not [p.name for p in pages if found[p.name].authors != set(p.gold.authors or [])]
    assert not [p.name for p in pages if found[p.name].tags != set(p.gold.tags or [])]
    assert any("." in a for p in pages for a in p.gold.authors or [])


@pytest.mark.parametrize("closing", [
    "حقوق بشر در این نشست محور اصلی گفت‌وگوها بود و دو طرف بر آن تأکید کردند",
    "حقوق الإنسان كانت محور المحادثات بين الجانبين",
    "وقد عقد الاجتماع الأول في 7 يناير 2025 بالقاهرة",
])
def test_closing_paragraphs_that_look_like_metadata_stay(closing: str) -> None:
    """Only real copyright, byline and date lines go from the end: a paragraph on human rights
    («حقوق بشر», «حقوق الإنسان») or one naming a date stays."""
    body = [*FA_PARAS[:2], closing]
    assert trim_edges(body, ["مریم احمدی"]) == body
    assert trim_edges([*body, "جميع الحقوق محفوظة لموقع الخبر 2025"], []) == body


# -- bounded JSON-LD and canonical (issue 24) -------------------------------------------------------
def _ld_page(ld: str, head: str = "") -> str:
    return (f'<html lang="ar"><head><script type="application/ld+json">{ld}</script>{head}</head><body>'
            f"<article>{_p(AR_PARAS)}</article></body></html>")


def _graph(levels: int) -> str:
    """The article object ``levels`` @graph wrappers down (each a dict and a list: two levels of depth)."""
    article = '{"@type": "NewsArticle", "headline": "وزير الخارجية", "datePublished": "2025-01-07T09:30:00+02:00"}'
    return '{"@type": "WebPage", "@graph": [' * levels + article + "]}" * levels


def test_json_ld_is_read_to_its_depth_bound_and_skipped_beyond_it_with_a_note() -> None:
    # 31 wrappers: depth 63, read; 32: depth 65, skipped (real pages nest 9 levels at most); nothing raises
    read = extract_article(_ld_page(_graph(31)), "https://example.com/ar/news/7")
    assert read.published_at == datetime(2025, 1, 7, 7, 30, tzinfo=UTC) and read.notes == []
    skipped = extract_article(_ld_page(_graph(32)), "https://example.com/ar/news/7")
    assert skipped.date_source != "jsonld" and skipped.text.split("\n") == AR_PARAS
    assert skipped.notes == ["jsonld: script 1 of 1 skipped (nested deeper than 64 levels)"]


@pytest.mark.parametrize("wrapped", [
    "//<![CDATA[\n{ld}\n//]]>", "/*<![CDATA[*/ {ld} /*]]>*/", "<![CDATA[{ld}]]>", "  // <![CDATA[ {ld} // ]]>  ",
])
def test_json_ld_in_every_cdata_wrapper_is_read(wrapped: str) -> None:
    ld = '{"@type": "NewsArticle", "datePublished": "2025-01-07T09:30:00+02:00"}'
    ex = extract_article(_ld_page(wrapped.replace("{ld}", ld)), "https://example.com/ar/news/7")
    assert ex.published_at == datetime(2025, 1, 7, 7, 30, tzinfo=UTC) and ex.date_source == "jsonld"


@pytest.mark.parametrize("href", ["http://[::1", "https://[fe80::zz/news/7", "http://::1]/x"])
def test_a_canonical_that_is_no_url_is_noted_not_raised(href: str) -> None:
    # urljoin raised ValueError («Invalid IPv6 URL») out of extract_article: the outlet-day failed
    ex = extract_article(_ld_page("{}", f'<link rel="canonical" href="{href}">'), "https://example.com/ar/news/7")
    assert ex.canonical_url is None and ex.text.split("\n") == AR_PARAS
    assert ex.notes == [f"canonical: {href!r} is no URL (Invalid IPv6 URL)"]
