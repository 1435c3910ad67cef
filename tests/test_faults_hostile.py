"""Hostile outlets: the crawler touches only the web, connects only to checked addresses, and every
outlet-day crawl is bounded, whatever robots.txt, sitemaps and feeds say.

Each test runs real crawls (child processes, as the pipeline runs them) against the loopback test web with
hostile listings served on real outlet paths (faults ``raw``: any body the test writes).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import date, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from faultkit import ATTEMPTS_MAX, FAULT_CRAWL, ROOT, archived_pages, log_rows, report, rows_for

from akhbar.crawler.run import crawl
from akhbar.crawler.warc import iter_responses, warc_files
from akhbar.testweb import TestWeb
from akhbar.testweb import listings as L
from akhbar.transforms.identity import normalize_url

pytestmark = pytest.mark.faults
DAY = date(2025, 1, 7)
NOON = datetime.fromisoformat(f"{DAY}T10:00:00+00:00")
ROBOTS_RULES = "User-agent: *\nDisallow: /private/\n"


def _base(web: TestWeb, slug: str) -> str:
    return web.base_url(slug).rstrip("/")


def _with_caps(outlets: Path, slug: str, **caps: int) -> None:
    """Tighten one outlet's crawl bounds in its TOML file, as an operator would."""
    f = outlets / f"{slug}.toml"
    extra = "".join(f"{k} = {v}\n" for k, v in caps.items())
    f.write_text(f.read_text(encoding="utf-8").replace("[crawl]\n", "[crawl]\n" + extra, 1), encoding="utf-8")


def _rss(items: list[tuple[str, str]]) -> str:
    """An RSS feed of (link, title) items, all published at NOON of the day."""
    when = format_datetime(NOON)
    rows = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{when}</pubDate></item>\n"
                   for link, t in items)
    return f'{L.XML_DECL}<rss version="2.0"><channel><title>خبرها</title><link>/</link>\n{rows}</channel></rss>\n'


def _sitemap_index(locs: list[str]) -> str:
    rows = "".join(f"<sitemap><loc>{loc}</loc></sitemap>\n" for loc in locs)
    return f'{L.XML_DECL}<sitemapindex xmlns="{L.SM_NS}">\n{rows}</sitemapindex>\n'


def _warc_urls(data: Path, slug: str) -> list[str]:
    return [rec.url for f in warc_files(data, DAY.isoformat(), slug) for rec in iter_responses(data, f)]


def _warc_bodies(data: Path, slug: str) -> bytes:
    return b"".join(rec.body for f in warc_files(data, DAY.isoformat(), slug) for rec in iter_responses(data, f))


# ---- 1. only http(s) -----------------------------------------------------------------------------

def test_file_and_other_schemes_are_never_fetched(tmp_path: Path):
    """robots.txt `Sitemap: file://<allowed host>/etc/passwd` and file:///dev/zero, file:/ftp: children in
    the sitemap index, a file: link in the feed and a redirect to file:///etc/passwd: each logged `offsite`
    with the reason, no WARC record of a non-http URL, the rest of the day stored."""
    slug = "fa-sepehr"
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        base, host = _base(web, slug), web.site(slug).host
        site, cat = web.site(slug), web.catalog
        local = [f"file://{host}/etc/passwd", "file:///dev/zero"]
        web.set_fault(slug, "/robots.txt", "raw", body=ROBOTS_RULES + "".join(f"Sitemap: {u}\n" for u in local)
                      + f"Sitemap: {base}/sitemap.xml\n")
        children = [f"file://{host}/etc/hostname", f"ftp://{host}/sitemap-{DAY}.xml"]
        index = L.sitemap_index(site, cat, base).replace(
            "</sitemapindex>", "".join(f"<sitemap><loc>{u}</loc></sitemap>\n" for u in children) + "</sitemapindex>")
        web.set_fault(slug, "/sitemap.xml", "raw", body=index, content_type="application/xml")
        feed_link = f"file://{host}/news/2039998"
        feed = L.rss(site, cat, base).replace(
            "</channel>", f"<item><title>خبر محلی</title><link>{feed_link}</link>"
                          f"<pubDate>{format_datetime(NOON)}</pubDate></item>\n</channel>")
        web.set_fault(slug, "/rss.xml", "raw", body=feed, content_type="application/rss+xml; charset=utf-8")
        arts = [e for e in web.expected_articles(DAY) if e.outlet == slug]
        redirected = arts[0]
        web.set_fault(slug, urlsplit(redirected.url).path, "redirect_chain", hops=1, to="file:///etc/passwd",
                      times=None)
        crawl([slug], DAY, tmp_path / "data", "schemes", outlets, overrides=FAULT_CRAWL)
        rows = log_rows(tmp_path / "data", DAY, slug)

    by_url = {r["url"]: r for r in rows}
    refused = [*local, *children, feed_link]
    for url in refused:
        assert url in by_url, f"{url} not logged"
        r = by_url[url]
        assert r["outcome"] == "offsite" and "not an http(s) URL" in r["reason"], r
    hop = by_url[redirected.url]
    assert hop["outcome"] == "offsite" and "scheme 'file'" in hop["reason"], hop
    assert all(u.startswith(("http://", "https://")) for u in _warc_urls(tmp_path / "data", slug))
    assert b"root:" not in _warc_bodies(tmp_path / "data", slug)  # /etc/passwd never read
    pages = archived_pages(tmp_path / "data", DAY, slug)
    others = {normalize_url(e.url) for e in arts[1:]}
    assert others <= set(pages)
    report("file:/ftp: URLs in robots.txt, sitemap index, feed, redirect", f"{len(refused) + 1} non-http URLs",
           f"offsite ({by_url[local[0]]['reason']}); redirect: {hop['reason'][:60]}", len(others))


# ---- 2. DNS rebinding ------------------------------------------------------------------------------

# A crawl in this process with name resolution patched: the host answers a public address to its first
# lookup (the guard middleware's) and the test web's loopback address to every later one (the connection's).
_REBIND = """
import json, socket, sys
from datetime import date
from pathlib import Path
a = json.loads(sys.argv[1])
calls = {}
real_gai, real_ghbn = socket.getaddrinfo, socket.gethostbyname
def answer(host):
    calls[host] = calls.get(host, 0) + 1
    return "93.184.216.34" if calls[host] == 1 else a["loopback"]
def getaddrinfo(host, *args, **kw):
    if host == a["host"]:
        return real_gai(answer(host), *args, **kw)
    return real_gai(host, *args, **kw)
def gethostbyname(host):
    return answer(host) if host == a["host"] else real_ghbn(host)
socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname
from akhbar.outlets.registry import select_outlets
from akhbar.crawler.run import crawl_in_process
outlets = select_outlets([a["slug"]], Path(a["outlets"]))
crawl_in_process(outlets, date.fromisoformat(a["day"]), Path(a["data"]), a["run_id"], Path(a["outlets"]),
                 overrides=a["overrides"])
print(json.dumps(calls))
"""


def _rebinding_crawl(web: TestWeb, tmp: Path, run_id: str, overrides: dict[str, str]) -> tuple[int, list[dict]]:
    slug, host = "fa-payam", "news.rebind.test"
    outlets = web.write_outlet_configs(tmp / f"outlets-{run_id}")
    for f in outlets.glob("*.toml"):
        if f.stem != slug:
            f.unlink()
    f = outlets / f"{slug}.toml"
    loopback = web.site(slug).host
    f.write_text(f.read_text(encoding="utf-8").replace(loopback, host)
                 .replace("allow_private_hosts = true", "allow_private_hosts = false"), encoding="utf-8")
    before = len(web.requests)
    args = {"slug": slug, "host": host, "loopback": loopback, "outlets": str(outlets), "day": DAY.isoformat(),
            "data": str(tmp / "data"), "run_id": run_id, "overrides": overrides}
    subprocess.run([sys.executable, "-c", _REBIND, json.dumps(args)], cwd=ROOT, check=True, capture_output=True,
                   text=True, timeout=300)
    rows = [r for r in log_rows(tmp / "data", DAY, slug) if r["run_id"] == run_id]
    return len(web.requests) - before, rows


def test_dns_rebinding_never_reaches_loopback(tmp_path: Path):
    """A "public" outlet whose host answers public to the guard's lookup and loopback to the connection's:
    the resolver checks the address connected to, so 0 requests reach the loopback server, each refusal
    logged. With Scrapy's stock resolver (the old behaviour) the same crawl does reach it."""
    with TestWeb(port=0) as web:
        reached, rows = _rebinding_crawl(web, tmp_path, "checked", FAULT_CRAWL)
        stock = {**FAULT_CRAWL, "TWISTED_DNS_RESOLVER": "scrapy.resolver.CachingThreadedResolver"}
        reached_stock, _ = _rebinding_crawl(web, tmp_path, "stock", stock)
    assert reached == 0, f"{reached} requests reached the loopback server"
    # robots.txt is the first request: the resolver refuses its address, which (RFC 9309: unreachable)
    # also disallows the rest; every line names the refused address
    assert rows and all(r["outcome"] in ("skipped", "robots_denied") for r in rows), rows
    refused = rows
    assert all("non-public address 127.0.0.11 (checked at connect time)" in r["reason"] for r in rows), rows
    assert reached_stock > 0  # the attack is real: without the check the crawl connects to loopback
    report("DNS rebinding (public, then 127.0.0.11)", f"{len(rows)} URLs",
           f"{refused[0]['outcome']} ({refused[0]['reason']}); 0 requests reached loopback "
           f"(stock resolver: {reached_stock})", 0)


# ---- 3. bounds -------------------------------------------------------------------------------------

def test_every_outlet_day_crawl_is_bounded(tmp_path: Path):
    """Four hostile outlets in one crawl: robots.txt with 100,000 Sitemap: lines, a sitemap index with
    60,000 children of the day, a news sitemap with 60,000 article URLs of the day, a feed with 10,000
    links of the day. Each cap (tightened per outlet in its TOML) stops the fetching, logs one `capped` line
    with the counts, and the crawl finishes."""
    data = tmp_path / "data"
    n = 100_000
    big = 60_000  # XML listings: 60,000 entries stay under the suite's 8 MiB DOWNLOAD_MAXSIZE
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        payam, sepehr, _, mojaz = (_base(web, s) for s in ("fa-payam", "fa-sepehr", "ar-wadi", "ar-mojaz"))
        web.set_fault("fa-payam", "/robots.txt", "raw",
                      body=ROBOTS_RULES + "".join(f"Sitemap: {payam}/sm/{i}.xml\n" for i in range(n)))
        _with_caps(outlets, "fa-payam", max_sitemaps=20)
        web.set_fault("fa-sepehr", "/sitemap.xml", "raw", content_type="application/xml",
                      body=_sitemap_index([f"{sepehr}/sitemaps/{DAY}.xml?part={i}" for i in range(big)]))
        _with_caps(outlets, "fa-sepehr", max_sitemaps=20)
        web.set_fault("ar-wadi", "/news-sitemap.xml", "huge_sitemap", count=big, lastmod=DAY.isoformat(),
                      prefix="/News/2025/1/7/flood-")
        _with_caps(outlets, "ar-wadi", max_queued=30)
        web.set_fault("ar-mojaz", "/rss.xml", "raw", content_type="application/rss+xml; charset=utf-8",
                      body=_rss([(f"{mojaz}/ar/article/9{i:05d}", f"خبر عاجل {i}") for i in range(10_000)]))
        _with_caps(outlets, "ar-mojaz", max_requests=40)  # max_feed_links stays at its default, 2000
        t0 = time.monotonic()
        crawl([s.slug for s in web.sites], DAY, data, "bounded", outlets, overrides=FAULT_CRAWL)
        took = time.monotonic() - t0
        hits = {"payam": web.hits("fa-payam", "/sm/"), "sepehr": web.hits("fa-sepehr", "/sitemaps/"),
                "wadi": web.hits("ar-wadi", "/News/2025/1/7/flood-"), "mojaz": len(
                    [r for r in web.requests if r.slug == "ar-mojaz"]) - web.hits("ar-mojaz", "/robots.txt")}

    def capped(slug: str) -> list[dict]:
        return [r for r in log_rows(data, DAY, slug) if r["outcome"] == "capped"]

    # robots.txt: the sitemaps fetched before it (the configured index, maybe its children) count too
    # (which listing reaches the shared max_sitemaps first depends on response order: a configured sitemap
    # index answering after robots.txt is capped too)
    payam_capped = capped("fa-payam")
    (robots,) = [r for r in payam_capped if r["kind"] == "robots"]
    assert robots["status"] == 200 and all(r["kind"] in ("robots", "sitemap") for r in payam_capped), payam_capped
    m = re.fullmatch(rf"robots.txt listed {n} sitemaps; fetched (\d+) \(max_sitemaps 20, (\d+) fetched before\)",
                     robots["reason"])
    assert m and int(m[1]) + int(m[2]) == 20, robots["reason"]
    assert hits["payam"] <= 20
    # sitemap index: its 100,000 children all name the day; 20 sitemaps in all (news sitemap, index, 18)
    (index,) = [r for r in capped("fa-sepehr") if r["kind"] == "sitemap"]
    assert f"sitemap index listed {big} sitemaps; fetched " in index["reason"] and "max_sitemaps 20" in index["reason"]
    assert sum(1 for r in log_rows(data, DAY, "fa-sepehr") if r["kind"] == "sitemap" and r["outcome"] != "capped") \
        + 1 <= 20 and hits["sepehr"] <= 20
    # news sitemap with 100,000 article URLs of the day: 30 queued
    wadi_capped = capped("ar-wadi")
    assert any(f"listed {big} article URLs of the day" in r["reason"] and "max_queued 30 reached" in r["reason"]
               for r in wadi_capped), wadi_capped
    assert sum(1 for r in log_rows(data, DAY, "ar-wadi") if r["kind"] == "article") <= 30
    assert hits["wadi"] <= 30
    # feed with 10,000 links of the day: the first 2000 taken, and max_requests 40 ends the outlet-day
    mojaz_capped = capped("ar-mojaz")
    assert any(r["reason"] == "feed listed 10000 article links of the day; took the first 2000 "
               "(max_feed_links 2000)" for r in mojaz_capped), mojaz_capped
    (requests_cap,) = [r for r in mojaz_capped if r["reason"].startswith("max_requests")]
    assert "max_requests 40 reached: made 40 requests" in requests_cap["reason"]
    assert hits["mojaz"] <= 40
    assert took < 120, f"crawl took {took:.0f} s"
    report("hostile listings (100k Sitemap: lines, 60k-child index, 60k-URL sitemap, 10k-link feed)",
           f"fetched {hits['payam']} / {hits['sepehr']} / {hits['wadi']} / {hits['mojaz']}",
           f"capped ({robots['reason']}; {requests_cap['reason']}); crawl {took:.1f} s", 0)


# ---- 4. robots.txt unreachable ----------------------------------------------------------------------

def test_unreachable_robots_txt_disallows_everything(tmp_path: Path):
    """RFC 9309: robots.txt answering 503 or timing out disallows the whole site (retried within the run);
    404 allows everything."""
    data = tmp_path / "data"
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        web.set_fault("fa-payam", "/robots.txt", "status", statuses=[503] * 20)
        web.set_fault("ar-wadi", "/robots.txt", "slow", sleep=6)  # > DOWNLOAD_TIMEOUT 2 s
        web.set_fault("fa-sepehr", "/robots.txt", "status", statuses=[404] * 20)
        slugs = ["fa-payam", "ar-wadi", "fa-sepehr"]
        crawl(slugs, DAY, data, "robots", outlets, overrides=FAULT_CRAWL)
        beyond = {s: [r.path for r in web.requests if r.slug == s and r.path != "/robots.txt"] for s in slugs}
        attempts = {s: web.attempts(s, "/robots.txt") for s in slugs}
        want = {normalize_url(e.url) for e in web.expected_articles(DAY) if e.outlet == "fa-sepehr"}

    for slug, why in (("fa-payam", "HTTP 503"), ("ar-wadi", "DownloadTimeoutError")):
        assert beyond[slug] == [], (slug, beyond[slug])
        assert attempts[slug] == ATTEMPTS_MAX  # retried within the run, then given up
        rows = [r for r in log_rows(data, DAY, slug) if r["outcome"] != "http_error"]
        assert rows and all(r["outcome"] == "robots_denied" for r in rows), rows
        assert all(r["reason"].startswith(f"robots.txt unreachable ({why}") and
                   r["reason"].endswith("disallow all per RFC 9309") for r in rows), rows
    assert rows_for(data, DAY, "fa-payam", "/rss.xml")[0]["reason"] == (
        "robots.txt unreachable (HTTP 503): disallow all per RFC 9309")
    assert want <= set(archived_pages(data, DAY, "fa-sepehr"))  # 404: no robots.txt, nothing disallowed
    report("robots.txt 503 always / timeout / 404", f"{ATTEMPTS_MAX} attempts each",
           "robots_denied (robots.txt unreachable (HTTP 503): disallow all per RFC 9309), 0 other requests; "
           f"404: all {len(want)} articles stored", len(want))
