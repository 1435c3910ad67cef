"""Fault injection for the test web: which (site, path) misbehaves how, and the bad payloads.

A fault is set on an exact path (query ignored) of one site. Every request to that path counts
as an attempt (1-based); a fault applies to the first ``times`` attempts (all when ``times`` is
None), after which the path serves its normal content, so "fail N times, then succeed" works.
``status`` faults take their count from the length of their status list.

The same faults are reachable without the Python API at ``/__fault/<kind>?param=value`` on every
site (lists comma-separated), counted per full URL; transforming faults take ``of=<path>``.
"""

from __future__ import annotations

import gzip
import io
import re
import threading
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from akhbar.testweb.walls import DEFAULT_STATUS

#: kind -> default parameters (documented here, validated in FaultRegistry.set)
KINDS: dict[str, dict[str, Any]] = {
    "status": {"statuses": [503], "retry_after": None},
    "rate_limit": {"retry_after": 1, "times": 1},
    "slow": {"sleep": 5.0, "phase": "headers"},  # phase: "headers" (stall before) | "body" (mid-body)
    "reset": {},  # close the socket with RST, no response
    "truncate": {"fraction": 0.5},  # Content-Length of the full body, only a part sent
    "redirect_chain": {"hops": 3, "to": None, "times": 1, "status": 302},
    "redirect_loop": {},
    "offsite_redirect": {"to_slug": None, "path": None, "status": 302},
    "oversized": {"size": 20_000_000, "content_length": True},
    "gzip_bomb": {"size": 200_000_000},
    "invalid_xml": {"variant": "truncated"},  # truncated | html | binary
    "huge_sitemap": {"count": 50_000, "lastmod": "2020-01-01", "prefix": "/huge/"},
    "non_html": {"mime": "application/pdf"},  # application/pdf | image/png
    "no_charset": {},
    "cp1256": {"label": "header"},  # header | meta | none | utf-8 (mislabeled)
    "malformed_html": {},
    # hostile listings: any body the test writes (robots.txt with 100k Sitemap: lines, a sitemap index
    # of file:// children, a feed of 10k links), served as the path's response
    "raw": {"body": "", "content_type": "text/plain; charset=utf-8", "status": 200},
    "drip": {"interval": 1.0, "size": 600},  # a body of ``size`` bytes, one byte per ``interval`` seconds
    # a bot wall instead of the page (testweb/walls.py): vendor cloudflare | arvancloud | arvancloud-cookie | geo |
    # akamai | sucuri; status None: the vendor's usual one; header False: Cloudflare without cf-mitigated
    "wall": {"vendor": "cloudflare", "status": None, "header": True},
}
#: kinds that alter the page the path normally serves instead of replacing it
TRANSFORMS = frozenset({"no_charset", "cp1256", "malformed_html", "slow", "truncate"})


@dataclass
class Fault:
    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def times(self) -> int | None:
        if self.kind == "status":
            return len(self.params["statuses"])
        return self.params.get("times")

    def active(self, attempt: int) -> bool:
        return self.times is None or attempt <= self.times


def make_fault(kind: str, params: dict[str, Any]) -> Fault:
    if kind not in KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(sorted(KINDS))}")
    merged = {**KINDS[kind], **params}
    if kind == "wall" and merged["vendor"] not in DEFAULT_STATUS:
        raise ValueError(f"unknown wall vendor {merged['vendor']!r}; known: {', '.join(DEFAULT_STATUS)}")
    if kind == "status":
        statuses = merged["statuses"]
        merged["statuses"] = [int(s) for s in (statuses if isinstance(statuses, list) else [statuses])]
    return Fault(kind, merged)


def path_key(path: str) -> str:
    return unquote(path.split("?", 1)[0].split("#", 1)[0])


class FaultRegistry:
    """Thread-safe map of (site, path) to fault, with per-path attempt counters."""

    def __init__(self) -> None:
        self._faults: dict[tuple[str, str], Fault] = {}
        self._attempts: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()

    def set(self, slug: str, path: str, kind: str, **params: Any) -> None:
        fault = make_fault(kind, params)
        with self._lock:
            key = (slug, path_key(path))
            self._faults[key] = fault
            self._attempts[key] = 0

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._attempts.clear()

    def hit(self, slug: str, path: str) -> tuple[Fault, int] | None:
        """Count an attempt on the path; the fault and attempt number when a fault applies."""
        key = (slug, path_key(path))
        with self._lock:
            fault = self._faults.get(key)
            if fault is None:
                return None
            self._attempts[key] += 1
            attempt = self._attempts[key]
        return (fault, attempt) if fault.active(attempt) else None

    def hit_builtin(self, slug: str, full_path: str) -> int:
        with self._lock:
            self._attempts[(slug, full_path)] += 1
            return self._attempts[(slug, full_path)]

    def attempts(self, slug: str, path: str) -> int:
        with self._lock:
            return self._attempts[(slug, path_key(path))]


def parse_param(value: str) -> Any:
    if "," in value:
        return [parse_param(v) for v in value.split(",") if v]
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(value.lower(), value)


# ---- payloads ----------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def gzip_bomb(size: int) -> bytes:
    """A small gzip stream that inflates to ``size`` zero bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip container
    chunk = b"\0" * (1 << 20)
    out = io.BytesIO()
    remaining = size
    while remaining > 0:
        out.write(comp.compress(chunk[: min(remaining, len(chunk))]))
        remaining -= len(chunk)
    out.write(comp.flush())
    return out.getvalue()


def gzip_bytes(body: bytes) -> bytes:
    return gzip.compress(body, mtime=0)


# smallest valid one-page PDF and a 1x1 PNG: real magic bytes, so sniffers recognise them
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def non_html(mime: str) -> bytes:
    return PNG_BYTES if mime.startswith("image/") else PDF_BYTES


def invalid_xml(variant: str, base: str) -> tuple[str, bytes]:
    """(content type, body) of a listing that is not a valid sitemap or feed."""
    if variant == "html":
        return "text/html; charset=utf-8", b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"
    if variant == "binary":
        return "application/xml", bytes(range(256)) * 8
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<url><loc>{base}/broken-1</loc><lastmod>2025-01-07T10:00:00+00:00</url>\n"
        f"<url><loc>{base}/bro"
    )
    return "application/xml", body.encode()


def huge_sitemap(base: str, count: int, lastmod: str, prefix: str) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    rows = "".join(f"<url><loc>{base}{prefix}{i}</loc><lastmod>{lastmod}</lastmod></url>\n" for i in range(count))
    return (head + rows + "</urlset>\n").encode()


def oversized_chunks(size: int, chunk: int = 1 << 16):
    """An HTML document of exactly ``size`` bytes, yielded in chunks."""
    head = b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>big</title></head><body>"
    filler = (b"<p>" + "حشو ".encode() * 20 + b"</p>\n") * 64
    yield head
    sent = len(head)
    while sent < size:
        part = filler[: min(chunk, size - sent)]
        yield part
        sent += len(part)


_CHARSET_META = re.compile(r"<meta[^>]*charset[^>]*>\s*", re.IGNORECASE)


def strip_charset_meta(html: str) -> str:
    return _CHARSET_META.sub("", html)


def cp1256_page(html: str, label: str) -> tuple[str, bytes]:
    """(content type, body) of the page re-encoded in windows-1256, declared as ``label`` says."""
    html = strip_charset_meta(html)
    if label in ("meta", "both"):
        html = html.replace("<head>", '<head>\n<meta charset="windows-1256">', 1)
    body = html.encode("cp1256", "xmlcharrefreplace")
    content_type = {
        "header": "text/html; charset=windows-1256",
        "both": "text/html; charset=windows-1256",
        "utf-8": "text/html; charset=utf-8",
    }.get(label, "text/html")
    return content_type, body


def malform(html: str) -> str:
    """Break the markup the way broken CMS templates do, leaving the text in place: no closing
    </p>, </li> or </html>, stray closers, unquoted attributes, an unclosed comment-like tag."""
    html = re.sub(r"</(p|li)>", "", html)
    html = html.replace("<main", "</div></span><main", 1)
    html = re.sub(r'class="([\w-]+)"', r"class=\1", html)
    html = html.replace("</body>", "<div><table><tr><td>").replace("</html>", "")
    return html.replace("<footer", "<!--[if IE]><footer", 1)
