"""Full-text search over the archived test web: planted Persian/Arabic queries in every spelling variant find
exactly their articles. The ground truth comes from the test web's own article texts (testweb.content), never
from the index."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from archivekit import DAYS, archived

from akhbar.search import search, trend
from akhbar.transforms.identity import normalize_url
from akhbar.transforms.normalize import normalize_text, tokens
from akhbar.warehouse import search_index
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
AKHBAR = str(Path(sys.executable).parent / "akhbar")
ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def data(testweb, testweb_outlets, tmp_path_factory, fast_crawl) -> Path:
    return archived(testweb, testweb_outlets, tmp_path_factory, fast_crawl)


@pytest.fixture(scope="module")
def truth_docs(testweb) -> dict[str, tuple[date, str, list[str]]]:
    """URL -> (day, outlet, words of title and body) of every article the test web serves on DAYS."""
    out = {}
    for day in DAYS:
        for e in testweb.expected_articles(day):
            out[normalize_url(e.url)] = (day, e.outlet, tokens(normalize_text(" ".join([e.title, *e.paragraphs]))))
    return out


def _truth(docs, phrase: str, *, day: date | None = None, outlet: str | None = None) -> set[str]:
    """URLs whose words contain ``phrase``'s words in a row (one word: that word)."""
    want = tokens(normalize_text(phrase))
    n = len(want)
    return {u for u, (d, o, words) in docs.items()
            if (day is None or d == day) and (outlet is None or o == outlet)
            and any(words[i:i + n] == want for i in range(len(words) - n + 1))}


def _found(data: Path, query: str, **kw) -> set[str]:
    return {normalize_url(u) for u in search(data, query, limit=200, **kw).column("url").to_pylist()}


# (the word as the test web prints it, the variants a user may type): each variant must find exactly its articles
PLANTED = [
    ("بین‌المللی", ["بین‌المللی", "بینالمللی", "بین المللی"]),  # ZWNJ, none, a space
    ("بهره‌برداری", ["بهره‌برداری", "بهرهبرداری", "بهره برداری"]),
    ("الزيتون", ["الزيتون", "الزیتون", "«الزيتون»،"]),  # Arabic yeh, Persian yeh, guillemets and Arabic comma
    ("الإسكان", ["الإسكان", "الإسکان", "الإسكان؛", "الإسكان؟"]),  # Arabic kaf, Persian kaf, ؛ ؟
    ("أسعار", ["أسعار", "اسعار", "ﺃﺳﻌﺎﺭ"]),  # alef with or without hamza (folded for matching), presentation forms
    ("الإسكان", ["الاسكان", "الاسکان"]),
    ("۱۴۰۳", ["۱۴۰۳", "1403", "١٤٠٣", "٪۱۴۰۳"]),  # Persian, ASCII, Arabic-Indic digits, a percent sign
    ("وزیر", ["وزیر", "وزير"]),
]


@pytest.mark.parametrize(("word", "variants"), PLANTED, ids=[f"{w}-{n}" for n, (w, _) in enumerate(PLANTED)])
def test_planted_words_find_exactly_their_articles_in_every_variant(data, truth_docs, word, variants):
    expected = _truth(truth_docs, word)
    assert expected, f"{word} is in no test-web article on {DAYS}"
    for typed in variants:
        assert _found(data, typed) == expected, typed  # precision and recall 1.0


def test_no_stemming_wazir_is_not_zir(data, truth_docs):
    """The Arabic Snowball stemmer turns وزیر into زیر; here each finds only itself."""
    zir = _truth(truth_docs, "زیر")
    # on DAYS only: the archive also files re-listed old articles (one says «کودکان زیر هفت سال») on their own days
    assert _found(data, "زیر", start=DAYS[0], end=DAYS[-1]) == zir
    assert _truth(truth_docs, "وزیر") - zir, "the test web needs a وزیر article without زیر"
    assert not (_found(data, "زیر") & (_truth(truth_docs, "وزیر") - zir))


def test_quoted_phrase_matches_words_in_order_only(data, truth_docs):
    phrase = "زيت الزيتون"
    expected = _truth(truth_docs, phrase)
    assert expected
    assert _found(data, f'"{phrase}"') == expected
    assert all("[زيت الزيتون]" in snip for snip in search(data, f'"{phrase}"').column("snippet").to_pylist())
    assert _found(data, '"الزيتون زيت"') == _truth(truth_docs, "الزيتون زيت")  # reversed: another phrase
    assert _found(data, '"صنايع دستي"') == _truth(truth_docs, "صنایع دستی")


def test_filters_by_day_outlet_and_language(data, truth_docs):
    word = "۱۴۰۳"
    later = _found(data, word, start=DAYS[1], end=DAYS[1])
    assert later == _truth(truth_docs, word, day=DAYS[1])
    assert _found(data, word, start=DAYS[0], end=DAYS[0]) == _truth(truth_docs, word, day=DAYS[0])
    assert _found(data, "وزیر", outlets=["ar-wadi"]) == _truth(truth_docs, "وزیر", outlet="ar-wadi")
    assert _found(data, "وزیر", lang="ar") == {u for u in _truth(truth_docs, "وزیر")
                                              if truth_docs[u][1].startswith("ar-")}
    with pytest.raises(ValueError, match="before"):
        search(data, word, start=DAYS[1], end=DAYS[0])


def test_results_are_ranked_with_a_keyword_in_context_snippet(data):
    table = search(data, "بینالمللی", limit=5)
    assert {"article_id", "day", "outlet", "title", "url", "score", "snippet"} <= set(table.column_names)
    rows = table.to_pylist()
    assert rows and [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    for r in rows:
        # the match as published (ZWNJ or not) in brackets, with words of the article either side
        assert "[بین‌المللی]" in r["snippet"] or "[بینالمللی]" in r["snippet"], r["snippet"]
        assert len(r["snippet"].split()) > 5
    assert search(data, "بینالمللی", limit=1).num_rows == 1
    assert search(data, "کلمه‌ای‌که‌نیست").num_rows == 0
    assert search(data, "؟ ، «»").num_rows == 0  # punctuation only: nothing to find, no error


def test_index_is_incremental_per_partition(data, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(data / "lake", copy / "lake")
    first = search_index.sync(copy)
    assert first.documents > 0 and len(first.indexed) == len(_partitions(copy))  # every day/outlet, once
    assert search_index.sync(copy).indexed == []  # nothing changed: nothing indexed again
    lake = Lake(str(copy / "lake"))
    day, outlet = str(DAYS[0]), "ar-mojaz"
    rows = lake.read_partition("articles", day, outlet)
    olive = [i for i, t in enumerate(rows.column("text").to_pylist()) if "الزيتون" in t]
    assert olive
    kept = rows.take([i for i in range(rows.num_rows) if i not in olive])
    lake.replace_partition("articles", day, outlet, kept)
    again = search_index.sync(copy)
    assert again.indexed == [f"{day}/{outlet}"] and again.documents == first.documents - len(olive)
    assert not any(o == outlet for o in search(copy, "الزيتون").column("outlet").to_pylist())


def test_search_and_trend_commands(data, truth_docs):
    out = subprocess.run([AKHBAR, "search", "الزیتون", "--data-dir", str(data), "--limit", "3"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "[الزيتون]" in out.stdout and "ar-mojaz" in out.stdout
    n = min(3, len(_truth(truth_docs, "الزيتون")))
    assert f"{n} result{'' if n == 1 else 's'}" in out.stdout.split("\n", 1)[0]
    one = subprocess.run([AKHBAR, "search", "الزیتون", "--data-dir", str(data), "--limit", "1"],
                         capture_output=True, text=True, timeout=120)
    assert one.returncode == 0 and "1 result" in one.stdout and "1 results" not in one.stdout, one.stdout
    counts = trend(data, "۱۴۰۳", by="day")
    expected: dict[tuple[date, str], int] = {}
    for u in _truth(truth_docs, "۱۴۰۳"):
        key = truth_docs[u][:2]
        expected[key] = expected.get(key, 0) + 1
    assert {(r["period"], r["outlet"]): r["articles"] for r in counts.to_pylist()} == expected
    weekly = trend(data, "۱۴۰۳", by="week")
    assert sum(weekly.column("articles").to_pylist()) == sum(expected.values())
    assert set(weekly.column("period").to_pylist()) == {date(2025, 1, 6)}  # the Monday of both days


def _partitions(data: Path) -> set[tuple[str, str]]:
    """The (day, outlet) partitions of the archive's articles (the test web's 2 days x 4 outlets, and the days
    of re-listed old articles)."""
    import duckdb

    glob = str(data / "lake" / "articles" / "**" / "*.parquet")
    return set(duckdb.sql(f"select distinct cast(day as varchar), outlet from read_parquet('{glob}', "
                          "hive_partitioning = true)").fetchall())


def _index_content(data: Path, words: list[str]) -> tuple[dict, dict]:
    """Every stored document (by part and article_id) and the hits of each word in each text field."""
    import tantivy

    index = tantivy.Index.open(str(search_index.index_dir(data)))
    searcher = index.searcher()
    every = searcher.search(tantivy.Query.all_query(), searcher.num_docs).hits
    docs = {}
    for _, address in every:
        doc = searcher.doc(address)
        docs[(doc["part"][0], doc["article_id"][0])] = (doc["record"][0], doc["lang"][0], doc["day_num"][0])
    hits = {}
    for field in search_index.TEXT_FIELDS:
        for word in words:
            q = tantivy.Query.term_query(index.schema, field, word)
            found = searcher.search(q, searcher.num_docs).hits
            hits[field, word] = sorted((searcher.doc(a)["part"][0], searcher.doc(a)["article_id"][0])
                                       for _, a in found)
    return docs, hits


def test_batched_and_pooled_build_equals_one_batch_in_process(data, truth_docs, tmp_path, monkeypatch):
    """A sync reads partitions in batches and may analyse in a process pool: the index is the same either way."""
    words = sorted({w for _, _, ws in truth_docs.values() for w in ws})[::7]
    words += ["گفت", "وگو", "گفتوگو", "بینالمللی", "بین"]
    built = {}
    for name, batch_rows, pool_min in (("inline", 10**9, 10**9), ("pooled", 7, 0)):
        copy = tmp_path / name
        shutil.copytree(data / "lake", copy / "lake")
        monkeypatch.setattr(search_index, "BATCH_ROWS", batch_rows)
        monkeypatch.setattr(search_index, "POOL_MIN_ROWS", pool_min)
        result = search_index.sync(copy)
        assert len(result.indexed) == len(_partitions(copy)) and result.documents > 0
        built[name] = _index_content(copy, words)
    docs, hits = built["inline"]
    assert docs and any(hits.values())
    assert built["pooled"] == built["inline"]


def test_partitions_are_read_in_batches_of_whole_partitions():
    keys = [f"2025-01-0{d}/o{k}" for d in range(1, 4) for k in range(2)]
    rows = dict.fromkeys(keys, 4) | {keys[2]: 30}
    batches = search_index._batches(keys, rows, size=10)
    assert [k for b in batches for k in b] == keys  # every partition once, in order
    assert batches == [keys[0:3], keys[3:6]]  # 4+4+30 reaches 10 at the third; 4+4+4 at the sixth
    assert search_index._batches([], {}) == []
