"""transforms/extract/words.py: the words extraction compares (lowercased tokens, ZWNJ and punctuation out) and
the share of one text's distinct words another holds."""

from __future__ import annotations

import pytest

from akhbar.transforms.extract.words import coverage, word_tokens


def test_word_tokens_split_at_zwnj_and_punctuation_and_lowercase():
    assert word_tokens("می‌شود، «غزه» BBC") == ["می", "شود", "غزه", "bbc"]
    assert word_tokens("الأمم المتحدة: ۲۵ قتيلا") == ["الأمم", "المتحدة", "۲۵", "قتيلا"]
    assert word_tokens(None) == word_tokens("") == []


@pytest.mark.parametrize(("part", "whole", "ignore", "share"), [
    ("غزه غزه غزه", "غزه شهر", "", 0.5),  # distinct words: a repeated body is not a longer one
    ("بیانیه وزارت خارجه", "بیانیه وزارت خارجه", "", 1.0),
    ("بیانیه", "بیانیه وزارت خارجه", "وزارت خارجه", 1.0),  # removed on purpose: not missing
    (None, "بیانیه وزارت", "", 0.0),
    ("هرچه", "", "", 1.0),  # nothing to cover
    ("هرچه", "وزارت", "وزارت", 1.0),
])
def test_coverage_counts_distinct_words_of_the_whole(part, whole, ignore, share):
    assert coverage(part, whole, ignore) == share


def test_vocalised_arabic_words_stay_whole():
    """Harakat (Mn) and tatweel are not word characters to Python's regex: a vocalised word must not break into
    letters, or a vocalised headline would «cover» any body holding those letters."""
    assert word_tokens("قالَ مُحَمَّدٌ إنَّ الكتـــابَ") == ["قالَ", "مُحَمَّدٌ", "إنَّ", "الكتـــابَ"]
    assert coverage("مُحَمَّد", "مدرسة محمد") == 0.0  # one vocalised word, not the letters م ح م د of both
