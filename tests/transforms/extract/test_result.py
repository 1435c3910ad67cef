"""transforms/extract/result.py: an ExtractionError is a ValueError carrying its reason (callers catch either);
an Extracted page is immutable and its lists are its own."""

from __future__ import annotations

import dataclasses

import pytest

from akhbar.transforms.extract.result import Extracted, ExtractionError


def test_an_extraction_error_is_a_value_error_with_its_reason():
    with pytest.raises(ValueError) as caught:
        raise ExtractionError("not HTML: application/pdf")
    assert str(caught.value) == caught.value.reason == "not HTML: application/pdf"


def test_an_extracted_page_is_immutable_and_its_lists_are_its_own():
    one, two = Extracted("تشدید تحریم‌ها", "متن"), Extracted("الأرصاد تحذر", "نص")
    one.tags.append("تحریم")
    assert two.tags == [] and two.authors == [] and two.notes == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.title = "عنوان دیگر"  # type: ignore[misc]
