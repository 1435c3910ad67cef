"""transforms.versions: two captures of an article compared on real Persian and Arabic text."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from akhbar.transforms.thresholds import REVISIONS
from akhbar.transforms.versions import ChangedField, Content, compare, is_widget, line_key, version_hash

MOD = datetime(2025, 1, 7, 9, 30, tzinfo=UTC)
FA = Content(
    title="نشست کمیسیون اقتصادی مجلس درباره بودجه سال آینده برگزار شد",
    text="\n".join([
        "نمایندگان مجلس شورای اسلامی روز سه‌شنبه لایحه بودجه سال آینده را در کمیسیون اقتصادی بررسی کردند.",
        "رئیس کمیسیون گفت که کسری بودجه امسال ۱۲ درصد بیشتر از پیش‌بینی دولت بوده است.",
        "آخرین به‌روزرسانی: ۱۴۰۳/۱۰/۱۸ ساعت ۱۲:۳۴",
        "جلسه بعدی کمیسیون هفته آینده با حضور وزیر اقتصاد برگزار می‌شود.",
    ]),
    authors=("مریم احمدی",),
    modified_at=MOD,
)
AR = Content(
    title="وزير الخارجية يصل إلى القاهرة في زيارة رسمية تستمر يومين",
    text="\n".join([
        "وصل وزير الخارجية إلى القاهرة صباح اليوم في زيارة رسمية يلتقي خلالها عددا من المسؤولين.",
        "وقال مصدر دبلوماسي إن الزيارة تتناول ملفات التعاون الاقتصادي والأمن الإقليمي.",
        "وأسفرت الاشتباكات عن سقوط 12 قتيلا و30 جريحا بحسب وزارة الصحة.",
    ]),
    authors=("وليد عبد الرحمن",),
    modified_at=None,
)


def test_the_same_text_in_other_spellings_is_not_an_edit():
    # Arabic yeh/kaf for Persian, ZWNJ dropped, Persian digits as ASCII, harakat and punctuation added
    respelled = replace(FA, title="نشست كميسيون اقتصادی مجلس درباره بودجه سال آینده برگزار شد!",
                        text=FA.text.replace("سه‌شنبه", "سهشنبه").replace("۱۲ درصد", "12 درصدٌ"))
    result = compare(FA, respelled)
    assert result.changed == () and not result.edited and not result.stealth
    assert version_hash(FA) == version_hash(respelled)


def test_a_changed_clock_widget_or_ad_label_is_not_an_edit():
    ticked = replace(FA, text=FA.text.replace("ساعت ۱۲:۳۴", "ساعت ۰۹:۰۵").replace("۱۴۰۳/۱۰/۱۸", "۱۴۰۳/۱۰/۱۹")
                     + "\nتبلیغات بیمه خودرو با تخفیف ویژه")
    assert not compare(FA, ticked).edited
    assert version_hash(FA) == version_hash(ticked)
    assert is_widget(line_key("آخر تحديث: 12:34 - 07/01/2025"))
    assert not is_widget(line_key("۱۲ کشته و ۳۰ زخمی"))  # a figure in a sentence is writing


def test_headline_changed_with_date_modified_moved_is_not_stealth():
    new = replace(FA, title="کسری بودجه ۱۲ درصد بیشتر از پیش‌بینی دولت", modified_at=datetime(2025, 1, 8, tzinfo=UTC))
    result = compare(FA, new)
    assert result.changed == (ChangedField.TITLE, ChangedField.MODIFIED)
    assert result.edited and not result.stealth
    assert result.summary == "headline changed; dateModified moved"


def test_a_removed_paragraph_is_counted():
    lines = AR.text.splitlines()
    result = compare(AR, replace(AR, text="\n".join([lines[0], lines[2]])))
    assert result.changed == (ChangedField.BODY,)
    assert (result.paragraphs_added, result.paragraphs_removed, result.paragraphs_changed) == (0, 1, 0)
    assert result.stealth  # no dateModified on either capture: the page never said
    assert result.summary == "paragraphs 1 removed; stealth edit (dateModified unchanged)"


def test_a_figure_changed_with_date_modified_unchanged_is_a_stealth_edit():
    new = replace(FA, text=FA.text.replace("۱۲ درصد", "۸ درصد"))
    result = compare(FA, new)
    assert result.changed == (ChangedField.BODY,) and result.paragraphs_changed == 1
    assert result.paragraphs_added == result.paragraphs_removed == 0
    assert result.stealth and version_hash(FA) != version_hash(new)
    figure = replace(AR, text=AR.text.replace("12 قتيلا", "٢٠ قتيلا"))
    assert compare(AR, figure).paragraphs_changed == 1 and compare(AR, figure).stealth


def test_a_rewritten_paragraph_is_removed_and_added_not_changed():
    lines = AR.text.splitlines()
    other = "وأعلنت الحكومة عن خطة جديدة لدعم المزارعين في محافظات الصعيد خلال الموسم المقبل."
    result = compare(AR, replace(AR, text="\n".join([lines[0], other, lines[2], "وتستمر الزيارة حتى الغد."])))
    assert (result.paragraphs_added, result.paragraphs_removed, result.paragraphs_changed) == (2, 1, 0)


def test_bylines_and_thresholds():
    assert compare(AR, replace(AR, authors=("محمد علي",))).changed == (ChangedField.AUTHORS,)
    only_date = compare(FA, replace(FA, modified_at=datetime(2025, 1, 9, tzinfo=UTC)))
    assert only_date.changed == (ChangedField.MODIFIED,) and not only_date.edited
    assert only_date.summary == "only dateModified moved"
    # the widget threshold decides: at a share of 1.0 the clock line is compared, and its tick is an edit
    strict = replace(REVISIONS, widget_digit_share=1.0)
    ticked = replace(FA, text=FA.text.replace("ساعت ۱۲:۳۴", "ساعت ۰۹:۰۵"))
    assert not compare(FA, ticked).edited and compare(FA, ticked, strict).edited
