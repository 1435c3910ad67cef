"""The shipped outlet registry (outlets/*.toml) and the loader's error messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from akhbar.outlets.registry import PACKAGED_OUTLETS_DIR, OutletConfigError, load_outlet_file, load_outlets

YJC_DOMAINS = 'allowed_domains = ["yjc.ir", "yjc.news"]'
REQUIRED = {"yjc", "jamejamonline", "youm7", "albawabhnews"}
EXPECTED_TZ = {
    "yjc": "Asia/Tehran", "jamejamonline": "Asia/Tehran", "irna": "Asia/Tehran", "tasnim": "Asia/Tehran",
    "hamshahri": "Asia/Tehran", "bbcpersian": "Europe/London", "youm7": "Africa/Cairo",
    "albawabhnews": "Africa/Cairo", "aljazeera": "Asia/Qatar", "aawsat": "Europe/London",
    "alarabiya": "Asia/Dubai", "bbcarabic": "Europe/London",
}

#: realistic article URLs of each outlet (shapes as they appear in the outlets' feeds and links)
ARTICLES = {
    "yjc": [
        "https://www.yjc.ir/fa/news/8369785/%D8%AF%D8%B1-%D9%BE%D9%86%D8%AC%D9%85%DB%8C%D9%86-%D8%B4%D8%A8",
        "https://www.yjc.ir/fa/news/9058779/",
        "https://www.yjc.ir/fa/news/7530726/درست-و-نادرست-جبران-کسری-بودجه",
        # the same site on its other host (issue 27)
        "https://www.yjc.news/fa/news/6787095/%D8%B1%D9%86%D8%AF%D8%AA%D8%B1%DB%8C%D9%86",
    ],
    "jamejamonline": [
        "https://jamejamonline.ir/fa/news/1464030/",
        "https://jamejamonline.ir/fa/news/1268389/%DA%86%D8%A7%D9%87-%D8%B3%D9%86%DA%AF%DB%8C",
    ],
    "irna": [
        "https://www.irna.ir/news/85772544/%D8%B4%DB%8C%D8%B4-%D8%AF%D9%88%D9%86%DA%AF",
        "https://www.irna.ir/news/85421995/%D8%A7%DB%8C%D8%B1%D9%86%D8%A7",
    ],
    "tasnim": [
        "https://www.tasnimnews.com/fa/news/1402/10/10/3014883/",
        "https://www.tasnimnews.com/fa/news/1404/01/01/3278999/%D9%86%D8%B1%D8%AE-%D8%AA%D9%88%D8%B1%D9%85",
        # multimedia items (issue 27)
        "https://www.tasnimnews.com/fa/media/1396/04/13/1453733/%D9%85%D9%88%D8%B4%D9%86",
    ],
    "hamshahri": [
        "https://www.hamshahrionline.ir/news/1047203/",
        "https://www.hamshahrionline.ir/news/51719/28-%D8%A7%D8%B1%D8%AF%DB%8C%D8%A8%D9%87%D8%B4%D8%AA",
    ],
    "bbcpersian": [
        "https://www.bbc.com/persian/articles/c0kzr4x9n2lo?at_medium=RSS&at_campaign=rss",
        "https://www.bbc.com/persian/iran-66123456",
    ],
    "youm7": [
        "https://www.youm7.com/story/2026/5/2/سعر-الذهب-عيار-24-اليوم-فى-مصر-السبت-2-مايو/7398505",
        "https://www.youm7.com/story/2022/3/19/%D8%A7%D9%84%D8%B5%D8%AD%D8%A9-%D9%85%D8%AA%D9%88%D8%B3%D8%B7/5698123",
        "https://www.youm7.com/story/2026/8/1/7499145",
    ],
    "albawabhnews": ["https://www.albawabhnews.com/4964182", "https://www.albawabhnews.com/4737953?utm_source=x"],
    "aljazeera": [
        "https://www.aljazeera.net/news/2025/7/17/%D9%83%D8%A7%D9%85%D9%8A%D8%B1%D8%A7-%D9%85%D9%82%D8%A7%D8%A8%D9%84",
        "https://www.aljazeera.net/politics/2024/1/5/%D9%85%D8%A7%D8%B0%D8%A7",
        "https://www.aljazeera.net/news/2026/8/5/ماذا-بحثت-جولة-المفاوضات-الجديدة",
    ],
    "aawsat": [
        "https://aawsat.com/%D8%A7%D9%84%D8%B9%D8%A7%D9%84%D9%85/%D8%A3%D9%88%D8%B1%D9%88%D8%A8%D8%A7/"
        "5321484-%D9%83%D8%A8%D9%84%D8%B1",
        "https://aawsat.com/العالم-العربي/الخليج/5114786-الدرعية-عاصمة",
        # without the slug (issue 27)
        "https://aawsat.com/node/5320313",
        "https://aawsat.com/العالم-العربي/الخليج/5114786",
    ],
    "alarabiya": [
        "https://www.alarabiya.net/arab-and-world/2024/08/11/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7-%D8%AA%D8%AA%D9%88%D8%B9%D8%AF",
        "https://www.alarabiya.net/aswaq/economy/2025/01/07/some-story",
    ],
    "bbcarabic": [
        "https://www.bbc.com/arabic/articles/c3e8z1v9q7po",
        "https://www.bbc.com/arabic/world-67123456",
    ],
}

#: pages of the same outlets that are not articles
NOT_ARTICLES = {
    "yjc": ["https://www.yjc.ir/fa/news", "https://www.yjc.ir/fa/service/politics"],
    "jamejamonline": ["https://jamejamonline.ir/fa/service/politics"],
    # IRNA refuses an article URL without its slug (issue 27): not an article to fetch
    "irna": ["https://www.irna.ir/service/politic", "https://en.irna.ir/news/85421995/x",
             "https://www.irna.ir/news/85421995", "https://www.irna.ir/news/85421995/"],
    "tasnim": ["https://www.tasnimnews.com/fa/service/1/", "https://www.tasnimnews.com/en/news/2025/01/07/3234567/x"],
    "hamshahri": ["https://www.hamshahrionline.ir/service/Iran", "https://www.hamshahrionline.ir/archive?pi=1"],
    "bbcpersian": ["https://www.bbc.com/persian/topics/ckdxnwvwwjnt", "https://www.bbc.com/arabic/articles/c3e8z1v9q7po",
                   "https://www.bbc.com/news/articles/c0kzr4x9n2lo"],
    "youm7": ["https://www.youm7.com/Section/أخبار-عاجلة/65/1", "https://www.youm7.com/story/2026/5/2"],
    "albawabhnews": ["https://www.albawabhnews.com/section/18", "https://www.albawabhnews.com/list/1"],
    "aljazeera": ["https://www.aljazeera.net/news/", "https://www.aljazeera.net/where/mideast/arab/"],
    "aawsat": ["https://aawsat.com/%D8%A7%D9%84%D8%B1%D8%A3%D9%8A", "https://english.aawsat.com/world/5321484-x",
               "https://english.aawsat.com/node/5314209"],
    # the AMP copy of a story is the same story (issue 27)
    "alarabiya": ["https://www.alarabiya.net/arab-and-world", "https://english.alarabiya.net/News/2024/08/11/x",
                  "https://www.alarabiya.net/amp/arab-and-world/yemen/2023/01/12/%D9%85%D9%86",
                  "https://www.alarabiya.net/amp/aswaq/economy/2025/01/07/some-story"],
    "bbcarabic": ["https://www.bbc.com/arabic/topics/c1e7z5x3ljpt", "https://www.bbc.com/persian/articles/c0kzr4x9n2lo"],
}


@pytest.fixture(scope="module")
def shipped():
    return load_outlets(PACKAGED_OUTLETS_DIR)


def test_every_shipped_file_loads_with_slug_equal_to_file_name(shipped):
    files = sorted(PACKAGED_OUTLETS_DIR.glob("*.toml"))
    assert len(files) == len(shipped) == 12
    for path in files:
        assert load_outlet_file(path).slug == path.stem


def test_languages_required_outlets_and_unique_names(shipped):
    langs = [o.language for o in shipped.values()]
    assert langs.count("fa") >= 6 and langs.count("ar") >= 6
    assert REQUIRED <= set(shipped)
    names = [o.name for o in shipped.values()]
    assert len(set(names)) == len(names)


def test_timezones_and_polite_crawl_policy(shipped):
    assert {s: o.timezone for s, o in shipped.items()} == EXPECTED_TZ
    for o in shipped.values():
        assert o.crawl.download_delay >= 1.0, o.slug
        assert o.crawl.concurrency <= 2, o.slug
        assert not o.crawl.allow_private_hosts, o.slug
        assert o.notes and "Evidence" in o.notes and "Assumed" in o.notes, \
            f"{o.slug}: notes must cite the evidence and say what is still assumed"
        urls = [o.base_url, *o.discovery.feeds, *o.discovery.sitemaps, *o.discovery.archives]
        assert all(u.startswith("https://") for u in urls), o.slug
        assert o.discovery.feeds or o.discovery.sitemaps or o.discovery.auto, o.slug


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_article_pattern_matches_articles_only(shipped, slug):
    o = shipped[slug]
    for url in ARTICLES[slug]:
        assert o.is_article_url(url), url
    listings = [o.base_url, o.base_url.rstrip("/") + "/", *o.discovery.feeds, *o.discovery.sitemaps,
                *o.archive_urls(date(2025, 1, 7), 1), *NOT_ARTICLES[slug]]
    for url in listings:
        assert not o.is_article_url(url), url


def test_notes_cite_public_evidence(shipped):
    """Each outlet's notes name where its facts come from: a public repository's file at a commit, a saved page's
    address, or an exact-string search of the code index (issue 27)."""
    for o in shipped.values():
        cited = ("@" in o.notes and ".ts" in o.notes) or "https://" in o.notes or "exact-string search" in o.notes
        assert cited, o.slug
        assert "Not fetched live" not in o.notes or "Evidence" in o.notes, o.slug


def test_outlets_whose_terms_refuse_crawling_ship_disabled(shipped):
    """The BBC's terms (quoted in its robots.txt) forbid crawling and datasets, and its robots.txt disallows
    Scrapy: both BBC services ship disabled with the terms quoted; every other outlet is enabled."""
    assert {s for s, o in shipped.items() if not o.enabled} == {"bbcpersian", "bbcarabic"}
    for slug in ("bbcpersian", "bbcarabic"):
        reason = shipped[slug].disabled_reason
        assert "No scraping, crawling, or systematic extraction of content" in reason
        assert "No creating datasets from BBC content" in reason and "Scrapy" in reason


def test_corrected_discovery_sources(shipped):
    """Issue 27's corrections of sources: Al-Bawaba's evidenced feeds, the BBC services' own sitemaps."""
    assert shipped["albawabhnews"].discovery.feeds == ["https://www.albawabhnews.com/rss/1",
                                                       "https://www.albawabhnews.com/rss/97"]
    assert shipped["bbcpersian"].discovery.sitemaps == ["https://www.bbc.com/persian/sitemap.xml"]
    assert shipped["bbcarabic"].discovery.sitemaps == ["https://www.bbc.com/arabic/sitemap.xml"]
    assert shipped["yjc"].in_domains("www.yjc.news")


def test_every_shipped_outlet_has_samples():
    assert set(ARTICLES) == set(NOT_ARTICLES) == set(EXPECTED_TZ)


def test_archive_templates_build_the_day(shipped):
    # 2025-01-07 is 18 Dey 1403 in the Solar Hijri calendar
    day = date(2025, 1, 7)
    assert shipped["irna"].archive_urls(day, 2) == ["https://www.irna.ir/archive?pi=2&ms=0&dy=18&mn=10&yr=1403"]
    assert shipped["tasnim"].archive_urls(day, 1) == [
        "https://www.tasnimnews.com/fa/archive?service=-1&sub=-1&date=1403%2F10%2F18&page=1"]
    yjc = shipped["yjc"].archive_urls(day, 3)[0]
    assert "from_date=1403/10/18&to_date=1403/10/18" in yjc and yjc.endswith("&p=3")
    for o in shipped.values():
        for url in o.archive_urls(day, 1):
            assert "{" not in url and "}" not in url


# ---- invalid files ------------------------------------------------------------------------------

VALID = (PACKAGED_OUTLETS_DIR / "yjc.toml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "yjc") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_copy_of_a_shipped_file_is_valid(tmp_path):
    assert load_outlet_file(_write(tmp_path, VALID)).slug == "yjc"


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ('timezone = "Asia/Tehran"', 'timezone = "Asia/Tehrn"', "timezone", ["Asia/Tehrn"]),
        ('timezone = "Asia/Tehran"', 'timezone = "+03:30"', "timezone", ["+03:30"]),
        ('language = "fa"', 'language = "en"', "language", []),
        ('country = "IR"', 'country = "IRN"', "country", []),
        ('base_url = "https://www.yjc.ir/"', 'base_url = "www.yjc.ir"', "base_url", ["www.yjc.ir"]),
        ("article_url_pattern = '", "article_url_pattern = '(", "article_url_pattern", ["regular expression"]),
        ('feeds = ["https://www.yjc.ir/fa/rss/allnews"]', 'feeds = ["https://evil.example.org/rss"]',
         "(file)", ["https://evil.example.org/rss", "allowed_domains"]),
        ('feeds = ["https://www.yjc.ir/fa/rss/allnews"]', 'feeds = ["https://yjc.ir.example.org/rss"]',
         "(file)", ["yjc.ir.example.org", "allowed_domains"]),
        ('name = "Young Journalists Club"', 'name = "Young Journalists Club"\nhomepage = "x"', "homepage",
         ["Extra inputs"]),
        ("archive_max_pages = 30", "archive_max_pages = 30\nfeed = []", "discovery.feed", ["Extra inputs"]),
        ("concurrency = 2", "concurrency = 0", "crawl.concurrency", []),
        # allowed_domains entries are bare host names: an empty one would match nothing useful, a scheme
        # or path one never matches a host (so the outlet could fetch nothing, or be misread)
        ('allowed_domains = ["yjc.ir", "yjc.news"]', 'allowed_domains = ["yjc.ir", ""]', "allowed_domains",
         ["entry 1 ''", "bare host name"]),
        (YJC_DOMAINS, 'allowed_domains = ["yjc.ir", "  "]', "allowed_domains", ["entry 1"]),
        ('allowed_domains = ["yjc.ir", "yjc.news"]', 'allowed_domains = ["https://yjc.ir"]', "allowed_domains",
         ["'https://yjc.ir'"]),
        (YJC_DOMAINS, 'allowed_domains = ["yjc.ir/fa"]', "allowed_domains", ["'yjc.ir/fa'"]),
        (YJC_DOMAINS, 'allowed_domains = ["yjc.ir:443"]', "allowed_domains", ["'yjc.ir:443'"]),
        # only the web: a file:, ftp: or data: source would read local files or other stores
        ('feeds = ["https://www.yjc.ir/fa/rss/allnews"]', 'feeds = ["file://www.yjc.ir/etc/passwd"]',
         "discovery.feeds", ["file://www.yjc.ir/etc/passwd", "http(s)"]),
        ('feeds = ["https://www.yjc.ir/fa/rss/allnews"]', 'feeds = ["ftp://www.yjc.ir/rss.xml"]',
         "discovery.feeds", ["ftp://"]),
        ('base_url = "https://www.yjc.ir/"', 'base_url = "file:///etc/passwd"', "base_url", ["file:///etc/passwd"]),
        ("concurrency = 2", "concurrency = 2\nmax_sitemaps = 0", "crawl.max_sitemaps", []),
    ],
)
@pytest.mark.faults
def test_invalid_file_names_file_and_field(tmp_path, old, new, field, words):
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(OutletConfigError) as info:
        load_outlet_file(path)
    message = str(info.value)
    assert str(path) in message
    assert f"field '{field}'" in message
    for word in words:
        assert word in message


def test_slug_must_equal_file_name(tmp_path):
    path = _write(tmp_path, VALID, name="young-journalists")
    with pytest.raises(OutletConfigError, match=r"field 'slug'.*'yjc'.*'young-journalists'") as info:
        load_outlet_file(path)
    assert str(path) in str(info.value)


def test_not_toml_and_missing_file(tmp_path):
    with pytest.raises(OutletConfigError, match="not valid TOML") as info:
        load_outlet_file(_write(tmp_path, VALID + "\n[discovery\n"))
    assert "yjc.toml" in str(info.value)
    with pytest.raises(OutletConfigError, match="no such outlet file"):
        load_outlet_file(tmp_path / "nope.toml")


def test_folder_with_one_bad_file_fails_naming_it(tmp_path):
    _write(tmp_path, VALID)
    bad = _write(tmp_path, VALID.replace('slug = "yjc"', 'slug = "yjc2"').replace('language = "fa"', 'language = "xx"'),
                 name="yjc2")
    with pytest.raises(OutletConfigError) as info:
        load_outlets(tmp_path)
    assert str(bad) in str(info.value) and "field 'language'" in str(info.value)


def test_crawl_bounds_default_and_per_outlet(tmp_path):
    """Every crawl is bounded: sane defaults for real outlets, overridable per outlet under [crawl]."""
    default = load_outlet_file(_write(tmp_path, VALID)).crawl
    assert (default.max_requests, default.max_sitemaps, default.max_feed_links, default.max_queued) == (
        5000, 200, 2000, 5000)
    tight_file = VALID.replace("concurrency = 2", "concurrency = 2\nmax_queued = 50")
    tight = load_outlet_file(_write(tmp_path, tight_file)).crawl
    assert tight.max_queued == 50 and tight.max_sitemaps == 200


@pytest.mark.faults
def test_sources_with_placeholders_must_be_http(tmp_path):
    bad = VALID.replace('feeds = ["https://www.yjc.ir/fa/rss/allnews"]',
                        'feeds = []\nsitemaps = ["file://www.yjc.ir/sitemap/{d:%Y-%m-%d}.xml"]')
    with pytest.raises(OutletConfigError, match=r"field 'discovery.sitemaps'.*not an absolute http\(s\) URL"):
        load_outlet_file(_write(tmp_path, bad))
