"""The article body: trafilatura on the parsed tree, with the repairs a news page needs. When JSON-LD
``articleBody`` holds clearly more of the story than trafilatura's result, or that result is short, a recall-oriented
pass or the JSON-LD body is used instead; a story split into sibling containers of one class (ads between them) gets
its other parts back."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from lxml import html as lxml_html
from lxml.etree import XPath

from akhbar.transforms import trafilatura_adapter as traf
from akhbar.transforms.extract.jsonld import body_paragraphs
from akhbar.transforms.extract.options import ExtractOptions
from akhbar.transforms.extract.words import coverage, word_tokens
from akhbar.transforms.thresholds import ExtractionThresholds

#: trafilatura options of the main pass, chosen by measurement (see BENCHMARKS.md, "Extraction")
MAIN_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True}


def first_long_line(text: str) -> str | None:
    """The first line that is surely a paragraph (not a kicker, date or caption)."""
    return next((x for x in text.splitlines() if len(x) >= 60), None)


def xpath_start(s: str) -> str:
    """The opening of ``s`` as XPath's normalize-space() gives it, for starts-with() tests."""
    return " ".join(s.split())[:40]


def run_trafilatura(tree: Any, url: str | None, **options: Any) -> Any:
    return traf.bare_extraction(tree, url, **{**MAIN_OPTIONS, **options})


def _select(tree: Any, selector: str) -> Any | None:
    from lxml.cssselect import CSSSelector

    nodes = CSSSelector(selector)(tree)
    return nodes[0] if nodes else None


def body_text(tree: Any, ld: dict, opts: ExtractOptions, pruned: str = "") -> tuple[str, Any]:
    """(body text before boilerplate cleaning, trafilatura's document); ``pruned``: the text of the
    blocks removed from the tree, which JSON-LD may still hold."""
    url, body_selector, short = opts.url, opts.body_selector, opts.thresholds.short_body_chars
    doc = run_trafilatura(tree, url)
    text = (doc.text if doc is not None else "") or ""
    if body_selector:
        node = _select(tree, body_selector)
        if node is not None:
            sub = run_trafilatura(lxml_html.fromstring(f"<html><body>{lxml_html.tostring(node, encoding='unicode')}"
                                                    "</body></html>"), url, favor_recall=True)
            if sub is not None and sub.text:
                return sub.text, doc
    if len(text) < short:
        recall = run_trafilatura(tree, url, favor_recall=True)
        if recall is not None and recall.text and len(recall.text) > len(text):
            text = recall.text
    ld_body = _ld_body(ld)
    if ld_body and len(ld_body) > 200 and coverage(text, ld_body, pruned) < 0.8:
        # JSON-LD carries the whole story and the extraction misses a good part of it: take it when
        # the extraction is next to nothing (a page rendered by script) or it is the page's own text
        if len(text) < short or _is_page_body(ld_body, text, tree, opts.thresholds):
            text = ld_body
    return text, doc


_PUNCT = re.compile(r"[.,;:!?؟،؛«»\"'’‘“”()\-]")
_VISIBLE = XPath("//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]")


def _ld_body(ld: dict) -> str | None:
    """JSON-LD articleBody as text: entities decoded (named ones too: &ccedil; &nbsp;), markup gone."""
    body = ld.get("articleBody")
    if isinstance(body, list):
        body = "\n".join(b for b in body if isinstance(b, str))
    if not isinstance(body, str) or not body.strip():
        return None
    return "\n".join(body_paragraphs(html_lib.unescape(body) if "&" in body else body))


def _punct_rate(s: str) -> float:
    return len(_PUNCT.findall(s)) / max(1, len(word_tokens(s)))


def _is_page_body(ld_body: str, text: str, tree: Any, th: ExtractionThresholds) -> bool:
    """Whether the JSON-LD body is the text the page shows, not a degraded copy: nearly all its
    words are on the page (entities left in it or apostrophes dropped make words the page lacks) and
    it keeps the punctuation the extraction has (some CMSs strip it from the JSON-LD copy)."""
    if text.strip() and _punct_rate(ld_body) < th.ld_body_punct * _punct_rate(text):
        return False
    visible = set(word_tokens(" ".join(_VISIBLE(tree))))
    words = set(word_tokens(ld_body))
    return bool(words) and len(words & visible) / len(words) >= th.ld_body_agrees


# -- bodies split across containers ---------------------------------------------------------------


_P_STARTING = XPath("//p[starts-with(normalize-space(.), $start)]")
_SAME_CLASS = XPath("//*[@class = $cls]")


def _container(tree: Any, line: str) -> Any | None:
    """The nearest element with a class around the paragraph that starts with ``line``."""
    found = _P_STARTING(tree, start=xpath_start(line))
    node = found[0].getparent() if found else None
    while node is not None and node.tag != "body":
        if node.get("class"):
            return node
        node = node.getparent()
    return None


def _missing_parts(tree: Any, text: str, have: set[str], th: ExtractionThresholds) -> tuple[Any, list[Any]]:
    """(the body's container, the other parts of the body that ``text``, whose words are ``have``,
    lacks) for pages that split the story into sibling containers of one class (ads or teasers
    between them): trafilatura keeps the first container only."""
    first = first_long_line(text)
    box = _container(tree, first) if first else None
    if box is None:
        return None, []
    same = [n for n in _SAME_CLASS(tree, cls=box.get("class")) if n is not box]
    if not same:
        return box, []
    above = list(box.iterancestors())[:th.split_depth + 1]
    parts = []
    for node in same:
        if node in above or any(a is box for a in node.iterancestors()):
            continue
        if not any(a in above for a in node.iterancestors()) or node.find(".//p") is None:
            continue
        content = node.text_content()
        if len(content.strip()) < th.split_min_chars:
            continue
        words = set(word_tokens(content))
        if len(words - have) >= 0.5 * len(words):  # mostly text we do not have yet
            parts.append(node)
    return box, parts


def joined_parts(tree: Any, text: str, opts: ExtractOptions) -> str:
    """``text`` with the missing parts of a split body put back in page order."""
    have = set(word_tokens(text))
    box, parts = _missing_parts(tree, text, have, opts.thresholds)
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
        doc = run_trafilatura(lxml_html.fromstring(f"<html><body>{markup}</body></html>"), opts.url,
                              favor_recall=True)
        texts.append((doc.text if doc is not None else "") or "")
    joined = "\n".join(t for t in texts if t)
    # a small addition is more likely a box of the same generic class than the rest of the story
    return joined if len(set(word_tokens(joined)) - have) >= opts.thresholds.split_min_gain * len(have) else text


