"""JSON-LD: every script of the page decoded once, bounded in depth and size, and the article object read from it."""

from __future__ import annotations

import html as html_lib
import json
import re
from typing import Any

from lxml import html as lxml_html
from lxml.etree import ParserError

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "socialmediaposting", "report", "webpage",
                  "liveblogposting", "scholarlyarticle", "techarticle"}


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


def jsonld_documents(tree: Any, notes: list[str] | None = None) -> list[Any]:
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


def jsonld_objects(docs: list[Any]) -> list[dict]:
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


def ld_types(obj: dict) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {str(v).lower() for v in values if v}


def article_ld(objs: list[dict]) -> dict:
    """The JSON-LD object describing the article (the one with articleBody first)."""
    arts = [o for o in objs if ld_types(o) & _ARTICLE_TYPES]
    arts.sort(key=lambda o: (bool(o.get("articleBody")), "webpage" not in ld_types(o)), reverse=True)
    return arts[0] if arts else {}


def ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return next((v for v in (ld_text(x) for x in value) if v), None)
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("url") or value.get("@id"))
    return None


def ld_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[,،]", value) if v.strip()]
    if isinstance(value, list):
        return [x for v in value for x in ld_list(v)]
    if isinstance(value, dict):
        name = ld_text(value)
        return [name] if name else []
    return []


def body_paragraphs(text: str) -> list[str]:
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


