"""Bytes -> text for HTML pages: header charset vs <meta charset> vs detection.

Arabic and Persian sites still serve windows-1256, and some label it wrongly (a server default of
iso-8859-1, or utf-8 in the header over cp1256 bytes). A declared encoding is trusted only when it
decodes the bytes strictly; a Latin single-byte label (which decodes any bytes) is trusted only when
the bytes do not read better as Arabic-script text. A body cut inside a UTF-8 sequence (a truncated
download) loses the incomplete tail instead of gaining a U+FFFD.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: labels that decode any byte sequence, so a strict decode proves nothing
_LATIN = {"latin_1", "iso8859_1", "cp1252", "ascii", "iso8859_15"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(label: str | None) -> str | None:
    """Python codec name of an HTTP/HTML charset label, None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # WHATWG: the iso-8859-1 and ascii labels mean windows-1252
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name.replace("-", "_")


def _strict(body: bytes, codec: str) -> str | None:
    """Strict decode; for UTF-8 an incomplete sequence at the very end is dropped, not replaced."""
    try:
        if codec in ("utf_8", "utf_8_sig"):
            return codecs.getincrementaldecoder(codec)("strict").decode(body, final=False)
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _arabic_ratio(text: str) -> float:
    """Share of Arabic-script letters among the non-ASCII characters."""
    high = [c for c in text if ord(c) > 127]
    if not high:
        return 0.0
    return sum(1 for c in high if "\u0600" <= c <= "\u06ff") / len(high)


def _latin_or_arabic(body: bytes, latin: str) -> tuple[str, str]:
    """Decide between a declared Latin single-byte charset, UTF-8 and windows-1256 for the same bytes."""
    utf8 = _strict(body, "utf_8")
    if utf8 is not None:  # valid multi-byte UTF-8 is never an accident of Latin text
        return utf8, "utf_8"
    as_latin = body.decode(latin, errors="replace")
    as_arabic = body.decode("cp1256", errors="replace")
    # Arabic text in cp1256 is whole words of high bytes; read as cp1252 it is accented-letter soup,
    # while a real Latin page has few high bytes, isolated inside ASCII words
    if _arabic_ratio(as_arabic) > 0.8 and _run_share(body) > 0.6:
        return as_arabic, "cp1256"
    return as_latin, latin


_HIGH = re.compile(rb"[\x80-\xff]")
_HIGH_RUNS = re.compile(rb"[\x80-\xff]{2,}")


def _run_share(body: bytes) -> float:
    """Share of high bytes that have a high-byte neighbour (words written wholly in high bytes)."""
    high = len(_HIGH.findall(body))
    return sum(len(r) for r in _HIGH_RUNS.findall(body)) / high if high else 0.0


def decode_html(body: bytes, content_type: str | None) -> tuple[str, str]:
    """(text, codec used). Order: BOM, header charset, <meta charset>, detection, UTF-8 with the
    truncated tail dropped. Never returns U+FFFD when some candidate decodes the bytes cleanly."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(codec, errors="replace"), codec
    header = _codec(_HEADER_CHARSET.search(content_type).group(1)) if content_type and _HEADER_CHARSET.search(
        content_type) else None
    m = _META_CHARSET.search(body[:4096])
    meta = _codec(m.group(1).decode("ascii", "ignore")) if m else None
    if body.isascii():
        return body.decode("ascii"), header or meta or "ascii"
    for codec in dict.fromkeys(c for c in (header, meta) if c):
        if codec in _LATIN:
            return _latin_or_arabic(body, codec)
        text = _strict(body, codec)
        if text is not None:
            return text, codec
    text = _strict(body, "utf_8")
    if text is not None:
        return text, "utf_8"
    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        codec = _codec(best.encoding) or best.encoding
        if codec in _LATIN:
            return _latin_or_arabic(body, codec)
        text = _strict(body, codec)
        if text is not None:
            return text, codec
    # nothing decodes cleanly: cp1256 maps every byte, and is the likeliest legacy charset here
    return body.decode("cp1256", errors="replace"), "cp1256"
