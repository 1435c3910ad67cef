"""Articles that change after they were published: edits, deletions and conditional requests on the test web.

The default sites serve every article as first published. A test revisiting them sets what changed since, as
an explicit «now» (the state of the site when the revisit runs), between two revisit runs:

- ``web.revise(slug, path, title=…)``: the headline changes; ``modified=…`` moves the page's dateModified with it
  (``modified=None``, the default, leaves dateModified as it was: a stealth edit);
- ``web.revise(slug, path, drop_paragraph=i)``: paragraph ``i`` is removed;
- ``web.revise(slug, path, figure=True)``: the first number of the body changes (dateModified unchanged);
- ``web.delete(slug, path, how)``: the page turns ``404``, ``410``, a ``soft404`` (status 200, «page not found»)
  or a redirect to the ``home`` page; ``web.restore(slug, path)`` brings it back as it was before the deletion;
- ``web.unlist(slug, path)``: the site's sitemaps stop listing the page (it stays online); sitemaps give a revised
  page's new dateModified as its ``lastmod`` (``sitemap_lastmod=False`` in ``revise``: they keep the old one, as a
  cached sitemap does), the feed gives it as the item's ``atom:updated``, with the new headline;
- ``web.conditional(slug)``: the site sends ``ETag`` and ``Last-Modified`` with its article pages and answers
  ``304 Not Modified`` to a matching ``If-None-Match`` (else ``If-Modified-Since``); the other sites ignore
  conditional requests and send no validators, as many news sites do.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Literal

from akhbar.testweb.content import Article

#: how a deleted article answers
GoneMode = Literal["404", "410", "soft404", "home"]
_NUMBER = re.compile(r"[0-9۰-۹٠-٩]+")


@dataclass(frozen=True)
class Revision:
    """What changed on one article page since it was first published."""

    title: str | None = None
    drop_paragraph: int | None = None
    figure: bool = False
    #: the page's new dateModified (local time of the site); None: as first published
    modified_local: datetime | None = None
    gone: GoneMode | None = None
    #: whether the site's sitemaps show the new dateModified as the page's lastmod (False: a cached sitemap that keeps
    #: the old one, so only the feed tells of the change)
    sitemap_lastmod: bool = True


def _changed_figure(paragraphs: list[str]) -> list[str]:
    """The body with its first number changed (a casualty count, a price): «۱۲» becomes «۱۷», «12» «17»."""
    out = list(paragraphs)
    for i, p in enumerate(out):
        m = _NUMBER.search(p)
        if m:
            digits = m.group()
            last = int(digits[-1].translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")))
            new_last = str((last + 5) % 10)
            for table in ("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"):  # keep the script the page writes digits in
                if digits[-1] in table:
                    new_last = table[int(new_last)]
            out[i] = p[: m.end() - 1] + new_last + p[m.end():]
            return out
    raise ValueError("no number in the article's body to change")


class Revisions:
    """The changes set on the test web's articles and which sites honour conditional requests (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._revised: dict[tuple[str, str], Revision] = {}
        self._before_gone: dict[tuple[str, str], Revision] = {}
        self.conditional_sites: set[str] = set()
        self.unlisted: set[tuple[str, str]] = set()

    def revise(self, slug: str, path: str, **change: object) -> None:
        with self._lock:
            key = (slug, path)
            self._revised[key] = replace(self._revised.get(key, Revision()), **change)  # type: ignore[arg-type]

    def delete(self, slug: str, path: str, how: GoneMode) -> None:
        with self._lock:
            key = (slug, path)
            current = self._revised.get(key, Revision())
            if current.gone is None:
                self._before_gone[key] = current
            self._revised[key] = replace(current, gone=how)

    def restore(self, slug: str, path: str) -> None:
        with self._lock:
            key = (slug, path)
            self._revised[key] = self._before_gone.pop(key, replace(self._revised.get(key, Revision()), gone=None))

    def revision(self, slug: str, path: str) -> Revision | None:
        with self._lock:
            return self._revised.get((slug, path))

    def current(self, slug: str, art: Article) -> Article:
        """The article as the site lists it now (a deleted one as it was: listings are not the deletion's concern)."""
        revision = self.revision(slug, art.path)
        return art if revision is None or revision.gone is not None else self.apply(art, revision)

    def apply(self, art: Article, revision: Revision) -> Article:
        """The article as the site serves it now."""
        paragraphs = list(art.paragraphs)
        if revision.drop_paragraph is not None:
            del paragraphs[revision.drop_paragraph]
        if revision.figure:
            paragraphs = _changed_figure(paragraphs)
        path = art.path  # the URL stays the one first published, whatever the new headline would slugify to
        changed = replace(art, title=revision.title or art.title, paragraphs=paragraphs,
                          modified_local=revision.modified_local or art.modified_local)
        changed.__dict__["path"] = path  # cached_property: pin it
        return changed


def revised_sitemap(xml: str, slug: str, base: str, revisions: Revisions) -> str:
    """A sitemap as the site serves it now: unlisted pages left out, a revised page's lastmod its new dateModified."""
    def entry(found: re.Match[str]) -> str:
        block = found.group(0)
        loc = re.search(r"<loc>([^<]+)</loc>", block)
        path = loc.group(1).removeprefix(base) if loc else ""
        if (slug, path) in revisions.unlisted:
            return ""
        revision = revisions.revision(slug, path)
        if revision is not None and revision.modified_local is not None and revision.sitemap_lastmod:
            block = re.sub(r"<lastmod>[^<]*</lastmod>", f"<lastmod>{revision.modified_local.isoformat()}</lastmod>",
                           block)
        return block

    return re.sub(r"<url>.*?</url>\n?", entry, xml, flags=re.DOTALL)


def validators(body: bytes, last_modified: datetime) -> dict[str, str]:
    """ETag (the body's hash) and Last-Modified (the page's last stated change) of an article response."""
    return {"ETag": '"' + hashlib.sha1(body).hexdigest()[:16] + '"',
            "Last-Modified": format_datetime(last_modified.astimezone(UTC), usegmt=True)}


def not_modified(request_headers: Mapping[str, str], sent: Mapping[str, str]) -> bool:
    """RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since against Last-Modified."""
    inm = request_headers.get("If-None-Match")
    if inm is not None:
        return sent.get("ETag") in {t.strip() for t in inm.split(",")} or inm.strip() == "*"
    ims = request_headers.get("If-Modified-Since")
    if ims is None or "Last-Modified" not in sent:
        return False
    try:
        return parsedate_to_datetime(sent["Last-Modified"]) <= parsedate_to_datetime(ims)
    except (TypeError, ValueError):
        return False
