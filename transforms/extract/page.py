"""One page decoded and parsed once: the tree every other step reads, with ZWNJ and ZWJ kept.

trafilatura's sanitiser drops every non-printable character and Python counts ZWNJ (U+200C, category Cf) as one,
so «گفت‌وگو» would come out as «گفتوگو»: invisible joiners are swapped for rare printable placeholders before
parsing and swapped back in every output string (``Joiners.restore``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from akhbar.transforms import trafilatura_adapter as traf
from akhbar.transforms.encoding import decode_page, is_refused_type
from akhbar.transforms.extract.result import ExtractionError, NoArticleText

#: invisible characters trafilatura would drop -> printable stand-ins from scripts no news page uses
_PROTECT = {"\u200c": "\u16a0", "\u200d": "\u16a2"}
_ALT_PROTECT = {"\u200c": "\u2c80", "\u200d": "\u2c82"}  # used when a page contains the first set
_ZWNJ_ENTITY = re.compile(r"&(?:zwnj|#8204|#x200c);", re.I)
_ZWJ_ENTITY = re.compile(r"&(?:zwj|#8205|#x200d);", re.I)
#: a page whose first 1000 characters hold none of these is no HTML page
_HTML_MARKS = ("<html", "<!doctype", "<head", "<body", "<div", "<p", "<meta")


class Joiners:
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




@dataclass
class Parsed:
    """The decoded page, its tree (joiners protected) and how it was decoded."""

    text: str
    tree: Any
    joiners: Joiners
    encoding: str
    repairs: int


def parse_page(html: str | bytes, content_type: str | None) -> Parsed:
    """The page decoded (bytes: per sequence, transforms.encoding) and parsed with trafilatura's own loader (its
    parser drops comments, whose removal later would cut the text that follows them: React pages put <!-- -->
    inside paragraphs); ExtractionError when it is no HTML page."""
    if is_refused_type(content_type):
        raise ExtractionError(f"not HTML: {content_type}")
    if isinstance(html, bytes):
        if not html.strip():
            raise NoArticleText("empty page")
        decoded = decode_page(html, content_type)
        page, encoding, repairs = decoded.text, decoded.codec, decoded.repairs
    else:
        page, encoding, repairs = html, "unicode", 0
    if not page.strip():
        raise NoArticleText("empty page")
    head = page.lstrip()[:1000].lower()
    if not any(mark in head for mark in _HTML_MARKS):
        raise ExtractionError("not HTML")
    joiners = Joiners(page)
    tree = traf.load_html(joiners.protect(page).replace("\ufffd", ""))
    if tree is None:
        raise ExtractionError("unparsable HTML")
    return Parsed(page, tree, joiners, encoding, repairs)
