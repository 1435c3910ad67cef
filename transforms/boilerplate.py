"""Boilerplate that generic extraction (trafilatura) leaves in, at two levels.

Blocks, cut from the parsed page before extraction (any language; by markup, never by words):
- fact/info boxes (class ``factbox``, ``infobox``, ``fact-box`` …) and author biographies: asides
  next to the story, not part of it;
- social-media embeds (``blockquote.twitter-tweet``, ``instagram-media``, ``tiktok-embed``);
- teaser lists: a ``<ul>/<ol>`` of three or more items that are each mostly a link;
- further articles: when several top-level ``<article>`` elements each carry an ``<h1>`` and the
  first one is the page's (its headline is in ``<title>``/``og:title``), the others (infinite
  scroll appends the next story) go;
- fa/ar related-news blocks: a container whose first text is a list label and whose text is mostly
  links (drop_related_blocks), wherever it sits, so the paragraphs after it survive.
Lines, removed after extraction:
- a line that occurs three or more times is template text (consent placeholders under every embed);
Persian/Arabic lines; removal is by structure, never by a word appearing somewhere in a paragraph:
- a related/latest-news *label line* («اخبار پیشنهادی», «إقرأ أيضاً:» …) and the headline list
  that follows it (short lines); after the article's end markers (credit or tag line) such a label
  ends the article, so everything from it on goes (aggregators append whole other stories there);
- a *tag line* («برچسب ها: …», «كلمات دلالية: …») whose items become tags;
- exact *prompt lines* (comment, share, app-install, back-to-top), matched on the whole line;
- the *source credit* line («المصدر: …», «منبع: …»), returned separately.
Labels are compared in normalised form (transforms.normalize), so ي/ی, ك/ک, ZWNJ and harakat
variants of the same label all match.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import XPath

from akhbar.transforms.dates import parse_date_text
from akhbar.transforms.normalize import normalize_text, tokens
from akhbar.transforms.thresholds import EXTRACTION

LIST_LABELS = [
    "اخبار پیشنهادی", "آخرین اخبار", "خبرهای مرتبط", "اخبار مرتبط", "مطالب مرتبط", "پربازدیدترین",
    "پربازدیدترین اخبار", "پربیننده‌ترین", "مطالب پیشنهادی", "بیشتر بخوانید", "بخوانید", "داغ‌ترین اخبار",
    "إقرأ أيضاً", "اقرأ أيضا", "اقرأ أيضًا", "إقرأ أيضا", "اقرأ ايضا", "مقالات مشابهة", "أخبار ذات صلة",
    "اخبار ذات صلة", "مواضيع ذات صلة", "الأكثر قراءة", "الأكثر مشاهدة", "آخر الأخبار", "أخبار متعلقة",
    "مقالات ذات صلة", "شاهد أيضا", "شاهد أيضاً", "قد يهمك أيضا", "قد يعجبك أيضا",
]
TAG_LABELS = [
    "برچسب ها", "برچسب‌ها", "برچسبها", "کلمات کلیدی", "تگ ها", "تگ‌ها", "موضوعات", "كلمات دلالية",
    "الكلمات المفتاحية", "الكلمات الدلالية", "وسوم", "الوسوم", "كلمات مفتاحية",
]
#: whole lines (or line prefixes, for the ones carrying counters) that are interface, not text
PROMPT_LINES = [
    "اضف تعليقاً واقرأ تعليقات القراء", "أضف تعليقاً", "اضف تعليق", "شارك الخبر", "مشاركة", "شارك",
    "الرجوع الى أعلى الصفحة", "العودة إلى الأعلى", "تابع أحدث الأخبار عبر تطبيق", "طباعة", "تعليقات",
    "ارسال نظرات", "ارسال نظر", "تبادل نظر", "نظرات", "اشتراک گذاری", "اشتراک‌گذاری", "چاپ", "کد خبر",
    "newsQrCode", "نیازمندی ها", "نیازمندی‌ها", "آدرس ایمیل خود را با فرمت مناسب وارد نمایید.",
    "نظرات حاوی توهین و افترا منتشر نمی‌شود.", "لینک کوتاه", "کپی شد",
]
PROMPT_PREFIXES = ["ارسال نظرات", "کد خبر", "تابع أحدث الأخبار عبر تطبيق", "اشتراک‌گذاری در", "لینک کوتاه"]
_CREDIT = re.compile(r"^\s*(?:المصدر|مصدر|منبع|منابع|المصادر|source)\s*[:：]\s*(.{2,120}?)\s*$", re.I)
_TAG_LINE = re.compile(r"^\s*([^:：]{2,30}?)\s*[:：]\s*(.*)$")
_TAG_SPLIT = re.compile(r"\s*[,،؛;|/#]\s*|\s{2,}")
#: a list item after a label: a headline, not a paragraph
_HEADLINE_MAX = EXTRACTION.headline_max_chars
#: a line ending like a sentence is a paragraph, even a short one; headlines rarely end this way
_SENTENCE_END = (".", "؟", "?", "!", "۔", "…", ".»", ".\"")


def _key(line: str) -> str:
    return normalize_text(line).strip(" :：.-–—»«•*")


_LIST = {_key(x) for x in LIST_LABELS}
_TAGS = {_key(x) for x in TAG_LABELS}
_PROMPTS = {_key(x) for x in PROMPT_LINES}
_PREFIXES = tuple(_key(x) for x in PROMPT_PREFIXES)


@dataclass
class Cleaned:
    lines: list[str]
    source_credit: str | None = None
    tags: list[str] = field(default_factory=list)


def _is_prompt(key: str) -> bool:
    return key in _PROMPTS or key.startswith(_PREFIXES)


_LABEL_MAX = max(len(x) for x in LIST_LABELS) + 8  # room for punctuation, harakat, spacing
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def is_list_label(text: str) -> bool:
    """Whether a text is a related/latest-news label («إقرأ أيضاً», «اخبار پیشنهادی», …)."""
    text = text.strip()
    # cheap tests first: this runs on every short text of the page
    return len(text) <= _LABEL_MAX and bool(_ARABIC_SCRIPT.search(text)) and _key(text) in _LIST


def _is_headline(line: str) -> bool:
    line = line.strip()
    return len(line) <= _HEADLINE_MAX and not line.endswith(_SENTENCE_END) and _key(line) not in _LIST


def clean_lines(lines: list[str]) -> Cleaned:
    """The body lines without the boilerplate described in the module docstring."""
    out = Cleaned([])
    ended = False  # passed a credit or tag line: the article proper is over
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        key = _key(line)
        i += 1
        if not key:
            continue
        if key in _LIST:
            if ended:
                break
            while i < len(lines) and _is_headline(lines[i]):
                i += 1
            continue
        credit = _CREDIT.match(line)
        if credit and len(line) <= 140:
            out.source_credit = out.source_credit or credit.group(1).strip()
            ended = True
            continue
        tag = _TAG_LINE.match(line)
        if tag and _key(tag.group(1)) in _TAGS:
            out.tags.extend(t for t in _TAG_SPLIT.split(tag.group(2)) if t.strip())
            ended = True
            continue
        if key in _TAGS:  # bare tag label: the tags follow as short lines
            ended = True
            while i < len(lines) and len(lines[i].strip()) <= 60 and _key(lines[i]) not in _LIST:
                out.tags.append(lines[i].strip())
                i += 1
            continue
        if _is_prompt(key):
            continue
        out.lines.append(line)
    return out


# -- byline, date and copyright lines at the edges of the body ------------------------------------
#: how many lines at the top (and bottom) of the body are looked at
_EDGE = EXTRACTION.edge_lines
#: a date line is the date and time with a label at most: this many words without a digit
_DATE_LINE_WORDS = EXTRACTION.date_line_words
#: the words that open a byline, longest first («كتبت» before «كتب», «به قلم» before «قلم»). Those that also open
#: ordinary text («گزارش …», «تقرير عن …», «حوار مع …») count only before a colon; a byline verb or «by» may stand
#: without one («كتبت أسماء نصار»). ي/ی and ك/ک are matched either way, ZWNJ or space or nothing in «گفت‌وگو».
_BYLINE_VERBS = ["written by", "by", "von", "por", "par", "door", "بقلم", "به قلم", "كتبته", "كتبتها", "كتبت", "كتبه",
                 "كتب", "نوشته"]
_BYLINE_LABELS = ["نویسنده", "خبرنگار", "گزارشگر", "گزارش", "گفت وگو", "گفتگو", "مصاحبه", "ترجمه", "مترجم", "ترجمة",
                  "إعداد", "اعداد", "تقرير", "حوار", "مراسل", "محرر", "تحرير", "reporter"]


def _letters(word: str) -> str:
    """A regular expression for ``word`` that takes either keyboard's yeh and kaf, and ZWNJ for a space."""
    table = {"ي": "[يیى]", "ی": "[يیى]", "ك": "[كک]", "ک": "[كک]", " ": "[\\s\u200c]?"}
    return "".join(table.get(c, re.escape(c)) for c in word)


def _alternatives(words: list[str]) -> str:
    return "|".join(_letters(w) for w in sorted(words, key=len, reverse=True))


def _byline_open(ascii_words: bool) -> re.Pattern[str]:
    verbs = [w for w in _BYLINE_VERBS if ascii_words or not w.isascii()]
    labels = [w for w in _BYLINE_LABELS if ascii_words or not w.isascii()]
    return re.compile(f"^\\s*(?:(?:{_alternatives(verbs)})(?:\\s*[:：]\\s*|\\s+)"
                      f"|(?:{_alternatives(labels)})\\s*[:：]\\s*)", re.I)


_BYLINE_OPEN = _byline_open(ascii_words=True)
#: whether a text opens with a Persian/Arabic byline word (a label with its colon, a verb with a space): what is
#: looked for in the page's markup; Latin-script bylines are left to trafilatura's author elements
BYLINE_OPENS = _byline_open(ascii_words=False).match
#: kept for the edge test: a bare label word and a name, as the older rule read them («گزارش مریم صالحی»)
_BYLINE_PREFIX = re.compile(
    r"^\s*(?:von|by|por|par|di|av|af|door|بقلم|به قلم|نویسنده|نوشته|خبرنگار|گزارشگر|گزارش|ترجمه|كتب|كتبت|"
    r"إعداد|اعداد|تقرير|مراسل|محرر)\s*[:：]?\s+", re.I)
#: a closing copyright line; not a bare «حقوق» (rights), which opens paragraphs on human rights
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b|جميع الحقوق|حقوق (?:النشر|الطبع)|کلیه حقوق|تمامی حقوق"
                        r"|حقوق (?:این|مادی))", re.I)
_COPYRIGHT_MAX = EXTRACTION.copyright_max_chars
_DIGIT = re.compile(r"\d")


def word_key(s: str | None) -> str:
    """The words of ``s`` in normalised form (ي/ی, ك/ک, digits, diacritics and punctuation do not
    matter), lower-cased and space-joined: for comparing a line with a headline or a name."""
    return " ".join(tokens(normalize_text(s).lower())) if s else ""


def _is_metadata_line(line: str, author_keys: set[str]) -> bool:
    """A line that is the page's metadata, not its text: the byline (an author of the page, with or
    without «by»/«بقلم»), a date line, or a bare counter («47» comments)."""
    words = tokens(line)
    if not words:
        return False
    if all(w.isdigit() for w in words) and len(line.strip()) <= 12:
        return True
    if word_key(_BYLINE_PREFIX.sub("", line)) in author_keys:
        return True
    # «كتب: وليد عبد الرحمن، وكالة أنباء الشرق الأوسط»: a byline naming an author, whatever follows the name
    named = byline_names(line, set()) if author_keys else []
    if named and word_key(named[0]) in author_keys:
        return True
    stripped = line.strip()
    return (sum(not _DIGIT.search(w) for w in words) <= _DATE_LINE_WORDS and bool(_DIGIT.search(stripped))
            and not stripped.endswith(_SENTENCE_END) and parse_date_text(stripped) is not None)


def trim_edges(lines: list[str], authors: list[str]) -> list[str]:
    """The body without byline, date and counter lines among its first and last ``_EDGE`` lines,
    and without copyright or dangling-label lines at its end: metadata (stored in its own fields)
    and interface, not text."""
    author_keys = {k for k in (word_key(a) for a in authors) if k}
    start = 0
    while start < min(_EDGE, len(lines)) and _is_metadata_line(lines[start], author_keys):
        start += 1
    end = len(lines)
    while end > max(start, len(lines) - _EDGE) and _is_closing_line(lines[end - 1], author_keys):
        end -= 1
    return lines[start:end]


def _is_closing_line(line: str, author_keys: set[str]) -> bool:
    """Metadata at the end of the body: as at the top, or a copyright line, or a line that
    introduces something that is not there (ends with a colon)."""
    return (_is_metadata_line(line, author_keys)
            or (len(line) <= _COPYRIGHT_MAX and _COPYRIGHT.match(line) is not None)
            or line.rstrip().endswith((":", "：")))


# -- lines repeated --------------------------------------------------------------------------------
#: a line seen this many times in one body is template text, not writing
_REPEATS = EXTRACTION.repeated_line_count


def drop_repeated_lines(lines: list[str]) -> list[str]:
    """The lines without those that occur ``_REPEATS`` times or more (all their copies)."""
    counts = Counter(x.strip() for x in lines if x.strip())
    return [x for x in lines if counts[x.strip()] < _REPEATS]


# -- blocks ----------------------------------------------------------------------------------------
_EMBED_CLASSES = frozenset({"twitter-tweet", "instagram-media", "tiktok-embed", "reddit-embed-bq"})
_BOX_CLASS = re.compile(r"(?i)^(?:fact|facts|fakta)$|factbox|fact-box|infobox|info-box|author[-_]*bio")
#: a teaser list: at least this many items, each with at least this share of its text in links
_TEASER_ITEMS = EXTRACTION.teaser_items
_TEASER_LINKED = EXTRACTION.teaser_linked_share
_KEEP_TAGS = frozenset({"html", "body", "article", "main", "head"})


def _classes(node: Any) -> list[str]:
    return (node.get("class") or "").split()


def _link_share(node: Any) -> float:
    # text_content() is one C-level string(): cheaper than joining itertext() in Python
    total = len(node.text_content().strip())
    linked = sum(len(a.text_content().strip()) for a in node.iter("a"))
    return linked / total if total else 0.0


def _words(s: str | None) -> str:
    return " ".join(tokens((s or "").lower()))


def _further_articles(tree: Any) -> list[Any]:
    tops = [a for a in tree.iter("article") if a.find(".//h1") is not None
            and not any(x.tag == "article" for x in a.iterancestors())]
    if len(tops) < 2:
        return []
    titles = [_words(t) for t in tree.xpath("//title/text()|//meta[@property='og:title']/@content")]

    def is_page_article(a: Any) -> bool:
        h1 = _words(a.find(".//h1").text_content())
        return bool(h1) and any(h1 in t for t in titles)

    return [a for a in tops[1:] if not is_page_article(a)] if is_page_article(tops[0]) else []


#: candidates for the block rules, chosen in C by lxml (one pass, case-sensitive substrings that
#: cover the usual spellings); the Python tests in _doomed decide. Far cheaper than visiting every
#: element from Python, which builds a proxy object per element.
_CANDIDATES = XPath(
    # lists: only those whose every item holds a link can be teaser lists; classes tested only where present
    "//blockquote[@class] | //ul[count(li) >= $n][not(li[not(.//a)])] | //ol[count(li) >= $n][not(li[not(.//a)])]"
    " | //*[@class][" + " or ".join(f"contains(@class, '{w}')" for w in ("fact", "Fact", "FACT", "akta", "nfo",
                                                                       "NFO", "bio", "Bio")) + "]")
_ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويیکپچژگأإآةى"
#: text nodes that could be a label: short and holding an Arabic-script letter (filtered in C)
_SHORT_ARABIC_TEXTS = XPath("//text()[string-length(normalize-space(.)) > 1 and string-length(normalize-space(.)) <= $n"
                            f" and translate(., '{_ARABIC_LETTERS}', '') != .]")
_RELATED_CONTAINERS = frozenset({"section", "div", "aside", "ul", "ol", "nav", "table"})
#: share of a labelled block's text inside links above which it is a list of headlines
_RELATED_LINKED = EXTRACTION.related_linked_share


def _root(tree: Any) -> Any:
    return tree.getroot() if hasattr(tree, "getroot") else tree


def _attached(node: Any, root: Any) -> bool:
    """Still in the document (not inside a subtree dropped earlier)."""
    return node.getparent() is not None and node.getroottree().getroot() is root


def _doomed(node: Any) -> bool:
    tag = node.tag
    if tag in _KEEP_TAGS:
        return False
    classes = _classes(node)
    if tag == "blockquote" and _EMBED_CLASSES.intersection(classes):
        return True
    if any(_BOX_CLASS.search(c) for c in classes):
        return True
    if tag in ("ul", "ol"):
        items = [li for li in node if li.tag == "li"]
        return len(items) >= _TEASER_ITEMS and all(_link_share(li) >= _TEASER_LINKED for li in items)
    return False


def prune_blocks(tree: Any) -> str:
    """Cut the blocks listed in the module docstring out of ``tree`` (in place); returns their text,
    so that a JSON-LD body holding the same text is not taken for a fuller extraction."""
    root = _root(tree)
    doomed = [n for n in _CANDIDATES(tree, n=_TEASER_ITEMS) if _doomed(n)]
    doomed.extend(_further_articles(tree))
    removed: list[str] = []
    for node in doomed:
        if _attached(node, root):
            removed.append(node.text_content())
            node.drop_tree()
    return "\n".join(removed)


#: every label holds one of these letters: a page without any of them has no label to look for
_LABEL_HINT = "اأإیي"


def may_hold_list_labels(page: str) -> bool:
    """Cheap pre-test on the page source (a few substring scans) before drop_related_blocks."""
    return any(c in page for c in _LABEL_HINT)


def drop_related_blocks(tree: Any) -> None:
    """Remove related-news blocks («إقرأ أيضاً» + links) wherever they sit, also inside the body:
    trafilatura drops their links but keeps the label, and the lines after it are real paragraphs.
    A block is a container whose first text is such a label and whose text is mostly links; it is
    found from the label's text node upwards, so only pages with a label pay for the check."""
    root, doomed = _root(tree), []
    for text in _SHORT_ARABIC_TEXTS(tree, n=_LABEL_MAX):
        if not is_list_label(text):
            continue
        node = text.getparent()
        chain = ([] if text.is_tail else [node]) + list(node.iterancestors())
        for container in chain:
            first = next((t for t in container.itertext() if t.strip()), None)
            if first is None or not is_list_label(first):
                break
            if container.tag in _RELATED_CONTAINERS and _link_share(container) >= _RELATED_LINKED:
                doomed.append(container)
    for node in doomed:
        if _attached(node, root):
            node.drop_tree()


# -- metadata fields: the site's name in titles and bylines, tag lists ----------------------------
#: separators between a title and the site name, section or date the page adds to it
_TITLE_SEP = re.compile(r"\s+[-|–—:•·»«*]\s+|\s+[|–—]|[|–—]\s+")
#: a kicker or section before the headline: cut when the other headline forms leave it out
_KICKER_SEP = re.compile(r"\s[-|–—]\s*$|[|–—]\s*$")
#: a segment is "site-like" only when short: a real headline part is longer
_SITE_SEGMENT_WORDS = EXTRACTION.site_segment_words
#: a byline segment after the site's name («Headline | Site | by Name»): the author, not the headline
_BYLINE_TAIL = re.compile(r"^\s*(?:by|von|par|por|بقلم|به قلم|نویسنده|نوشته)\s*[:：]?\s+\S", re.I)
_AGENCY = re.compile(r"^(?:وكالة|وکالة|خبرگزاری|خبرگزارى|پایگاه خبری|موقع|شبكة|صحيفة|جريدة|روزنامه)\s", re.I)


def _fold(s: str) -> str:
    """Letters only, no diacritics or spacing: «Seznam Zprávy» and seznamzpravy.cz meet."""
    import unicodedata

    s = unicodedata.normalize("NFKD", normalize_text(s).lower())
    return "".join(c for c in s if c.isalnum() and not unicodedata.combining(c))


_SITE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
#: shorter parts of a site's name are too generic to recognise it by («TV», «News»)
_SITE_PART_MIN = EXTRACTION.site_part_min_chars


def site_names(names: list[str | None], host: str | None) -> set[str]:
    """Folded forms of the outlet's names (og:site_name, publisher, registry name) and of the
    host's distinctive label (www.golem.de -> golem), for site_like()."""
    out = {_fold(n) for n in names if n and _fold(n)}
    # each part of a name written in parts («خبرگزاری باشگاه خبرنگاران | آخرین اخبار ایران و جهان | YJC»)
    out |= {_fold(part) for n in names if n and _SITE_PARTS.search(n) for part in _SITE_PARTS.split(n)
            if len(_fold(part)) >= _SITE_PART_MIN}
    if host:
        labels = [x for x in host.lower().split(".") if x not in ("www", "m", "amp", "news", "com", "co")]
        if labels:
            out.add(_fold(max(labels[:-1] or labels, key=len)))
    return {n for n in out if len(n) >= 2}


def site_like(segment: str, names: set[str]) -> bool:
    """The segment is the site's name (or holds it, or is held by it: «BBC News عربي» for
    «BBC News»), a date, or an agency name («وكالة أنباء …», «خبرگزاری …»)."""
    words = tokens(segment)
    if not words or len(words) > _SITE_SEGMENT_WORDS:
        return False
    if all(_DIGIT.search(w) for w in words) or parse_date_text(segment) is not None:
        return True
    folded = _fold(segment)
    if _AGENCY.match(segment.strip()) and len(words) <= 4:
        return True
    return any(n == folded or (len(n) >= 3 and (n in folded or (folded in n and len(folded) >= 0.5 * len(n))))
               for n in names)


def _segments(title: str) -> list[str]:
    return [s for s in _TITLE_SEP.split(title) if s and s.strip()]


#: a headline both forms end with, after different kickers, has at least this many words
_SHARED_TAIL_WORDS = EXTRACTION.shared_tail_words
_HEAD_SEP = re.compile(f"(?:{_TITLE_SEP.pattern}|[:：]\\s+)$")
#: what the shared end may open with before the headline: the separator both kickers use («A: X», «B: X»)
_LEADING_SEP = re.compile(r"^\s*(?:[-|–—:：•·»«*](?=\s))?\s*")


def _shared_tail(title: str, other: str | None) -> str | None:
    """The headline two forms share after different kickers («Kicker A: Headline», «Kicker B - Headline»):
    the tail both end with, when each puts a separator right before it. Editors change the kicker
    per channel (social title, on-page heading); the headline under it is the story's."""
    if not other or other == title:
        return None
    shorter = min(len(title), len(other))
    pairs = zip(reversed(title), reversed(other), strict=False)  # unequal lengths: stops at the shorter
    n = next((i for i, (a, b) in enumerate(pairs) if a != b), shorter)
    if n >= shorter:
        return None  # one form ends the other: the kicker rule's case, not two kickers
    common = title[len(title) - n:]
    tail = common[_LEADING_SEP.match(common).end():]
    heads = (title[:len(title) - len(tail)], other[:len(other) - len(tail)])
    if len(tokens(tail)) < _SHARED_TAIL_WORDS or not all(_HEAD_SEP.search(h) for h in heads):
        return None
    # one kicker written with two separators is still the same kicker, and part of the headline
    return tail if word_key(heads[0]) != word_key(heads[1]) else None


def strip_site_name(title: str | None, names: set[str], others: list[str] = ()) -> str | None:
    """``title`` without leading/trailing segments that are the site's name or a date, and without
    a tail or head that the page's other headline forms (``others``: <h1>, JSON-LD headline) leave
    out: their agreement shows it is not part of the headline."""
    if not title:
        return title
    title = " ".join(title.split())
    for other in others:
        other = " ".join((other or "").split())
        if other and other != title and len(other) >= 10 and title.startswith(other) and \
                _TITLE_SEP.match(title[len(other):]):
            return other
        head = title[:-len(other)] if other and title.endswith(other) else ""
        if other and other != title and len(other) >= 10 and head and _KICKER_SEP.search(head):
            return other
        tail = _shared_tail(title, other)
        if tail:  # the site's name may still end it («K1 - X - Site», «K2 - X - Site»)
            title = tail
            break
    parts = [m for m in re.split(f"({_TITLE_SEP.pattern})", title)]
    # parts alternate text, separator, text ...; cut site-like text at either end
    while len(parts) >= 5 and _BYLINE_TAIL.match(parts[-1]) and site_like(parts[-3], names):
        parts = parts[:-2]
    while len(parts) >= 3 and site_like(parts[-1], names):
        parts = parts[:-2]
    while len(parts) >= 3 and site_like(parts[0], names):
        parts = parts[2:]
    return "".join(parts).strip() or title


#: a name's end: the initials some bylines append («Corina Gall (cog.)»)
_INITIALS = re.compile(r"\s*\([^()]{1,8}\)\s*$")
#: separators between the names of one byline, and the spaced dash before a dateline place or desk
#: («حسام أبو العلا - القاهرة», «مریم صالحی - خبرگزاری مهر»)
_NAME_SEP = re.compile(r"\s*[;,،|/\n]\s*")
_DASH = re.compile(r"\s+[-–—]\s+")
#: «و»/"and" between two names when it stands alone («أحمد علي و سارة محمود»)
_AND = re.compile(r"\s+(?:و|and|und|et|y|e)\s+(?=\S)")
#: Arabic script writes «و» joined to the next word («كايلا إبستين وأنجليكا كاساس»); these names start with the
#: letter themselves («محمد وليد»), in normalised and folded form (normalize_text(…, fold=True))
_WAW_NAMES = frozenset(normalize_text(w, fold=True) for w in """
    وليد وائل وسام وسيم وسيمة وفاء وداد وجدي وجدان وحيد وحيدة وهيب وهبة وهبي وصفي وضاح وعد ولاء وئام وصال وديع
    وديعة وجيه وجيهة وفيق وفيقة واصف واثق وافي ورد وردة وهاب ولي ولد وفا وحیدرضا
""".split())
_IMAGE_WORD = re.compile(r"(?i)\.(?:png|jpe?g|gif|svg|webp)\b|^https?://|/|logo|\blogo\b|_")
#: a name holding one of these words is an organisation, desk, source credit or slogan, not a person («Arya Group»,
#: «المدينة نيوز», «آخرین اخبار ایران», «Quelle: sid», «فريق التحرير»); compared in folded form, whole words only
_ORGANISATION_WORDS = frozenset(
    normalize_text(w, fold=True) for w in """
    news group agency media network press tv radio online channel magazine newspaper daily staff team desk
    editorial editors redaktion newsroom service services agencies wire publishing agentur agenturen
    nachrichtenagentur presseagentur nachrichten quelle source sources
    أخبار اخبار الأخبار نيوز وكالة الوكالة موقع الموقع قناة القناة شبكة الشبكة صحيفة الصحيفة جريدة الجريدة مجلة
    المجلة تلفزيون التلفزيون إذاعة الإذاعة مجموعة المجموعة فريق التحرير تحرير بوابة البوابة منصة مؤسسة
    المصدر مصدر
    خبرگزاری خبر خبری اخبار روزنامه پایگاه شبکه گروه باشگاه تحریریه سرویس رسانه نیوز مجله سایت کانال منبع
    """.split())
#: the whole value is a credit for the site's makers, not a byline («Developed By Heba Musa»)
_MAKERS = re.compile(r"(?i)^\s*(?:developed|designed|powered|programmed|created|built|hosted)\s+by\b"
                     r"|^\s*(?:طراحی|برنامه[\s\u200c]?نویسی|تصميم|برمجة|تطوير)\b")
#: a URL broken into words by some extractors («Sputnik https», «www»)
_URL_WORD = frozenset({"http", "https", "www", "com", "html", "php"})
_NAME_MAX_WORDS = EXTRACTION.name_max_words
_STAFF = frozenset({"staff", "admin", "editor", "redaktion", "news", "bbc news", "administrator", "webmaster"})


def _split_joined_and(name: str) -> list[str]:
    """«A B وC D» as two names, when both sides have two words or more and «وC» is not a name of its own
    («محمد علي وليد حسن» stays one: «وليد» is a name)."""
    words = name.split()
    for i in range(2, len(words) - 1):
        word = words[i]
        if word.startswith("و") and len(word) >= 3 and normalize_text(word, fold=True) not in _WAW_NAMES \
                and _ARABIC_SCRIPT.match(word[1]):
            return [" ".join(words[:i]), *_split_joined_and(" ".join([word[1:], *words[i + 1:]]))]
    return [name]


def is_organisation(name: str, names: set[str]) -> bool:
    """The name is the site's (or one of the segments of its name), an agency, or holds an organisation word."""
    return site_like(name, names) or any(w in _ORGANISATION_WORDS for w in tokens(normalize_text(name, fold=True)
                                                                                .lower()))


def _person(name: str, names: set[str]) -> bool:
    """Whether ``name`` (trimmed) reads as a person's name: two to a few words, no digits, no URL piece, image file
    or logo word, not the site or an organisation, not a staff account."""
    words = tokens(name)
    if not 2 <= len(words) <= _NAME_MAX_WORDS or _IMAGE_WORD.search(name) or _DIGIT.search(name):
        return False  # one word is a handle, brand or desk («Cdnarabic», «I», «Reuters»); a long one a phrase
    if any(w.lower() in _URL_WORD for w in words) or name.lower() in _STAFF:
        return False
    return not is_organisation(name, names)


def _trim_name(name: str) -> str:
    return " ".join(_INITIALS.sub("", _BYLINE_OPEN.sub("", name)).split()).strip(" :：-–—|.,،")


def clean_authors(raw: list[str], names: set[str]) -> list[str]:
    """Author names as the byline writes them: split on separators and «و»/"and", trimmed of byline words,
    initials and a dateline place after a dash; without the site's name or its segments, organisations, slogans,
    URL pieces, logo/image-file words and single words; de-duplicated (first form kept)."""
    out: dict[str, str] = {}
    for item in raw:
        # whitespace collapsed first: the separators' «\s*» tried at every space of a long run (a JSON-LD
        # author with 100k spaces) made the split quadratic
        item = " ".join((item or "").split())
        if not item or _MAKERS.match(item):
            continue
        for part in _NAME_SEP.split(item):
            part = _trim_name(part)
            if not part:
                continue
            # «name - place», «site - name»: the first dash-part that is not an organisation is the name
            part = next((p for p in _DASH.split(part) if not is_organisation(p, names)), "")
            # a slogan or site name is judged whole, before «و» splits it («آخرین اخبار ایران و جهان»)
            if not part or is_organisation(part, names):
                continue
            for name in (n for piece in _AND.split(part) for n in _split_joined_and(piece)):
                name = _trim_name(name)
                if _person(name, names):
                    out.setdefault(word_key(name), name)
    return list(out.values())


def byline_names(line: str, names: set[str]) -> list[str]:
    """The authors a byline line names («كتب: وليد عبد الرحمن، وكالة أنباء الشرق الأوسط», «حوار: آسيا
    العتروس», «به قلم مریم صالحی»); [] for a line that is not a byline: no byline word at its start, or a name
    part longer than a name, or a sentence."""
    opened = _BYLINE_OPEN.match(line)
    if not opened or len(line) > _BYLINE_MAX_CHARS:
        return []
    rest = line[opened.end():].strip()
    first = _DASH.split(_NAME_SEP.split(rest)[0])[0]
    if not first or len(tokens(first)) > _NAME_MAX_WORDS or rest.endswith(("؟", "?", "!", ":", "：")):
        return []
    return clean_authors([rest], names)


_BYLINE_MAX_CHARS = EXTRACTION.byline_max_chars


_TAG_SEP = re.compile(r"\s*[,،؛;|]\s*")
#: trimmed from a tag's ends: a ZWNJ/ZWJ or direction mark there joins nothing (inside a word it is kept)
_TAG_EDGES = " #\u200c\u200d\u200e\u200f\u061c"
#: this many one-word tags or more that spell out the headline are the headline, not topics
_TITLE_WORD_TAGS = EXTRACTION.title_word_tags


def split_tags(raw: list[str], title: str | None = None) -> list[str]:
    """Tags as a list: each value split on , ، ؛ ; |, trimmed, empty ones dropped, de-duplicated; never the
    title: a keyword list that is the headline («الناشط الحقوقي السوداني …,»), or the headline's words one by
    one («طهران,تدفن,«زادة»..,وتتهم,…»), names no topic."""
    out: dict[str, str] = {}
    for item in raw:
        for tag in _TAG_SEP.split(" ".join((item or "").split())):  # collapsed first: see clean_authors
            tag = " ".join(tag.split()).strip(_TAG_EDGES)
            if tag:
                out.setdefault(word_key(tag) or tag, tag)
    head = word_key(title)
    if head:
        out.pop(head, None)
        # the headline cut into words: all of them, in order, make up (the start of) the title
        if len(out) >= _TITLE_WORD_TAGS and all(" " not in k for k in out):
            joined = " ".join(out)
            if joined == head or head.startswith(joined + " "):
                return []
    return list(out.values())
