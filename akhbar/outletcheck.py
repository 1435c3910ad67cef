"""``akhbar outlets check``: probe one outlet live and say which discovery routes work.

One request per source, sequential and spaced by the outlet's download_delay: robots.txt, each
feed, each sitemap (and one child of an index), the archive page of yesterday (outlet's local day),
and one sample article run through the real extractor. The requests go through the crawl's own Scrapy
downloader, settings and middlewares (crawler.probe, in a child process like a crawl), and parsing uses
the crawler's own functions (crawler.discovery, transforms.extract), so a green check means the crawler
can use the source. Every failure (DNS, refused connection, timeout, HTTP error, bad XML, offsite
redirect) becomes a failed probe with a reason; nothing here raises for network trouble.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from rich.console import Group
from rich.table import Table
from rich.text import Text

from akhbar.crawler import discovery
from akhbar.crawler.probe import PROBE_DEADLINE, Fetched, FetchError, ScrapyFetcher, run_probe
from akhbar.outlets.registry import Outlet
from akhbar.warehouse.children import python_module

#: robots.txt Sitemap: lines probed besides the configured sitemaps (some sites list dozens)
MAX_ROBOTS_SITEMAPS = 3
DISCOVERY_KINDS = ("feed", "sitemap", "archive")
#: seconds the probe process may need beyond its probes' own deadlines (Python and Scrapy start-up)
STARTUP_SLACK = 60.0
#: probes one check makes at most: robots, home, feeds, sitemaps (+ child, grandchild), archives, article
_FIXED_PROBES = 6

__all__ = ["CheckReport", "FetchError", "Fetched", "Probe", "check_outlet", "render"]


@dataclass(frozen=True)
class Probe:
    name: str
    url: str
    ok: bool
    detail: str
    status: int | None = None
    #: article URLs (matching article_url_pattern, inside allowed_domains) this source listed
    article_urls: tuple[str, ...] = field(default=(), repr=False)

    @property
    def kind(self) -> str:
        return self.name.split(" ", 1)[0]


@dataclass
class CheckReport:
    outlet: Outlet
    probes: list[Probe]

    def by_kind(self, kind: str) -> list[Probe]:
        return [p for p in self.probes if p.kind == kind]

    @property
    def ok(self) -> bool:
        """robots.txt fetched, some discovery source yields article URLs, a sample article extracted."""
        robots = self.by_kind("robots.txt")
        sources = [p for k in DISCOVERY_KINDS for p in self.by_kind(k)]
        articles = self.by_kind("article")
        return (bool(robots) and robots[0].ok and any(p.ok and p.article_urls for p in sources)
                and bool(articles) and articles[0].ok)


def default_user_agent() -> str:
    try:
        from akhbar.crawler.settings import USER_AGENT
    except ImportError:  # pragma: no cover - the crawler package ships with akhbar
        return "akhbar/0.1"
    return USER_AGENT


# ---- the probes ------------------------------------------------------------------------------

def _yesterday(outlet: Outlet) -> date:
    return datetime.now(ZoneInfo(outlet.timezone)).date() - timedelta(days=1)


def _short(urls: list[str], n: int = 3) -> str:
    more = f" (+{len(urls) - n} more)" if len(urls) > n else ""
    return ", ".join(urls[:n]) + more


class _Checker:
    def __init__(self, outlet: Outlet, fetcher: ScrapyFetcher, day: date) -> None:
        self.outlet, self.fetch, self.day = outlet, fetcher, day
        self.probes: list[Probe] = []
        self.robots = None  # the crawl's robots.txt parser (GenericTokenRobotParser) when robots.txt was read
        self.robots_sitemaps: list[str] = []

    def add(self, probe: Probe) -> Probe:
        self.probes.append(probe)
        return probe

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.allowed(url, self.fetch.user_agent)

    async def get(self, name: str, url: str) -> Fetched | None:
        """Fetch or record the failed probe; URLs robots.txt disallows are not fetched."""
        if not self.allowed(url):
            self.add(Probe(name, url, False, "disallowed by robots.txt for our User-Agent; not fetched"))
            return None
        try:
            return await self.fetch.get(url)
        except FetchError as exc:
            self.add(Probe(name, url, False, exc.reason, exc.status))
            return None

    def articles(self, urls: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u for u in urls if self.outlet.is_article_url(u)))

    # robots.txt ----------------------------------------------------------------------------
    async def check_robots(self) -> None:
        from akhbar.crawler.middlewares import GenericTokenRobotParser

        url = urljoin(self.outlet.base_url, "/robots.txt")
        try:
            got = await self.fetch.get(url)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                # no robots.txt means no restrictions (RFC 9309 2.3.1.3)
                self.add(Probe("robots.txt", url, True, f"HTTP {exc.status}: no robots.txt, nothing disallowed",
                               exc.status))
            else:
                self.add(Probe("robots.txt", url, False, exc.reason, exc.status))
            return
        self.robots = GenericTokenRobotParser(got.body, None)
        self.robots_sitemaps = discovery.robots_sitemaps(got.body, got.final_url)
        o = self.outlet
        configured = [o.base_url, *o.discovery.feeds, *o.sitemap_urls([self.day]), *o.archive_urls(self.day, 1)]
        blocked = [u for u in configured if not self.allowed(u)]
        parts = [f"base_url {'allowed' if self.allowed(o.base_url) else 'DISALLOWED'}"]
        if blocked:
            parts.append(f"disallowed: {_short(blocked)}")
        parts.append(f"{len(self.robots_sitemaps)} Sitemap: line(s)"
                     + (f": {_short(self.robots_sitemaps)}" if self.robots_sitemaps else ""))
        delay = self.robots.crawl_delay(self.fetch.user_agent)
        if delay:
            parts.append(f"Crawl-delay {delay:g} s")
        self.add(Probe("robots.txt", url, self.allowed(o.base_url), "; ".join(parts), got.status))

    # feeds ---------------------------------------------------------------------------------
    async def check_feeds(self) -> None:
        feeds = list(self.outlet.discovery.feeds)
        if not feeds and self.outlet.discovery.auto:
            home = await self.get("home", self.outlet.base_url)
            if home is None:
                return
            feeds = discovery.alternate_feeds(home.body, home.final_url)
            self.add(Probe("home", self.outlet.base_url, True,
                           f"{len(feeds)} <link rel=alternate> feed(s)" + (f": {_short(feeds)}" if feeds else ""),
                           home.status))
        for url in feeds:
            got = await self.get("feed", url)
            if got is None:
                continue
            try:
                entries = discovery.parse_feed(got.body, got.final_url)
            except ValueError as exc:
                self.add(Probe("feed", url, False, str(exc)[:300], got.status))
                continue
            links = [e.url for e in entries]
            found = self.articles(links)
            dated = sum(1 for e in entries if e.when is not None)
            detail = f"{len(entries)} entries ({dated} dated), {len(found)} match article_url_pattern"
            if entries and not found:
                detail += f"; e.g. {links[0]}"
            self.add(Probe("feed", url, bool(found), detail, got.status, found))

    # sitemaps ------------------------------------------------------------------------------
    async def check_sitemaps(self) -> None:
        urls = self.outlet.sitemap_urls([self.day])
        if self.outlet.discovery.auto:
            urls += [u for u in self.robots_sitemaps if self.outlet.in_domains(urlsplit(u).hostname or "")][
                :MAX_ROBOTS_SITEMAPS]
        for url in dict.fromkeys(urls):
            await self.check_sitemap("sitemap", url, depth=0)

    async def check_sitemap(self, name: str, url: str, depth: int) -> None:
        got = await self.get(name, url)
        if got is None:
            return
        try:
            listing = discovery.parse_sitemap(got.body)
        except ValueError as exc:
            self.add(Probe(name, url, False, str(exc)[:300], got.status))
            return
        if listing.is_index:
            children = [e.url for e in listing.entries]
            for_day = discovery.child_sitemaps_for_day(
                listing, self.day, also=discovery.local_days(self.day, self.outlet.timezone))
            self.add(Probe(name, url, bool(children),
                           f"sitemap index: {len(children)} child sitemaps, {len(for_day)} for {self.day}",
                           got.status))
            # one child is enough to show the route works; prefer one that lists the day
            if depth < 2 and (for_day or children):
                await self.check_sitemap("sitemap (child)", (for_day or children)[0], depth + 1)
            return
        links = [e.url for e in listing.entries]
        found = self.articles(links)
        on_day = sum(1 for e in listing.entries if discovery.on_day(e.when, self.day))
        detail = f"{len(links)} URLs, {len(found)} match article_url_pattern, {on_day} dated {self.day}"
        if links and not found:
            detail += f"; e.g. {links[0]}"
        self.add(Probe(name, url, bool(found), detail, got.status, found))

    # archive -------------------------------------------------------------------------------
    async def check_archives(self) -> None:
        for url in self.outlet.archive_urls(self.day, 1):
            got = await self.get("archive", url)
            if got is None:
                continue
            links = discovery.page_links(got.body, got.final_url)
            found = self.articles(links)
            nxt = discovery.next_page_links(got.body, got.final_url)
            detail = f"{self.day} page 1: {len(links)} links, {len(found)} article links"
            if nxt:
                detail += "; has a next page"
            self.add(Probe("archive", url, bool(found), detail, got.status, found))

    # sample article ------------------------------------------------------------------------
    async def check_article(self) -> None:
        from akhbar.transforms.extract import ExtractionError, extract_article

        sources = [p for k in DISCOVERY_KINDS for p in self.probes if p.kind == k and p.article_urls]
        candidates = [u for p in sources for u in p.article_urls]
        url = next((u for u in candidates if self.allowed(u)), None)
        if url is None:
            reason = ("every article URL found is disallowed by robots.txt" if candidates
                      else "no article URL found by any source")
            self.add(Probe("article", "", False, reason))
            return
        got = await self.get("article", url)
        if got is None:
            return
        try:
            art = extract_article(got.body, got.final_url, content_type=got.content_type,
                                  overrides=self.outlet.extract, tz=self.outlet.timezone, now=datetime.now(UTC))
        except ExtractionError as exc:
            self.add(Probe("article", url, False, f"extraction failed: {exc.reason}", got.status))
            return
        except Exception as exc:  # a crash in extraction is a finding, not a reason to stop the report
            self.add(Probe("article", url, False, f"extractor error: {type(exc).__name__}: {exc}"[:300], got.status))
            return
        when = art.published_at.isoformat() if art.published_at else "no date found"
        lang_ok = art.language == self.outlet.language
        detail = (f"title «{art.title or '(none)'}»; published {when}; language {art.language}"
                  + ("" if lang_ok else f" (expected {self.outlet.language})")
                  + f"; {len(art.text)} chars of text")
        self.add(Probe("article", url, lang_ok and bool(art.text.strip()), detail, got.status))


def check_outlet(outlet: Outlet, *, timeout: float = 20.0, user_agent: str | None = None,
                 day: date | None = None, deadline: float = PROBE_DEADLINE) -> CheckReport:
    """Probe an outlet live. ``day`` (default: yesterday in the outlet's timezone) picks the archive
    page and the day sitemaps are judged against. ``timeout`` is the crawl's DOWNLOAD_TIMEOUT for each
    request, ``deadline`` bounds each probe as a whole (redirects, headers and body).

    The probes run in a child process (``python -m akhbar.outletcheck``), as crawls do: Scrapy's reactor
    runs once per process. A child that fails or overruns raises RuntimeError with its stderr's tail."""
    job = {"outlet": outlet.model_dump(mode="json"), "timeout": timeout, "deadline": deadline,
           "user_agent": user_agent or default_user_agent(), "day": (day or _yesterday(outlet)).isoformat()}
    probes = len(outlet.discovery.feeds) + len(outlet.sitemap_urls([day or _yesterday(outlet)])) + len(
        outlet.archive_urls(day or _yesterday(outlet), 1)) + MAX_ROBOTS_SITEMAPS + _FIXED_PROBES
    with tempfile.TemporaryDirectory(prefix="akhbar-check-") as tmp:
        out = Path(tmp) / "probes.json"
        cmd = python_module("akhbar.outletcheck", "--out", str(out))
        try:
            proc = subprocess.run(cmd, input=json.dumps(job), capture_output=True, text=True,
                                  timeout=STARTUP_SLACK + probes * (deadline + outlet.crawl.download_delay))
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"outlet check of {outlet.slug} overran {exc.timeout:.0f} s") from None
        if proc.returncode != 0 or not out.exists():
            tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
            raise RuntimeError(f"outlet check of {outlet.slug} failed (exit {proc.returncode}): {tail}")
        rows = json.loads(out.read_text(encoding="utf-8"))
    return CheckReport(outlet, [Probe(**{**r, "article_urls": tuple(r["article_urls"])}) for r in rows])


async def _run_checks(checker: _Checker) -> list[Probe]:
    await checker.check_robots()
    await checker.check_feeds()
    await checker.check_sitemaps()
    await checker.check_archives()
    await checker.check_article()
    return checker.probes


def _probe_main(argv: list[str] | None = None) -> None:
    """The child: read the job (JSON on stdin), run the probes through Scrapy, write them as JSON."""
    parser = argparse.ArgumentParser(description="Run `akhbar outlets check` probes (used by check_outlet).")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    job = json.loads(sys.stdin.read())
    outlet = Outlet.model_validate(job["outlet"])
    day = date.fromisoformat(job["day"])

    async def probe(fetcher: ScrapyFetcher) -> list[Probe]:
        return await _run_checks(_Checker(outlet, fetcher, day))

    probes = run_probe(outlet, probe, timeout=job["timeout"], user_agent=job["user_agent"], deadline=job["deadline"])
    args.out.write_text(json.dumps([asdict(p) for p in probes], ensure_ascii=False), encoding="utf-8")


def render(report: CheckReport) -> Group:
    """A table of the probes and a verdict line."""
    o = report.outlet
    table = Table(title=f"{o.slug}: {o.name}" + (f" ({o.name_native})" if o.name_native else ""),
                  show_lines=False, expand=False)
    table.add_column("probe", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("status", justify="right", no_wrap=True)
    table.add_column("url", overflow="fold", max_width=60)
    table.add_column("detail", overflow="fold")
    for p in report.probes:
        mark = Text("ok", style="green") if p.ok else Text("FAIL", style="bold red")
        table.add_row(Text(p.name), mark, Text("" if p.status is None else str(p.status)), Text(p.url),
                      Text(p.detail))
    verdict = (Text("usable: robots.txt read, article URLs discovered, sample article extracted", style="green")
               if report.ok else Text("not usable as configured: see the failed probes", style="bold red"))
    return Group(table, verdict)


if __name__ == "__main__":
    _probe_main()
