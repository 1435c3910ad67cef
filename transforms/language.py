"""Body language: py3langid, plus a Persian-vs-Arabic rule for Arabic-script text.

langid confuses Persian and Arabic on short texts (they share most letters), so for text written
mostly in Arabic script the decision rests on letters only one of the two uses (پ چ ژ گ ک ی vs
ي ك ة ى) and on very common function words; langid restricted to {fa, ar} breaks ties.
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

_FA_LETTERS = frozenset("پچژگکی")
_AR_LETTERS = frozenset("يكةى")
_FA_WORDS = frozenset("است این را که می‌شود برای های بود کرد شد نیز آن‌ها اند".split())
_AR_WORDS = frozenset("في من على إلى التي الذي عن هذا هذه أن كان التى الذى قد".split())
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


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, None when there is no text to judge."""
    sample = (text or "")[:_SAMPLE]
    if not any(c.isalpha() for c in sample):
        return None
    if _arabic_script_share(sample) > 0.5:
        return persian_or_arabic(sample)
    return _general().classify(sample[:_LANGID_SAMPLE])[0]
