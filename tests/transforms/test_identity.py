"""Stable article identity: URL normalisation and per-outlet numeric ids, on real-shaped fa/ar URLs."""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest

from akhbar.transforms.identity import article_id, article_key, canonical_url, normalize_url

SLUG_FA = "گفت‌وگوی-تلفنی-وزیران-خارجه-درباره-غزه"  # contains a ZWNJ (U+200C)
SLUG_AR = "اليابان-والولايات-المتحدة-تبحثان-قضايا-الشرق-الأوسط"


def test_tracking_parameters_dropped_real_ones_kept_and_sorted() -> None:
    url = ("https://www.irna.ir/news/85712345/x?utm_source=telegram&utm_medium=social&utm_whatever=1"
           "&fbclid=IwAR0abc&gclid=xyz&page=2&amp=1&lang=fa")
    assert normalize_url(url) == "https://irna.ir/news/85712345/x?lang=fa&page=2"


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.aljazeera.net/news/2025/1/7/{slug}",
        "http://aljazeera.net/news/2025/1/7/{slug}/",
        "https://m.aljazeera.net/news/2025/1/7/{slug}",
        "https://amp.aljazeera.net/news/2025/1/7/{slug}",
        "https://www.aljazeera.net/amp/news/2025/1/7/{slug}",
        "https://www.aljazeera.net/news/2025/1/7/{slug}/amp",
        "https://www.aljazeera.net/news/2025/1/7/{slug}.amp",
        "https://www-aljazeera-net.cdn.ampproject.org/c/s/www.aljazeera.net/news/2025/1/7/{slug}",
        "https://www.aljazeera.net/news/2025/1/7/{slug}?utm_source=twitter#comments",
        "https://WWW.AlJazeera.net/news/2025/1/7/{slug}",
    ],
)
def test_mirrors_of_one_arabic_article_normalise_alike(variant: str) -> None:
    expected = normalize_url(f"https://aljazeera.net/news/2025/1/7/{quote(SLUG_AR)}")
    assert normalize_url(variant.format(slug=SLUG_AR)) == expected
    assert normalize_url(variant.format(slug=quote(SLUG_AR))) == expected


def test_percent_encoded_persian_slug_equals_raw_and_keeps_zwnj() -> None:
    raw = f"https://www.isna.ir/news/1403101712345/{SLUG_FA}"
    lower = raw.replace(SLUG_FA, quote(SLUG_FA).lower())
    upper = raw.replace(SLUG_FA, quote(SLUG_FA))
    assert normalize_url(raw) == normalize_url(lower) == normalize_url(upper)
    decoded = unquote(normalize_url(raw))
    assert SLUG_FA in decoded and "\u200c" in decoded and "\ufffd" not in decoded


def test_normalize_url_is_idempotent() -> None:
    for url in [f"https://m.isna.ir/amp/news/1403101712345/{SLUG_FA}?utm_source=x&b=2&a=1",
                "https://www.youm7.com/story/2025/1/7/slug/6843210"]:
        once = normalize_url(url)
        assert normalize_url(once) == once


def test_canonical_prefers_declared_same_site_and_ignores_offsite() -> None:
    fetched = f"https://m.hamshahrionline.ir/news/912345/{quote(SLUG_FA)}?utm_source=rss"
    declared = "https://www.hamshahrionline.ir/news/912345/"
    assert canonical_url(fetched, declared) == "https://hamshahrionline.ir/news/912345"
    # an aggregator declaring the original outlet as canonical must not take its identity
    assert canonical_url("https://www.akhbarak.net/news/2025/1/7/123", declared) == (
        "https://akhbarak.net/news/2025/1/7/123")
    assert canonical_url(fetched, None) == normalize_url(fetched)


PATTERN_FA = r"/fa/news/(?P<id>\d+)(?:[/?#]|$)"


def test_numeric_id_makes_the_identity_when_the_pattern_names_it() -> None:
    a = "https://www.mehrnews.com/fa/news/6712345/" + quote("نشست-خبری-سخنگوی-دولت")
    b = "https://www.mehrnews.com/fa/news/6712345/" + quote("نشست-خبری-سخنگوی-دولت-درباره-یارانه")
    amp = "https://www.mehrnews.com/amp/fa/news/6712345/?utm_source=telegram"
    other = "https://www.mehrnews.com/fa/news/6712346/" + quote("نشست-خبری-سخنگوی-دولت")
    assert article_key(a, PATTERN_FA) == article_key(b, PATTERN_FA) == "mehrnews.com/6712345"
    assert article_key(amp, PATTERN_FA) == "mehrnews.com/6712345"
    assert article_id(a, PATTERN_FA) == article_id(b, PATTERN_FA) == article_id(amp, PATTERN_FA)
    assert article_id(other, PATTERN_FA) != article_id(a, PATTERN_FA)
    # without the outlet's pattern the slug edit is a different URL, hence a different article
    assert article_id(a) != article_id(b)


def test_pattern_without_id_group_or_not_matching_gives_no_key() -> None:
    url = "https://www.mehrnews.com/fa/news/6712345/x"
    assert article_key(url, r"/fa/news/\d+") is None
    assert article_key("https://www.mehrnews.com/fa/tag/6712345", PATTERN_FA) is None
    assert article_id(url, r"/fa/news/\d+") == article_id(url)


def test_other_named_groups_are_part_of_the_key() -> None:
    pattern = r"/(?P<lang>fa|en)/news/(?P<id>\d+)"
    fa = article_key("https://www.irna.ir/fa/news/85712345/x", pattern)
    en = article_key("https://www.irna.ir/en/news/85712345/x", pattern)
    assert fa == "irna.ir/fa/85712345" and en == "irna.ir/en/85712345"


def test_pattern_written_with_raw_arabic_characters_matches_encoded_url() -> None:
    pattern = r"/خبر/(?P<id>\d+)"
    url = "https://www.alwatan.com/" + quote("خبر") + "/98765/" + quote(SLUG_AR)
    assert article_key(url, pattern) == "alwatan.com/98765"


# -- malformed URLs (issue 24): never an exception ------------------------------------------------
FETCHED = f"https://www.hamshahrionline.ir/news/912345/{quote(SLUG_FA)}"
MALFORMED = [
    "http://[::1", "http://[fe80::zz]/a", "http://[::1]]", "https://[::1]:99999/",  # IPv6 hosts
    "https://www.hamshahrionline.ir:99999/news/1", "https://www.hamshahrionline.ir:-1/news/1",  # ports
    "https://www.hamshahrionline.ir:abc/news/1",
    "https://www.hamshahr\x00online.ir/news/1", "https://www.hamshahrionline.ir/news/\x00\x07\x1b",  # controls
    "https://www.hamshahrionline.ir\u3002/news/1", "https://xn--zz-\u0644.ir/a", "https://\udcff.ir/a",  # IDNA
    "https://%zz/a", "https:// www.hamshahrionline.ir/news/1", "https://www.hamshahrionline.ir/" + "ب" * 100_000,
]


@pytest.mark.parametrize("url", MALFORMED, ids=range(len(MALFORMED)))
def test_normalize_url_never_raises_and_stays_idempotent(url: str) -> None:
    # the first six raised ValueError (Invalid IPv6 URL, Port out of range, forbidden domain code point),
    # the surrogate UnicodeEncodeError
    once = normalize_url(url)
    assert isinstance(once, str) and once.isprintable()
    assert normalize_url(once) == once
    assert article_id(once, PATTERN_FA) == article_id(url, PATTERN_FA)


@pytest.mark.parametrize("declared", MALFORMED, ids=range(len(MALFORMED)))
def test_a_malformed_declared_canonical_falls_back_to_the_fetched_url(declared: str) -> None:
    assert canonical_url(FETCHED, declared) == normalize_url(FETCHED)


def test_a_same_site_canonical_with_a_bad_port_is_not_the_pages_address() -> None:
    # the host is the outlet's and the path another article's: a typo in the port is no reason to trust it
    assert canonical_url(FETCHED, "https://www.hamshahrionline.ir:99999/news/1") == normalize_url(FETCHED)
    assert canonical_url(FETCHED, "https://www.hamshahrionline.ir:443/news/1") == (
        "https://hamshahrionline.ir/news/1")
