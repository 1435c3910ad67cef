"""Confinement: a public outlet never reaches private/loopback addresses, and URLs never become paths."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
from faultkit import FAULT_CRAWL, archived_pages, log_rows, report

from akhbar.crawler.run import crawl
from akhbar.testweb import TestWeb
from akhbar.transforms.identity import normalize_url

pytestmark = pytest.mark.faults
DAY = date(2025, 1, 7)


def test_public_outlet_never_fetches_loopback(tmp_path: Path):
    """The test web's own outlet config, but with allow_private_hosts = false: its hosts resolve to
    127.0.0.x, so nothing may be fetched and every refusal is logged."""
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        for f in outlets.glob("*.toml"):
            f.write_text(f.read_text().replace("allow_private_hosts = true", "allow_private_hosts = false"))
        data = tmp_path / "data"
        slugs = [s.slug for s in web.sites]
        counts = crawl(slugs, DAY, data, "public", outlets, overrides=FAULT_CRAWL)
        assert web.requests == [], f"{len(web.requests)} requests reached the test web"
        for slug in slugs:
            rows = log_rows(data, DAY, slug)
            assert rows, slug
            assert all(r["outcome"] == "skipped" and "non-public address 127.0.0." in r["reason"] for r in rows), rows
            assert not counts[slug].get("ok")
    report("public outlet on loopback", f"{sum(sum(c.values()) for c in counts.values())} start URLs",
           "all refused (non-public address), 0 requests reached the hosts", 0)


def test_dot_segments_and_encoded_slashes_stay_inside_the_data_dir(tmp_path: Path):
    """A sitemap full of article URLs with ../ and %2e%2e: they are fetched or refused as URLs, and every
    file the crawl writes stays under the data dir in its outlet's partition."""
    box = tmp_path / "box"
    data = box / "data"
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        web.set_fault("fa-sepehr", "/news-sitemap.xml", "huge_sitemap", count=4, lastmod=DAY.isoformat(),
                      prefix="/%2e%2e/%2e%2e/../../../../tmp/x/..%2f../news/99999")
        crawl(["fa-sepehr"], DAY, data, "dots", outlets, overrides=FAULT_CRAWL)
        traversal = [r for r in log_rows(data, DAY, "fa-sepehr") if "99999" in r["url"]]
        assert len(traversal) == 4 and all(r["outcome"] for r in traversal)
        assert not [r for r in web.requests if r.slug != "fa-sepehr"]
        files = [p for p in box.rglob("*") if p.is_file()]
        assert files and all(data in p.resolve().parents for p in files)
        for p in files:
            rel = p.relative_to(data).parts
            assert rel[0] in ("warc", "crawl", "logs", "locks"), rel
            if rel[0] == "locks":  # the crawler takes the outlet-day's lock itself when run standalone
                assert rel[1:] == (f"{DAY}.fa-sepehr.lock",), rel
            if rel[0] in ("warc", "crawl"):
                assert rel[1] == f"day={DAY}" and rel[2] == "outlet=fa-sepehr", rel
        pages = archived_pages(data, DAY, "fa-sepehr")
        want = {normalize_url(e.url) for e in web.expected_articles(DAY) if e.outlet == "fa-sepehr"}
        assert want <= set(pages)  # the real articles still landed
    outcomes = ", ".join(sorted({r["outcome"] for r in traversal}))
    report("URLs with ../ and %2e%2e", f"{len(traversal)} crafted URLs",
           f"{outcomes}; requested as {unquote(traversal[0]['final_url'])[-40:]}", len(want))
