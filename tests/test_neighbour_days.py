"""Overlapping local days: a Tehran outlet's UTC day D spans its local days D and D+1, so the crawl of D
fetches D+1's early pages too; D's pipeline hands them over to D+1 (crawl_log ``other_day`` with home_day and
the WARC pointer). The crawl of D+1 does not fetch them again, and D+1 still loads exactly its articles."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote, urlsplit

import pytest

from akhbar.pipeline import run_day
from akhbar.transforms.identity import normalize_url
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
D, NEXT = date(2025, 1, 7), date(2025, 1, 8)
SLUG = "fa-payam"


def test_next_day_reuses_pages_the_previous_crawl_archived(testweb, testweb_outlets, tmp_path, fast_crawl):
    data = tmp_path / "data"
    [first] = run_day(D, data, [SLUG], folder=testweb_outlets, overrides=fast_crawl)
    assert first.ok, first.error
    lake = Lake(str(data / "lake"))
    handed = [r for r in lake.read("crawl_log", [D]).to_pylist() if r["outcome"] == "other_day"]
    assert all(r["home_day"] == NEXT and r["warc_offset"] is not None and NEXT.isoformat() in r["reason"]
               for r in handed)
    early = {normalize_url(r["url"]) for r in handed}
    assert early, "the crawl of D fetched none of D+1's pages: nothing to reuse"

    seen = len(testweb.requests)
    [second] = run_day(NEXT, data, [SLUG], folder=testweb_outlets, overrides=fast_crawl)
    assert second.ok, second.error
    fetched = {unquote(r.path.split("?")[0]) for r in testweb.requests[seen:] if r.slug == SLUG}
    assert not fetched & {unquote(urlsplit(u).path) for u in early}  # none of them fetched again

    rows = lake.read("articles", [NEXT]).to_pylist()
    expected = {normalize_url(e.url) for e in testweb.expected_articles(NEXT) if e.outlet == SLUG}
    assert {normalize_url(r["url"]) for r in rows} == expected
    borrowed = [r for r in rows if normalize_url(r["url"]) in early]
    assert borrowed and all(r["warc_file"].startswith(f"warc/day={D.isoformat()}/") for r in borrowed)
    log = {normalize_url(r["url"]): r for r in lake.read("crawl_log", [NEXT]).to_pylist()}
    assert all(log[u]["outcome"] == "archived_earlier" and D.isoformat() in log[u]["reason"] for u in early
               if u in expected)
