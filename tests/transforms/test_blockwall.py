"""Bot walls told from pages (transforms.blockwall): each vendor's wall by its markers, whatever the status; the
pages a vendor lets through (its scripts and headers ride on them too) never taken for a wall; real pages never
either. Then the two places that act on it without a network: the extract stage (a status-200 wall that reached it
is ``blocked``, not ``not_article``) and the choice of a URL's archived copy (the page beats a wall)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import pytest
from repo import SHARED

from akhbar.testweb import TestWeb, walls
from akhbar.testweb.content import Catalog
from akhbar.testweb.pages import article_page
from akhbar.transforms import blockwall
from akhbar.transforms.blockwall import WallKind, detect, vendor_of

HOST = "www.example-news.ir"
SHARED_PAGES = SHARED / "real-pages"
#: what a news page has beside its text: enough visible text that no near-empty rule applies
ARTICLE = ("<p>" + "سخنگوی دولت در نشست خبری امروز گفت که برنامه تازه اقتصادی از هفته آینده اجرا می‌شود. " * 12
           + "</p>")


def _page(title: str, body: str, head: str = "") -> bytes:
    return (f'<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>{head}'
            f"</head><body>{body}</body></html>").encode()


# -- the walls of the test web: every vendor, every status it may use -------------------------------------------
@pytest.mark.parametrize(("vendor", "status", "header", "want"), [
    ("cloudflare", 503, True, ("cloudflare", WallKind.CHALLENGE)),
    ("cloudflare", 403, True, ("cloudflare", WallKind.CHALLENGE)),
    ("cloudflare", 200, False, ("cloudflare", WallKind.CHALLENGE)),  # no cf-mitigated: the body says it
    ("cloudflare", 503, False, ("cloudflare", WallKind.CHALLENGE)),
    ("arvancloud", 200, True, ("arvancloud", WallKind.CHALLENGE)),
    ("arvancloud-cookie", 307, True, ("arvancloud", WallKind.CHALLENGE)),
    ("geo", 451, True, ("geo-block", WallKind.GEO)),
    ("geo", 403, True, ("geo-block", WallKind.GEO)),
    ("akamai", 403, True, ("akamai", WallKind.DENIED)),
    ("akamai", 200, True, ("akamai", WallKind.DENIED)),
    ("sucuri", 403, True, ("sucuri", WallKind.DENIED)),
])
def test_each_wall_of_the_test_web_is_told_by_vendor_and_kind(vendor, status, header, want):
    page = walls.wall_page(vendor, HOST, "/news/2031503", status, header)
    wall = detect(page.status, page.headers, page.body)
    assert wall is not None and (wall.vendor, wall.kind) == want, wall
    reason = wall.reason(page.status)
    assert reason.startswith(f"blocked by {want[0]}: ") and reason.endswith(f"HTTP {page.status}")
    assert vendor_of(reason) == want[0]


def test_headers_in_any_shape_and_case():
    body = b"<html><body>wait</body></html>"
    for headers in ({"CF-Mitigated": "challenge"}, {b"cf-mitigated": [b"challenge"]}, [("cf-mitigated", "challenge")],
                    [(b"Cf-Mitigated", b"challenge")]):
        assert detect(403, headers, body).vendor == "cloudflare"
    assert detect(403, {"cf-mitigated": "block"}, body) is None  # only «challenge» is documented as the challenge


def test_markers_written_for_each_vendor():
    """Minimal pages of our own with the markers the evidence names (transforms/blockwall.py docstring)."""
    cases = {
        ("cloudflare", WallKind.DENIED): (403, {"Server": "cloudflare"}, _page(
            "Access denied | x.ir used Cloudflare to restrict access",
            '<div id="cf-error-details"><h1><span>Error</span><span class="cf-error-code">1020</span></h1></div>')),
        ("cloudflare", WallKind.GEO): (403, {}, _page("Access denied", '<span class="cf-error-code">1009</span>'
                                                      "<p>The owner of this website has banned your country.</p>")),
        ("cloudflare", WallKind.CAPTCHA): (403, {}, _page("Attention Required! | Cloudflare",
                                                          "<h1>One more step</h1>")),
        ("sucuri", WallKind.DENIED): (403, {"X-Sucuri-Block": "RFI01"}, _page("403", "<p>blocked</p>")),
        ("sucuri", WallKind.CHALLENGE): (200, {}, _page("You are being redirected...",
                                                        "<script>var s={},u,c,U,r,i,l=0,a,e=eval,"
                                                        "sucuri_cloudproxy_js='',S='cz0n';</script>")),
        ("imperva", WallKind.CHALLENGE): (200, {}, b'<html><head><META NAME="robots" CONTENT="noindex,nofollow">'
                                                   b'<script src="/_Incapsula_Resource?SWJIYLWA=719d34d31c8e3a6e">'
                                                   b"</script><body></body></html>"),
        ("imperva", WallKind.DENIED): (403, {}, _page("", "<p>Request unsuccessful. Incapsula incident ID: 1-2</p>")),
        ("ddos-guard", WallKind.CHALLENGE): (403, {"Server": "ddos-guard"}, _page("DDoS-Guard", "<p>Checking…</p>")),
        ("geo-block", WallKind.GEO): (403, {}, _page("محدودیت جغرافیایی", "<h1>محدودیت جغرافیایی</h1>")),
        ("captcha", WallKind.CAPTCHA): (429, {}, _page("Security check", '<form><div class="g-recaptcha" '
                                                                         'data-sitekey="x"></div></form>')),
    }
    for (vendor, kind), (status, headers, body) in cases.items():
        wall = detect(status, headers, body)
        assert wall is not None and (wall.vendor, wall.kind) == (vendor, kind), (vendor, kind, wall)
    # a wall of no named vendor is called by its kind once, not twice
    assert detect(451, {}, b"").reason(451) == "blocked by geo-block: HTTP 451 Unavailable For Legal Reasons, HTTP 451"


def test_an_akamai_page_written_in_entities_and_a_challenge_form_after_a_large_inline_image():
    akamai = (b"<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\nYou don't have "
              b"permission to access this on this server.<P>\nReference&#32;&#35;18&#46;2f580317&#46;1772098100\n"
              b"</BODY>\n</HTML>\n")
    assert detect(403, {"Server": "AkamaiGHost"}, akamai).vendor == "akamai"
    assert detect(403, {"Server": "nginx"}, akamai) is None  # «Access Denied» alone is any site's 403
    image = "<style>body{background:url(data:image/jpg;base64," + "A" * 300_000 + ")}</style>"
    late = _page("Loading... please wait", image + '<form id="challenge-form" action="/cdn-cgi/l/chk_jschl">'
                 '<input type="hidden" name="jschl_vc" value="89cd"/></form>')
    assert detect(503, {}, late).vendor == "cloudflare"


# -- what a vendor lets through is not a wall ---------------------------------------------------------------------
def test_pages_a_vendor_serves_are_not_walls():
    jsd = ('<script>(function(){window.__CF$cv$params={r:"8f1",t:"MTcz"};var a=document.createElement("script");'
           'a.src="/cdn-cgi/challenge-platform/scripts/jsd/main.js";document.body.appendChild(a);})();</script>')
    served = {
        # Cloudflare's JavaScript Detections ride on every page it serves (its docs)
        "cloudflare jsd": (200, {"Server": "cloudflare", "CF-RAY": "8f1-FRA"}, _page("خبر", ARTICLE + jsd)),
        # a CSP naming cloudflare and recaptcha is not a challenge (agentrhq/webcmd issue #264)
        "csp": (200, {"Content-Security-Policy": "script-src https://www.google.com/recaptcha/ "
                                                 "https://cdnjs.cloudflare.com/"}, _page("خبر", ARTICLE)),
        # a comment form with a reCAPTCHA under an article, at 200 and even at 403
        "comment captcha": (200, {}, _page("خبر", ARTICLE + '<form><div class="g-recaptcha"></div></form>')),
        "comment captcha 403": (403, {}, _page("خبر", ARTICLE + '<form><div class="g-recaptcha"></div></form>')),
        # Imperva's script on a page it serves (browsertrix-crawler issue #1135), its headers (is-antibot PR #60)
        "incapsula served": (200, {"X-Iinfo": "21-1628", "X-CDN": "Incapsula"},
                             _page("خبر", ARTICLE + '<script src="/_Incapsula_Resource?SWJIYLWA=719d&ns=2" async>'
                                                    "</script>")),
        "sucuri served": (200, {"X-Sucuri-ID": "16014", "X-Sucuri-Cache": "HIT", "Server": "Sucuri/Cloudproxy"},
                          _page("خبر", ARTICLE)),
        "arvan served": (200, {"Server": "ArvanCloud"}, _page("خبر", ARTICLE)),
        "arvan 404": (404, {"Server": "ArvanCloud"}, _page("صفحه مورد نظر یافت نشد", "<h1>۴۰۴</h1>")),
        # a news story about the national internet, short as breaking news is: a page, at 200
        "geo headline": (200, {}, _page("دسترسی به سایت‌های داخلی از خارج از کشور محدود شد",
                                        "<h1>دسترسی به سایت‌های داخلی از خارج از کشور محدود شد</h1>"
                                        "<p>سخنگوی وزارت ارتباطات گفت محدودیت موقت است.</p>")),
        "akamai served": (200, {"Server": "AkamaiGHost"}, _page("Access Denied: a film review", ARTICLE)),
    }
    for name, (status, headers, body) in served.items():
        assert detect(status, headers, body) is None, name


def test_the_test_web_pages_are_not_walls_even_from_a_walls_vendor():
    catalog = Catalog()
    base = "http://127.0.0.12:8080"
    for art in catalog.all():
        page = article_page(art, catalog, base).encode("cp1256" if art.site.slug == "ar-wadi" else "utf-8",
                                                       "xmlcharrefreplace")
        assert detect(200, {"Server": "cloudflare", "CF-RAY": "1"}, page) is None, art.key
        assert detect(200, {"Server": "ArvanCloud"}, page) is None, art.key


def test_real_news_pages_are_not_walls():
    """225 real article pages (../shared/real-pages) from every status and vendor header a wall would carry."""
    pages = sorted(SHARED_PAGES.glob("*/source.html.gz"))
    if not pages:
        pytest.skip("../shared/real-pages is not here")
    for path in pages:
        body = gzip.decompress(path.read_bytes())
        for status, headers in ((200, {"Server": "cloudflare", "CF-RAY": "1"}), (200, {"Server": "ArvanCloud"}),
                                (403, {"Server": "AkamaiGHost"}), (503, {"Server": "cloudflare"})):
            assert detect(status, headers, body) is None, (path.parent.name, status)


def test_only_the_window_is_read():
    huge = _page("خبر", ARTICLE * 2000)  # 4 MB of text: the head and the tail are read, nothing else
    assert len(huge) > 20 * blockwall.BODY_WINDOW
    assert detect(200, {}, huge) is None


# -- the crawler reads a wall whether or not its body is compressed ------------------------------------------------
def test_a_compressed_wall_is_read_through_its_content_encoding():
    from scrapy.http import HtmlResponse

    from akhbar.crawler.middlewares import wall_of

    page = walls.arvancloud(HOST, "/news/1")
    raw = HtmlResponse("http://x/news/1", status=200, body=gzip.compress(page.body),
                       headers={"Content-Encoding": "gzip", "Server": "nginx"})
    assert wall_of(raw).vendor == "arvancloud"
    br = HtmlResponse("http://x/news/1", status=200, body=b"\x8b\x0b", headers={"Content-Encoding": "br"})
    assert wall_of(br) is None  # a coding we cannot inflate: the headers alone decide
    bomb = HtmlResponse("http://x/", status=200, body=gzip.compress(b"\0" * 50_000_000),
                        headers={"Content-Encoding": "gzip"})
    assert wall_of(bomb) is None  # inflated up to the window only


# -- the extract stage --------------------------------------------------------------------------------------------
def test_a_status_200_wall_that_reached_extraction_is_blocked_not_a_not_article():
    """Before: the interstitial had no body text and was logged not_article, counted among the outlet's pages."""
    from akhbar.pipeline.steps import reject_extracted
    from akhbar.transforms.extract import NoArticleText
    from akhbar.warehouse.schema import CrawlOutcome

    page = walls.cloudflare(HOST, "/news/1", 200, header=False)
    why = reject_extracted(page.body, NoArticleText("no article text found"))
    assert why.outcome is CrawlOutcome.BLOCKED and why.reason.startswith("blocked by cloudflare: challenge")
    arvan = walls.arvancloud(HOST, "/news/1")
    assert reject_extracted(arvan.body, NoArticleText("empty page")).outcome is CrawlOutcome.BLOCKED
    assert reject_extracted(b"<html><body></body></html>", NoArticleText("empty page")).outcome \
        is CrawlOutcome.NOT_ARTICLE


# -- which archived copy of a URL is extracted ----------------------------------------------------------------------
def test_the_page_beats_a_wall_archived_later_or_live(tmp_path):
    """A live 200 wall and a web archive's capture of the page (--source auto): the capture is extracted. Before,
    the live copy won whichever it was, and the back-fill landed the wall."""
    from akhbar.crawler.warc import CAPTURE_SOURCE_HEADER, WarcArchive, newest_refs

    day, slug, url = "2025-01-07", "fa-sepehr", "http://127.0.0.12/news/2031503"
    t0 = datetime(2025, 1, 8, 3, tzinfo=UTC)
    wall = walls.arvancloud(HOST, "/news/2031503")
    live = WarcArchive(tmp_path, day, slug, "20250108T030000000000Z", "test")
    live.write_exchange(url=url, method="GET", request_headers=[], request_body=b"", status=200, protocol=None,
                        response_headers=[(b"Content-Type", b"text/html"), (b"Server", b"ArvanCloud")],
                        body=wall.body, kind="article", fetched_at=t0 + timedelta(hours=1))
    live.close()
    archived = WarcArchive(tmp_path, day, slug, "20250108T020000000000Z", "test")
    archived.write_exchange(url=url, method="GET", request_headers=[], request_body=b"", status=200, protocol=None,
                            response_headers=[(b"Content-Type", b"text/html")], body=_page("خبر", ARTICLE),
                            kind="article", fetched_at=t0, provenance={CAPTURE_SOURCE_HEADER: "wayback"})
    archived.close()
    (ref,) = newest_refs(tmp_path, day, slug)
    assert ref.live is False and ref.fetched_at == t0 and ref.page


def test_the_test_web_serves_walls_only_where_told():
    with TestWeb(port=0) as web:
        import urllib.request
        from urllib.error import HTTPError

        art = web.catalog.recent("fa-sepehr")[0]
        url = web.article_url(art)
        assert urllib.request.urlopen(url).status == 200
        with web.walled("fa-sepehr", "cloudflare"):
            with pytest.raises(HTTPError) as err:
                urllib.request.urlopen(url)
            assert err.value.code == 503 and err.value.headers["cf-mitigated"] == "challenge"
            assert urllib.request.urlopen(web.url("fa-sepehr", "/robots.txt")).status == 200  # articles only
        assert urllib.request.urlopen(url).status == 200
        web.set_fault("fa-sepehr", art.path, "wall", vendor="arvancloud")
        assert b"__arcsjs" in urllib.request.urlopen(url).read()
        with pytest.raises(ValueError, match="unknown wall vendor"):
            web.set_fault("fa-sepehr", art.path, "wall", vendor="nobody")
        with pytest.raises(ValueError, match="scope"):
            web.wall("fa-sepehr", "geo", scope="everything")
