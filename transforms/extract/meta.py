"""The page's metadata apart from its dates: <meta> tags, trafilatura's metadata rules, the headline without the site
name, authors, the canonical URL."""

from __future__ import annotations

import html as html_lib
from typing import Any
from urllib.parse import urljoin, urlsplit

from akhbar.transforms import trafilatura_adapter as traf
from akhbar.transforms.boilerplate import clean_authors, site_names, strip_site_name
from akhbar.transforms.extract.jsonld import ld_list, ld_text, ld_types


def meta_index(tree: Any) -> dict[str, str]:
    """<meta> content by property / name / itemprop (first non-empty wins), read in one pass."""
    index: dict[str, str] = {}
    for node in tree.iter("meta"):
        content = (node.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = node.get(attr)
            if key:
                index.setdefault(key.strip().lower(), content)
    return index


def meta(index: dict[str, str], *names: str) -> str | None:
    return next((index[n.lower()] for n in names if n.lower() in index), None)



def page_meta(tree: Any, ld_docs: list[Any]) -> Any:
    """trafilatura's own metadata rules, step for step (``<meta>`` tags, JSON-LD, title and byline in
    the page, category and tag links, then its trimming), minus the steps whose results we do not keep
    or read ourselves: htmldate's date search (``_dates`` reads dates), the licence scan, site name and
    URL. Its ``with_metadata`` pass would cost a sixth of the page's time more.

    JSON-LD goes through trafilatura's reader (``extract_json``) but from the documents we parsed
    already: its own ``extract_meta_json`` parses every script again after un-escaping and
    tag-stripping the whole JSON text character by character, which breaks valid JSON holding
    ``&quot;`` and then falls back to regular expressions: a seventh of the page's time on news pages.
    We un-escape the few fields it returns instead."""
    md = traf.examine_meta(tree)
    if md.author and " " not in md.author:  # a single word is a handle, not a byline
        md.author = None
    before = (md.title, md.author, md.categories)
    for doc in ld_docs:
        try:
            md = traf.extract_json(doc, md)
        except Exception:  # trafilatura's JSON-LD reader has its own bugs; ours (ld) still applies
            continue
    if md.title and md.title != before[0]:
        md.title = traf.normalize_json(md.title) or None
    if md.author and md.author != before[1]:
        md.author = traf.normalize_json(md.author) or None
    if md.categories and md.categories != before[2]:
        md.categories = [c for c in (traf.normalize_json(str(x)) for x in md.categories) if c]
    md.title = md.title or traf.extract_title(tree)
    md.author = md.author or traf.extract_author(tree)
    # category links are read only when a section is still missing (see extract_article)
    md.tags = md.tags or traf.extract_catstags("tag", tree)
    md.clean_and_trim()
    return md


def category_links(tree: Any) -> list[str]:
    return traf.extract_catstags("category", tree)


def outlet_names(metas: dict[str, str], ld: dict, objs: list[dict], url: str | None) -> set[str]:
    """The names the page gives its outlet (og:site_name, application-name, JSON-LD publisher or
    Organization/WebSite objects) and its host, for recognising them in titles and bylines."""
    names = [meta(metas, "og:site_name"), meta(metas, "application-name"), meta(metas, "twitter:site")]
    names += [ld_text(ld.get("publisher")) if isinstance(ld.get("publisher"), dict | list) else None]
    names += [ld_text(o.get("name")) for o in objs if ld_types(o) & {"organization", "newsmediaorganization",
                                                                   "website"}]
    return site_names([html_lib.unescape(n).lstrip("@") for n in names if n], urlsplit(url or "").hostname)


def _uncut(form: str, forms: list[str]) -> str:
    """``form``, or the longer form of the page it was cut from: a headline with an unescaped «"» in a
    <meta content="..."> attribute ends at the quote (content="Sieger und "royaler Besuch""), while
    <title>, <h1> and JSON-LD keep it whole."""
    longer = (f for f in forms if len(f) > len(form) and f.startswith(form) and f[len(form):].startswith(' "'))
    return next(longer, form)


#: headline forms in order of trust: og:title is what the outlet shows when the story is shared
#: (measured best against gold on the 225 real pages, see BENCHMARKS.md "Metadata"), then JSON-LD,
#: twitter, the first <h1>, <title>
def headline_title(tree: Any, meta_title: str | None, ld: dict, metas: dict[str, str], names: set[str]) -> str | None:
    """The headline without the site name, section or date the page adds around it."""
    forms = [meta(metas, "og:title"), ld_text(ld.get("headline")), meta(metas, "twitter:title"),
             next((h.text_content() for h in tree.iter("h1")), None), meta_title,
             next((t.text_content() for t in tree.iter("title")), None)]
    forms = [" ".join(html_lib.unescape(f).split()) for f in forms if f and f.strip()]
    forms = [_uncut(f, forms) for f in forms]
    for i, form in enumerate(forms):
        title = strip_site_name(form, names, forms[:i] + forms[i + 1:])
        if title:
            return title
    return None


def page_authors(meta_author: str | None, ld: dict, metas: dict[str, str], names: set[str]) -> list[str]:
    """Authors as the page writes them (JSON-LD author, <meta name=author>), else trafilatura's byline
    (which drops the dot of «د.»), without site names and logo words (boilerplate.clean_authors)."""
    for raw in (ld_list(ld.get("author")), [meta(metas, "author", "article:author", "dc.creator") or ""],
                [meta_author or ""]):
        found = clean_authors([html_lib.unescape(a) for a in raw if not a.startswith(("http://", "https://"))],
                              names)
        if found:
            return found
    return []



def canonical_of(tree: Any, url: str | None, metas: dict[str, str], notes: list[str]) -> str | None:
    """rel=canonical, else og:url (from the meta index), made absolute; None when not http(s) or not a URL
    (a malformed IPv6 host: noted; transforms.identity.canonical_url judges the rest)."""
    hrefs = (link.get("href") or "" for link in tree.iter("link")
             if "canonical" in (link.get("rel") or "").lower().split())
    found = next((h.strip() for h in hrefs if h.strip()), None) or metas.get("og:url")
    if not found:
        return None
    try:
        absolute = urljoin(url or "", found)
    except ValueError as exc:
        notes.append(f"canonical: {found[:100]!r} is no URL ({exc})")
        return None
    return absolute if absolute.startswith(("http://", "https://")) else None


