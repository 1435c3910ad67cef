"""detect_language: Persian vs Arabic on short texts, the other Arabic-script languages by their own
letters, and other languages through py3langid."""

from __future__ import annotations

import json

import pytest
from repo import TESTWEB

from akhbar.transforms.extract import extract_article
from akhbar.transforms.language import detect_language, other_arabic_script


@pytest.mark.parametrize(("text", "lang"), [
    ("گفت‌وگو کرد", "fa"),
    ("وزیر خارجه ژاپن", "fa"),
    ("روز چهارشنبه", "fa"),
    ("وزیر امور خارجه در گفتگوی تلفنی", "fa"),
    ("این خبر را بخوانید", "fa"),
    ("وزير الخارجية الياباني", "ar"),
    ("اجتماع الوزراء في طوكيو", "ar"),
    ("قال الوزير إن المحادثات مستمرة", "ar"),
    ("أمريكا واليابان تؤكدان التزامهما بالعمل", "ar"),
    ("Der Minister traf sich heute mit seinem Amtskollegen in Berlin.", "de"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_no_letters_no_language() -> None:
    assert detect_language("") is None
    assert detect_language(" ۱۲۳ - 456 ") is None


# -- other Arabic-script languages -------------------------------------------------------------------------
URDU = [
    "وفاقی کابینہ نے منگل کو وزیراعظم کی زیر صدارت اسلام آباد میں ہونے والے اجلاس میں آئندہ مالی سال کے بجٹ "
    "کی تجاویز کی منظوری دے دی۔",
    "اجلاس کے بعد صحافیوں سے بات کرتے ہوئے وزیر اطلاعات نے بتایا کہ کابینہ نے بجلی اور گیس کی قیمتوں میں اضافے "
    "کا فیصلہ فی الحال مؤخر کر دیا ہے تاکہ عوام پر مزید بوجھ نہ پڑے۔",
    "محکمہ موسمیات کے مطابق آئندہ چوبیس گھنٹوں کے دوران لاہور، راولپنڈی اور پشاور سمیت ملک کے بیشتر بالائی "
    "علاقوں میں تیز ہواؤں کے ساتھ بارش کا امکان ہے، جبکہ کراچی میں موسم گرم اور مرطوب رہے گا۔",
    "شمالی علاقہ جات میں برفباری کے باعث کئی سڑکیں بند ہو گئی ہیں اور سیاحوں کو غیر ضروری سفر سے گریز کرنے کی "
    "ہدایت کی گئی ہے۔",
]
PASHTO = [
    "د افغانستان د بهرنیو چارو وزارت ویلي چې له ګاونډیو هېوادونو سره د سوداګرۍ د پراختیا لپاره نوې هڅې پیل شوې دي.",
    "په کابل کې د ژمي لومړۍ واوره ووریده او د ښار ځینې سړکونه د څو ساعتونو لپاره وتړل شول.",
]
SORANI = [
    "حکوومەتی هەرێمی کوردستان ڕایگەیاند کە مووچەی فەرمانبەران لە هەفتەی داهاتوودا دابەش دەکرێت.",
    "بارانێکی زۆر لە شاری سلێمانی باری و چەند ڕێگایەک بۆ ماوەی چەند کاتژمێرێک داخران.",
]
SINDHI = [
    "سنڌ حڪومت صوبي ۾ تعليم جي بهتري لاءِ نئين پاليسي جو اعلان ڪيو آهي.",
    "ڪراچي ۾ اڄ موسم گرم رهندي ۽ شام جو سمنڊ جي هوا هلندي.",
]
UYGHUR = [
    "ئۈرۈمچى شەھىرىدە بۈگۈن ھاۋا سوغۇق بولۇپ، كەچتە قار يېغىدۇ.",
    "شىنجاڭ ئۇنىۋېرسىتېتى يېڭى ئوقۇش يىلىدا ئوقۇغۇچى قوبۇل قىلىشنى باشلىدى.",
]
OTHERS = [("ur", URDU), ("ps", PASHTO), ("ckb", SORANI), ("sd", SINDHI), ("ug", UYGHUR)]


@pytest.mark.parametrize(("lang", "text"), [
    (lang, text) for lang, paragraphs in OTHERS for text in [*paragraphs, "\n\n".join(paragraphs)]
])
def test_other_arabic_script_languages_are_themselves(lang: str, text: str) -> None:
    # every one of these came out fa or ar before (py3langid alone: fa/ar, and it has no sd or ckb)
    assert detect_language(text) == lang


def _testweb_units(name: str, lang: str) -> list[str]:
    """Every title, paragraph and whole body of the test web's Persian or Arabic articles (not the stories it
    plants in another language on purpose, e.g. an Urdu one on a Persian outlet)."""
    units = []
    for article in json.loads((TESTWEB / name).read_text(encoding="utf-8")):
        if article.get("language", lang) != lang:
            continue
        paragraphs = article.get("paragraphs", [])
        units += [t for t in [article.get("title"), *paragraphs, "\n".join(paragraphs)] if t]
    return units


@pytest.mark.parametrize(("name", "lang"), [("articles_fa.json", "fa"), ("articles_ar.json", "ar")])
def test_every_testweb_persian_and_arabic_text_stays_itself(name: str, lang: str) -> None:
    units = _testweb_units(name, lang)
    assert len(units) > 150
    assert [u[:40] for u in units if detect_language(u) != lang] == []


@pytest.mark.parametrize(("text", "lang"), [
    ("گزارش ویژه از پژوهشگاه گچساران درباره چشم‌انداز صنعت نفت", "fa"),
    ("مستشفى الرعاية الصحية في القاهرة يستقبل المرضى حتى منتصف الليل", "ar"),
    ("ھذا ما أعلنته وزارة الصحة ھذه الليلة في مؤتمر صحفي", "ar"),       # Arabic sites that write ھ for ه
    # a Persian paragraph quoting one Urdu name, and one stray «ے» (0xff read as windows-1256)
    ("نخست‌وزیر پاکستان در دیدار با «شہباز» گفت که روابط دو کشور در حال گسترش است و همکاری ادامه دارد.", "fa"),
    ("رئیس‌جمهور در سفر به استان کرمان از چند طرح عمرانی بازدید کردے و با مردم گفت‌وگو کرد.", "fa"),
    ("وزیر نیرو از افتتاح نیروگاه تازه در کردستان خبر داد و گفت این طرح برق ده‌ها روستا را تأمین می‌کند.", "fa"),
])
def test_persian_and_arabic_with_a_few_foreign_letters_do_not_flip(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("text", "lang"), [
    ("کابینہ کا اجلاس", "ur"),      # one Urdu letter: its function word «کا» and langid agree
    ("د کابل ښار", "ps"),
    ("ڪراچي ۾ مينهن", "sd"),
    ("ڕێگای هەولێر", "ckb"),
    ("ئۈرۈمچى ھاۋاسى", "ug"),
    # Persian (Dari) naming Afghan places in Pashto spelling: Persian function words outnumber Pashto ones
    ("سفر وزیر به ننګرهار و لښکرګاه", "fa"),
    ("والی ننګرهار در دیدار با بزرگان قومی لښکرګاه گفت که امنیت بهتر شده است", "fa"),
    ("نخست‌وزیر پاکستان شہباز شریف به تهران رفت", "fa"),
])
def test_short_texts(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_other_arabic_script_needs_two_letters_and_two_percent() -> None:
    assert other_arabic_script("کابینہ") is None  # one Urdu letter is not enough
    assert other_arabic_script("کابینہ نے") == "ur"
    assert other_arabic_script("ئۈرۈمچى") == "ug"
    assert other_arabic_script(URDU[0][:60] + " " + "پژوهش " * 40) is None  # 2 Urdu letters in ~260


def test_urdu_article_page_gets_ur_so_a_persian_outlet_flags_a_mismatch() -> None:
    # the pipeline sets language_mismatch = language != outlet.language; the outlet here would be "fa"
    body = "".join(f"<p>{p}</p>" for p in URDU)
    page = f"<html><head><title>وفاقی کابینہ کا اجلاس</title></head><body><article>{body}</article></body></html>"
    ex = extract_article(page.encode("utf-8"), "http://127.0.0.11/news/1", content_type="text/html; charset=utf-8")
    assert ex.language == "ur" and ex.language != "fa"


# -- keyboard variants (issue 26): letters are unified before anything is counted -----------------------------
@pytest.mark.parametrize(("text", "lang"), [
    # Arabic typed with Persian ی/ک, as Iranian outlets' Arabic services write it
    ("قال وزیر الخارجیة الإیرانی إن المفاوضات مع الجانب الأوروبی مستمرة", "ar"),
    ("أکد المتحدث باسم الحکومة فی مؤتمر صحفی الیوم", "ar"),
    # Persian typed with Arabic ي/ك, as older Iranian sites (and Jam-e Jam's «ارديبهشت») write it
    ("در ارديبهشت ماه امسال كتابخانه ملي بازگشايي شد", "fa"),
    ("وزير امور خارجه در ديدار با همتاي خود گفت", "fa"),
])
def test_either_keyboard(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("text", "lang"), [
    ("مەن ئۆيگە قايتتىم", "ug"),   # ى inside a word: Uyghur's i (Arabic writes ى only at a word's end)
    ("هو گهر ويو آهي", "sd"),      # no Sindhi letter: three of its function words
])
def test_other_languages_without_their_own_letters(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["Video", "Photo: AFP", "LIVE", "فيديو", "ارديبهشت ۱۴۰۳"])
def test_a_short_text_without_evidence_has_no_language(text: str) -> None:
    """langid's guess on a caption or a date line is noise: None is not a language_mismatch (the gate counts
    only flags). «ارديبهشت» has no letter only Persian writes, whatever the keyboard."""
    assert detect_language(text) is None


def test_short_items_never_fail_a_night_on_language() -> None:
    """A Persian and an Arabic outlet-day made only of short items, half typed with the other keyboard's
    letters: the gate's language_mismatch rate stays 0 (the pipeline flags language != outlet language)."""
    from akhbar.quality import Thresholds, evaluate, measure

    items = {
        "fa": ["ارديبهشت ۱۴۰۳", "گزارش تصویری", "سبزي فروشي محله", "ويدئو", "Video", "عكس: ايرنا", "بازگشايي كتابخانه",
               "پخش زنده", "نشست خبري سخنگو", "قيمت دلار امروز"],
        "ar": ["فيديو", "Photo: AFP", "صور: وکالة الأنباء", "أسعار الذهب الیوم", "بث مباشر", "قالیباف یلتقی الرئیس",
               "الطقس غدا", "مؤتمر صحفی", "نتائج المباراة", "عاجل"],
    }
    for outlet_lang, texts in items.items():
        rows = [{"url": f"http://x/{n}", "title": t, "text": t, "published_at": None,
                 "language_mismatch": bool((lang := detect_language(t)) and lang != outlet_lang)}
                for n, t in enumerate(texts)]
        assert [r["text"] for r in rows if r["language_mismatch"]] == []
        metrics = measure(rows, [{"url": r["url"], "kind": "article", "outcome": "ok", "status": 200} for r in rows],
                          None)
        check = next(c for c in evaluate(metrics, Thresholds()) if c.name == "language_mismatch_rate")
        assert check.ok and check.value == 0
