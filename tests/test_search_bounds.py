"""Search queries stay within their bounds (issue 24): the tantivy query grows linearly with the words (it grew
with their square: 800 words took 3.26 GB), words and characters are capped with a one-line error, and a
``limit`` never sizes tantivy's heap past the documents there are. A small lake of real Persian and Arabic text;
no crawl (the e2e search tests: tests/test_search.py)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from akhbar.search import search, trend
from akhbar.warehouse import search_index
from akhbar.warehouse.lake import Lake

DAY = date(2025, 1, 7)
ZWNJ = "\u200c"
ARTICLES = {
    "fa-payam": [
        ("p1", "گفت‌وگوی دولت و مجلس", f"وزیر اقتصاد درباره{ZWNJ}ی برنامه{ZWNJ}ی تازه گفت{ZWNJ}وگو کرد و گفت بازار "
                                       f"آرام می{ZWNJ}شود"),
        ("p2", "سیل در خوزستان", "امدادگران به روستاها رسیدند"),  # one word in the title, the other in the text
    ],
    "youm7": [
        ("y1", "خطة جديدة", "أعلنت الحكومة المصرية اليوم عن خطة جديدة لدعم أسعار الذهب"),
        ("y2", "الأسواق", "ارتفاع أسعار الذهب في الأسواق"),
    ],
}
WORDS = "دولت وزیر برنامه تازه اقتصاد بازار ایران تهران مجلس الحكومة أسعار الذهب".split()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bounds")
    lake = Lake(str(folder / "lake"))
    for outlet, rows in ARTICLES.items():
        lake.replace_partition("articles", DAY, outlet, [
            {"article_id": aid, "url": f"https://{outlet}.example/{aid}", "title": title, "text": text,
             "language": "fa" if outlet == "fa-payam" else "ar",
             "published_at": datetime(2025, 1, 7, 8, tzinfo=UTC)} for aid, title, text in rows])
    search_index.sync(folder)
    return folder


def _ids(data: Path, query: str) -> set[str]:
    return set(search(data, query, limit=50).column("article_id").to_pylist())


def _terms(query: str) -> int:
    return len(re.findall(r"TermQuery\(", repr(search_index.build_query(search_index._schema(),
                                                                          search_index.parse(query)))))


def test_the_query_grows_linearly_with_its_words():
    counts = {n: _terms(" ".join((WORDS * 3)[:n])) for n in (2, 4, 8, 16, 32)}
    for n, terms in counts.items():
        # each word, the joined pairs and triples of neighbours around it (issue 26: «زمین لرزه ای»), in 3 fields
        assert terms <= 3 * (6 * n - 8), counts
    assert counts[32] / counts[16] < 2.1, counts  # the old form: 3·n·(n+1)… -> 3,168 terms at 32 words
    phrase = _terms('"' + " ".join(WORDS[:8]) + '"')
    assert phrase <= 2 * 3 * 8 * 8  # a phrase's joined variants: twice its length squared, bounded by MAX_QUERY_WORDS


def test_words_and_characters_are_capped_with_one_line():
    limit = search_index.MAX_QUERY_WORDS
    search_index.parse(" ".join((WORDS * 3)[:limit]))
    with pytest.raises(search_index.QueryTooLong, match=rf"has {limit + 1} words: at most {limit}$"):
        search_index.parse(" ".join((WORDS * 3)[:limit + 1]))
    with pytest.raises(search_index.QueryTooLong, match=rf"has {limit + 1} words"):  # phrases count too
        search_index.parse('"' + " ".join((WORDS * 3)[:20]) + '" ' + " ".join((WORDS * 3)[:limit - 19]))
    with pytest.raises(search_index.QueryTooLong, match=r"has 1,001 characters: at most 1,000$"):
        search_index.parse("خ" * 1001)


@pytest.mark.parametrize(("text", "why"), [("0", "from 1 to 10,000"), ("10001", "from 1 to 10,000"),
                                           ("1e20", "whole number"), ("100000000000000000000", "whole number"),
                                           ("-5", "whole number"), ("۲۰", "whole number"), ("abc", "whole number")])
def test_limit_is_a_whole_number_in_range(text: str, why: str):
    with pytest.raises(ValueError, match=f"--limit {re.escape(text)}: expected a whole number from 1 to 10,000"):
        search_index.parse_limit(text)
    assert why
    assert search_index.parse_limit(" 20 ") == 20 and search_index.parse_limit("10000") == 10_000


def test_the_library_refuses_an_out_of_range_limit_and_never_sizes_tantivy_past_the_documents(data: Path):
    for bad in (0, 10**12, 2.5, True):
        with pytest.raises(ValueError, match="--limit"):
            search(data, "الذهب", limit=bad)
    # search_index.search itself (no check): a limit past the documents asks tantivy for the 4 there are
    hits = search_index.search(data, "الذهب", limit=10**12)
    assert {h.article_id for h in hits} == {"y1", "y2"}


def test_each_loose_word_anywhere_and_half_spaced_words_typed_with_spaces(data: Path):
    assert _ids(data, "خوزستان امدادگران") == {"p2"}  # title and text: each word anywhere in the article
    assert _ids(data, "گفت وگو") == {"p1"}
    assert _ids(data, "گفت وگو می شود") == {"p1"}  # two half-spaced words in one query
    assert _ids(data, "گفتوگو") == _ids(data, f"گفت{ZWNJ}وگو") == {"p1"}
    assert _ids(data, "أسعار الذهب") == {"y1", "y2"}
    assert _ids(data, '"أسعار الذهب"') == {"y1", "y2"} and _ids(data, '"الذهب أسعار"') == set()
    assert _ids(data, "خوزستان الذهب") == set()


def test_trend_counts_without_decoding_the_stored_rows(data: Path):
    counted = trend(data, "الذهب").to_pylist()
    assert counted == [{"period": DAY, "outlet": "youm7", "articles": 2}]
    assert all(h.record == {} for h in search_index.search(data, "الذهب", limit=None, records=False))
