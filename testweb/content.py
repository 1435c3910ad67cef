"""The test web's articles: stories from the bundled JSON, placed on their sites with URLs and times.

Everything here is derived deterministically from ``articles_fa.json`` / ``articles_ar.json``
(publication times are written there as local wall-clock times of the outlet), so the ground
truth (:class:`ExpectedArticle`) and the served pages can never disagree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

from akhbar.testweb.sites import SITES, SITES_BY_SLUG, Site
from akhbar.testweb.textfmt import final_yeh_to_alef_maqsura, slugify, to_arabic_indic

DATA_DIR = Path(__file__).parent
#: Articles before this date are "historical": only dated sitemaps and archive pages list them.
RECENT_FROM = date(2025, 1, 5)
FEED_SIZE = 10
#: The day the test web pretends it is (the morning after its newest stories): site-wide «today» widgets show it.
TODAY = date(2025, 1, 9)
#: How a page may print its date besides the site's usual style (articles' "date_format"):
#: «الثلاثاء 07 جانفي 2025 - 11:40» (Maghreb months), «الثلاثاء ٧ كانون الثاني/يناير ٢٠٢٥ - ١٦:٠٥» (double
#: Levantine/Gregorian months), «الثلاثاء ٧ يناير ٢٠٢٥ - ٢:٣٠ م» (Arabic-Indic, 12-hour clock)
DATE_FORMATS = frozenset({"maghreb", "levant", "indic-12h"})

ID_BASE = {"fa-payam": (3261040, 7), "fa-sepehr": (2031500, 3), "ar-mojaz": (58410, 1)}
#: Built-in quirks of the default sites (see README of the test web in server.py).
FEED_VIA_REDIRECT = {"p11"}  # feed links the short /fa/news/<id> URL, which 301s to the full one
FEED_WITH_TRACKING = {"s12"}  # feed adds utm_* parameters; sitemap lists the clean URL
GZIP_ALWAYS = {"s11"}  # served with Content-Encoding: gzip unless the client refuses gzip


@dataclass(frozen=True)
class ExpectedArticle:
    """Ground truth for one article as the pipeline should record it."""

    url: str
    outlet: str
    title: str
    paragraphs: list[str]
    published_at: datetime
    source_credit: str | None
    syndicated_from: str | None
    language: str
    modified_at: datetime | None = None
    #: the page's date and its listings' are more than a day apart, or the page shows none
    date_disagrees: bool = False
    #: the story's language is not its outlet's
    language_mismatch: bool = False
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    section: str | None = None


@dataclass
class Article:
    key: str
    site: Site
    number: int
    section: str
    title: str
    author: str | None
    tags: list[str]
    credit: str | None
    paragraphs: list[str]
    published_local: datetime
    modified_local: datetime | None
    url_slug: str | None = None
    original: Article | None = None
    #: the date the page itself shows when it disagrees with its listings (which give published_local)
    page_local: datetime | None = None
    #: the page shows no date at all (only the footer's copyright year)
    dateless: bool = False
    #: the story's own language when it is not the site's (an Urdu story on a Persian outlet)
    language: str | None = None
    #: how the page prints its date when not in the site's style (see DATE_FORMATS)
    date_format: str | None = None
    #: its meta times are the local wall-clock labelled UTC («14:30:00Z» for 14:30 Cairo), as Egyptian CMSs do
    utc_labelled: bool = False
    #: an old story the site lists again on a later day (a «from the archive» box on that day's archive page and
    #: an undated entry in that day's sitemap): its page keeps its own, much earlier date, which is its home day
    relisted_local: datetime | None = None

    @property
    def story_language(self) -> str:
        return self.language or self.site.language

    @property
    def shown_local(self) -> datetime | None:
        """The date the article page shows (None: none but the copyright year)."""
        return None if self.dateless else (self.page_local or self.published_local)

    @property
    def home_day(self) -> date:
        """The UTC day whose articles partition holds it (akhbar.pipeline.home_day on the test web's
        listings): the page's day within a day of the listing's, else the listing's day."""
        listed = self.published.date()
        shown = self.shown_local
        if shown is None:
            return listed
        page = shown.astimezone(UTC).date()
        return page if abs((page - listed).days) <= 1 else listed

    @property
    def published(self) -> datetime:
        return self.published_local.astimezone(UTC)

    @property
    def modified(self) -> datetime | None:
        return self.modified_local.astimezone(UTC) if self.modified_local else None

    @property
    def last_change_local(self) -> datetime:
        return self.modified_local or self.published_local

    @property
    def historical(self) -> bool:
        return self.published.date() < RECENT_FROM

    @cached_property
    def path(self) -> str:
        """The article's canonical path as it appears on the wire (percent-encoded)."""
        slug = self.site.slug
        if slug == "fa-payam":
            return f"/fa/news/{self.number}/{quote(slugify(self.title))}"
        if slug == "fa-sepehr":
            return f"/news/{self.number}"
        if slug == "ar-wadi":
            d = self.published_local
            return f"/News/{d.year}/{d.month}/{d.day}/{self.url_slug}"
        return f"/ar/article/{self.number}"

    @property
    def short_path(self) -> str | None:
        return f"/fa/news/{self.number}" if self.site.slug == "fa-payam" else None

    @property
    def feed_path(self) -> str:
        if self.key in FEED_VIA_REDIRECT and self.short_path:
            return self.short_path
        if self.key in FEED_WITH_TRACKING:
            return self.path + "?utm_source=rss&utm_medium=feed"
        return self.path

    @property
    def lead(self) -> str:
        first = self.paragraphs[0]
        return first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "…"


def _date_format(entry: dict) -> str | None:
    fmt = entry.get("date_format")
    if fmt is not None and fmt not in DATE_FORMATS:
        known = ", ".join(sorted(DATE_FORMATS))
        raise ValueError(f"article {entry['key']}: unknown date_format {fmt!r}; known: {known}")
    return fmt


def _meta_clock(entry: dict, site: Site) -> bool:
    clock = entry.get("meta_clock", "offset")
    if clock not in ("offset", "local-labelled-utc"):
        raise ValueError(f"article {entry['key']}: meta_clock must be 'offset' or 'local-labelled-utc', not {clock!r}")
    if clock != "offset" and site.date_style not in ("meta", "meta-and-jsonld"):
        raise ValueError(f"article {entry['key']}: meta_clock on {site.slug}, whose pages carry no meta time")
    return clock != "offset"


def _parse_local(value: str, tz: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=ZoneInfo(tz))


def _drop_middle_sentence(paragraphs: list[str]) -> list[str]:
    """Drop the second sentence of the paragraph with the most sentences (an editor's cut)."""
    split = [re.split(r"(?<=\.) ", p) for p in paragraphs]
    target = max(range(len(split)), key=lambda i: len(split[i]))
    if len(split[target]) < 3:
        raise ValueError("drop_sentence needs a paragraph of three or more sentences")
    out = list(paragraphs)
    sentences = split[target]
    out[target] = " ".join(sentences[:1] + sentences[2:])
    return out


def _edit(text_list: list[str], title: str, edit: str) -> tuple[str, list[str]]:
    if edit == "none":
        return title, list(text_list)
    if edit == "zwnj_lost":
        return title.replace("\u200c", ""), [p.replace("\u200c", "") for p in text_list]
    if edit == "drop_sentence":
        return title, _drop_middle_sentence(text_list)
    if edit == "digits_yeh":
        def conv(s: str) -> str:
            return final_yeh_to_alef_maqsura(to_arabic_indic(s))

        return conv(title), [conv(p) for p in text_list]
    raise ValueError(f"unknown syndication edit {edit!r}")


class Catalog:
    """All articles of all sites, with the lookups the server needs."""

    def __init__(self, data_dir: Path = DATA_DIR, today: date = TODAY) -> None:
        #: the day «today» widgets show (TestWeb(today=...)); never an article's own date by default
        self.today = today
        raw = []
        for lang in ("fa", "ar"):
            raw.extend(json.loads((data_dir / f"articles_{lang}.json").read_text(encoding="utf-8")))
        originals: dict[str, Article] = {}
        copies: list[dict] = []
        for entry in raw:
            if "syndicates" in entry:
                copies.append(entry)
                continue
            site = SITES_BY_SLUG[entry["site"]]
            originals[entry["key"]] = self._article(entry, site, entry["title"], entry["paragraphs"])
        articles = list(originals.values())
        for entry in copies:
            site = SITES_BY_SLUG[entry["site"]]
            source = originals[entry["syndicates"]]
            title, paragraphs = _edit(source.paragraphs, source.title, entry["edit"])
            copy = self._article(
                {**entry, "section": source.section, "tags": source.tags, "author": None},
                site, title, paragraphs,
            )
            copy.original = source
            articles.append(copy)
        self.by_site: dict[str, list[Article]] = {s.slug: [] for s in SITES}
        for art in sorted(articles, key=lambda a: a.published):
            self.by_site[art.site.slug].append(art)
        pinned = {e["key"]: e["number"] for e in raw if "number" in e}
        for slug, arts in self.by_site.items():
            base, step = ID_BASE.get(slug, (0, 1))
            # a story with its own number in the JSON keeps it, and the others keep theirs (added stories never
            # renumber a site)
            for n, art in enumerate(a for a in arts if a.key not in pinned):
                art.number = base + n * step
            for art in arts:
                art.number = pinned.get(art.key, art.number)
        self._paths: dict[tuple[str, str], Article] = {}
        self._short: dict[tuple[str, str], Article] = {}
        for art in self.all():
            self._paths[(art.site.slug, unquote(art.path))] = art
            if art.short_path:
                self._short[(art.site.slug, art.short_path)] = art
        self._check_distinct_paragraphs()

    @staticmethod
    def _article(entry: dict, site: Site, title: str, paragraphs: list[str]) -> Article:
        local = _parse_local(entry["published_local"], site.timezone)
        # every third story is revised a little later; deterministic by its key
        modified = local + timedelta(minutes=25) if sum(map(ord, entry["key"])) % 3 == 0 else None
        return Article(
            key=entry["key"], site=site, number=0, section=entry["section"], title=title,
            author=entry.get("author"), tags=list(entry.get("tags", [])), credit=entry.get("credit"),
            paragraphs=list(paragraphs), published_local=local, modified_local=modified,
            url_slug=entry.get("slug"),
            page_local=_parse_local(entry["page_published_local"], site.timezone)
            if "page_published_local" in entry else None,
            dateless=entry.get("page_date") == "none",
            language=entry.get("language"), date_format=_date_format(entry),
            utc_labelled=_meta_clock(entry, site),
            relisted_local=_parse_local(entry["relisted_local"], site.timezone) if "relisted_local" in entry else None,
        )

    def _check_distinct_paragraphs(self) -> None:
        seen: dict[str, str] = {}
        for art in self.all():
            if art.original is not None:
                continue
            for p in art.paragraphs:
                if p in seen:
                    raise ValueError(f"paragraph shared by {seen[p]} and {art.key}: {p[:40]}")
                seen[p] = art.key

    def all(self) -> list[Article]:
        return [a for arts in self.by_site.values() for a in arts]

    def site_articles(self, slug: str) -> list[Article]:
        return self.by_site[slug]

    def recent(self, slug: str) -> list[Article]:
        """Newest first, historical days excluded (home page, feed, related lists)."""
        return [a for a in reversed(self.by_site[slug]) if not a.historical]

    def feed_items(self, slug: str) -> list[Article]:
        return self.recent(slug)[:FEED_SIZE]

    def local_day(self, slug: str, day: date) -> list[Article]:
        """Articles of the outlet's local calendar day (archive pages and per-day sitemaps), newest first."""
        return [a for a in reversed(self.by_site[slug]) if a.published_local.date() == day]

    def relisted(self, slug: str, day: date) -> list[Article]:
        """Older stories the outlet lists again on its local calendar day ``day``."""
        return [a for a in self.by_site[slug] if a.relisted_local is not None and a.relisted_local.date() == day]

    def local_days(self, slug: str) -> list[date]:
        return sorted({a.published_local.date() for a in self.by_site[slug]})

    def find(self, slug: str, path: str) -> Article | None:
        return self._paths.get((slug, unquote(path)))

    def find_short(self, slug: str, path: str) -> Article | None:
        return self._short.get((slug, path.rstrip("/")))

    def expected(self, day: date, url_for) -> list[ExpectedArticle]:
        """Ground truth for one UTC day; url_for(article) gives the absolute URL."""
        out = []
        for art in self.all():
            if art.home_day != day:
                continue
            shown = art.shown_local
            dated_meta = art.site.date_style in ("meta", "meta-and-jsonld")
            out.append(
                ExpectedArticle(
                    url=url_for(art),
                    outlet=art.site.slug,
                    title=art.title,
                    paragraphs=list(art.paragraphs),
                    published_at=shown.astimezone(UTC) if shown else art.published,
                    source_credit=art.credit,
                    syndicated_from=url_for(art.original) if art.original else None,
                    language=art.story_language,
                    language_mismatch=art.story_language != art.site.language,
                    modified_at=(art.modified if art.page_local is None else shown.astimezone(UTC))
                    if dated_meta and shown else None,
                    date_disagrees=shown is None or abs(shown - art.published_local) > timedelta(hours=24),
                    authors=[art.author] if art.author else [],
                    tags=list(art.tags),
                    section=art.section,
                )
            )
        return sorted(out, key=lambda e: (e.outlet, e.published_at))
