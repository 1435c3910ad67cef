"""HTML pages of the test web: home, article, archive, section/tag listings and 404.

Each site has its own markup (class names, where the date and credits sit, which boxes surround
the body) so that extraction is tested against more than one layout. Links are root-relative;
canonical / og:url are absolute (``base`` is ``http://host:port``).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from html import escape
from urllib.parse import quote
from zoneinfo import ZoneInfo

from akhbar.testweb.content import TODAY, Article, Catalog
from akhbar.testweb.sites import FEED_PATH, SECTIONS, Site, archive_path
from akhbar.testweb.textfmt import (
    arabic_indic_12h,
    arabic_levant,
    arabic_long,
    arabic_maghreb,
    fa_digits,
    solar_long,
    solar_short,
    today_widget,
)

#: sites whose header shows the current date on every page (the test web's «today», not the story's day)
TODAY_WIDGET_SITES = frozenset({"fa-payam", "ar-wadi"})
_FORMATS = {"maghreb": arabic_maghreb, "levant": arabic_levant, "indic-12h": arabic_indic_12h}

FA = {
    "home": "صفحه اصلی",
    "tags": "برچسب ها:",
    "share": "اشتراک‌گذاری در شبکه‌های اجتماعی",
    "comments": "ارسال نظرات",
    "comment_rule": "نظرات حاوی توهین و افترا منتشر نمی‌شود.",
    "next": "بعدی",
    "prev": "قبلی",
    "archive": "آرشیو اخبار",
    "empty": "خبری برای این روز یافت نشد.",
    "not_found": "صفحه مورد نظر یافت نشد",
    "credit": "منبع:",
    "author": "خبرنگار:",
    "special": "ویژه",
    "rights": "تمامی حقوق مادی و معنوی این سایت محفوظ است.",
    "about": "درباره ما",
    "contact": "تماس با ما",
    "ads": "تبلیغات",
    "from_archive": "از آرشیو",
}
AR = {
    "home": "الرئيسية",
    "tags": "كلمات دلالية:",
    "share": "شارك الخبر",
    "comments": "اضف تعليقاً واقرأ تعليقات القراء",
    "app": "تابع أحدث الأخبار عبر تطبيق",
    "next": "التالي",
    "prev": "السابق",
    "archive": "أرشيف الأخبار",
    "empty": "لا توجد أخبار في هذا اليوم.",
    "not_found": "الصفحة غير موجودة",
    "credit": "المصدر:",
    "author": "كتب:",
    "special": "حصري",
    "rights": "جميع الحقوق محفوظة.",
    "about": "من نحن",
    "contact": "اتصل بنا",
    "ads": "أعلن معنا",
    "from_archive": "من الأرشيف",
}


def labels(site: Site) -> dict[str, str]:
    return FA if site.language == "fa" else AR


def _e(text: str) -> str:
    return escape(text, quote=True)


def _charset_meta(site: Site) -> str:
    if site.charset == "utf8-both":
        return '<meta charset="utf-8">'
    if site.charset == "utf8-meta-only":
        return '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    return ""  # cp1256-header-only: the HTTP header is the only declaration


def visible_date(art: Article, when: datetime | None = None) -> str:
    """The date as the site prints it: the listing's (``published_local``) unless ``when`` is given."""
    when = when or art.published_local
    if art.date_format:
        return _FORMATS[art.date_format](when)
    style = art.site.date_style
    if style == "solar-visible-only":
        return solar_short(when)
    if style == "meta-and-jsonld":
        return solar_long(when)
    return arabic_long(when)


def page_date(art: Article) -> str:
    """The date on the article page itself: it may disagree with the listings, or be missing."""
    return "" if art.shown_local is None else visible_date(art, art.shown_local)


def _head(site: Site, title: str, extra: str = "") -> str:
    lang = site.language
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="rtl">\n<head>\n{_charset_meta(site)}\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n"
        f'<link rel="alternate" type="application/rss+xml" title="{_e(site.name_native)}" '
        f'href="{FEED_PATH}">\n<link rel="stylesheet" href="/static/site.css">\n{extra}</head>\n'
    )


def _stamp(art: Article, when: datetime) -> str:
    """A meta/JSON-LD time: ISO with the outlet's offset, or its wall-clock labelled UTC on a page that does so."""
    return when.replace(tzinfo=None).isoformat() + "Z" if art.utc_labelled else when.isoformat()


def _menu(site: Site, today: date = TODAY) -> str:
    # a «today» box in the header, as many outlets print one: a date on every page that is never the story's
    widget = (f'<div class="top-date">{today_widget(today, site.language)}</div>\n'
              if site.slug in TODAY_WIDGET_SITES else "")
    items = "".join(
        f'<li><a href="/section/{key}">{_e(names[site.language])}</a></li>'
        for key, names in SECTIONS.items()
    )
    return (
        f'<header class="site-header">{widget}<a class="logo" href="/">{_e(site.name_native)}</a>\n'
        f'<nav class="main-menu"><ul><li><a href="/">{labels(site)["home"]}</a></li>{items}</ul></nav>\n'
        f'<form class="search" action="/search"><input name="q"></form></header>\n'
    )


def _footer(site: Site) -> str:
    lab = labels(site)
    year = "۱۴۰۳" if site.language == "fa" else "2025"
    return (
        f'<footer class="site-footer"><ul><li><a href="/about">{lab["about"]}</a></li>'
        f'<li><a href="/contact">{lab["contact"]}</a></li><li><a href="/ads">{lab["ads"]}</a></li></ul>\n'
        f"<p>© {year} {_e(site.name_native)} — {lab['rights']}</p></footer>\n"
    )


def _link_list(arts: list[Article], css: str, heading: str, tag: str = "h3") -> str:
    items = "".join(f'<li><a href="{a.path}">{_e(a.title)}</a></li>' for a in arts)
    return f'<section class="{css}"><{tag}>{_e(heading)}</{tag}><ul>{items}</ul></section>\n'


def _sidebar(site: Site, catalog: Catalog, exclude: Article | None = None) -> str:
    latest = [a for a in catalog.recent(site.slug) if a is not exclude][:5]
    return f'<aside class="sidebar">{_link_list(latest, "latest", site.sidebar_label)}</aside>\n'


def _related(art: Article, catalog: Catalog) -> list[Article]:
    """Four other recent stories of the same site, nearest in time (never historical ones)."""
    others = [a for a in catalog.recent(art.site.slug) if a is not art]
    return sorted(others, key=lambda a: abs((a.published - art.published).total_seconds()))[:4]


def _tags(art: Article) -> str:
    links = "، ".join(f'<a href="/tag/{quote(t)}">{_e(t)}</a>' for t in art.tags)
    return f'<div class="tags">{labels(art.site)["tags"]} {links}</div>\n'


def _paragraphs(art: Article) -> list[str]:
    return [f"<p>{_e(p)}</p>" for p in art.paragraphs]


def _credit(art: Article) -> str:
    if not art.credit:
        return ""
    return f'<p class="source">{labels(art.site)["credit"]} {_e(art.credit)}</p>'


def _article_meta(art: Article, base: str) -> str:
    url = base + art.path
    image = f"{base}/images/{art.number}.jpg"
    out = [
        f'<meta name="description" content="{_e(art.lead)}">',
        f'<meta name="keywords" content="{_e(", ".join(art.tags))}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{_e(art.title)}">',
        f'<meta property="og:description" content="{_e(art.lead)}">',
        f'<meta property="og:url" content="{url}">',
        f'<meta property="og:image" content="{image}">',
        f'<meta property="og:site_name" content="{_e(art.site.name_native)}">',
        f'<link rel="canonical" href="{url}">',
    ]
    shown = art.shown_local
    if art.site.date_style in ("meta", "meta-and-jsonld") and shown:
        modified = _stamp(art, art.last_change_local if shown == art.published_local else shown)
        out += [
            f'<meta property="article:published_time" content="{_stamp(art, shown)}">',
            f'<meta property="article:modified_time" content="{modified}">',
            f'<meta property="article:section" content="{SECTIONS[art.section][art.site.language]}">',
        ]
    if art.author:
        out.append(f'<meta name="author" content="{_e(art.author)}">')
    if art.site.date_style == "meta-and-jsonld":
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": art.title,
            "description": art.lead,
            "image": [image],
            **({"datePublished": _stamp(art, shown),
                "dateModified": _stamp(art, art.last_change_local if shown == art.published_local else shown)}
               if shown else {}),
            "author": [{"@type": "Person", "name": art.author}] if art.author else [],
            "publisher": {"@type": "Organization", "name": art.site.name_native},
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "keywords": art.tags,
            "articleSection": SECTIONS[art.section][art.site.language],
            "inLanguage": art.story_language,
        }
        out.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    return "\n".join(out) + "\n"


def _breadcrumb(art: Article) -> str:
    lab = labels(art.site)
    section = SECTIONS[art.section][art.site.language]
    return (
        f'<div class="breadcrumb"><a href="/">{lab["home"]}</a> » '
        f'<a href="/section/{art.section}">{_e(section)}</a></div>\n'
    )


def article_page(art: Article, catalog: Catalog, base: str) -> str:
    site, lab = art.site, labels(art.site)
    head = _head(site, f"{art.title} - {site.name_native}", _article_meta(art, base))
    related = _related(art, catalog)
    paras = _paragraphs(art)
    credit = _credit(art)
    if site.slug == "fa-payam":
        main = (
            f'<div class="news-head">{_breadcrumb(art)}<h1 class="title">{_e(art.title)}</h1>\n'
            f'<div class="news-info"><span class="date">{page_date(art)}</span> '
            f'<span class="news-code">کد خبر: {fa_digits(art.number)}</span></div></div>\n'
            f'<div class="item-text" id="body">\n' + "\n".join(paras) + f"\n{credit}</div>\n"
            + (f'<div class="reporter">{lab["author"]} {_e(art.author)}</div>\n' if art.author else "")
            + _tags(art)
            + f'<div class="share">{lab["share"]}: <a href="#">تلگرام</a> | <a href="#">واتس‌اپ</a></div>\n'
            + _link_list(related, "related", site.related_label)
            + f'<section class="comments"><h3>{lab["comments"]}</h3><p class="rule">{lab["comment_rule"]}</p>'
            f'<form method="post" action="/comment"><textarea name="c"></textarea>'
            f"<button>ارسال</button></form></section>\n"
        )
    elif site.slug == "fa-sepehr":
        main = (
            f'<article class="news-article"><header>{_breadcrumb(art)}<h1>{_e(art.title)}</h1>\n'
            f'<time class="pub">{page_date(art)}</time>'
            + (f' <span class="byline">نویسنده: {_e(art.author)}</span>' if art.author else "")
            + '</header>\n<div class="article-body">\n' + "\n".join(paras) + f"\n{credit}</div>\n"
            f'<footer class="article-tags">{_tags(art)}</footer></article>\n'
            + _link_list(related, "related-box", site.related_label, "h2")
            + f'<div class="comment-cta"><a href="#comments">{lab["comments"]}</a></div>\n'
        )
    elif site.slug == "ar-wadi":
        # the «إقرأ أيضاً» box sits inside the body after the second paragraph, as on many sites
        read_also = _link_list(related[:2], "read-also", site.related_label, "h4")
        body = [*paras[:2], read_also, *paras[2:]]
        main = (
            f'{_breadcrumb(art)}<h1 class="post-title">{_e(art.title)}</h1>\n'
            f'<div class="meta">'
            + (f'<span class="author">{lab["author"]} {_e(art.author)}</span> ' if art.author else "")
            + f'<span class="date">{page_date(art)}</span></div>\n'
            f'<figure><img src="/images/{art.number}.jpg" alt=""><figcaption>صورة أرشيفية</figcaption>'
            f'</figure>\n<div class="wysiwyg">\n' + "\n".join(body) + f"\n{credit}</div>\n"
            + _tags(art)
            + f'<div class="comments-cta"><a href="#comments">{lab["comments"]}</a></div>\n'
        )
    else:  # ar-mojaz
        main = (
            f'<div class="article-header">{_breadcrumb(art)}<h1>{_e(art.title)}</h1>\n'
            f'<div class="date">{page_date(art)}</div>'
            + (f'<div class="writer">بقلم: {_e(art.author)}</div>' if art.author else "")
            + '</div>\n<div class="article-content">\n'
            f'<div class="app-promo"><a href="/app">{lab["app"]}</a> <a href="/app">Google Play</a></div>\n'
            + "\n".join(paras) + f"\n{credit}</div>\n"
            + _tags(art)
            + f'<div class="share">{lab["share"]}: <a href="#">فيسبوك</a> | <a href="#">إكس</a></div>\n'
            + _link_list(related, "similar", site.related_label)
            + f'<div class="comments"><h3>{lab["comments"]}</h3></div>\n'
        )
    return (
        head + "<body>\n" + _menu(site, catalog.today) + f'<main class="content">\n{main}</main>\n'
        + _sidebar(site, catalog, art) + _footer(site) + "</body>\n</html>\n"
    )


def home_page(site: Site, catalog: Catalog) -> str:
    lab = labels(site)
    recent = catalog.recent(site.slug)
    top, rest = recent[0], recent[1:9]
    body = (
        f'<section class="top-story"><h2><a href="{top.path}">{_e(top.title)}</a></h2>'
        f"<p>{_e(top.lead)}</p></section>\n"
        + _link_list(rest, "latest-news", site.sidebar_label, "h2")
        + f'<section class="special"><h3>{lab["special"]}</h3>'
        f'<a href="{site.private_path}">{_e(recent[-1].title)} — {lab["special"]}</a></section>\n'
    )
    return (
        _head(site, site.name_native, f'<meta name="description" content="{_e(site.name_native)}">\n')
        + "<body>\n" + _menu(site, catalog.today) + f'<main class="home">\n{body}</main>\n' + _footer(site)
        + "</body>\n</html>\n"
    )


def archive_page(site: Site, catalog: Catalog, day: date, page: int) -> str:
    lab = labels(site)
    arts = catalog.local_day(site.slug, day)
    size = site.archive_page_size
    chunk = arts[(page - 1) * size: page * size]
    has_next = page * size < len(arts)
    links_head = ""
    nav = []
    if page > 1:
        prev_path = _e(archive_path(site, day, page - 1))
        links_head += f'<link rel="prev" href="{prev_path}">\n'
        nav.append(f'<a rel="prev" class="prev" href="{prev_path}">{lab["prev"]}</a>')
    if has_next:
        next_path = _e(archive_path(site, day, page + 1))
        links_head += f'<link rel="next" href="{next_path}">\n'
        nav.append(f'<a rel="next" class="next" href="{next_path}">{lab["next"]}</a>')
    if chunk:
        items = "".join(
            f'<li><a href="{a.path}">{_e(a.title)}</a> <span class="time">{visible_date(a)}</span></li>'
            for a in chunk
        )
        listing = f'<ul class="archive-list">{items}</ul>'
    else:
        listing = f'<p class="empty">{lab["empty"]}</p>'
    again = catalog.relisted(site.slug, day) if page == 1 else []
    if again:  # old stories listed again this day, each with its own (old) date
        items = "".join(f'<li><a href="{a.path}">{_e(a.title)}</a> <span class="time">{visible_date(a)}</span></li>'
                        for a in again)
        listing += f'\n<section class="from-archive"><h3>{lab["from_archive"]}</h3><ul>{items}</ul></section>'
    when = solar_short(_noon(site, day)).split(" - ")[0] if site.language == "fa" else day.isoformat()
    body = (
        f"<h1>{lab['archive']} {when}</h1>\n{listing}\n"
        f'<div class="pagination">{" ".join(nav)}</div>\n'
    )
    return (
        _head(site, f"{lab['archive']} {when} - {site.name_native}", links_head)
        + "<body>\n" + _menu(site, catalog.today) + f'<main class="archive">\n{body}</main>\n'
        + _sidebar(site, catalog) + _footer(site) + "</body>\n</html>\n"
    )


def _noon(site: Site, day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(site.timezone))


def listing_page(site: Site, catalog: Catalog, heading: str, arts: list[Article]) -> str:
    items = "".join(f'<li><a href="{a.path}">{_e(a.title)}</a></li>' for a in arts)
    return (
        _head(site, f"{heading} - {site.name_native}") + "<body>\n" + _menu(site, catalog.today)
        + f'<main class="listing"><h1>{_e(heading)}</h1><ul>{items}</ul></main>\n'
        + _footer(site) + "</body>\n</html>\n"
    )


def not_found_page(site: Site, today: date = TODAY) -> str:
    lab = labels(site)
    return (
        _head(site, lab["not_found"]) + "<body>\n" + _menu(site, today)
        + f'<main><h1>404</h1><p>{lab["not_found"]}</p></main>\n' + _footer(site) + "</body>\n</html>\n"
    )
