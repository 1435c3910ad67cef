"""One normalised form of Persian/Arabic text for search and dedup, in Python and in DuckDB SQL.

``text`` is stored exactly as published; ``text_norm = normalize_text(text)`` is what search and
near-duplicate detection compare. The SQL macro from ``normalize_sql_macro()`` is generated from the
very same character tables, so ``normalize_text(x)`` and ``normalize_text(x, fold := true)`` in DuckDB
equal the Python results.

Two levels, one function:

- ``normalize_text(s)`` is the stored ``text_norm``: spellings of one word that are the *same letters*
  (keyboard forms, digits, harakat, presentation forms, invisible characters) become one. It is also the
  dedup key (``content_hash`` is its sha1, signatures are its shingles).
- ``normalize_text(s, fold=True)`` adds the *matching folds* (``FOLD_TABLE``): letters a writer may or may not
  spell out, which search must treat as one — alef with hamza or madda and alef wasla (أ إ آ ٱ -> ا:
  «أحمد»/«احمد», «إسرائيل»/«اسرائيل», «الأمم»/«الامم», «تأمین»/«تامین»), Urdu/Lucene's heh goal and yeh
  barree (ہ ۂ -> ه, ے ۓ -> ی), ﷽ spelled out. The search index (warehouse.search_index) analyses titles,
  bodies and queries with it; in SQL, ``normalize_text(text_norm, fold := true) like '%' ||
  normalize_text('أحمد', fold := true) || '%'`` does the same.

Why the matching folds are not in ``text_norm``: they are applied on top of it, and
``normalize_text(normalize_text(x), fold=True) == normalize_text(x, fold=True)`` (tested), so every stored
``text_norm`` — of this version or an older one — folds to the same matching form: existing lakes need
nothing (the index is rebuilt from its version number). Putting them into ``text_norm`` instead would change
the ``content_hash`` and MinHash signature of every new row holding one of these letters (nearly every Arabic
and many Persian articles), so a copy fetched after the change would no longer be linked to its original
stored before it for the seven days dedup looks back, and old and new rows of one lake would mix two
foldings in the column SQL users scan. Matching policy may grow; the dedup identity should not move with it.

Choices (each one is a character mapping in ``CHAR_TABLE``):

- ي (U+064A), ى (U+0649) -> ی (U+06CC); ك (U+0643), ڪ -> ک (U+06A9): the same words are typed
  with either keyboard layout, so Persian and Arabic forms of these letters must compare equal.
- ۀ / ە / ھ -> ه, and the hamza above of «خانهٔ» is dropped with the other diacritics: «خانهٔ»,
  «خانۀ» and «خانه» are one word for search.
- ة is kept, even for matching (Lucene and CAMeL Tools fold it to ه; we do not): «جامعة» (university) and
  «جامعه» (society), «فاطمة» in Arabic and «فاطمه» in Persian are kept apart; in Arabic ة vs ه separates
  words and grammatical gender, so folding it would merge more than it finds.
- ى (alef maqsura) is yeh, like ي and ی (Lucene and CAMeL Tools fold it too): Egyptian writing puts ى for
  every final ي and Persian keyboards type ی for both, so «على» and «علي» cannot be told apart reliably;
  the price is that the name «علي» also finds the preposition «على».
- Alef forms (أ إ آ ٱ) are kept in ``text_norm`` (آ is its own letter in Persian) and folded for matching.
- Tatweel and harakat (fatha, kasra, damma, tanwin, shadda, sukun, superscript alef, Quranic marks)
  are removed: they are optional in running text.
- Persian (۰-۹) and Arabic-Indic (٠-٩) digits -> ASCII; ٫ -> '.', ٬ -> ','.
- Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) are folded by NFKC (ﻻ -> لا, ﷲ -> الله),
  then mapped by the rules above.
- ZWNJ (U+200C) is removed, as are ZWJ, bidi marks, BOM and soft hyphen: «گفت‌وگو», «گفتوگو» (the
  form ZWNJ-losing tools produce) and a query typed without the half-space must all match. Replacing
  it by a space instead would split «می‌شود» into a stray «می» and break phrase search.
- Every Unicode space -> ' ', runs of spaces collapsed, ends trimmed; Latin letters lowercased.
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"

_YEH = "\u06cc"
_KAF = "\u06a9"
_HEH = "\u0647"


def _base_rules() -> dict[str, str]:
    rules: dict[str, str] = {}
    for ch in "\u064a\u0649":
        rules[ch] = _YEH
    for ch in "\u0643\u06aa":
        rules[ch] = _KAF
    for ch in "\u06c0\u06d5\u06be":
        rules[ch] = _HEH
    for i in range(10):
        rules[chr(0x0660 + i)] = str(i)
        rules[chr(0x06F0 + i)] = str(i)
    rules["\u066b"] = "."
    rules["\u066c"] = ","
    # tatweel, invisible format characters
    for ch in "\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad":
        rules[ch] = ""
    # Arabic combining marks (harakat, tanwin, shadda, sukun, hamza marks, Quranic annotation)
    for cp in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD),
               *range(0x06DF, 0x06E5), 0x06E7, 0x06E8, *range(0x06EA, 0x06EE)]:
        rules[chr(cp)] = ""
    # every Unicode space (tab, newline, NBSP, thin space, ...) becomes a plain space
    for cp in range(0x3000 + 1):
        ch = chr(cp)
        if ch.isspace() and ch != " ":
            rules[ch] = " "
    # Latin lowercase (one character to one character only, so SQL can mirror it exactly)
    for cp in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        low = ch.lower()
        if low != ch and len(low) == 1:
            rules[ch] = low
    return rules


def _apply(rules: dict[str, str], s: str) -> str:
    return "".join(rules.get(c, c) for c in s)


def _build_table() -> dict[str, str]:
    rules = _base_rules()
    table = dict(rules)
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch:
            table[ch] = _apply(rules, folded)
    return table


#: character -> replacement ('' deletes); the single source of truth for Python and SQL
CHAR_TABLE: dict[str, str] = _build_table()
_TRANSLATE = str.maketrans(CHAR_TABLE)
#: the matching folds, applied to normalised text (one character to one; see the module docstring)
FOLD_TABLE: dict[str, str] = {
    **dict.fromkeys("\u0623\u0625\u0622\u0671", "\u0627"),  # أ إ آ ٱ -> ا
    **dict.fromkeys("\u06c1\u06c2", _HEH),  # ہ ۂ -> ه
    **dict.fromkeys("\u06d2\u06d3", _YEH),  # ے ۓ -> ی
}
#: ... and the one that expands (no Unicode decomposition spells it out)
FOLD_EXPAND = {"\ufdfd": "بسم الله الرحمن الرحیم"}
_FOLD = str.maketrans(FOLD_TABLE)
_SPACES = re.compile(" +")
#: Arabic combining marks (the ranges removed above) and tatweel: inside a word, never a break in it
_IN_WORD_MARKS = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
#: a word: a word character, then word characters and the marks Python's ``\w`` leaves out (harakat are Mn)
_WORD = re.compile(rf"\w[\w{_IN_WORD_MARKS}]*")


def tokens(text: str) -> list[str]:
    """The words of ``text``: runs of Unicode word characters, punctuation and ZWNJ dropping out («غزه،»
    gives «غزه»; «می‌شود» gives «می», «شود»); harakat and tatweel stay inside their word («مُحَمَّد» is one
    word, not four letters). The one tokeniser of extraction, boilerplate and dedup;
    callers lower-case or normalise first as they need. (transforms.language keeps ZWNJ inside its
    words on purpose: it scores whole Persian words.)"""
    return _WORD.findall(text)


def normalize_text(s: str, fold: bool = False) -> str:
    """The stored form of ``s`` (``text_norm``), or with ``fold`` its matching form (see the module docstring
    for every rule)."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).translate(_TRANSLATE)
    s = _SPACES.sub(" ", s).strip(" ")
    return fold_normalized(s) if fold else s


def fold_normalized(norm: str) -> str:
    """The matching form of text already normalised (a stored ``text_norm``, of any version): the matching
    folds only, so ``fold_normalized(normalize_text(x)) == normalize_text(x, fold=True)``."""
    norm = norm.translate(_FOLD)
    for src, dst in FOLD_EXPAND.items():
        if src in norm:
            norm = norm.replace(src, dst)
    return norm


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def normalize_sql_macro(name: str = "normalize_text") -> str:
    """``CREATE OR REPLACE MACRO name(s, fold := false)`` for DuckDB, equal to :func:`normalize_text`.

    One-to-one and deleting mappings go through ``translate`` (fast); the few multi-character
    expansions (presentation-form ligatures) through a per-character map lookup that only runs
    when such a character is present.
    """
    single_from, single_to, deleted = [], [], []
    multi: dict[str, str] = {}
    for src, dst in sorted(CHAR_TABLE.items()):
        if len(dst) == 1:
            single_from.append(src)
            single_to.append(dst)
        elif dst == "":
            deleted.append(src)
        else:
            multi[src] = dst
    # translate(): characters of `from` beyond the length of `to` are deleted
    frm = _sql_str("".join(single_from) + "".join(deleted))
    to = _sql_str("".join(single_to))
    keys = "".join(multi)
    map_sql = "MAP {" + ", ".join(f"{_sql_str(k)}: {_sql_str(v)}" for k, v in multi.items()) + "}"
    x = "nfc_normalize(s)"
    expand = (
        f"CASE WHEN regexp_matches({x}, {_sql_str('[' + keys + ']')}) "
        f"THEN array_to_string(list_transform(string_split({x}, ''), lambda c: coalesce({map_sql}[c], c)), '') "
        f"ELSE {x} END"
    )
    body = f"trim(regexp_replace(translate(({expand}), {frm}, {to}), ' +', ' ', 'g'), ' ')"
    folded = f"translate({body}, {_sql_str(''.join(FOLD_TABLE))}, {_sql_str(''.join(FOLD_TABLE.values()))})"
    for src, dst in FOLD_EXPAND.items():
        folded = f"replace({folded}, {_sql_str(src)}, {_sql_str(dst)})"
    return f"CREATE OR REPLACE MACRO {name}(s, fold := false) AS CASE WHEN fold THEN {folded} ELSE {body} END"
