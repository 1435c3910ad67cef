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


# -- matching folds (normalize_text(..., fold=True)): search only, text_norm keeps the letters -----------------
#: spellings a writer may or may not give the hamza or madda: one word to search (issue 26)
ALEF_PAIRS = [("أحمد", "احمد"), ("إسرائيل", "اسرائيل"), ("الأمم", "الامم"), ("آجن", "اجن"), ("ٱلكتاب", "الكتاب"),
              ("تأمین", "تامین"), ("مسؤولیت‌های آینده", "مسؤولیت‌های اینده")]
#: different words that no folding may merge (a stemmer or teh marbuta -> heh would)
DISTINCT = [("وزیر", "زیر"), ("مصر", "مصير"), ("جامعة", "جامعه"), ("ملك", "مالك"), ("تهران", "طهران"),
            ("فاطمة", "فاطمه")]


@pytest.mark.parametrize(("a", "b"), ALEF_PAIRS)
def test_alef_forms_fold_for_matching_only(a: str, b: str) -> None:
    assert normalize_text(a, fold=True) == normalize_text(b, fold=True)
    assert normalize_text(a) != normalize_text(b)  # text_norm (and so content_hash, signatures) is unchanged


@pytest.mark.parametrize(("a", "b"), DISTINCT)
def test_distinct_words_stay_apart(a: str, b: str) -> None:
    assert normalize_text(a, fold=True) != normalize_text(b, fold=True)


def test_other_matching_folds() -> None:
    # Urdu heh goal and yeh barree (a Persian page's «زادہ», a windows-1256 0xFF read as «ے»), and ﷽ spelled out
    assert normalize_text("زادہ نامۂ هاے ﷽", fold=True) == "زاده نامه های بسم الله الرحمن الرحیم"
    # alef maqsura is yeh in both forms (documented: Egyptian and Persian keyboards make it unreliable)
    assert normalize_text("على", fold=True) == normalize_text("علي") == "علی"
    # presentation forms of hamza-alef and a decomposed hamza fold like the letters
    assert normalize_text("\ufe83\ufea3\ufee4\ufeaa", fold=True) == normalize_text("ا\u0654حمد", fold=True) == "احمد"


FOLD_SAMPLES = [raw for raw, _ in CASES] + [a for pair in ALEF_PAIRS + DISTINCT for a in pair] + [
    "أعلنت الولايات المتحدة التزامهما بالعمل معًا لردع مزيد من العدوان الروسى في آسيا وإفريقيا.",
    "\ufe83\ufe87\ufe81 \ufb8f\ufba6\ufbae ا\u0654 ه\u0654 ﷽ ﷼ آ\u200cآ",
    "  وزیر امور خارجه ۱۲ آبان ماه با سرگئی لاوروف تلفنی گفتگو کرد  ",
]


@pytest.mark.parametrize("raw", FOLD_SAMPLES)
def test_fold_of_stored_text_norm_equals_fold_of_text(raw: str) -> None:
    """The matching form is the stored text_norm folded: any lake's text_norm gives the index the same words."""
    from akhbar.transforms.normalize import fold_normalized

    folded = normalize_text(raw, fold=True)
    assert fold_normalized(normalize_text(raw)) == folded
    assert normalize_text(folded, fold=True) == folded  # idempotent


def test_duckdb_macro_fold_equals_python() -> None:
    con = duckdb.connect()
    con.execute(normalize_sql_macro())
    for s in FOLD_SAMPLES:
        assert con.execute("select normalize_text(?, fold := true)", [s]).fetchone()[0] == normalize_text(s, fold=True)
        assert con.execute("select normalize_text(?)", [s]).fetchone()[0] == normalize_text(s), s


def test_sql_search_with_fold_finds_hamza_spellings() -> None:
    con = duckdb.connect()
    con.execute(normalize_sql_macro())
    con.execute("create table t as select * from (values (1, ?), (2, ?), (3, ?)) v(id, text)",
                ["استقبل أحمد وفد الأمم المتحدة", "استقبل احمد وفد الامم المتحدة", "وصل محمد إلى القاهرة"])
    sql = ("select list(id order by id) from t where normalize_text(normalize_text(text), fold := true) "
           "like '%' || normalize_text(?, fold := true) || '%'")
    assert con.execute(sql, ["أحمد"]).fetchone()[0] == [1, 2]
    assert con.execute(sql, ["الامم"]).fetchone()[0] == [1, 2]
    assert con.execute(sql, ["الى"]).fetchone()[0] == [3]
    # without fold: the stored form keeps the hamza, as before
    assert con.execute("select count(*) from t where normalize_text(text) like '%احمد%'").fetchone()[0] == 1


def test_tokens_keep_harakat_inside_their_word_and_agree_after_normalising() -> None:
    from akhbar.transforms.normalize import tokens

    vocalised = "وَقالَ الرَّئيسُ: «إنَّ الـمُؤتَمَرَ» ناجِحٌ"
    assert len(tokens(vocalised)) == 5
    assert tokens(normalize_text(vocalised)) == [normalize_text(t) for t in tokens(vocalised)]
