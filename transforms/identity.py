"""Stable article identity: a canonical URL and the article_id derived from it.

The same article reaches the crawler under many URLs: with tracking parameters, on AMP and mobile
mirrors (``amp.``/``m.`` hosts, ``/amp/`` path segments, ``.amp`` suffixes, the AMP CDN cache), with
or without ``www.``, percent-encoded or raw Persian/Arabic slugs, and — on outlets whose URLs carry a
numeric id — with a slug that the newsroom edits after publication. ``normalize_url`` folds the first
kinds; ``article_key`` folds the last one, driven by the outlet's ``article_url_pattern``.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

#: query parameters that never change which article a URL names
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "ttclid",
        "mc_cid", "mc_eid", "_ga", "_gl", "ref", "ref_src", "ref_url", "from", "src", "source", "output",
        "amp", "amp_js_v", "amp_gsa", "usqp", "outputType", "s", "xtor", "at_medium", "at_campaign",
        "cmpid", "cmp", "ocid", "ito", "spm", "share", "sh", "__twitter_impression", "feature",
    }
)
#: host prefixes of mobile / AMP mirrors of the same site
MIRROR_HOST_PREFIXES = ("m.", "amp.", "mobile.")
_HOST_PREFIXES = ("www.", *MIRROR_HOST_PREFIXES)
#: Google's AMP cache serves https://www.example.com/p as https://www-example-com.cdn.ampproject.org/c/s/www.example.com/p
_AMP_CACHE = re.compile(r"^/[a-z]/(?:s/)?(?P<rest>[^/]+/.*)$")


def _is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMS or name.lower().startswith("utm_")


def _strip_host(host: str) -> str:
    host = host.lower().rstrip(".")
    changed = True
    while changed:  # "www.m.example.com" and "m.www.example.com" both exist in the wild
        changed = False
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix) and host.count(".") > 1:
                host = host[len(prefix):]
                changed = True
    return host


def _unwrap_amp_cache(url: str) -> str:
    parts = urlsplit(url)
    if (parts.hostname or "").endswith(".cdn.ampproject.org"):
        m = _AMP_CACHE.match(parts.path)
        if m:
            return "https://" + m.group("rest") + (f"?{parts.query}" if parts.query else "")
    return url


def _strip_amp_path(path: str) -> str:
    # "amp" as a whole path segment (/amp/news/1, /fa/amp/news/1, /news/1/amp) and ".amp"/".amp.html"
    segments = [s for s in path.split("/") if s.lower() != "amp"]
    if segments and segments[-1]:
        last = segments[-1]
        for suffix in (".amp.html", ".amp"):
            if last.lower().endswith(suffix) and len(last) > len(suffix):
                segments[-1] = last[: -len(suffix)] + (".html" if suffix == ".amp.html" else "")
                break
    return "/".join(segments) or "/"


#: a declared canonical longer than this is no outlet's URL (sitemaps stop at 2,048 characters; a long
#: percent-encoded Arabic slug stays well under it)
MAX_URL_CHARS = 8192
#: what an unparsable URL keeps unescaped: ASCII punctuation of URLs, «%» so that escaping twice changes nothing;
#: brackets, spaces, controls and non-ASCII are escaped
_KEEP = "!#$%&'()*+,/:;=?@~"


def normalize_url(url: str) -> str:
    """Canonical form of an article URL: https, host without www/m/amp mirror prefixes and port,
    no tracking parameters, no fragment, sorted query, AMP path segments removed, percent-encoding
    normalised (a raw Persian slug and its %D8.. form are the same URL), no trailing slash.

    Never raises: a URL that does not parse (a malformed IPv6 host «http://[::1», a port «:99999» or
    «:abc», a host IDNA refuses, control characters) is normalised escaped, or stays its escaped self,
    the same every time (normalize_url of the result is the result)."""
    try:
        return _normalize(url)
    except ValueError:  # UnicodeError (IDNA, lone surrogates) is one too
        escaped = quote(url.strip(), safe=_KEEP, errors="surrogatepass")
    try:
        return _normalize(escaped)
    except ValueError:
        return escaped


def _normalize(url: str) -> str:
    url = _unwrap_amp_cache(url.strip())
    parts = urlsplit(url)
    if parts.query:
        names = {p.split("=", 1)[0] for p in parts.query.split("&")}
        tracking = [n for n in names if _is_tracking(n)]
        if tracking:
            url = url_query_cleaner(url, tracking, remove=True, keep_fragments=False)
    url = canonicalize_url(url, keep_fragments=False)
    parts = urlsplit(url)
    host = _strip_host(parts.hostname or "")
    path = _strip_amp_path(parts.path)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, parts.query, ""))


def canonical_url(fetched_url: str, declared: str | None) -> str:
    """The page's declared canonical (rel=canonical / og:url) when it is a well-formed URL on the same
    site, else the fetched URL; normalised either way. Never raises."""
    declared_host = _host(declared) if declared and len(declared) <= MAX_URL_CHARS else None
    if declared and declared_host and _same_site(declared_host, _host(fetched_url) or ""):
        try:
            return _normalize(declared)
        except ValueError:  # a host IDNA refuses, a NUL in it: not the page's address
            pass
    return normalize_url(fetched_url)


def _host(url: str) -> str | None:
    """The URL's host without mirror prefixes; None when the URL is malformed (brackets, a port out of
    range or not a number, whitespace or control characters) or has none."""
    if any(c.isspace() or not c.isprintable() for c in url.strip()):
        return None
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 -- raises on «:99999», «:-1», «:abc»
    except ValueError:
        return None
    return _strip_host(parts.hostname) if parts.hostname else None


def _same_site(a: str, b: str) -> bool:
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def article_key(url: str, article_url_pattern: str) -> str | None:
    """``host/<id>`` when the outlet's pattern has a named group ``id`` that matches ``url``, else None.

    Outlets such as ``/fa/news/123/<slug>`` identify the article by its number and let editors change
    the slug, so the number (not the whole URL) is the identity. Every other named group of the pattern
    is part of the key too, in pattern order — e.g. ``/(?P<lang>fa|en)/news/(?P<id>\\d+)`` when the id
    sequences of two language editions overlap. The pattern is tried on the normalised URL and on its
    percent-decoded form, so patterns may be written with raw Persian/Arabic characters.
    """
    regex = re.compile(article_url_pattern)
    if "id" not in regex.groupindex:
        return None
    norm = normalize_url(url)
    m = regex.search(norm) or regex.search(unquote(norm))
    if not m or not m.group("id"):
        return None
    names = sorted(regex.groupindex, key=regex.groupindex.__getitem__)
    values = [m.group(n) or "" for n in names if n != "id"] + [m.group("id")]
    return "/".join([urlsplit(norm).hostname or "", *values])


def article_id(canonical: str, article_url_pattern: str | None = None) -> str:
    """16 hex digits of sha1 over the article's identity: ``article_key`` (host + numeric id) when the
    outlet's pattern defines one and it matches, else the canonical URL. Stable across runs, mirrors,
    tracking parameters, slug edits and re-fetches."""
    key = article_key(canonical, article_url_pattern) if article_url_pattern else None
    return hashlib.sha1((key or normalize_url(canonical)).encode("utf-8")).hexdigest()[:16]
