"""transforms/extract/lead.py: the standfirst trafilatura drops with its header is put back first; the headline
repeated at the top of the body (with its kicker) is taken out, a lead sentence that opens with its words is not."""

from __future__ import annotations

from lxml import html

from akhbar.transforms.extract.lead import drop_headline, headline_keys, with_standfirst

HEADLINE = "افزایش قیمت نان در تهران"
LEAD = ("دولت امروز اعلام کرد که قیمت نان در تهران از هفته آینده بیست درصد افزایش می‌یابد "
        "و یارانه‌ها تغییر نمی‌کند")
BODY = "متن اصلی خبر که به اندازه کافی بلند است تا اولین خط بلند متن باشد و آزمون را پیش ببرد."


def _tree(lead_before_h1: bool = False):
    lead = f"<div class='lead'>{LEAD}</div>"
    head = f"<h1>{HEADLINE}</h1>"
    first = lead + head if lead_before_h1 else head + lead
    return html.fromstring(f"<html><body>{first}<p>{BODY}</p></body></html>")


def _keys() -> list[str]:
    return headline_keys(_tree(), f"{HEADLINE} | ایرنا", {}, {"og:title": HEADLINE}, lambda s: s)


def test_headline_keys_are_every_form_once_as_whole_words():
    keys = _keys()
    assert keys == [f" {HEADLINE} ایرنا ", f" {HEADLINE} "]  # the <title> form, then og:title = <h1> once


def test_the_headline_and_its_kicker_are_dropped_from_the_top():
    assert drop_headline(["اقتصادی", HEADLINE, BODY], _keys(), 4) == [BODY]
    # the title with the site name after it is most of a headline form too
    assert drop_headline([f"{HEADLINE} - ایرنا", BODY], _keys(), 4) == [BODY]


def test_a_lead_sentence_opening_with_the_headline_and_lines_below_a_long_one_stay():
    sentence = f"{HEADLINE} از هفته آینده آغاز می‌شود."
    assert drop_headline([sentence, BODY], _keys(), 4) == [sentence, BODY]
    long_first = "این یک خط طولانی‌تر از یک روتیتر است که پیش از تیتر آمده"
    assert drop_headline([long_first, HEADLINE, BODY], _keys(), 4) == [long_first, HEADLINE, BODY]


def test_the_visible_standfirst_is_put_back_first():
    assert with_standfirst(_tree(), BODY, {"og:description": LEAD}, {}) == LEAD + "\n" + BODY
    assert with_standfirst(_tree(), BODY, {}, {"description": LEAD}) == LEAD + "\n" + BODY  # JSON-LD's


def test_no_standfirst_above_the_headline_twice_or_without_a_description():
    assert with_standfirst(_tree(lead_before_h1=True), BODY, {"og:description": LEAD}, {}) == BODY  # a tagline
    already = LEAD + "\n" + BODY
    assert with_standfirst(_tree(), already, {"og:description": LEAD}, {}) == already
    assert with_standfirst(_tree(), BODY, {}, {}) == BODY
    assert with_standfirst(_tree(), BODY, {"og:description": "خلاصه کوتاه"}, {}) == BODY  # under 60 characters
