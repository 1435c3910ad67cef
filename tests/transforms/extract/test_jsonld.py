"""transforms/extract/jsonld.py: every JSON-LD document of a page parsed once (CDATA-wrapped too, a broken one
skipped), the article's object found through @graph and lists, and its values read as text or lists."""

from __future__ import annotations

import json

from lxml import html

from akhbar.transforms.extract.jsonld import (
    article_ld,
    body_paragraphs,
    jsonld_documents,
    jsonld_objects,
    ld_list,
    ld_text,
    ld_types,
)

ARTICLE = {"@type": ["NewsArticle"], "headline": "تشدید تحریم‌ها علیه ایران",
           "articleBody": "بند اول\nبند دوم", "keywords": "تحریم، اقتصاد, ایران"}
PAGE_LD = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "ایرنا"},
                                                        {"@type": "NewsArticle", "headline": "بدون متن"}, ARTICLE]}


def _tree(*scripts: str):
    body = "".join(f'<script type="application/LD+JSON">{s}</script>' for s in scripts)
    return html.fromstring(f"<html><head>{body}</head><body><p>x</p></body></html>")


def test_each_script_is_parsed_a_cdata_wrapped_one_too_and_a_broken_one_skipped():
    cdata = "//<![CDATA[\n" + json.dumps({"@type": "Organization", "name": "الجزيرة"}) + "\n//]]>"
    notes: list[str] = []
    docs = jsonld_documents(_tree(json.dumps(PAGE_LD), cdata, "{not json"), notes)
    assert docs == [PAGE_LD, {"@type": "Organization", "name": "الجزيرة"}]
    assert notes == []


def test_a_too_deep_document_is_skipped_with_a_note():
    deep = "[" * 5000 + "]" * 5000
    notes: list[str] = []
    assert jsonld_documents(_tree(deep, json.dumps(ARTICLE)), notes) == [ARTICLE]
    assert len(notes) == 1


def test_the_article_object_is_the_one_with_its_body_whatever_the_nesting():
    objs = jsonld_objects([PAGE_LD])  # the @graph holder first, then its members
    assert [ld_types(o) for o in objs] == [set(), {"webpage"}, {"newsarticle"}, {"newsarticle"}]
    assert article_ld(objs) is ARTICLE
    page, story = {"@type": "WebPage", "name": "ایرنا"}, {"@type": "NewsArticle", "headline": "بدون متن"}
    assert article_ld([page, story]) is story  # without a body: an article before a web page
    assert article_ld([page]) is page
    assert article_ld(jsonld_objects([{"@type": "Organization", "name": "الجزيرة"}])) == {}


def test_values_read_as_text_and_lists():
    assert ld_text([None, {"name": "مریم رضایی"}]) == "مریم رضایی"
    assert ld_text({"@id": "https://www.irna.ir/#org"}) == "https://www.irna.ir/#org"
    assert ld_list(ARTICLE["keywords"]) == ["تحریم", "اقتصاد", "ایران"]  # Arabic and Latin commas
    assert ld_list([{"name": "غزة"}, "القدس، رام الله"]) == ["غزة", "القدس", "رام الله"]


def test_an_html_article_body_gives_its_paragraphs():
    assert body_paragraphs("<p>بند اول</p><p>بند دوم</p>") == ["بند اول", "بند دوم"]
    assert body_paragraphs(ARTICLE["articleBody"]) == ["بند اول", "بند دوم"]
