"""Outlet registry: one small TOML file per outlet, validated on load.

The files live in ``outlets/`` (shipped, real outlets) or in any folder named by
``--outlets-dir`` / ``AKHBAR_OUTLETS_DIR`` (the local test web writes its own there), passed in by the app.
A bad file fails with an error naming the file and the field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

PACKAGED_OUTLETS_DIR = Path(__file__).parent
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,40}$")
#: a host name or IP literal as allowed_domains holds it: no scheme, port, path, user or blanks
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
DOMAIN_RE = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")


class OutletConfigError(ValueError):
    """An outlet file is missing, unreadable or invalid; the message names file and field."""


class Discovery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: read robots.txt `Sitemap:` lines and try common sitemap paths and <link rel=alternate> feeds
    auto: bool = True
    feeds: list[str] = Field(default_factory=list)
    #: sitemaps, sitemap indexes and news sitemaps alike (the parser tells them apart); a URL with date
    #: placeholders (as in ``archives``, e.g. ``/sitemap.xml?yyyy={d:%Y}&mm={d.month}&dd={d.day}``) is a
    #: per-day sitemap, fetched for each local day the crawl covers
    sitemaps: list[str] = Field(default_factory=list)
    #: date-archive URL templates; placeholders: {d:%Y/%m/%d} (Gregorian strftime), {jy} {jm} {jd}
    #: (Solar Hijri), {page} (1-based page number; pages are followed until one adds no new article)
    archives: list[str] = Field(default_factory=list)
    archive_max_pages: int = Field(default=30, ge=1, le=500)

    @field_validator("feeds", "sitemaps", "archives")
    @classmethod
    def _web_urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            _check_web_url(url.replace("{", "").replace("}", ""), url)
        return urls


class CrawlPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    download_delay: float = Field(default=1.0, ge=0)
    concurrency: int = Field(default=2, ge=1, le=16)
    #: fetch hosts that resolve to private/loopback addresses (only the local test web needs this)
    allow_private_hosts: bool = False
    # Bounds of one outlet-day crawl, so a hostile or broken site cannot make it endless; reaching one
    # logs a `capped` line with the counts and the crawl carries on with what is within it.
    #: requests of any kind (robots.txt, listings, articles)
    max_requests: int = Field(default=5000, ge=1)
    #: sitemaps fetched (configured, robots.txt Sitemap: lines and sitemap-index children together)
    max_sitemaps: int = Field(default=200, ge=1)
    #: article links of the day taken from one feed
    max_feed_links: int = Field(default=2000, ge=1)
    #: article URLs queued for fetching, from all sources
    max_queued: int = Field(default=5000, ge=1)
    #: hosts outside allowed_domains (with their subdomains) an article's lead image and stylesheets may come
    #: from, e.g. the outlet's image CDN; nothing else is ever fetched from them (crawler.requisites)
    requisite_domains: list[str] = Field(default_factory=list)


class RevisitPolicy(BaseModel):
    """When archived articles are fetched again to see edits and deletions (docs/revisits.md)."""

    model_config = ConfigDict(extra="forbid")

    #: days after the article's home day on which it is revisited (a decaying schedule)
    after_days: list[int] = Field(default_factory=lambda: [1, 3, 7, 30])
    #: articles revisited per outlet and night at most (the oldest-due first are kept)
    max_per_night: int = Field(default=500, ge=0)

    @field_validator("after_days")
    @classmethod
    def _days(cls, v: list[int]) -> list[int]:
        if any(d < 1 for d in v):
            raise ValueError("revisit days are whole days after the article's day: 1 or more")
        return sorted(set(v))


class ExtractOverrides(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: CSS selectors removed from the page before extraction (outlet-specific boilerplate)
    drop_selectors: list[str] = Field(default_factory=list)
    #: CSS selector of the article body container, when the generic extractor misses it
    body_selector: str | None = None


class Outlet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str
    name: str
    name_native: str | None = None
    language: Literal["fa", "ar"]
    country: str = Field(min_length=2, max_length=2)
    timezone: str
    base_url: str
    allowed_domains: list[str] = Field(min_length=1)
    #: regular expression (searched in the full URL) that article URLs match
    article_url_pattern: str
    #: republishes other outlets' stories; loses canonical status to the original in dedup
    aggregator: bool = False
    discovery: Discovery = Field(default_factory=Discovery)
    crawl: CrawlPolicy = Field(default_factory=CrawlPolicy)
    extract: ExtractOverrides = Field(default_factory=ExtractOverrides)
    revisit: RevisitPolicy = Field(default_factory=RevisitPolicy)
    notes: str | None = None
    #: false: the outlet's published terms or robots.txt refuse crawling; it is crawled only when the user enables
    #: it knowingly (AKHBAR_ENABLE_OUTLETS, or ``enabled = true`` in the file) and skipped by every run otherwise
    enabled: bool = True
    #: why it is disabled, quoting the terms or robots.txt (required when ``enabled = false``)
    disabled_reason: str | None = None

    @field_validator("slug")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not SLUG_RE.match(v):
            raise ValueError("must be lowercase letters, digits, '-' or '_' (2-41 chars)")
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA timezone {v!r}") from exc
        return v

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, v: str) -> str:
        return _check_web_url(v, v)

    @field_validator("allowed_domains")
    @classmethod
    def _domains(cls, domains: list[str]) -> list[str]:
        for i, d in enumerate(domains):
            if not DOMAIN_RE.match(d):
                raise ValueError(f"entry {i} {d!r} is not a bare host name (no scheme, port, path or blanks; "
                                 "lowercase, e.g. 'example.ir')")
        return domains

    @field_validator("article_url_pattern")
    @classmethod
    def _pattern(cls, v: str) -> str:
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from exc
        return v

    @model_validator(mode="after")
    def _disabled_says_why(self) -> Outlet:
        if not self.enabled and not (self.disabled_reason or "").strip():
            raise ValueError("enabled = false needs disabled_reason (quote the terms or robots.txt refusing crawls)")
        return self

    @model_validator(mode="after")
    def _urls_inside_domains(self) -> Outlet:
        for url in [self.base_url, *self.discovery.feeds, *self.discovery.sitemaps, *self.discovery.archives]:
            host = urlsplit(url.replace("{", "").replace("}", "")).hostname or ""
            if not self.in_domains(host):
                raise ValueError(f"URL {url!r} is outside allowed_domains {self.allowed_domains}")
        return self

    @model_validator(mode="after")
    def _templates_fill(self) -> Outlet:
        sample = date(2025, 1, 7)
        for name, templates in (("sitemaps", self.discovery.sitemaps), ("archives", self.discovery.archives)):
            for t in templates:
                try:
                    t.format(d=sample, jy=1403, jm=10, jd=18, page=1)
                except (KeyError, IndexError, ValueError, AttributeError) as exc:
                    raise ValueError(f"discovery.{name}: bad placeholder in {t!r} ({exc!r}); "
                                     "use {d:%Y-%m-%d}, {d.month}, {jy} {jm} {jd}, {page}") from None
        return self

    def in_domains(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def in_requisite_domains(self, host: str) -> bool:
        """Whether an article's requisite (lead image, stylesheet) may be fetched from ``host``: the outlet's own
        domains, or a CDN its ``[crawl] requisite_domains`` names."""
        host = host.lower().rstrip(".")
        return self.in_domains(host) or any(host == d.lower().rstrip(".") or host.endswith("." + d.lower().rstrip("."))
                                            for d in self.crawl.requisite_domains)

    @property
    def article_re(self) -> re.Pattern[str]:
        return re.compile(self.article_url_pattern)

    def is_article_url(self, url: str) -> bool:
        return bool(self.article_re.search(url)) and self.in_domains(urlsplit(url).hostname or "")

    def sitemap_urls(self, days: list[date]) -> list[str]:
        """The configured sitemaps, per-day templates filled for each of ``days``."""
        import jdatetime

        out: list[str] = []
        for t in self.discovery.sitemaps:
            if "{" not in t:
                out.append(t)
                continue
            for day in days:
                j = jdatetime.date.fromgregorian(date=day)
                out.append(t.format(d=day, jy=j.year, jm=j.month, jd=j.day))
        return list(dict.fromkeys(out))

    def archive_urls(self, day: date, page: int) -> list[str]:
        """The day's archive pages (page is 1-based) built from the templates."""
        import jdatetime

        j = jdatetime.date.fromgregorian(date=day)
        return [
            t.format(d=day, jy=j.year, jm=j.month, jd=j.day, page=page) for t in self.discovery.archives
        ]


def _check_web_url(url: str, shown: str) -> str:
    """``url`` when it is an absolute http(s) URL with a host; the error shows ``shown`` (the template)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise ValueError(f"not a valid URL: {shown!r} ({exc})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(f"not an absolute http(s) URL: {shown!r}")
    return url


def outlets_dir(folder: Path | None = None) -> Path:
    """The outlet folder: ``folder`` when given, else the packaged outlets (the app's settings choose)."""
    return Path(folder) if folder else PACKAGED_OUTLETS_DIR


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "(file)"
        parts.append(f"field '{field}': {err['msg']}")
    return "; ".join(parts)


def load_outlet_file(path: Path) -> Outlet:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise OutletConfigError(f"{path}: no such outlet file") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise OutletConfigError(f"{path}: not valid TOML: {exc}") from exc
    try:
        outlet = Outlet.model_validate(raw)
    except ValidationError as exc:
        raise OutletConfigError(f"{path}: {_describe(exc)}") from exc
    if outlet.slug != path.stem:
        raise OutletConfigError(f"{path}: field 'slug': {outlet.slug!r} must equal the file name {path.stem!r}")
    return outlet


def load_outlets(directory: Path | None = None) -> dict[str, Outlet]:
    directory = directory or outlets_dir()
    if not directory.is_dir():
        raise OutletConfigError(f"{directory}: outlets folder does not exist")
    return {p.stem: load_outlet_file(p) for p in sorted(directory.glob("*.toml"))}


def select_outlets(slugs: list[str] | None, directory: Path | None = None, *,
                   enable: Collection[str] = ()) -> list[Outlet]:
    """The outlets named by slug (all when none are named); unknown slugs are an error.

    ``enable``: slugs of disabled outlets the user enabled knowingly (the app's AKHBAR_ENABLE_OUTLETS). With no
    slugs, a disabled outlet not in it is left out; named, it is an error saying why and how to enable it."""
    registry = load_outlets(directory)
    if not slugs:
        return [o for o in registry.values() if o.enabled or o.slug in enable]
    unknown = [s for s in slugs if s not in registry]
    if unknown:
        raise OutletConfigError(
            f"unknown outlet(s): {', '.join(unknown)} (known: {', '.join(sorted(registry)) or 'none'})"
        )
    refused = [registry[s] for s in slugs if not registry[s].enabled and s not in enable]
    if refused:
        raise OutletConfigError(disabled_message(refused, directory))
    return [registry[s] for s in slugs]


#: the setting that enables disabled outlets (read by akhbar.settings; named here for the messages)
ENABLE_VARIABLE = "AKHBAR_ENABLE_OUTLETS"


def disabled_message(outlets: list[Outlet], directory: Path | None = None) -> str:
    """One line: which outlets are disabled, why (the first reason, shortened) and how to enable them knowingly."""
    slugs = ",".join(o.slug for o in outlets)
    reason = " ".join((outlets[0].disabled_reason or "").split())
    if len(reason) > 300:
        reason = reason[:299] + "…"
    where = outlets_dir(directory) / f"{outlets[0].slug}.toml"
    return (f"outlet {slugs} {'is' if len(outlets) == 1 else 'are'} disabled: {reason} To crawl "
            f"{'it' if len(outlets) == 1 else 'them'} knowingly, set {ENABLE_VARIABLE}={slugs} "
            f"(or enabled = true in {where})")
