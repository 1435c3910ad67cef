"""Contract of the trafilatura internals transforms/extract.py relies on (through transforms/trafilatura_adapter).

Each test names one internal: it must still exist, take the arguments we pass, and do what extract.py counts
on. A trafilatura upgrade that moves or changes one fails here by name (the reason pyproject pins < 2.4).
"""

from __future__ import annotations

import ast
import inspect
from datetime import date

import pytest
from lxml.html import HtmlElement
from repo import ROOT

from akhbar.transforms import trafilatura_adapter as traf

PAGE = """<!doctype html><html lang="fa"><head><title>افزایش قیمت نان در تهران | خبرگزاری نمونه</title>
<meta property="og:title" content="افزایش قیمت نان در تهران">
<meta name="author" content="مریم احمدی">
<meta property="article:section" content="اقتصاد">
</head><body><header><a href="/">خانه</a></header>
<article><h1>افزایش قیمت نان در تهران</h1><div class="byline">مریم احمدی</div>
<p>قیمت نان در تهران از امروز ده درصد افزایش یافت و نانوایی‌ها فهرست تازه را روی دیوار نصب کردند.</p>
<p>سخنگوی اتحادیه نانوایان گفت این افزایش به دلیل گرانی آرد و هزینه‌های حمل‌ونقل است و تغییر نمی‌کند.</p>
<p>شهروندان در گفت‌وگو با خبرنگار ما از این تصمیم ناراضی بودند و خواستار نظارت بیشتر شدند.</p>
<table><tr><td>نان بربری</td><td>۱۵۰۰۰ تومان</td></tr></table>
<div class="tags"><a href="/tag/نان" rel="tag">نان</a><a href="/tag/اقتصاد" rel="tag">اقتصاد</a></div>
</article><div class="comments"><p>نظر خواننده: این افزایش قیمت ظالمانه است و باید لغو شود.</p></div>
</body></html>"""
#: no <meta> tags: what the page itself says must be found
BARE = PAGE.split("<head>")[0] + "<head></head><body>" + PAGE.split("<body>")[1]


@pytest.fixture
def tree() -> HtmlElement:
    return traf.load_html(PAGE)


def _params(func) -> list[str]:
    return list(inspect.signature(func).parameters)


def test_only_the_adapter_imports_trafilatura():
    """extract.py (and every other product module) reaches trafilatura through the adapter alone."""
    offenders = []
    for package in ("transforms", "warehouse", "crawler", "akhbar", "dags", "outlets"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name == "trafilatura_adapter.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                offenders += [f"{path.relative_to(ROOT)}:{node.lineno}" for n in names
                              if n.split(".")[0] == "trafilatura"]
    assert offenders == []


def test_version_is_below_the_pin():
    major, minor = (int(x) for x in traf.VERSION.split(".")[:2])
    assert (2, 3) <= (major, minor) < (2, 4)


def test_load_html_parses_a_unicode_page(tree):
    assert _params(traf.load_html)[0] == "htmlobject"
    assert isinstance(tree, HtmlElement)
    assert tree.findtext(".//h1") == "افزایش قیمت نان در تهران"
    assert traf.load_html("") is None  # extract.py checks the page is not empty before


def test_date_params_are_the_extensive_search_up_to_today():
    before = date.today()
    params = traf.date_params()
    after = date.today()  # the day may turn between the two: at midnight, either is right
    assert params["extensive_search"] is True and params["original_date"] is True
    assert params["max_date"] in {before.isoformat(), after.isoformat()}


def test_examine_meta_reads_meta_tags_into_a_document(tree):
    assert _params(traf.examine_meta) == ["tree"]
    md = traf.examine_meta(tree)
    assert isinstance(md, traf.Document)
    assert (md.title, md.author) == ("افزایش قیمت نان در تهران", "مریم احمدی")
    for attr in ("title", "author", "categories", "tags"):  # the fields _page_meta reads and writes
        assert hasattr(md, attr), attr
    md.title = "  عنوان   با فاصله  "
    md.clean_and_trim()
    assert md.title == "عنوان با فاصله"


def test_extract_json_fills_a_document_from_a_parsed_json_ld_document():
    assert _params(traf.extract_json) == ["schema", "metadata"]
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "سقوط بهای نفت در بازار جهانی",
          "author": {"@type": "Person", "name": "علی رضایی"}}
    md = traf.extract_json(ld, traf.Document())
    assert (md.title, md.author) == ("سقوط بهای نفت در بازار جهانی", "علی رضایی")


def test_normalize_json_undoes_json_escapes_and_strips_tags():
    assert _params(traf.normalize_json) == ["string"]
    assert traf.normalize_json("\\u0633\\u0644\\u0627\\u0645 <b>دنیا</b>") == "سلام دنیا"


def test_title_and_author_from_the_page_itself():
    bare = traf.load_html(BARE)
    assert _params(traf.extract_title) == ["tree"] and _params(traf.extract_author) == ["tree"]
    assert traf.examine_meta(bare).title is None
    assert traf.extract_title(bare) == "افزایش قیمت نان در تهران"
    assert traf.extract_author(bare) == "مریم احمدی"


def test_catstags_reads_tag_links_and_the_section_meta(tree):
    assert _params(traf.extract_catstags) == ["metatype", "tree"]
    assert traf.extract_catstags("tag", tree) == ["نان", "اقتصاد"]
    assert traf.extract_catstags("category", tree) == ["اقتصاد"]
    assert traf.extract_catstags("category", traf.load_html(BARE)) == []


def test_bare_extraction_takes_our_options_and_returns_the_body(tree):
    from akhbar.transforms.extract import MAIN_OPTIONS

    core = inspect.signature(traf.trafilatura.bare_extraction).parameters
    for option in ("url", *MAIN_OPTIONS, "favor_recall"):  # every keyword extract.py passes
        assert option in core, option
    doc = traf.bare_extraction(tree, "https://example.ir/news/1", **MAIN_OPTIONS)
    assert isinstance(doc, traf.Document)
    assert "افزایش یافت و نانوایی" in doc.text
    assert "۱۵۰۰۰ تومان" in doc.text  # include_tables=True
    assert "ظالمانه" not in doc.text  # include_comments=False
    # its sanitiser drops ZWNJ, but not the stand-ins we swap in around it (transforms/extract/page.py)
    assert "\u200c" not in doc.text
    protected = traf.load_html(PAGE.replace("\u200c", "\u16a0"))
    assert "نانوایی\u16a0ها" in traf.bare_extraction(protected, None, **MAIN_OPTIONS).text
    recall = traf.bare_extraction(tree, "https://example.ir/news/1", **MAIN_OPTIONS, favor_recall=True)
    assert "خواستار نظارت بیشتر" in recall.text
