"""Stable article identity: a canonical URL and the article_id derived from it."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

#: query parameters that never change which article a URL names
TRACKING_PARAMS = frozenset(
    {
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "fbclid",
        "gclid", "igshid", "mc_cid", "mc_eid", "ref", "ref_src", "from", "src", "output", "amp",
        "outputType", "s", "xtor", "at_medium", "at_campaign", "cmpid",
    }
)
#: host prefixes of mobile / AMP mirrors of the same site
MIRROR_HOST_PREFIXES = ("m.", "amp.", "mobile.")


def normalize_url(url: str) -> str:
    """Canonical form of an article URL: https-agnostic host, no www/m/amp mirror, no tracking
    parameters, no fragment, sorted query, no trailing /amp path segment."""
    url = url_query_cleaner(url, TRACKING_PARAMS, remove=True, keep_fragments=False)
    url = canonicalize_url(url, keep_fragments=False)
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for prefix in ("www.", *MIRROR_HOST_PREFIXES):
        if host.startswith(prefix):
            host = host[len(prefix):]
    path = parts.path
    for suffix in ("/amp", "/amp/"):
        if path.endswith(suffix):
            path = path[: -len(suffix)] or "/"
    if path.startswith("/amp/"):
        path = path[4:]
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit(("https", host, path, parts.query, ""))


def canonical_url(fetched_url: str, declared: str | None) -> str:
    """The page's declared canonical (rel=canonical / og:url) when it stays on the same site,
    else the fetched URL; normalised either way."""
    if declared:
        declared_host = (urlsplit(declared).hostname or "").removeprefix("www.")
        fetched_host = (urlsplit(fetched_url).hostname or "").removeprefix("www.")
        if declared_host and _same_site(declared_host, fetched_host):
            return normalize_url(declared)
    return normalize_url(fetched_url)


def _same_site(a: str, b: str) -> bool:
    for prefix in MIRROR_HOST_PREFIXES:
        a = a.removeprefix(prefix)
        b = b.removeprefix(prefix)
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def article_id(canonical: str) -> str:
    """16 hex digits of sha1 over the canonical URL: stable across runs, mirrors and re-fetches."""
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]
