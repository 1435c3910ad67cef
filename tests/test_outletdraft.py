"""`akhbar outlets draft`: an outlet TOML drafted from a home page (saved or live) validates, finds the test web's
feeds, sitemaps and article pattern, and crawls each test-web site's day as the test web's own configs do."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from akhbar.crawler.settings import USER_AGENT
from akhbar.outletdraft import DraftError, Evidence, archive_template, draft_outlet, gather_live, infer_pattern
from akhbar.outlets.registry import load_outlet_file, load_outlets

AKHBAR = str(Path(sys.executable).parent / "akhbar")
DAY = date(2025, 1, 7)
SLUGS = ("fa-payam", "fa-sepehr", "ar-wadi", "ar-mojaz")
#: saved real home pages: <folder>/<name>.html (+ <name>.robots.txt, <name>.url holding the address)
REAL_HOMES = Path(os.environ.get("AKHBAR_REAL_HOMEPAGES", Path(__file__).resolve().parents[2] / "shared"
                                 / "real-homepages"))


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read()


def akhbar(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "1000"}
    return subprocess.run([AKHBAR, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def live_drafts(testweb, tmp_path_factory):
    """Each test-web site drafted live (its slug given, so lake partitions compare), written to one folder."""
    folder = tmp_path_factory.mktemp("drafted")
    drafts = {}
    for slug in SLUGS:
        draft = draft_outlet(gather_live(testweb.base_url(slug), user_agent=USER_AGENT, delay=0.1), slug=slug)
        (folder / f"{slug}.toml").write_text(draft.toml, encoding="utf-8")
        drafts[slug] = draft
    return folder, drafts


@pytest.mark.parametrize("slug", SLUGS)
def test_offline_draft_from_a_saved_home_page_and_robots(testweb, tmp_path, slug):
    """The command on saved files: a valid TOML whose pattern takes the home page's stories and not the page
    robots.txt disallows, with the feed it announces and the robots.txt sitemap."""
    base = testweb.base_url(slug)
    (tmp_path / "home.html").write_bytes(get(base))
    (tmp_path / "robots.txt").write_bytes(get(base + "robots.txt"))
    out = tmp_path / "out" / f"{slug}.toml"
    out.parent.mkdir()
    proc = akhbar("outlets", "draft", base, "--html", str(tmp_path / "home.html"), "--robots",
                  str(tmp_path / "robots.txt"), "--slug", slug, "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"drafted {slug}: article pattern matches 9 of 25 home-page links" in proc.stderr
    outlet = load_outlet_file(out)
    site = testweb.site(slug)
    assert outlet.language == site.language and outlet.discovery.feeds == [base + "rss.xml"]
    assert outlet.discovery.sitemaps == [base + "sitemap.xml"] and outlet.crawl.allow_private_hosts
    stories = [testweb.article_url(a) for a in testweb.catalog.recent(slug)[:9]]
    assert all(outlet.is_article_url(u) for u in stories)
    assert not outlet.is_article_url(base.rstrip("/") + site.private_path)  # /private/… disallowed, and unmatched
    assert "GUESS article_url_pattern" in outlet.notes and "GUESS" in outlet.notes.split("language")[1]


def test_live_drafts_find_the_sources_and_the_shipped_patterns_articles(testweb, live_drafts):
    folder, drafts = live_drafts
    shipped = {o.slug: o for o in load_outlets(testweb.write_outlet_configs(folder.parent / "shipped")).values()}
    for slug, draft in drafts.items():
        o, base = draft.outlet, testweb.base_url(slug)
        assert o.discovery.feeds == [base + "rss.xml"]
        assert o.discovery.sitemaps == [base + "sitemap.xml", base + "news-sitemap.xml"]
        assert (o.language, o.timezone) == (shipped[slug].language, shipped[slug].timezone), slug  # the feed's offsets
        urls = [e.url for e in testweb.expected_articles(DAY) if e.outlet == slug]
        assert urls and all(o.is_article_url(u) for u in urls), slug
        assert draft.listed and draft.listed_matched == draft.listed, slug  # every feed and sitemap entry matches


def test_drafted_files_crawl_the_day_as_the_test_webs_own_configs(testweb, testweb_outlets, live_drafts, tmp_path,
                                                                   fast_crawl):
    """The drafted files, unedited, crawl the test web's day: the same articles as the shipped test-web configs."""
    from akhbar.pipeline import run_day
    from akhbar.warehouse.lake import Lake

    folder, _ = live_drafts
    fast = {**fast_crawl, "DOWNLOAD_SLOTS": "{}", "DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False"}
    got = {}
    for name, outlets in (("drafted", folder), ("shipped", testweb_outlets)):
        data = tmp_path / name
        results = run_day(DAY, data, None, folder=outlets, overrides=fast)
        assert not [r.error for r in results if r.error], name
        table = Lake(str(data / "lake")).read("articles")
        got[name] = {(r["outlet"], r["url"]) for r in table.to_pylist()}
    assert got["drafted"] and got["drafted"] == got["shipped"]


def test_pattern_inference_shapes():
    host = "www.example.com"
    ids = [f"https://{host}/fa/news/{n}/slug-{n}" for n in (123456, 123457, 99999)]
    noise = [f"https://{host}/section/politics", f"https://{host}/about", "https://other.example/fa/news/1234567"]
    got = infer_pattern(ids + noise, host)
    assert got.pattern == r"^https?://[^/?#]+/fa/news/\d{4,}(?:[/?#]|$)" and got.matched == ids
    dated = [f"https://{host}/{sec}/2025/1/{d}/story-{d}" for sec in ("news", "politics") for d in (7, 8)]
    got = infer_pattern(dated, host)
    assert got.pattern == r"^https?://[^/?#]+/[^/?#]+/\d{4}/\d{1,2}/\d{1,2}/[^/?#]+" and len(got.matched) == 4
    with pytest.raises(DraftError, match=r"no link on www\.example\.com looks like an article"):
        infer_pattern(noise, host)


def test_archive_links_become_templates():
    assert archive_template("https://x.ir/fa/archive?date=1403/10/18&page=2") == \
        "https://x.ir/fa/archive?date={jy}/{jm:02d}/{jd:02d}&page={page}"
    assert archive_template("https://x.eg/archive/2025-01-07") == "https://x.eg/archive/{d:%Y}-{d:%m}-{d:%d}"
    assert archive_template("https://x.eg/news/2025/01/07/x") is None  # a story, not an archive


def test_language_guess_and_refusal():
    fa = draft_outlet(Evidence("https://x.example/", "<p>گزارش خبرنگار <a href='/n/12345'>یک</a></p>".encode()))
    assert (fa.outlet.language, fa.outlet.timezone) == ("fa", "Asia/Tehran")
    with pytest.raises(DraftError, match="cannot tell whether the site is Persian or Arabic"):
        draft_outlet(Evidence("https://x.example/", b"<p>news <a href='/n/12345'>one</a></p>"))


def test_bad_input_is_one_error_line(tmp_path):
    for args in (("ftp://x/",), ("https://x.ir/", "--html", str(tmp_path / "none.html")),
                 ("https://x.ir/", "--robots", str(tmp_path / "r.txt")), ("https://x.ir/", "--language", "en")):
        proc = akhbar("outlets", "draft", *args)
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert proc.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: "), (args, proc.stderr)


@pytest.mark.skipif(not REAL_HOMES.is_dir(), reason=f"no saved real home pages in {REAL_HOMES}")
@pytest.mark.parametrize("page", sorted(REAL_HOMES.glob("*.html")) if REAL_HOMES.is_dir() else [],
                         ids=lambda p: p.stem)
def test_offline_draft_of_saved_real_home_pages(page):
    """A saved real home page (and its robots.txt when saved beside it) drafts a valid file whose pattern takes
    some of the page's links."""
    url = (page.with_suffix(".url").read_text(encoding="utf-8").strip() if page.with_suffix(".url").exists()
           else f"https://www.{page.stem}/")
    robots = page.with_suffix(".robots.txt")
    draft = draft_outlet(Evidence(url, page.read_bytes(), robots.read_bytes() if robots.exists() else None))
    assert draft.home_matched >= 3, draft.toml
    print(f"{page.stem}: {draft.outlet.article_url_pattern} matches {draft.home_matched} of {draft.home_links}")
