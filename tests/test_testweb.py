"""The offline test web, exercised over real HTTP on loopback with urllib."""

from __future__ import annotations

import gzip
import html
import http.client
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from lxml import html as lxml_html

from akhbar.crawler.discovery import child_sitemaps_for_day, parse_feed, parse_sitemap
from akhbar.outlets.registry import load_outlets
from akhbar.testweb import SITES, TestWeb
from akhbar.testweb.content import Catalog

DEMO_DAY = date(2025, 1, 7)
HISTORICAL_DAYS = (date(2024, 12, 10), date(2024, 12, 11))
ZWNJ = "\u200c"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


NO_REDIRECT = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, headers: dict[str, str] | None = None, timeout: float = 10, follow: bool = True):
    """(status, headers, body) of a GET; HTTP error statuses are returned, not raised."""
    req = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener() if follow else NO_REDIRECT
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def decode_page(headers, body: bytes) -> str:
    """Decode as a browser would: header charset, else <meta> charset, else UTF-8."""
    charset = headers.get_content_charset()
    if not charset:
        m = re.search(rb"charset=[\"']?([\w-]+)", body[:2048])
        charset = m.group(1).decode() if m else "utf-8"
    return body.decode(charset)


def body_paragraphs(page: str) -> list[str]:
    doc = lxml_html.fromstring(page)
    return [p.text_content() for p in doc.xpath("//p")]


@pytest.fixture(scope="module")
def web():
    with TestWeb() as tw:
        yield tw


@pytest.fixture()
def fweb(web):
    """The shared test web for fault tests; faults are cleared afterwards."""
    yield web
    web.clear_faults()


@pytest.fixture(scope="module")
def outlets(web, tmp_path_factory):
    return load_outlets(web.write_outlet_configs(tmp_path_factory.mktemp("outlets")))


# ---- hosting -----------------------------------------------------------------------------------

def test_each_site_has_its_own_loopback_host_on_one_port(web):
    urls = [urlsplit(web.base_url(s.slug)) for s in web.sites]
    assert len({u.hostname for u in urls}) == len(web.sites) >= 4
    assert {u.port for u in urls} == {web.port}
    assert all(u.hostname.startswith("127.0.0.") for u in urls)
    langs = sorted(s.language for s in web.sites)
    assert langs.count("fa") >= 2 and langs.count("ar") >= 2
    assert [s.slug for s in web.sites if s.aggregator] == ["ar-mojaz"]


def test_stop_releases_port_and_threads():
    tw = TestWeb().start()
    port = tw.port
    assert fetch(tw.url("fa-payam", "/robots.txt"))[0] == 200
    serving = list(tw._threads)
    assert len(serving) == len(tw.sites) and all(t.daemon and t.is_alive() for t in serving)
    tw.stop()
    assert not any(t.is_alive() for t in serving)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.11", port), timeout=2)
    with TestWeb(port) as again:  # the same port is free again right away
        assert fetch(again.url("ar-wadi", "/"))[0] == 200


# ---- robots, feeds, sitemaps, archives ---------------------------------------------------------

@pytest.mark.parametrize("site", SITES, ids=lambda s: s.slug)
def test_robots_names_sitemap_and_forbids_private(web, site):
    status, _, body = fetch(web.url(site.slug, "/robots.txt"))
    assert status == 200
    rp = urllib.robotparser.RobotFileParser()
    rp.parse(body.decode().splitlines())
    assert rp.site_maps() == [web.url(site.slug, "/sitemap.xml")]
    assert not rp.can_fetch("akhbar", web.url(site.slug, site.private_path))
    art = web.catalog.recent(site.slug)[0]
    assert rp.can_fetch("akhbar", web.url(site.slug, art.path))
    # the home page links the forbidden page, so only robots.txt keeps a crawler away from it
    _, headers, home = fetch(web.base_url(site.slug))
    hrefs = [unquote(h) for h in lxml_html.fromstring(decode_page(headers, home)).xpath("//a/@href")]
    assert unquote(site.private_path) in hrefs
    assert '<link rel="alternate" type="application/rss+xml"' in decode_page(headers, home)


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.slug)
def test_rss_lists_latest_items_with_dates(web, site):
    status, headers, body = fetch(web.url(site.slug, "/rss.xml"))
    assert status == 200 and "rss" in headers["Content-Type"]
    feed = feedparser.parse(body)
    assert not feed.bozo
    assert 8 <= len(feed.entries) <= 10
    times = [datetime(*e.published_parsed[:6], tzinfo=UTC) for e in feed.entries]
    assert times == sorted(times, reverse=True)
    assert all(urlsplit(e.link).hostname == site.host for e in feed.entries)
    historical = {web.article_url(a) for a in web.catalog.site_articles(site.slug) if a.historical}
    assert historical and not historical & {e.link for e in feed.entries}
    assert parse_feed(body, web.base_url(site.slug))  # the crawler's parser reads it too


def test_feed_quirks_tracking_params_and_redirect(web):
    sepehr = {e.link for e in feedparser.parse(fetch(web.url("fa-sepehr", "/rss.xml"))[2]).entries}
    tracked = [u for u in sepehr if "utm_source=rss" in u]
    assert len(tracked) == 1
    clean = tracked[0].split("?")[0]
    sitemap = parse_sitemap(fetch(web.url("fa-sepehr", "/news-sitemap.xml"))[2])
    assert clean in {e.url for e in sitemap.entries}
    page = decode_page(*fetch(tracked[0])[1:])
    assert f'<link rel="canonical" href="{clean}">' in page

    payam = [e.link for e in feedparser.parse(fetch(web.url("fa-payam", "/rss.xml"))[2]).entries]
    short = [u for u in payam if re.search(r"/fa/news/\d+$", u)]
    assert len(short) == 1
    status, headers, _ = fetch(short[0], follow=False)
    assert status == 301
    final = web.url("fa-payam", headers["Location"])
    assert final.startswith(short[0] + "/") and fetch(final)[0] == 200


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.slug)
def test_sitemap_index_to_dated_children(web, site):
    index = parse_sitemap(fetch(web.url(site.slug, "/sitemap.xml"))[2])
    assert index.is_index
    assert all(e.when is not None for e in index.entries)
    children = child_sitemaps_for_day(index, DEMO_DAY)
    assert web.url(site.slug, "/sitemaps/2025-01-07.xml") in children
    for day in (DEMO_DAY, *HISTORICAL_DAYS):
        child = parse_sitemap(fetch(web.url(site.slug, f"/sitemaps/{day}.xml"))[2])
        assert not child.is_index
        expected = {web.article_url(a) for a in web.catalog.local_day(site.slug, day)}
        again = {web.article_url(a) for a in web.catalog.relisted(site.slug, day)}  # old stories listed again
        assert {e.url for e in child.entries} == expected | again and expected
        assert all((e.when is None) == (e.url in again) for e in child.entries)  # those without a lastmod
    assert fetch(web.url(site.slug, "/sitemaps/2030-01-01.xml"))[0] == 404


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.slug)
def test_news_sitemap_covers_two_newest_days_only(web, site):
    news = parse_sitemap(fetch(web.url(site.slug, "/news-sitemap.xml"))[2])
    days = {e.when.date() for e in news.entries}
    assert days <= {date(2025, 1, 7), date(2025, 1, 8)} and date(2025, 1, 8) in days
    body = fetch(web.url(site.slug, "/news-sitemap.xml"))[2].decode()
    assert body.count("<news:publication_date>") == len(news.entries)


def _walk_archive(web, outlet, day: date) -> tuple[list[str], int]:
    """Follow an outlet's archive from page 1 via rel=next; (article URLs, pages seen)."""
    url = outlet.archive_urls(day, 1)[0]
    found: list[str] = []
    pages = 0
    while url:
        status, headers, body = fetch(url)
        assert status == 200
        pages += 1
        doc = lxml_html.fromstring(decode_page(headers, body))
        found += [web.url(outlet.slug, h) for h in doc.xpath("//ul[@class='archive-list']//a/@href")]
        nxt = doc.xpath("//a[@rel='next']")
        if nxt:
            assert nxt[0].text_content() in ("بعدی", "التالي")
            assert doc.xpath("//link[@rel='next']/@href") == [nxt[0].get("href")]
        url = web.url(outlet.slug, nxt[0].get("href")) if nxt else None
        assert pages < 10
    return found, pages


@pytest.mark.parametrize("slug", [s.slug for s in SITES])
def test_archive_pagination_reaches_every_article_of_the_day(web, outlets, slug):
    outlet = outlets[slug]
    for day in (DEMO_DAY, *HISTORICAL_DAYS):
        found, pages = _walk_archive(web, outlet, day)
        expected = [web.article_url(a) for a in web.catalog.local_day(slug, day)]
        assert found == expected
        assert pages == -(-len(expected) // web.site(slug).archive_page_size)
    assert _walk_archive(web, outlet, DEMO_DAY)[1] >= 2  # the demo day spans pages
    # a page past the end is an empty listing, not an error
    status, headers, body = fetch(outlet.archive_urls(DEMO_DAY, 9)[0])
    assert status == 200 and "archive-list" not in decode_page(headers, body)


def test_solar_hijri_archive_template(web, outlets):
    assert outlets["fa-payam"].archive_urls(DEMO_DAY, 2)[0] == web.url("fa-payam", "/archive/1403/10/18?page=2")


def test_historical_articles_only_in_dated_sitemaps_and_archives(web):
    for site in web.sites:
        hist = {a.path for a in web.catalog.site_articles(site.slug) if a.historical}
        relisted = sum(1 for a in web.catalog.site_articles(site.slug) if a.relisted_local is not None)
        assert len(hist) == 4 + relisted
        for path in ("/", "/rss.xml", "/news-sitemap.xml", "/section/culture", "/section/economy"):
            body = fetch(web.url(site.slug, path))[2]
            assert not any(p.encode() in body for p in hist), (site.slug, path)


# ---- article pages -----------------------------------------------------------------------------

BOILERPLATE = {
    "fa-payam": ["اخبار پیشنهادی", "آخرین اخبار", "برچسب ها:", "ارسال نظرات"],
    "fa-sepehr": ["خبرهای مرتبط", "آخرین اخبار", "برچسب ها:", "ارسال نظرات"],
    "ar-wadi": ["إقرأ أيضاً", "الأكثر قراءة", "كلمات دلالية:", "اضف تعليقاً واقرأ تعليقات القراء"],
    "ar-mojaz": ["مقالات مشابهة", "الأكثر قراءة", "كلمات دلالية:", "تابع أحدث الأخبار عبر تطبيق"],
}


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.slug)
def test_article_pages_carry_expected_paragraphs_and_boilerplate(web, site):
    expected = [e for e in web.expected_articles(DEMO_DAY) if e.outlet == site.slug]
    assert len(expected) >= 3
    for exp in expected:
        status, headers, body = fetch(exp.url)
        assert status == 200
        page = decode_page(headers, body)
        assert "\ufffd" not in page
        paras = body_paragraphs(page)
        for p in exp.paragraphs:
            assert p in paras
        assert 4 <= len(exp.paragraphs) <= 8
        for label in BOILERPLATE[site.slug]:
            assert label in page
        doc = lxml_html.fromstring(page)
        assert doc.xpath("//link[@rel='canonical']/@href") == [exp.url]
        assert doc.xpath("//meta[@property='og:url']/@content") == [exp.url]
        assert doc.xpath("//meta[@property='og:title']/@content") == [exp.title]
        if exp.source_credit:
            label = "منبع:" if site.language == "fa" else "المصدر:"
            assert f"{label} {exp.source_credit}" in paras


def test_date_styles_differ_per_site(web):
    pages = {}
    for site in web.sites:
        art = next(a for a in web.catalog.recent(site.slug) if a.published_local.date() == DEMO_DAY)
        _, headers, body = fetch(web.article_url(art))
        pages[site.slug] = (art, decode_page(headers, body))
    art, page = pages["fa-payam"]
    assert "article:published_time" not in page and "ld+json" not in page
    assert "۱۸ دی ۱۴۰۳" in page  # 2025-01-07 in the Solar Hijri calendar
    art, page = pages["fa-sepehr"]
    assert f'content="{art.published_local.isoformat()}"' in page and '"@type": "NewsArticle"' in page
    art, page = pages["ar-mojaz"]
    assert "article:published_time" not in page and "ld+json" not in page
    assert re.search(r"الثلاثاء، 07 يناير 2025 \d\d:\d\d [صم]", page)


def test_windows_1256_declared_only_in_header(web):
    exp = next(e for e in web.expected_articles(DEMO_DAY) if e.outlet == "ar-wadi")
    status, headers, body = fetch(exp.url)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=windows-1256"
    assert b"charset" not in body.lower()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("cp1256")
    assert exp.paragraphs[0] in text and "\ufffd" not in text


def test_charset_only_in_meta(web):
    exp = next(e for e in web.expected_articles(DEMO_DAY) if e.outlet == "ar-mojaz")
    _, headers, body = fetch(exp.url)
    assert headers["Content-Type"] == "text/html" and headers.get_content_charset() is None
    assert b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">' in body
    assert exp.paragraphs[0] in body.decode("utf-8")


def test_one_article_is_gzip_encoded(web):
    gz = next(a for a in web.catalog.site_articles("fa-sepehr") if a.key == "s11")
    status, headers, body = fetch(web.article_url(gz), headers={"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gz.paragraphs[0] in gzip.decompress(body).decode()
    _, headers, body = fetch(web.article_url(gz), headers={"Accept-Encoding": "identity"})
    assert headers["Content-Encoding"] is None and gz.paragraphs[0] in body.decode()


def test_persian_text_keeps_zwnj_and_persian_letters(web):
    # the Urdu story p30 on fa-payam is not Persian text
    fa = [a for s in ("fa-payam", "fa-sepehr") for a in web.catalog.site_articles(s)
          if a.original is None and a.story_language == "fa"]
    text = "\n".join(p for a in fa for p in a.paragraphs)
    for word in ("می\u200cشود", "گفت\u200cوگو", "بین\u200cالمللی", "نشان\u200cدهنده"):
        assert word in text
    assert all(ZWNJ in "".join(a.paragraphs) for a in fa)
    assert "ي" not in text and "ك" not in text  # Persian ی and ک, not the Arabic letters
    assert "۱۴۰۳" in text and "٢٠٢٥" in text  # Persian digits, and Arabic-Indic ones mixed in
    # and the page served for one of them carries the ZWNJ bytes through HTTP
    art = fa[0]
    _, headers, body = fetch(web.article_url(art))
    assert ZWNJ in decode_page(headers, body)


def test_syndicated_copies_are_marked_and_edited(web):
    everything = [e for d in range(-30, 5) for e in web.expected_articles(DEMO_DAY + timedelta(days=d))]
    by_url = {e.url: e for e in everything}
    copies = [e for e in everything if e.syndicated_from]
    ar = [c for c in copies if c.outlet == "ar-mojaz"]
    fa = [c for c in copies if c.outlet == "fa-sepehr"]
    assert len(ar) == 3 and len(fa) == 1
    for copy in ar:
        orig = by_url[copy.syndicated_from]
        assert orig.outlet == "ar-wadi" and copy.source_credit == "صوت الوادي"
        assert timedelta(0) < copy.published_at - orig.published_at < timedelta(days=2)
        page = decode_page(*fetch(copy.url)[1:])
        assert "المصدر: صوت الوادي" in page
    kinds = set()
    for copy in ar:
        orig = by_url[copy.syndicated_from]
        if copy.paragraphs == orig.paragraphs:
            kinds.add("same")
        elif len(" ".join(copy.paragraphs)) < len(" ".join(orig.paragraphs)):
            kinds.add("dropped")
        elif "٢" in " ".join(copy.paragraphs) or "فى " in " ".join(copy.paragraphs):
            assert not re.search(r"\d", " ".join(copy.paragraphs).translate(str.maketrans("", "", "٠١٢٣٤٥٦٧٨٩")))
            kinds.add("digits_yeh")
    assert kinds == {"same", "dropped", "digits_yeh"}
    (copy,) = fa
    orig = by_url[copy.syndicated_from]
    assert orig.outlet == "fa-payam" and ZWNJ not in "".join(copy.paragraphs)
    assert copy.paragraphs == [p.replace(ZWNJ, "") for p in orig.paragraphs]


def test_no_paragraph_shared_between_different_stories(web):
    owners: dict[str, str] = {}
    for art in web.catalog.all():
        if art.original is not None:
            continue
        for p in art.paragraphs:
            assert owners.setdefault(p, art.key) == art.key
    assert len({a.key for a in web.catalog.all()}) == len(web.catalog.all()) >= 60


# ---- ground truth and outlet configs -----------------------------------------------------------

def test_expected_articles_belong_to_the_utc_day(web):
    exp = web.expected_articles(DEMO_DAY)
    start = datetime(2025, 1, 7, tzinfo=UTC)
    assert exp and all(start <= e.published_at < start + timedelta(days=1) for e in exp)
    assert all(e.published_at.tzinfo is not None and e.published_at.utcoffset() == timedelta(0) for e in exp)
    assert {e.outlet for e in exp} == {s.slug for s in SITES}
    arts = {web.article_url(a): a for a in web.catalog.all()}
    crossing = [e for e in exp if arts[e.url].published_local.date() != DEMO_DAY]
    assert len(crossing) >= 2  # local date is already Jan 8, UTC date still Jan 7
    late = [a for a in web.catalog.all() if (a.published_local.hour, a.published_local.minute) == (23, 30)]
    assert late and late[0].published.date() == DEMO_DAY
    assert len({e.url for e in exp}) == len(exp)
    for day in (date(2025, 1, 5), date(2025, 1, 6), date(2025, 1, 8), *HISTORICAL_DAYS):
        # a page dated far from its listings stays on the listed day (s30: listed Jan 6, page says Jan 11)
        assert all(e.published_at.date() == day for e in web.expected_articles(day) if not e.date_disagrees)
    assert web.expected_articles(date(2025, 1, 20)) == []
    assert web.expected_articles(date(2025, 1, 11)) == []  # s30's page date: no listing of that day has it


def test_planted_date_disagreements_have_their_home_days(web):
    arts = {a.key: a for a in web.catalog.all()}
    assert arts["s30"].shown_local.date() == date(2025, 1, 11) and arts["s30"].home_day == date(2025, 1, 6)
    assert arts["s31"].shown_local is None and arts["s31"].home_day == date(2025, 1, 7)
    assert arts["s32"].published.date() == DEMO_DAY and arts["s32"].home_day == date(2025, 1, 8)
    page = web.route(arts["s31"].site, arts["s31"].path, {}, False).body.decode()
    assert "datePublished" not in page and "article:published_time" not in page and "©" in page


def test_catalog_is_deterministic(web):
    a, b = Catalog(), Catalog()
    assert [(x.key, x.path, x.published, x.paragraphs) for x in a.all()] == [
        (x.key, x.path, x.published, x.paragraphs) for x in b.all()
    ]


def test_outlet_configs_validate_and_patterns_fit(web, outlets):
    assert set(outlets) == {s.slug for s in SITES}
    for site in web.sites:
        o = outlets[site.slug]
        assert o.allowed_domains == [site.host] and o.crawl.allow_private_hosts
        assert o.crawl.download_delay == 0 and o.crawl.concurrency == 4 and o.discovery.auto
        assert o.aggregator == site.aggregator and o.language == site.language
        for art in web.catalog.site_articles(site.slug):
            assert o.is_article_url(web.article_url(art)), art.path
            assert o.is_article_url(web.url(site.slug, art.feed_path))
        not_articles = [
            *o.discovery.feeds, *o.discovery.sitemaps, o.base_url, web.url(site.slug, "/news-sitemap.xml"),
            web.url(site.slug, "/sitemaps/2025-01-07.xml"), web.url(site.slug, "/section/sport"),
            web.url(site.slug, "/robots.txt"), *o.archive_urls(DEMO_DAY, 1), *o.archive_urls(DEMO_DAY, 2),
        ]
        for url in not_articles:
            assert not o.is_article_url(url), url
        # the private page looks like an article: robots.txt, not the pattern, must keep it out
        assert o.is_article_url(web.url(site.slug, site.private_path))
        other = next(s for s in web.sites if s.slug != site.slug)
        assert not o.is_article_url(web.url(other.slug, web.catalog.site_articles(other.slug)[0].path))


# ---- faults ------------------------------------------------------------------------------------

def _article_path(web, slug: str = "ar-wadi") -> str:
    return web.catalog.recent(slug)[0].path


def test_no_faults_unless_set(fweb):
    path = _article_path(fweb)
    assert [fetch(fweb.url("ar-wadi", path))[0] for _ in range(5)] == [200] * 5


def test_status_fault_fails_then_recovers(fweb):
    path = _article_path(fweb)
    fweb.set_fault("ar-wadi", path, "status", statuses=[503, 503])
    got = [fetch(fweb.url("ar-wadi", path))[0] for _ in range(3)]
    assert got == [503, 503, 200]
    assert fweb.attempts("ar-wadi", path) == 3
    fweb.clear_faults()
    assert fetch(fweb.url("ar-wadi", path))[0] == 200


def test_rate_limit_sends_retry_after(fweb):
    fweb.set_fault("fa-payam", "/rss.xml", "rate_limit", retry_after=7)
    status, headers, _ = fetch(fweb.url("fa-payam", "/rss.xml"))
    assert status == 429 and headers["Retry-After"] == "7"
    assert fetch(fweb.url("fa-payam", "/rss.xml"))[0] == 200


def test_reset_and_truncation_break_the_connection(fweb):
    path = _article_path(fweb, "fa-sepehr")
    fweb.set_fault("fa-sepehr", path, "reset")
    with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected, urllib.error.URLError)):
        urllib.request.urlopen(fweb.url("fa-sepehr", path), timeout=5).read()
    fweb.set_fault("fa-sepehr", path, "truncate", fraction=0.3)
    with urllib.request.urlopen(fweb.url("fa-sepehr", path), timeout=5) as resp:
        declared = int(resp.headers["Content-Length"])
        with pytest.raises(http.client.IncompleteRead) as info:
            resp.read()
    assert len(info.value.partial) < declared


def test_slow_response_exceeds_client_timeout(fweb):
    fweb.set_fault("ar-mojaz", "/rss.xml", "slow", sleep=3, times=1)
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        urllib.request.urlopen(fweb.url("ar-mojaz", "/rss.xml"), timeout=0.3).read()
    assert fetch(fweb.url("ar-mojaz", "/rss.xml"))[0] == 200  # times=1: the next attempt is normal


def test_redirect_chain_loop_and_offsite(fweb):
    fweb.set_fault("ar-mojaz", "/old", "redirect_chain", hops=4, to="/")
    url, hops = fweb.url("ar-mojaz", "/old"), 0
    while True:
        status, headers, _ = fetch(url, follow=False)
        if status != 302:
            break
        hops += 1
        url = fweb.url("ar-mojaz", headers["Location"])
    assert (hops, status) == (4, 200)

    fweb.set_fault("ar-mojaz", "/loop", "redirect_loop")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(fweb.url("ar-mojaz", "/loop"), timeout=5)
    assert "loop" in str(info.value.reason)

    path = _article_path(fweb, "ar-mojaz")
    fweb.set_fault("ar-mojaz", path, "offsite_redirect", to_slug="ar-wadi")
    status, headers, _ = fetch(fweb.url("ar-mojaz", path), follow=False)
    assert status == 302 and urlsplit(headers["Location"]).hostname == fweb.site("ar-wadi").host


def test_oversized_body_and_gzip_bomb(fweb):
    fweb.set_fault("fa-payam", "/big", "oversized", size=20_000_000)
    with urllib.request.urlopen(fweb.url("fa-payam", "/big"), timeout=10) as resp:
        assert int(resp.headers["Content-Length"]) == 20_000_000
        assert len(resp.read(1_000_000)) == 1_000_000  # then hang up early, like a size-capped client
    fweb.set_fault("fa-payam", "/bomb", "gzip_bomb", size=50_000_000)
    status, headers, body = fetch(fweb.url("fa-payam", "/bomb"), headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and len(body) < 200_000
    inflated = zlib.decompressobj(31).decompress(body, 10_000_000)
    assert len(inflated) == 10_000_000  # stopped at our cap; the stream holds more


def test_invalid_and_huge_listings(fweb):
    fweb.set_fault("ar-wadi", "/sitemap.xml", "invalid_xml", variant="html")
    with pytest.raises(ValueError):
        parse_sitemap(fetch(fweb.url("ar-wadi", "/sitemap.xml"))[2])
    fweb.set_fault("ar-wadi", "/rss.xml", "invalid_xml", variant="binary")
    with pytest.raises(ValueError):
        parse_feed(fetch(fweb.url("ar-wadi", "/rss.xml"))[2], fweb.base_url("ar-wadi"))
    fweb.set_fault("ar-wadi", "/sitemap.xml", "invalid_xml")
    body = fetch(fweb.url("ar-wadi", "/sitemap.xml"))[2]
    assert body.startswith(b"<?xml") and not body.rstrip().endswith(b"</urlset>")
    fweb.set_fault("ar-wadi", "/sitemaps/big.xml", "huge_sitemap", count=30_000)
    listing = parse_sitemap(fetch(fweb.url("ar-wadi", "/sitemaps/big.xml"))[2])
    assert len(listing.entries) == 30_000 and listing.entries[0].when.year == 2020


def test_content_type_and_charset_faults(fweb):
    path = _article_path(fweb, "fa-payam")
    url = fweb.url("fa-payam", path)
    first = fweb.catalog.recent("fa-payam")[0].paragraphs[0]
    fweb.set_fault("fa-payam", path, "non_html", mime="application/pdf")
    status, headers, body = fetch(url)
    assert status == 200 and headers["Content-Type"] == "application/pdf" and body.startswith(b"%PDF-")
    fweb.set_fault("fa-payam", path, "no_charset")
    _, headers, body = fetch(url)
    assert headers.get_content_charset() is None and b"charset" not in body
    assert first in body.decode("utf-8")
    fweb.set_fault("fa-payam", path, "cp1256", label="utf-8")  # mislabeled
    _, headers, body = fetch(url)
    assert headers.get_content_charset() == "utf-8"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    # Persian ی and digits are not in windows-1256: they travel as character references
    assert first in html.unescape(body.decode("cp1256"))
    fweb.set_fault("fa-payam", path, "cp1256", label="meta")
    _, headers, body = fetch(url)
    assert headers.get_content_charset() is None and b'<meta charset="windows-1256">' in body
    fweb.set_fault("fa-payam", path, "malformed_html")
    _, headers, body = fetch(url)
    page = body.decode()
    assert "</p>" not in page and "</html>" not in page
    assert any(first in p for p in body_paragraphs(page))  # a lenient parser still finds the text


def test_builtin_fault_paths(fweb):
    url = fweb.url("ar-mojaz", "/__fault/status?statuses=503,503&id=a")
    assert [fetch(url)[0] for _ in range(3)] == [503, 503, 200]
    status, headers, _ = fetch(fweb.url("ar-mojaz", "/__fault/rate_limit?retry_after=3"))
    assert status == 429 and headers["Retry-After"] == "3"
    status, headers, body = fetch(fweb.url("ar-mojaz", "/__fault/non_html?mime=image/png"))
    assert headers["Content-Type"] == "image/png" and body.startswith(b"\x89PNG")
    assert fetch(fweb.url("ar-mojaz", "/__fault/no-such-kind"))[0] == 404


def test_faults_can_be_disabled():
    with TestWeb(faults=False) as tw:
        with pytest.raises(RuntimeError):
            tw.set_fault("fa-payam", "/", "reset")
        assert fetch(tw.url("fa-payam", "/__fault/status?statuses=500"))[0] == 404


def test_set_fault_rejects_unknown_kind(fweb):
    with pytest.raises(ValueError, match="unknown fault kind"):
        fweb.set_fault("fa-payam", "/", "explode")


def test_private_page_never_fetched_by_these_tests(web):
    # the request log sees every request; nothing above asked for /private/
    assert all(web.hits(s.slug, "/private/") == 0 for s in web.sites)
    assert web.hits("fa-payam", "/robots.txt") >= 1


# ---- command line ------------------------------------------------------------------------------

def test_cli_serve_writes_configs_and_stops_on_sigterm(tmp_path: Path):
    outdir = tmp_path / "outlets"
    proc = subprocess.Popen(
        [sys.executable, "-m", "akhbar.testweb", "serve", "--port", "0", "--outlets-dir", str(outdir)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if line.strip() == "ready":
                break
        base = next(ln.split()[2] for ln in lines if ln.startswith("ar-wadi"))
        assert fetch(base + "robots.txt")[0] == 200
        assert set(load_outlets(outdir)) == {s.slug for s in SITES}
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
