"""An article page's requisites: what replay needs to show the page as it looked (its lead image, its stylesheets).

After an article response the spider asks for them (:class:`RequisitePlan`), each URL once per crawl, through the
crawl's own middlewares (robots.txt, domain and address guards, retries, the WARC file), at a lower priority than
pages and with a size cap of their own (``download_maxsize``). Their crawl-log lines and WARC records are kind
``requisite``: never an article row, never an article page of the quality gate. Bounded per page and per crawl
(``AKHBAR_REQUISITES_PER_PAGE``, ``AKHBAR_REQUISITES_PER_NIGHT``, ``AKHBAR_REQUISITE_MAX_BYTES``, akhbar.settings),
and counted in the outlet's ``max_requests`` (requests of any kind) like every other request. A host outside
the outlet's domains (an image CDN) is asked only when the outlet's ``[crawl] requisite_domains`` names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from akhbar.outlets.registry import Outlet

#: the crawl-log and WARC kind of a requisite
REQUISITE = "requisite"
#: Scrapy setting names of the caps (akhbar.settings passes them; crawler.settings holds the defaults)
PER_PAGE_SETTING = "AKHBAR_REQUISITES_PER_PAGE"
PER_NIGHT_SETTING = "AKHBAR_REQUISITES_PER_NIGHT"
MAX_BYTES_SETTING = "AKHBAR_REQUISITE_MAX_BYTES"
#: below article pages in Scrapy's queue: the night's pages are asked for first
PRIORITY = -10


def page_requisites(body: bytes, url: str) -> list[str]:
    """The lead image (``og:image``, else the first image in the article or body) and the stylesheets of an HTML
    page, absolute, http(s) only, image first, each once. An unparsable page has none."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    base = next(iter(tree.xpath("//base/@href")), url)
    image = tree.xpath("//meta[@property='og:image' or @name='og:image']/@content") or \
        tree.xpath("(//article//img/@src)[1]") or tree.xpath("(//body//img/@src)[1]")
    sheets = tree.xpath("//link[contains(concat(' ', normalize-space(translate(@rel, 'STYLEHET', 'stylehet')), ' '),"
                        " ' stylesheet ')]/@href")
    found = [urljoin(urljoin(url, base), u.strip()) for u in [*image[:1], *sheets] if u and u.strip()]
    return [u for u in dict.fromkeys(found) if urlsplit(u).scheme in ("http", "https")]


@dataclass(frozen=True)
class Refusal:
    """A requisite not asked for, and the crawl-log outcome and reason it is logged with."""

    url: str
    outcome: str
    reason: str


@dataclass
class RequisitePlan:
    """Which requisites of each article page a crawl asks for: each URL once, at most ``per_page`` a page and
    ``per_night`` in all, from the outlet's domains or its allowed CDNs."""

    outlet: Outlet
    per_page: int
    per_night: int
    seen: set[str] = field(default_factory=set)
    asked: int = 0
    capped: bool = False  # the per-night cap was reached (logged once)

    def plan(self, urls: list[str]) -> tuple[list[str], list[Refusal]]:
        """(the URLs to ask for, the refusals to log) for one page's requisites."""
        take: list[str] = []
        refused: list[Refusal] = []
        for url in urls[:self.per_page]:
            if url in self.seen:
                continue
            self.seen.add(url)
            host = urlsplit(url).hostname or ""
            if not self.outlet.in_requisite_domains(host):
                refused.append(Refusal(url, "offsite", f"{host} is outside allowed_domains and [crawl] "
                                                       "requisite_domains (an off-site CDN)"))
            elif self.asked >= self.per_night:
                if not self.capped:
                    self.capped = True
                    refused.append(Refusal(url, "capped", f"{PER_NIGHT_SETTING} {self.per_night} reached: "
                                                          "no more requisites this crawl (this one first)"))
            else:
                self.asked += 1
                take.append(url)
        return take, refused
