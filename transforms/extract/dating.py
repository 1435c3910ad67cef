"""The page's own publication and modification dates, from evidence: every signal with its source, the first
plausible one in DATE_SOURCES order. Each date string is read by transforms.dates.parse_date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from lxml.etree import XPath

from akhbar.transforms import trafilatura_adapter as traf
from akhbar.transforms.dates import ParsedDate, is_copyright, numeric_day_forms, parse_date, year_forms
from akhbar.transforms.extract.jsonld import ld_text
from akhbar.transforms.extract.meta import meta
from akhbar.transforms.extract.options import ExtractOptions
from akhbar.transforms.thresholds import ExtractionThresholds

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
_XML_SPACE = re.compile(r"[ \t\r\n]+")
#: a box that shows today's date (site furniture, the same on every page), not the story's date
_WIDGET = re.compile(r"today|date-?now|current-?date|top-?bar|header-?date|site-?date|clock|weather|ticker|footer",
                     re.I)
#: a box holding another date than the story's: its update, a comment's, a related story's
_OTHER = re.compile(r"modif|update|comment|related", re.I)
_FURNITURE = {"header", "nav", "footer", "aside"}
_URL_DATE = re.compile(r"/(\d{4})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?=[/_.-]|$)|/(20\d{2})(\d{2})(\d{2})(?=[/_.-]|$)")
#: a section's name between the year and the month (CNN's /2013/middle_east/8/3/): only a Gregorian year, and a
#: month and day of one or two digits each followed by a slash (no id or slug is read as a date)
_URL_DATE_AROUND_SECTION = re.compile(r"/((?:19|20)\d{2})/[A-Za-z][A-Za-z_-]{1,30}/(\d{1,2})/(\d{1,2})/")
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


def _htmldate(tree: Any, url: str | None, now: datetime | None = None) -> str | None:
    """htmldate's day for the page, as trafilatura's metadata pass would find it (no later than the day after
    ``now``, the fetch; without it htmldate's own default, today). htmldate copies an HtmlElement itself before it
    cleans it (one copy, not two); anything else is copied here."""
    from copy import deepcopy

    from htmldate import find_date
    from lxml.html import HtmlElement

    params = {**traf.date_params(), "url": url}
    if now is not None:
        params["max_date"] = (now + timedelta(days=1)).date().isoformat()
    return find_date(tree if isinstance(tree, HtmlElement) else deepcopy(tree), **params)


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


def _near_headline(node: Any, h1: Any, levels: int) -> bool:
    """``node`` and the headline share a box at most ``levels`` above the <h1>, not the page's body."""
    above = {id(a): i for i, a in enumerate(h1.iterancestors())}
    common = next((a for a in node.iterancestors() if id(a) in above), None)
    return common is not None and common.tag not in ("body", "html") and above[id(common)] < levels


def _refusal(node: Any, box: Any | None, h1: Any | None, order: dict[Any, int], near_levels: int) -> str | None:
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
    if h1 is not None and _near_headline(node, h1, near_levels):
        return None
    if any(n.tag in _FURNITURE for n in chain):
        return "widget"
    if h1 is None:
        return None
    if not order:
        order.update((n, i) for i, n in enumerate(h1.getroottree().iter()))
    return None if order.get(node, 0) > order.get(h1, 0) else "widget"


def _is_box(node: Any, box_chars: int) -> bool:
    """The element's normalized text is under ``box_chars``: short enough for a date/byline box. It is counted
    only until it is too long: a wrapper with «update» in its class holds the whole page."""
    chunks, solid = [], 0
    for chunk in node.itertext():
        chunks.append(chunk)
        solid += len(chunk) - chunk.count(" ") - chunk.count("\t") - chunk.count("\r") - chunk.count("\n")
        if solid >= box_chars:
            return False
    return len(_XML_SPACE.sub(" ", "".join(chunks)).strip(" \t\r\n")) < box_chars


def _date_nodes(root: Any, box_chars: int) -> tuple[list[Any], list[Any]]:
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
        dated = "date" in cls or "time" in cls or "publish" in cls or "byline" in cls or "date" in ident
        if dated and _is_box(node, box_chars):
            boxes.append(node)
    return times, boxes


def _headline_region(h1: Any | None, box: Any | None, near_levels: int) -> Any | None:
    """The smallest element holding every date node _refusal accepts before or around the headline:
    the story box and the boxes up to ``near_levels`` above the <h1>. An accepted node outside it
    comes after it in the page, so the first accepted node inside it is the first of the page."""
    if h1 is None:
        return None
    region = None
    for i, above in enumerate(h1.iterancestors()):
        if i >= near_levels or above.tag in ("body", "html"):
            break
        region = above
    if box is not None and (region is None or any(a is box for a in region.iterancestors())):
        region = box
    return region


#: how far _visible_dates reads: the headline's region, then the rest of the page for a kind of date the
#: region lacks (PAGE); the region only (REGION)
PAGE, REGION = 2, 1


def _visible_dates(tree: Any, tz: str | None, th: ExtractionThresholds, reach: int = PAGE,
                   now: datetime | None = None) -> tuple[
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
        for node in nodes[:th.max_date_nodes]:
            seen = (node.get("datetime") or node.get("content") if attrs else None) or node.text_content()
            if not seen or not seen.strip() or is_copyright(seen):
                continue
            found = parse_date(seen, tz=tz, now=now)  # «منذ 15 دقيقة», «دیروز ۱۴:۳۰»: from the fetch
            if found is None:
                continue
            why = _refusal(node, box, h1, order, th.date_near_h1_levels)
            if why is None:
                return found
            refused.append((why, found))
        return None

    region = _headline_region(h1, box, th.date_near_h1_levels)
    time_node = text_node = None
    if region is not None:
        times, boxes = _date_nodes(region, th.date_box_chars)
        time_node, text_node = first(times, True), first(boxes, False)
    if (time_node is None or text_node is None) and (reach == PAGE or region is None):
        # a kind the region lacks is looked for page-wide (the region's refusals come again: notes are
        # deduplicated); a kind found there is kept, even behind more teaser dates than are read page-wide
        times, boxes = _date_nodes(tree, th.date_box_chars)
        time_node = time_node or first(times, True)
        text_node = text_node or first(boxes, False)
    return time_node, text_node, refused


def _url_date(url: str | None, tz: str | None) -> tuple[ParsedDate | None, str | None]:
    """The full date in the URL's path (/2024/05/03/, /20240503/, Solar /1403/10/18/), or a note
    on a year-month alone, which dates no story."""
    if not url:
        return None, None
    path = urlsplit(url).path
    m = _URL_DATE.search(path)
    if not m:
        split = _URL_DATE_AROUND_SECTION.search(path)  # /2013/middle_east/8/3/: a section between year and month
        if split:
            return parse_date(f"{split[1]}-{int(split[2]):02d}-{int(split[3]):02d}", tz=tz), None
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


def _guess(tree: Any, url: str | None, tz: str | None, refused: list[tuple[str, ParsedDate]],
           now: datetime | None) -> tuple[
        ParsedDate | None, str | None]:
    """(htmldate's day when the page backs it, else None; the note on a refused or failed guess)."""
    try:
        raw = _htmldate(tree, url, now)
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


def page_dates(tree: Any, metas: dict[str, str], ld: dict, opts: ExtractOptions) -> PageDates:
    """published_at by evidence: every signal with its source, the first plausible one in
    DATE_SOURCES order, its time of day taken from a later signal of the same day when it has none.
    A date more than two days after ``opts.now`` (the fetch) is implausible; without ``now``, none is."""
    url, tz, th = opts.url, opts.tz, opts.thresholds
    latest = opts.now + _AHEAD if opts.now is not None else None
    signals: list[str] = []
    found: list[tuple[str, ParsedDate]] = []

    def add(source: str, value: ParsedDate | None) -> None:
        if value is None:
            return
        if value.utc < _EARLIEST or (latest is not None and value.utc > latest):
            signals.append(f"{source}={value.utc.isoformat()} (implausible)")
            return
        # what was read, when it was no plain Gregorian date: «(Solar Hijri 1403/10/18)», «(relative: …)»
        signals.append(f"{source}={value.utc.isoformat()}" + ("" if value.has_time else " (day only)")
                       + (f" ({value.how})" if value.how else ""))
        found.append((source, value))

    def parsed(v: str | None) -> ParsedDate | None:
        return parse_date(v, tz=tz, now=opts.now) if v else None

    add("jsonld", parsed(ld_text(ld.get("datePublished"))))
    add("meta", parsed(meta(metas, *_PUBLISHED_META)))
    reach = _reach(found, tz)
    if reach:
        time_node, text_node, refused = _visible_dates(tree, tz, th, reach, opts.now)
    else:
        time_node = text_node = None
        refused = []
        signals.append(f"{found[0][0]}+{found[1][0]} agree: the page's visible dates not read")
    add("time", time_node)
    add("text", text_node)
    url_day, url_note = _url_date(url, tz)
    add("url", url_day)
    notes = dict.fromkeys(f"{why}={d.utc.isoformat()} (not the story's)" for why, d in refused)
    signals += list(notes)[:th.max_refused_dates] + ([url_note] if url_note else [])
    if not found:
        guess, refusal = _guess(tree, url, tz, refused, opts.now)
        add("htmldate", guess)
        signals += [refusal] if refusal else []
    modified = next((d.utc for d in map(parsed, (ld_text(ld.get("dateModified")), meta(metas, *_MODIFIED_META)))
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


