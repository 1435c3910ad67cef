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
