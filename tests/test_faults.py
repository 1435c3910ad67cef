"""Network faults on real outlet paths of the local test web: the crawl finishes, logs every failure with
its reason, retries a bounded number of times, and the rest of the day still lands.

Two real crawls (two UTC days, one after the other) carry all the faults at once, one fault per article
path plus faults on feeds and sitemaps; every test below reads what those crawls left behind. Attempts are
counted per crawl (archive pages link the newest articles in a sidebar, so a crawl of the 5th also
fetches some pages of the 7th).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from faultkit import (
    ATTEMPTS_MAX,
    FAULT_CRAWL,
    CrawlResult,
    archived_pages,
    log_rows,
    measured_crawl,
    report,
    rows_for,
)

from akhbar.crawler.warc import warc_files
from akhbar.testweb import TestWeb
from akhbar.testweb.content import FEED_VIA_REDIRECT, Article
from akhbar.transforms.identity import normalize_url

pytestmark = pytest.mark.faults
DAYS = (date(2025, 1, 7), date(2025, 1, 5))  # far enough apart that no crawl fetches the other's pages
REDIRECT_MAX = int(FAULT_CRAWL["REDIRECT_MAX_TIMES"])


@dataclass(frozen=True)
class Spec:
    name: str
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    outcome: str = "ok"  # the crawl-log outcome of the faulted URL
    attempts: int | None = 1  # requests the test web counted on the faulted path; None: at most ATTEMPTS_MAX
    lands: bool = False  # the article itself ends up archived as an HTML page
    reason: str = ""  # part of the logged reason


ARTICLE_FAULTS = [
    Spec("5xx burst (503 x2)", "status", {"statuses": [503, 503]}, "ok", 3, lands=True),
    Spec("5xx exhausted (500 always)", "status", {"statuses": [500] * 20}, "http_error", ATTEMPTS_MAX,
         reason="HTTP 500"),
    Spec("404", "status", {"statuses": [404]}, "http_error", 1, reason="HTTP 404"),
    Spec("429 Retry-After 1s", "rate_limit", {"retry_after": 1, "times": 1}, "ok", 2, lands=True),
    Spec("429 Retry-After 1000s", "rate_limit", {"retry_after": 1000, "times": None}, "http_error", 1,
         reason="Retry-After 1000s exceeds"),
    Spec("slow headers (6s > timeout)", "slow", {"sleep": 6}, "timeout", ATTEMPTS_MAX, reason="took longer"),
    Spec("slow body (6s > timeout)", "slow", {"sleep": 6, "phase": "body"}, "timeout", ATTEMPTS_MAX,
         reason="took longer"),
    Spec("connection reset", "reset", {}, "network_error", ATTEMPTS_MAX, reason="Connection"),
    Spec("truncated body", "truncate", {}, "network_error", ATTEMPTS_MAX, reason="DataLoss"),
    Spec("redirect chain (3 hops)", "redirect_chain", {"hops": 3}, "ok", 2, lands=True),
    Spec("redirect chain (8 hops > max)", "redirect_chain", {"hops": 8}, "http_error", 1,
         reason="max redirections"),
    Spec("redirect loop", "redirect_loop", {}, "http_error", (REDIRECT_MAX + 1) // 2, reason="max redirections"),
    Spec("offsite redirect", "offsite_redirect", {}, "offsite", 1, reason="outside allowed_domains"),
    Spec("oversized, streamed", "oversized", {"size": 20_000_000, "content_length": False}, "too_large", 1,
         reason="DOWNLOAD_MAXSIZE"),
    Spec("oversized, Content-Length", "oversized", {"size": 20_000_000}, "too_large", 1, reason="max size"),
    Spec("gzip bomb (200 MB)", "gzip_bomb", {"size": 200_000_000}, "too_large", 1, reason="DOWNLOAD_MAXSIZE"),
    Spec("non-HTML (PDF)", "non_html", {}, "skipped", 1, reason="not an HTML page"),
    Spec("non-HTML (PNG)", "non_html", {"mime": "image/png"}, "skipped", 1, reason="not an HTML page"),
    Spec("no charset", "no_charset", {}, "ok", 1, lands=True),
    Spec("windows-1256, header only", "cp1256", {"label": "header"}, "ok", 1, lands=True),
    Spec("windows-1256, meta only", "cp1256", {"label": "meta"}, "ok", 1, lands=True),
    Spec("windows-1256, undeclared", "cp1256", {"label": "none"}, "ok", 1, lands=True),
    Spec("malformed HTML", "malformed_html", {}, "ok", 1, lands=True),
]

# (site, path, spec): listings are shared by both days' crawls; attempts are per crawl
LISTING_FAULTS = [
    ("fa-payam", "/sitemap.xml", Spec("sitemap index: binary garbage", "invalid_xml", {"variant": "binary"},
                                      "extract_failed", 1, reason="not a sitemap")),
    ("ar-mojaz", "/sitemap.xml", Spec("sitemap index: HTML error page", "invalid_xml", {"variant": "html"},
                                      "extract_failed", 1, reason="not a sitemap")),
    ("ar-mojaz", "/rss.xml", Spec("feed: truncated XML", "invalid_xml", {}, "extract_failed", 1,
                                  reason="not a feed")),
    ("fa-sepehr", "/news-sitemap.xml", Spec("huge sitemap (50,000 URLs)", "huge_sitemap", {}, "ok", 1)),
    ("ar-wadi", "/rss.xml", Spec("feed: 503 always", "status", {"statuses": [503] * 20}, "http_error",
                                 ATTEMPTS_MAX, reason="HTTP 503")),
    # archive paths differ between sites, so a request that reached the other host would show in its hits
    ("fa-sepehr", "/archive/2025/01/07", Spec("archive page: offsite redirect", "offsite_redirect",
                                              {"to_slug": "ar-wadi"}, "offsite", 1, reason="outside allowed_domains")),
]
#: listings only one of the crawls asks for (the archive page of a local day)
ONE_DAY_LISTINGS = {"/archive/2025/01/07": date(2025, 1, 7)}


@dataclass
class Placed:
    spec: Spec
    day: date
    slug: str
    path: str  # as on the wire (percent-encoded)
    url: str


@dataclass
class Night:
    web: TestWeb
    data: Path
    crawls: dict[date, CrawlResult]
    articles: list[Placed]
    listings: list[Placed]
    #: per crawl day: requests the test web counted on each faulted (site, path) during that crawl
    tries: dict[date, dict[tuple[str, str], int]]

    def attempts(self, p: Placed) -> int:
        return self.tries[p.day][(p.slug, p.path)]


def _plain_articles(web: TestWeb, day: date) -> list[Article]:
    """The day's articles reachable under one URL only (no short-URL redirect in the feed)."""
    arts = [a for a in web.catalog.all() if a.published.date() == day and a.key not in FEED_VIA_REDIRECT]
    return sorted(arts, key=lambda a: (a.site.index, a.path))


def _place(web: TestWeb) -> list[Placed]:
    """One article fault per article path, dealt over the sites and the two days."""
    pool = [(d, a) for d in DAYS for a in _plain_articles(web, d)]
    pool.sort(key=lambda da: (da[1].site.index, da[0], da[1].path))
    # interleave sites so each site gets a mix of faults
    by_site: dict[str, list[tuple[date, Article]]] = {}
    for d, a in pool:
        by_site.setdefault(a.site.slug, []).append((d, a))
    order = []
    while any(by_site.values()):
        for items in by_site.values():
            if items:
                order.append(items.pop(0))
    assert len(order) >= len(ARTICLE_FAULTS)
    return [Placed(s, d, a.site.slug, a.path, web.article_url(a)) for s, (d, a) in zip(ARTICLE_FAULTS, order,
                                                                                      strict=False)]


@pytest.fixture(scope="module")
def night(tmp_path_factory) -> Night:
    data = tmp_path_factory.mktemp("faults")
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(data / "outlets")
        articles = _place(web)
        for p in articles:
            web.set_fault(p.slug, p.path, p.spec.kind, **p.spec.params)
        listings = []
        for slug, path, spec in LISTING_FAULTS:
            web.set_fault(slug, path, spec.kind, **spec.params)
            days = [ONE_DAY_LISTINGS[path]] if path in ONE_DAY_LISTINGS else DAYS
            listings += [Placed(spec, d, slug, path, web.url(slug, path)) for d in days]
        slugs = [s.slug for s in web.sites]
        keys = {(p.slug, p.path) for p in articles + listings}
        before = dict.fromkeys(keys, 0)
        crawls, tries = {}, {}
        for d in DAYS:
            crawls[d] = measured_crawl(slugs, d, data, outlets, f"faults-{d}")
            now = {k: web.attempts(*k) for k in keys}
            tries[d] = {k: now[k] - before[k] for k in keys}
            before = now
        yield Night(web, data, crawls, articles, listings, tries)


def _stored(night: Night) -> int:
    """How many of the crawled days' articles (ground truth) are archived as HTML pages."""
    n = 0
    for d in DAYS:
        for s in night.web.sites:
            pages = archived_pages(night.data, d, s.slug)
            n += sum(normalize_url(e.url) in pages for e in night.web.expected_articles(d) if e.outlet == s.slug)
    return n


def _the_row(night: Night, p: Placed) -> dict:
    rows = [r for r in rows_for(night.data, p.day, p.slug, p.path) if r["kind"] == ("article" if p in
            night.articles else r["kind"])]
    assert rows, f"{p.spec.name}: {p.url} has no crawl-log line"
    assert len(rows) == 1, f"{p.spec.name}: {p.url} logged {len(rows)} times: {rows}"
    return rows[0]


def test_both_crawls_finish(night: Night):
    for day, c in night.crawls.items():
        assert set(c.counts) == {s.slug for s in night.web.sites}
        assert all(c.counts[s].get("ok", 0) > 0 for s in c.counts), (day, c.counts)
        print(f"\ncrawl {day}: {c.seconds:.1f}s, peak RSS {c.peak_rss_mb:.0f} MB, outcomes {c.counts}")


@pytest.mark.parametrize("spec", ARTICLE_FAULTS, ids=[s.name for s in ARTICLE_FAULTS])
def test_article_fault(night: Night, spec: Spec):
    p = next(p for p in night.articles if p.spec is spec)
    row = _the_row(night, p)
    tries = night.attempts(p)
    assert row["outcome"] == spec.outcome, row
    if spec.outcome != "ok":
        assert row["reason"] and spec.reason in row["reason"], row
    if spec.attempts is not None:
        assert tries == spec.attempts, f"{spec.name}: {tries} attempts"
    assert 1 <= tries <= ATTEMPTS_MAX + REDIRECT_MAX
    pages = archived_pages(night.data, p.day, p.slug)
    assert (normalize_url(p.url) in pages) == spec.lands, spec.name
    report(spec.name, f"{tries} attempt(s) on {unquote(p.path)[:40]}",
           f"{row['outcome']}" + (f" ({row['reason'][:90]})" if row["reason"] else ""), _stored(night))


@pytest.mark.parametrize("slug,path,spec", LISTING_FAULTS, ids=[s.name for _, _, s in LISTING_FAULTS])
def test_listing_fault(night: Night, slug: str, path: str, spec: Spec):
    for p in [p for p in night.listings if p.spec is spec]:
        tries = night.attempts(p)
        assert tries == spec.attempts, f"{spec.name}: {tries} attempts in the crawl of {p.day}"
        row = _the_row(night, p)
        assert row["outcome"] == spec.outcome, row
        if spec.outcome != "ok":
            assert row["reason"] and spec.reason in row["reason"], row
    report(spec.name, f"{tries} attempt(s) on {slug}{path} in each crawl", row["outcome"]
           + (f" ({row['reason'][:90]})" if row["reason"] else ""), _stored(night))


def test_retry_after_is_honoured(night: Night):
    p = next(p for p in night.articles if p.spec.kind == "rate_limit" and p.spec.lands)
    times = [r.at for r in night.web.requests if r.slug == p.slug and unquote(r.path) == unquote(p.path)]
    assert len(times) >= 2
    gap = times[1] - times[0]
    assert gap >= p.spec.params["retry_after"] * 0.95, gap
    report("429 Retry-After 1s (timing)", f"2 attempts {gap:.2f}s apart", "ok after waiting", _stored(night))


def test_offsite_redirects_never_reach_the_other_host(night: Night):
    targets = []
    for p in night.articles + night.listings:
        if p.spec.kind == "offsite_redirect":
            others = [s for s in night.web.sites if s.slug != p.slug]
            to = p.spec.params.get("to_slug") or others[(night.web.site(p.slug).index - 1) % len(others)].slug
            targets.append((to, p.path))
    assert targets
    for to, path in targets:
        assert night.web.hits(to, unquote(path)) == 0, (to, path)
    report("offsite redirect (confinement)", f"{len(targets)} redirect(s) to other hosts",
           "offsite, 0 requests on the other hosts", _stored(night))


def test_huge_sitemap_entries_are_not_fetched(night: Night):
    assert night.web.hits("fa-sepehr", "/huge/") == 0


def test_every_url_has_one_final_outcome_with_a_reason(night: Night):
    for day in DAYS:
        for s in night.web.sites:
            rows = log_rows(night.data, day, s.slug)
            assert rows
            assert not [r for r in rows if r["outcome"] == "dropped"], "URLs without a response"
            bad = [r for r in rows if r["outcome"] not in ("ok", "archived_earlier") and not r["reason"]]
            assert not bad, bad


def test_the_rest_of_the_day_lands(night: Night):
    faulted = {normalize_url(p.url) for p in night.articles if not p.spec.lands}
    stored = 0
    for day in DAYS:
        want = {normalize_url(e.url): e for e in night.web.expected_articles(day)}
        for s in night.web.sites:
            pages = archived_pages(night.data, day, s.slug)
            for key, e in want.items():
                if e.outlet != s.slug or key in faulted:
                    continue
                assert key in pages, f"{e.url} did not land"
                body = pages[key]
                assert e.title.encode() in body or e.title.encode("cp1256", "xmlcharrefreplace") in body, e.url
                stored += 1
    lost = len(faulted)
    report("all faults together", f"{len(ARTICLE_FAULTS)} article + {len(LISTING_FAULTS)} listing faults",
           f"{lost} faulted articles not stored, each with its reason", stored)


def test_memory_stays_bounded(night: Night):
    # a 200 MB gzip bomb and 20 MB bodies against an 8 MB cap: peak memory of the crawl process stays far
    # below what inflating or buffering them would take
    for c in night.crawls.values():
        assert c.peak_rss_mb < 300, c.peak_rss_mb  # ~130-180 MB measured; the bomb alone would add 200 MB


def test_all_warc_files_are_readable(night: Night):
    warcio = str(Path(sys.executable).parent / "warcio")
    files = [f for d in DAYS for s in night.web.sites for f in warc_files(night.data, d.isoformat(), s.slug)]
    assert files and not list((night.data / "warc").rglob("*.open"))
    for f in files:
        subprocess.run([warcio, "index", str(f)], check=True, capture_output=True)
