"""Finding a day's article URLs in robots.txt, sitemaps, feeds and archive pages.

Pure functions over bytes: the spider calls them on responses, ``akhbar outlets check`` on live
fetches, and tests on fixtures. Parsing is delegated to Scrapy's sitemap/robots helpers and feedparser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from urllib.parse import parse_qsl, urljoin, urlsplit

import feedparser
from lxml import etree
from lxml import html as lxml_html
from scrapy.utils.sitemap import sitemap_urls_from_robots
from w3lib.url import url_query_cleaner

#: Paths tried when an outlet lists no sitemap and robots.txt names none.
COMMON_SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/sitemap-news.xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml")


#: click and campaign identifiers stripped from article URLs before they are requested. Narrower than
#: transforms.identity.TRACKING_PARAMS (which also folds ref, source, s, amp ... for the article id): a
#: request must reach the page the listing named, and only these never select content.
CLICK_PARAMS = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
                          "twclid", "ttclid", "mc_cid", "mc_eid", "_ga", "_gl"})


def without_tracking(url: str) -> str:
    """The URL without utm_* and click-id query parameters (w3lib's url_query_cleaner); unchanged when it
    has none. A feed's ``?utm_source=rss`` link and a sitemap's clean link are then one request, whichever
    listing answered first."""
    if "?" not in url:  # no query, nothing to strip (most article links): skip the parse
        return url
    try:
        query = urlsplit(url).query
    except ValueError:  # an invalid URL is refused (and logged) where it is requested
        return url
    names = {k for k, _ in parse_qsl(query, keep_blank_values=True)}
    tracking = sorted(n for n in names if n in CLICK_PARAMS or n.lower().startswith("utm_"))
    return url_query_cleaner(url, tracking, remove=True, keep_fragments=True) if tracking else url


@dataclass(frozen=True)
class Listed:
    """A URL found in a listing, with the date the listing gives it (if any)."""

    url: str
    when: datetime | None = None
    #: ``when`` is a publication date (news:publication_date, feed published), not a lastmod
    published: bool = False


def robots_sitemaps(robots_txt: bytes | str, base_url: str) -> list[str]:
    body = robots_txt.encode("utf-8") if isinstance(robots_txt, str) else robots_txt
    return [urljoin(base_url, u) for u in sitemap_urls_from_robots(body, base_url=base_url)]


def parse_when(value: str | None) -> datetime | None:
    """W3C / ISO-8601 dates as used in sitemaps; naive values are taken as UTC."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start, start + timedelta(days=1)


def on_day(when: datetime | None, day: date, slack: timedelta = timedelta(0)) -> bool:
    start, end = day_bounds(day)
    return when is not None and start - slack <= when < end + slack


@dataclass(frozen=True)
class SitemapListing:
    is_index: bool
    entries: list[Listed]


def parse_sitemap(body: bytes) -> SitemapListing:
    """A sitemap, sitemap index or news sitemap. Raises ValueError when the body is no sitemap.

    Scrapy's Sitemap class flattens nested elements, losing <news:publication_date>; this reads each
    entry's children itself with the same hardened parser settings (no entities, no network).
    """
    parser = etree.XMLParser(recover=True, remove_comments=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(body.strip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ValueError(f"not a sitemap: {exc}") from exc
    if root is None:
        raise ValueError("not a sitemap: empty document")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise ValueError(f"not a sitemap: root element {kind!r}")
    entries = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        fields: dict[str, str] = {}
        for el in entry.iter():
            if isinstance(el.tag, str) and el.text and el.text.strip():
                fields.setdefault(etree.QName(el).localname, el.text.strip())
        loc = fields.get("loc")
        if loc:
            published = parse_when(fields.get("publication_date"))
            entries.append(Listed(loc, published or parse_when(fields.get("lastmod")), published is not None))
    return SitemapListing(kind == "sitemapindex", entries)


def local_days(day: date, timezone: str) -> list[date]:
    """The outlet's local calendar days that overlap the UTC day: sites list articles (per-day
    sitemaps, archive pages) by their own date, so Tehran's 01:00 on the 8th is UTC's 7th."""
    from zoneinfo import ZoneInfo

    start, end = day_bounds(day)
    tz = ZoneInfo(timezone)
    first, last = start.astimezone(tz).date(), (end - timedelta(microseconds=1)).astimezone(tz).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def child_sitemaps_for_day(listing: SitemapListing, day: date, also: list[date] = ()) -> list[str]:
    """Children of a sitemap index that may list the day's articles.

    A child whose URL names a date (per-day or per-month sitemaps) is taken when that date is the
    day (or one of the outlet's local days in ``also``) or its month; an undated child when its
    lastmod is missing or not before the day (a sitemap last changed before it cannot list it).
    """
    start, _ = day_bounds(day)
    wanted = {d.strftime(f) for d in (day, *also) for f in ("%Y%m%d", "%Y%m")}
    out = []
    for e in listing.entries:
        named = _DATE_IN_URL.findall(e.url)
        if named:
            if any("".join(m) in wanted for m in named):
                out.append(e.url)
        elif e.when is None or e.when >= start:
            out.append(e.url)
    return out


#: year, month and optional day inside a URL: 2025-01-07, 2025/01, 20250107, 2025-01
_DATE_IN_URL = re.compile(r"((?:19|20)\d\d)[-/_]?(0[1-9]|1[0-2])(?:[-/_]?(0[1-9]|[12]\d|3[01]))?(?!\d)")


def parse_feed(body: bytes, base_url: str, *, latest: bool = False) -> list[Listed]:
    """RSS/Atom entries with their publication (else update) time, what a day's crawl needs; ``latest``: the later
    of the two (a revisit asks whether the item changed). Raises ValueError on garbage."""
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise ValueError(f"not a feed: {parsed.get('bozo_exception')}")
    out = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        stated = [s for s in (entry.get("published_parsed"), entry.get("updated_parsed")) if s]
        dates = [datetime(*s[:6], tzinfo=UTC) for s in stated]
        when = (max(dates) if latest else dates[0]) if dates else None
        out.append(Listed(urljoin(base_url, link), when))
    return out


def _html(body: bytes | str, encoding: str | None = None) -> lxml_html.HtmlElement | None:
    """The parsed page, or None when it is no HTML. ``encoding``: the response's (its Content-Type header):
    bytes without a ``<meta charset>`` are otherwise read as Latin-1, and a Persian «بعدی» never matches."""
    try:
        parser = lxml_html.HTMLParser(encoding=encoding) if encoding and isinstance(body, bytes) else None
    except LookupError:  # a name libxml2 does not know: the page's own declaration, as before
        parser = None
    try:
        return lxml_html.fromstring(body, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _absolute(hrefs: Iterable[str], base_url: str) -> Iterator[str]:
    """Each href absolute and without its fragment, once, in document order (a dict: linear in the links)."""
    return iter(dict.fromkeys(urljoin(base_url, h.strip()).split("#", 1)[0] for h in hrefs))


def page_links(body: bytes | str, base_url: str, encoding: str | None = None) -> list[str]:
    """All <a href> targets of an HTML page, absolute, in document order, without fragments."""
    doc = _html(body, encoding)
    return [] if doc is None else _links(doc, base_url)


def _links(doc: lxml_html.HtmlElement, base_url: str) -> list[str]:
    return [u for u in _absolute(doc.xpath("//a/@href"), base_url) if u.startswith(("http://", "https://"))]


def alternate_feeds(body: bytes | str, base_url: str) -> list[str]:
    """Feeds a page announces with <link rel="alternate" type="application/rss+xml" ...>."""
    try:
        doc = lxml_html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    out = []
    for link in doc.xpath("//link[@rel='alternate'][@href]"):
        if (link.get("type") or "").lower() in FEED_TYPES:
            out.append(urljoin(base_url, link.get("href")))
    return out


#: anchor texts of "next page" links in Persian, Arabic and English archives
NEXT_PAGE_TEXTS = ("بعدی", "صفحه بعد", "التالي", "التالى", "الصفحة التالية", "next", "›", "»", "older")


def next_page_links(body: bytes | str, base_url: str, encoding: str | None = None) -> list[str]:
    """Pagination: rel=next links first, then anchors whose text says "next"."""
    doc = _html(body, encoding)
    return [] if doc is None else _next_links(doc, base_url)


def _next_links(doc: lxml_html.HtmlElement, base_url: str) -> list[str]:
    hrefs = doc.xpath("//link[@rel='next']/@href | //a[@rel='next']/@href")
    for a in doc.xpath("//a[@href]"):
        text = " ".join(a.text_content().split()).lower()
        if text and any(text == t or text.startswith(t + " ") for t in NEXT_PAGE_TEXTS):
            hrefs.append(a.get("href"))
    return [u for u in _absolute(hrefs, base_url) if u != base_url]


class ArchivePage:
    """What a date-archive page lists, from one parse: its links, and (computed when first asked, as the
    spider needs them only when no {page} template goes on) its "next page" links. Linear in the page's size:
    a 16 MiB page of ~600,000 anchors takes seconds, never the quadratic half hour of a list lookup per link."""

    def __init__(self, body: bytes | str, base_url: str, encoding: str | None = None) -> None:
        self._doc = _html(body, encoding)
        self.base_url = base_url
        self.links = [] if self._doc is None else _links(self._doc, base_url)

    @cached_property
    def next_pages(self) -> list[str]:
        return [] if self._doc is None else _next_links(self._doc, self.base_url)


def may_be_on_day(item: Listed, day: date) -> bool:
    """Whether an entry of a listing that covers the day (a per-day sitemap) can be of that day: undated
    entries can; a publication date must fall on it; a last modification before the day excludes it
    (a page is modified after it is published; 14 h slack for date-only lastmods in local time)."""
    if item.when is None:
        return True
    if item.published:
        return on_day(item.when, day)
    return item.when >= day_bounds(day)[0] - timedelta(hours=14)


def select_for_day(listed: Iterable[Listed], day: date) -> Iterator[str]:
    """URLs a listing dates to the day. Undated entries are not selected: a listing without dates
    cannot say which day an article belongs to (archive pages are the route for those)."""
    for item in listed:
        if on_day(item.when, day):
            yield item.url
