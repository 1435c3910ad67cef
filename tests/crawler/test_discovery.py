"""Discovery: which listing entries belong to the day."""

from datetime import UTC, date, datetime

import pytest

from akhbar.crawler import discovery

DAY = date(2025, 1, 7)
SLUG_FA = "تشدید-تحریم‌ها-علیه-ایران"

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <sitemap><loc>https://www.yjc.ir/sitemap/2025-01-07.xml</loc></sitemap>
 <sitemap><loc>https://www.yjc.ir/sitemap/2025-01-06.xml</loc></sitemap>
 <sitemap><loc>https://www.yjc.ir/sitemap/2024/12.xml</loc></sitemap>
 <sitemap><loc>https://www.yjc.ir/sitemap/2025/01.xml</loc></sitemap>
 <sitemap><loc>https://www.yjc.ir/news-sitemap.xml</loc><lastmod>2025-01-08T02:00:00+03:30</lastmod></sitemap>
 <sitemap><loc>https://www.yjc.ir/tags.xml</loc><lastmod>2024-05-01</lastmod></sitemap>
</sitemapindex>"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://www.youm7.com/story/2025/1/7/a/1</loc>
  <news:news><news:publication_date>2025-01-07T23:30:00+02:00</news:publication_date>
  <news:title>أمريكا واليابان</news:title></news:news></url>
 <url><loc>https://www.youm7.com/story/2025/1/8/b/2</loc>
  <news:news><news:publication_date>2025-01-08T01:30:00+02:00</news:publication_date></news:news></url>
 <url><loc>https://www.youm7.com/story/2025/1/6/c/3</loc><lastmod>2025-01-06T20:00:00Z</lastmod></url>
</urlset>""".encode()


def test_index_children_for_the_day():
    listing = discovery.parse_sitemap(INDEX)
    assert listing.is_index
    assert discovery.child_sitemaps_for_day(listing, DAY) == [
        "https://www.yjc.ir/sitemap/2025-01-07.xml",
        "https://www.yjc.ir/sitemap/2025/01.xml",
        "https://www.yjc.ir/news-sitemap.xml",
    ]


def test_news_sitemap_dates_are_utc():
    listing = discovery.parse_sitemap(NEWS)
    # 23:30 Cairo time on the 7th is 21:30 UTC on the 7th; 01:30 on the 8th is 23:30 UTC on the 7th
    assert list(discovery.select_for_day(listing.entries, DAY)) == [
        "https://www.youm7.com/story/2025/1/7/a/1", "https://www.youm7.com/story/2025/1/8/b/2",
    ]


def test_garbage_is_not_a_sitemap():
    with pytest.raises(ValueError):
        discovery.parse_sitemap(b"<html><body>not found</body></html>")


def test_feed_entries_and_dates():
    rss = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>خبر</title>
    <item><title>گفت‌وگوی تلفنی</title><link>/fa/news/1</link><pubDate>Tue, 07 Jan 2025 10:00:00 +0330</pubDate></item>
    <item><title>دیروز</title><link>/fa/news/2</link><pubDate>Mon, 06 Jan 2025 10:00:00 +0000</pubDate></item>
    </channel></rss>""".encode()
    entries = discovery.parse_feed(rss, "https://www.yjc.ir/fa/rss")
    assert entries[0] == discovery.Listed("https://www.yjc.ir/fa/news/1", datetime(2025, 1, 7, 6, 30, tzinfo=UTC))
    assert list(discovery.select_for_day(entries, DAY)) == ["https://www.yjc.ir/fa/news/1"]


def test_robots_sitemap_lines_and_alternate_feeds():
    robots = b"User-agent: *\nDisallow: /private/\nSitemap: https://www.yjc.ir/sitemap.xml\n"
    assert discovery.robots_sitemaps(robots, "https://www.yjc.ir/robots.txt") == ["https://www.yjc.ir/sitemap.xml"]
    home = b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head></html>'
    assert discovery.alternate_feeds(home, "https://www.yjc.ir/") == ["https://www.yjc.ir/rss.xml"]


def test_next_page_links_in_persian_and_arabic():
    page = """<html><body><a href="/archive?page=2">بعدی</a><a href="/x">خبر</a>
    <a href="/ar/archive?page=3">التالي</a></body></html>"""
    assert discovery.next_page_links(page, "https://site/archive") == [
        "https://site/archive?page=2", "https://site/ar/archive?page=3",
    ]


def test_local_days_overlapping_the_utc_day():
    assert discovery.local_days(DAY, "Asia/Tehran") == [date(2025, 1, 7), date(2025, 1, 8)]
    assert discovery.local_days(DAY, "Europe/London") == [DAY]
    assert discovery.local_days(DAY, "America/New_York") == [date(2025, 1, 6), DAY]
    listing = discovery.parse_sitemap(INDEX)
    chosen = discovery.child_sitemaps_for_day(listing, date(2025, 1, 6), also=[DAY])
    assert "https://www.yjc.ir/sitemap/2025-01-07.xml" in chosen
    assert "https://www.yjc.ir/sitemap/2025-01-06.xml" in chosen


def test_day_sitemap_entries_that_cannot_be_of_the_day_are_skipped():
    day = date(2025, 1, 7)
    utc = UTC
    before = discovery.Listed("https://x.ir/news/1", datetime(2025, 1, 5, 9, 0, tzinfo=utc))
    modified_later = discovery.Listed("https://x.ir/news/2", datetime(2025, 1, 9, 9, 0, tzinfo=utc))
    published_next_day = discovery.Listed("https://x.ir/news/3", datetime(2025, 1, 8, 7, 0, tzinfo=utc), True)
    published_on_day = discovery.Listed("https://x.ir/news/4", datetime(2025, 1, 7, 20, 0, tzinfo=utc), True)
    undated = discovery.Listed("https://x.ir/news/5")
    kept = [e.url[-1] for e in (before, modified_later, published_next_day, published_on_day, undated)
            if discovery.may_be_on_day(e, day)]
    assert kept == ["2", "4", "5"]


def test_news_sitemap_marks_publication_dates():
    xml = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://x.ir/news/1</loc><lastmod>2025-01-09T10:00:00Z</lastmod>
        <news:news><news:publication_date>2025-01-07T10:00:00+03:30</news:publication_date></news:news></url>
      <url><loc>https://x.ir/news/2</loc><lastmod>2025-01-09T10:00:00Z</lastmod></url></urlset>"""
    a, b = discovery.parse_sitemap(xml).entries
    assert a.published and a.when == datetime(2025, 1, 7, 6, 30, tzinfo=UTC)
    assert not b.published and b.when == datetime(2025, 1, 9, 10, 0, tzinfo=UTC)


class _Counted(str):
    """A URL that counts the equality tests made on it."""

    eq = 0

    def __eq__(self, other: object) -> bool:
        _Counted.eq += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__

    def split(self, *args, **kwargs) -> list[str]:  # type: ignore[override]
        return [_Counted(p) for p in str.split(self, *args, **kwargs)]


def test_archive_links_cost_comparisons_linear_in_the_anchors(monkeypatch):
    """The old next-link lookup was a list search per anchor: 4,000 «بعدی» anchors cost 8 million comparisons."""
    from urllib.parse import urljoin

    n = 4000
    page = ('<html><head><meta charset="utf-8"></head><body>'
            + "".join(f'<a href="?page={i}">بعدی</a>' for i in range(n)) + "</body></html>").encode()
    monkeypatch.setattr(discovery, "urljoin", lambda base, href: _Counted(urljoin(base, href)))
    _Counted.eq = 0
    found = discovery.next_page_links(page, "https://site/archive")
    assert len(found) == n and isinstance(found[0], _Counted)
    assert _Counted.eq <= n
    _Counted.eq = 0
    listing = discovery.ArchivePage(page + page, "https://site/archive")  # every link twice
    assert len(listing.links) == len(listing.next_pages) == n
    assert _Counted.eq <= 4 * n


def test_archive_page_in_the_responses_encoding():
    """A page without <meta charset>, its charset in the Content-Type header only: read in that encoding, so the
    Persian and Arabic «next» anchors are found and a Persian slug in a link comes out as written."""
    slug = "تشدید-تحریم‌ها"
    fa = f'<html><body><a href="/fa/news/1/{slug}">خبر</a><a href="/archive?page=2">بعدی</a></body></html>'
    listing = discovery.ArchivePage(fa.encode("utf-8"), "https://site/archive", "utf-8")
    assert listing.links == [f"https://site/fa/news/1/{slug}", "https://site/archive?page=2"]
    assert listing.next_pages == ["https://site/archive?page=2"]
    assert discovery.next_page_links(fa.encode("utf-8"), "https://site/archive") == []  # read as Latin-1: missed
    ar = '<html><body><a href="/ar/archive?page=3">التالي</a></body></html>'.encode("cp1256")
    assert discovery.ArchivePage(ar, "https://site/ar/archive", "cp1256").next_pages == [
        "https://site/ar/archive?page=3"]
    unknown = discovery.ArchivePage(fa.encode("utf-8"), "https://site/archive", "x-no-such-charset")
    assert unknown.links  # an encoding libxml2 does not know: the page's own declaration, as before


# -- tracking parameters ------------------------------------------------------------------------------

@pytest.mark.parametrize(("listed", "requested"), [
    (f"https://www.irna.ir/news/85712345/{SLUG_FA}?utm_source=rss&utm_medium=feed",
     f"https://www.irna.ir/news/85712345/{SLUG_FA}"),
    ("https://www.aljazeera.net/news/2025/1/7/x?id=7&fbclid=IwAR0&UTM_Campaign=a#top",
     "https://www.aljazeera.net/news/2025/1/7/x?id=7#top"),
    # parameters that may select content stay (transforms.identity folds them only for the article id)
    ("https://www.mehrnews.com/news/6712345?page=2&ref=home", "https://www.mehrnews.com/news/6712345?page=2&ref=home"),
    ("https://www.isna.ir/news/1403101712345", "https://www.isna.ir/news/1403101712345"),
])
def test_without_tracking_strips_utm_and_click_ids_only(listed: str, requested: str):
    assert discovery.without_tracking(listed) == requested
