"""Body language: py3langid, plus letter and word rules for Arabic-script text.

Letter variants are unified before anything is counted: ي/ى and ی, ك and ک are the same letters typed on an
Arabic or a Persian keyboard (Iranian outlets' Arabic services write Arabic with ی/ک, older Iranian sites
Persian with ي/ك, Jam-e Jam's own pages «ارديبهشت»), so they are evidence for neither language, and the
function words of each language are looked up in the unified form. Presentation forms are read through NFKC.

langid confuses Persian and Arabic on short texts (they share most letters), so for text written mostly in
Arabic script the decision rests on letters only one of the two writes whatever the keyboard (پ چ ژ گ vs ة)
and on very common function words; langid restricted to {fa, ar} breaks ties, each language judged on the text
typed with its own keyboard's letters.

Before that, the other Arabic-script languages a Persian or Arabic outlet may carry are told by the letters
Persian and Arabic never write (langid alone calls them fa or ar, and knows no Sindhi or Sorani):
Urdu ٹ ڈ ڑ ں ے ہ ۔, Pashto ټ ډ ړ ږ ښ ګ ڼ ۍ ځ څ, Sorani Kurdish ڕ ڵ ێ, Sindhi ڄ ڃ ڇ ڊ ڌ ڍ ڏ ڙ ڦ ڳ ڻ ڪ ٻ ٽ ٿ ۾ ۽,
Uyghur ۇ ۈ ۋ ڭ and ى inside a word (Arabic writes ى only at a word's end); ې (Pashto, Uyghur) and ە ۆ (Sorani,
Uyghur) count half for each. ھ is left out: some Arabic sites write it for ه. A language wins with at least two
of its letters making 2% of the text's Arabic-script letters (one stray ے from a bad byte, or a quoted name,
does not flip a Persian page), or with at least two of its own function words and more than twice as many
as Persian and Arabic evidence (a Sindhi or Uyghur sentence that happens to use none of its own letters), unless
Persian/Arabic function words outnumber its own while its letters sit in a few words (a Dari sentence naming
«ننګرهار»: letters spread over many words are the language's, whatever one look-alike word says); a short text
with one such letter wins only when langid names that language and is sure of it or its function words agree.

With no letter or word evidence either way, langid decides: over all languages when it is sure of Urdu,
Pashto or Uyghur and the text has no Persian or Arabic function word («دردمنه، خبره ده»), else between fa and ar.

Short texts (below SHORT characters) with no evidence at all get None rather than langid's guess («فيديو»,
«ارديبهشت ۱۴۰۳»; in another script, «Video», unless langid is sure): langid on a word or two is a coin toss.
So an outlet's captions and one-line items never count as ``language_mismatch`` by chance (the pipeline flags
only a language that differs from the outlet's).
Codes: ISO 639-1, and ckb (ISO 639-3) for Sorani, which has no two-letter code of its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: keyboard variants of one letter -> the form counted (Persian keyboard's); the text itself is never changed
_UNIFY = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
#: the other way, for langid's Arabic reading of a tie
_TO_ARABIC = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643"})


def _unified(words: str) -> frozenset[str]:
    return frozenset(w.translate(_UNIFY) for w in words.split())


_FA_LETTERS = frozenset("پچژگ")
_AR_LETTERS = frozenset("ة")
_FA_WORDS = _unified("است این را که می‌شود برای های بود کرد شد نیز آن‌ها اند می شود یک شده خود تا آن کند کرده "
                     "دارد اینکه همچنین در از با")  # not باید: Pashto too
#: not هو (Sindhi «he» too), not ما (Persian «we»), not بعد/بین (Persian too)
_AR_WORDS = _unified("في من على إلى الى التي الذي عن هذا هذه أن كان التى الذى قد مع ذلك حيث كما قال وقال إن أو ثم "
                     "منذ حتى لم هي لا ولا وفي ومن أنه لماذا")
#: Arabic's article: a word starting with it weighs like a distinctive letter (Persian has a few: البته, الان)
_AL = "ال"


def _letter_table() -> dict[str, dict[str, float]]:
    """letter -> {language: weight} for letters of the other Arabic-script languages that neither
    Persian nor Arabic writes; a letter two of them share weighs half for each."""
    table: dict[str, dict[str, float]] = {}
    for lang, letters, weight in (
        ("ur", "ٹڈڑںےہۂۃ۔", 1.0),
        ("ps", "ټډړږښګڼۍځڅ", 1.0),
        ("ckb", "ڕڵێ", 1.0),
        ("sd", "ڄڃڇڊڌڍڏڙڦڳڻڪٻٽٿٺڀڱ۾۽", 1.0),
        ("ug", "ۇۈۋڭ", 1.0),
        ("ps", "ې", 0.5), ("ug", "ې", 0.5),
        ("ckb", "ەۆ", 0.5), ("ug", "ەۆ", 0.5),
    ):
        for c in letters:
            table.setdefault(c, {})[lang] = weight
    return table


_OTHER_LETTERS = _letter_table()
#: their letters, and ى followed by a letter of its word (Uyghur's i; Arabic writes ى only at a word's end)
_OTHER_LETTER = re.compile("[" + "".join(_OTHER_LETTERS) + "]|\u0649(?=[\u0620-\u064a\u066e-\u06d3\u06d5])")
_OTHER_LETTERS["\u0649"] = {"ug": 1.0}  # reached only through the look-ahead branch above
#: very common function words of each language; Persian and Arabic ones veto a flip (see other_arabic_script)
_OTHER_WORDS = {
    "ur": _unified("کے کی کا میں ہے ہیں نے سے کو اور یہ وہ تھا تھی بھی لیے گیا گئی ایک نہیں کیا"),
    # not هم, او, نه, که, یا, تر, نو, ده: Persian words too
    "ps": _unified("د په کې چې له سره دي لپاره شوي شوې دا ته یې وو خپل کړي وکړي شي څه څنګه پۀ کۀ نۀ دغه هغه څخه "
                   "کېږي دې خو نورو وي یوه ډېر ځینې"),
    "ckb": _unified("لە بۆ کە ئەو ئەم لەگەڵ بە دوای هەر دەکات ئەوە یان"),
    "sd": _unified("جي جو جا جون ۾ ۽ کي آهي آهن آهيان هئي هئا ناهي پڻ تي سان ٿي ٿو ٿا ڪري ته هو هن اهو چيو "
                   "ڪيو ويو پنهنجي کان لاء هوندو هوندي پيا"),
    "ug": _unified("ۋە بىلەن ئۈچۈن بۇ دەپ ھەم بولۇپ قىلىپ بىر ئۇ ئىدى ئۇنىڭ دېدى"),
}
#: words for the function-word count: Sindhi writes «۾» (in) and «۽» (and), symbols to Python, as words
_OTHER_WORD = re.compile(r"[\w\u200c\u06fd\u06fe]+")
#: the other Arabic-script languages py3langid has a model for
_LANGID_KNOWS = frozenset({"ur", "ps", "ug"})
_FA_AR_WORDS = _FA_WORDS | _AR_WORDS | frozenset("به از در با".split())
#: a language needs this many of its letters, and this share of the Arabic-script letters
_MIN_LETTERS = 2.0
_MIN_SHARE = 0.02
#: or this many of its function words, more than twice as many as Persian and Arabic ones
_MIN_WORDS = 2
_WORD = re.compile(r"[\w\u200c]+")
#: how much text to look at: enough for a stable answer, bounded cost (langid's time grows with it)
_SAMPLE = 1500
_LANGID_SAMPLE = 600
#: below this many characters a text is short: it gets a language only on evidence (see the module docstring)
SHORT = 40
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\ufb50-\ufeff]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


@lru_cache(maxsize=1)
def _general() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _fa_ar() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(["fa", "ar"])
    return ident


def _arabic_script_share(text: str) -> float:
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    return sum(1 for c in _ARABIC_SCRIPT.findall(text) if c.isalpha()) / letters


def _unify(text: str) -> str:
    """``text`` with presentation forms read (NFKC) and ي/ى/ك as ی/ک: what is counted."""
    if _PRESENTATION.search(text):
        text = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text.translate(_UNIFY)


def _fa_ar_evidence(unified: str) -> tuple[int, int]:
    """(Persian, Arabic) evidence of unified text: distinctive letters, and 3 for each function word."""
    fa = sum(1 for c in unified if c in _FA_LETTERS)
    ar = sum(1 for c in unified if c in _AR_LETTERS)
    for w in _WORD.findall(unified):
        # a common function word weighs like several distinctive letters
        if w in _FA_WORDS:
            fa += 3
        elif w in _AR_WORDS:
            ar += 3
        elif w.startswith(_AL) and len(w) > 3:
            ar += 1
        elif w == "به":  # Persian's commonest preposition, Arabic's «with it»: weighs like a letter
            fa += 1
    return fa, ar


def _decided(fa: int, ar: int) -> str | None:
    if fa > 1.5 * ar:
        return "fa"
    if ar > 1.5 * fa:
        return "ar"
    return None


def _langid_fa_or_ar(text: str) -> str:
    """langid between fa and ar, each reading the text typed with its own keyboard's letters."""
    unified = _unify(text)
    p_fa = dict(_fa_ar().rank(unified))["fa"]
    p_ar = dict(_fa_ar().rank(unified.translate(_TO_ARABIC)))["ar"]
    return "fa" if p_fa >= p_ar else "ar"


def persian_or_arabic(text: str) -> str:
    """'fa' or 'ar' for Arabic-script text, whichever keyboard typed it."""
    return _decided(*_fa_ar_evidence(_unify(text))) or _langid_fa_or_ar(text)


def _arabic_script_language(text: str) -> str | None:
    """The language of mostly Arabic-script text: another one's letters or words, else Persian or Arabic by
    their evidence; with none either way, langid (all languages) when it is sure of Urdu, Pashto or Uyghur
    («دردمنه، خبره ده»), else langid between fa and ar."""
    other = other_arabic_script(text)
    if other:
        return other
    fa, ar = _fa_ar_evidence(_unify(text))
    decided = _decided(fa, ar)
    if decided:
        return decided
    said, confidence = _general().classify(text)
    if said in _LANGID_KNOWS and confidence >= (_SURE if fa or ar else _SURE_WITHOUT_EVIDENCE) and not any(
            w.translate(_UNIFY) in _FA_AR_WORDS for w in _WORD.findall(text)):  # «سفر وزیر به ننګرهار» stays fa
        return said
    if not fa and not ar and len(text.strip()) < SHORT:
        return None  # «فيديو», «ارديبهشت ۱۴۰۳»: nothing to go on, and langid on a word or two is a coin toss
    return _langid_fa_or_ar(text)


def other_arabic_script(text: str) -> str | None:
    """'ur', 'ps', 'ckb', 'sd' or 'ug' when the text is written in one of them, None for Persian/Arabic."""
    scores: dict[str, float] = {}
    for c in _OTHER_LETTER.findall(text):  # most Persian and Arabic texts have none: one regex pass
        for lang, weight in _OTHER_LETTERS[c].items():
            scores[lang] = scores.get(lang, 0.0) + weight
    words = [w.translate(_UNIFY) for w in _OTHER_WORD.findall(_unify(text))]
    own_words = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _OTHER_WORDS.items()}
    if not scores and max(own_words.values()) < _MIN_WORDS:
        return None
    lang = max(_OTHER_WORDS, key=lambda k: scores.get(k, 0.0) + own_words[k])
    score, own = scores.get(lang, 0.0), own_words[lang]
    theirs = sum(1 for w in words if w in _FA_AR_WORDS)
    letters = sum(1 for c in text if c.isalpha() and _ARABIC_SCRIPT.match(c))
    # a Persian or Arabic sentence naming places in another language's spelling («ننګرهار», «لښکرګاه») has the
    # letters in a few words but not the grammar: its own function words outnumber the other language's. Letters
    # spread over many words («ئۆزىمىز كان قېزىپ») are the language's, whatever one look-alike word says.
    if own < theirs and _marked_words(words, lang) < max(_SPREAD_WORDS, _SPREAD_SHARE * len(words)):
        return None
    if score >= _MIN_LETTERS and score >= _MIN_SHARE * letters:
        return lang
    # a sentence without its language's own letters (Sindhi and Uyghur write many words with Arabic's), unless
    # Persian or Arabic evidence (function words, ة, the article) is about as strong: «دي» and «دى» transcribe
    # Spanish «de» in an Arabic sentence
    if own >= _MIN_WORDS and 3 * own > 2 * max(_fa_ar_evidence(_unify(text))):
        return lang
    # a short text with one or two such letters («کابینہ کا اجلاس», «قاراپ تۇر»): langid must name one of their
    # languages, and be sure or have its function words agree
    return _langid_among(text, [k for k in scores if k in _LANGID_KNOWS], own_words, theirs)


def _marked_words(words: list[str], lang: str) -> int:
    """How many of ``words`` have a letter of ``lang``'s own."""
    return sum(1 for w in words if any(lang in _OTHER_LETTERS.get(c, ()) for c in _OTHER_LETTER.findall(w)))


def _langid_among(text: str, candidates: list[str], own_words: dict[str, int], theirs: int) -> str | None:
    if not candidates:
        return None
    said, confidence = _general().classify(text)
    if said in candidates and (own_words[said] > theirs or confidence >= _SURE):
        return said
    return None


#: letters spread over at least this many words, and this share of the words, are not a quoted name
_SPREAD_WORDS = 3
_SPREAD_SHARE = 0.25
#: langid's probability (all languages) that counts as sure
_SURE = 0.9
#: ... and, for a text with no Persian or Arabic evidence at all, that its langid is enough («دردمنه، خبره ده»)
_SURE_WITHOUT_EVIDENCE = 0.4


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (ckb for Sorani); None when there is no text to judge, or a short
    text gives no evidence (see the module docstring)."""
    sample = (text or "")[:_SAMPLE]
    if not any(c.isalpha() for c in sample):
        return None
    short = len(sample.strip()) < SHORT
    if _arabic_script_share(sample) > 0.5:
        return _arabic_script_language(sample)
    lang, confidence = _general().classify(sample[:_LANGID_SAMPLE])
    return None if short and confidence < _SURE else lang
