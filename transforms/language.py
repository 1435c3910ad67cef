"""Body language: py3langid, plus letter rules for Arabic-script text.

langid confuses Persian and Arabic on short texts (they share most letters), so for text written
mostly in Arabic script the decision rests on letters only one of the two uses (پ چ ژ گ ک ی vs
ي ك ة ى) and on very common function words; langid restricted to {fa, ar} breaks ties.

Before that, the other Arabic-script languages a Persian or Arabic outlet may carry are told by the
letters Persian and Arabic never write (langid alone calls them fa or ar, and knows no Sindhi or Sorani):
Urdu ٹ ڈ ڑ ں ے ہ, Pashto ټ ډ ړ ږ ښ ګ ڼ ۍ ځ څ, Sorani Kurdish ڕ ڵ ێ, Sindhi ڄ ڃ ڇ ڊ ڌ ڍ ڏ ڙ ڦ ڳ ڻ ڪ ٻ ٽ ٿ ۾ ۽,
Uyghur ۇ ۈ ۋ; ې (Pashto, Uyghur) and ە ۆ (Sorani, Uyghur) count half for each. ھ is left out: some
Arabic sites write it for ه. A language wins with at least two of its letters making 2% of the text's
Arabic-script letters (one stray ے from a bad byte, or a quoted name, does not flip a Persian page),
unless Persian/Arabic function words outnumber its own (a Dari sentence naming «ننګرهار»); a short
text with a single such letter wins only when its function words and langid both agree.
Codes: ISO 639-1, and ckb (ISO 639-3) for Sorani, which has no two-letter code of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

_FA_LETTERS = frozenset("پچژگکی")
_AR_LETTERS = frozenset("يكةى")
_FA_WORDS = frozenset("است این را که می‌شود برای های بود کرد شد نیز آن‌ها اند".split())
_AR_WORDS = frozenset("في من على إلى التي الذي عن هذا هذه أن كان التى الذى قد".split())


def _letter_table() -> dict[str, dict[str, float]]:
    """letter -> {language: weight} for letters of the other Arabic-script languages that neither
    Persian nor Arabic writes; a letter two of them share weighs half for each."""
    table: dict[str, dict[str, float]] = {}
    for lang, letters, weight in (
        ("ur", "ٹڈڑںےہۂۃ", 1.0),
        ("ps", "ټډړږښګڼۍځڅ", 1.0),
        ("ckb", "ڕڵێ", 1.0),
        ("sd", "ڄڃڇڊڌڍڏڙڦڳڻڪٻٽٿٺڀڱ۾۽", 1.0),
        ("ug", "ۇۈۋ", 1.0),
        ("ps", "ې", 0.5), ("ug", "ې", 0.5),
        ("ckb", "ەۆ", 0.5), ("ug", "ەۆ", 0.5),
    ):
        for c in letters:
            table.setdefault(c, {})[lang] = weight
    return table


_OTHER_LETTERS = _letter_table()
_OTHER_LETTER = re.compile("[" + "".join(_OTHER_LETTERS) + "]")
#: very common function words of each language; Persian and Arabic ones veto a flip (see other_arabic_script)
_OTHER_WORDS = {
    "ur": frozenset("کے کی کا میں ہے ہیں نے سے کو اور یہ وہ تھا تھی بھی لیے گیا گئی".split()),
    "ps": frozenset("د په کې چې له سره دي لپاره شوي شوې دا ته یې وو".split()),  # not هم: Persian too
    "ckb": frozenset("لە بۆ کە ئەو ئەم لەگەڵ بە دوای هەر دەکات".split()),
    "sd": frozenset("جي جو ۾ ۽ کي آهي هئي پڻ تي".split()),  # not هو: Arabic «he»
    "ug": frozenset("ۋە بىلەن ئۈچۈن بۇ دەپ ھەم بولۇپ قىلىپ".split()),
}
#: words for the function-word count: Sindhi writes «۾» (in) and «۽» (and), symbols to Python, as words
_OTHER_WORD = re.compile(r"[\w\u200c\u06fd\u06fe]+")
#: the other Arabic-script languages py3langid has a model for
_LANGID_KNOWS = frozenset({"ur", "ps", "ug"})
_FA_AR_WORDS = _FA_WORDS | _AR_WORDS | frozenset("به از در با".split())
#: a language needs this many of its letters, and this share of the Arabic-script letters
_MIN_LETTERS = 2.0
_MIN_SHARE = 0.02
_WORD = re.compile(r"[\w\u200c]+")
#: how much text to look at: enough for a stable answer, bounded cost (langid's time grows with it)
_SAMPLE = 1500
_LANGID_SAMPLE = 600
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\ufb50-\ufeff]")


@lru_cache(maxsize=1)
def _general() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE)


@lru_cache(maxsize=1)
def _fa_ar() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(["fa", "ar"])
    return ident


def _arabic_script_share(text: str) -> float:
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    return sum(1 for c in _ARABIC_SCRIPT.findall(text) if c.isalpha()) / letters


def persian_or_arabic(text: str) -> str:
    """'fa' or 'ar' for Arabic-script text."""
    fa = sum(1 for c in text if c in _FA_LETTERS)
    ar = sum(1 for c in text if c in _AR_LETTERS)
    for w in _WORD.findall(text):
        # a common function word weighs like several distinctive letters
        if w in _FA_WORDS:
            fa += 3
        elif w in _AR_WORDS:
            ar += 3
    if fa > 1.5 * ar:
        return "fa"
    if ar > 1.5 * fa:
        return "ar"
    return _fa_ar().classify(text)[0]


def other_arabic_script(text: str) -> str | None:
    """'ur', 'ps', 'ckb', 'sd' or 'ug' when the text is written in one of them, None for Persian/Arabic."""
    scores: dict[str, float] = {}
    for c in _OTHER_LETTER.findall(text):  # most Persian and Arabic texts have none: one regex pass
        for lang, weight in _OTHER_LETTERS[c].items():
            scores[lang] = scores.get(lang, 0.0) + weight
    if not scores:
        return None
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    # a Persian or Arabic sentence naming places in another language's spelling («ننګرهار», «لښکرګاه»)
    # has the letters but not the grammar: its own function words outnumber the other language's
    words = _OTHER_WORD.findall(text)
    own = sum(1 for w in words if w in _OTHER_WORDS[lang])
    theirs = sum(1 for w in words if w in _FA_AR_WORDS)
    if own < theirs:
        return None
    letters = sum(1 for c in text if c.isalpha() and _ARABIC_SCRIPT.match(c))
    if score >= _MIN_LETTERS and score >= _MIN_SHARE * letters:
        return lang
    # a short text with one such letter («کابینہ کا اجلاس»): its function words and langid must agree
    if own > theirs and lang in _LANGID_KNOWS and _general().classify(text)[0] == lang:
        return lang
    return None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (ckb for Sorani), None when there is no text to judge."""
    sample = (text or "")[:_SAMPLE]
    if not any(c.isalpha() for c in sample):
        return None
    if _arabic_script_share(sample) > 0.5:
        return other_arabic_script(sample) or persian_or_arabic(sample)
    return _general().classify(sample[:_LANGID_SAMPLE])[0]
