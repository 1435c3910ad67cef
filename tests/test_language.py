"""detect_language: Persian vs Arabic on short texts, and other languages through py3langid."""

from __future__ import annotations

import pytest

from transforms.language import detect_language


@pytest.mark.parametrize(("text", "lang"), [
    ("گفت‌وگو کرد", "fa"),
    ("وزیر خارجه ژاپن", "fa"),
    ("روز چهارشنبه", "fa"),
    ("وزیر امور خارجه در گفتگوی تلفنی", "fa"),
    ("این خبر را بخوانید", "fa"),
    ("وزير الخارجية الياباني", "ar"),
    ("اجتماع الوزراء في طوكيو", "ar"),
    ("قال الوزير إن المحادثات مستمرة", "ar"),
    ("أمريكا واليابان تؤكدان التزامهما بالتعاون", "ar"),
    ("Der Minister traf sich heute mit seinem Amtskollegen in Berlin.", "de"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_no_letters_no_language() -> None:
    assert detect_language("") is None
    assert detect_language(" ۱۲۳ - 456 ") is None
