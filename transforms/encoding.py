"""Bytes -> text for HTML pages: header charset vs <meta charset> vs detection, repaired per sequence.

Arabic and Persian sites still serve windows-1256, and some label it wrongly (a server default of
iso-8859-1, or utf-8 in the header over cp1256 bytes). A declared encoding is trusted only when it
decodes the bytes strictly; a Latin single-byte label (which decodes any bytes) is trusted only when
the bytes do not read better as Arabic-script text.

A page that is mostly UTF-8 (at least half of its non-ASCII bytes form valid multi-byte sequences) stays
UTF-8 even when some bytes are invalid; decoding degrades per sequence, not per page:

- an invalid run (non-ASCII bytes, with the spaces, digits and punctuation between them, up to markup,
  an ASCII letter or the next valid UTF-8 word) that reads as windows-1256 Arabic-script text (at least
  two letters, every letter in U+0600-U+06FF, the rest spaces, digits, punctuation or joiners) is decoded
  as windows-1256: a paragraph pasted from a legacy CMS keeps its words;
- any other invalid byte is dropped (a lone 0xff or continuation byte, a 3-byte sequence cut mid-page,
  a stray windows-1256 letter on its own); the ASCII between dropped bytes stays;
- an incomplete sequence at the very end (a truncated download) is dropped.

This is the codecs error handler ``akhbar-repair`` (codecs.register_error). Nothing becomes U+FFFD:
every repaired byte is counted in ``Decoded.repairs`` (``rescued`` of them read as windows-1256) and
summed up in ``Decoded.note``, and extract_article keeps the count as ``Extracted.decode_repairs``. A
page that is mostly invalid as UTF-8 is not UTF-8 and goes on to the other candidates: a mislabelled or
undeclared windows-1256 page decodes whole as cp1256 (checked before charset detection, which takes
short cp1256 Persian for kz1048 or cp1251); under a Latin label the bytes cp1252 leaves undefined are
dropped and counted.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass

from charset_normalizer import from_bytes

#: Content-Types of an HTML page: the crawl logs any other type of a fetched article ``skipped`` (archived)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Content-Type prefixes the extractor refuses at once. Not the complement of HTML_TYPES on purpose: the
#: extractor tries any other type (none at all, text/xml, a server's odd label) and sniffs the body for HTML
NOT_HTML_TYPES = ("application/pdf", "image/", "video/", "audio/", "application/zip", "application/octet-stream",
                  "application/json", "text/plain", "text/css", "application/javascript")


def media_type(content_type: str | None) -> str:
    """The lower-cased media type of a Content-Type header ('' when there is none)."""
    return (content_type or "").split(";")[0].strip().lower()


def is_html_type(content_type: str | None) -> bool:
    """True when the header names an HTML type or nothing at all (the crawl's rule)."""
    kind = media_type(content_type)
    return not kind or kind in HTML_TYPES


def is_refused_type(content_type: str | None) -> bool:
    """True when the header names a type that is never an HTML page (the extractor's rule)."""
    return bool(content_type) and content_type.lower().startswith(NOT_HTML_TYPES)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: labels that decode any byte sequence, so a strict decode proves nothing
_LATIN = {"latin_1", "iso8859_1", "cp1252", "ascii", "iso8859_15"}
_BOMS = ((codecs.BOM_UTF8, "utf_8"), (codecs.BOM_UTF16_LE, "utf_16_le"), (codecs.BOM_UTF16_BE, "utf_16_be"))
#: one well-formed non-ASCII UTF-8 sequence (RFC 3629: no overlongs, no surrogates, <= U+10FFFF)
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                       rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                       rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_HIGH = re.compile(rb"[\x80-\xff]")
_ASCII = bytes(range(128))
_HIGH_RUNS = re.compile(rb"[\x80-\xff]{2,}")
_JOINERS = frozenset("\u200c\u200d\u200e\u200f")
_REPAIR = "akhbar-repair"


@dataclass(frozen=True)
class Decoded:
    """A decoded page: text, the codec used, and what was repaired on the way."""

    text: str
    codec: str
    #: non-ASCII bytes repaired: read as windows-1256 (``rescued``) or dropped
    repairs: int = 0
    rescued: int = 0
    note: str | None = None


@dataclass
class _Tally:
    rescued: int = 0
    runs: int = 0
    dropped: int = 0


#: repairs of the decode running in this context (the codecs error handler has no other way back)
_TALLY: ContextVar[_Tally] = ContextVar("akhbar_decode_tally")


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


# -- per-sequence repair -----------------------------------------------------------------------------
_RUN_ASCII = b" \t\r\n0123456789.,:;!?()-\"'/%"
#: where an invalid run ends: genuine UTF-8 resumes (a valid sequence followed by ASCII, the end or another
#: valid sequence; a chance valid pair inside windows-1256 bytes sits between invalid ones), or ASCII that
#: windows-1256 prose does not have between its words (letters, markup)
_RUN_STOP = re.compile(b"(?:" + _UTF8_SEQ.pattern + b")(?=[\x00-\x7f]|" + _UTF8_SEQ.pattern + b"|\\Z)"
                       rb"|[^\x80-\xff \t\r\n0-9.,:;!?()\-\"'/%]")


def _cp1256_classes() -> tuple[bytes, bytes]:
    """(bytes whose windows-1256 character may appear in Arabic-script prose, bytes that are letters):
    letters in U+0600-U+06FF, spaces, digits, punctuation, marks, joiners; not é, œ, ƒ or €."""
    allowed, letters = bytearray(), bytearray()
    for byte in range(256):
        c = bytes([byte]).decode("cp1256")
        if "\u0600" <= c <= "\u06ff":
            allowed.append(byte)
            if c.isalpha():
                letters.append(byte)
        elif c.isspace() or c.isdigit() or c in _JOINERS or unicodedata.category(c)[0] == "P":
            allowed.append(byte)
    return bytes(allowed), bytes(letters)


_CP1256_ALLOWED, _CP1256_LETTERS = _cp1256_classes()


def _run_end(data: bytes, min_end: int) -> int:
    """End of an invalid run that reaches at least ``min_end``: after its last non-ASCII byte before genuine UTF-8
    resumes, markup or an ASCII letter, or the truncated tail (which the decoder drops, not ours to read)."""
    stop = _RUN_STOP.search(data, min_end)
    limit = stop.start() if stop else len(data)
    if not stop:
        for k in (1, 2, 3):  # an incomplete sequence at the very end
            if len(data) - k >= min_end and data[-k] >= 0xC2 and _strict(data[-k:], "utf_8") == "":
                limit = len(data) - k
                break
    return min_end + len(data[min_end:limit].rstrip(_RUN_ASCII))


def _as_cp1256(run: bytes) -> str | None:
    """The run as windows-1256 when it reads as Arabic-script prose (at least two letters)."""
    if run.translate(None, _CP1256_ALLOWED) or len(run) - len(run.translate(None, _CP1256_LETTERS)) < 2:
        return None
    return run.decode("cp1256")


def _repair(exc: UnicodeError) -> tuple[str, int]:
    """codecs error handler: an invalid UTF-8 run -> windows-1256 text when plausible, else dropped bytes."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    tally = _TALLY.get(None) or _Tally()
    data, start = exc.object, exc.start
    if exc.encoding.replace("-", "_").lower() not in ("utf_8", "utf8"):
        tally.dropped += exc.end - start
        return "", exc.end
    end = _run_end(data, exc.end)
    # try the whole run, then the run without the first invalid sequence (a stray byte before a paragraph)
    for skip in (start, exc.end):
        text = _as_cp1256(data[skip:end]) if skip < end else None
        if text is not None:
            tally.dropped += skip - start
            tally.rescued += len(_HIGH.findall(data, skip, end))
            tally.runs += 1
            return text, end
    # not Arabic-script text: drop its non-ASCII bytes, keep the ASCII between them
    run = data[start:end]
    tally.dropped += len(_HIGH.findall(run))
    return _HIGH.sub(b"", run).decode("ascii"), end


codecs.register_error(_REPAIR, _repair)


def _mostly_utf8(body: bytes) -> bool:
    """At least half of the non-ASCII bytes form valid UTF-8 sequences (windows-1256 Arabic text forms
    a few by chance; a UTF-8 page with some bad bytes or one legacy paragraph is far above)."""
    high = len(body.translate(None, _ASCII))
    stray = len(body) - len(body.decode("utf-8", "ignore").encode("utf-8"))  # bytes in no valid sequence
    return bool(high) and high - stray >= 0.5 * high


def _repaired(body: bytes, codec: str = "utf_8") -> Decoded:
    """Decode with per-sequence repair; the tally of this call becomes the report."""
    tally = _Tally()
    token = _TALLY.set(tally)
    try:
        if codec.startswith("utf_8"):
            text = codecs.getincrementaldecoder(codec)(_REPAIR).decode(body, final=False)
        else:
            text = body.decode(codec, errors=_REPAIR)
    finally:
        _TALLY.reset(token)
    repairs = tally.rescued + tally.dropped
    parts = []
    if tally.rescued:
        parts.append(f"{tally.rescued} bytes in {tally.runs} run(s) read as windows-1256")
    if tally.dropped:
        parts.append(f"{tally.dropped} invalid bytes dropped")
    return Decoded(text, codec, repairs, tally.rescued, f"{codec}: " + ", ".join(parts) if parts else None)


# -- Latin labels --------------------------------------------------------------------------------------
def _arabic_ratio(text: str) -> float:
    """Share of Arabic-script letters among the non-ASCII characters."""
    high = [c for c in text if ord(c) > 127]
    if not high:
        return 0.0
    return sum(1 for c in high if "\u0600" <= c <= "\u06ff") / len(high)


def _run_share(body: bytes) -> float:
    """Share of high bytes that have a high-byte neighbour (words written wholly in high bytes)."""
    high = len(_HIGH.findall(body))
    return sum(len(r) for r in _HIGH_RUNS.findall(body)) / high if high else 0.0


def _reads_as_arabic(body: bytes) -> bool:
    """windows-1256 Arabic-script text: whole words of high bytes that decode to Arabic letters; read as
    cp1252 it is accented-letter soup, while a real Latin page has few high bytes, isolated in ASCII words."""
    return _arabic_ratio(body.decode("cp1256")) > 0.8 and _run_share(body) > 0.6


def _latin_or_arabic(body: bytes, latin: str) -> Decoded:
    """Decide between a declared Latin single-byte charset, UTF-8 and windows-1256 for the same bytes."""
    utf8 = _strict(body, "utf_8")
    if utf8 is not None:  # valid multi-byte UTF-8 is never an accident of Latin text
        return Decoded(utf8, "utf_8")
    if _mostly_utf8(body):
        return _repaired(body)
    if _reads_as_arabic(body):
        return Decoded(body.decode("cp1256"), "cp1256")
    return _repaired(body, latin)  # cp1252 leaves 5 bytes undefined: those are dropped, counted


# -- the public functions --------------------------------------------------------------------------------
def decode_page(body: bytes, content_type: str | None) -> Decoded:
    """Decoded text, codec and repairs. Order: BOM, header charset, <meta charset>, UTF-8 (repaired per
    sequence when mostly valid), detection, windows-1256. Never returns U+FFFD for invalid bytes."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _repaired(body[len(bom):], codec)
    found = _HEADER_CHARSET.search(content_type) if content_type else None
    header = _codec(found.group(1)) if found else None
    m = _META_CHARSET.search(body[:4096])
    meta = _codec(m.group(1).decode("ascii", "ignore")) if m else None
    if body.isascii():
        return Decoded(body.decode("ascii"), header or meta or "ascii")
    for codec in dict.fromkeys(c for c in (header, meta) if c):
        if codec in _LATIN:
            return _latin_or_arabic(body, codec)
        text = _strict(body, codec)
        if text is not None:
            return Decoded(text, codec)
        if codec.startswith("utf_8") and _mostly_utf8(body):
            return _repaired(body, codec)
    text = _strict(body, "utf_8")
    if text is not None:
        return Decoded(text, "utf_8")
    if _mostly_utf8(body):
        return _repaired(body)
    if _reads_as_arabic(body):  # before detection, which takes short cp1256 pages for kz1048 or cp1251
        return Decoded(body.decode("cp1256"), "cp1256")
    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        codec = _codec(best.encoding) or best.encoding
        if codec in _LATIN:
            return _latin_or_arabic(body, codec)
        text = _strict(body, codec)
        if text is not None:
            return Decoded(text, codec)
    # nothing decodes cleanly: cp1256 maps every byte, and is the likeliest legacy charset here
    return Decoded(body.decode("cp1256"), "cp1256")


def decode_html(body: bytes, content_type: str | None) -> tuple[str, str]:
    """(text, codec used): ``decode_page`` without the repair report."""
    decoded = decode_page(body, content_type)
    return decoded.text, decoded.codec
