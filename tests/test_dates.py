"""parse_date_text: every date form Persian and Arabic news pages use, to UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from transforms.dates import parse_date_text

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
    ("منذ يومين", CAIRO, datetime(2025, 1, 5, 12, 0, tzinfo=UTC)),
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
