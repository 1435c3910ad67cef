"""parse_date_text: every date form Persian and Arabic news pages use, to UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from akhbar.transforms.dates import is_copyright, parse_date, parse_date_text

NOW = datetime(2025, 1, 7, 12, 0, tzinfo=UTC)
TEHRAN = "Asia/Tehran"  # UTC+03:30 (no DST since 2022)
CAIRO = "Africa/Cairo"  # UTC+02:00 in February


@pytest.mark.parametrize(("text", "tz", "expected"), [
    # Solar Hijri with Persian digits and time: 18 Dey 1403 = 7 Jan 2025, 14:30 Tehran = 11:00 UTC
    ("۱۸ دی ۱۴۰۳ - ۱۴:۳۰", TEHRAN, datetime(2025, 1, 7, 11, 0, tzinfo=UTC)),
    # numeric Solar Hijri, date only -> noon local
    ("1402/08/12", TEHRAN, datetime(2023, 11, 3, 8, 30, tzinfo=UTC)),
    ("۱۲ آبان ۱۴۰۲", TEHRAN, datetime(2023, 11, 3, 8, 30, tzinfo=UTC)),
    ("۱۲ آبان ماه ۱۴۰۲ ساعت ۱۰:۳۰", TEHRAN, datetime(2023, 11, 3, 7, 0, tzinfo=UTC)),
    # Arabic Gregorian months, Egyptian naming, with «م» = pm
    ("الجمعة، 11 فبراير 2022 06:20 م", CAIRO, datetime(2022, 2, 11, 16, 20, tzinfo=UTC)),
    # Levantine naming of the same month, Arabic-Indic digits
    ("الجمعة ١١ شباط ٢٠٢٢ - ٠٦:٢٠ م", CAIRO, datetime(2022, 2, 11, 16, 20, tzinfo=UTC)),
    ("٣ كانون الثاني ٢٠٢٥ 09:15 ص", "Asia/Beirut", datetime(2025, 1, 3, 7, 15, tzinfo=UTC)),
    ("7 يناير 2025 12:05 ص", None, datetime(2025, 1, 7, 0, 5, tzinfo=UTC)),
    # explicit GMT wins over the outlet timezone
    ("تاريخ النشر: 7th, January 2025 GMT", TEHRAN, datetime(2025, 1, 7, 12, 0, tzinfo=UTC)),
    # metadata ISO forms
    ("2024-05-03T15:47:42+02:00", TEHRAN, datetime(2024, 5, 3, 13, 47, 42, tzinfo=UTC)),
    ("2024-05-03T15:47:42Z", TEHRAN, datetime(2024, 5, 3, 15, 47, 42, tzinfo=UTC)),
    ("2024-05-03 15:47", TEHRAN, datetime(2024, 5, 3, 12, 17, tzinfo=UTC)),
    # relative times
    ("۲ ساعت پیش", TEHRAN, datetime(2025, 1, 7, 10, 0, tzinfo=UTC)),
    ("۱۵ دقیقه قبل", TEHRAN, datetime(2025, 1, 7, 11, 45, tzinfo=UTC)),
    ("منذ 3 ساعات", CAIRO, datetime(2025, 1, 7, 9, 0, tzinfo=UTC)),
    ("منذ ساعتين", CAIRO, datetime(2025, 1, 7, 10, 0, tzinfo=UTC)),
    # two days before the fetch is a day, not the fetch's time of day: noon Cairo, as a date alone
    ("منذ يومين", CAIRO, datetime(2025, 1, 5, 10, 0, tzinfo=UTC)),
    # nothing date-like
    ("دی", TEHRAN, None),
    ("سلام", TEHRAN, None),
    ("", TEHRAN, None),
])
def test_parse_date_text(text: str, tz: str | None, expected: datetime | None) -> None:
    got = parse_date_text(text, tz=tz, now=NOW)
    assert got == expected
    if got is not None:
        assert got.tzinfo is not None and got.utcoffset().total_seconds() == 0


def test_persian_month_names_cover_the_year() -> None:
    # 1 Farvardin 1404 = 21 March 2025; 1403 is a leap year, so 30 Esfand 1403 = 20 March 2025
    assert parse_date_text("۱ فروردین ۱۴۰۴", tz=TEHRAN).date().isoformat() == "2025-03-21"
    assert parse_date_text("۳۰ اسفند ۱۴۰۳", tz=TEHRAN).date().isoformat() == "2025-03-20"
    assert parse_date_text("۳۰ اسفند ۱۴۰۲", tz=TEHRAN) is None  # 1402 is not: no such day


def test_yeh_kaf_variants_of_month_names() -> None:
    # Arabic-keyboard yeh in a Persian month name, Persian-keyboard yeh in an Arabic one
    assert parse_date_text("۱ ارديبهشت ۱۴۰۳", tz=TEHRAN) == parse_date_text("۱ اردیبهشت ۱۴۰۳", tz=TEHRAN)
    assert parse_date_text("5 ینایر 2025") == parse_date_text("5 يناير 2025")


TUNIS = "Africa/Tunis"  # UTC+01:00, no DST
BEIRUT = "Asia/Beirut"  # UTC+02:00 in winter, +03:00 in summer


@pytest.mark.parametrize(("text", "expected"), [
    # Maghreb month names (Tunisia, Algeria, Morocco), date only -> noon Tunis = 11:00 UTC
    ("الأحد ١٢ جانفي ٢٠٢٥", datetime(2025, 1, 12, 11, tzinfo=UTC)),
    ("3 فيفري 2025", datetime(2025, 2, 3, 11, tzinfo=UTC)),
    ("15 مارس 2025", datetime(2025, 3, 15, 11, tzinfo=UTC)),
    ("10 أفريل 2024", datetime(2024, 4, 10, 11, tzinfo=UTC)),
    ("1 ماي 2024", datetime(2024, 5, 1, 11, tzinfo=UTC)),
    ("5 جوان 2024 - 14:05", datetime(2024, 6, 5, 13, 5, tzinfo=UTC)),
    ("14 جويلية 2024", datetime(2024, 7, 14, 11, tzinfo=UTC)),
    ("20 أوت 2024", datetime(2024, 8, 20, 11, tzinfo=UTC)),
    ("٣٠ سبتمبر ٢٠٢٤", datetime(2024, 9, 30, 11, tzinfo=UTC)),
    ("١ أكتوبر ٢٠٢٤", datetime(2024, 10, 1, 11, tzinfo=UTC)),
    ("٢٨ نوفمبر ٢٠٢٤", datetime(2024, 11, 28, 11, tzinfo=UTC)),
    ("٢٥ ديسمبر ٢٠٢٤", datetime(2024, 12, 25, 11, tzinfo=UTC)),
])
def test_maghreb_month_names(text: str, expected: datetime) -> None:
    assert parse_date_text(text, tz=TUNIS) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # double month names (Levantine/Iraqi name, then the Egyptian one) as Al Jazeera and Asharq Al-Awsat print them
    ("الخميس ١٥ آب/أغسطس ٢٠٢٤", datetime(2024, 8, 15, 9, tzinfo=UTC)),
    ("5 نيسان / أبريل 2024 - 10:30", datetime(2024, 4, 5, 7, 30, tzinfo=UTC)),
    ("٣ كانون الثاني/يناير ٢٠٢٥ ٠٩:١٥ ص", datetime(2025, 1, 3, 7, 15, tzinfo=UTC)),
    ("٢٠ تشرين الأول (أكتوبر) ٢٠٢٤", datetime(2024, 10, 20, 9, tzinfo=UTC)),
    # Levantine names alone
    ("٥ أيار ٢٠٢٤", datetime(2024, 5, 5, 9, tzinfo=UTC)),
    ("١٧ حزيران ٢٠٢٤ - ١٨:٤٠", datetime(2024, 6, 17, 15, 40, tzinfo=UTC)),
    ("٩ أيلول ٢٠٢٤", datetime(2024, 9, 9, 9, tzinfo=UTC)),
    ("٢ تشرين الثاني ٢٠٢٤", datetime(2024, 11, 2, 10, tzinfo=UTC)),
    ("١٠ آذار ٢٠٢٥", datetime(2025, 3, 10, 10, tzinfo=UTC)),
])
def test_double_and_levantine_month_names(text: str, expected: datetime) -> None:
    assert parse_date_text(text, tz=BEIRUT) == expected


def test_solar_hijri_with_persian_digits_and_time() -> None:
    # 20 Esfand 1403 = 10 March 2025; 21:18 Tehran = 17:48 UTC
    assert parse_date_text("۲۰ اسفند ۱۴۰۳ - ۲۱:۱۸", tz=TEHRAN) == datetime(2025, 3, 10, 17, 48, tzinfo=UTC)


@pytest.mark.parametrize("text", [
    "© 2024", "جميع الحقوق محفوظة ٢٠٢٣", "آب/أغسطس ٢٠٢٤", "كانون الثاني ٢٠٢٥", "اسفند ۱۴۰۳", "2024/05", "۱۴۰۳",
])
def test_a_year_or_year_month_alone_is_no_date(text: str) -> None:
    assert parse_date_text(text, tz=CAIRO) is None


def test_copyright_notices() -> None:
    for notice in ("© 2024 الجزيرة", "جميع الحقوق محفوظة ٢٠٢٣", "کلیه حقوق این سایت محفوظ است ۱۴۰۳", "Copyright 2025"):
        assert is_copyright(notice)
    assert not is_copyright("۲۰ اسفند ۱۴۰۳ - ۲۱:۱۸")


def test_parse_date_keeps_what_the_page_wrote() -> None:
    labelled = parse_date("2025-01-07T14:30:00Z", tz=CAIRO)
    assert labelled.labelled and labelled.has_time and labelled.wall == datetime(2025, 1, 7, 14, 30)
    assert labelled.utc == datetime(2025, 1, 7, 14, 30, tzinfo=UTC)
    printed = parse_date("الثلاثاء، ٠٧ يناير ٢٠٢٥ ٠٢:٣٠ م", tz=CAIRO)
    assert not printed.labelled and printed.wall == datetime(2025, 1, 7, 14, 30)
    assert printed.utc == datetime(2025, 1, 7, 12, 30, tzinfo=UTC)
    day = parse_date("۱۸ دی ۱۴۰۳", tz=TEHRAN)
    assert not day.has_time and day.wall == datetime(2025, 1, 7, 12, 0)


BERLIN = "Europe/Berlin"  # UTC+02:00 in May


@pytest.mark.parametrize(("text", "tz", "expected"), [
    # German: the day's dot, «um» before the time (AFP Faktencheck), «März» with its umlaut
    ("Veröffentlicht am 13. Mai 2026 um 15:44", BERLIN, datetime(2026, 5, 13, 13, 44, tzinfo=UTC)),
    ("erstellt: 01. April 2025, 15:25", None, datetime(2025, 4, 1, 15, 25, tzinfo=UTC)),
    ("22. März 2024", BERLIN, datetime(2024, 3, 22, 11, 0, tzinfo=UTC)),  # noon Berlin, UTC+1 in March
    # French, Spanish («de» between the parts), Italian, Dutch, Portuguese
    ("le 3 mars 2024 à 10:00", "Europe/Paris", datetime(2024, 3, 3, 9, 0, tzinfo=UTC)),
    ("12 août 2023", None, datetime(2023, 8, 12, 12, 0, tzinfo=UTC)),
    ("13 de mayo de 2026, 09:30", "Europe/Madrid", datetime(2026, 5, 13, 7, 30, tzinfo=UTC)),
    ("3 maggio 2024 alle 10:20", "Europe/Rome", datetime(2024, 5, 3, 8, 20, tzinfo=UTC)),
    ("5 mei 2024 14:00", "Europe/Amsterdam", datetime(2024, 5, 5, 12, 0, tzinfo=UTC)),
    ("9 de dezembro de 2023", None, datetime(2023, 12, 9, 12, 0, tzinfo=UTC)),
])
def test_european_month_names(text: str, tz: str | None, expected: datetime) -> None:
    assert parse_date_text(text, tz=tz) == expected


@pytest.mark.parametrize("text", ["13. Mai", "Mai 2026", "Dezember 2024", "am 3. mars"])
def test_a_european_month_without_day_or_year_is_no_date(text: str) -> None:
    assert parse_date_text(text, now=NOW) is None


def test_european_names_leave_the_arabic_and_persian_ones_alone() -> None:
    # «مه» (Persian May) and «ماي» (Maghreb May) still read as before the European names were added
    assert parse_date_text("۱۲ مه ۲۰۲۴", tz=TEHRAN) == datetime(2024, 5, 12, 8, 30, tzinfo=UTC)
    assert parse_date_text("3 ماي 2024 - 10:00", tz="Africa/Algiers") == datetime(2024, 5, 3, 9, 0, tzinfo=UTC)
    assert parse_date_text("3 من يناير 2024", tz=CAIRO) == datetime(2024, 1, 3, 10, 0, tzinfo=UTC)


# -- impossible stamps and hostile strings (issue 24): None, never an exception ---------------------
@pytest.mark.parametrize("text", [
    "2025-01-07T10:30:00+25:00", "2025-01-07T10:30:00+99:99", "2025-01-07T10:30:00-24:00",
    "2025-01-07T10:30:00+24:00", "2025-01-07T10:30:00+15:00", "2025-01-07T10:30:00+03:75",
    "2025-01-07T10:30:00+03:30:15", "2025-01-07T10:30:00+033015",  # an offset with seconds
    "2025-01-07T10:99:00", "2025-01-07T10:30:75", "2025-01-07T25:00:00", "2025-01-07T24:30:00",
    "0000-01-01T00:00:00Z", "99999-01-07T10:30:00Z", "2025-13-07", "2025-02-30", "۱۴۰۳-۱۳-۰۱",
    "منذ 999999999999 ساعة", "99999999999999 days ago", "۹۹۹۹۹۹۹۹۹ روز پیش", "12345 ساعت پیش",
])
def test_an_impossible_date_is_none(text: str) -> None:
    # these raised ValueError (offsets beyond ±24 h, minute 99, second 75) or OverflowError (relative
    # counts); a stamp with an impossible time or offset is refused whole, not re-read as its date at noon
    assert parse_date(text, tz=TEHRAN, now=NOW) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-01-07T10:30:00+14:00", datetime(2025, 1, 6, 20, 30, tzinfo=UTC)),  # Kiribati, the largest offset
    ("2025-01-07T10:30:00-12:00", datetime(2025, 1, 7, 22, 30, tzinfo=UTC)),
    ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)),  # a leap second
    ("2025-01-07T24:00:00", datetime(2025, 1, 7, 8, 30, tzinfo=UTC)),  # the end of the day: the day only
    ("۹۹۹۹ ساعت پیش", datetime(2023, 11, 17, 21, 0, tzinfo=UTC)),  # four digits: still a count (416 days)
])
def test_the_edges_of_possible_stamps_are_read(text: str, expected: datetime) -> None:
    assert parse_date_text(text, tz=TEHRAN, now=NOW) == expected


@pytest.mark.parametrize("unit", ["1", "۱", " ", "a", "ب ", "1 "])
def test_parse_date_is_linear_on_long_runs(unit: str) -> None:
    # «(\d+)?\s*(ساعت|…)» tried at every digit of a run was quadratic: 100k digits took ~13 minutes
    import time

    started = time.monotonic()
    assert parse_date(unit * 100_000, tz=TEHRAN, now=NOW) is None
    assert time.monotonic() - started < 10  # ~0.5 s; generous for a shared machine


def test_relative_times_can_be_left_out() -> None:
    assert parse_date("۲ ساعت پیش", now=NOW, relative=False) is None
    assert parse_date("۲ ساعت پیش - ۱۸ دی ۱۴۰۳", tz=TEHRAN, now=NOW, relative=False).wall.date().isoformat() == (
        "2025-01-07")


def test_the_forms_of_a_day_and_its_year() -> None:
    from datetime import date

    from akhbar.transforms.dates import numeric_day_forms, year_forms

    assert year_forms(date(2013, 1, 5)) == ("2013", "۲۰۱۳", "٢٠١٣", "1391", "۱۳۹۱", "١٣٩١")
    forms = numeric_day_forms(date(2024, 4, 25))
    assert {"20240425", "25.04.24", "25.4.24", "۲۵/۰۴/۲۴", "٢٥-٠٤-٢٤"} <= set(forms)


# -- issue 26: the forms Persian and Arabic outlets print --------------------------------------------------
def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("text", "tz", "expected", "has_time"), [
    # minutes and hours to the moment before the fetch (NOW = 2025-01-07 12:00 UTC)
    ("منذ 15 دقيقة", CAIRO, _utc(2025, 1, 7, 11, 45), True),
    ("منذ دقيقة", CAIRO, _utc(2025, 1, 7, 11, 59), True),  # a unit alone is one
    ("منذ دقيقتين", CAIRO, _utc(2025, 1, 7, 11, 58), True),  # the dual is two
    ("قبل 3 ساعات", CAIRO, _utc(2025, 1, 7, 9, 0), True),  # «قبل» before the count: Arabic
    ("قبل ساعتين", CAIRO, _utc(2025, 1, 7, 10, 0), True),
    ("منذ ثلاث ساعات", CAIRO, _utc(2025, 1, 7, 9, 0), True),  # a count in words
    ("منذ ساعة واحدة", CAIRO, _utc(2025, 1, 7, 11, 0), True),
    ("یک ساعت پیش", TEHRAN, _utc(2025, 1, 7, 11, 0), True),
    ("۴۵ ثانیه پیش", TEHRAN, _utc(2025, 1, 7, 11, 59, 15), True),
    # days and longer to the day (noon local: Cairo UTC+2, Tehran UTC+3:30), as a date alone
    ("منذ 11 يوماً", CAIRO, _utc(2024, 12, 27, 10, 0), False),  # «يوماً»: the tanween no longer hides the unit
    ("منذ 3 أيام", CAIRO, _utc(2025, 1, 4, 10, 0), False),
    ("منذ أسبوعين", CAIRO, _utc(2024, 12, 24, 10, 0), False),
    ("منذ 3 أشهر", CAIRO, _utc(2024, 10, 7, 9, 0), False),  # Cairo keeps summer time (UTC+3) until late October
    ("منذ عامين", CAIRO, _utc(2023, 1, 7, 10, 0), False),
    ("۳ ماه پیش", TEHRAN, _utc(2024, 10, 7, 8, 30), False),
    ("۲ هفته پیش", TEHRAN, _utc(2024, 12, 24, 8, 30), False),
    ("یک سال پیش", TEHRAN, _utc(2024, 1, 7, 8, 30), False),
    # today and yesterday, alone or at the time written beside them
    ("أمس", CAIRO, _utc(2025, 1, 6, 10, 0), False),
    ("يوم أمس", CAIRO, _utc(2025, 1, 6, 10, 0), False),
    ("أمس 10:30", CAIRO, _utc(2025, 1, 6, 8, 30), True),
    ("اليوم 10:30", CAIRO, _utc(2025, 1, 7, 8, 30), True),
    ("اليوم، الساعة 09:15 ص", CAIRO, _utc(2025, 1, 7, 7, 15), True),
    ("امروز", TEHRAN, _utc(2025, 1, 7, 8, 30), False),
    ("دیروز ۱۴:۳۰", TEHRAN, _utc(2025, 1, 6, 11, 0), True),
    ("دیروز ساعت ۱۴:۳۰", TEHRAN, _utc(2025, 1, 6, 11, 0), True),
    ("پریروز", TEHRAN, _utc(2025, 1, 5, 8, 30), False),
])
def test_relative_times_against_the_fetch_time(text: str, tz: str, expected: datetime, has_time: bool) -> None:
    got = parse_date(text, tz=tz, now=NOW)
    assert got is not None and got.utc == expected and got.has_time is has_time
    assert got.calendar == "relative" and got.how.startswith("relative: ")


def test_the_relative_form_says_what_was_read() -> None:
    # the page's own letters (Arabic yeh, tanween dropped) for the date_signal
    assert parse_date("منذ 15 دقيقة", now=NOW).how == "relative: منذ 15 دقيقة before the fetch"
    assert parse_date("منذ 11 يوماً", now=NOW).how == "relative: منذ 11 يوما before the fetch"
    assert parse_date("دیروز ۱۴:۳۰", now=NOW).how == "relative: دیروز = the fetch day - 1"
    assert parse_date("منذ لحظات", now=NOW).how == "relative: منذ لحظات = the fetch time"


def test_the_fetch_day_is_the_outlets_day() -> None:
    # 22:00 UTC on 7 January is 01:30 on the 8th in Tehran: «today» there is the 8th
    late = datetime(2025, 1, 7, 22, 0, tzinfo=UTC)
    assert parse_date("امروز", tz=TEHRAN, now=late).wall.date().isoformat() == "2025-01-08"
    assert parse_date("دیروز ۱۴:۳۰", tz=TEHRAN, now=late).utc == _utc(2025, 1, 7, 11, 0)


@pytest.mark.parametrize("text", ["۲ ساعت پیش", "منذ 15 دقيقة", "أمس", "امروز", "اليوم 10:30", "منذ لحظات"])
def test_without_the_fetch_time_a_relative_time_is_no_date(text: str) -> None:
    # the module never reads the clock (it did: «۲ ساعت پیش» was two hours before whenever the test ran)
    assert parse_date(text, tz=TEHRAN) is None
    assert parse_date(text, tz=TEHRAN, now=NOW) is not None


def test_a_naive_fetch_time_is_utc() -> None:
    assert parse_date("منذ 3 ساعات", now=datetime(2025, 1, 7, 12, 0)).utc == _utc(2025, 1, 7, 9, 0)


@pytest.mark.parametrize("text", [
    "هذه معلومات عامة منذ عام ألف وتسعمئة وواحد وخمسين وحتى اليوم",  # «today» in a sentence
    "تأسست الشركة منذ عام 2011",  # since the year 2011: no time before the fetch
    "أمس قالت الوزارة إن الحملة تستمر",
    "بیست روز",  # a duration, not a time before the fetch
    "۳ ساعت پیشنهاد",  # «پیش» starting a word
    "خلال 3 ساعات", "۳ روز بعد", "فردا",  # the future dates no story
])
def test_words_in_a_sentence_are_no_relative_date(text: str) -> None:
    assert parse_date(text, tz=CAIRO, now=NOW) is None


@pytest.mark.parametrize(("text", "expected", "has_time"), [
    # dateparser's Hijri cases: «هـ» marks a lunar year (14-09-1432 was read as Solar: 2053)
    ("14-09-1432 هـ", _utc(2011, 8, 14, 9, 0), False),
    ("14-09-1432 هـ, 09:40 صباحاً", _utc(2011, 8, 14, 6, 40), True),
    (" 17-01-1437 هـ 08:30 مساءً", _utc(2015, 10, 30, 17, 30), True),
    ("١٤٤٥/٠٣/١٢هـ", _utc(2023, 9, 27, 9, 0), False),
    ("1445-03-12 هـ", _utc(2023, 9, 27, 9, 0), False),  # ISO-shaped
    ("۱۴۴۵/۰۳/۱۲ ه.ق", _utc(2023, 9, 27, 9, 0), False),  # Persian: هجری قمری
    ("12 ربيع الأول 1445", _utc(2023, 9, 27, 9, 0), False),  # a month name needs no marker
    ("الأربعاء 12 ربيع الأول 1445 هـ", _utc(2023, 9, 27, 9, 0), False),
    ("۱۲ ربیع‌الاول ۱۴۴۵", _utc(2023, 9, 27, 9, 0), False),
    ("7 رجب 1446 هـ - 10:15", _utc(2025, 1, 7, 7, 15), True),
    ("5 جمادى الآخرة 1446", _utc(2024, 12, 6, 9, 0), False),
    ("۲۰ ذی‌القعده ۱۴۴۵", _utc(2024, 5, 28, 9, 0), False),
    ("30-02-1433", _utc(2012, 1, 24, 9, 0), False),  # a 30th where Umm al-Qura's Safar has 29 days
    ("1445/03/12", _utc(2023, 9, 27, 9, 0), False),  # unmarked: as Solar it would be 2066
])
def test_lunar_hijri_dates(text: str, expected: datetime, has_time: bool) -> None:
    got = parse_date(text, tz="Asia/Riyadh", now=NOW)  # UTC+03:00
    assert got is not None and got.utc == expected and got.has_time is has_time
    assert got.calendar == "lunar_hijri" and got.how.startswith("lunar Hijri ")
    without = parse_date(text, tz="Asia/Riyadh")  # the same without the fetch time
    assert (without.utc, without.calendar) == (got.utc, got.calendar)


def test_the_lunar_date_says_what_was_read() -> None:
    assert parse_date("14-09-1432 هـ").how == "lunar Hijri 1432/09/14 (marked ه) → 2011-08-14"
    assert parse_date("12 ربيع الأول 1445").how == "lunar Hijri 1445/03/12 → 2023-09-27"
    assert parse_date("1445/03/12", now=NOW).how == (
        "lunar Hijri 1445/03/12 (unmarked; as Solar Hijri it would be after the fetch) → 2023-09-27")


@pytest.mark.parametrize(("text", "expected"), [
    ("1445/03/12 هـ الموافق 2023/09/27 م", _utc(2023, 9, 27, 9, 0)),
    ("الأربعاء 12 ربيع الأول 1445 هـ - 27 سبتمبر 2023 م", _utc(2023, 9, 27, 9, 0)),
    # the outlet's sighting a day off Umm al-Qura: its own Gregorian date is the one it means
    ("الخميس 6 جمادى الآخرة 1446 هـ الموافق 5 ديسمبر 2024 م 10:20", _utc(2024, 12, 5, 7, 20)),
    ("27 سبتمبر 2023 - 12 ربيع الأول 1445", _utc(2023, 9, 27, 9, 0)),  # Gregorian first: read as such
])
def test_a_gregorian_date_beside_a_lunar_one_is_preferred(text: str, expected: datetime) -> None:
    got = parse_date(text, tz="Asia/Riyadh", now=NOW)
    assert got.utc == expected and got.calendar == "gregorian"


def test_the_gregorian_date_beside_says_so() -> None:
    got = parse_date("1445/03/12 هـ الموافق 2023/09/27 م")
    assert got.how == "Gregorian printed beside lunar Hijri 1445/03/12"
    # a Gregorian date weeks away is another date (an update): the lunar one stands
    far = parse_date("12 ربيع الأول 1445 هـ - آخر تحديث 2024/01/01", now=NOW)
    assert far.calendar == "lunar_hijri" and far.wall.date().isoformat() == "2023-09-27"


@pytest.mark.parametrize(("text", "now", "calendar", "day"), [
    ("1402/08/12", NOW, "solar_hijri", "2023-11-03"),
    ("1402/08/12", None, "solar_hijri", "2023-11-03"),
    ("۱۴۰۳/۱۰/۱۸ ه.ش", NOW, "solar_hijri", "2025-01-07"),
    ("1445/03/12 ه.ش", NOW, "solar_hijri", "2066-06-01"),  # marked Solar: read so, however far ahead
    ("1445/03/12", None, "lunar_hijri", "2023-09-27"),  # without the fetch time: lunar from 1420
    ("1419/05/01", None, "solar_hijri", "2040-07-22"),
    ("1419/05/01", NOW, "lunar_hijri", "1998-08-23"),  # Solar 1419 is after the fetch
    ("1419/05/01 ق.ظ 10:30", None, "solar_hijri", "2040-07-22"),  # «ق.ظ» is am, not «ق» (lunar)
])
def test_lunar_or_solar_hijri_by_marker_and_fetch_time(text: str, now: datetime | None, calendar: str,
                                                       day: str) -> None:
    got = parse_date(text, now=now)
    assert got.calendar == calendar and got.wall.date().isoformat() == day


def test_jamejam_published_time_meta() -> None:
    # issue 27: Jam-e Jam's article:published_time is Solar Hijri in Persian digits
    got = parse_date("۱۴۰۳/۱۰/۱۸ - ۱۴:۳۰", tz=TEHRAN, now=NOW)
    assert got.utc == _utc(2025, 1, 7, 11, 0) and got.has_time
    assert got.calendar == "solar_hijri" and got.how == "Solar Hijri 1403/10/18"


def test_jamejam_published_time_meta_in_a_page() -> None:
    from akhbar.transforms.extract import extract_article

    body = "<p>" + "رئیس‌جمهور در نشست خبری از برنامه‌های دولت برای مهار تورم و حمایت از تولید سخن گفت. " * 3 + "</p>"
    page = (f'<html lang="fa"><head><meta charset="utf-8"><meta property="article:published_time" '
            f'content="۱۴۰۳/۱۰/۱۸ - ۱۴:۳۰"><title>t</title></head><body><article><h1>عنوان خبر</h1>{body}'
            f"</article></body></html>")
    ex = extract_article(page, "https://jamejamonline.ir/fa/news/1", tz=TEHRAN)
    assert ex.published_at == _utc(2025, 1, 7, 11, 0) and ex.date_source == "meta"


_AFGHAN = ["حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"]
_IRANIAN = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


@pytest.mark.parametrize(("afghan", "iranian"), list(zip(_AFGHAN, _IRANIAN, strict=True)))
def test_afghan_solar_month_names(afghan: str, iranian: str) -> None:
    got = parse_date(f"۱۲ {afghan} ۱۴۰۲", tz="Asia/Kabul")
    assert got is not None and got.utc == parse_date(f"۱۲ {iranian} ۱۴۰۲", tz="Asia/Kabul").utc
    assert got.calendar == "solar_hijri" and "Afghan month name" in got.how


@pytest.mark.parametrize(("text", "month"), [
    # Dari (Afghanistan) Gregorian month names
    ("۵ جنوری ۲۰۲۴", 1), ("۵ فبروری ۲۰۲۴", 2), ("۵ مارچ ۲۰۲۴", 3), ("۵ اپریل ۲۰۲۴", 4), ("۵ می ۲۰۲۴", 5),
    ("۵ جون ۲۰۲۴", 6), ("۵ جولای ۲۰۲۴", 7), ("۵ اگست ۲۰۲۴", 8), ("۵ سپتمبر ۲۰۲۴", 9), ("۵ اکتوبر ۲۰۲۴", 10),
    ("۵ نومبر ۲۰۲۴", 11), ("۵ دسمبر ۲۰۲۴", 12),
    # Moroccan and Mauritanian names
    ("5 يوليوز 2024", 7), ("5 غشت 2024", 8), ("5 شتنبر 2024", 9), ("5 نونبر 2024", 11), ("5 دجنبر 2024", 12),
    ("5 أغشت 2024", 8), ("5 شتمبر 2024", 9), ("5 دجمبر 2024", 12),
    # the ezafe on a month name: «ٔ», «ۀ», «‌ی»; Solar months take a kasra
    ("۱۵ ژانویهٔ ۲۰۲۴", 1), ("۱۵ فوریهٔ ۲۰۲۴", 2), ("۱۵ مهٔ ۲۰۲۴", 5), ("۱۵ ژوئیهٔ ۲۰۲۴", 7), ("۱۵ فوریۀ ۲۰۲۴", 2),
    ("۱۵ فوریه‌ی ۲۰۲۴", 2),
])
def test_dari_moroccan_and_ezafe_month_names(text: str, month: int) -> None:
    got = parse_date(text)
    assert got is not None and (got.wall.year, got.wall.month) == (2024, month) and got.wall.day in (5, 15)


@pytest.mark.parametrize(("text", "day"), [
    ("سوم شهریور ۱۳۹۴", "2015-08-25"),
    ("سه شنبه سوم شهریور ۱۳۹۴", "2015-08-25"),
    ("یکم فروردین ۱۳۹۴", "2015-03-21"),
    ("اول مهر ۱۴۰۲", "2023-09-23"),
    ("بیست و سوم اردیبهشت ۱۳۸۹", "2010-05-13"),
    ("بیست‌وسوم اردیبهشت ۱۳۸۹", "2010-05-13"),
    ("سی‌ام اسفند ۱۳۸۷", "2009-03-20"),
    ("پانزدهمین روز"[:0] + "پانزدهم آبان ۱۴۰۲", "2023-11-06"),
    ("۱۵ آبانِ ۱۴۰۲", "2023-11-06"),
    ("۲۶ شهریور ۹۴", "2015-09-17"),  # two-digit Solar years
    ("۲۲ شهریور ۰۲ ساعت ۱۱:۰۱", "2023-09-13"),
    ("پنجشنبه 26 شهریور 94 ساعت ساعت 11 و 01 دقیقه", "2015-09-17"),
])
def test_word_days_and_two_digit_solar_years(text: str, day: str) -> None:
    for now in (None, NOW):
        got = parse_date(text, tz=TEHRAN, now=now)
        assert got is not None and got.wall.date().isoformat() == day and got.calendar == "solar_hijri"


def test_a_two_digit_solar_year_is_the_latest_before_the_fetch() -> None:
    assert parse_date("۲۶ شهریور ۹۴", now=NOW).how == "Solar Hijri 1394/06/26 (year written 94)"
    assert parse_date("۱ فروردین ۰۵", now=NOW).wall.year == 1926  # 1405 is after a fetch in 1403
    assert parse_date("۱ فروردین ۰۵").wall.year == 2026  # without the fetch time: 14yy below 40


def test_a_persian_time_in_words() -> None:
    got = parse_date("پنجشنبه 26 شهریور 1394 ساعت ساعت 11 و 01 دقیقه و 47 ثانیه")
    assert got.wall == datetime(2015, 9, 17, 11, 1, 47) and got.has_time


@pytest.mark.parametrize("text", [
    "۲۶ شهریور ۱۲ نفر کشته شدند",  # 12 people, not the year 12
    "۲۶ شهریور ۱۰:۳۰",  # a time, not a year
    "۵ فروردین ۲۰۲۴", "۵ يناير ۱۴۰۳",  # a month of one calendar with a year of another
    "30-02-1300 هـ",  # lunar years before 1343 are beyond Umm al-Qura's table
])
def test_mixed_or_short_forms_that_are_no_date(text: str) -> None:
    assert parse_date(text, now=NOW) is None


def test_a_gregorian_date_has_an_empty_how() -> None:
    got = parse_date("الجمعة، 11 فبراير 2022 06:20 م", tz=CAIRO)
    assert got.calendar == "gregorian" and got.how == ""


@pytest.mark.parametrize("unit", ["منذ ", "قبل ", "بیست و ", "ی ", "امروز ", "۵ فروردین ", "ربيع الأول 1445 ",
                                  "1445/03/12 هـ ", "سوم ", "۲ ساعت "])
def test_the_new_forms_are_linear_on_long_runs(unit: str) -> None:
    import time

    started = time.monotonic()
    parse_date(unit * 20_000, tz=TEHRAN, now=NOW)
    assert time.monotonic() - started < 10
