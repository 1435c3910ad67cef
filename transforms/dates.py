"""Publication dates as Persian and Arabic pages write them, to aware UTC datetimes.

Handles ISO 8601 (metadata), Solar Hijri («۱۸ دی ۱۴۰۳ - ۱۴:۳۰», «1402/08/12», «۱۲ آبان ۱۴۰۲») via
jdatetime, Gregorian months named the Egyptian way (يناير, فبراير …), the Maghreb way (جانفي, فيفري,
أفريل, ماي, جوان, جويلية, أوت …), the Levantine/Iraqi way (كانون الثاني, شباط …), both at once
(«آب/أغسطس», «نيسان / أبريل», «كانون الثاني (يناير)»), the Persian way (ژانویه, فوریه …), in English or in
the common European languages («13. Mai 2026 um 15:44», «3 mars 2024», «13 de mayo de 2026»: the outlets
the project compares itself with), Persian and Arabic-Indic digits, «م/ص» and «ب.ظ/ق.ظ» (pm/am), and relative
times («۲ ساعت پیش», «منذ 3 ساعات»).
A local time is read in the outlet's timezone ``tz`` (UTC when none is given). A date without a time
is placed at 12:00 local, so it stays on its own day in UTC for every outlet between UTC-11 and
UTC+11. A year or a year-month alone («© 2024», «آب/أغسطس ٢٠٢٤») is no date. ``parse_date`` also
returns what the page wrote (wall-clock, whether a time and an offset were given), which the extractor
needs to weigh one date signal against another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import jdatetime

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# letters unified the same way as the search normalisation (ي/ى->ی, ك->ک), invisible marks dropped
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": " ", "\u200f": "", "\u200e": "", "ـ": ""})

SOLAR_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن",
                "اسفند"]
#: Gregorian month names -> month number (Arabic both systems, Persian, English); keys are letter-unified
_GREGORIAN: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "ینایر|یناير|جانفی|کانون الثانی|ژانویه|ژانویهٔ|january|jan|januar|jänner|janvier|enero|gennaio|januari|janeiro",
        "فبرایر|فیفری|شباط|فوریه|february|feb|februar|feber|février|fevrier|febrero|febbraio|februari|fevereiro",
        "مارس|آذار|اذار|march|mar|märz|maerz|mars|marzo|maart|março|marco",
        "أبریل|إبریل|ابریل|أفریل|افریل|نیسان|آوریل|april|apr|avril|abril|aprile",
        "مایو|مای|أیار|ایار|مه|می|may|mai|mayo|maggio|mei|maio",
        "یونیو|یونیه|جوان|حزیران|ژوئن|june|jun|juni|juin|junio|giugno|junho",
        "یولیو|یولیه|جویلیة|جویلیه|تموز|ژوئیه|july|jul|juli|juillet|julio|luglio|julho",
        "أغسطس|اغسطس|أوت|آب|اوت|august|aug|août|aout|agosto|augustus",
        "سبتمبر|أیلول|ایلول|سپتامبر|september|sep|sept|septembre|septiembre|setiembre|settembre|setembro",
        "أکتوبر|اکتوبر|تشرین الأول|تشرین الاول|اکتبر|october|oct|oktober|okt|octobre|octubre|ottobre|outubro",
        "نوفمبر|تشرین الثانی|نوامبر|november|nov|novembre|noviembre|novembro",
        "دیسمبر|کانون الأول|کانون الاول|دسامبر|december|dec|dezember|dez|décembre|decembre|diciembre|dicembre|dezembro",
    ],
    start=1,
):
    for _n in _names.split("|"):
        _GREGORIAN[_n] = _num
_SOLAR = {name: i for i, name in enumerate(SOLAR_MONTHS, start=1)}


def _alt(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


#: an offset's seconds are caught (group 8) so that such a stamp is refused, not read without them
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*"
                  r"(Z|[+-]\d{2}:?\d{2}(:?\d{2}(?!\d))?)?)?")
#: real UTC offsets run from -12:00 to +14:00; a stamp beyond that is corrupt
_MAX_OFFSET = timedelta(hours=14)
_NUMERIC = re.compile(
    r"(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)|(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)"
)
_NAMED_SOLAR = re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:ام|م)?\s+({_alt(SOLAR_MONTHS)})(?:\s*ماه)?[\s,،]+(\d{{4}})(?!\d)")
#: the second name of a double month name: «آب/أغسطس», «نيسان / أبريل», «كانون الثاني (يناير)»
_SECOND_MONTH = rf"(?:\s*/\s*(?:{_alt(list(_GREGORIAN))})|\s*\(\s*[^()\d]{{1,20}}\s*\))?"
#: «13. Mai 2026», «13 de mayo de 2026», «3 من يناير 2024»: the day's dot and the word between day, month and year
_NAMED_GREG = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|\.)?[\s,،]+(?:(?:من|de|del)\s+)?({_alt(list(_GREGORIAN))})\.?{_SECOND_MONTH}"
    rf"(?:\s+de)?[\s,،]+(\d{{4}})(?!\d)"
    rf"|({_alt(list(_GREGORIAN))})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)",
    re.I,
)
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(ب\s*\.?\s*ظ|ق\s*\.?\s*ظ|مساء[اًً]*|صباحا?[ًً]*|[مص](?![\w])|pm|am|p\.m\.|a\.m\.)?",
    re.I,
)
_UTC_MARK = re.compile(r"\b(?:GMT|UTC)\b|غرینتش", re.I)
_RELATIVE_UNITS = {
    "ثانیه": "seconds", "دقیقه": "minutes", "ساعت": "hours", "روز": "days", "هفته": "weeks",
    "ثانیة": "seconds", "ثوان": "seconds", "ثوانی": "seconds", "دقیقتین": "minutes", "دقائق": "minutes",
    "ساعة": "hours", "ساعات": "hours", "ساعتین": "hours", "یوم": "days", "أیام": "days", "ایام": "days",
    "یومین": "days", "أسبوع": "weeks", "أسابیع": "weeks", "اسبوع": "weeks", "أسبوعین": "weeks",
    "second": "seconds", "seconds": "seconds", "minute": "minutes", "minutes": "minutes", "hour": "hours",
    "hours": "hours", "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
}
_UNITS = _alt(list(_RELATIVE_UNITS))
# counts of at most 4 digits, never starting inside a longer number: «(\d+)?» tried at every digit of a long
# run is quadratic (100k digits took minutes), and «999999999 ساعت پیش» is no time at all
_REL_FA = re.compile(rf"(?:(?<!\d)(\d{{1,4}})\s*|(?<!\d)(?<!\d\s))({_UNITS})\s*(?:پیش|قبل)")
_REL_AR = re.compile(rf"منذ\s*(\d{{1,4}})?\s*({_UNITS})(?!\w)")
_REL_EN = re.compile(rf"(?<!\d)(\d{{1,4}}|an?|one)\s+({_UNITS})\s+ago", re.I)
_JUST_NOW = re.compile(r"لحظاتی پیش|دقایقی پیش|همین الان|منذ لحظات|الآن|just now", re.I)


def _clean(s: str) -> str:
    return " ".join(s.translate(_DIGITS).translate(_LETTERS).split())


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


def _to_utc(d: date, t: time | None, tz: str | None, offset: timedelta | None = None,
            labelled: bool = False) -> ParsedDate:
    wall = datetime.combine(d, t or time(12, 0))
    zone = timezone(offset) if offset is not None else ZoneInfo(tz) if tz else UTC
    return ParsedDate(wall.replace(tzinfo=zone).astimezone(UTC), wall, t is not None, labelled or offset is not None)


def _time_of(s: str) -> time | None:
    m = _TIME.search(s)
    if not m:
        return None
    hour, minute, sec = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    mark = (m.group(4) or "").lower().replace(" ", "").replace(".", "")
    if mark.startswith(("ب", "م", "pm", "p")) and hour < 12:
        hour += 12
    elif mark.startswith(("ق", "ص", "am", "a")) and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or sec > 59:
        return None
    return time(hour, minute, sec)


def _date_of(y: int, m: int, d: int) -> date | None:
    """A Gregorian date for a year-month-day triple; years 1200-1499 are Solar Hijri."""
    try:
        if 1200 <= y < 1500:
            return jdatetime.date(y, m, d).togregorian()
        if 1900 <= y <= 2100:
            return date(y, m, d)
    except ValueError:
        return None
    return None


def _relative(s: str, now: datetime) -> datetime | None:
    if _JUST_NOW.search(s):
        return now
    for rx in (_REL_FA, _REL_AR, _REL_EN):
        m = rx.search(s)
        if m:
            count, unit = m.group(1), m.group(2)
            if not count or count.lower() in ("a", "an", "one"):
                n = 2 if unit.endswith("ین") else 1  # Arabic dual: ساعتین = two hours
            else:
                n = int(count)
            return now - timedelta(**{_RELATIVE_UNITS.get(unit, _RELATIVE_UNITS.get(unit.lower(), "hours")): n})
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


def parse_date(s: str, *, tz: str | None = None, now: datetime | None = None,
               relative: bool = True) -> ParsedDate | None:
    """The first full date in ``s`` (a year or a year-month alone is none), with what was written; with
    ``relative`` False a relative time («۲ ساعت پیش») is none either: only a date the page writes out."""
    if not s:
        return None
    s = _clean(s)
    labelled = bool(_UTC_MARK.search(s))
    if labelled:
        tz = None
    m = _ISO.search(s)
    if m:
        d = _date_of(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            # a stamp with an impossible time or offset is corrupt: refused whole, not re-read by the looser
            # patterns below (they would take its date at noon local)
            t, offset = _iso_time(m), _iso_offset(m.group(7), m.group(8))
            if t is False or offset is False:
                return None
            return _to_utc(d, t, tz, offset, labelled)
    for m in _NAMED_SOLAR.finditer(s):
        d = _date_of(int(m.group(3)), _SOLAR[m.group(2)], int(m.group(1)))
        if d:
            return _to_utc(d, _time_of(s[m.end():] + " " + s[: m.start()]), tz, labelled=labelled)
    for m in _NAMED_GREG.finditer(s):
        if m.group(1):
            day, month, year = int(m.group(1)), _GREGORIAN.get(m.group(2).lower()), int(m.group(3))
        else:
            day, month, year = int(m.group(5)), _GREGORIAN.get(m.group(4).lower()), int(m.group(6))
        d = _date_of(year, month, day) if month else None
        if d:
            return _to_utc(d, _time_of(s[m.end():] + " " + s[: m.start()]), tz, labelled=labelled)
    for m in _NUMERIC.finditer(s):
        if m.group(1):
            d = _date_of(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        else:  # day/month/year, the order used across the region
            d = _date_of(int(m.group(6)), int(m.group(5)), int(m.group(4)))
        if d:
            return _to_utc(d, _time_of(s[m.end():] + " " + s[: m.start()]), tz, labelled=labelled)
    rel = _relative(s, (now or datetime.now(UTC)).astimezone(UTC)) if relative else None
    if rel is None:
        return None
    return ParsedDate(rel, rel.astimezone(ZoneInfo(tz) if tz else UTC).replace(tzinfo=None), True, False)


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
