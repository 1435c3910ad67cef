"""normalize_text: one search/dedup form, identical in Python and in the DuckDB macro."""

from __future__ import annotations

import duckdb
import pytest

from akhbar.transforms.normalize import CHAR_TABLE, normalize_sql_macro, normalize_text

ZWNJ = "\u200c"

CASES = [
    # yeh / kaf: Arabic keyboard vs Persian keyboard
    ("علي كريمي", "علی کریمی"),
    ("مصطفى", "مصطفی"),
    # ZWNJ removed, so the half-space form equals the joined form naive tools produce
    (f"گفت{ZWNJ}وگو", "گفتوگو"),
    (f"می{ZWNJ}اندازد", "میاندازد"),
    # digits, Persian and Arabic-Indic
    ("۱۴۰۳/۱۰/۱۸", "1403/10/18"),
    ("٢٠٢٥ م", "2025 م"),
    # tatweel and harakat
    ("مـــحـمـد", "محمد"),
    ("السَّلامُ عَلَيْكُمْ", "السلام علیکم"),
    # presentation forms (ligature lam-alef, Allah ligature, isolated letters)
    ("\ufefb\ufedf\ufe8e", "لالا"),
    ("\ufdf2", "الله"),
    # heh with yeh above / hamza above: ezafe forms
    ("خانهٔ خانۀ", "خانه خانه"),
    # whitespace and Latin case
    ("  Hello\u00a0\u00a0WORLD \n\tسلام ", "hello world سلام"),
    # ة kept
    ("مدرسة", "مدرسة"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_variants_of_one_word_meet() -> None:
    forms = [f"گفت{ZWNJ}وگو", "گفتوگو", "گفتـوگو", "گفت\u200cوگو"]
    assert len({normalize_text(f) for f in forms}) == 1
    assert normalize_text("كتاب") == normalize_text("کتاب")
    assert normalize_text("يك") == normalize_text("یک")


def test_idempotent() -> None:
    for raw, _ in CASES:
        once = normalize_text(raw)
        assert normalize_text(once) == once
    # no table output is itself remapped (what makes the SQL two-step equal to the Python one)
    for out in set(CHAR_TABLE.values()):
        assert all(c not in CHAR_TABLE for c in out)


def test_duckdb_macro_equals_python() -> None:
    con = duckdb.connect()
    con.execute(normalize_sql_macro())
    samples = [raw for raw, _ in CASES] + [
        "در تماس تلفنی تاکیشی ایوایا، وزیر خارجه ژاپن، و مارکو روبیو درباره جنگ غزه گفت‌وگو کردند.",
        "أعلنت الولايات المتحدة واليابان التزامهما بالعمل معًا بشكل وثيق لردع مزيد من العدوان الروسى.",
        "وزیر امور خارجه ۱۲ آبان ماه با سرگئی لاوروف تلفنی گفتگو کرد",
        "\ufefb \ufdf2 Ünïcode ÀB",
        "",
    ]
    for s in samples:
        assert con.execute("select normalize_text(?)", [s]).fetchone()[0] == normalize_text(s), s
    assert con.execute("select normalize_text(NULL)").fetchone()[0] is None


def test_sql_search_finds_zwnj_word_however_typed() -> None:
    con = duckdb.connect()
    con.execute(normalize_sql_macro())
    con.execute("create table t as select ? as text", [f"دو طرف درباره برنامه هسته‌ای ایران گفت{ZWNJ}وگو کردند"])
    for query in [f"گفت{ZWNJ}وگو", "گفتوگو", "هسته‌ای", "هستهای"]:
        hits = con.execute(
            "select count(*) from t where normalize_text(text) like '%' || normalize_text(?) || '%'", [query]
        ).fetchone()[0]
        assert hits == 1, query
