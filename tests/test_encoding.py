"""decode_html on real Persian/Arabic bytes: cp1256, mislabeled charsets, truncated UTF-8."""

from __future__ import annotations

import pytest

from transforms.encoding import decode_html

AR = ("<html><head><title>خبر</title></head><body><p>أعلنت الولايات المتحدة واليابان التزامهما بالعمل "
      "معًا بشكل وثيق لردع مزيد من العدوان الروسى ضد أوكرانيا.</p></body></html>")
# windows-1256 has no Persian yeh (U+06CC): Persian pages in it are written with Arabic yeh (U+064A)
FA = "<html><body><p>وزير امور خارجه در گفتگوي تلفني با همتاي روس خود تأكيد کرد؛ پ چ ژ گ.</p></body></html>"


@pytest.mark.parametrize("content_type", [
    None, "text/html", "text/html; charset=windows-1256", "text/html; charset=iso-8859-1",
    "text/html; charset=utf-8", "text/html; charset=bogus-label",
])
@pytest.mark.parametrize("page", [AR, FA])
def test_cp1256_bytes_decode_whatever_the_label(page: str, content_type: str | None) -> None:
    text, codec = decode_html(page.encode("cp1256"), content_type)
    assert text == page
    assert codec == "cp1256"
    assert "\ufffd" not in text


def test_meta_charset_is_used_when_the_header_has_none() -> None:
    body = b'<html><head><meta charset="windows-1256"></head>' + FA.encode("cp1256")
    text, codec = decode_html(body, "text/html")
    assert codec == "cp1256" and "گفتگوي" in text


def test_utf8_labelled_latin1_is_still_utf8() -> None:
    page = FA.replace("ي", "ی")
    text, codec = decode_html(page.encode("utf-8"), "text/html; charset=iso-8859-1")
    assert text == page and codec == "utf_8"


def test_real_latin1_page_stays_latin() -> None:
    page = "<html><body><p>Le café crème est servi à la française.</p></body></html>"
    text, _ = decode_html(page.encode("cp1252"), "text/html; charset=iso-8859-1")
    assert text == page


def test_truncated_utf8_drops_the_incomplete_tail() -> None:
    word = "گفت\u200cوگو کرد"
    body = word.encode("utf-8")
    text, codec = decode_html(body[:-1], "text/html; charset=utf-8")  # cut inside the last «د»
    assert codec == "utf_8"
    assert text == word[:-1]
    assert "\ufffd" not in text
    assert "\u200c" in text
