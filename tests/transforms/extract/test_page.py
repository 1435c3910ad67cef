"""transforms/extract/page.py: a page decoded and parsed once, ZWNJ and ZWJ kept through trafilatura's sanitiser
(as characters or entities), and no HTML refused with its reason."""

from __future__ import annotations

import pytest

from akhbar.transforms.extract.page import Joiners, parse_page
from akhbar.transforms.extract.result import ExtractionError, NoArticleText

ZWNJ, ZWJ = "\u200c", "\u200d"
PAGE = f"<html><body><p>گفت{ZWNJ}وگو درباره برنامه‌ها</p></body></html>"


def test_joiners_survive_protect_and_restore_whatever_their_form():
    j = Joiners(PAGE)
    protected = j.protect(f"<p>گفت&zwnj;وگو می&#8204;شود ن&#x200C;ه ك{ZWJ}</p>")
    assert ZWNJ not in protected and ZWJ not in protected and "&zwnj;" not in protected
    assert j.restore(protected) == f"<p>گفت{ZWNJ}وگو می{ZWNJ}شود ن{ZWNJ}ه ك{ZWJ}</p>"
    assert j.restore(None) is None and j.restore("") == ""


def test_a_page_holding_the_stand_ins_gets_the_other_set():
    runic = f"<p>ᚠ rune and گفت{ZWNJ}وگو</p>"  # U+16A0, the first set's ZWNJ stand-in, written by the page
    j = Joiners(runic)
    assert j.restore(j.protect(runic)) == runic
    assert Joiners(PAGE).map != j.map


def test_parse_page_keeps_zwnj_in_the_tree_and_reports_the_decoding():
    parsed = parse_page(PAGE.encode("utf-8"), "text/html; charset=utf-8")
    text = parsed.joiners.restore(parsed.tree.xpath("string(//p)"))
    assert text == f"گفت{ZWNJ}وگو درباره برنامه‌ها"
    assert parsed.encoding.replace("-", "").lower().startswith("utf") and parsed.repairs == 0
    assert parse_page(PAGE, None).encoding == "unicode"


@pytest.mark.parametrize(("page", "content_type", "reason", "no_text"), [
    (b"", "text/html", "empty page", True),
    (b"   \n", "text/html", "empty page", True),
    ("  ", None, "empty page", True),
    ("متن ساده بدون هیچ نشانه‌گذاری", "text/html", "not HTML", False),
    (b"%PDF-1.7 binary", "application/pdf", "not HTML: application/pdf", False),
])
def test_what_is_no_html_page_raises_with_its_reason(page, content_type, reason, no_text):
    with pytest.raises(ExtractionError) as caught:
        parse_page(page, content_type)
    assert caught.value.reason == reason
    assert isinstance(caught.value, NoArticleText) is no_text  # the pipeline tells the two apart by type
