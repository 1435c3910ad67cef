"""An outlet of the test web that publishes every day: the one outlet health is tested on.

The four default sites hold a few days of hand-written stories; an outlet's baseline needs weeks of nights. «خبر
روز» (``fa-rooz``, 127.0.0.15, outside the default four: ``TestWeb(extra_sites=("fa-rooz",))``) publishes
:data:`PER_DAY` articles on every local day, any day, built deterministically from the bundled Persian stories'
paragraphs (three per article, no two articles of a week sharing more than one), listed on a date-archive page
per local day. From a day on, a test can make it publish fewer (``change(day, per_day=4)``: an outlet that
silently halves) or move to a client-rendered template whose pages carry the headline and dates but no body text
in the markup (``change(day, template="app-shell")``: a redesign that empties every body).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from akhbar.testweb.sites import Site
from akhbar.testweb.textfmt import fa_digits, solar_long

DAILY_SITE = Site(
    index=5,
    slug="fa-rooz",
    name="Khabar-e Rooz",
    name_native="خبر روز",
    language="fa",
    country="IR",
    timezone="Asia/Tehran",
    aggregator=False,
    article_url_pattern=r"/news/\d{10}(?:[/?#]|$)",
    archive_template="/archive/{d:%Y-%m-%d}",
    archive_page_size=100,
    private_path="/private/news/0000000000",
    charset="utf8-both",
    date_style="meta-and-jsonld",
    related_label="خبرهای مرتبط",
    sidebar_label="آخرین اخبار",
)
#: the outlets of the test web beyond the default four, by slug
EXTRA_SITES: dict[str, Site] = {DAILY_SITE.slug: DAILY_SITE}
#: articles a day unless a test changes it
PER_DAY = 8
#: classic: server-rendered paragraphs; app-shell: the body only in a JSON blob a script renders
TEMPLATES = ("classic", "app-shell")
#: the first article of a local day goes out at this local time, the next ones this far apart
FIRST_AT, EVERY = time(8, 0), timedelta(minutes=55)


@cache
def _pool() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(titles, paragraphs) of the bundled Persian stories (originals in Persian only: a copy repeats its source, and
    the Urdu story would make every article it lends a paragraph to a language mismatch)."""
    stories = [s for s in json.loads((Path(__file__).parent / "articles_fa.json").read_text(encoding="utf-8"))
               if "syndicates" not in s and s.get("language", "fa") == "fa"]
    return tuple(s["title"] for s in stories), tuple(p for s in stories for p in s["paragraphs"])


@dataclass(frozen=True)
class DailyArticle:
    day: date  # the outlet's local day
    index: int
    title: str
    paragraphs: tuple[str, ...]
    published_local: datetime

    @property
    def number(self) -> int:
        return int(f"{self.day:%Y%m%d}{self.index:02d}")

    @property
    def path(self) -> str:
        return f"/news/{self.number}"


class DailyOutlet:
    """What a daily outlet publishes on each local day: how many articles, in which template."""

    def __init__(self, site: Site = DAILY_SITE, per_day: int = PER_DAY) -> None:
        self.site = site
        self._lock = threading.Lock()
        self._volume: list[tuple[date, int]] = [(date.min, per_day)]
        self._template: list[tuple[date, str]] = [(date.min, "classic")]

    def change(self, from_day: date, *, per_day: int | None = None, template: str | None = None) -> None:
        """From local day ``from_day`` on: ``per_day`` articles a day, pages in ``template``."""
        if template is not None and template not in TEMPLATES:
            raise ValueError(f"unknown template {template!r}; known: {', '.join(TEMPLATES)}")
        if per_day is not None and not 0 <= per_day < 100:
            raise ValueError(f"per_day must be from 0 to 99, not {per_day}")
        with self._lock:
            if per_day is not None:
                self._volume = sorted([*(v for v in self._volume if v[0] != from_day), (from_day, per_day)])
            if template is not None:
                self._template = sorted([*(t for t in self._template if t[0] != from_day), (from_day, template)])

    def per_day(self, day: date) -> int:
        with self._lock:
            return [n for since, n in self._volume if since <= day][-1]

    def template(self, day: date) -> str:
        with self._lock:
            return [t for since, t in self._template if since <= day][-1]

    def articles(self, day: date) -> list[DailyArticle]:
        titles, paragraphs = _pool()
        tz = ZoneInfo(self.site.timezone)
        out = []
        for i in range(self.per_day(day)):
            k = day.toordinal() * 100 + i  # consecutive articles share no paragraph; k and k+7 share one
            picked = tuple(paragraphs[(k + step) % len(paragraphs)] for step in (0, 7, 19))
            when = datetime.combine(day, FIRST_AT, tz) + i * EVERY
            out.append(DailyArticle(day, i, f"{titles[k % len(titles)]} ({fa_digits(i + 1)})", picked, when))
        return out

    def find(self, path: str) -> DailyArticle | None:
        digits = path.removeprefix("/news/").rstrip("/")
        if len(digits) != 10 or not digits.isdigit():
            return None
        try:
            day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            return None
        arts = self.articles(day)
        index = int(digits[8:])
        return arts[index] if index < len(arts) else None

    # -- pages ----------------------------------------------------------------------------------
    def route(self, path: str, base: str) -> tuple[int, str] | None:
        """(status, HTML) of a path, or (200, text) of robots.txt; None: not found."""
        if path == "/robots.txt":
            return 200, "User-agent: *\nDisallow: /private/\n"
        if path in ("", "/"):
            return 200, self._page("خبر روز", '<main class="home"><h1>خبر روز</h1></main>')
        if path.startswith("/archive/"):
            try:
                day = date.fromisoformat(path.removeprefix("/archive/").rstrip("/"))
            except ValueError:
                return None
            items = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a> '
                            f'<span class="time">{solar_long(a.published_local)}</span></li>'
                            for a in self.articles(day))
            return 200, self._page(f"آرشیو {day.isoformat()}", f'<main class="archive"><h1>آرشیو اخبار</h1>'
                                                                f'<ul class="archive-list">{items}</ul></main>')
        if path.startswith("/news/") and (art := self.find(path)) is not None:
            return 200, self._article(art, base)
        return None

    def _page(self, title: str, main: str, head: str = "") -> str:
        return (f'<!DOCTYPE html>\n<html lang="fa" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
                f"<title>{escape(title)}</title>\n{head}</head>\n<body>\n"
                f'<header class="site-header"><a href="/">{escape(self.site.name_native)}</a></header>\n'
                f'{main}\n<footer class="site-footer">تمامی حقوق برای {escape(self.site.name_native)} محفوظ است.'
                f"</footer>\n</body>\n</html>\n")

    def _article(self, art: DailyArticle, base: str) -> str:
        url, stamp = base + art.path, art.published_local.isoformat()
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": art.title,
              "datePublished": stamp, "mainEntityOfPage": {"@type": "WebPage", "@id": url}}
        head = (f'<meta name="description" content="{escape(art.paragraphs[0][:150])}">\n'
                f'<meta property="og:title" content="{escape(art.title)}">\n<link rel="canonical" href="{url}">\n'
                f'<meta property="article:published_time" content="{stamp}">\n'
                f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>\n')
        title = f"{art.title} - {self.site.name_native}"
        if self.template(art.day) == "app-shell":  # the redesign: headline and dates in the markup, body in a blob
            blob = json.dumps({"props": {"news": {"title": art.title, "body": list(art.paragraphs)}}},
                              ensure_ascii=False)
            main = (f'<div id="__app"><h1 class="news-title">{escape(art.title)}</h1><div id="news-body"></div>'
                    f'</div>\n<script id="__APP_DATA__" type="application/json">{blob}</script>\n'
                    f'<script src="/static/app.js" defer></script>')
            return self._page(title, main, head)
        paras = "\n".join(f"<p>{escape(p)}</p>" for p in art.paragraphs)
        main = (f'<main><article class="news"><h1>{escape(art.title)}</h1>\n'
                f'<time datetime="{stamp}">{solar_long(art.published_local)}</time>\n'
                f'<div class="article-body">\n{paras}\n</div></article></main>')
        return self._page(title, main, head)


def outlet_toml(site: Site, port: int) -> str:
    """The outlet file of a daily site: its date archive only (no feed, no sitemap)."""
    base = site.url(port, "")
    return "\n".join([
        "# Written by testweb for the local test web; not a real outlet.",
        f'slug = "{site.slug}"', f'name = "{site.name}"', f'name_native = "{site.name_native}"',
        f'language = "{site.language}"', f'country = "{site.country}"', f'timezone = "{site.timezone}"',
        f'base_url = "{base}/"', f'allowed_domains = ["{site.host}"]',
        f"article_url_pattern = {json.dumps(site.article_url_pattern)}",
        'notes = "local test web: a daily outlet (testweb/daily.py)"', "",
        "[discovery]", "auto = false", f'archives = ["{base}{site.archive_template}"]', "archive_max_pages = 1", "",
        "[crawl]", "download_delay = 0", "concurrency = 4", "allow_private_hosts = true", "",
    ])
