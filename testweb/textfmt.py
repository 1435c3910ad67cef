"""Visible date strings and digit forms as Persian and Arabic news sites print them."""

from __future__ import annotations

import re
from datetime import date, datetime

import jdatetime

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

SOLAR_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
#: Python weekday() order: Monday first
FA_WEEKDAYS = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")
AR_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
AR_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)


def fa_digits(text: str | int) -> str:
    return str(text).translate(PERSIAN_DIGITS)


def solar_short(local: datetime) -> str:
    """«۱۸ دی ۱۴۰۳ - ۱۴:۳۰» (local wall time, Solar Hijri, Persian digits)."""
    j = jdatetime.date.fromgregorian(date=local.date())
    return fa_digits(f"{j.day} {SOLAR_MONTHS[j.month - 1]} {j.year} - {local:%H:%M}")


def solar_long(local: datetime) -> str:
    """«سه‌شنبه ۱۸ دی ۱۴۰۳ ساعت ۱۴:۳۰»."""
    j = jdatetime.date.fromgregorian(date=local.date())
    weekday = FA_WEEKDAYS[local.weekday()]
    return fa_digits(f"{weekday} {j.day} {SOLAR_MONTHS[j.month - 1]} {j.year} ساعت {local:%H:%M}")


def arabic_long(local: datetime) -> str:
    """«الثلاثاء، 07 يناير 2025 06:20 م» (12-hour clock, ص = a.m., م = p.m.)."""
    hour12 = local.hour % 12 or 12
    meridiem = "ص" if local.hour < 12 else "م"
    return (
        f"{AR_WEEKDAYS[local.weekday()]}، {local.day:02d} {AR_MONTHS[local.month - 1]} {local.year} "
        f"{hour12:02d}:{local.minute:02d} {meridiem}"
    )


#: Maghreb month names (Tunisia, Algeria: from the French) and the Levantine ones printed before the Gregorian
MAGHREB_MONTHS = (
    "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
    "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)
LEVANT_MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)


def arabic_maghreb(local: datetime) -> str:
    """«الثلاثاء 07 جانفي 2025 - 11:40» (Tunisian style: Western digits, 24-hour clock)."""
    return (f"{AR_WEEKDAYS[local.weekday()]} {local.day:02d} {MAGHREB_MONTHS[local.month - 1]} {local.year} - "
            f"{local:%H:%M}")


def arabic_levant(local: datetime) -> str:
    """«الثلاثاء ٧ كانون الثاني/يناير ٢٠٢٥ - ١٦:٠٥» (both month names, Arabic-Indic digits)."""
    month = f"{LEVANT_MONTHS[local.month - 1]}/{AR_MONTHS[local.month - 1]}"
    return to_arabic_indic(f"{AR_WEEKDAYS[local.weekday()]} {local.day} {month} {local.year} - {local:%H:%M}")


def arabic_indic_12h(local: datetime) -> str:
    """«الثلاثاء ٧ يناير ٢٠٢٥ - ٢:٣٠ م» (Egyptian style: Arabic-Indic digits, 12-hour clock)."""
    meridiem = "ص" if local.hour < 12 else "م"
    return to_arabic_indic(f"{AR_WEEKDAYS[local.weekday()]} {local.day} {AR_MONTHS[local.month - 1]} {local.year} - "
                           f"{local.hour % 12 or 12}:{local.minute:02d} {meridiem}")


def today_widget(day: date, language: str) -> str:
    """A header's current-date box: «پنجشنبه ۲۰ دی ۱۴۰۳» or «الخميس ٩ يناير ٢٠٢٥» (no time)."""
    if language == "fa":
        j = jdatetime.date.fromgregorian(date=day)
        return fa_digits(f"{FA_WEEKDAYS[day.weekday()]} {j.day} {SOLAR_MONTHS[j.month - 1]} {j.year}")
    return to_arabic_indic(f"{AR_WEEKDAYS[day.weekday()]} {day.day} {AR_MONTHS[day.month - 1]} {day.year}")


def slugify(title: str) -> str:
    """URL slug from a headline: words joined by '-', punctuation dropped (script kept)."""
    return "-".join(re.sub(r"[\W_]+", " ", title).split()[:6])


def to_arabic_indic(text: str) -> str:
    """Western digits to Arabic-Indic, with the Arabic decimal separator between digits."""
    text = re.sub(r"(?<=\d)\.(?=\d)", "٫", text)
    return text.translate(ARABIC_INDIC_DIGITS)


def final_yeh_to_alef_maqsura(text: str) -> str:
    """Egyptian spelling habit: word-final ي written ى (في -> فى)."""
    return re.sub(r"ي(?=\W|$)", "ى", text)
