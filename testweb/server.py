"""The local test web: four news outlets served over real HTTP on loopback addresses.

Site i listens on ``127.0.0.{10+i}:{port}`` (Linux routes all of 127/8 to lo), all sites on one
port. Besides the fault hooks (faults.py), the default sites carry a few quirks real outlets have:

* ar-wadi serves windows-1256 bytes declared only in the Content-Type header;
* ar-mojaz declares its charset only in ``<meta http-equiv>`` (header says just text/html);
* fa-sepehr's article s11 is gzip-encoded unless the client refuses gzip (``Accept-Encoding``);
* fa-sepehr's feed links article s12 with ``?utm_source=rss&utm_medium=feed``, its sitemap the clean URL;
* fa-payam's feed links article p11 by its short URL ``/fa/news/<id>``, which 301s to the full one;
* every home page links an article-looking page under ``/private/`` that robots.txt disallows;
* fa-payam and ar-wadi print a «today» box in the header of every page (``TestWeb(today=...)``, by default
  2025-01-09, the morning after the newest stories), a date that is never the story's;
* ar-wadi's w30 labels its meta times UTC though they are Cairo wall-clock (``14:30:00Z`` beside «٢:٣٠ م»);
  ar-mojaz's m20 / m21 print Maghreb («جانفي») and double («كانون الثاني/يناير») month names, nothing else;
  fa-payam's p30 is an Urdu story (language ``ur`` on a Persian outlet).

``TestWeb.down(slug)`` takes a whole site down (every path 503, or ``how="reset"``: connections reset)
until ``up(slug)``, for outage tests; ``with web.outage(slug):`` does both. ``TestWeb.wall(slug, vendor)`` puts a
bot wall (testweb/walls.py: Cloudflare-like, ArvanCloud-like, geo-block, Akamai-like, Sucuri-like) in front of
the site's article pages (``scope="site"``: every path) until ``unwall(slug)``; ``with web.walled(…):`` does both;
one path behind a wall is the fault kind ``wall``. ``TestWeb(extra_sites=("fa-rooz",))`` adds a daily outlet
beside the four (testweb/daily.py), whose volume and template a test changes from a day on.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Literal
from urllib.parse import parse_qs, quote, unquote, urlsplit

from akhbar.testweb import faults as F
from akhbar.testweb import listings, pages, requisites, walls
from akhbar.testweb.content import GZIP_ALWAYS, TODAY, Article, Catalog, ExpectedArticle
from akhbar.testweb.daily import EXTRA_SITES, DailyOutlet, outlet_toml
from akhbar.testweb.revisions import GoneMode, Revisions, not_modified, revised_sitemap, validators
from akhbar.testweb.sites import (
    FEED_PATH,
    NEWS_SITEMAP_PATH,
    SECTIONS,
    SITEMAP_INDEX_PATH,
    SITES,
    SITES_BY_SLUG,
    Site,
    parse_archive,
)

XML_TYPE = "application/xml; charset=utf-8"
#: how a site that is down answers: 503 on every path, or every connection reset before a response
DownMode = Literal["503", "reset"]
#: which paths of a walled site answer with the wall: its article pages, or every path (robots.txt included)
WallScope = Literal["articles", "site"]


@dataclass(frozen=True)
class Wall:
    vendor: str
    status: int | None
    scope: WallScope
    header: bool


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    #: the page as text, for faults that re-encode or break it
    html: str | None = None


@dataclass(frozen=True)
class RequestRecord:
    slug: str
    method: str
    path: str
    status: int | None
    user_agent: str | None
    at: float


def html_response(site: Site, html: str, status: int = 200) -> Response:
    if site.charset == "cp1256-header-only":
        body, ctype = html.encode("cp1256", "xmlcharrefreplace"), "text/html; charset=windows-1256"
    elif site.charset == "utf8-meta-only":
        body, ctype = html.encode(), "text/html"
    else:
        body, ctype = html.encode(), "text/html; charset=utf-8"
    return Response(status, ctype, body, html=html)


def _redirect(location: str, status: int = 302) -> Response:
    return Response(status, "text/html; charset=utf-8", b"<html><body>moved</body></html>", {"Location": location})


class TestWeb:
    """Four outlet-like news sites on loopback; see the module docstring."""

    __test__ = False  # not a pytest test class despite the name

    def __init__(self, port: int = 0, *, faults: bool = True, today: date = TODAY,
                 extra_sites: Iterable[str] = ()) -> None:
        unknown = sorted(set(extra_sites) - set(EXTRA_SITES))
        if unknown:
            raise ValueError(f"unknown extra site(s) {unknown}; known: {', '.join(EXTRA_SITES)}")
        self.sites: list[Site] = list(SITES) + [EXTRA_SITES[s] for s in dict.fromkeys(extra_sites)]
        #: the daily outlets among the sites, by slug (testweb/daily.py)
        self.daily: dict[str, DailyOutlet] = {s.slug: DailyOutlet(s) for s in self.sites if s.slug in EXTRA_SITES}
        self.catalog = Catalog(today=today)
        self.faults_enabled = faults
        self._requested_port = port
        self.port = 0
        self._faults = F.FaultRegistry()
        self._servers: list[_SiteServer] = []
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._log: list[RequestRecord] = []
        self._log_lock = threading.Lock()
        self._down: dict[str, DownMode] = {}
        self._walls: dict[str, Wall] = {}
        #: edits, deletions and conditional requests (testweb/revisions.py)
        self.revisions = Revisions()

    # ---- lifecycle ---------------------------------------------------------------------------
    def start(self) -> TestWeb:
        if self._servers:
            return self
        self._stop.clear()
        for _ in range(20):
            servers: list[_SiteServer] = []
            port = self._requested_port
            try:
                for site in self.sites:
                    srv = _SiteServer((site.host, port), self, site)
                    servers.append(srv)
                    port = srv.server_address[1]
            except OSError:
                for srv in servers:
                    srv.server_close()
                if self._requested_port:
                    raise
                continue  # another process holds the port on a later address: pick a new one
            break
        else:
            raise RuntimeError("could not find a port free on all test-web addresses")
        self.port = port
        self._servers = servers
        for srv in servers:
            t = threading.Thread(
                target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                name=f"testweb-{srv.site.slug}",
            )
            t.start()
            self._threads.append(t)
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes handlers sleeping in "slow" faults and ends streamed bodies
        for srv in self._servers:
            srv.shutdown()
            srv.server_close()
        for t in self._threads:
            t.join(timeout=5)
        self._servers, self._threads = [], []

    def __enter__(self) -> TestWeb:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ---- addresses and ground truth ----------------------------------------------------------
    def site(self, slug: str) -> Site:
        if slug in self.daily:
            return self.daily[slug].site
        return SITES_BY_SLUG[slug]

    def _need_port(self) -> int:
        if not self.port:
            raise RuntimeError("TestWeb is not started")
        return self.port

    def base_url(self, slug: str) -> str:
        return self.site(slug).url(self._need_port(), "/")

    def url(self, slug: str, path: str) -> str:
        return self.site(slug).url(self._need_port(), path)

    def article_url(self, art: Article) -> str:
        return self.url(art.site.slug, art.path)

    def expected_articles(self, day: date) -> list[ExpectedArticle]:
        self._need_port()
        return self.catalog.expected(day, self.article_url)

    def write_outlet_configs(self, directory: Path) -> Path:
        """One outlet TOML per site, valid for outlets.registry.load_outlets(directory)."""
        port = self._need_port()
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for site in self.sites:
            text = outlet_toml(site, port) if site.slug in self.daily else _outlet_toml(site, port)
            (directory / f"{site.slug}.toml").write_text(text, encoding="utf-8")
        return directory

    # ---- articles that change after publication (testweb/revisions.py) -------------------------
    def revise(self, slug: str, path: str, **change: Any) -> None:
        """Change an article page from now on: ``title=``, ``drop_paragraph=``, ``figure=True``, ``modified_local=``
        (``sitemap_lastmod=False``: the sitemaps keep the old lastmod, only the feed shows the change)."""
        self.revisions.revise(slug, path, **change)

    def delete(self, slug: str, path: str, how: GoneMode = "404") -> None:
        """The article page is gone from now on: ``404``, ``410``, ``soft404`` or a redirect to ``home``."""
        self.revisions.delete(slug, path, how)

    def restore(self, slug: str, path: str) -> None:
        self.revisions.restore(slug, path)

    def unlist(self, slug: str, path: str) -> None:
        """The site's sitemaps stop listing the page from now on (the page stays online)."""
        self.revisions.unlisted.add((slug, path))

    def conditional(self, slug: str, honour: bool = True) -> None:
        """Whether the site sends validators and answers 304 to conditional requests for its articles."""
        (self.revisions.conditional_sites.add if honour else self.revisions.conditional_sites.discard)(slug)

    def _revised_response(self, site: Site, art: Article, base: str, gzip_ok: bool) -> Response:
        revision = self.revisions.revision(site.slug, art.path)
        if revision is not None and revision.gone == "home":
            return _redirect(base + "/", 302)
        if revision is not None and revision.gone is not None:
            status = {"404": 404, "410": 410, "soft404": 200}[revision.gone]
            return html_response(site, pages.not_found_page(site, self.catalog.today), status)
        now = self.revisions.apply(art, revision) if revision is not None else art
        resp = self._article_response(now, base, gzip_ok)
        if site.slug in self.revisions.conditional_sites:
            resp.headers.update(validators(resp.body, now.last_change_local))
        return resp

    # ---- faults and observation --------------------------------------------------------------
    def set_fault(self, slug: str, path: str, kind: str, **params: Any) -> None:
        """Make ``path`` on site ``slug`` misbehave; kinds and parameters: faults.KINDS."""
        if not self.faults_enabled:
            raise RuntimeError("this TestWeb was started with faults=False")
        self.site(slug)
        self._faults.set(slug, path, kind, **params)
        if kind == "gzip_bomb":  # build the bomb now: built on first request it can outlast a short client timeout
            F.gzip_bomb(int(params.get("size", F.KINDS["gzip_bomb"]["size"])))

    def clear_faults(self) -> None:
        self._faults.clear()

    def down(self, slug: str, how: DownMode = "503") -> None:
        """Take site ``slug`` down (all night, robots.txt included) until :meth:`up`; works with faults=False."""
        if how not in ("503", "reset"):
            raise ValueError(f"down: how must be '503' or 'reset', not {how!r}")
        self.site(slug)
        self._down[slug] = how

    def up(self, slug: str) -> None:
        self._down.pop(slug, None)

    def down_mode(self, slug: str) -> DownMode | None:
        return self._down.get(slug)

    @contextmanager
    def outage(self, slug: str, how: DownMode = "503") -> Iterator[TestWeb]:
        """The site is down inside the block and up again after it, whatever happens there."""
        self.down(slug, how)
        try:
            yield self
        finally:
            self.up(slug)

    def wall(self, slug: str, vendor: str, status: int | None = None, *, scope: WallScope = "articles",
             header: bool = True) -> None:
        """Put a bot wall (walls.VENDORS) in front of site ``slug``'s article pages (``scope="site"``: every path)
        until :meth:`unwall`; ``status``: the vendor's usual one unless given; ``header=False``: a Cloudflare wall
        without its ``cf-mitigated`` header. Works with faults=False."""
        if vendor not in walls.DEFAULT_STATUS:
            raise ValueError(f"unknown wall vendor {vendor!r}; known: {', '.join(walls.VENDORS)}")
        if scope not in ("articles", "site"):
            raise ValueError(f"wall: scope must be 'articles' or 'site', not {scope!r}")
        self.site(slug)
        self._walls[slug] = Wall(vendor, status, scope, header)

    def unwall(self, slug: str) -> None:
        self._walls.pop(slug, None)

    @contextmanager
    def walled(self, slug: str, vendor: str, status: int | None = None, *, scope: WallScope = "articles",
               header: bool = True) -> Iterator[TestWeb]:
        """The site is behind the wall inside the block, and not after it, whatever happens there."""
        self.wall(slug, vendor, status, scope=scope, header=header)
        try:
            yield self
        finally:
            self.unwall(slug)

    def wall_page(self, site: Site, path: str) -> walls.WallPage | None:
        """What the wall in front of ``site`` answers for ``path`` (None: no wall there)."""
        wall = self._walls.get(site.slug)
        if wall is None or (wall.scope == "articles" and not re.search(site.article_url_pattern, path)):
            return None
        return walls.wall_page(wall.vendor, f"{site.host}:{self.port}", path, wall.status, wall.header)

    def attempts(self, slug: str, path: str) -> int:
        """Requests counted on a faulted path since its fault was set."""
        return self._faults.attempts(slug, path)

    @property
    def requests(self) -> list[RequestRecord]:
        with self._log_lock:
            return list(self._log)

    def hits(self, slug: str, path_prefix: str) -> int:
        """Requests to site ``slug`` whose decoded path (query ignored) starts with the prefix."""
        return sum(
            1 for r in self.requests if r.slug == slug and F.path_key(r.path).startswith(unquote(path_prefix))
        )

    def _record(self, rec: RequestRecord) -> None:
        with self._log_lock:
            self._log.append(rec)

    # ---- routing -----------------------------------------------------------------------------
    def route(self, site: Site, path: str, query: dict[str, list[str]], gzip_ok: bool) -> Response:
        """The normal (fault-free) response for a path of a site."""
        base = site.url(self.port, "").rstrip("/")
        if site.slug in self.daily:
            found = self.daily[site.slug].route(path, base)
            if found is None:
                return html_response(site, pages.not_found_page(site, self.catalog.today), 404)
            status, text = found
            if path == "/robots.txt":
                return Response(status, "text/plain; charset=utf-8", text.encode())
            return html_response(site, text, status)
        cat = self.catalog
        if path == "/robots.txt":
            return Response(200, "text/plain; charset=utf-8", listings.robots_txt(site, base).encode())
        if path == FEED_PATH:
            feed = listings.rss(site, cat, base, now=lambda art: self.revisions.current(site.slug, art))
            return Response(200, "application/rss+xml; charset=utf-8", feed.encode())
        if path == SITEMAP_INDEX_PATH:
            return Response(200, XML_TYPE, listings.sitemap_index(site, cat, base).encode())
        if path == NEWS_SITEMAP_PATH:
            xml = revised_sitemap(listings.news_sitemap(site, cat, base), site.slug, base, self.revisions)
            return Response(200, XML_TYPE, xml.encode())
        if path.startswith("/sitemaps/") and path.endswith(".xml"):
            try:
                day = date.fromisoformat(path[len("/sitemaps/"):-4])
            except ValueError:
                day = None
            xml = listings.day_sitemap(site, cat, base, day) if day else None
            if xml:
                return Response(200, XML_TYPE, revised_sitemap(xml, site.slug, base, self.revisions).encode())
            return html_response(site, pages.not_found_page(site, self.catalog.today), 404)
        if path in ("", "/"):
            return html_response(site, pages.home_page(site, cat))
        if art := cat.find(site.slug, path):
            return self._revised_response(site, art, base, gzip_ok)
        if art := cat.find_short(site.slug, path):
            return _redirect(art.path, 301)
        if unquote(path) == unquote(site.private_path):
            # robots.txt forbids it; serving a real-looking article makes a violation visible
            return html_response(site, pages.article_page(cat.recent(site.slug)[-1], cat, base))
        try:
            archive = parse_archive(site, path, query)
        except ValueError:
            return html_response(site, pages.not_found_page(site, self.catalog.today), 404)
        if archive:
            return html_response(site, pages.archive_page(site, cat, *archive))
        if path.startswith("/section/") and path[9:] in SECTIONS:
            key = path[9:]
            arts = [a for a in cat.recent(site.slug) if a.section == key]
            return html_response(site, pages.listing_page(site, cat, SECTIONS[key][site.language], arts))
        if path.startswith("/tag/"):
            tag = unquote(path[5:])
            arts = [a for a in cat.recent(site.slug) if tag in a.tags]
            if arts:
                return html_response(site, pages.listing_page(site, cat, tag, arts))
        if found := requisites.asset(path):
            return Response(200, *found)
        if path.startswith("/images/"):
            return Response(200, "image/png", F.PNG_BYTES)
        return html_response(site, pages.not_found_page(site, self.catalog.today), 404)

    def _article_response(self, art: Article, base: str, gzip_ok: bool) -> Response:
        resp = html_response(art.site, pages.article_page(art, self.catalog, base))
        if art.key in GZIP_ALWAYS and gzip_ok:
            resp.body = F.gzip_bytes(resp.body)
            resp.headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return resp


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _outlet_toml(site: Site, port: int) -> str:
    base = site.url(port, "")
    lines = [
        "# Written by testweb for the local test web; not a real outlet.",
        f"slug = {_toml_str(site.slug)}",
        f"name = {_toml_str(site.name)}",
        f"name_native = {_toml_str(site.name_native)}",
        f"language = {_toml_str(site.language)}",
        f"country = {_toml_str(site.country)}",
        f"timezone = {_toml_str(site.timezone)}",
        f"base_url = {_toml_str(base + '/')}",
        f"allowed_domains = [{_toml_str(site.host)}]",
        f"article_url_pattern = {_toml_str(site.article_url_pattern)}",
        f"aggregator = {'true' if site.aggregator else 'false'}",
        f"notes = {_toml_str('local test web site ' + str(site.index) + ' (testweb)')}",
        "",
        "[discovery]",
        "auto = true",
        f"feeds = [{_toml_str(base + FEED_PATH)}]",
        f"sitemaps = [{_toml_str(base + SITEMAP_INDEX_PATH)}]",
        f"archives = [{_toml_str(base + site.archive_template)}]",
        "archive_max_pages = 10",
        "",
        "[crawl]",
        "download_delay = 0",
        "concurrency = 4",
        "allow_private_hosts = true",
        "",
    ]
    return "\n".join(lines)


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], web: TestWeb, site: Site) -> None:
        self.web = web
        self.site = site
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    server_version = "nginx/1.24.0"
    sys_version = ""
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read web.requests
        pass

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        web, site = self.server.web, self.server.site
        self._status: int | None = None
        try:
            self._dispatch(web, site, head)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size limits, timeouts): expected under faults
        finally:
            web._record(
                RequestRecord(site.slug, self.command, self.path, self._status,
                              self.headers.get("User-Agent"), time.time())
            )

    def _dispatch(self, web: TestWeb, site: Site, head: bool) -> None:
        split = urlsplit(self.path)
        path, query = split.path, parse_qs(split.query)
        ae = self.headers.get("Accept-Encoding")
        gzip_ok = ae is None or "gzip" in ae.lower()

        def normal(p: str = path, q: dict[str, list[str]] = query) -> Response:
            return web.route(site, p, q, gzip_ok)

        if down := web.down_mode(site.slug):
            self._down(down, head)
            return
        if (wall := web.wall_page(site, path)) is not None:
            self._send(Response(wall.status, wall.content_type, wall.body, wall.headers), head)
            return
        if web.faults_enabled and path.startswith(("/__fault/", "/__hops/", "/__loop")):
            self._builtin(web, site, split, head, normal)
            return
        hit = web._faults.hit(site.slug, path) if web.faults_enabled else None
        if hit:
            fault, attempt = hit
            self._fault(web, site, fault, attempt, path, head, normal)
            return
        self._send(self._conditional(normal()), head)

    def _conditional(self, resp: Response) -> Response:
        """A 304 instead of the page when the site honours conditional requests and the client's copy is current."""
        if resp.status == 200 and "ETag" in resp.headers and not_modified(self.headers, resp.headers):
            kept = {k: v for k, v in resp.headers.items() if k in ("ETag", "Last-Modified")}
            return Response(304, resp.content_type, b"", kept)
        return resp

    def _builtin(self, web: TestWeb, site: Site, split, head: bool, normal: Callable[..., Response]) -> None:
        path, query = split.path, parse_qs(split.query)
        if path.startswith("/__hops/"):
            remaining = int(path.split("/")[2] or 0)
            target = query.get("to", ["/"])[0]
            if remaining > 1:
                self._send(_redirect(f"/__hops/{remaining - 1}?to={quote(target, safe='')}"), head)
            else:
                self._send(_redirect(target), head)
            return
        if path.startswith("/__loop"):
            self._send(_redirect(query.get("to", ["/"])[0]), head)
            return
        kind = path[len("/__fault/"):].strip("/")
        params = {k: F.parse_param(v[0]) for k, v in query.items() if k != "of"}
        of = query.get("of", [None])[0]
        of = of or (self.server.web.catalog.recent(site.slug)[0].path if kind in F.TRANSFORMS else "/")
        try:
            fault = F.make_fault(kind, params)
        except ValueError:
            self._send(html_response(site, pages.not_found_page(site, web.catalog.today), 404), head)
            return
        if kind == "redirect_chain" and fault.params["to"] is None:
            fault.params["to"] = of
        attempt = web._faults.hit_builtin(site.slug, self.path)
        of_split = urlsplit(of)
        page = lambda: normal(of_split.path, parse_qs(of_split.query))  # noqa: E731
        if not fault.active(attempt):
            self._send(page(), head)
            return
        self._fault(web, site, fault, attempt, self.path, head, page)

    # ---- fault execution ---------------------------------------------------------------------
    def _fault(
        self, web: TestWeb, site: Site, fault: F.Fault, attempt: int, path: str, head: bool,
        normal: Callable[..., Response],
    ) -> None:
        k, p = fault.kind, fault.params
        base = site.url(web.port, "").rstrip("/")
        if k == "status":
            code = p["statuses"][attempt - 1]
            headers = {"Retry-After": str(p["retry_after"])} if p.get("retry_after") is not None else {}
            body = f"<html><body><h1>{code}</h1></body></html>".encode()
            self._send(Response(code, "text/html; charset=utf-8", body, headers), head)
        elif k == "rate_limit":
            body = b"<html><body><h1>429 Too Many Requests</h1></body></html>"
            self._send(Response(429, "text/html; charset=utf-8", body, {"Retry-After": str(p["retry_after"])}), head)
        elif k == "slow":
            resp = normal()
            if p["phase"] == "body":
                half = len(resp.body) // 2
                self._send_head(resp, len(resp.body))
                self.wfile.write(resp.body[:half])
                self.wfile.flush()
                if not web._stop.wait(float(p["sleep"])):
                    self.wfile.write(resp.body[half:])
            elif not web._stop.wait(float(p["sleep"])):
                self._send(resp, head)
        elif k == "reset":
            self._reset()
        elif k == "truncate":
            resp = normal()
            self._send_head(resp, len(resp.body))
            self.wfile.write(resp.body[: int(len(resp.body) * float(p["fraction"]))])
            self.wfile.flush()
            self.close_connection = True
        elif k == "redirect_chain":
            target = p["to"] or path
            hops = int(p["hops"])
            loc = target if hops <= 1 else f"/__hops/{hops - 1}?to={quote(target, safe='')}"
            self._send(_redirect(loc, int(p["status"])), head)
        elif k == "redirect_loop":
            self._send(_redirect(f"/__loop?to={quote(path, safe='')}"), head)
        elif k == "offsite_redirect":
            others = [s for s in web.sites if s.slug != site.slug]
            other = web.site(p["to_slug"]) if p["to_slug"] else others[(site.index - 1) % len(others)]
            self._send(_redirect(other.url(web.port, p["path"] or path), int(p["status"])), head)
        elif k == "oversized":
            size = int(p["size"])
            resp = Response(200, "text/html; charset=utf-8", b"")
            self._send_head(resp, size if p["content_length"] else None)
            if not head:
                self._stream(F.oversized_chunks(size), web)
            self.close_connection = True
        elif k == "gzip_bomb":
            body = F.gzip_bomb(int(p["size"]))
            self._send(Response(200, "text/html; charset=utf-8", body, {"Content-Encoding": "gzip"}), head)
        elif k == "invalid_xml":
            ctype, body = F.invalid_xml(p["variant"], base)
            self._send(Response(200, ctype, body), head)
        elif k == "huge_sitemap":
            body = F.huge_sitemap(base, int(p["count"]), str(p["lastmod"]), p["prefix"])
            self._send(Response(200, XML_TYPE, body), head)
        elif k == "non_html":
            self._send(Response(200, p["mime"], F.non_html(p["mime"])), head)
        elif k == "wall":
            wall = walls.wall_page(p["vendor"], f"{site.host}:{web.port}", path, p["status"], bool(p["header"]))
            self._send(Response(wall.status, wall.content_type, wall.body, wall.headers), head)
        elif k == "raw":
            body = p["body"].encode() if isinstance(p["body"], str) else bytes(p["body"])
            self._send(Response(int(p["status"]), str(p["content_type"]), body), head)
        elif k == "drip":
            size = int(p["size"])
            self._send_head(Response(200, "text/html; charset=utf-8", b""), size)
            for _ in range(0 if head else size):
                if web._stop.wait(float(p["interval"])):
                    break
                self.wfile.write(b" ")
                self.wfile.flush()
            self.close_connection = True
        else:  # transforms of the normal page: no_charset, cp1256, malformed_html
            resp = normal()
            html = resp.html if resp.html is not None else resp.body.decode("utf-8", "replace")
            if k == "no_charset":
                out = Response(resp.status, "text/html", F.strip_charset_meta(html).encode())
            elif k == "cp1256":
                ctype, body = F.cp1256_page(html, p["label"])
                out = Response(resp.status, ctype, body)
            else:
                out = Response(resp.status, resp.content_type, html_response(site, F.malform(html)).body)
            self._send(out, head)

    def _down(self, how: DownMode, head: bool) -> None:
        if how == "reset":
            self._reset()
            return
        body = b"<html><body><h1>503 Service Temporarily Unavailable</h1><hr><center>nginx</center></body></html>"
        self._send(Response(503, "text/html", body), head)

    # ---- low-level sending -------------------------------------------------------------------
    def _send_head(self, resp: Response, length: int | None) -> None:
        self._status = resp.status
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for name, value in resp.headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _send(self, resp: Response, head: bool) -> None:
        self._send_head(resp, len(resp.body))
        if not head:
            self.wfile.write(resp.body)

    def _stream(self, chunks: Iterable[bytes], web: TestWeb) -> None:
        for chunk in chunks:
            if web._stop.is_set():
                return
            self.wfile.write(chunk)

    def _reset(self) -> None:
        """Abort the connection: SO_LINGER 0 makes close() send RST instead of FIN."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # drops the last reference to the fd, so close() below really closes
        self.connection.close()
