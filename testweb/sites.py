"""The four outlets of the local test web: who they are, where they live, how their URLs look.

Each site gets its own loopback address (``127.0.0.{10+index}``) so that allowed_domains
confinement is real: another site is another host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

import jdatetime

#: Section keys used in the article data, with their menu labels per language.
SECTIONS: dict[str, dict[str, str]] = {
    "politics": {"fa": "سیاسی", "ar": "سياسة"},
    "economy": {"fa": "اقتصادی", "ar": "اقتصاد"},
    "society": {"fa": "اجتماعی", "ar": "مجتمع"},
    "culture": {"fa": "فرهنگ و هنر", "ar": "ثقافة وفنون"},
    "sport": {"fa": "ورزشی", "ar": "رياضة"},
    "science": {"fa": "علمی", "ar": "علوم"},
    "health": {"fa": "سلامت", "ar": "صحة"},
    "environment": {"fa": "محیط زیست", "ar": "بيئة"},
    "tech": {"fa": "فناوری", "ar": "تكنولوجيا"},
    "education": {"fa": "آموزش", "ar": "تعليم"},
    "international": {"fa": "بین‌الملل", "ar": "عربي ودولي"},
}

#: How a site declares the charset of its HTML pages.
Charset = Literal["utf8-both", "cp1256-header-only", "utf8-meta-only"]
#: Which machine-readable dates an article page carries besides the visible one.
DateStyle = Literal["solar-visible-only", "meta-and-jsonld", "meta", "arabic-visible-only"]


@dataclass(frozen=True)
class Site:
    index: int
    slug: str
    name: str
    name_native: str
    language: Literal["fa", "ar"]
    country: str
    timezone: str
    aggregator: bool
    #: regular expression (searched in the full URL) matching this site's article URLs
    article_url_pattern: str
    #: archive path template in the registry's placeholder syntax (see outlets.registry.Discovery)
    archive_template: str
    archive_page_size: int
    #: an article-looking path under /private/ (robots.txt disallows it; it must never be fetched)
    private_path: str
    charset: Charset
    date_style: DateStyle
    #: labels of the related-news box inside the article and of the sidebar list
    related_label: str
    sidebar_label: str

    @property
    def host(self) -> str:
        return f"127.0.0.{10 + self.index}"

    def url(self, port: int, path: str = "/") -> str:
        return f"http://{self.host}:{port}{path}"


FEED_PATH = "/rss.xml"
SITEMAP_INDEX_PATH = "/sitemap.xml"
NEWS_SITEMAP_PATH = "/news-sitemap.xml"

SITES: tuple[Site, ...] = (
    Site(
        index=1,
        slug="fa-payam",
        name="Payam-e Emrooz",
        name_native="پیام امروز",
        language="fa",
        country="IR",
        timezone="Asia/Tehran",
        aggregator=False,
        article_url_pattern=r"/fa/news/\d+(?:[/?#]|$)",
        archive_template="/archive/{jy}/{jm:02d}/{jd:02d}?page={page}",
        archive_page_size=2,
        private_path="/private/fa/news/3269999/پیش‌نویس-خبر",
        charset="utf8-both",
        date_style="solar-visible-only",
        related_label="اخبار پیشنهادی",
        sidebar_label="آخرین اخبار",
    ),
    Site(
        index=2,
        slug="fa-sepehr",
        name="Sepehr News",
        name_native="سپهر نیوز",
        language="fa",
        country="IR",
        timezone="Asia/Tehran",
        aggregator=False,
        article_url_pattern=r"/news/\d{6,}(?:[/?#]|$)",
        archive_template="/archive/{d:%Y/%m/%d}?page={page}",
        archive_page_size=2,
        private_path="/private/news/2039999",
        charset="utf8-both",
        date_style="meta-and-jsonld",
        related_label="خبرهای مرتبط",
        sidebar_label="آخرین اخبار",
    ),
    Site(
        index=3,
        slug="ar-wadi",
        name="Sawt al-Wadi",
        name_native="صوت الوادي",
        language="ar",
        country="EG",
        timezone="Africa/Cairo",
        aggregator=False,
        article_url_pattern=r"/News/\d{4}/\d{1,2}/\d{1,2}/[\w-]+",
        archive_template="/News/archive/{d:%Y/%m/%d}?page={page}",
        archive_page_size=1,
        private_path="/private/News/2025/1/7/draft-story",
        charset="cp1256-header-only",
        date_style="meta",
        related_label="إقرأ أيضاً",
        sidebar_label="الأكثر قراءة",
    ),
    Site(
        index=4,
        slug="ar-mojaz",
        name="Al-Mojaz",
        name_native="الموجز الإخباري",
        language="ar",
        country="SA",
        timezone="Asia/Riyadh",
        aggregator=True,
        article_url_pattern=r"/ar/article/\d+(?:[/?#]|$)",
        archive_template="/archive?date={d:%Y-%m-%d}&page={page}",
        archive_page_size=2,
        private_path="/private/ar/article/99999",
        charset="utf8-meta-only",
        date_style="arabic-visible-only",
        related_label="مقالات مشابهة",
        sidebar_label="الأكثر قراءة",
    ),
)

SITES_BY_SLUG: dict[str, Site] = {s.slug: s for s in SITES}


def archive_path(site: Site, day: date, page: int) -> str:
    """The site's archive page for a local calendar day, exactly as its template builds it."""
    j = jdatetime.date.fromgregorian(date=day)
    return site.archive_template.format(d=day, jy=j.year, jm=j.month, jd=j.day, page=page)


_ARCHIVE_RE = {
    "fa-payam": re.compile(r"^/archive/(\d{4})/(\d{1,2})/(\d{1,2})/?$"),
    "fa-sepehr": re.compile(r"^/archive/(\d{4})/(\d{2})/(\d{2})/?$"),
    "ar-wadi": re.compile(r"^/News/archive/(\d{4})/(\d{2})/(\d{2})/?$"),
}


def parse_archive(site: Site, path: str, query: dict[str, list[str]]) -> tuple[date, int] | None:
    """(local day, page) when the request is one of the site's archive pages, else None.

    Raises ValueError for an archive path naming an impossible date (served as 404).
    """
    try:
        page = int(query.get("page", ["1"])[0])
    except ValueError:
        page = 1
    if site.slug == "ar-mojaz":
        if path.rstrip("/") != "/archive" or "date" not in query:
            return None
        return date.fromisoformat(query["date"][0]), max(page, 1)
    m = _ARCHIVE_RE[site.slug].match(path)
    if not m:
        return None
    y, mo, d = map(int, m.groups())
    if site.slug == "fa-payam":
        return jdatetime.date(y, mo, d).togregorian(), max(page, 1)
    return date(y, mo, d), max(page, 1)
