"""decode_html on real Persian/Arabic bytes: cp1256, mislabeled charsets, truncated UTF-8."""

from __future__ import annotations

import codecs

import pytest

from akhbar.transforms.encoding import decode_html, decode_page

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


# -- per-sequence repair: a page that is mostly UTF-8 stays UTF-8 ---------------------------------------
FA_SENT = "گفت‌وگو با وزیر امور خارجه درباره برنامه هسته‌ای"
AR_SENT = "ارتفاع أسعار الذهب في السوق المحلية"


def _page(*parts: bytes) -> bytes:
    return b"".join(parts)


def _u(s: str) -> bytes:
    return s.encode("utf-8")


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", None, "text/html; charset=iso-8859-1"])
@pytest.mark.parametrize(("bad", "dropped"), [
    (b"\xff", 1),                      # never valid in UTF-8 (and a lone «ے» in windows-1256)
    (b"\x80", 1),                      # a lone continuation byte
    ("\u200c".encode()[:2], 2),        # a 3-byte sequence (ZWNJ) cut mid-page
    (b"\xd8", 1),                      # a 2-byte lead without its continuation
])
@pytest.mark.faults
def test_a_few_invalid_bytes_are_dropped_and_counted(bad: bytes, dropped: int, content_type: str | None) -> None:
    title = f"<html><head><title>{FA_SENT}</title></head><body>"
    body = _page(_u(title + "<p>گفت‌وگو با وزیر"), bad, _u(" امور خارجه درباره برنامه هسته‌ای</p></body></html>"))
    d = decode_page(body, content_type)
    assert d.codec == "utf_8"
    assert d.text == title + f"<p>{FA_SENT}</p></body></html>"
    assert (d.repairs, d.rescued) == (dropped, 0)
    assert d.note == f"utf_8: {dropped} invalid bytes dropped"
    assert decode_html(body, content_type) == (d.text, "utf_8")


@pytest.mark.faults
def test_a_windows_1256_paragraph_in_a_utf8_page_keeps_both() -> None:
    head = f"<html><head><meta charset='utf-8'><title>{FA_SENT}</title></head><body><p>{FA_SENT}</p><p>"
    body = _page(_u(head), AR_SENT.encode("cp1256"), _u(f"</p><p>{FA_SENT}</p></body></html>"))
    d = decode_page(body, "text/html")
    assert d.codec == "utf_8"
    assert d.text == head + AR_SENT + f"</p><p>{FA_SENT}</p></body></html>"
    assert d.repairs == d.rescued == len(AR_SENT.replace(" ", ""))  # its letters; the spaces were ASCII
    assert d.note == f"utf_8: {d.rescued} bytes in 1 run(s) read as windows-1256"
    assert "\ufffd" not in d.text


@pytest.mark.faults
def test_inline_windows_1256_run_with_persian_letters_and_joiners() -> None:
    # windows-1256 has پ گ ک چ ژ and ZWNJ (0x9d) but no Persian yeh: the legacy run is written with ي
    legacy = "گفت‌وگوي پژوهشگران چين"
    body = _page(_u("<p>خبر فوری — "), legacy.encode("cp1256"), _u(" — ادامه دارد</p>"))
    d = decode_page(body, "text/html; charset=utf-8")
    assert d.text == f"<p>خبر فوری — {legacy} — ادامه دارد</p>"
    assert d.rescued == len(legacy.replace(" ", "")) and d.repairs == d.rescued


@pytest.mark.faults
def test_stray_byte_before_a_legacy_run_is_dropped_and_the_run_kept() -> None:
    body = _page(_u(f"<p>{FA_SENT}</p><p>"), b"\x80", AR_SENT.encode("cp1256"), _u(f"</p><p>{FA_SENT}</p>"))
    d = decode_page(body, "text/html; charset=utf-8")
    assert d.text == f"<p>{FA_SENT}</p><p>{AR_SENT}</p><p>{FA_SENT}</p>"
    assert (d.repairs, d.rescued) == (1 + len(AR_SENT.replace(" ", "")), len(AR_SENT.replace(" ", "")))


@pytest.mark.faults
def test_invalid_latin_run_is_dropped_but_its_ascii_kept() -> None:
    # cp1252 «Café 10 €» inside a UTF-8 Persian page: é and € do not read as Arabic script
    body = _page(_u(f"<p>{FA_SENT}</p><p>"), "Café 10 €".encode("cp1252"), _u(f"</p><p>{FA_SENT}</p>"))
    d = decode_page(body, "text/html; charset=utf-8")
    assert d.text == f"<p>{FA_SENT}</p><p>Caf 10 </p><p>{FA_SENT}</p>"
    assert (d.repairs, d.rescued) == (2, 0)


@pytest.mark.faults
def test_repaired_page_cut_inside_its_last_character_still_drops_the_tail_uncounted() -> None:
    body = _page(_u(f"<p>{FA_SENT}"), b"\xff", _u(" و"))[:-1]
    d = decode_page(body, "text/html; charset=utf-8")
    assert d.text == f"<p>{FA_SENT} "
    assert d.repairs == 1


def test_mislabelled_windows_1256_article_is_not_taken_for_broken_utf8() -> None:
    # a whole cp1256 page labelled utf-8 has only a few valid UTF-8 pairs by chance: it is cp1256, unrepaired
    page = f"<html><body><p>{AR_SENT}. {AR_SENT.replace('الذهب', 'النفط')}</p></body></html>"
    d = decode_page(page.encode("cp1256"), "text/html; charset=utf-8")
    assert (d.text, d.codec, d.repairs) == (page, "cp1256", 0)


def test_undeclared_short_persian_cp1256_is_not_detected_as_cyrillic() -> None:
    # charset_normalizer alone reads this as kz1048
    text = ("کتابخانه عمومي «باغ دولت‌آباد» يزد صبح امروز با حضور مديرکل نهاد کتابخانه‌هاي عمومي استان "
            "و جمعي از اهالي فرهنگ اين شهر رسما به روي مراجعان باز شد.")
    d = decode_page(text.encode("cp1256"), None)
    assert (d.text, d.codec) == (text, "cp1256")


def test_utf16_be_bom() -> None:
    d = decode_page(codecs.BOM_UTF16_BE + f"<p>{AR_SENT}</p>".encode("utf-16-be"), None)
    assert (d.text, d.codec, d.repairs) == (f"<p>{AR_SENT}</p>", "utf_16_be", 0)


def test_legacy_paragraphs_as_long_as_the_utf8_ones_still_leave_the_page_utf8() -> None:
    # half the letters in windows-1256 (a third of the non-ASCII bytes): the UTF-8 parts are real, not chance
    head = f"<html><head><title>{FA_SENT}</title></head><body>"
    legacy = f"{AR_SENT}. {AR_SENT}."
    body = _page(_u(f"{head}<p>{FA_SENT}</p><p>"), legacy.encode("cp1256"), _u("</p></body></html>"))
    d = decode_page(body, None)
    assert (d.text, d.codec) == (f"{head}<p>{FA_SENT}</p><p>{legacy}</p></body></html>", "utf_8")


def test_extracted_article_records_its_repairs() -> None:
    from akhbar.transforms.extract import extract_article

    paragraphs = [f"<p>{FA_SENT} و در ادامه نشست خبری برگزار شد.</p>"] * 4
    page = _u(f"<html><head><title>{FA_SENT}</title></head><body><article>{''.join(paragraphs)}")
    bad = page.replace(_u("نشست"), _u("نش") + b"\xff" + _u("ست"), 1) + _u("</article></body></html>")
    ex = extract_article(bad, "http://127.0.0.11/news/2", content_type="text/html; charset=utf-8")
    assert ex.encoding == "utf_8" and ex.decode_repairs == 1
    assert ex.title == FA_SENT and "نشست خبری" in ex.text and "\ufffd" not in ex.text
