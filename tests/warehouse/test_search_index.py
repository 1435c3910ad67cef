"""Search folding and Persian compounds, through the index's own analysis and query building (issue 26).

Each test indexes a handful of documents in an in-memory tantivy index with the schema and the analysis of
``warehouse.search_index`` (the same ``_fields`` a sync uses, the body from its stored ``text_norm``), then runs
queries through ``parse`` and ``build_query``: what `akhbar search` does, without a lake.
"""

from __future__ import annotations

import pytest
from minisearch import MiniIndex

from akhbar.transforms.normalize import normalize_text
from akhbar.warehouse import search_index as si

ZWNJ = "\u200c"


# -- alef forms --------------------------------------------------------------------------------------------------
ALEF = [("أحمد", "احمد"), ("إسرائيل", "اسرائيل"), ("الأمم", "الامم"), ("آجن", "اجن"), ("ٱلكتاب", "الكتاب"),
        ("تأمین", "تامین")]


@pytest.mark.parametrize(("a", "b"), ALEF)
def test_hamza_and_plain_spellings_find_each_other(a: str, b: str) -> None:
    docs = [f"قال {a} اليوم", f"قال {b} اليوم", "قال محمد اليوم"]
    idx = MiniIndex(docs)
    assert idx.find(a) == idx.find(b) == set(docs[:2])
    assert idx.find(f'"{a} اليوم"') == set(docs[:2])


def test_a_lake_written_before_the_folds_is_searched_the_same() -> None:
    """The index folds the stored text_norm: an old row's «أحمد» (text_norm kept the hamza) is found too."""
    docs = ["استقبل أحمد الوفد", "استقبل احمد الوفد"]
    idx = MiniIndex(docs, norms=["استقبل أحمد الوفد", "استقبل احمد الوفد"])
    assert idx.find("احمد") == idx.find("أحمد") == set(docs)


DISTINCT = [("وزیر", "زیر"), ("مصر", "مصير"), ("جامعة", "جامعه"), ("ملك", "مالك"), ("تهران", "طهران")]


@pytest.mark.parametrize(("a", "b"), DISTINCT)
def test_distinct_words_stay_apart(a: str, b: str) -> None:
    docs = [f"خبر {a} امروز", f"خبر {b} امروز"]
    idx = MiniIndex(docs)
    assert idx.find(a) == idx.find(f'"{a}"') == {docs[0]}
    assert idx.find(b) == idx.find(f'"{b}"') == {docs[1]}


def test_a_joined_word_is_not_split_into_two_words() -> None:
    """«مادر» (mother) never finds «ما در» (we in). The other way is the known price of typing a half-spaced word
    with a space (README): «ما در» also finds «مادر»."""
    docs = ["خبر مادر امروز", "خبر ما در امروز"]
    idx = MiniIndex(docs)
    assert idx.find("مادر") == idx.find('"مادر"') == {docs[0]}
    assert idx.find('"ما در"') == set(docs)


# -- Persian compounds: ZWNJ, joined and space spellings ---------------------------------------------------------
COMPOUNDS = [
    ("می", "شود"), ("نمی", "دانم"), ("کتاب", "ها"), ("کتاب", "هایشان"), ("بزرگ", "ترین"), ("هسته", "ای"),
    ("خانه", "ی"), ("بی", "طرف"),
]


def _spellings(a: str, b: str) -> dict[str, str]:
    return {"zwnj": f"{a}{ZWNJ}{b}", "joined": a + b, "space": f"{a} {b}"}


@pytest.mark.parametrize(("a", "b"), COMPOUNDS, ids=[a + b for a, b in COMPOUNDS])
def test_affixed_compound_spellings_find_each_other_both_ways(a: str, b: str) -> None:
    forms = _spellings(a, b)
    docs = {k: f"گزارش {v} امروز منتشر شد" for k, v in forms.items()}
    idx = MiniIndex([*docs.values(), "گزارش دیروز منتشر شد"])
    for typed in forms.values():
        assert idx.find(typed) == set(docs.values()), typed
        assert idx.find(f'"{typed} امروز"') == set(docs.values()), typed


def test_a_compound_typed_with_zwnj_finds_the_space_form_whatever_its_parts() -> None:
    """The writer's ZWNJ says where the parts are: no dictionary needed («بین‌المللی», «زمین‌لرزه‌ای»)."""
    for parts in (["بین", "المللی"], ["زمین", "لرزه", "ای"], ["گفت", "وگو"]):
        docs = [" ".join(parts), ZWNJ.join(parts), "".join(parts), f"{parts[0]}{ZWNJ}{''.join(parts[1:])}"]
        idx = MiniIndex([f"نشست {d} تهران" for d in docs])
        expected = {f"نشست {d} تهران" for d in docs}
        assert idx.find(ZWNJ.join(parts)) == expected
        assert idx.find(" ".join(parts)) == expected


def test_a_joined_query_splits_only_at_persian_affixes() -> None:
    """«بینالمللی» typed joined has no known boundary: it finds the ZWNJ and joined forms, not «بین المللی»
    written with a space (guessing a boundary anywhere would make «مادر» find «ما در»). Documented limit."""
    docs = ["همایش بین المللی", f"همایش بین{ZWNJ}المللی", "همایش بینالمللی"]
    idx = MiniIndex(docs)
    assert idx.find("بینالمللی") == set(docs[1:])
    assert ("بین", "المللی") not in si.compound_variants("بینالمللی")
    for word in ("وزیر", "میز", "بیان", "مادر", "زیر", "تهران"):
        assert si.compound_variants(normalize_text(word, fold=True)) == [], word


def test_hazm_style_separated_verbs_meet_joined_ones() -> None:
    docs = ["او می رود", f"او می{ZWNJ}رود", "او میرود", "ماه می سال جدید"]
    idx = MiniIndex(docs)
    assert idx.find("میرود") == set(docs[:3])
    assert idx.find('"ماه می"') == {docs[3]}


def test_snippet_brackets_a_compound_written_with_a_space() -> None:
    parsed = si.parse(f"کتاب{ZWNJ}ها")
    assert "[کتاب ها]" in si.snippet("دانش‌آموزان کتاب ها را امروز تحویل گرفتند", parsed)
    assert "[کتاب‌ها]" in si.snippet("دانش‌آموزان کتاب‌ها را امروز تحویل گرفتند", parsed)


def test_query_size_stays_linear_in_its_words() -> None:
    """Each word adds a bounded number of clauses, compounds included (MAX_QUERY_WORDS words at most)."""
    def clauses(n: int) -> int:
        parsed = si.parse(" ".join([f"کتاب{ZWNJ}های"] * n))
        return 1 + sum(1 + len(parsed.compounds.get(w, [])) for w in parsed.words) * 3

    words = si.MAX_QUERY_WORDS
    assert clauses(words) <= words * clauses(1)
    parsed = si.parse(" ".join(f"زمین{ZWNJ}لرزه{ZWNJ}ای{ZWNJ}ها{ZWNJ}ی" for _ in range(3)))
    assert all(len(v) <= 2 ** (si.MAX_PART_MIXES - 1) for v in parsed.compounds.values())


def test_article_ids_filter_keeps_only_those_articles():
    """``article_ids`` (akhbar search --changed/--deleted): only those documents; an empty set finds nothing."""
    mini = MiniIndex(["دولت جدید اعلام شد", "دولت قدیم رفت", "مجلس تصویب کرد"])
    searcher = mini.index.searcher()

    def ids(article_ids):
        q = si.build_query(mini.index.schema, si.parse("دولت"), article_ids=article_ids)
        return None if q is None else {searcher.doc(a)["article_id"][0] for _, a in searcher.search(q, 10).hits}

    assert ids(None) == {"0", "1"}
    assert ids({"1", "2"}) == {"1"}
    assert ids(set()) is None
