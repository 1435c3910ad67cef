"""What sits above the body: the standfirst trafilatura drops with the header it sits in (put back first), and the
headline repeated at the top with its kicker (taken out: it is the title, not text)."""

from __future__ import annotations

from typing import Any

from lxml.etree import XPath

from akhbar.transforms.boilerplate import word_key
from akhbar.transforms.extract.body import first_long_line, xpath_start
from akhbar.transforms.extract.jsonld import ld_text
from akhbar.transforms.extract.meta import meta
from akhbar.transforms.extract.words import word_tokens

_STARTING = XPath("//body//*[self::p or self::div or self::h2 or self::h3 or self::h4 or self::span or self::strong"
                  " or self::section or self::em or self::b]"
                  "[starts-with(normalize-space(.), $start)]")
_BEFORE_P = XPath("boolean(following::p[starts-with(normalize-space(.), $start)])")
_AFTER_H1 = XPath("boolean(preceding::h1)")




def with_standfirst(tree: Any, text: str, metas: dict[str, str], ld: dict) -> str:
    """``text`` with the standfirst (the lead paragraph under the headline) first, when the page
    shows it above the body and the extraction left it out: trafilatura drops it with the header it
    sits in. It is found as the visible copy of the page's description."""
    desc = meta(metas, "og:description", "description", "twitter:description") or ld_text(ld.get("description"))
    first = first_long_line(text)
    if not desc or not first:
        return text
    desc = " ".join(desc.split(" ")).strip().rstrip(" .…")  # ASCII spaces only, as XPath's normalize-space
    if len(desc) < 60 or " ".join(word_tokens(desc)[:10]) in " ".join(word_tokens(text)):
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
    if not _BEFORE_P(node, start=xpath_start(first)):
        return text
    if tree.find(".//h1") is not None and not _AFTER_H1(node):
        return text  # above the headline: a masthead tagline, not this story's lead
    return lead + "\n" + text




def _token_key(s: str | None) -> str:
    """word_key padded with spaces, so that containment tests match whole words only."""
    return f" {word_key(s)} " if s else ""


def headline_keys(tree: Any, title: str | None, ld: dict, metas: dict[str, str], restore: Any) -> list[str]:
    """The page's headline in every form it gives (title, og/twitter title, JSON-LD headline, <h1>),
    as token keys. ``restore`` puts the joiners back in the forms read from the protected tree: the
    body lines they are compared with have them back already."""
    tree_forms = [ld_text(ld.get("headline")), meta(metas, "og:title"), meta(metas, "twitter:title")]
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


def drop_headline(lines: list[str], headlines: list[str], kicker_tokens: int) -> list[str]:
    """Without the headline at the top of the body (gold and users count it as the title, not
    text), and the short kicker or date lines above it (of at most ``kicker_tokens`` words)."""
    for i, line in enumerate(lines[:3]):
        if _is_headline(line, headlines):
            return lines[i + 1:]
        if len(word_tokens(line)) > kicker_tokens:
            break
    return lines


