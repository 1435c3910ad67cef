"""WARC files: writing every HTTP exchange, reading them back, recovering after a crash.

Layout: ``<data>/warc/day=YYYY-MM-DD/outlet=SLUG/<run_id>-<n>.warc.gz`` (gzip per record).
A file being written is named ``*.warc.gz.open`` and renamed when closed, so a finished file is
never partial; a file left ``.open`` by a killed run is cut back to its last whole record and
closed by :func:`recover_open_files` before the next run of that outlet-day (under its lock).
Recovery checks the file gzip member by member with bounded memory and never decodes payloads, so a
stored compression bomb costs nothing; it cuts only on real damage, and any other failure leaves the
file exactly as it was.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import GzippingWrapper, WARCWriter

from akhbar.crawler.paths import warc_dir
from akhbar.crawler.settings import DOWNLOAD_MAXSIZE
from akhbar.transforms.blockwall import detect as detect_wall
from akhbar.transforms.identity import normalize_url

log = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
#: roll over to a new file past this size (the WARC convention is ~1 GB)
MAX_FILE_BYTES = 1_000_000_000
#: a stored body that inflates past this (a compression bomb the crawler refused) is not read back:
#: the crawl's own cap, so a reader never holds more than the crawler would have
MAX_BODY_BYTES = DOWNLOAD_MAXSIZE
#: recovery reads compressed input and inflates output in pieces of this size (its memory bound)
RECOVERY_CHUNK = 64 * 1024
#: a WARC header block longer than this is not a header (the writer's are well under 4 KB)
MAX_HEADER_BYTES = 1024 * 1024
DAMAGED_SUFFIX = ".damaged"
#: extension header fields: which outlet and run fetched the record, and why
KIND_HEADER = "Akhbar-Kind"
OUTLET_HEADER = "Akhbar-Outlet"
RUN_HEADER = "Akhbar-Run"
#: provenance of a response fetched from a web archive (docs/archives.md): which archive, its capture's URL and
#: time; a live response has none of them
CAPTURE_SOURCE_HEADER = "Akhbar-Capture-Source"
CAPTURE_URI_HEADER = "WARC-Source-URI"
CAPTURE_DATE_HEADER = "WARC-Refers-To-Date"
#: hop-by-hop headers that describe the transfer Scrapy already undid (dechunking)
_DROP_HEADERS = {b"transfer-encoding"}


partition_dir = warc_dir  # the outlet-day's WARC folder (akhbar.crawler.paths)


@dataclass(frozen=True)
class RevisitOf:
    """The archived capture a revisit compares against: an unchanged payload (or a 304) is written as a WARC
    ``revisit`` record (identical-payload-digest profile) referring to it, a few hundred bytes instead of the page."""

    uri: str
    date: str  # its WARC-Date
    record_id: str
    digest: str  # its WARC-Payload-Digest, "sha1:<base32>"


def payload_digest(body: bytes) -> str:
    """WARC-Payload-Digest as warcio writes it: sha1 of the payload as on the wire, base32."""
    import base64
    import hashlib

    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()


#: zlib level of each record's gzip member. warcio writes 9; on the 200 first pages of shared/real-pages (354 KB
#: of HTML on average) level 6, zlib's default, takes 0.58x its CPU time (6.3 against 10.8 ms a page) for 0.8 %
#: more bytes; the crawl process gzips every response it archives
GZIP_LEVEL = 6


class _GzipMember(GzippingWrapper):
    """One record's gzip member at GZIP_LEVEL (warcio's wrapper hard-codes level 9)."""

    def __init__(self, out: Any) -> None:
        self.compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.out = out


class RecordWriter(WARCWriter):
    """warcio's WARC writer with each record its own gzip member (as ``gzip=True``), at GZIP_LEVEL."""

    def __init__(self, filebuf: Any) -> None:
        super().__init__(filebuf, gzip=False)  # the members are made here, not by warcio's level-9 wrapper

    def _write_warc_record(self, out: Any, record: Any) -> None:
        super()._write_warc_record(_GzipMember(out), record)


class WarcArchive:
    """Appends request/response record pairs for one outlet-day of one run."""

    def __init__(self, root: Path, day: str, outlet: str, run_id: str, software: str) -> None:
        self.root = root
        self.dir = partition_dir(root, day, outlet)
        self.outlet = outlet
        self.run_id = run_id
        self.software = software
        self._serial = 0
        self._fh: io.BufferedWriter | None = None
        self._writer: RecordWriter | None = None
        self._path: Path | None = None
        self.last_record_type = "response"

    def _open(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        while True:
            final = self.dir / f"{self.run_id}-{self._serial:05d}.warc.gz"
            if not final.exists() and not final.with_name(final.name + OPEN_SUFFIX).exists():
                break
            self._serial += 1
        self._path = final.with_name(final.name + OPEN_SUFFIX)
        self._fh = open(self._path, "wb")
        self._writer = RecordWriter(self._fh)
        info = self._writer.create_warcinfo_record(
            final.name, {"software": self.software, "format": "WARC File Format 1.1", "isPartOf": self.run_id}
        )
        self._writer.write_record(info)

    @property
    def current_file(self) -> Path | None:
        """Relative path (to the data root) the next record goes to, as it will be named when closed."""
        if self._path is None:
            return None
        return self._path.with_name(self._path.name.removesuffix(OPEN_SUFFIX)).relative_to(self.root)

    def write_exchange(
        self,
        *,
        url: str,
        method: str,
        request_headers: list[tuple[str, str]],
        request_body: bytes,
        status: int,
        protocol: str | None,
        response_headers: list[tuple[bytes, bytes]],
        body: bytes,
        kind: str,
        ip_address: str | None = None,
        fetched_at: datetime | None = None,
        provenance: dict[str, str] | None = None,
        revisit_of: RevisitOf | None = None,
    ) -> tuple[str, int]:
        """Write one request/response pair; returns (relative WARC path, offset of the response). With
        ``revisit_of``, a 304 or a payload identical to it is written as a ``revisit`` record instead
        (``last_record_type`` says which was written)."""
        if self._writer is None:
            self._open()
        assert self._writer is not None and self._fh is not None
        when = (fetched_at or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        extra = {KIND_HEADER: kind, OUTLET_HEADER: self.outlet, RUN_HEADER: self.run_id, "WARC-Date": when}
        if ip_address:
            extra["WARC-IP-Address"] = ip_address
        extra.update(provenance or {})  # an archive capture's source, URL and time
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in response_headers
            if k.lower() not in _DROP_HEADERS
        ]
        http = StatusAndHeaders(f"{status} {reason}", headers, protocol=protocol or "HTTP/1.1")
        if revisit_of is not None and (status == 304 or payload_digest(body) == revisit_of.digest):
            response = self._writer.create_revisit_record(
                url, revisit_of.digest, revisit_of.uri, revisit_of.date, http_headers=http,
                warc_headers_dict=dict(extra))
            response.rec_headers.add_header("WARC-Refers-To", revisit_of.record_id)
            self.last_record_type = "revisit"
        else:
            response = self._writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=dict(extra)
            )
            self.last_record_type = "response"
        path = urlpath(url)
        req_http = StatusAndHeaders(f"{method} {path} HTTP/1.1", request_headers, is_http_request=True)
        request = self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(request_body), http_headers=req_http, warc_headers_dict=dict(extra)
        )
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        offset = self._fh.tell()
        self._writer.write_record(response)
        self._writer.write_record(request)
        self._fh.flush()
        rel = self.current_file
        assert rel is not None
        if self._fh.tell() >= MAX_FILE_BYTES:
            self.close()
        return str(rel), offset

    def close(self) -> None:
        if self._fh is None or self._path is None:
            return
        self._fh.close()
        self._path.rename(self._path.with_name(self._path.name.removesuffix(OPEN_SUFFIX)))
        self._fh = self._writer = self._path = None
        self._serial += 1


def urlpath(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status: int
    kind: str
    headers: list[tuple[str, str]]
    body: bytes  # content-encoding and chunking undone
    fetched_at: datetime
    record_id: str
    warc_file: str  # relative to the data root
    offset: int
    capture_source: str = "live"  # live, or the web archive the response was fetched from
    captured_at: datetime | None = None  # the archive capture's time (None: live)

    def header(self, name: str) -> str | None:
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None


def iter_responses(root: Path, warc_path: Path, max_body: int = MAX_BODY_BYTES,
                   on_skip: Callable[[str, int, str], None] | None = None,
                   start: int = 0) -> Iterator[ArchivedResponse]:
    """Response records of one WARC file (from byte ``start``, a record's offset); a damaged tail ends the
    iteration instead of raising.

    Records whose body decodes to more than ``max_body`` bytes are skipped (memory stays bounded: at
    most ``max_body`` plus one decoded block is held); ``on_skip(url, offset, reason)`` hears of each.
    """
    rel = str(warc_path.relative_to(root)).removesuffix(OPEN_SUFFIX)
    with open(warc_path, "rb") as fh:
        fh.seek(start)
        it = ArchiveIterator(fh)
        try:
            for record in it:
                if record.rec_type != "response":
                    continue
                found = _response(record, rel, it.get_record_offset, max_body, on_skip)
                if found is not None:
                    yield found
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            log.warning("%s: stopped reading at a damaged record: %s", rel, exc)


def growing_responses(root: Path, warc_path: Path, start: int = 0) -> Iterator[ArchivedResponse]:
    """Response records of a WARC file that may still be written (``*.open``), from the record at ``start``;
    the record the writer is in the middle of ends the iteration quietly. The last record yielded may be that
    one cut short: a caller trusts a record of an open file only once another follows it."""
    rel = str(warc_path.relative_to(root)).removesuffix(OPEN_SUFFIX)
    with open(warc_path, "rb") as fh:
        fh.seek(start)
        it = ArchiveIterator(fh)
        try:
            for record in it:
                if record.rec_type == "response":
                    found = _response(record, rel, it.get_record_offset, MAX_BODY_BYTES, None)
                    if found is not None:
                        yield found
        except Exception as exc:  # a record cut short fails in many ways; it is read again later
            log.debug("%s: stopped at the record being written: %s", rel, exc)


def _response(record: Any, rel: str, offset_of: Callable[[], int], max_body: int,
              on_skip: Callable[[str, int, str], None] | None) -> ArchivedResponse | None:
    """The record as an ArchivedResponse; ``offset_of`` is asked after the body is read (warcio's offset
    reads the record to its end)."""
    http = record.http_headers
    uri = record.rec_headers.get_header("WARC-Target-URI")
    try:
        body = record.content_stream().read(max_body + 1)
    except Exception as exc:  # a corrupt content-encoding: keep the raw bytes
        log.warning("%s: %s: cannot decode body (%s); using raw payload", rel, uri, exc)
        body = record.raw_stream.read(max_body + 1)
    if len(body) > max_body:
        reason = f"body inflates past {max_body} bytes (the crawl's DOWNLOAD_MAXSIZE); not read back"
        log.warning("%s: %s: %s", rel, uri, reason)
        if on_skip is not None:
            on_skip(uri, offset_of(), reason)
        return None
    date = record.rec_headers.get_header("WARC-Date")
    return ArchivedResponse(
        url=uri,
        status=int(http.get_statuscode() or 0),
        kind=record.rec_headers.get_header(KIND_HEADER) or "",
        headers=list(http.headers),
        body=body,
        fetched_at=datetime.fromisoformat(date.replace("Z", "+00:00")),
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        warc_file=rel,
        offset=offset_of(),
        capture_source=record.rec_headers.get_header(CAPTURE_SOURCE_HEADER) or "live",
        captured_at=_utc(record.rec_headers.get_header(CAPTURE_DATE_HEADER)),
    )


def _utc(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def read_response(root: Path, warc_file: str, offset: int, max_body: int = MAX_BODY_BYTES) -> ArchivedResponse | None:
    """The response record at ``offset`` of a closed WARC file (``warc_file`` relative to ``root``), or None
    when it is not there (a missing or damaged file, another record type, a body past ``max_body``)."""
    path = root / warc_file
    if not path.exists():
        return None
    with open(path, "rb") as fh:
        fh.seek(offset)
        try:
            record = next(iter(ArchiveIterator(fh)), None)
            # not a record's start can still parse as a "response" without HTTP headers (warcio resyncs on
            # what follows): that is no archived response either
            if record is None or record.rec_type != "response" or record.http_headers is None:
                return None
            return _response(record, warc_file, lambda: offset, max_body, None)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            log.warning("%s: no record readable at %d: %s", warc_file, offset, exc)
            return None


def warc_files(root: Path, day: str, outlet: str) -> list[Path]:
    """Closed WARC files of an outlet-day, oldest run first (run ids sort by time)."""
    directory = partition_dir(root, day, outlet)
    return sorted(directory.glob("*.warc.gz")) if directory.is_dir() else []


def new_run_id() -> str:
    """A run id: the UTC time to the microsecond, so WARC and crawl-log names sort oldest run first."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def neighbour_days(day: date) -> tuple[date, date, date]:
    """``day`` and the days either side, in the order their archives are consulted: an outlet's local day
    overlaps two UTC days, so the crawl of D-1 or D+1 may have fetched a page that belongs to D."""
    return day, day - timedelta(days=1), day + timedelta(days=1)


def archived_articles(root: Path, day: str, outlet: str) -> Iterator[ArchivedResponse]:
    """The archived pages of an outlet-day that count as fetched articles (kind ``article``, status 200),
    oldest file first. The pipeline extracts them; the spider does not fetch them again."""
    for path in warc_files(root, day, outlet):
        for rec in iter_responses(root, path):
            if rec.kind == "article" and rec.status == 200:
                yield rec


@dataclass(frozen=True)
class ResponseRef:
    """Where an archived response lies, and what choosing the newest copy of a URL needs (no body)."""

    url: str
    fetched_at: datetime
    warc_file: str  # relative to the data root
    offset: int
    live: bool = True  # fetched from the outlet, not a web archive's capture (a live copy is preferred)
    #: the page itself, not a bot wall answered with status 200 (transforms.blockwall); None: not looked at yet
    page: bool | None = None

    @property
    def rank(self) -> tuple[bool, bool, datetime]:
        assert self.page is not None, "a ref is looked at (seen) before it is ranked"
        return self.page, self.live, self.fetched_at

    def seen(self, rec: ArchivedResponse) -> ResponseRef:
        """This ref with ``page`` known from its record ``rec``."""
        return replace(self, page=detect_wall(rec.status, rec.headers, rec.body) is None)


def newest_refs(root: Path, day: str, outlet: str) -> list[ResponseRef]:
    """Where the newest of :func:`archived_articles` for each normalised URL lies (a re-fetch replaces the older
    copy); no body is kept, so choosing costs the same memory for a day of any size. The page beats a wall (a
    live wall loses to an archive's capture: --source auto), then a live copy wins over any web archive's capture
    of the page, whichever was fetched later. A URL archived once is not looked at for a wall here (the extract
    stage screens every page): only copies that compete are."""
    newest: dict[str, ResponseRef] = {}
    for rec in archived_articles(root, day, outlet):
        key = normalize_url(rec.url)
        ref = ResponseRef(rec.url, rec.fetched_at, rec.warc_file, rec.offset, rec.capture_source == "live")
        if (old := newest.get(key)) is None:
            newest[key] = ref
            continue
        if old.page is None:
            first = read_response(root, old.warc_file, old.offset)
            old = old.seen(first) if first is not None else replace(old, page=False)
        ref = ref.seen(rec)
        newest[key] = ref if ref.rank >= old.rank else old
    return list(newest.values())


def newest_articles(root: Path, day: str, outlet: str) -> list[ArchivedResponse]:
    """The newest of :func:`archived_articles` for each normalised URL, bodies read (all at once: callers with a
    day of real size read :func:`newest_refs` and :func:`read_response` in batches)."""
    found = (read_response(root, ref.warc_file, ref.offset) for ref in newest_refs(root, day, outlet))
    return [rec for rec in found if rec is not None]


class WarcRecoveryError(RuntimeError):
    """An open WARC file could not be checked (not damage: memory, I/O); it was left exactly as it was."""


@dataclass(frozen=True)
class Scan:
    """Where the whole records of a WARC file end, and what stopped the scan there (None: the file end)."""

    good_end: int
    damage: str | None = None
    truncated: bool = False  # the file ends inside a gzip member: what a killed writer leaves


class _RecordCheck:
    """Follows one record's inflated bytes: a WARC header block, then exactly Content-Length + 4 bytes."""

    _LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)[ \t]*\r\n", re.IGNORECASE)

    def __init__(self) -> None:
        self.head = bytearray()
        self.header_end: int | None = None
        self.length: int | None = None
        self.size = 0

    def feed(self, data: bytes) -> str | None:
        self.size += len(data)
        if self.header_end is None:
            self.head += data[: MAX_HEADER_BYTES + 4 - len(self.head)]
            end = self.head.find(b"\r\n\r\n")
            if end >= 0:
                return self._parse(end)
            if len(self.head) > MAX_HEADER_BYTES:
                return "no WARC header end"
        return None

    def _parse(self, end: int) -> str | None:
        self.header_end = end + 4
        block = bytes(self.head[: self.header_end])
        self.head = bytearray()
        if not block.startswith(b"WARC/"):
            return "not a WARC record"
        match = self._LENGTH.search(block)
        if match is None:
            return "WARC header without Content-Length"
        self.length = int(match.group(1))
        return None

    def finish(self) -> str | None:
        if self.header_end is None or self.length is None:
            return "incomplete WARC header"
        want = self.header_end + self.length + 4  # the record ends in CRLF CRLF
        return None if self.size == want else f"record of {self.size} bytes, its header says {want}"


def scan_records(fh: io.BufferedIOBase) -> Scan:
    """Walk a gzip-per-record WARC file member by member, inflating into bounded pieces that are dropped.

    Only damage stops the scan: a member cut short by the end of the file, a corrupt member (zlib,
    CRC) or a member that is not one whole WARC record. MemoryError, OSError etc. propagate.
    """
    good_end, offset, data = 0, 0, b""  # offset: file position of data[0]
    while True:
        if not data:
            data = fh.read(RECOVERY_CHUNK)
            if not data:
                return Scan(good_end)
        start, inflater, check = offset, zlib.decompressobj(16 + zlib.MAX_WBITS), _RecordCheck()
        while not inflater.eof:
            fresh = data or fh.read(RECOVERY_CHUNK)
            try:
                out = inflater.decompress(fresh, RECOVERY_CHUNK)
            except zlib.error as exc:
                return Scan(good_end, f"corrupt gzip member at byte {start}: {exc}")
            if not fresh and not out:  # no input left, nothing buffered, member not ended
                return Scan(good_end, f"file ends inside the gzip member at byte {start}", truncated=True)
            rest = inflater.unused_data if inflater.eof else inflater.unconsumed_tail
            offset += len(fresh) - len(rest)
            data = rest
            problem = check.feed(out)
            if problem:
                return Scan(good_end, f"record at byte {start}: {problem}")
        problem = check.finish()
        if problem:
            return Scan(good_end, f"record at byte {start}: {problem}")
        good_end = offset


def recover_open_files(root: Path, day: str, outlet: str) -> list[Path]:
    """Close files a killed run left open: cut each back to its last whole record, then rename.

    Call it only while holding the outlet-day's lock (a live writer's file is ``.open`` too). A file
    cut short by the kill loses its incomplete last record; bytes after any other damage are kept
    beside it as ``<name>.damaged``. A file that cannot be checked raises WarcRecoveryError, untouched.
    """
    directory = partition_dir(root, day, outlet)
    recovered = []
    for path in sorted(directory.glob(f"*.warc.gz{OPEN_SUFFIX}")) if directory.is_dir() else []:
        try:
            with open(path, "rb") as fh:
                scan = scan_records(fh)
        except Exception as exc:
            raise WarcRecoveryError(f"{path}: cannot check the open WARC file ({type(exc).__name__}: {exc}); "
                                    "left untouched") from exc
        final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
        if scan.damage:
            log.warning("%s: damaged tail after byte %d: %s", path, scan.good_end, scan.damage)
            if not scan.truncated:
                _keep_tail(path, scan.good_end, final.with_name(final.name + DAMAGED_SUFFIX))
            with open(path, "r+b") as fh:
                fh.truncate(scan.good_end)
        if scan.good_end == 0:
            path.unlink()
            continue
        path.rename(final)
        recovered.append(final)
    return recovered


def _keep_tail(path: Path, start: int, target: Path) -> None:
    """Copy the bytes from ``start`` to the end aside (fsynced) before the file is cut there."""
    with open(path, "rb") as src, open(target, "wb") as dst:
        src.seek(start)
        shutil.copyfileobj(src, dst, RECOVERY_CHUNK)
        dst.flush()
        os.fsync(dst.fileno())
