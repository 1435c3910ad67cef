"""Soft-404s: pages answered with status 200 that say «page not found» (archives capture them as 200s, and
some outlets serve them for removed articles). Pure: bytes in, a reason or None out."""

from __future__ import annotations

import re

#: a «page not found» heading, in the languages of the outlets and English: phrases about the page, not words a
#: headline uses («وجود ندارد» alone is a headline; «صفحه … وجود ندارد» is an error page)
_NOT_FOUND = re.compile(r"^\W*(error\W*)?404\W*($|not found|error|خطا|خطأ|[-|–])|"
                        r"page (was )?not found|page (cannot|could not) be found|"
                        r"صفحه[^.،]{0,30}(یافت نشد|پیدا نشد|وجود ندارد)|"
                        r"(الصفحة|صفحة)[^.،]{0,30}(غير موجودة|غير متوفرة|لم يتم العثور)|لم يتم العثور على الصفحة",
                        re.IGNORECASE)
#: a page with this much paragraph text is an article whatever its heading says
_SOFT_404_MAX_TEXT = 200


def soft_404_reason(body: bytes) -> str | None:
    """Why an HTML page answered with status 200 is a «page not found» (None: it is not): its title or first
    heading says so and it has next to no paragraph text. Archives capture such pages as 200s; some outlets
    serve them live."""
    from lxml import html as lxml_html

    try:  # UTF-8 as most outlets send it, else the page's own charset (lxml reads its meta)
        text: str | bytes = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body
    try:
        doc = lxml_html.fromstring(text)
    except ValueError:  # a str with an XML encoding declaration, or no markup at all
        try:
            doc = lxml_html.fromstring(body)
        except (ValueError, lxml_html.etree.ParserError):
            return None
    except lxml_html.etree.ParserError:
        return None
    heads = [" ".join(e.text_content().split()) for e in doc.xpath("//title | //h1")[:3]]
    said = next((h for h in heads if _NOT_FOUND.search(h)), None)
    chars = sum(len(p.text_content().strip()) for p in doc.xpath("//p"))
    if said is None or chars >= _SOFT_404_MAX_TEXT:
        return None
    return f"soft-404: the page (status 200) says «{said[:80]}» with {chars} characters of text"
