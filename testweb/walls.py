"""Bot walls of the test web: the pages a CDN or firewall answers instead of the article.

Each is a minimal page written for the test web (not a copy of any vendor's page) that carries the markers
the real ones are known by (akhbar.transforms.blockwall lists them with their evidence): a Cloudflare-like
interstitial («Just a moment...», ``window._cf_chl_opt``, ``cf-mitigated: challenge``), an ArvanCloud-like
JavaScript challenge (status 200, an inline script setting ``__arcsjs``) and its cookie challenge (307 to the same
URL with the cookie), a geo-block page (451, or a 403 that says so in Persian), an Akamai-like «Access Denied …
Reference #», a Sucuri-like firewall block.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: wall vendor -> the status it answers with unless told otherwise
DEFAULT_STATUS = {"cloudflare": 503, "arvancloud": 200, "arvancloud-cookie": 307, "geo": 451, "akamai": 403,
                  "sucuri": 403}
VENDORS = tuple(DEFAULT_STATUS)


@dataclass
class WallPage:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _ray(host: str, path: str) -> str:
    return hashlib.sha1(f"{host}{path}".encode()).hexdigest()[:16]


def cloudflare(host: str, path: str, status: int, header: bool = True) -> WallPage:
    """A managed-challenge interstitial; ``header=False`` leaves out ``cf-mitigated`` (the body must tell)."""
    ray = _ray(host, path)
    body = f"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="robots" content="noindex,nofollow">
</head><body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">{host}</h1><h2 class="h2" id="challenge-running">Checking the browser.</h2>
<noscript><div class="h2">JavaScript and cookies are needed to go on.</div></noscript></div></div>
<script>(function(){{window._cf_chl_opt={{cvId:'3',cZone:"{host}",cType:'managed',cRay:'{ray}'}};
var s=document.createElement('script');s.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray={ray}';
document.getElementsByTagName('head')[0].appendChild(s);}}());</script>
<div class="footer">Ray ID: <code>{ray}</code></div></body></html>"""
    headers = {"Server": "cloudflare", "CF-RAY": f"{ray}-FRA", "Cache-Control": "private, max-age=0, no-store"}
    if header:
        headers["cf-mitigated"] = "challenge"
    return WallPage(status, "text/html; charset=UTF-8", body.encode(), headers)


def arvancloud(host: str, path: str, status: int = 200) -> WallPage:
    """The JavaScript challenge: a tiny page whose script sets the cookies and reloads (status 200)."""
    token = _ray(host, path)
    body = f"""<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>در حال بررسی مرورگر</title></head><body><p>چند لحظه صبر کنید…</p>
<script>document.cookie = '__arcsjs=' + eval("'{token[:8]}' + '{token[8:]}'") + '; path=/';
document.cookie = '__arcsjsc=' + eval("'arcookie-' + '{int(token[:6], 16)}'") + '; path=/';
location.reload();</script></body></html>"""
    return WallPage(status, "text/html; charset=utf-8", body.encode(), {"Server": "ArvanCloud"})


def arvancloud_cookie(host: str, path: str, status: int = 307) -> WallPage:
    """The cookie challenge: a redirect to the same URL carrying the cookie a client must send back."""
    return WallPage(status, "text/html", b"", {
        "Server": "ArvanCloud", "Location": path, "Set-Cookie": f"__arcsjs={_ray(host, path)}; Path=/; Max-Age=100"})


def geo(host: str, path: str, status: int = 451) -> WallPage:
    """The site closed to visitors from abroad: 451 naming who blocks, or any status saying so in Persian."""
    body = """<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>عدم دسترسی</title>
</head><body><h1>دسترسی به این وب‌سایت از خارج از کشور امکان‌پذیر نیست</h1>
<p>Access from outside the country is not possible.</p></body></html>"""
    headers = {"Link": f'<http://{host}/legal>; rel="blocked-by"'} if status == 451 else {}
    return WallPage(status, "text/html; charset=utf-8", body.encode(), headers)


def akamai(host: str, path: str, status: int = 403) -> WallPage:
    ref = _ray(host, path)
    body = (f'<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n'
            f'You don\'t have permission to access "http&#58;&#47;&#47;{host}{path}" on this server.<P>\n'
            f'Reference&#32;&#35;18&#46;{ref[:8]}&#46;{ref[8:]}\n'
            f'<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;{ref}</P>\n</BODY>\n</HTML>\n')
    return WallPage(status, "text/html", body.encode(), {"Server": "AkamaiGHost"})


def sucuri(host: str, path: str, status: int = 403) -> WallPage:
    body = """<!DOCTYPE html><html><head><title>Sucuri WebSite Firewall - Access Denied</title></head>
<body><h2>Access Denied - Sucuri Website Firewall</h2><p>Block reason: this request was not allowed.</p>
</body></html>"""
    return WallPage(status, "text/html; charset=UTF-8", body.encode(), {"Server": "Sucuri/Cloudproxy"})


def wall_page(vendor: str, host: str, path: str, status: int | None = None, header: bool = True) -> WallPage:
    """The wall ``vendor`` answers for ``path`` of ``host`` (status: the vendor's usual one unless given)."""
    if vendor not in DEFAULT_STATUS:
        raise ValueError(f"unknown wall vendor {vendor!r}; known: {', '.join(VENDORS)}")
    code = DEFAULT_STATUS[vendor] if status is None else int(status)
    if vendor == "cloudflare":
        return cloudflare(host, path, code, header)
    return {"arvancloud": arvancloud, "arvancloud-cookie": arvancloud_cookie, "geo": geo, "akamai": akamai,
            "sucuri": sucuri}[vendor](host, path, code)
