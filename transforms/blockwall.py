"""Bot walls: challenge, captcha, firewall and geo-block answers told apart from the page that was asked for.

Pure: a status, the response headers and the body bytes in, a :class:`Wall` (vendor, kind, the marker that
matched) or None out. The crawl (``crawler.spiders.outlet_day``, ``crawler.middlewares``) and the extract stage
(``akhbar.pipeline.steps.reject_extracted``) both ask it; a wall is logged ``blocked``, archived as it came, and
never counted as an article or a not-article.

Rules are narrow on purpose: a wall vendor's scripts and headers also ride on the pages it lets through, so a
marker that appears on served pages never decides alone (evidence below). Body markers are looked for in the
first :data:`BODY_WINDOW` bytes; the weak ones only on a near-empty page (under :data:`NEAR_EMPTY_TEXT` characters
of visible text), as every wall page is.

Evidence, marker by marker (public sources, read 2025; nothing copied from them):

Cloudflare
  * ``cf-mitigated: challenge`` on every challenge page, any status: Cloudflare docs, «Detect a Challenge Page
    response» (developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response).
  * title «Just a moment...» (challenge), «Attention Required! | Cloudflare» (captcha) and «Access denied | …
    used Cloudflare to restrict access» (block): FlareSolverr ``src/flaresolverr_service.py`` CHALLENGE_TITLES /
    ACCESS_DENIED_TITLES; a captured block page in VeNoMouS/cloudscraper issue #100; webrecorder/browsertrix-crawler
    ``src/util/ratelimitrules.ts``.
  * ``window._cf_chl_opt`` and the ``__cf_chl_…_tk`` form tokens, only on challenge pages: VeNoMouS/cloudscraper
    ``cloudscraper/cloudflare.py`` (is_IUAM_Challenge: Server cloudflare, 429/503; is_Captcha_Challenge: 403); the
    older form posting ``jschl_vc`` to ``/cdn-cgi/l/chk_jschl``: codemanki/cloudscraper ``test/fixtures`` (challenge
    pages captured 2015-2019, one of them a 447 KB page whose form comes after an inline image: the tail is read).
  * ``cf-error-code`` 1020 (firewall rule) and 1009 (country banned); «1XXX errors appear in the HTML body»:
    cloudscraper ``is_Firewall_Blocked``; cloudflare/cloudflare-docs «Troubleshooting Cloudflare 1XXX errors».
  * NOT a marker: ``/cdn-cgi/challenge-platform/`` — Cloudflare injects it into served HTML pages (JavaScript
    Detections, developers.cloudflare.com/bots/additional-configurations/javascript-detections); a CSP header naming
    cloudflare or recaptcha is not one either (agentrhq/webcmd issue #264: a good 200 read as a challenge).
ArvanCloud (in front of many Iranian outlets)
  * ``Server: ArvanCloud``: EnableSecurity/wafw00f ``wafw00f/plugins/arvancloud.py`` (on served pages too: never
    alone).
  * its JavaScript challenge answers **200** with a small page whose inline script computes the ``__arcsjs`` /
    ``__arcsjsc`` cookies and reloads: a Scrapy spider of irna.ir that evaluates them (``value_v1': eval(…)``), and a
    public Go solver's test («The bot check answers 200 with HTML, so the status line says nothing»).
  * its cookie challenge answers **307** to the first request with the cookie to send back: ArvanCloud docs, DDoS
    protection (docs.arvancloud.ir/en/cdn/security/ddos/). A crawler without cookies meets it on every request.
  * the challenge page's text «Transferring to the website...»: watchers of Iranian sites that test for it beside
    ``__arcsjs``; a public project note reports tamin.ir (behind ArvanCloud) answering foreign addresses with
    «محدودیت جغرافیایی» (geographic restriction): a geo-block phrase below.
Sucuri
  * ``X-Sucuri-Block`` header; «Access Denied - Sucuri Website Firewall»; ``cloudproxy@sucuri.net``: wafw00f
    ``plugins/sucuri.py``, browsertrix-crawler ratelimitrules.ts. ``X-Sucuri-ID`` / ``X-Sucuri-Cache`` are on every
    page it serves: not markers.
  * the JavaScript redirect challenge ``sucuri_cloudproxy_js`` («You are being redirected…»): codemanki/cloudscraper.
Akamai
  * «Access Denied … You don't have permission to access … Reference #18.…» linking ``errors.edgesuite.net``,
    with ``Server: AkamaiGHost``: netbirdio/netbird issue #3670, hyperion-cs/dpi-checkers issue #57,
    freelawproject/juriscraper issue #1352; wafw00f ``plugins/kona.py``. The page writes «Reference&#32;&#35;…» in
    entities: its text is unescaped before it is read.
Imperva / Incapsula
  * ``_Incapsula_Resource`` script on a near-empty page (challenge) or on a 4xx (block); «Incapsula incident ID»:
    microlinkhq/is-antibot PR #60 (``x-iinfo`` / ``x-cdn: Incapsula`` are on every served page), ziplokk1/
    incapsula-cracker-py3 issue #20, AynOps PR #133 (status >= 400), browsertrix-crawler issue #1135 (served pages carry
    the script too).
DDoS-Guard
  * title «DDoS-Guard» (FlareSolverr CHALLENGE_TITLES), ``Server: ddos-guard`` (wafw00f ``plugins/ddosguard.py``).
Geo-blocks and captchas of no identified vendor
  * HTTP 451 Unavailable For Legal Reasons, ``Link: <…>; rel="blocked-by"`` naming who blocks (RFC 7725;
    ntblk/block-crawler).
  * a 4xx near-empty page whose title or heading says the site is closed to the visitor's country («در کشور شما
    در دسترس نیست», «غير متاح في بلدك», «not available in your country»); a 4xx near-empty page carrying a
    reCAPTCHA / hCaptcha / Turnstile widget. On a 200 these are not decided (comment forms carry captchas).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from urllib.parse import urlsplit

#: wall pages carry their markers near the top; a body is only read this far
BODY_WINDOW = 64 * 1024
#: visible characters (scripts and styles left out) under which a page is near-empty, as wall pages are
NEAR_EMPTY_TEXT = 600
#: what a ``blocked`` crawl-log reason starts with: ``blocked by <vendor>: <kind> (<marker>)``
REASON_PREFIX = "blocked by "


class WallKind(StrEnum):
    CHALLENGE = "challenge"  # a JavaScript or cookie check a browser passes by itself
    CAPTCHA = "captcha"  # a check a person must pass
    DENIED = "denied"  # a firewall's refusal (a rule, the address's reputation)
    GEO = "geo-block"  # refused for the country the request comes from


@dataclass(frozen=True)
class Wall:
    """A response that is a wall in front of the page: who put it there, what it is, the marker that said so."""

    vendor: str  # cloudflare, arvancloud, sucuri, akamai, imperva, ddos-guard; geo-block or captcha if none is named
    kind: WallKind
    marker: str

    def reason(self, status: int | None = None) -> str:
        """The crawl-log reason: ``blocked by <vendor>: <kind> (<marker>), HTTP <status>`` (a wall of no named vendor
        is called by its kind: ``blocked by geo-block: <marker>, HTTP 451``)."""
        http = f", HTTP {status}" if status else ""
        what = self.marker if self.vendor == self.kind else f"{self.kind} ({self.marker})"
        return f"{REASON_PREFIX}{self.vendor}: {what}{http}"


def vendor_of(reason: str | None) -> str | None:
    """The vendor a ``blocked`` line's reason names (None: not a wall's reason)."""
    if not reason or not reason.startswith(REASON_PREFIX):
        return None
    return reason[len(REASON_PREFIX):].split(":", 1)[0].strip() or None


Headers = Mapping[str | bytes, object] | Iterable[tuple[str | bytes, object]]


def detect(status: int | None, headers: Headers, body: bytes | None) -> Wall | None:
    """The wall this response is (None: it is not one). ``headers``: a mapping (Scrapy's Headers too) or
    (name, value) pairs, names any case, values str, bytes or lists of them; ``body`` after decompression."""
    h = _headers(headers)
    page = _Page(body or b"")
    for rule in (_by_headers, _cloudflare, _arvancloud, _sucuri, _akamai, _imperva, _ddos_guard, _geo, _captcha):
        wall = rule(status or 0, h, page)
        if wall is not None:
            return wall
    return None


# -- reading a response -----------------------------------------------------------------------
def _text(value: object) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _headers(headers: Headers) -> dict[str, list[str]]:
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        values = value if isinstance(value, list | tuple) else [value]
        out.setdefault(_text(name).strip().lower(), []).extend(_text(v).strip() for v in values)
    return out


def _has(h: dict[str, list[str]], name: str, pattern: str = "") -> bool:
    return any(re.search(pattern, v, re.IGNORECASE) for v in h.get(name, ())) if pattern else name in h


_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"<h[12][^>]*>(.*?)</h[12]", re.IGNORECASE | re.DOTALL)
_INVISIBLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


class _Page:
    """The head of a body: its markup (lower-cased for markers), title, headings and visible text, each read when a
    rule first asks (most pages are decided by a few substring tests)."""

    def __init__(self, body: bytes) -> None:
        self.size = len(body)
        # the head, and the tail of a longer body (a challenge form after a 400 KB inline image: seen in the wild)
        tail = body[max(BODY_WINDOW, self.size - BODY_WINDOW // 4):]
        self.raw = body[:BODY_WINDOW].decode("utf-8", "replace") + (tail.decode("utf-8", "replace") if tail else "")
        self.markup = self.raw.lower()

    @cached_property
    def title(self) -> str:
        found = _TITLE.search(self.raw)
        return _plain(found.group(1)).lower() if found else ""

    @cached_property
    def headings(self) -> list[str]:
        return [_plain(m).lower() for m in _HEADING.findall(self.raw)[:3]]

    @cached_property
    def text(self) -> str:
        return _plain(_INVISIBLE.sub(" ", self.raw)) if self.size <= BODY_WINDOW else ""

    @property
    def near_empty(self) -> bool:
        return self.size <= BODY_WINDOW and len(self.text) < NEAR_EMPTY_TEXT

    def says(self, pattern: re.Pattern[str]) -> str | None:
        """The title or first heading that matches (None: neither does)."""
        return next((t for t in [self.title, *self.headings] if t and pattern.search(t)), None)


# -- the rules, one vendor each ---------------------------------------------------------------
def _by_headers(status: int, h: dict[str, list[str]], page: _Page) -> Wall | None:
    if _has(h, "cf-mitigated", r"^challenge$"):
        return Wall("cloudflare", WallKind.CHALLENGE, "header cf-mitigated: challenge")
    if _has(h, "x-sucuri-block"):
        return Wall("sucuri", WallKind.DENIED, "header X-Sucuri-Block")
    return None


_CF_ERROR = re.compile(r"cf-error-code[^>]*>\s*(1\d{3})\s*<")
_CF_GEO_ERRORS = {"1009"}


def _cloudflare(status: int, h: dict[str, list[str]], page: _Page) -> Wall | None:
    m = page.markup
    if "_cf_chl_opt" in m or re.search(r"__cf_chl_(jschl|captcha|managed|f|rt)_tk", m):
        kind = WallKind.CAPTCHA if "ctype: 'interactive'" in m or 'ctype: "interactive"' in m else WallKind.CHALLENGE
        return Wall("cloudflare", kind, "challenge script _cf_chl_opt / __cf_chl_ token")
    if "/cdn-cgi/l/chk_jschl" in m or 'name="jschl_vc"' in m:
        return Wall("cloudflare", WallKind.CHALLENGE, "challenge form jschl_vc")
    served_by = _has(h, "server", r"^cloudflare") or "/cdn-cgi/" in m
    if page.title.startswith("just a moment") and served_by:
        return Wall("cloudflare", WallKind.CHALLENGE, "title «Just a moment...»")
    if page.title.startswith("attention required! | cloudflare"):
        return Wall("cloudflare", WallKind.CAPTCHA, "title «Attention Required! | Cloudflare»")
    if code := _CF_ERROR.search(m):
        kind = WallKind.GEO if code.group(1) in _CF_GEO_ERRORS else WallKind.DENIED
        return Wall("cloudflare", kind, f"error {code.group(1)} (cf-error-code)")
    if "used cloudflare to restrict access" in page.title:
        return Wall("cloudflare", WallKind.DENIED, "title «… used Cloudflare to restrict access»")
    return None


def _arvancloud(status: int, h: dict[str, list[str]], page: _Page) -> Wall | None:
    arvan = _has(h, "server", r"arvancloud")
    if 300 <= status < 400 and arvan and _has(h, "set-cookie", r"^__arcsjs"):
        return Wall("arvancloud", WallKind.CHALLENGE, f"cookie challenge: {status} setting __arcsjs")
    if ("__arcsjs" in page.markup or "transferring to the website" in page.markup) and page.near_empty:
        return Wall("arvancloud", WallKind.CHALLENGE, "challenge script setting __arcsjs")
    if arvan and status >= 400 and "arvancloud" in page.markup and page.near_empty:
        return Wall("arvancloud", WallKind.DENIED, f"ArvanCloud's own {status} page")
    return None


def _sucuri(status: int, h: dict[str, list[str]], page: _Page) -> Wall | None:
    m = page.markup
    if "sucuri_cloudproxy_js" in m and page.near_empty:
        return Wall("sucuri", WallKind.CHALLENGE, "challenge script sucuri_cloudproxy_js")
    if ("sucuri website firewall" in m and "access denied" in m) or "cloudproxy@sucuri.net" in m:
        return Wall("sucuri", WallKind.DENIED, "«Access Denied - Sucuri Website Firewall»")
    return None


def _akamai(status: int, h: dict[str, list[str]], page: _Page) -> Wall | None:
    if page.title != "access denied" or not page.near_empty:
        return None
    if "errors.edgesuite.net" in page.markup or ("reference #" in page.text.lower()
                                                 and _has(h, "server", r"akamai")):
        return Wall("akamai", WallKind.DENIED, "«Access Denied … Reference #»")
    return None


def _imperva(status: int, h: dict[str, list[str]], page: _Page) -> Wall | None:
    m = page.markup
    if "incapsula incident id" in m:
        return Wall("imperva", WallKind.DENIED, "«Incapsula incident ID»")
    if "/_incapsula_resource?" in m and (status >= 400 or page.near_empty):
        return Wall("imperva", WallKind.CHALLENGE, "_Incapsula_Resource script on an empty page")
    return None


def _ddos_guard(status: int, h: dict[str, list[str]], page: _Page) -> Wall | None:
    if page.title.startswith("ddos-guard") and (page.near_empty or _has(h, "server", r"ddos-guard")):
        return Wall("ddos-guard", WallKind.CHALLENGE, "title «DDoS-Guard»")
    return None


#: a site closed to the visitor's country, as a wall page's title or heading says it (Persian, Arabic, English)
_GEO_WORDS = re.compile(
    r"محدودیت\s*(\u200c)?\s*(های\s*)?جغرافیایی|"
    r"(در|از)\s+(کشور|منطقه)\s+شما\s+(در\s*دسترس|قابل\s*دسترس)|"
    r"(خارج\s+از\s+(کشور|ایران)).{0,40}(امکان|دسترسی|مجاز)|(دسترسی|امکان).{0,40}خارج\s+از\s+(کشور|ایران)|"
    r"(غير|ليس)\s+(متاح|متوفر|متاحة|متوفرة)\s+(في|فی)\s+(بلدك|بلدكم|منطقتك|دولتك)|"
    r"not (available|accessible) (in|from) your (country|region|location)",
    re.IGNORECASE)


def _geo(status: int, h: dict[str, list[str]], page: _Page) -> Wall | None:
    if status == 451:
        by = next((re.search(r"<([^>]+)>", v) for v in h.get("link", ()) if "blocked-by" in v.lower()), None)
        who = f", blocked-by {urlsplit(by.group(1)).hostname or by.group(1)}" if by else ""
        return Wall("geo-block", WallKind.GEO, f"HTTP 451 Unavailable For Legal Reasons{who}")
    if status >= 400 and page.near_empty and (said := page.says(_GEO_WORDS)):
        return Wall("geo-block", WallKind.GEO, f"«{said[:60]}»")
    return None


_CAPTCHA_WIDGET = re.compile(r"class=[\"'][^\"']*\b(g-recaptcha|h-captcha|cf-turnstile)\b")


def _captcha(status: int, h: dict[str, list[str]], page: _Page) -> Wall | None:
    if status >= 400 and page.near_empty and (widget := _CAPTCHA_WIDGET.search(page.markup)):
        return Wall("captcha", WallKind.CAPTCHA, f"{widget.group(1)} widget on a {status} page")
    return None
