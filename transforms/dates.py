"""Publication dates as Persian and Arabic pages write them, to aware UTC datetimes.

Handles ISO 8601 (metadata), Solar Hijri («۱۸ دی ۱۴۰۳ - ۱۴:۳۰», «1402/08/12», «۱۲ آبان ۱۴۰۲», Afghan month
names «۱۲ حمل ۱۴۰۲», word days «سوم شهریور ۱۳۹۴», two-digit years «۲۶ شهریور ۹۴») via jdatetime, lunar
Hijri («14-09-1432 هـ», «12 ربيع الأول 1445 هـ») via hijridate (Umm al-Qura), Gregorian months named the
Egyptian way (يناير, فبراير …), the Maghreb way (جانفي, فيفري, أفريل, ماي, جوان, جويلية, أوت …; Moroccan
يوليوز, غشت, شتنبر …), the Levantine/Iraqi way (كانون الثاني, شباط …), both at once («آب/أغسطس», «نيسان /
أبريل», «كانون الثاني (يناير)»), the Persian and Dari way (ژانویه, فوریهٔ …; جنوری, فبروری …), in English or in
the common European languages («13. Mai 2026 um 15:44», «3 mars 2024», «13 de mayo de 2026»: the outlets
the project compares itself with), Persian and Arabic-Indic digits, «م/ص» and «ب.ظ/ق.ظ» (pm/am), and relative
times («۲ ساعت پیش», «منذ 3 ساعات», «أمس 10:30», «امروز»), resolved against ``now`` (the fetch time).

A local time is read in the outlet's timezone ``tz`` (UTC when none is given). A date without a time
is placed at 12:00 local, so it stays on its own day in UTC for every outlet between UTC-11 and
UTC+11. A year or a year-month alone («© 2024», «آب/أغسطس ٢٠٢٤») is no date. ``parse_date`` also
returns what the page wrote (wall-clock, whether a time and an offset were given, which calendar or
relative form was read), which the extractor needs to weigh one date signal against another.

Lunar or Solar Hijri: a year of 1200-1499 is one or the other. A month name decides (فروردین/حمل … Solar;
محرم … ذو الحجة lunar); otherwise a marker after the year: «ه.ش», «ش», «شمسی», «خورشیدی» Solar; «هـ», «ه.ق»,
«ق», «قمری», «هجرية», «للهجرة» lunar («هجری» alone marks neither: Persian writes it for both). An unmarked
number is Solar unless that reading falls after the fetch day (then lunar: «1445/03/12» fetched in 2025);
without ``now``, Solar below 1420 and lunar from 1420 (Solar 1420 is 2041; lunar 1420 is 1999). Solar years
run ~1370-1405 and lunar ones ~1410-1448 in news since 1990, so the rule only matters for the years ahead.
A Gregorian date printed beside a lunar one («… هـ الموافق 2023/09/27 م») is preferred when it is within
three days of the conversion (sighting and Umm al-Qura differ by a day or two): it is what the outlet means.

The module never reads the clock: without ``now`` a relative time is no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import NamedTuple
from zoneinfo import ZoneInfo

import jdatetime
from hijridate import Hijri

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
#: marks that change no word: direction marks, tatweel, harakat (U+064B-U+065F, the ezafe hamza «فوریهٔ»
#: among them), superscript alef; ZWNJ is a space («سی‌ام», «ذی‌القعده»)
_MARKS = {0x200F: None, 0x200E: None, 0x200D: None, 0x0640: None, 0x0670: None, 0x200C: " ",
          **{c: None for c in range(0x064B, 0x0660)}}
#: letters unified the same way as the search normalisation (ي/ى->ی, ك->ک), and «ۀ» (ezafe) -> «ه»: one
#: character for one, so that a match in the cleaned string is the same span of the shown one
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه"})

SOLAR_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن",
                "اسفند"]
#: the same months by the zodiac, as Afghanistan names them (حمل = فروردین …)
AFGHAN_MONTHS = ["حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"]
#: Gregorian month names -> month number (Arabic every way, Persian, Dari, English, European); keys are
#: letter-unified and lower-case
_GREGORIAN: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "ینایر|جانفی|کانون الثانی|ژانویه|جنوری|جنو|january|jan|januar|jänner|janvier|enero|gennaio|januari|janeiro",
        "فبرایر|فیفری|شباط|فوریه|فبروری|february|feb|februar|feber|février|fevrier|febrero|febbraio|februari|"
        "fevereiro",
        "مارس|آذار|اذار|مارچ|march|mar|märz|maerz|mars|marzo|maart|março|marco",
        "أبریل|إبریل|ابریل|أفریل|افریل|نیسان|آوریل|اپریل|april|apr|avril|abril|aprile",
        "مایو|مای|أیار|ایار|مه|می|may|mai|mayo|maggio|mei|maio",
        "یونیو|یونیه|یونیة|جوان|حزیران|ژوئن|جون|june|jun|juni|juin|junio|giugno|junho",
        "یولیو|یولیه|یولیة|یولیوز|جویلیة|جویلیه|تموز|ژوئیه|جولای|جول|july|jul|juli|juillet|julio|luglio|julho",
        "أغسطس|اغسطس|أوت|آب|اوت|غشت|أغشت|اغشت|آگست|اگست|آگوست|august|aug|août|aout|agosto|augustus",
        "سبتمبر|أیلول|ایلول|سپتامبر|شتنبر|شتمبر|سپتمبر|september|sep|sept|septembre|septiembre|setiembre|settembre|"
        "setembro",
        "أکتوبر|اکتوبر|تشرین الأول|تشرین الاول|اکتبر|october|oct|oktober|okt|octobre|octubre|ottobre|outubro",
        "نوفمبر|تشرین الثانی|نوامبر|نونبر|نومبر|november|nov|novembre|noviembre|novembro",
        "دیسمبر|کانون الأول|کانون الاول|دسامبر|دجنبر|دجمبر|دسمبر|دسم|december|dec|dezember|dez|décembre|decembre|"
        "diciembre|dicembre|dezembro",
    ],
    start=1,
):
    for _n in _names.split("|"):
        _GREGORIAN[_n] = _num
_GREGORIAN_KEYS = {name.replace(" ", ""): n for name, n in _GREGORIAN.items()}
_AFGHAN = {name: i for i, name in enumerate(AFGHAN_MONTHS, start=1)} | {"جوزاء": 3, "أسد": 5, "سنبلة": 6}
_SOLAR = {name: i for i, name in enumerate(SOLAR_MONTHS, start=1)} | {"امرداد": 5, "اذر": 9} | _AFGHAN
#: lunar Hijri month names (Arabic and Persian spellings, letter-unified); looked up by _lunar_key
_LUNAR_NAMES = [
    "محرم|المحرم|محرم الحرام",
    "صفر|صفر المظفر",
    "ربیع الأول|ربیع الاول|ربیع أول|ربیع اول",
    "ربیع الآخر|ربیع الاخر|ربیع الآخرة|ربیع الاخرة|ربیع الثانی|ربیع آخر|ربیع ثانی",
    "جمادی الأولی|جمادی الاولی|جمادی الأول|جمادی الاول|جمادی أولی|جمادی اولی",
    "جمادی الآخرة|جمادی الاخرة|جمادی الآخر|جمادی الاخر|جمادی الثانیة|جمادی الثانی|جمادی ثانی|جمادی ثانیة",
    "رجب|رجب المرجب",
    "شعبان|شعبان المعظم",
    "رمضان|رمضان المبارک",
    "شوال|شوال المکرم",
    "ذو القعدة|ذی القعدة",
    "ذو الحجة|ذی الحجة",
]


def _lunar_key(name: str) -> str:
    """A lunar month name without its spaces, hamzas and tā' marbūṭa: «ذی‌القعده» = «ذو القعدة»."""
    return re.sub(r"\s+", "", name).translate(str.maketrans("أإآة", "اااه")).replace("ذی", "ذو")


_LUNAR = {_lunar_key(n): i for i, names in enumerate(_LUNAR_NAMES, start=1) for n in names.split("|")}


def _month(name: str) -> int | None:
    """The number of a Gregorian month name as matched (a space in it may be missing or doubled)."""
    return _GREGORIAN_KEYS.get(re.sub(r"\s+", "", name).lower())


def _alt(names: list[str]) -> str:
    """An alternation of ``names``, longest first; a space in a name matches any run of spaces or none. It is
    guarded by a class of the first letters (both cases), which re does not build itself: the alternation is
    then tried only where a name can start (``_NAMED_GREG`` took twice as long without)."""
    firsts = "".join(sorted({c for n in names for c in (n[0].lower(), n[0].upper())}))
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s*") for n in sorted(names, key=len, reverse=True))
    return f"(?=[{re.escape(firsts)}])(?:{alternation})"


def _lunar_alt() -> str:
    names = {n for group in _LUNAR_NAMES for n in group.split("|")}
    names |= {n.replace("ة", "ه") for n in names} | {n.replace("ذو ", "ذی ") for n in names}
    return _alt(sorted(names))


def _day_words() -> dict[str, int]:
    """Persian day numbers in words, cardinal and ordinal («سوم», «بیست و یکم», «سی ام», «پانزدهمین»)."""
    units = ["یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
    ordinals = ["یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم"]
    teens = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
    pairs = [(i, c, o) for i, (c, o) in enumerate(zip(units, ordinals, strict=True), 1)]
    pairs += [(i, c, c + "م") for i, c in enumerate(teens, 10)] + [(18, "هیجده", "هیجدهم"), (20, "بیست", "بیستم")]
    pairs += [(20 + i, f"بیست و {c}", f"بیست و {o}") for i, c, o in pairs[:9]]
    pairs += [(30, "سی", "سی ام"), (30, "سی", "سیام"), (31, "سی و یک", "سی و یکم")]
    words = {"اول": 1, "اولین": 1, "نخست": 1, "نخستین": 1}
    for n, cardinal, ordinal in pairs:
        words |= {cardinal: n, ordinal: n, ordinal + "ین": n}
    return words


#: the day words without spaces («بیست‌وسوم», «بیست و سوم») -> the day
_DAY_WORDS = {w.replace(" ", ""): n for w, n in _day_words().items()}
#: a day of the month, digits («۳», «۳ام») or a Persian word («سوم»), in groups d / dw
_DAY = r"(?:(?<!\d)(?P<d>\d{1,2})\s*(?:ام|م)?|(?<!\w)(?P<dw>" + _alt(list(_day_words())) + "))"
#: an ezafe written out after a month name: «فوریه‌ی ۲۰۲۴» (the «ٔ» of «فوریهٔ» is dropped by _MARKS)
_EZAFE = r"(?:\s?ی(?!\w))?"


def _day_of(m: re.Match) -> int:
    return int(m.group("d")) if m.group("d") else _DAY_WORDS[re.sub(r"\s+", "", m.group("dw"))]


#: an offset's seconds are caught (group 8) so that such a stamp is refused, not read without them
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*"
                  r"(Z|[+-]\d{2}:?\d{2}(:?\d{2}(?!\d))?)?)?")
#: real UTC offsets run from -12:00 to +14:00; a stamp beyond that is corrupt
_MAX_OFFSET = timedelta(hours=14)
_NUMERIC = re.compile(
    r"(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)|(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)"
)
#: a two-digit Solar year («۲۶ شهریور ۹۴») ends the date: not «۲۶ شهریور ۱۲ نفر», nor «۲۶ شهریور ۱۰:۳۰»
_SHORT_YEAR = r"\d{2}(?=\s*(?:$|[-–—|،,؛()/]|ساعت|\d{1,2}:\d{2}))"
_NAMED_SOLAR = re.compile(
    _DAY + rf"\s+(?P<mon>{_alt(list(_SOLAR))})(?:\s*ماه)?{_EZAFE}[\s,،]+"
    rf"(?P<y>\d{{4}}(?!\d)|{_SHORT_YEAR})"
)
_NAMED_LUNAR = re.compile(
    _DAY + rf"\s+(?:من\s+)?(?P<mon>{_lunar_alt()})(?:\s*ماه)?(?!\w)[\s,،]+(?P<y>\d{{4}})(?!\d)"
)
#: the second name of a double month name: «آب/أغسطس», «نيسان / أبريل», «كانون الثاني (يناير)»
_SECOND_MONTH = rf"(?:\s*/\s*(?:{_alt(list(_GREGORIAN))})|\s*\(\s*[^()\d]{{1,20}}\s*\))?"
#: «13. Mai 2026», «13 de mayo de 2026», «3 من يناير 2024»: the day's dot and the word between day, month and year
_NAMED_GREG = re.compile(
    _DAY + rf"(?:st|nd|rd|th|\.)?[\s,،]+(?:(?:من|de|del)\s+)?(?P<mon>{_alt(list(_GREGORIAN))})\.?"
    rf"{_EZAFE}{_SECOND_MONTH}(?:\s+de)?[\s,،]+(?P<y>\d{{4}})(?!\d)"
    rf"|(?P<mon2>{_alt(list(_GREGORIAN))})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})(?!\d)",
    re.I,
)
#: what follows a Hijri year: «ه.ش»/«ش»/«شمسی» Solar, «هـ»/«ه.ق»/«ق»/«قمری»/«هجرية» lunar (tatweel dropped)
_HIJRI_MARK = re.compile(
    r"\s*(?:(?P<solar>(?:ه|هجری)\s*\.?\s*(?:ش|شمسی)|شمسی|خورشیدی|ش)"
    r"|(?P<lunar>(?:ه|هجری)\s*\.?\s*(?:ق|قمری)|قمری|ق(?!\s*\.?\s*ظ)|هجریة|هجریه|للهجرة|ه))\.?(?!\w)"
)
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(ب\s*\.?\s*ظ|ق\s*\.?\s*ظ|بعد\s*از\s*ظهر|قبل\s*از\s*ظهر|مساء[اًً]*"
    r"|صباحا?[ًً]*|[مص](?![\w])|pm|am|p\.m\.|a\.m\.)?",
    re.I,
)
#: «ساعت ۱۱ و ۰۱ دقیقه و ۴۷ ثانیه»: a Persian time in words
_TIME_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s*و\s*(\d{1,2})\s*دقیقه(?:\s*و\s*(\d{1,2})\s*ثانیه)?")
_UTC_MARK = re.compile(r"\b(?:GMT|UTC)\b|غرینتش", re.I)

#: relative units (letter-unified) -> (timedelta unit, the count they stand for alone: an Arabic dual is 2)
_RELATIVE_UNITS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(["ثانیه", "ثانیة", "ثوان", "ثوانی", "second", "seconds"], ("seconds", 1)),
    **dict.fromkeys(["دقیقه", "دقیقة", "دقائق", "minute", "minutes"], ("minutes", 1)),
    **dict.fromkeys(["ساعت", "ساعة", "ساعه", "ساعات", "hour", "hours"], ("hours", 1)),
    **dict.fromkeys(["روز", "یوم", "یوما", "أیام", "ایام", "day", "days"], ("days", 1)),
    **dict.fromkeys(["هفته", "أسبوع", "اسبوع", "أسبوعا", "اسبوعا", "أسابیع", "اسابیع", "week", "weeks"],
                    ("weeks", 1)),
    **dict.fromkeys(["ماه", "شهر", "شهرا", "أشهر", "اشهر", "شهور", "month", "months"], ("months", 1)),
    **dict.fromkeys(["سال", "سنة", "سنوات", "عام", "عاما", "أعوام", "اعوام", "year", "years"], ("years", 1)),
    "ثانیتین": ("seconds", 2), "دقیقتین": ("minutes", 2), "ساعتین": ("hours", 2), "یومین": ("days", 2),
    "أسبوعین": ("weeks", 2), "اسبوعین": ("weeks", 2), "شهرین": ("months", 2), "سنتین": ("years", 2),
    "عامین": ("years", 2),
}
_UNITS = _alt(list(_RELATIVE_UNITS))
#: counts written as words: «یک ساعت پیش», «منذ ثلاث ساعات»
_COUNT_WORDS = {
    **{w: i for i, w in enumerate(["یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده"], 1)},
    **{w: i for i, ws in enumerate(["واحد|واحدة", "اثنین|اثنان", "ثلاث|ثلاثة", "أربع|أربعة|اربع|اربعة",
                                    "خمس|خمسة", "ست|ستة", "سبع|سبعة", "ثمان|ثمانی|ثمانیة", "تسع|تسعة",
                                    "عشر|عشرة"], 1) for w in ws.split("|")},
}
_COUNTS = _alt(list(_COUNT_WORDS))
# counts of at most 4 digits, never starting inside a longer number: «(\d+)?» tried at every digit of a long
# run is quadratic (100k digits took minutes), and «999999999 ساعت پیش» is no time at all
_REL_FA = re.compile(rf"(?:(?<!\d)(\d{{1,4}})\s*|(?<!\w)({_COUNTS})\s+|(?<!\d)(?<!\d\s)(?<!\w))({_UNITS})\s*"
                     r"(?:پیش|قبل)(?!\w)")
#: «منذ 15 دقيقة», «قبل 3 ساعات», «منذ ساعتين», «منذ 11 يوماً»; never «منذ عام 2011» nor «منذ عام ألف …» (since
#: the year 2011, 1000 …)
_REL_AR = re.compile(rf"(?:منذ|قبل)\s*(?:(\d{{1,4}})|({_COUNTS}))?\s*({_UNITS})(?:\s+واحدة?)?(?!\w)"
                     r"(?!\s*(?:\d|ألف|الف))")
_REL_EN = re.compile(rf"(?<!\d)(\d{{1,4}}|an?|one)\s+({_UNITS})\s+ago", re.I)
_JUST_NOW = re.compile(r"لحظاتی پیش|دقایقی پیش|همین الان|منذ لحظات|الآن|just now", re.I)
#: words for a day relative to the fetch day, read only when the string is that word (and a time):
#: «اليوم 10:30», «دیروز ۱۴:۳۰», «امروز»; «وحتى اليوم» in a sentence is none
_DAY_NAMES = {"امروز": 0, "الیوم": 0, "today": 0, "دیروز": 1, "أمس": 1, "امس": 1, "الأمس": 1, "یوم أمس": 1,
              "الیوم السابق": 1, "yesterday": 1, "پریروز": 2, "أمس الأول": 2, "أول أمس": 2, "أول من أمس": 2}
_NOW_NAMES = ("اکنون", "هم اکنون", "همین ساعت", "همین دقیقه", "هذه الدقیقة", "الساعة الحالیة")
_DAY_NAME = re.compile(rf"(?<!\w)({_alt([*_DAY_NAMES, *_NOW_NAMES])})(?!\w)", re.I)
#: what may stand beside such a word: «ساعت», «الساعة», «at», separators
_FILLER = re.compile(r"(?<!\w)(?:ساعت|الساعة|ساعة|at|في|عند)(?!\w)|[\s\-–—|،,:.()]", re.I)


def _shown(s: str) -> str:
    """``s`` with Latin digits, without invisible marks and harakat, spaces collapsed: what the signals quote."""
    return " ".join(s.translate(_DIGITS).translate(_MARKS).split())


def _clean(s: str) -> str:
    return _shown(s).translate(_LETTERS)


@dataclass(frozen=True)
class ParsedDate:
    """A date read from a page: ``utc`` for storing, plus what the page wrote, which the extractor
    needs to weigh one signal against another."""

    utc: datetime
    #: the wall-clock time as written (naive), before any timezone was applied
    wall: datetime
    #: a time of day was written (otherwise the date sits at 12:00 local)
    has_time: bool
    #: the string carried its own offset («Z», «+02:00», «GMT»), so the outlet's timezone was not used
    labelled: bool
    #: what was read: "gregorian", "solar_hijri", "lunar_hijri" or "relative" (to the fetch time)
    calendar: str = "gregorian"
    #: for a date_signal, what was read when it was not a Gregorian date: «Solar Hijri 1403/10/18»,
    #: «lunar Hijri 1445/03/12 (marked ه) → 2023-09-27», «Gregorian printed beside lunar Hijri 1445/03/12»,
    #: «relative: منذ 15 دقيقة before the fetch»; empty for a Gregorian date read as such
    how: str = ""


class _Day(NamedTuple):
    day: date
    calendar: str
    how: str


def _to_utc(d: date, t: time | None, tz: str | None, offset: timedelta | None = None,
            labelled: bool = False) -> ParsedDate:
    wall = datetime.combine(d, t or time(12, 0))
    zone = timezone(offset) if offset is not None else ZoneInfo(tz) if tz else UTC
    return ParsedDate(wall.replace(tzinfo=zone).astimezone(UTC), wall, t is not None, labelled or offset is not None)


def _time_of(s: str) -> time | None:
    m = _TIME.search(s)
    if not m:
        w = _TIME_WORDS.search(s)
        if not w:
            return None
        hour, minute, sec = int(w.group(1)), int(w.group(2)), int(w.group(3) or 0)
        return time(hour, minute, sec) if hour <= 23 and minute <= 59 and sec <= 59 else None
    hour, minute, sec = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    mark = (m.group(4) or "").lower().replace(" ", "").replace(".", "")
    if mark.startswith(("ب", "م", "pm", "p")) and hour < 12:
        hour += 12
    elif mark.startswith(("ق", "ص", "am", "a")) and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or sec > 59:
        return None
    return time(hour, minute, sec)


def _gregorian(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d) if 1900 <= y <= 2100 else None
    except ValueError:
        return None


def _solar(y: int, m: int, d: int) -> date | None:
    try:
        return jdatetime.date(y, m, d).togregorian() if 1200 <= y < 1500 else None
    except ValueError:
        return None


def _lunar(y: int, m: int, d: int) -> date | None:
    """The Umm al-Qura day of lunar ``y/m/d``; a 30th where Umm al-Qura's month has 29 days is the day after
    its 29th (where the month was sighted a day later)."""
    try:
        g = Hijri(y, m, d).to_gregorian()
    except OverflowError:  # hijridate covers 1343-1500 AH (1924-2077)
        return None
    except ValueError:
        if d != 30:
            return None
        try:
            g = Hijri(y, m, 29).to_gregorian() + timedelta(days=1)
        except (ValueError, OverflowError):
            return None
    return date(g.year, g.month, g.day)


def _solar_day(y: int, m: int, d: int, why: str = "") -> _Day | None:
    day = _solar(y, m, d)
    return _Day(day, "solar_hijri", f"Solar Hijri {y}/{m:02d}/{d:02d}{why}") if day else None


def _lunar_day(y: int, m: int, d: int, why: str = "") -> _Day | None:
    day = _lunar(y, m, d)
    return _Day(day, "lunar_hijri", f"lunar Hijri {y}/{m:02d}/{d:02d}{why} → {day.isoformat()}") if day else None


def _numeric_day(y: int, m: int, d: int, after: str, now: datetime | None) -> _Day | None:
    """The day of an all-digit date (or an ISO one): Gregorian for 1900-2100, else Solar or lunar Hijri by the
    marker that follows it (``after``), else by the fetch time (module docstring)."""
    if not 1200 <= y < 1500:
        day = _gregorian(y, m, d)
        return _Day(day, "gregorian", "") if day else None
    mark = _HIJRI_MARK.match(after)
    if mark:
        written = " (marked " + mark.group(0).strip() + ")"
        return _solar_day(y, m, d, written) if mark.group("solar") else _lunar_day(y, m, d, written)
    solar = _solar_day(y, m, d)
    if now is not None:
        if solar and solar.day <= now.date() + timedelta(days=1):
            return solar
        return _lunar_day(y, m, d, " (unmarked; as Solar Hijri it would be after the fetch)") or solar
    if y < 1420:
        return solar
    return _lunar_day(y, m, d, " (unmarked year from 1420)")


def _short_solar_year(yy: int, m: int, d: int, now: datetime | None) -> int:
    """The Solar year a two-digit one stands for: the latest not after the fetch day; without the fetch
    time, 14yy below 40 and 13yy from 40 (1340 is 1961)."""
    if now is None:
        return (1400 if yy < 40 else 1300) + yy
    for century in (1400, 1300):
        day = _solar(century + yy, m, d)
        if day and day <= now.date() + timedelta(days=1):
            return century + yy
    return 1300 + yy


class _Hit(NamedTuple):
    start: int
    end: int
    day: _Day
    written: tuple[int, int, int]


def _hits(s: str, now: datetime | None, gregorian_only: bool):
    """The full dates in ``s`` that are real days, family by family: named Solar months, named lunar months,
    named Gregorian months, all-digit dates; each family in the order of the string."""
    if not gregorian_only:
        for m in _NAMED_SOLAR.finditer(s):
            y, month, d = int(m.group("y")), _SOLAR[m.group("mon")], _day_of(m)
            short = len(m.group("y")) == 2
            if short:
                y = _short_solar_year(y, month, d, now)
            why = (" (Afghan month name)" if m.group("mon") in _AFGHAN else "") + (
                f" (year written {m.group('y')})" if short else "")
            found = _solar_day(y, month, d, why)
            if found:
                yield _Hit(m.start(), m.end(), found, (y, month, d))
        for m in _NAMED_LUNAR.finditer(s):
            y, month, d = int(m.group("y")), _LUNAR[_lunar_key(m.group("mon"))], _day_of(m)
            found = _lunar_day(y, month, d)
            if found:
                yield _Hit(m.start(), m.end(), found, (y, month, d))
    for m in _NAMED_GREG.finditer(s):
        if m.group("mon"):
            d, month, y = _day_of(m), _month(m.group("mon")), int(m.group("y"))
        else:
            d, month, y = int(m.group("d2")), _month(m.group("mon2")), int(m.group("y2"))
        day = _gregorian(y, month, d) if month else None
        if day:
            yield _Hit(m.start(), m.end(), _Day(day, "gregorian", ""), (y, month, d))
    for m in _NUMERIC.finditer(s):
        # year/month/day, or day/month/year: the order used across the region
        y, month, d = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m.group(1) else (
            int(m.group(6)), int(m.group(5)), int(m.group(4)))
        if gregorian_only and 1200 <= y < 1500:
            continue
        found = _numeric_day(y, month, d, s[m.end():m.end() + 24], now)
        if found:
            yield _Hit(m.start(), m.end(), found, (y, month, d))


_REFUSED = object()


def _absolute(s: str, tz: str | None, now: datetime | None, labelled: bool,
              gregorian_only: bool = False) -> tuple[ParsedDate | object | None, _Hit | None]:
    """The first full date written in ``s`` (_REFUSED for a corrupt ISO stamp), with where it was found."""
    m = _ISO.search(s)
    if m:
        y, month, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        found = None if gregorian_only and 1200 <= y < 1500 else _numeric_day(y, month, d, s[m.end():m.end() + 24],
                                                                               now)
        if found:
            # a stamp with an impossible time or offset is corrupt: refused whole, not re-read by the looser
            # patterns below (they would take its date at noon local)
            t, offset = _iso_time(m), _iso_offset(m.group(7), m.group(8))
            if t is False or offset is False:
                return _REFUSED, None
            hit = _Hit(m.start(), m.end(), found, (y, month, d))
            return replace(_to_utc(found.day, t, tz, offset, labelled), calendar=found.calendar, how=found.how), hit
    for hit in _hits(s, now, gregorian_only):
        t = _time_of(s[hit.end:] + " " + s[: hit.start])
        parsed = _to_utc(hit.day.day, t, tz, labelled=labelled)
        return replace(parsed, calendar=hit.day.calendar, how=hit.day.how), hit
    return None, None


def _months_before(d: date, n: int) -> date | None:
    """``d`` ``n`` calendar months earlier (the 31st of a shorter month is its last day)."""
    total = d.year * 12 + d.month - 1 - n
    year, month = divmod(total, 12)
    if year < 1900:
        return None
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    return None


def _relative(s: str, shown: str, now: datetime, tz: str | None) -> ParsedDate | None:
    """A time relative to ``now`` (aware, UTC): minutes and hours to the moment; days and longer to the day
    (its time is not written: noon local, as a date alone), or at the time written beside «أمس»/«امروز»."""
    zone = ZoneInfo(tz) if tz else UTC
    local = now.astimezone(zone)

    def exact(at: datetime, how: str) -> ParsedDate | None:
        if at.year < 1900:
            return None
        return ParsedDate(at, at.astimezone(zone).replace(tzinfo=None), True, False, "relative", how)

    m = _JUST_NOW.search(s)
    if m:
        return exact(now, f"relative: {shown[m.start():m.end()]} = the fetch time")
    m = _DAY_NAME.search(s)
    if m:
        rest = s[: m.start()] + " " + s[m.end():]
        t = _TIME.search(rest)
        if not _FILLER.sub("", rest[: t.start()] + rest[t.end():] if t else rest):
            word = re.sub(r"\s+", " ", m.group(1))
            phrase = shown[m.start():m.end()]
            if word in _NOW_NAMES:
                return exact(now, f"relative: {phrase} = the fetch time")
            days = _DAY_NAMES.get(word, _DAY_NAMES.get(word.lower(), 0))
            day = local.date() - timedelta(days=days)
            at = _time_of(rest) if t else None
            parsed = _to_utc(day, at, tz)
            return replace(parsed, calendar="relative",
                           how=f"relative: {phrase} = the fetch day" + (f" - {days}" if days else ""))
    for rx in (_REL_FA, _REL_AR, _REL_EN):
        m = rx.search(s)
        if not m:
            continue
        *counts, unit = m.groups()
        unit_key = unit if unit in _RELATIVE_UNITS else unit.lower()
        kind, alone = _RELATIVE_UNITS[unit_key]
        digits = counts[0]
        word = counts[1] if len(counts) > 1 else None
        if digits and digits.isdigit():
            n = int(digits)
        elif word:
            n = _COUNT_WORDS[word]
        else:  # no count, or English «a»/«an»/«one»
            n = alone
        how = f"relative: {shown[m.start():m.end()]} before the fetch"
        if kind in ("seconds", "minutes", "hours"):
            return exact(now - timedelta(**{kind: n}), how)
        today = local.date()
        if kind in ("days", "weeks"):
            days = n * (7 if kind == "weeks" else 1)
            day = today - timedelta(days=days) if days < (today - date(1900, 1, 1)).days else None
        else:
            day = _months_before(today, n * (12 if kind == "years" else 1))
        if day is None:
            return None
        return replace(_to_utc(day, None, tz), calendar="relative", how=how)
    return None


def _iso_time(m: re.Match) -> time | bool | None:
    """The ISO stamp's time of day; None when it has none or is «24:00» (the end of its day); False when
    impossible (hour 25+, minute 60+, second 61+; a leap second 60 is read as 59)."""
    if not m.group(4):
        return None
    hour, minute, second = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    if hour > 24 or minute > 59 or second > 60:
        return False
    if hour == 24:
        return None if minute == second == 0 else False
    return time(hour, minute, min(second, 59))


def _iso_offset(z: str | None, seconds: str | None) -> timedelta | bool | None:
    """The ISO stamp's UTC offset; None when it has none; False when impossible (beyond ±14:00, minutes
    60+, or with seconds: no zone has such an offset today)."""
    if not z:
        return None
    if z == "Z":
        return timedelta(0)
    if seconds:
        return False
    digits = z[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    offset = (-1 if z[0] == "-" else 1) * timedelta(hours=hours, minutes=minutes)
    return False if minutes > 59 or abs(offset) > _MAX_OFFSET else offset


def parse_date_text(s: str, *, tz: str | None = None, now: datetime | None = None) -> datetime | None:
    """The first date (with its time, when given) in ``s`` as an aware UTC datetime, or None."""
    found = parse_date(s, tz=tz, now=now)
    return found.utc if found else None


#: a Gregorian date printed beside a lunar one is the outlet's own conversion when this close to Umm al-Qura's
_BESIDE = timedelta(days=3)


def parse_date(s: str, *, tz: str | None = None, now: datetime | None = None,
               relative: bool = True) -> ParsedDate | None:
    """The first full date in ``s`` (a year or a year-month alone is none), with what was written; with
    ``relative`` False, or without ``now`` (the fetch time; naive is UTC), a relative time («۲ ساعت پیش»)
    is none either: only a date the page writes out. A lunar Hijri date gives way to a Gregorian one
    printed beside it."""
    if not s:
        return None
    shown = _shown(s)
    s = shown.translate(_LETTERS)  # one character for one: spans in s are spans in shown
    if now is not None:
        now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    labelled = bool(_UTC_MARK.search(s))
    if labelled:
        tz = None
    found, hit = _absolute(s, tz, now, labelled)
    if found is _REFUSED:
        return None
    if isinstance(found, ParsedDate):
        if hit and found.calendar == "lunar_hijri":
            blanked = s[: hit.start] + " " * (hit.end - hit.start) + s[hit.end:]
            beside, _ = _absolute(blanked, tz, now, labelled, gregorian_only=True)
            if isinstance(beside, ParsedDate) and abs(beside.wall.date() - hit.day.day) <= _BESIDE:
                y, m, d = hit.written
                return replace(beside, how=f"Gregorian printed beside lunar Hijri {y}/{m:02d}/{d:02d}")
        return found
    if not relative or now is None:
        return None
    return _relative(s, shown, now, tz)


_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_TO_ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def year_forms(day: date) -> tuple[str, ...]:
    """The ways a page writes the year of ``day``: Gregorian and Solar Hijri, in Latin, Persian and
    Arabic-Indic digits (what a full date of that day must contain)."""
    years = (str(day.year), str(jdatetime.date.fromgregorian(date=day).year))
    return tuple(dict.fromkeys(f for y in years for f in (y, y.translate(_TO_PERSIAN), y.translate(_TO_ARABIC))))


def numeric_day_forms(day: date) -> tuple[str, ...]:
    """The all-digit ways a page writes ``day`` that parse_date does not read (a two-digit year is too
    ambiguous for a date box): «25.04.24», «25/4/24», «2024-04-25» compacted to «20240425»; day first, as
    across the region and in Europe; Latin, Persian and Arabic-Indic digits."""
    pairs = dict.fromkeys([(f"{day.day:02d}", f"{day.month:02d}"), (str(day.day), str(day.month))])
    short = [f"{d}{sep}{m}{sep}{day.year % 100:02d}" for sep in "./-" for d, m in pairs]
    latin = [f"{day:%Y%m%d}", *short]
    return tuple(dict.fromkeys(f for x in latin for f in (x, x.translate(_TO_PERSIAN), x.translate(_TO_ARABIC))))


_COPYRIGHT = re.compile(r"©|\(c\)|&copy;|copyright|all rights reserved|حقوق|کپی\s*رایت", re.I)


def is_copyright(s: str) -> bool:
    """``s`` is a copyright notice («© 2024», «جميع الحقوق محفوظة ٢٠٢٣»): its year dates the site, not a story."""
    return bool(_COPYRIGHT.search(_clean(s)))
