"""The page's metadata apart from its dates: <meta> tags, trafilatura's metadata rules, the headline without the site
name, authors, the canonical URL."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath

from akhbar.transforms import trafilatura_adapter as traf
from akhbar.transforms.boilerplate import (
    BYLINE_OPENS,
    byline_names,
    clean_authors,
    site_names,
    strip_site_name,
    word_key,
)
from akhbar.transforms.extract.jsonld import ld_list, ld_text, ld_types
from akhbar.transforms.thresholds import EXTRACTION


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
    h1 = next((" ".join(h.text_content().split()) for h in tree.iter("h1") if h.text_content().strip()), None)
    for i, form in enumerate(forms):
        title = strip_site_name(form, names, forms[:i] + forms[i + 1:])
        if title:
            return _as_printed(title, h1)
    return None


def _as_printed(title: str, h1: str | None) -> str:
    """The visible <h1> when it is ``title`` as the reader sees it: the same words in another order (BBC's og:title
    fronts a name with a colon), or with punctuation the shared forms dropped («"شعر وردي يُشعل السخرية"… لغز …»
    loses its quotes in og:title). Not when the two differ in any other character: the <h1> may lose a colon
    between its spans, or print typographic quotes where the gold keeps the outlet's own."""
    if not h1 or h1 == title or not word_key(title):
        return title
    if sorted(word_key(h1).split()) != sorted(word_key(title).split()):
        return title
    if word_key(h1) != word_key(title) or _holds_in_order(h1, title):
        return h1
    return title


def _holds_in_order(longer: str, shorter: str) -> bool:
    """``shorter`` is ``longer`` with some characters left out."""
    rest = iter(longer)
    return all(c in rest for c in shorter)


#: an author's element hidden by its page (a theme's "show author: off" still writes the vcard): candidates chosen in
#: C by a cheap substring test, the style read in Python (_HIDING)
_HIDDEN = XPath("//body//*[@hidden or contains(@style, 'none') or contains(@style, 'hidden')]")
_HIDING = re.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")
_SCRIPTS = XPath("//body//script | //body//style | //body//template | //body//noscript")
#: the texts read for a printed byline: the first ones after the headline (or, without one, the body's first ones),
#: scripts and styles left out; a byline sits right under the headline («<span class="writeBy">كتبت أسماء نصار»)
_AFTER_HEADLINE = XPath("(//h1)[1]/following::text()[normalize-space()][not(parent::script or parent::style)]"
                        "[position() <= $n]")
_BODY_TEXTS = XPath("//body//text()[normalize-space()][not(parent::script or parent::style)][position() <= $n]")
_BYLINE_TEXTS = EXTRACTION.byline_search_texts
_BYLINE_CHARS = EXTRACTION.byline_max_chars
_EDGE = EXTRACTION.edge_lines


def _ld_people(value: object) -> list[str]:
    """JSON-LD author names, without the Organization objects some pages put there (the outlet)."""
    if isinstance(value, list):
        return [x for v in value for x in _ld_people(v)]
    if isinstance(value, dict) and ld_types(value) & {"organization", "newsmediaorganization", "corporation"}:
        return []
    return ld_list(value)


class _Hidden:
    """What the page hides, read only as far as a name needs it: most names are in no hidden element, and the
    body's whole text is read only for one that is."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self._hidden: str | None = None
        self._rest: tuple[str, str] | None = None

    def only_there(self, name: str) -> bool:
        """The page writes ``name`` in its body, but only inside hidden elements (and scripts): it chose not to
        print it. A name in scripts only is left alone: pages render bylines from their scripts too."""
        if self.tree is None:
            return False
        if self._hidden is None:
            nodes = [n for n in _HIDDEN(self.tree)
                     if n.get("hidden") is not None or _HIDING.search(n.get("style") or "")]
            hidden = set(nodes)  # the outermost ones only: a hidden block's hidden parts are counted once
            self._hidden = "\n".join(" ".join(n.text_content().split()) for n in nodes
                                     if not any(a in hidden for a in n.iterancestors()))
        inside = self._hidden.count(name)
        if not inside:
            return False
        if self._rest is None:
            body = self.tree.find(".//body") if self.tree.tag != "body" else self.tree
            self._rest = (" ".join(body.text_content().split()) if body is not None else "",
                          "\n".join(" ".join(n.text_content().split()) for n in _SCRIPTS(self.tree)))
        whole, scripts = self._rest
        return whole.count(name) <= inside + scripts.count(name)


def markup_bylines(tree: Any, names: set[str]) -> list[str]:
    """The first printed byline under the headline («<span class="writeBy">كتبت أسماء نصار</span>»): a text that
    opens with a byline word, read with the rest of its element («كتبت <a>أسماء نصار</a>»)."""
    texts = _AFTER_HEADLINE(tree, n=_BYLINE_TEXTS) if tree.find(".//h1") is not None else \
        _BODY_TEXTS(tree, n=_BYLINE_TEXTS)
    for text in texts:
        if not BYLINE_OPENS(text.lstrip()):
            continue
        node = text.getparent()
        line = " ".join(node.text_content().split()) if not text.is_tail else " ".join(str(text).split())
        found = byline_names(line, names) if len(line) <= _BYLINE_CHARS else []
        if found:
            return found
    return []


def edge_bylines(lines: list[str], names: set[str]) -> list[str]:
    """A byline line among the body's first and last lines («حوار: آسيا العتروس» opening an interview); the
    first lines may still hold the headline and its kicker, so two more are read there."""
    for line in [*lines[:_EDGE + 2], *lines[-_EDGE:]]:
        found = byline_names(line, names)
        if found:
            return found
    return []


def page_authors(meta_author: str | None, ld: dict, metas: dict[str, str], names: set[str], tree: Any = None,
                 lines: list[str] = ()) -> list[str]:
    """Authors as the page writes them, from the first source that names a person: JSON-LD author, the <meta>
    author tags one by one, a byline line at the body's edge (``lines``), a printed byline under the headline,
    trafilatura's byline (its reading of the same <meta> tags, or of the page's author elements), and last
    trafilatura's author elements read again (when its byline was only the metadata we refused). Each source is
    cleaned (boilerplate.clean_authors: no site name, slogan, organisation, URL piece or single word), and a name
    the page prints only in hidden markup is no byline."""
    hidden = _Hidden(tree)
    refused: list[str] = []  # values that named nobody: trafilatura strips «Developed By» off «Heba Musa»

    def trafilatura_byline() -> list[str]:
        keys = [word_key(r) for r in refused]
        return [a for a in (meta_author or "").split(";") if not any(word_key(a) in k for k in keys if k)]

    steps = [
        lambda: _ld_people(ld.get("author")),
        *(lambda k=k: [meta(metas, k) or ""] for k in ("author", "article:author", "dc.creator")),
        lambda: edge_bylines(list(lines), names),
        lambda: markup_bylines(tree, names) if tree is not None else [],
        trafilatura_byline,
        lambda: [traf.extract_author(tree) or ""] if tree is not None and refused and meta_author else [],
    ]
    for step in steps:
        raw = [html_lib.unescape(a) for a in step() if not a.startswith(("http://", "https://"))]
        found = [a for a in clean_authors(raw, names) if not hidden.only_there(a)]
        if found:
            return found
        refused += [a for a in raw if a.strip()]
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


