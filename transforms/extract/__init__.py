"""Article body and metadata from one HTML page: the function the pipeline, the CLI and the
benchmark all call, and the steps it runs, one module each:

- ``page``: decode (transforms.encoding) and parse once, ZWNJ/ZWJ protected from trafilatura's sanitiser;
- ``jsonld``: every JSON-LD script decoded once, bounded in depth and size; the article object;
- ``body``: trafilatura's body with its fallbacks (recall pass, JSON-LD body, split bodies put back);
- ``lead``: the standfirst put back, the repeated headline and kicker taken out;
- ``meta``: <meta> tags, trafilatura's metadata rules, headline, authors, canonical URL;
- ``dating``: the page's dates from evidence (transforms.dates reads each string);
- ``options``: ``ExtractOptions``, the one object every step is given (URL, content type, the outlet's timezone
  and ``[extract]`` rules, the fetch time — no step reads the clock —, the thresholds).

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

from typing import Any

from akhbar.transforms import trafilatura_adapter as traf
from akhbar.transforms.boilerplate import (
    clean_lines,
    drop_related_blocks,
    drop_repeated_lines,
    may_hold_list_labels,
    prune_blocks,
    split_tags,
    trim_edges,
)
from akhbar.transforms.extract.body import MAIN_OPTIONS, body_text, joined_parts
from akhbar.transforms.extract.dating import DATE_SOURCES, page_dates
from akhbar.transforms.extract.jsonld import article_ld, jsonld_documents, jsonld_objects, ld_text
from akhbar.transforms.extract.lead import drop_headline, headline_keys, with_standfirst
from akhbar.transforms.extract.meta import (
    canonical_of,
    category_links,
    headline_title,
    meta,
    meta_index,
    outlet_names,
    page_authors,
    page_meta,
)
from akhbar.transforms.extract.options import ExtractOptions
from akhbar.transforms.extract.page import parse_page
from akhbar.transforms.extract.result import Extracted, ExtractionError, NoArticleText
from akhbar.transforms.language import detect_language

__all__ = ["DATE_SOURCES", "EXTRACTOR_VERSION", "MAIN_OPTIONS", "ExtractOptions", "Extracted", "ExtractionError",
           "NoArticleText", "extract", "extract_article"]

EXTRACTOR_VERSION = "akhbar-extract-8 (trafilatura " + traf.VERSION + ")"


def extract_article(html: str | bytes, url: str, *, content_type: str | None = None,
                    overrides: Any | None = None, tz: str | None = None, now: Any | None = None) -> Extracted:
    """Body text and metadata of one article page (``overrides``: outlets.registry.ExtractOverrides; ``tz``: the
    outlet's timezone, for local times written on the page; ``now``: when the page was fetched)."""
    return extract(html, ExtractOptions(url=url, content_type=content_type, tz=tz, now=now, overrides=overrides))


def extract(html: str | bytes, opts: ExtractOptions) -> Extracted:
    """Body text and metadata of one article page; ExtractionError when there is none."""
    parsed = parse_page(html, opts.content_type)
    tree, page, r = parsed.tree, parsed.text, parsed.joiners.restore
    if opts.drop_selectors:
        from lxml.cssselect import CSSSelector

        for selector in opts.drop_selectors:
            for node in CSSSelector(selector)(tree):
                node.drop_tree()
    if may_hold_list_labels(page):
        drop_related_blocks(tree)
    pruned = prune_blocks(tree)
    notes: list[str] = []
    ld_docs = jsonld_documents(tree, notes)
    ld_objs = jsonld_objects(ld_docs)
    ld = article_ld(ld_objs)
    md = page_meta(tree, ld_docs)
    raw, _ = body_text(tree, ld, opts, pruned)
    raw = joined_parts(tree, raw, opts)
    metas = meta_index(tree)
    raw = with_standfirst(tree, raw, metas, ld)
    cleaned = clean_lines(drop_repeated_lines((r(raw) or "").splitlines()))
    names = outlet_names(metas, ld, ld_objs, opts.url)
    title = r(headline_title(tree, md.title, ld, metas, names))
    authors = [r(a) for a in page_authors(md.author, ld, metas, names, tree, cleaned.lines)]
    lines = trim_edges(cleaned.lines, authors)
    lines = trim_edges(drop_headline(lines, headline_keys(tree, title, ld, metas, r), opts.thresholds.kicker_tokens),
                       authors)
    text = "\n".join(lines)
    if not text.strip():
        raise NoArticleText("no article text found")

    tags = split_tags([r(t) for t in md.tags or []] or [r(t) for t in cleaned.tags], title)
    section = ld_text(ld.get("articleSection")) or meta(metas, "article:section") or (
        md.categories[0] if md.categories else None) or next(iter(category_links(tree)), None)
    dates = page_dates(tree, metas, ld, opts)
    return Extracted(
        title=title,
        text=text,
        description=r(md.description) or r(ld_text(ld.get("description"))),
        authors=authors,
        tags=tags,
        section=r(section),
        image=md.image or ld_text(ld.get("image")),
        source_credit=cleaned.source_credit,
        published_at=dates.published,
        modified_at=dates.modified,
        date_source=dates.source,
        date_signals=dates.signals,
        language=detect_language(text),
        canonical_url=canonical_of(tree, opts.url, metas, notes),
        encoding=parsed.encoding,
        decode_repairs=parsed.repairs,
        notes=notes,
    )
