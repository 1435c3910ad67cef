"""Machine-readable listings of a test-web site: robots.txt, RSS, sitemap index, sitemaps.

Dates carry the outlet's local UTC offset, as real outlets publish them. The sitemap index has
one child per local calendar day (``/sitemaps/YYYY-MM-DD.xml``) plus the news sitemap, which
lists the articles of the two newest UTC days with ``news:publication_date``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from akhbar.testweb.content import Article, Catalog
from akhbar.testweb.sites import FEED_PATH, NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH, Site

XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
SM_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def robots_txt(site: Site, base: str) -> str:
    return (
        "User-agent: *\n"
        "Disallow: /private/\n"
        "Disallow: /search\n"
        "Disallow: /comment\n"
        "\n"
        "User-agent: BadBot\n"
        "Disallow: /\n"
        "\n"
        f"Sitemap: {base}{SITEMAP_INDEX_PATH}\n"
    )


def rss(site: Site, catalog: Catalog, base: str, now: Callable[[Article], Article] = lambda art: art) -> str:
    """The site's RSS feed; ``now`` gives each item as the site serves it now (testweb/revisions.py): a changed page's
    item carries its new headline and, as ``atom:updated``, its dateModified (as many feeds do; RSS has no field)."""
    items = [now(art) for art in catalog.feed_items(site.slug)]
    out = [
        XML_DECL,
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n',
        f"<title>{escape(site.name_native)}</title>\n<link>{base}/</link>\n",
        f"<description>{escape(site.name_native)} - {escape(site.name)}</description>\n",
        f"<language>{site.language}</language>\n",
        f'<atom:link href="{base}{FEED_PATH}" rel="self" type="application/rss+xml"/>\n',
        f"<lastBuildDate>{format_datetime(max(a.last_change_local for a in items))}</lastBuildDate>\n",
    ]
    for art in items:
        out.append(
            "<item>\n"
            f"<title>{escape(art.title)}</title>\n"
            f"<link>{escape(base + art.feed_path)}</link>\n"
            f'<guid isPermaLink="false">{site.slug}-{art.number}</guid>\n'
            f"<description>{escape(art.lead)}</description>\n"
            f"<pubDate>{format_datetime(art.published_local)}</pubDate>\n"
            + (f"<atom:updated>{art.modified_local.isoformat()}</atom:updated>\n" if art.modified_local else "")
            + f"<category>{escape(art.section)}</category>\n"
            + (f"<dc:creator>{escape(art.author)}</dc:creator>\n" if art.author else "")
            + "</item>\n"
        )
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def sitemap_index(site: Site, catalog: Catalog, base: str) -> str:
    out = [XML_DECL, f'<sitemapindex xmlns="{SM_NS}">\n']
    arts = catalog.site_articles(site.slug)
    newest = max(a.last_change_local for a in arts)
    out.append(
        f"<sitemap><loc>{base}{NEWS_SITEMAP_PATH}</loc><lastmod>{newest.isoformat()}</lastmod></sitemap>\n"
    )
    for day in reversed(catalog.local_days(site.slug)):
        lastmod = max(a.last_change_local for a in catalog.local_day(site.slug, day))
        out.append(
            f"<sitemap><loc>{base}/sitemaps/{day.isoformat()}.xml</loc>"
            f"<lastmod>{lastmod.isoformat()}</lastmod></sitemap>\n"
        )
    out.append("</sitemapindex>\n")
    return "".join(out)


def _url_entry(art: Article, base: str) -> str:
    return (
        f"<url><loc>{escape(base + art.path)}</loc>"
        f"<lastmod>{art.last_change_local.isoformat()}</lastmod></url>\n"
    )


def day_sitemap(site: Site, catalog: Catalog, base: str, day: date) -> str | None:
    """The child sitemap of one local day; None when the site published nothing that day. Old stories listed
    again that day come last, without a lastmod (as CMSs add them)."""
    arts = catalog.local_day(site.slug, day)
    if not arts:
        return None
    again = "".join(f"<url><loc>{escape(base + a.path)}</loc></url>\n" for a in catalog.relisted(site.slug, day))
    return (XML_DECL + f'<urlset xmlns="{SM_NS}">\n' + "".join(_url_entry(a, base) for a in arts) + again
            + "</urlset>\n")


def news_sitemap(site: Site, catalog: Catalog, base: str) -> str:
    arts = catalog.recent(site.slug)
    newest_day = arts[0].published.date()
    keep = [a for a in arts if a.published.date() >= newest_day - timedelta(days=1)]
    out = [XML_DECL, f'<urlset xmlns="{SM_NS}" xmlns:news="{NEWS_NS}">\n']
    for art in keep:
        out.append(
            f"<url><loc>{escape(base + art.path)}</loc>"
            f"<lastmod>{art.last_change_local.isoformat()}</lastmod>"
            "<news:news><news:publication>"
            f"<news:name>{escape(site.name_native)}</news:name>"
            f"<news:language>{site.language}</news:language></news:publication>"
            f"<news:publication_date>{art.published_local.isoformat()}</news:publication_date>"
            f"<news:title>{escape(art.title)}</news:title></news:news></url>\n"
        )
    out.append("</urlset>\n")
    return "".join(out)
