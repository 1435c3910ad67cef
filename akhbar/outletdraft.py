"""``akhbar outlets draft``: a first outlet TOML from a site's home page, so adding an outlet takes no expert.

What it reads: the home page, robots.txt and (live only) the feeds and sitemaps those name or common paths hold.
What it writes: a file the registry accepts, every value that is a guess said so in ``notes``, for the user to
review and for ``akhbar outlets check`` to probe. The parsing is the crawler's own (crawler.discovery: feeds,
sitemaps, robots.txt, links), so what the draft finds is what a crawl will find.

* feeds: ``<link rel=alternate>`` of the home page; live, each fetched and parsed, and common feed paths tried
  when the page announces none;
* sitemaps: robots.txt ``Sitemap:`` lines (else common paths, live); an index's news child is added, per-day
  children are noted (the crawler picks the day's child from the index);
* archives: a home-page link to a dated archive page becomes a template (its date and page number filled in);
* article URL pattern: the links' shapes (literal words, numeric ids, dates, slugs); the shape most links share
  among those that carry an id or a date wins, and the draft says what share of the links it matches;
* language (``<html lang>``, else letters only Persian or Arabic use), timezone (the feed's UTC offsets, the
  country domain, the language), country, names: guesses, marked as such.

Live drafting fetches through the crawl's Scrapy downloader in a child process (crawler.probe, as ``outlets
check`` does), spaced by a second, at most MAX_FETCHES requests, none that robots.txt disallows.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import re
import subprocess
import sys
import tempfile
import textwrap
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from akhbar.crawler import discovery
from akhbar.outlets.registry import SLUG_RE, Outlet

#: requests one live draft makes at most (robots.txt, home, feeds, sitemaps and one child each)
MAX_FETCHES = 14
#: feed paths tried (live) when the home page announces no feed
COMMON_FEED_PATHS = ("/rss", "/feed", "/rss.xml", "/feed/", "/rss/")
#: robots.txt Sitemap: lines taken into the draft
MAX_SITEMAPS = 4
#: seconds the draft's child process may need beyond its fetches (Python and Scrapy start-up)
STARTUP_SLACK = 60.0

#: country-code domains of the region, with the zone and country a site there most likely keeps
TLD_ZONES = {
    "ir": ("Asia/Tehran", "IR"), "eg": ("Africa/Cairo", "EG"), "sa": ("Asia/Riyadh", "SA"),
    "qa": ("Asia/Qatar", "QA"), "ae": ("Asia/Dubai", "AE"), "iq": ("Asia/Baghdad", "IQ"),
    "sy": ("Asia/Damascus", "SY"), "lb": ("Asia/Beirut", "LB"), "jo": ("Asia/Amman", "JO"),
    "kw": ("Asia/Kuwait", "KW"), "bh": ("Asia/Bahrain", "BH"), "om": ("Asia/Muscat", "OM"),
    "ye": ("Asia/Aden", "YE"), "ps": ("Asia/Hebron", "PS"), "ma": ("Africa/Casablanca", "MA"),
    "dz": ("Africa/Algiers", "DZ"), "tn": ("Africa/Tunis", "TN"), "ly": ("Africa/Tripoli", "LY"),
    "sd": ("Africa/Khartoum", "SD"), "af": ("Asia/Kabul", "AF"), "tj": ("Asia/Dushanbe", "TJ"),
}
#: (language, UTC offset in minutes) of feed dates -> the zone most outlets with them keep
OFFSET_ZONES = {
    ("fa", 210): "Asia/Tehran", ("fa", 270): "Asia/Kabul", ("ar", 120): "Africa/Cairo", ("ar", 180): "Asia/Riyadh",
    ("ar", 240): "Asia/Dubai", ("ar", 60): "Africa/Casablanca", ("ar", 0): "Europe/London",
}
LANGUAGE_ZONES = {"fa": "Asia/Tehran", "ar": "Asia/Riyadh"}
ZONE_COUNTRIES = {zone: country for zone, country in TLD_ZONES.values()} | {"Europe/London": "GB"}
#: letters only one of the two languages uses: Persian پ چ ژ گ ی ک, Arabic ي ك ة (and ى)
PERSIAN_ONLY = set("پچژگیک")
ARABIC_ONLY = set("يكةى")


class DraftError(ValueError):
    """The draft cannot be made (no page, no article links, a language that is neither Persian nor Arabic)."""


@dataclass
class Evidence:
    """What the draft is made from: the home page, robots.txt, and the feeds and sitemaps fetched (live)."""

    home_url: str
    home: bytes
    robots: bytes | None = None
    #: URL -> body of each feed or sitemap fetched (live drafting; empty offline)
    fetched: dict[str, bytes] = field(default_factory=dict)
    #: URL -> why it could not be used (live: HTTP error, disallowed by robots.txt, not a feed)
    failed: dict[str, str] = field(default_factory=dict)
    live: bool = False


@dataclass
class Draft:
    outlet: Outlet
    toml: str
    #: links of the home page on the site, and how many the inferred pattern matches
    home_links: int
    home_matched: int
    #: feed and sitemap entries read (live), and how many the pattern matches
    listed: int
    listed_matched: int


# ---- the article URL pattern --------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z_]{0,15}")
_ID_SLUG = re.compile(r"(\d{4,})-.+")


def _tokens(path: str) -> list[tuple[str, str]]:
    """The path's segments as (kind, value): L literal word, Y M D a date's parts, N a number, I id-slug, S slug."""
    out: list[tuple[str, str]] = []
    for seg in [s for s in path.split("/") if s]:
        if seg.isdigit():
            n = int(seg)
            prev = out[-1][0] if out else ""
            if len(seg) == 4 and 1300 <= n <= 2100 and prev not in ("Y", "M"):
                out.append(("Y", seg))
            elif prev == "Y" and 1 <= n <= 12 and len(seg) <= 2:
                out.append(("M", seg))
            elif prev == "M" and 1 <= n <= 31 and len(seg) <= 2:
                out.append(("D", seg))
            else:
                out.append(("N", seg))
        elif _ID_SLUG.fullmatch(seg):
            out.append(("I", seg))
        elif _WORD.fullmatch(seg):
            out.append(("L", seg))
        else:
            out.append(("S", seg))
    return out


def _is_article_shape(tokens: list[tuple[str, str]]) -> bool:
    kinds = [k for k, _ in tokens]
    has_id = any(k == "I" or (k == "N" and len(v) >= 4) for k, v in tokens)
    has_date = "D" in kinds and ("S" in kinds or "L" in kinds[kinds.index("D"):] or "N" in kinds)
    return has_id or has_date


def _shape(tokens: list[tuple[str, str]]) -> tuple[str, ...]:
    """The shape links are grouped by: literal words before the first id or date kept as kinds only (a section
    name varies), everything up to the id (or the date's slug) and nothing after it (an optional slug)."""
    shape = []
    for kind, _ in tokens:
        shape.append(kind)
        if kind in ("N", "I") or (kind == "S" and "D" in shape):
            break
    return tuple(shape)


@dataclass(frozen=True)
class Inferred:
    pattern: str
    shape: str
    matched: list[str]


def infer_pattern(urls: list[str], host: str) -> Inferred:
    """The article URL pattern the links of ``host`` share: the largest group of article-like shapes."""
    groups: dict[tuple[str, ...], list[tuple[str, list[tuple[str, str]]]]] = {}
    for url in dict.fromkeys(urls):
        parts = urlsplit(url)
        if (parts.hostname or "") != host:
            continue
        tokens = _tokens(parts.path)
        if _is_article_shape(tokens):
            groups.setdefault(_shape(tokens), []).append((url, tokens))
    if not groups:
        raise DraftError(f"no link on {host} looks like an article (a numeric id or a date in its path): "
                         "draft from a page that links stories")
    shape, members = max(groups.items(), key=lambda kv: (len(kv[1]), len(kv[0])))
    pieces = []
    for i, kind in enumerate(shape):
        values = [tokens[i][1] for _, tokens in members]
        if kind == "L":
            common = set(values)
            pieces.append(re.escape(values[0]) if len(common) == 1 else r"[^/?#]+")
        elif kind == "Y":
            pieces.append(r"\d{4}")
        elif kind in ("M", "D"):
            pieces.append(r"\d{2}" if all(len(v) == 2 for v in values) else r"\d{1,2}")
        elif kind == "N":
            shortest = min(len(v) for v in values)
            pieces.append(rf"\d{{{max(1, shortest - 1)},}}")  # one digit of room: ids grow
        elif kind == "I":
            shortest = min(len(_ID_SLUG.fullmatch(v)[1]) for v in values)
            pieces.append(rf"\d{{{max(1, shortest - 1)},}}-[^/?#]+")
        else:
            pieces.append(r"[^/?#]+")
    # an id ends the pattern (the slug after it is optional); a date's slug is part of it
    tail = r"(?:[/?#]|$)" if shape[-1] in ("N", "I") else ""
    pattern = r"^https?://[^/?#]+/" + "/".join(pieces) + tail
    compiled = re.compile(pattern)
    matched = [u for u in dict.fromkeys(urls) if compiled.search(u) and urlsplit(u).hostname == host]
    return Inferred(pattern, "/".join(_SHAPE_NAMES[k] for k in shape), matched)


_SHAPE_NAMES = {"L": "<word>", "Y": "<year>", "M": "<month>", "D": "<day>", "N": "<id>", "I": "<id>-<slug>",
                "S": "<slug>"}


# ---- the other guesses --------------------------------------------------------------------------

def _encoding(body: bytes) -> str | None:
    """UTF-8 for a page that declares no charset and decodes as UTF-8 (lxml would read it as Latin-1), else None:
    the page's own declaration."""
    if re.search(rb"charset", body[:4096], re.IGNORECASE):
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "utf-8"


def _doc(body: bytes) -> lxml_html.HtmlElement | None:
    parser = lxml_html.HTMLParser(encoding="utf-8") if _encoding(body) else None
    try:
        return lxml_html.fromstring(body, parser=parser)
    except (ValueError, Exception):  # lxml raises ParserError (an Exception) on an empty document
        return None


def guess_language(doc: lxml_html.HtmlElement | None, text: str) -> tuple[str | None, str]:
    """'fa' or 'ar' and how it was told, or None."""
    lang = (doc.get("lang") or "").strip().lower()[:2] if doc is not None else ""
    if lang in ("fa", "ar"):
        return lang, f"<html lang={lang!r}>"
    fa, ar = sum(text.count(c) for c in PERSIAN_ONLY), sum(text.count(c) for c in ARABIC_ONLY)
    if fa or ar:
        guess = "fa" if fa >= ar else "ar"
        which = "Persian" if guess == "fa" else "Arabic"
        return guess, f"letters only {which} uses ({max(fa, ar)} against {min(fa, ar)})"
    return None, ""


def _offsets(entries_bodies: list[bytes]) -> Counter:
    """UTC offsets (minutes) of the dates in feed bodies (RFC 822 +0330 or ISO +03:30)."""
    found: Counter = Counter()
    for body in entries_bodies:
        text = body.decode("utf-8", "replace")
        for sign, hh, mm in re.findall(r"(?<=\d\d:\d\d:\d\d) ?([+-])(\d\d):?(\d\d)\b", text):
            found[(1 if sign == "+" else -1) * (int(hh) * 60 + int(mm))] += 1
    return found


def guess_timezone(host: str, language: str, feeds: list[bytes]) -> tuple[str, str]:
    offsets = _offsets(feeds)
    if offsets:
        offset, _ = offsets.most_common(1)[0]
        zone = OFFSET_ZONES.get((language, offset))
        if zone:
            return zone, f"the feed's dates carry UTC{offset // 60:+03d}:{abs(offset) % 60:02d}"
    tld = host.rsplit(".", 1)[-1]
    if tld in TLD_ZONES:
        return TLD_ZONES[tld][0], f"the country domain .{tld}"
    return LANGUAGE_ZONES[language], f"the language ({language}) alone"


def guess_names(doc: lxml_html.HtmlElement | None, host: str) -> tuple[str, str | None]:
    """(name, native name): og:site_name or the title's first part; a non-Latin one is the native name."""
    found = ""
    if doc is not None:
        site = doc.xpath("//meta[@property='og:site_name']/@content")
        title = doc.xpath("//title/text()")
        found = (site[0] if site else title[0] if title else "").strip()
        found = re.split(r"\s+[|\-–—:]\s+", found)[0].strip()
    if found and not re.search(r"[^\x00-\x7f]", found):
        return found, None
    return _host_label(host).replace("-", " ").title(), found or None


def _host_label(host: str) -> str:
    try:
        ipaddress.ip_address(host)
        return "site-" + host.replace(".", "-").replace(":", "-")
    except ValueError:
        pass
    labels = host.removeprefix("www.").split(".")
    return labels[0] if len(labels) <= 2 else labels[-3] if labels[-2] in ("co", "com", "org", "net", "gov") else \
        labels[-2]


def guess_slug(host: str) -> str:
    slug = re.sub(r"[^a-z0-9_-]", "-", _host_label(host).lower()).strip("-")[:41]
    return slug if SLUG_RE.match(slug) else f"outlet-{slug}"[:41]


def _private(host: str) -> bool:
    from akhbar.crawler.middlewares import private_address_reason

    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        return private_address_reason(host) is not None


#: a date inside an archive link: Gregorian 2025/01/07, 2025-01-07 or Solar 1403/10/18
_ARCHIVE_DATE = re.compile(r"((?:13|14|19|20)\d\d)([/-]|%2F)(\d{1,2})\2(\d{1,2})")
#: a year and month in a sitemap child's URL (a per-day or per-month sitemap)
_DATED = re.compile(r"(?:19|20)\d\d[-/_]?(?:0[1-9]|1[0-2])")
_PAGE_PARAM = re.compile(r"([?&](?:page|p|pi)=)(\d+)")


def archive_template(url: str) -> str | None:
    """A dated archive link as a template: its date as placeholders (Solar or Gregorian), its page number {page}."""
    found = _ARCHIVE_DATE.search(url)
    if not found or "archive" not in url.lower():
        return None
    year, sep, month, day = found[1], found[2], found[3], found[4]
    padded = len(month) == 2 and len(day) == 2
    if int(year) < 1900:
        date_t = sep.join(["{jy}", "{jm:02d}" if padded else "{jm}", "{jd:02d}" if padded else "{jd}"])
    else:
        date_t = sep.join(["{d:%Y}", "{d:%m}" if padded else "{d.month}", "{d:%d}" if padded else "{d.day}"])
    out = url[:found.start()] + date_t + url[found.end():]
    return _PAGE_PARAM.sub(lambda m: m[1] + "{page}", out)


# ---- the draft ----------------------------------------------------------------------------------

def draft_outlet(ev: Evidence, *, slug: str | None = None, language: str | None = None,
                 timezone: str | None = None) -> Draft:
    """The outlet file drafted from ``ev``; DraftError when there is nothing to draft from."""
    from akhbar.crawler.middlewares import GenericTokenRobotParser

    base = ev.home_url
    host = urlsplit(base).hostname or ""
    netloc_host = host
    doc = _doc(ev.home)
    if doc is None:
        raise DraftError(f"{base}: the home page is empty or not HTML")
    text = doc.text_content()
    notes: list[str] = [f"Drafted by `akhbar outlets draft` from {base} "
                        + ("(fetched live)" if ev.live else "(a saved page, offline)") + "; every line below "
                        "marked GUESS is one: check it, then run `akhbar outlets check <slug>`."]
    robots = GenericTokenRobotParser(ev.robots, None) if ev.robots else None
    home_links = [u for u in discovery.page_links(ev.home, base, _encoding(ev.home))
                  if (urlsplit(u).hostname or "") == host]
    allowed = [u for u in home_links if robots is None or robots.allowed(u, "akhbar")]

    # feeds
    announced = discovery.alternate_feeds(ev.home, base)
    feeds, listed = [], []
    for url in dict.fromkeys([*announced, *(urljoin(base, p) for p in COMMON_FEED_PATHS)]):
        if (urlsplit(url).hostname or "") != host:
            continue
        if url in ev.fetched:
            try:
                entries = discovery.parse_feed(ev.fetched[url], url)
            except ValueError:
                continue
            feeds.append(url)
            listed += [e.url for e in entries]
        elif not ev.live and url in announced:
            feeds.append(url)
    if feeds:
        how = "read live" if ev.live else "announced by the home page, not fetched"
        notes.append(f"Feeds: {', '.join(feeds)} ({how}).")
    else:
        notes.append("Feeds: none found" + (" (no <link rel=alternate>, common paths failed)" if ev.live else
                                            " on the saved page") + "; auto discovery looks again each night.")

    # sitemaps
    robots_maps = [u for u in discovery.robots_sitemaps(ev.robots, base) if urlsplit(u).hostname == host] \
        if ev.robots else []
    sitemaps: list[str] = []
    per_day = []
    for url in dict.fromkeys([*robots_maps[:MAX_SITEMAPS], *(urljoin(base, p) for p in
                                                             discovery.COMMON_SITEMAP_PATHS)]):
        from_robots = url in robots_maps
        if url not in ev.fetched:
            if from_robots and not ev.live:
                sitemaps.append(url)
            continue
        try:
            listing = discovery.parse_sitemap(ev.fetched[url])
        except ValueError:
            continue
        sitemaps.append(url)
        if listing.is_index:
            children = [e.url for e in listing.entries]
            news = [c for c in children if "news" in urlsplit(c).path.lower() and urlsplit(c).hostname == host]
            sitemaps += news[:1]
            per_day = [c for c in children if _DATED.search(c)]
            for child in [*news[:1], *per_day[:1]]:
                if child in ev.fetched:
                    try:
                        listed += [e.url for e in discovery.parse_sitemap(ev.fetched[child]).entries]
                    except ValueError:
                        pass
        else:
            listed += [e.url for e in listing.entries]
    sitemaps = list(dict.fromkeys(sitemaps))
    if sitemaps:
        notes.append(f"Sitemaps: {', '.join(sitemaps)} (" + ("robots.txt Sitemap: lines" if robots_maps else
                                                             "common paths") + ("" if ev.live else ", not fetched")
                     + ")." + (f" The index has {len(per_day)} dated children (e.g. {per_day[0]}): the crawler "
                               "picks the day's from the index." if per_day else ""))
    else:
        notes.append("Sitemaps: none found" + ("" if ev.robots else " (no robots.txt given)")
                     + "; auto discovery reads robots.txt each night.")

    # date archives linked from the home page
    archives = list(dict.fromkeys(t for u in allowed if (t := archive_template(u))))[:2]
    if archives:
        notes.append(f"GUESS archives: {', '.join(archives)}, made from dated archive links of the home page.")
    elif any("archive" in u.lower() for u in allowed):
        notes.append("An archive page is linked, but with no date in its URL: not configured.")

    # the article pattern
    inferred = infer_pattern([*allowed, *listed], host)
    home_matched = sum(1 for u in home_links if re.search(inferred.pattern, u))
    listed_matched = sum(1 for u in dict.fromkeys(listed) if re.search(inferred.pattern, u))
    share = (f"matches {home_matched} of the home page's {len(home_links)} links on the site"
             + (f" and {listed_matched} of {len(set(listed))} feed and sitemap entries" if listed else ""))
    notes.append(f"GUESS article_url_pattern: the shape {inferred.shape} ({share}); an id ends it, a slug after "
                 "it optional.")

    # language, zone, country, names
    lang_how = "given"
    if language is None:
        language, lang_how = guess_language(doc, text)
        if language is None:
            raise DraftError(f"{base}: cannot tell whether the site is Persian or Arabic: pass --language fa or ar")
        lang_how = f"GUESS from {lang_how}"
    zone_how = "given"
    if timezone is None:
        timezone, how = guess_timezone(host, language, [ev.fetched[u] for u in feeds if u in ev.fetched])
        zone_how = f"GUESS from {how}"
    tld = host.rsplit(".", 1)[-1]
    country = TLD_ZONES[tld][1] if tld in TLD_ZONES else ZONE_COUNTRIES.get(timezone, "XX")
    name, native = guess_names(doc, host)
    notes.append(f"language {language} ({lang_how}); timezone {timezone} ({zone_how}); GUESS country {country} "
                 f"(domain or zone); GUESS name {name!r}" + (f", native name {native!r}" if native else "")
                 + " (og:site_name or <title>).")
    slug = slug or guess_slug(host)
    domain = netloc_host.removeprefix("www.")
    delay = max(1.0, (robots.crawl_delay("akhbar") or 0.0) if robots else 0.0)
    private = _private(host)
    if private:
        notes.append(f"{host} is a private or loopback address: allow_private_hosts = true (a local mirror or "
                     "test site).")
    notes.append("Assumed: nothing here was checked beyond the pages named above.")

    lines = [
        f"slug = {_q(slug)}", f"name = {_q(name)}", *([f"name_native = {_q(native)}"] if native else []),
        f"language = {_q(language)}", f"country = {_q(country)}", f"timezone = {_q(timezone)}",
        f"base_url = {_q(base)}", f"allowed_domains = [{_q(domain)}]",
        f"article_url_pattern = {_q(inferred.pattern)}",
        'notes = """\n' + "\n".join(textwrap.fill(n, 110, break_long_words=False, break_on_hyphens=False)
                                      for n in notes).replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '\n"""',
        "", "[discovery]", "auto = true", f"feeds = [{', '.join(map(_q, feeds))}]",
        f"sitemaps = [{', '.join(map(_q, sitemaps))}]", f"archives = [{', '.join(map(_q, archives))}]", "",
        "[crawl]", f"download_delay = {delay:g}", "concurrency = 2",
        *(["allow_private_hosts = true"] if private else []), "",
    ]
    toml = "\n".join(lines)
    import tomllib

    outlet = Outlet.model_validate(tomllib.loads(toml))  # a draft the registry refuses is a bug here
    return Draft(outlet, toml, len(home_links), home_matched, len(set(listed)), listed_matched)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


# ---- live: fetching through the crawl's downloader ----------------------------------------------

def gather_live(url: str, *, timeout: float = 20.0, user_agent: str, deadline: float | None = None,
                delay: float = 1.0) -> Evidence:
    """Fetch the evidence of ``url`` in a child process (Scrapy's reactor runs once per process)."""
    from akhbar.crawler.probe import PROBE_DEADLINE
    from akhbar.warehouse.children import python_module

    deadline = deadline or PROBE_DEADLINE
    job = {"url": url, "timeout": timeout, "user_agent": user_agent, "deadline": deadline, "delay": delay}
    with tempfile.TemporaryDirectory(prefix="akhbar-draft-") as tmp:
        out = Path(tmp) / "evidence.json"
        try:
            proc = subprocess.run(python_module("akhbar.outletdraft", "--out", str(out)), input=json.dumps(job),
                                  capture_output=True, text=True,
                                  timeout=STARTUP_SLACK + MAX_FETCHES * (deadline + delay))
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"drafting {url} overran {exc.timeout:.0f} s") from None
        if proc.returncode != 0 or not out.exists():
            tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
            raise RuntimeError(f"drafting {url} failed (exit {proc.returncode}): {tail}")
        raw = json.loads(out.read_text(encoding="utf-8"))
    enc = lambda v: v.encode("latin-1") if v is not None else None  # noqa: E731 (bytes carried as latin-1 text)
    return Evidence(raw["home_url"], enc(raw["home"]), enc(raw["robots"]),
                    {k: enc(v) for k, v in raw["fetched"].items()}, raw["failed"], live=True)


async def _collect(fetcher, url: str) -> Evidence:
    """The child's work: robots.txt, the home page, feeds and sitemaps, within MAX_FETCHES and robots.txt."""
    from akhbar.crawler.middlewares import GenericTokenRobotParser
    from akhbar.crawler.probe import FetchError

    budget = [MAX_FETCHES]
    failed: dict[str, str] = {}
    robots = None

    async def get(u: str):
        if budget[0] <= 0:
            failed[u] = "not fetched: the draft's request budget is spent"
            return None
        if robots is not None and not robots.allowed(u, fetcher.user_agent):
            failed[u] = "disallowed by robots.txt"
            return None
        budget[0] -= 1
        try:
            got = await fetcher.get(u)
        except FetchError as exc:
            failed[u] = exc.reason
            return None
        return got

    robots_got = await get(urljoin(url, "/robots.txt"))
    robots_body = robots_got.body if robots_got else None
    if robots_body is not None:
        robots = GenericTokenRobotParser(robots_body, None)
    home = await get(url)
    if home is None:
        raise RuntimeError(f"{url}: {failed.get(url, 'not fetched')}")
    ev = Evidence(home.final_url, home.body, robots_body, {}, failed, live=True)
    host = urlsplit(ev.home_url).hostname
    on_site = lambda u: urlsplit(u).hostname == host  # noqa: E731

    feeds = [u for u in discovery.alternate_feeds(home.body, home.final_url) if on_site(u)][:3]
    for u in feeds or [urljoin(ev.home_url, p) for p in COMMON_FEED_PATHS]:
        got = await get(u)
        if got is not None:
            ev.fetched[u] = got.body
            try:
                discovery.parse_feed(got.body, u)
            except ValueError:
                continue
            if not feeds:
                break  # one common path that works is enough
    maps = [u for u in discovery.robots_sitemaps(robots_body, ev.home_url) if on_site(u)][:MAX_SITEMAPS] \
        if robots_body else []
    for u in maps or [urljoin(ev.home_url, p) for p in discovery.COMMON_SITEMAP_PATHS]:
        got = await get(u)
        if got is None:
            continue
        ev.fetched[u] = got.body
        try:
            listing = discovery.parse_sitemap(got.body)
        except ValueError:
            continue
        if listing.is_index:  # a news child and a dated child show what the index lists
            children = [e.url for e in listing.entries if on_site(e.url)]
            news = [c for c in children if "news" in urlsplit(c).path.lower()][:1]
            dated = [c for c in children if _DATED.search(c)][:1]
            for child in dict.fromkeys([*news, *dated]):
                if (got := await get(child)) is not None:
                    ev.fetched[child] = got.body
        if not maps:
            break
    return ev


def _child_main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Fetch what `akhbar outlets draft` reads (used by gather_live).")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    job = json.loads(sys.stdin.read())
    from akhbar.crawler.probe import run_probe

    url = job["url"]
    host = urlsplit(url).hostname or ""
    # a provisional outlet: the crawl's guards (allowed domains, private hosts) apply to the draft's fetches
    provisional = Outlet.model_validate({
        "slug": "draft", "name": "draft", "language": "fa", "country": "XX", "timezone": "UTC", "base_url": url,
        "allowed_domains": [host], "article_url_pattern": ".", "crawl": {
            "download_delay": job["delay"], "allow_private_hosts": _private(host)}})

    async def work(fetcher) -> Evidence:
        return await _collect(fetcher, url)

    ev = run_probe(provisional, work, timeout=job["timeout"], user_agent=job["user_agent"], deadline=job["deadline"])
    dec = lambda v: v.decode("latin-1") if v is not None else None  # noqa: E731
    raw = {**asdict(ev), "home": dec(ev.home), "robots": dec(ev.robots),
           "fetched": {k: dec(v) for k, v in ev.fetched.items()}}
    args.out.write_text(json.dumps(raw), encoding="utf-8")


def check_url(url: str) -> str:
    """``url`` when it is an absolute http(s) URL with a host, else a DraftError."""
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        raise DraftError(f"{url!r} is not an absolute http(s) URL of a home page, e.g. https://www.example.ir/")
    return url


def read_saved(url: str, html_file: Path, robots_file: Path | None, cap: int) -> Evidence:
    """Offline evidence: a saved home page (and robots.txt), read up to ``cap`` bytes each."""
    def read(path: Path) -> bytes:
        if not path.is_file():
            raise DraftError(f"{path}: no such file")
        with path.open("rb") as f:
            data = f.read(cap + 1)
        if len(data) > cap:
            raise DraftError(f"{path}: larger than {cap} bytes")
        return data

    return Evidence(url, read(html_file), read(robots_file) if robots_file else None)


if __name__ == "__main__":
    _child_main()
