"""Our folding, search and language identification against the field's own test material (issue 26).

Sources (tests/peers.py reads them; tests/peers_README.md says where each comes from and under which licence):

- dateparser (installed, the ``dev`` extra; BSD-3-Clause): the synonym lists of its fa and ar language data
  (``dateparser/data/date_translation_data/{fa,ar}.py``) — spellings of one word that search must treat as one;
- Lucene's ``TestArabicNormalizationFilter`` and ``TestPersianNormalizationFilter`` (Apache-2.0), CAMeL Tools'
  Arabic normalisation rules (``camel_tools/utils/normalize.py``, MIT), hazm's normaliser tests
  (``tests/test_normalizer.py``, MIT) and the examples in the docstrings of its ``hazm/normalizer.py``: each
  (input, expected) pair must meet in our search — the same words after ``normalize_text(..., fold=True)``, or
  each finding the other through the index's query analysis;
- lingua's Persian, Arabic and Urdu test sentences (Apache-2.0) and the test parts of the Universal Dependencies
  treebanks of Pashto, Sindhi and Uyghur (CC BY-SA 4.0): the language of each sentence.

Every peer case passes, or is listed in DIFFERENCES with the reason; a listed difference is asserted to hold,
so a change of behaviour shows up here. Lucene's, CAMeL Tools' and hazm's ``normalizer.py`` are committed
(tests/data/peers); hazm's test file, lingua's sentences and UD's treebanks are read from $AKHBAR_PEERS or
../shared/peers and skip when absent.
"""

from __future__ import annotations

import importlib
import itertools
import re
import unicodedata

import peers
import pytest
from minisearch import MiniIndex

from akhbar.transforms.language import detect_language
from akhbar.warehouse.search_index import analyze

ZWNJ = "\u200c"
TEH_MARBUTA = "ة is kept apart from ه for matching: «جامعة» (university) is not «جامعه» (society)"
JOINED_COMPOUND = ("a compound typed joined without a Persian affix has no known boundary: it does not find the "
                   "form written with a space (the other ways round work); a guessed split would make «مادر» find "
                   "«ما در»")
ELONGATION = "letters repeated for emphasis are not shortened (news text rarely does it; «ممم» may be real)"
DIGIT_GLUED = "a digit run glued to a word stays one word (tokens() is also dedup's tokeniser)"
HONORIFIC = "ﷺ is spelled out by NFKC («صلی الله علیه وسلم»: searchable), not deleted"

#: (peer, input) -> why our search treats the pair differently, on purpose
DIFFERENCES = {
    ("lucene-ar", "فاطمة"): TEH_MARBUTA,
    ("camel", "ة"): TEH_MARBUTA,
    ("dateparser-ar", "يونيه|يونية"): TEH_MARBUTA,
    ("dateparser-ar", "يوليه|يولية"): TEH_MARBUTA,
    ("dateparser-ar", "الجمعة|الجمعه"): TEH_MARBUTA,
    ("dateparser-ar", "السنة|السنه"): TEH_MARBUTA,
    ("dateparser-ar", "ثانية|ثانيه"): TEH_MARBUTA,
    ("dateparser-fa", "چهارشنبه|چهار شنبه"): JOINED_COMPOUND,
    ("dateparser-fa", "پنجشنبه|پنج شنبه"): JOINED_COMPOUND,
    ("hazm", "اِعلاممممم کَرد : « زمین لرزه ای به بُزرگیِ 6 دهم ریشتر ...»"): ELONGATION,
    ("hazm", "سلاممم دوستان"): ELONGATION,
    ("hazm", "مسافت ۹کیلومتر"): DIGIT_GLUED,
    ("hazm", "مسافت۹ کیلومتر"): DIGIT_GLUED,
    ("hazm", "پیامبر اکرم ﷺ"): HONORIFIC,
    ("hazm-doc", "اِعلاممممم کَرد : « زمین لرزه ای به بُزرگیِ 6 دهم ریشتر ...»"): ELONGATION,
    ("hazm-doc", "سلامممم به همه"): ELONGATION,
    ("hazm-doc", "سلاممم را برسان"): ELONGATION,
    ("hazm-doc", "به طول ۹متر و عرض۶"): DIGIT_GLUED,
    ("hazm-doc", "پیامبر اکرم ﷺ"): HONORIFIC,
}


def meet(a: str, b: str) -> bool:
    """Whether search treats ``a`` and ``b`` as one: the same index words, or each found by the other as a query."""
    if analyze(a) == analyze(b):
        return True
    if not analyze(a) or not analyze(b):
        return False
    idx = MiniIndex([a, b])
    return idx.find(a) == idx.find(b) == {a, b}


def _check(peer: str, key: str, a: str, b: str) -> None:
    reason = DIFFERENCES.get((peer, key))
    if reason is None:
        assert meet(a, b), f"{peer}: {a!r} and {b!r} should meet"
    else:
        assert not meet(a, b), f"{peer}: listed as a deliberate difference ({reason}) but now meets: update the list"


def _cases(load) -> list:
    """``load()`` as parameters, or one skipped parameter when the peer file is absent."""
    cases = load()
    return cases or [pytest.param(None, None, None, marks=pytest.mark.skip(reason="peer file absent"))]


# -- normalisation peers ---------------------------------------------------------------------------------------
def _lucene() -> list:
    out = []
    for peer, name in (("lucene-ar", peers.LUCENE_AR), ("lucene-fa", peers.LUCENE_FA)):
        source = peers.text(name)
        out += [(peer, a, b) for a, b in peers.lucene_checks(source)] if source else []
    return out


@pytest.mark.parametrize(("peer", "a", "b"), _cases(_lucene))
def test_lucene_normalization_filters(peer: str, a: str, b: str) -> None:
    _check(peer, a, a, b)


def _camel() -> list:
    source = peers.text(peers.CAMEL)
    return [(name, a, b) for name, pairs in peers.camel_rules(source).items() for a, b in pairs] if source else []


@pytest.mark.parametrize(("rule", "a", "b"), _cases(_camel))
def test_camel_tools_arabic_normalisation(rule: str, a: str, b: str) -> None:
    # each rule maps one character: tried inside a word («أحمد» / «احمد»)
    _check("camel", a, f"{a}حمد", f"{b}حمد")


def _hazm() -> list:
    source = peers.text(peers.HAZM)
    if not source:
        return []
    out = []
    for test, cases in peers.hazm_cases(source).items():
        for a, b in cases:
            if isinstance(a, list):  # token_spacing: lists of tokens
                a, b = " ".join(a), " ".join(b)
            out.append(pytest.param(a, b, id=f"{test}-{len(out)}"))
    return out


@pytest.mark.parametrize(("a", "b"), _hazm() or [
    pytest.param(None, None, marks=pytest.mark.skip(f"peer file {peers.HAZM} absent"))])
def test_hazm_normalizer_cases_meet_in_search(a: str, b: str) -> None:
    _check("hazm", a, a, b)


def _hazm_doc() -> list:
    source = peers.text(peers.HAZM_DOC)
    cases = peers.hazm_doctests(source) if source else []
    # token_spacing's examples are lists of tokens: the text they make
    join = lambda v: " ".join(v) if isinstance(v, list) else v  # noqa: E731
    return [pytest.param(join(a), join(b), id=f"{method}-{i}") for i, (method, a, b) in enumerate(cases)]


@pytest.mark.parametrize(("a", "b"), _hazm_doc() or [
    pytest.param(None, None, marks=pytest.mark.skip(f"peer file {peers.HAZM_DOC} absent"))])
def test_hazm_normalizer_docstring_examples_meet_in_search(a: str, b: str) -> None:
    _check("hazm-doc", a, a, b)


def _variant_key(word: str) -> str:
    """A peer-independent test of «the same word spelled two ways»: alef, yeh, kaf, heh and teh marbuta forms,
    harakat, tatweel, ZWNJ and spaces ignored."""
    word = re.sub("[\u064b-\u065f\u0670\u0640\u200c\u200d ]", "", unicodedata.normalize("NFKC", word))
    return word.translate(str.maketrans("أإآٱىیکةۀ", "ااااييكهه"))


def _dateparser() -> list:
    out = []
    for lang in ("fa", "ar"):
        info = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info

        def lists(value):
            if isinstance(value, dict):
                for v in value.values():
                    yield from lists(v)
            elif isinstance(value, list) and all(isinstance(x, str) for x in value):
                yield value

        for group in lists(info):
            for a, b in itertools.combinations(dict.fromkeys(group), 2):
                if re.search("[\u0600-\u06ff]", a) and _variant_key(a) == _variant_key(b):
                    out.append((f"dateparser-{lang}", a, b))
    return out


@pytest.mark.parametrize(("peer", "a", "b"), _dateparser())
def test_dateparser_spellings_of_one_word_meet(peer: str, a: str, b: str) -> None:
    _check(peer, f"{a}|{b}", a, b)


def test_dateparser_data_has_variant_spellings() -> None:
    # the differential test above is not empty: dateparser lists «الاثنين» and «الإثنين», «سه‌شنبه» and «سهشنبه»
    pairs = {(a, b) for _, a, b in _dateparser()}
    assert ("الاثنين", "الإثنين") in pairs and ("سه\u200cشنبه", "سهشنبه") in pairs


def test_every_listed_difference_is_a_peer_case() -> None:
    """The list names only cases the peers have (when their files are here): nothing stale."""
    present = {(p, a) for p, a, _ in _lucene()} | {("camel", a) for _, a, _ in _camel()}
    present |= {(p, f"{a}|{b}") for p, a, b in _dateparser()}
    present |= {("hazm", param.values[0]) for param in _hazm()}
    present |= {("hazm-doc", param.values[0]) for param in _hazm_doc()}
    loaded = {p for p, _ in present}
    assert [k for k in DIFFERENCES if k[0] in loaded and k not in present] == []


@pytest.mark.parametrize(("folder", "legal"), [("lucene", ("LICENSE.txt", "NOTICE.txt")),
                                               ("camel_tools", ("LICENSE",)), ("hazm", ("LICENSE",)),
                                               ("dateparser", ("LICENSE",))])
def test_committed_peer_folders_carry_licence_and_provenance(folder: str, legal: tuple[str, ...]) -> None:
    base = peers.COMMITTED / folder
    assert all((base / name).is_file() for name in (*legal, "PROVENANCE")), sorted(p.name for p in base.iterdir())


def test_the_committed_peer_files_are_read() -> None:
    """CI has no ../shared/peers: the committed Lucene, hazm and CAMeL Tools files give every one of their cases."""
    lucene = {p: [(a, b) for q, a, b in _lucene() if q == p] for p in ("lucene-ar", "lucene-fa")}
    assert (len(lucene["lucene-ar"]), len(lucene["lucene-fa"])) == (14, 6)
    assert ("أحمد", "احمد") in lucene["lucene-ar"] and ("کشاندن", "كشاندن") in lucene["lucene-fa"]
    assert len(_hazm_doc()) >= 25  # hazm's docstring examples with a non-empty input
    rules = peers.camel_rules(peers.COMMITTED.joinpath(peers.CAMEL).read_text(encoding="utf-8"))
    assert {"normalize_alef_ar", "normalize_alef_maksura_ar", "normalize_teh_marbuta_ar"} <= set(rules)


def test_an_override_folder_replaces_the_committed_files_one_by_one(tmp_path, monkeypatch) -> None:
    (tmp_path / "lucene").mkdir()
    (tmp_path / "lucene" / "TestArabicNormalizationFilter.java").write_text('check("أحمد", "احمد");', "utf-8")
    monkeypatch.setenv(peers.ENV, str(tmp_path))
    assert peers.lucene_checks(peers.text(peers.LUCENE_AR)) == [("أحمد", "احمد")]
    assert peers.path(peers.CAMEL) == peers.COMMITTED / peers.CAMEL  # not in the override: the committed copy


# -- language peers --------------------------------------------------------------------------------------------
#: at least py3langid's accuracy where it knows the language, and this much on sentences of >= LONG characters
MIN_LONG = 0.95
LONG = 40
#: Persian and Arabic typed with the other keyboard's letters
MIN_OTHER_KEYBOARD = 0.98
AR_ON_PERSIAN_KEYBOARD = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
FA_ON_ARABIC_KEYBOARD = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643"})


def _share(texts: list[str], lang: str, detect) -> float:
    return sum(detect(t) == lang for t in texts) / len(texts)


def _langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


@pytest.mark.parametrize("lang", ["fa", "ar", "ur", "ps", "sd", "ug"])
def test_peer_sentences_language(lang: str) -> None:
    texts = peers.sentences(lang)
    if not texts:
        pytest.skip(f"peer file {peers.sentence_file(lang)} absent")
    long = [t for t in texts if len(t) >= LONG]
    ours, ours_long = _share(texts, lang, detect_language), _share(long, lang, detect_language)
    assert ours_long >= MIN_LONG, (lang, ours_long)
    langid = _langid()
    if lang in langid.nb_classes:
        theirs = _share(texts, lang, lambda t: langid.classify(t)[0])
        theirs_long = _share(long, lang, lambda t: langid.classify(t)[0])
        if lang in ("fa", "ar"):  # short texts without evidence are None by design (no night fails on them)
            assert ours_long >= theirs_long, (lang, ours_long, theirs_long)
        else:
            assert ours >= theirs and ours_long >= theirs_long, (lang, ours, theirs, ours_long, theirs_long)


@pytest.mark.parametrize(("lang", "keyboard"), [("ar", AR_ON_PERSIAN_KEYBOARD), ("fa", FA_ON_ARABIC_KEYBOARD)])
def test_peer_sentences_typed_with_the_other_keyboard(lang: str, keyboard: dict) -> None:
    texts = [t.translate(keyboard) for t in peers.sentences(lang)]
    if not texts:
        pytest.skip(f"peer file {peers.sentence_file(lang)} absent")
    assert _share(texts, lang, detect_language) >= MIN_OTHER_KEYBOARD


@pytest.mark.parametrize(("lang", "keyboard"), [("fa", None), ("ar", None), ("ar", AR_ON_PERSIAN_KEYBOARD),
                                                ("fa", FA_ON_ARABIC_KEYBOARD)])
def test_short_peer_sentences_would_not_fail_a_night(lang: str, keyboard: dict | None) -> None:
    """Sentences under LONG characters, as an outlet-day of short items: the share given *another* language
    (None is no language_mismatch) stays far below the gate's 10 %."""
    from akhbar.quality import Thresholds

    texts = [t.translate(keyboard) if keyboard else t for t in peers.sentences(lang) if len(t) < LONG]
    if not texts:
        pytest.skip(f"peer file {peers.sentence_file(lang)} absent")
    wrong = sum(1 for t in texts if (got := detect_language(t)) is not None and got != lang) / len(texts)
    assert wrong <= Thresholds().max_language_mismatch_rate / 2, wrong
