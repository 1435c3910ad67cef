"""Article body and metadata from one HTML page: the function the pipeline, the CLI and the
benchmark all call.

The page is decoded once (transforms.encoding) and parsed once into an lxml tree that body,
metadata and date extraction share; JSON-LD is parsed once too. The body comes from trafilatura,
with these repairs:

- ZWNJ: trafilatura's sanitiser drops every non-printable character and Python counts ZWNJ
  (U+200C, category Cf) as one, so «گفت‌وگو» would come out as «گفتوگو». Invisible joiners are
  swapped for rare printable placeholders before parsing and swapped back in every output string.
- Completeness: when JSON-LD ``articleBody`` holds clearly more of the story than trafilatura's
  result, or that result is short, a recall-oriented pass or the JSON-LD body is used instead; a
  story split into sibling containers of one class (ads between them) gets its other parts back;
  the standfirst (lead paragraph) that trafilatura drops with the header it sits in comes back
  first, found as the visible copy of the page's description.
- Boilerplate: before trafilatura, blocks that are not the article (fact boxes, social embeds,
  teaser link lists, further articles appended below it) are cut from the tree; after it, repeated
  template lines and the Persian/Arabic related-news lists, tag lines, prompts and credit lines go
  (transforms.boilerplate); the credit is returned apart. The headline repeated at the top (in any
  of its forms, with its kicker), byline, date and counter lines at the edges and a closing
  copyright line are metadata, not text.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from lxml import html as lxml_html
from lxml.etree import ParserError, XPath

from akhbar.transforms import trafilatura_adapter as traf
from akhbar.transforms.boilerplate import (
    clean_authors,
    clean_lines,
    drop_related_blocks,
    drop_repeated_lines,
    may_hold_list_labels,
    prune_blocks,
    site_names,
    split_tags,
    strip_site_name,
    trim_edges,
    word_key,
)
from akhbar.transforms.dates import ParsedDate, is_copyright, numeric_day_forms, parse_date, year_forms
from akhbar.transforms.encoding import decode_page, is_refused_type
from akhbar.transforms.language import detect_language
from akhbar.transforms.normalize import tokens
from akhbar.transforms.thresholds import EXTRACTION

EXTRACTOR_VERSION = "akhbar-extract-6 (trafilatura " + traf.VERSION + ")"

#: invisible characters trafilatura would drop -> printable stand-ins from scripts no news page uses
_PROTECT = {"\u200c": "\u16a0", "\u200d": "\u16a2"}
_ALT_PROTECT = {"\u200c": "\u2c80", "\u200d": "\u2c82"}  # used when a page contains the first set
_ZWNJ_ENTITY = re.compile(r"&(?:zwnj|#8204|#x200c);", re.I)
_ZWJ_ENTITY = re.compile(r"&(?:zwj|#8205|#x200d);", re.I)
#: a body shorter than this (characters) sends us to the fallbacks
_SHORT = EXTRACTION.short_body_chars
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "socialmediaposting", "report", "webpage",
                  "liveblogposting", "scholarlyarticle", "techarticle"}


class ExtractionError(ValueError):
    """The page is not an article page we can extract (not HTML, empty, no text)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Extracted:
    title: str | None
    text: str
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    image: str | None = None
    source_credit: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    #: where published_at came from (one of DATE_SOURCES) and every date signal seen, «source=ISO»
    date_source: str | None = None
    date_signals: list[str] = field(default_factory=list)
    language: str | None = None
    canonical_url: str | None = None
    encoding: str | None = None
    #: invalid bytes repaired while decoding (transforms.encoding.Decoded.repairs)
    decode_repairs: int = 0
    #: parts of the page left unread and why (a JSON-LD script too deep or too big, a malformed canonical)
    notes: list[str] = field(default_factory=list)


# -- helpers ---------------------------------------------------------------------------------------
class _Joiners:
    """Placeholder swap for ZWNJ/ZWJ around trafilatura."""

    def __init__(self, page: str) -> None:
        self.map = _PROTECT if not any(v in page for v in _PROTECT.values()) else _ALT_PROTECT

    def protect(self, page: str) -> str:
        # str.replace, not str.translate with a dict: the latter is ~100x slower on a whole page
        if "&" in page:
            page = _ZWJ_ENTITY.sub("\u200d", _ZWNJ_ENTITY.sub("\u200c", page))
        for char, stand_in in self.map.items():
            page = page.replace(char, stand_in)
        return page

    def restore(self, s: str | None) -> str | None:
        if s:
            for char, stand_in in self.map.items():
                s = s.replace(stand_in, char)
        return s


def _tokens(s: str | None) -> list[str]:
    return tokens(s.lower()) if s else []


def _coverage(part: str | None, whole: str | None, ignore: str = "") -> float:
    """Share of ``whole``'s distinct tokens that ``part`` contains (a set, so a body that JSON-LD
    repeats twice is not mistaken for a longer one); tokens of ``ignore`` (text we removed on
    purpose) do not count as missing."""
    w = set(_tokens(whole)) - set(_tokens(ignore))
    if not w:
        return 1.0
    return len(w & set(_tokens(part))) / len(w)


#: JSON-LD is read only this deep and this big: real pages nest 9 levels at most and hold at most ~17k values
#: in one script (the 225 real pages); deeper or bigger is an accident (or an attack) and is skipped
_LD_MAX_DEPTH = 64
_LD_MAX_NODES = 100_000
_CDATA_OPEN = re.compile(r"(?:/\*|//)?\s*<!\[CDATA\[(?:\s*\*/)?")


def _uncdata(raw: str) -> str:
    """``raw`` (stripped) without the «//<![CDATA[ … //]]>» wrapper of XHTML pages. The end is cut with string
    tests: a regular expression searched for it over the whole script was quadratic on a run of spaces."""
    opening = _CDATA_OPEN.match(raw)
    if opening:
        raw = raw[opening.end():]
    tail = raw.rstrip()
    if tail.endswith("*/") and tail[:-2].rstrip().endswith("]]>"):
        tail = tail[:-2].rstrip()
    if not tail.endswith("]]>"):
        return raw
    tail = tail[:-3].rstrip()
    return tail[:-2] if tail.endswith(("//", "/*")) else tail


def _ld_shape(doc: Any) -> str | None:
    """Why a decoded JSON-LD document is too deep or too big to read (None: it is fine), found without
    recursion: every reader after this one (ours and trafilatura's) recurses through it."""
    stack, nodes = [(doc, 1)], 0
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if depth > _LD_MAX_DEPTH:
            return f"nested deeper than {_LD_MAX_DEPTH} levels"
        if nodes > _LD_MAX_NODES:
            return f"more than {_LD_MAX_NODES} values"
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return None


def _decode_ld(raw: str) -> Any:
    """One JSON-LD script decoded (a CDATA-wrapped one too); ValueError or RecursionError when it is not JSON
    or too deep for the decoder (CPython's decoder stops at the recursion limit, with the stack intact)."""
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        if "<![CDATA[" not in raw:
            raise
        return json.loads(_uncdata(raw), strict=False)


def _jsonld_documents(tree: Any, notes: list[str] | None = None) -> list[Any]:
    """Each JSON-LD script of the page, parsed once (body, metadata and dates all read these); one too deep
    or too big is skipped with a note in ``notes``, a broken one silently (common and harmless)."""
    docs = []
    scripts = tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]')
    for i, script in enumerate(scripts, start=1):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            doc = _decode_ld(raw)
        except ValueError:
            continue
        except RecursionError:
            why: str | None = "nested too deep to decode"
        else:
            why = _ld_shape(doc)
        if why is None:
            docs.append(doc)
        elif notes is not None:
            notes.append(f"jsonld: script {i} of {len(scripts)} skipped ({why})")
    return docs


def _jsonld_objects(docs: list[Any]) -> list[dict]:
    """Every object of the documents reached through lists, @graph, mainEntity and itemListElement (the
    documents are bounded by _ld_shape, so the walk is too)."""
    found: list[dict] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            found.append(node)
            for key in ("@graph", "mainEntity", "itemListElement"):
                if key in node:
                    walk(node[key])

    walk(docs)
    return found


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {str(v).lower() for v in values if v}


def _article_ld(objs: list[dict]) -> dict:
    """The JSON-LD object describing the article (the one with articleBody first)."""
    arts = [o for o in objs if _types(o) & _ARTICLE_TYPES]
    arts.sort(key=lambda o: (bool(o.get("articleBody")), "webpage" not in _types(o)), reverse=True)
    return arts[0] if arts else {}


def _ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return next((v for v in (_ld_text(x) for x in value) if v), None)
    if isinstance(value, dict):
        return _ld_text(value.get("name") or value.get("url") or value.get("@id"))
    return None


def _ld_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[,،]", value) if v.strip()]
    if isinstance(value, list):
        return [x for v in value for x in _ld_list(v)]
    if isinstance(value, dict):
        name = _ld_text(value)
        return [name] if name else []
    return []


def _meta_index(tree: Any) -> dict[str, str]:
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


def _meta(index: dict[str, str], *names: str) -> str | None:
    return next((index[n.lower()] for n in names if n.lower() in index), None)


def _body_paragraphs(text: str) -> list[str]:
    """articleBody as paragraphs: it may hold HTML, or plain text with line breaks."""
    if "<" in text and ">" in text:
        try:
            frag = lxml_html.fromstring(f"<div>{text}</div>")
            text = "\n".join(t.strip() for t in frag.xpath("//text()"))
        except (ParserError, ValueError):
            pass
    else:
        text = html_lib.unescape(text)  # plain-text bodies still carry entities (&#8217;)
    return list(dict.fromkeys(p.strip() for p in text.splitlines() if p.strip()))


# -- dates -----------------------------------------------------------------------------------------
#: where ``published_at`` came from (``Extracted.date_source``), in order of precedence: the page's
#: structured data, its <time> elements, the date printed near the headline, the URL's full date, and
#: last htmldate's guess (called only when none of the others gave a date)
DATE_SOURCES = ("jsonld", "meta", "time", "text", "url", "htmldate")
_PUBLISHED_META = ("article:published_time", "og:published_time", "og:article:published_time", "datePublished",
                   "pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date",
                   "dcterms.created", "dcterms.issued", "DC.date.issued", "dc.date.created", "dcterms.date",
                   "dc.date", "date", "article.published", "article:published", "cXenseParse:recs:publishtime",
                   "article:published:time")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "dateModified", "last-modified", "lastmod",
                  "dcterms.modified", "article.updated", "article:modified:time")
#: the attributes that make an element a date node, in document order, found in one pass in C (an XPath
#: testing contains() on every element, or a Python loop over them, costs two to three times as much)
_DATE_ATTRS = XPath('descendant-or-self::*/@class[contains(., "date") or contains(., "time") or contains(., "publish")'
                    ' or contains(., "byline")] | descendant-or-self::*/@id[contains(., "date")]'
                    ' | descendant-or-self::time/@datetime | descendant-or-self::*/@itemprop[. = "datePublished"]')
#: a date/byline box is a short one: normalize-space(.) under this many characters
_BOX_CHARS = EXTRACTION.date_box_chars
_XML_SPACE = re.compile(r"[ \t\r\n]+")
#: a box that shows today's date (site furniture, the same on every page), not the story's date
_WIDGET = re.compile(r"today|date-?now|current-?date|top-?bar|header-?date|site-?date|clock|weather|ticker|footer",
                     re.I)
#: a box holding another date than the story's: its update, a comment's, a related story's
_OTHER = re.compile(r"modif|update|comment|related", re.I)
_FURNITURE = {"header", "nav", "footer", "aside"}
#: a date before the headline is the story's when both sit in one box at most this far above the <h1>
_NEAR_H1 = EXTRACTION.date_near_h1_levels
#: date nodes read per kind (teaser lists hold hundreds) and refusals kept as evidence
_MAX_DATE_NODES = EXTRACTION.max_date_nodes
_MAX_REFUSED = EXTRACTION.max_refused_dates
_URL_DATE = re.compile(r"/(\d{4})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?=[/_.-]|$)|/(20\d{2})(\d{2})(\d{2})(?=[/_.-]|$)")
#: dates outside this range are not a story's (a placeholder 1970, a template's 2099)
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_AHEAD = timedelta(days=2)


@dataclass(frozen=True)
class PageDates:
    published: datetime | None
    modified: datetime | None
    source: str | None
    #: the evidence, «source=UTC ISO» (with a note when a signal was weak, refused or re-read)
    signals: list[str]


def _htmldate(tree: Any, url: str | None) -> str | None:
    """htmldate's day for the page, as trafilatura's metadata pass would find it. htmldate copies an
    HtmlElement itself before it cleans it (one copy, not two); anything else is copied here."""
    from copy import deepcopy

    from htmldate import find_date
    from lxml.html import HtmlElement

    return find_date(tree if isinstance(tree, HtmlElement) else deepcopy(tree),
                     **{**traf.date_params(), "url": url})


def _headline_node(tree: Any) -> Any | None:
    """The story's <h1>: the first inside an <article>, else the first outside the site header (a
    logo in an <h1> is not a headline)."""
    heads = list(tree.iter("h1"))
    inside = (h for h in heads if any(a.tag == "article" for a in h.iterancestors()))
    clear = (h for h in heads if not any(a.tag in _FURNITURE for a in h.iterancestors()))
    found = next(inside, None)
    return found if found is not None else next(clear, None)


def _story_box(tree: Any, h1: Any | None) -> Any | None:
    """The element holding the story: the <article> with the headline (the only one, when the page
    has no <h1>); None when the headline stands outside every <article> (those are teasers)."""
    if h1 is not None:
        return next((a for a in h1.iterancestors() if a.tag == "article"), None)
    return next(tree.iter("article"), None)


def _near_headline(node: Any, h1: Any) -> bool:
    """``node`` and the headline share a box a few levels above the <h1>, not the page's body."""
    above = {id(a): i for i, a in enumerate(h1.iterancestors())}
    common = next((a for a in node.iterancestors() if id(a) in above), None)
    return common is not None and common.tag not in ("body", "html") and above[id(common)] < _NEAR_H1


def _refusal(node: Any, box: Any | None, h1: Any | None, order: dict[Any, int]) -> str | None:
    """Why a date node is not the story's: "widget" (site furniture: a «today» box, a header/nav
    outside the story), "teaser" (a link, another <article>, an update or related box) or None
    when it belongs to the story (inside its <article>, near or after the headline)."""
    chain = [node, *node.iterancestors()]
    marks = [f"{n.get('class') or ''} {n.get('id') or ''}" for n in chain]
    if any(_WIDGET.search(m) for m in marks):
        return "widget"
    if any(_OTHER.search(m) for m in marks) or any(n.tag == "a" or (n.tag == "article" and n is not box)
                                                   for n in chain):
        return "teaser"
    if box is not None and any(n is box for n in chain):
        return None
    if h1 is not None and _near_headline(node, h1):
        return None
    if any(n.tag in _FURNITURE for n in chain):
        return "widget"
    if h1 is None:
        return None
    if not order:
        order.update((n, i) for i, n in enumerate(h1.getroottree().iter()))
    return None if order.get(node, 0) > order.get(h1, 0) else "widget"


def _is_box(node: Any) -> bool:
    """The element's normalized text is short enough for a date/byline box. It is counted only until it
    is too long: a wrapper with «update» in its class holds the whole page."""
    chunks, solid = [], 0
    for chunk in node.itertext():
        chunks.append(chunk)
        solid += len(chunk) - chunk.count(" ") - chunk.count("\t") - chunk.count("\r") - chunk.count("\n")
        if solid >= _BOX_CHARS:
            return False
    return len(_XML_SPACE.sub(" ", "".join(chunks)).strip(" \t\r\n")) < _BOX_CHARS


def _date_nodes(root: Any) -> tuple[list[Any], list[Any]]:
    """(the <time datetime> and itemprop=datePublished elements, the date/byline boxes) under ``root``,
    each in document order (an element may be both)."""
    times: list[Any] = []
    boxes: list[Any] = []
    last = None
    for attr in _DATE_ATTRS(root):
        node = attr.getparent()
        if node is last:  # an element's attributes come together
            continue
        last = node
        if (node.tag == "time" and node.get("datetime") is not None) or (
                node.get("itemprop") == "datePublished" and node.tag != "meta"):
            times.append(node)
        cls, ident = node.get("class") or "", node.get("id") or ""
        if ("date" in cls or "time" in cls or "publish" in cls or "byline" in cls or "date" in ident) and _is_box(node):
            boxes.append(node)
    return times, boxes


def _headline_region(h1: Any | None, box: Any | None) -> Any | None:
    """The smallest element holding every date node _refusal accepts before or around the headline:
    the story box and the boxes up to _NEAR_H1 levels above the <h1>. An accepted node outside it
    comes after it in the page, so the first accepted node inside it is the first of the page."""
    if h1 is None:
        return None
    region = None
    for i, above in enumerate(h1.iterancestors()):
        if i >= _NEAR_H1 or above.tag in ("body", "html"):
            break
        region = above
    if box is not None and (region is None or any(a is box for a in region.iterancestors())):
        region = box
    return region


#: how far _visible_dates reads: the headline's region, then the rest of the page for a kind of date the
#: region lacks (PAGE); the region only (REGION)
PAGE, REGION = 2, 1


def _visible_dates(tree: Any, tz: str | None, reach: int = PAGE) -> tuple[
        ParsedDate | None, ParsedDate | None, list[tuple[str, ParsedDate]]]:
    """(first story <time>/itemprop date, first date printed in the story's date/byline boxes, the
    dates refused, with why). The region around the headline is read first, then with ``reach`` PAGE
    the rest of the page for a kind of date the region lacks (also with REGION on a page without a
    headline); with REGION a widget or teaser date elsewhere is not listed."""
    h1 = _headline_node(tree)
    box = _story_box(tree, h1)
    order: dict[Any, int] = {}  # document order, built only for a date outside the story box (costly)
    refused: list[tuple[str, ParsedDate]] = []

    def first(nodes: list[Any], attrs: bool) -> ParsedDate | None:
        for node in nodes[:_MAX_DATE_NODES]:
            seen = (node.get("datetime") or node.get("content") if attrs else None) or node.text_content()
            if not seen or not seen.strip() or is_copyright(seen):
                continue
            found = parse_date(seen, tz=tz)
            if found is None:
                continue
            why = _refusal(node, box, h1, order)
            if why is None:
                return found
            refused.append((why, found))
        return None

    region = _headline_region(h1, box)
    time_node = text_node = None
    if region is not None:
        times, boxes = _date_nodes(region)
        time_node, text_node = first(times, True), first(boxes, False)
    if (time_node is None or text_node is None) and (reach == PAGE or region is None):
        # a kind the region lacks is looked for page-wide (the region's refusals come again: notes are
        # deduplicated); a kind found there is kept, even behind more teaser dates than are read page-wide
        times, boxes = _date_nodes(tree)
        time_node = time_node or first(times, True)
        text_node = text_node or first(boxes, False)
    return time_node, text_node, refused


def _url_date(url: str | None, tz: str | None) -> tuple[ParsedDate | None, str | None]:
    """The full date in the URL's path (/2024/05/03/, /20240503/, Solar /1403/10/18/), or a note
    on a year-month alone, which dates no story."""
    if not url:
        return None, None
    m = _URL_DATE.search(urlsplit(url).path)
    if not m:
        return None, None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    if d is None:
        return None, f"url={y}-{int(mo):02d} (year-month only: not a date)"
    return parse_date(f"{y}-{int(mo):02d}-{int(d):02d}", tz=tz), None


def _relabelled(chosen: ParsedDate, text: ParsedDate | None, tz: str | None) -> ParsedDate | None:
    """The chosen structured time re-read in the outlet's timezone when it is the local time the page
    prints but labelled UTC (or another offset): Egyptian sites write «14:30Z» for «٢:٣٠ م» Cairo."""
    if not (tz and text and chosen.labelled and chosen.has_time and text.has_time and not text.labelled):
        return None
    if chosen.wall.replace(second=0) != text.wall.replace(second=0) or chosen.utc == text.utc:
        return None
    return ParsedDate(chosen.wall.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC), chosen.wall, True, False)


def _may_be_relabelled(d: ParsedDate, tz: str | None) -> bool:
    """A printed time could show that ``d``'s offset is wrong (_relabelled): only when the outlet's own
    offset at that time is another one (a printed local time equal to the wall-clock is then the same moment)."""
    return tz is not None and d.wall - d.utc.replace(tzinfo=None) != ZoneInfo(tz).utcoffset(d.wall)


def _reach(structured: list[tuple[str, ParsedDate]], tz: str | None) -> int:
    """How much of the page _visible_dates reads, given the JSON-LD and meta dates found so far. A first
    structured date with its time and offset is chosen whatever the page shows (only a printed local
    time can re-read it): REGION, for the evidence and that re-reading. When JSON-LD and meta agree to
    the minute on it and the outlet's offset cannot re-read it, nothing visible can change the choice:
    0, nothing is read (127 of the 225 real pages; REGION on 85, PAGE on 13)."""
    if not structured or not (structured[0][1].has_time and structured[0][1].labelled):
        return PAGE
    first = structured[0][1]
    if len(structured) == 2 and abs(structured[1][1].utc - first.utc) < timedelta(minutes=1) and (
            not _may_be_relabelled(first, tz)):
        return 0
    return REGION


#: htmldate's day is checked against the page in at most this many places its year is written (the rare
#: path of a page without any other date; a teaser list writes hundreds) ...
_MAX_EVIDENCE = 300
#: ... each read this far before the year («٣ كانون الثاني (يناير) ٢٠١٣») and after it («2013-01-05T10:30:00+03:30»):
#: no further, as parse_date takes the first date of what it reads
_BEFORE_YEAR, _AFTER_YEAR = 32, 28
_JSON_SCRIPT = XPath('//script[contains(translate(@type, "JSON", "json"), "json")]/text()')
_PAGE_TEXT = XPath("//text()[not(ancestor::script) and not(ancestor::style)]")


def _evidence_strings(tree: Any, url: str | None) -> Iterator[tuple[bool, str]]:
    """Where a page states a date, each with whether it is written prose or data (text, JSON scripts) rather
    than a URL or attribute: the URL, the attribute values, the JSON scripts and the text (one string, joined
    with spaces, so that «<b>۵</b> دی ۱۳۹۱» reads whole). Script code and styles are left out: asset paths
    there look like dates («/static/2000/01/01/app.js»)."""
    if url:
        yield False, url
    for node in tree.iter():
        if isinstance(node.tag, str):
            yield from ((False, v) for v in node.attrib.values())
    yield from ((True, s) for s in _JSON_SCRIPT(tree))
    yield True, " ".join(t for t in _PAGE_TEXT(tree) if t.strip())


def _windows(s: str, year: str, budget: list[int]) -> Iterator[str]:
    """The stretches of ``s`` around each place it writes ``year`` (before it for «5 يناير 2013», after it for
    «2013-01-05»), widened to whole numbers, while ``budget[0]`` lasts."""
    at = s.find(year)
    while at >= 0 and budget[0] > 0:
        budget[0] -= 1
        start, end = max(0, at - _BEFORE_YEAR), min(len(s), at + len(year) + _AFTER_YEAR)
        while start > 0 and s[start - 1].isdigit():
            start -= 1
        while end < len(s) and s[end].isdigit():
            end += 1
        yield s[start:at + len(year)]
        yield s[at:end]
        at = s.find(year, at + len(year))


def _written(s: str, form: str, budget: list[int]) -> bool:
    """``s`` holds the all-digit date ``form`` standing alone (not inside a number, a word or a dotted
    version such as «jquery-1.1.13»), found while ``budget[0]`` lasts."""
    at = s.find(form)
    while at >= 0 and budget[0] > 0:
        budget[0] -= 1
        before, after = s[at - 1] if at else " ", s[at + len(form):at + len(form) + 2]
        glued = before.isalnum() or before in (".", "/", "-")
        continued = after[:1].isdigit() or (after[:1] in (".", "/", "-") and after[1:].isdigit())
        if not glued and not continued:
            return True
        at = s.find(form, at + 1)
    return False


def _day_on_page(tree: Any, url: str | None, day: date, tz: str | None) -> bool:
    """The page writes ``day`` out with its day of month: a full date parse_date reads (in its text, an
    attribute, a JSON script or its URL), or in its text or JSON one of the all-digit forms parse_date does
    not read («25.04.24», «20240425»). A generic guesser's day counts only then: htmldate returns January 1st
    for a lone (copyright) year and the 1st for a year-month."""
    years, numeric = year_forms(day), numeric_day_forms(day)
    budget = [_MAX_EVIDENCE]
    for prose, s in _evidence_strings(tree, url):
        if prose and any(_written(s, form, budget) for form in numeric if form in s):
            return True
        for year in (f for f in years if f in s):
            for window in _windows(s, year, budget):
                found = parse_date(window, tz=tz, relative=False)
                if found is not None and found.wall.date() == day:
                    return True
        if budget[0] <= 0:
            return False
    return False


def _guess(tree: Any, url: str | None, tz: str | None, refused: list[tuple[str, ParsedDate]]) -> tuple[
        ParsedDate | None, str | None]:
    """(htmldate's day when the page backs it, else None; the note on a refused or failed guess)."""
    try:
        raw = _htmldate(tree, url)
    except Exception as exc:  # htmldate's own bugs on hostile pages (an offset of +25:00 raises in 1.11): no guess
        return None, f"htmldate failed ({type(exc).__name__}: {str(exc)[:80]})"
    guess = parse_date(raw, tz=tz) if raw else None
    if guess is None:
        return None, None
    same = next((why for why, d in refused if guess.wall.date() == d.wall.date()), None)
    if same:
        # htmldate reads the whole page, furniture and teasers included: its day is likely theirs
        return None, f"htmldate={guess.utc.isoformat()} (a {same}'s day: refused)"
    if not _day_on_page(tree, url, guess.wall.date(), tz):
        return None, f"htmldate={guess.wall.date().isoformat()} (no day on the page: refused)"
    return guess, None


def _dates(tree: Any, metas: dict[str, str], ld: dict, url: str | None, tz: str | None) -> PageDates:
    """published_at by evidence: every signal with its source, the first plausible one in
    DATE_SOURCES order, its time of day taken from a later signal of the same day when it has none."""
    now = datetime.now(UTC)
    signals: list[str] = []
    found: list[tuple[str, ParsedDate]] = []

    def add(source: str, value: ParsedDate | None) -> None:
        if value is None:
            return
        if not _EARLIEST <= value.utc <= now + _AHEAD:
            signals.append(f"{source}={value.utc.isoformat()} (implausible)")
            return
        signals.append(f"{source}={value.utc.isoformat()}" + ("" if value.has_time else " (day only)"))
        found.append((source, value))

    def parsed(v: str | None) -> ParsedDate | None:
        return parse_date(v, tz=tz) if v else None

    add("jsonld", parsed(_ld_text(ld.get("datePublished"))))
    add("meta", parsed(_meta(metas, *_PUBLISHED_META)))
    reach = _reach(found, tz)
    if reach:
        time_node, text_node, refused = _visible_dates(tree, tz, reach)
    else:
        time_node = text_node = None
        refused = []
        signals.append(f"{found[0][0]}+{found[1][0]} agree: the page's visible dates not read")
    add("time", time_node)
    add("text", text_node)
    url_day, url_note = _url_date(url, tz)
    add("url", url_day)
    notes = dict.fromkeys(f"{why}={d.utc.isoformat()} (not the story's)" for why, d in refused)
    signals += list(notes)[:_MAX_REFUSED] + ([url_note] if url_note else [])
    if not found:
        guess, refusal = _guess(tree, url, tz, refused)
        add("htmldate", guess)
        signals += [refusal] if refusal else []
    modified = next((d.utc for d in map(parsed, (_ld_text(ld.get("dateModified")), _meta(metas, *_MODIFIED_META)))
                     if d), None)
    if not found:
        return PageDates(None, modified, None, signals)
    source, chosen = found[0]
    if tz is None and chosen.has_time and not chosen.labelled:
        # without the outlet's timezone a time without offset was read as UTC: one with its offset is surer
        source, chosen = next(((s, d) for s, d in found[1:] if s in ("meta", "time") and d.labelled and d.has_time
                               and abs(d.utc - chosen.utc) < timedelta(days=1)), (source, chosen))
    if not chosen.has_time:
        source, chosen = next(((s, d) for s, d in found[1:] if d.has_time and d.wall.date() == chosen.wall.date()),
                              (source, chosen))
    again = _relabelled(chosen, text_node, tz) if source in ("jsonld", "meta", "time") else None
    if again is not None:
        signals.append(f"{source}={again.utc.isoformat()} (labelled {chosen.utc.isoformat()}; the page prints "
                       f"{chosen.wall:%H:%M} local: re-read in {tz})")
        chosen = again
    return PageDates(chosen.utc, modified, source, signals)


def _page_meta(tree: Any, ld_docs: list[Any]) -> Any:
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


def _category_links(tree: Any) -> list[str]:
    return traf.extract_catstags("category", tree)


# -- body ------------------------------------------------------------------------------------------
#: trafilatura options of the main pass, chosen by measurement (see BENCHMARKS.md, "Extraction")
MAIN_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True}


def _trafilatura(tree: Any, url: str | None, **options: Any) -> Any:
    return traf.bare_extraction(tree, url, **{**MAIN_OPTIONS, **options})


def _select(tree: Any, selector: str) -> Any | None:
    from lxml.cssselect import CSSSelector

    nodes = CSSSelector(selector)(tree)
    return nodes[0] if nodes else None


def _body(tree: Any, url: str | None, ld: dict, body_selector: str | None, pruned: str = "") -> tuple[str, Any]:
    """(body text before boilerplate cleaning, trafilatura's document); ``pruned``: the text of the
    blocks removed from the tree, which JSON-LD may still hold."""
    doc = _trafilatura(tree, url)
    text = (doc.text if doc is not None else "") or ""
    if body_selector:
        node = _select(tree, body_selector)
        if node is not None:
            sub = _trafilatura(lxml_html.fromstring(f"<html><body>{lxml_html.tostring(node, encoding='unicode')}"
                                                    "</body></html>"), url, favor_recall=True)
            if sub is not None and sub.text:
                return sub.text, doc
    if len(text) < _SHORT:
        recall = _trafilatura(tree, url, favor_recall=True)
        if recall is not None and recall.text and len(recall.text) > len(text):
            text = recall.text
    ld_body = _ld_body(ld)
    if ld_body and len(ld_body) > 200 and _coverage(text, ld_body, pruned) < 0.8:
        # JSON-LD carries the whole story and the extraction misses a good part of it: take it when
        # the extraction is next to nothing (a page rendered by script) or it is the page's own text
        if len(text) < _SHORT or _is_page_body(ld_body, text, tree):
            text = ld_body
    return text, doc


#: share of the JSON-LD body's distinct words the page must show for it to be the page's body
_LD_AGREES = EXTRACTION.ld_body_agrees
#: a JSON-LD body with less than this share of the extraction's punctuation per word was stripped of it
_LD_PUNCT = EXTRACTION.ld_body_punct
_PUNCT = re.compile(r"[.,;:!?؟،؛«»\"'’‘“”()\-]")
_VISIBLE = XPath("//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]")


def _ld_body(ld: dict) -> str | None:
    """JSON-LD articleBody as text: entities decoded (named ones too: &ccedil; &nbsp;), markup gone."""
    body = ld.get("articleBody")
    if isinstance(body, list):
        body = "\n".join(b for b in body if isinstance(b, str))
    if not isinstance(body, str) or not body.strip():
        return None
    return "\n".join(_body_paragraphs(html_lib.unescape(body) if "&" in body else body))


def _punct_rate(s: str) -> float:
    return len(_PUNCT.findall(s)) / max(1, len(_tokens(s)))


def _is_page_body(ld_body: str, text: str, tree: Any) -> bool:
    """Whether the JSON-LD body is the text the page shows, not a degraded copy: nearly all its
    words are on the page (entities left in it or apostrophes dropped make words the page lacks) and
    it keeps the punctuation the extraction has (some CMSs strip it from the JSON-LD copy)."""
    if text.strip() and _punct_rate(ld_body) < _LD_PUNCT * _punct_rate(text):
        return False
    visible = set(_tokens(" ".join(_VISIBLE(tree))))
    words = set(_tokens(ld_body))
    return bool(words) and len(words & visible) / len(words) >= _LD_AGREES


# -- standfirst -----------------------------------------------------------------------------------
_STARTING = XPath("//body//*[self::p or self::div or self::h2 or self::h3 or self::h4 or self::span or self::strong"
                  " or self::section or self::em or self::b]"
                  "[starts-with(normalize-space(.), $start)]")
_BEFORE_P = XPath("boolean(following::p[starts-with(normalize-space(.), $start)])")
_AFTER_H1 = XPath("boolean(preceding::h1)")


def _first_long_line(text: str) -> str | None:
    """The first line that is surely a paragraph (not a kicker, date or caption)."""
    return next((x for x in text.splitlines() if len(x) >= 60), None)


def _xpath_start(s: str) -> str:
    """The opening of ``s`` as XPath's normalize-space() gives it, for starts-with() tests."""
    return " ".join(s.split())[:40]


def _with_standfirst(tree: Any, text: str, metas: dict[str, str], ld: dict) -> str:
    """``text`` with the standfirst (the lead paragraph under the headline) first, when the page
    shows it above the body and the extraction left it out: trafilatura drops it with the header it
    sits in. It is found as the visible copy of the page's description."""
    desc = _meta(metas, "og:description", "description", "twitter:description") or _ld_text(ld.get("description"))
    first = _first_long_line(text)
    if not desc or not first:
        return text
    desc = " ".join(desc.split(" ")).strip().rstrip(" .…")  # ASCII spaces only, as XPath's normalize-space
    if len(desc) < 60 or " ".join(_tokens(desc)[:10]) in " ".join(_tokens(text)):
        return text
    start = desc[:40].split("\xa0")[0]
    if len(start) < 15:
        return text
    candidates = [n for n in _STARTING(tree, start=start)
                  if len(" ".join(n.text_content().split())) <= 1.5 * len(desc) + 40]
    if not candidates:
        return text
    node = candidates[-1]  # the innermost: matches come in document order, parents first
    lead = " ".join(node.text_content().split())
    if not _BEFORE_P(node, start=_xpath_start(first)):
        return text
    if tree.find(".//h1") is not None and not _AFTER_H1(node):
        return text  # above the headline: a masthead tagline, not this story's lead
    return lead + "\n" + text


# -- headline -------------------------------------------------------------------------------------
#: lines above the headline that may go with it (kicker, section, date): at most this many tokens
_KICKER_TOKENS = EXTRACTION.kicker_tokens


def _token_key(s: str | None) -> str:
    """word_key padded with spaces, so that containment tests match whole words only."""
    return f" {word_key(s)} " if s else ""


def _headlines(tree: Any, title: str | None, ld: dict, metas: dict[str, str], restore: Any) -> list[str]:
    """The page's headline in every form it gives (title, og/twitter title, JSON-LD headline, <h1>),
    as token keys. ``restore`` puts the joiners back in the forms read from the protected tree: the
    body lines they are compared with have them back already."""
    tree_forms = [_ld_text(ld.get("headline")), _meta(metas, "og:title"), _meta(metas, "twitter:title")]
    tree_forms += [h.text_content() for h in tree.iter("h1")][:3]
    keys = (_token_key(f) for f in [title, *map(restore, tree_forms)])
    return list(dict.fromkeys(k for k in keys if len(k) > 2))


def _is_headline(line: str, headlines: list[str]) -> bool:
    """The line is one of the headline's forms, or holds one (kicker + headline, headline +
    standfirst in one <h1>), or is most of one (the title with the site name after it)."""
    key = _token_key(line)
    if len(key) <= 2:
        return False
    # a line ending in a full stop is a sentence: a lead that opens with the headline's words stays
    sentence = line.rstrip().endswith((".", "۔", ".»", '."', ".”"))
    for head in headlines:
        if key == head:
            return True
        if head in key and len(key) <= 2 * len(head) and not sentence:
            return True
        if key in head and len(key) >= 0.6 * len(head):
            return True
    return False


def _drop_headline(lines: list[str], headlines: list[str]) -> list[str]:
    """Without the headline at the top of the body (gold and users count it as the title, not
    text), and the short kicker or date lines above it."""
    for i, line in enumerate(lines[:3]):
        if _is_headline(line, headlines):
            return lines[i + 1:]
        if len(_tokens(line)) > _KICKER_TOKENS:
            break
    return lines


# -- bodies split across containers ---------------------------------------------------------------
#: how far above the body's container the other parts may branch off
_SPLIT_DEPTH = EXTRACTION.split_depth
_SPLIT_MIN_CHARS = EXTRACTION.split_min_chars
#: the parts put back must add at least this share of new distinct words
_SPLIT_MIN_GAIN = EXTRACTION.split_min_gain


_P_STARTING = XPath("//p[starts-with(normalize-space(.), $start)]")
_SAME_CLASS = XPath("//*[@class = $cls]")


def _container(tree: Any, line: str) -> Any | None:
    """The nearest element with a class around the paragraph that starts with ``line``."""
    found = _P_STARTING(tree, start=_xpath_start(line))
    node = found[0].getparent() if found else None
    while node is not None and node.tag != "body":
        if node.get("class"):
            return node
        node = node.getparent()
    return None


def _missing_parts(tree: Any, text: str, have: set[str]) -> tuple[Any, list[Any]]:
    """(the body's container, the other parts of the body that ``text``, whose words are ``have``,
    lacks) for pages that split the story into sibling containers of one class (ads or teasers
    between them): trafilatura keeps the first container only."""
    first = _first_long_line(text)
    box = _container(tree, first) if first else None
    if box is None:
        return None, []
    same = [n for n in _SAME_CLASS(tree, cls=box.get("class")) if n is not box]
    if not same:
        return box, []
    above = list(box.iterancestors())[:_SPLIT_DEPTH + 1]
    parts = []
    for node in same:
        if node in above or any(a is box for a in node.iterancestors()):
            continue
        if not any(a in above for a in node.iterancestors()) or node.find(".//p") is None:
            continue
        content = node.text_content()
        if len(content.strip()) < _SPLIT_MIN_CHARS:
            continue
        words = set(_tokens(content))
        if len(words - have) >= 0.5 * len(words):  # mostly text we do not have yet
            parts.append(node)
    return box, parts


def _joined_parts(tree: Any, text: str, url: str | None) -> str:
    """``text`` with the missing parts of a split body put back in page order."""
    have = set(_tokens(text))
    box, parts = _missing_parts(tree, text, have)
    if not parts:
        return text
    order = {node: i for i, node in enumerate(tree.iter())}
    texts = []
    for node in sorted([box, *parts], key=order.__getitem__):
        if node is box:
            texts.append(text)
            continue
        # one part at a time: given several, trafilatura would again keep one
        markup = lxml_html.tostring(node, encoding="unicode")
        doc = _trafilatura(lxml_html.fromstring(f"<html><body>{markup}</body></html>"), url, favor_recall=True)
        texts.append((doc.text if doc is not None else "") or "")
    joined = "\n".join(t for t in texts if t)
    # a small addition is more likely a box of the same generic class than the rest of the story
    return joined if len(set(_tokens(joined)) - have) >= _SPLIT_MIN_GAIN * len(have) else text


# -- title, authors, tags -------------------------------------------------------------------------
def _outlet_names(metas: dict[str, str], ld: dict, objs: list[dict], url: str | None) -> set[str]:
    """The names the page gives its outlet (og:site_name, application-name, JSON-LD publisher or
    Organization/WebSite objects) and its host, for recognising them in titles and bylines."""
    names = [_meta(metas, "og:site_name"), _meta(metas, "application-name"), _meta(metas, "twitter:site")]
    names += [_ld_text(ld.get("publisher")) if isinstance(ld.get("publisher"), dict | list) else None]
    names += [_ld_text(o.get("name")) for o in objs if _types(o) & {"organization", "newsmediaorganization",
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
def _title(tree: Any, meta_title: str | None, ld: dict, metas: dict[str, str], names: set[str]) -> str | None:
    """The headline without the site name, section or date the page adds around it."""
    forms = [_meta(metas, "og:title"), _ld_text(ld.get("headline")), _meta(metas, "twitter:title"),
             next((h.text_content() for h in tree.iter("h1")), None), meta_title,
             next((t.text_content() for t in tree.iter("title")), None)]
    forms = [" ".join(html_lib.unescape(f).split()) for f in forms if f and f.strip()]
    forms = [_uncut(f, forms) for f in forms]
    for i, form in enumerate(forms):
        title = strip_site_name(form, names, forms[:i] + forms[i + 1:])
        if title:
            return title
    return None


def _authors(meta_author: str | None, ld: dict, metas: dict[str, str], names: set[str]) -> list[str]:
    """Authors as the page writes them (JSON-LD author, <meta name=author>), else trafilatura's byline
    (which drops the dot of «د.»), without site names and logo words (boilerplate.clean_authors)."""
    for raw in (_ld_list(ld.get("author")), [_meta(metas, "author", "article:author", "dc.creator") or ""],
                [meta_author or ""]):
        found = clean_authors([html_lib.unescape(a) for a in raw if not a.startswith(("http://", "https://"))],
                              names)
        if found:
            return found
    return []


# -- the public functions --------------------------------------------------------------------------
def extract_article(html: str | bytes, url: str, *, content_type: str | None = None,
                    overrides: Any | None = None, tz: str | None = None) -> Extracted:
    """Body text and metadata of one article page (``overrides``: outlets.registry.ExtractOverrides;
    ``tz``: the outlet's timezone, for local times written on the page)."""
    if is_refused_type(content_type):
        raise ExtractionError(f"not HTML: {content_type}")
    if isinstance(html, bytes):
        if not html.strip():
            raise ExtractionError("empty page")
        decoded = decode_page(html, content_type)
        page, encoding, repairs = decoded.text, decoded.codec, decoded.repairs
    else:
        page, encoding, repairs = html, "unicode", 0
    if not page.strip():
        raise ExtractionError("empty page")
    head = page.lstrip()[:1000].lower()
    if not ("<html" in head or "<!doctype" in head or "<head" in head or "<body" in head or "<div" in head
            or "<p" in head or "<meta" in head):
        raise ExtractionError("not HTML")

    joiners = _Joiners(page)
    # trafilatura's own loader: its parser drops comments, whose removal later would cut the text
    # that follows them (React pages put <!-- --> inside paragraphs)
    tree = traf.load_html(joiners.protect(page).replace("\ufffd", ""))
    if tree is None:
        raise ExtractionError("unparsable HTML")
    if overrides is not None:
        for selector in overrides.drop_selectors:
            from lxml.cssselect import CSSSelector

            for node in CSSSelector(selector)(tree):
                node.drop_tree()

    if may_hold_list_labels(page):
        drop_related_blocks(tree)
    pruned = prune_blocks(tree)
    notes: list[str] = []
    ld_docs = _jsonld_documents(tree, notes)
    ld_objs = _jsonld_objects(ld_docs)
    ld = _article_ld(ld_objs)
    meta = _page_meta(tree, ld_docs)
    raw, _ = _body(tree, url, ld, overrides.body_selector if overrides is not None else None, pruned)
    raw = _joined_parts(tree, raw, url)
    metas = _meta_index(tree)
    raw = _with_standfirst(tree, raw, metas, ld)
    raw_lines = drop_repeated_lines((joiners.restore(raw) or "").splitlines())
    cleaned = clean_lines(raw_lines)
    r = joiners.restore
    names = _outlet_names(metas, ld, ld_objs, url)
    title = r(_title(tree, meta.title, ld, metas, names))
    authors = [r(a) for a in _authors(meta.author, ld, metas, names)]
    lines = trim_edges(cleaned.lines, authors)
    lines = trim_edges(_drop_headline(lines, _headlines(tree, title, ld, metas, r)), authors)
    text = "\n".join(lines)
    if not text.strip():
        raise ExtractionError("no article text found")

    tags = split_tags([r(t) for t in meta.tags or []] or [r(t) for t in cleaned.tags])
    section = _ld_text(ld.get("articleSection")) or _meta(metas, "article:section") or (
        meta.categories[0] if meta.categories else None) or next(iter(_category_links(tree)), None)
    dates = _dates(tree, metas, ld, url, tz)
    return Extracted(
        title=title,
        text=text,
        description=r(meta.description) or r(_ld_text(ld.get("description"))),
        authors=authors,
        tags=tags,
        section=r(section),
        image=meta.image or _ld_text(ld.get("image")),
        source_credit=cleaned.source_credit,
        published_at=dates.published,
        modified_at=dates.modified,
        date_source=dates.source,
        date_signals=dates.signals,
        language=detect_language(text),
        canonical_url=_canonical(tree, url, metas, notes),
        encoding=encoding,
        decode_repairs=repairs,
        notes=notes,
    )


def _canonical(tree: Any, url: str | None, metas: dict[str, str], notes: list[str]) -> str | None:
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


def extract_file(path: Path, url: str | None, *, tz: str | None = None, overrides: Any | None = None) -> Extracted:
    """``akhbar extract``: one saved page (gzip allowed), extracted exactly as the pipeline does
    (given the outlet's ``tz`` and ``overrides``, the same dates and text)."""
    import gzip
    from zoneinfo import ZoneInfoNotFoundError

    if tz:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA timezone {tz!r}") from None
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return extract_article(data, url or Path(path).resolve().as_uri(), overrides=overrides, tz=tz)

