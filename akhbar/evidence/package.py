"""Writing a WACZ package (WACZ 1.1.1, specs.webrecorder.net) of archived articles.

Layout::

    archive/akhbar-00000.warc.gz   the records, copied byte for byte (akhbar.evidence.records); a new file past
                                   WARC_ROLL_BYTES; each starts with a warcinfo record of its own, and each
                                   source file's warcinfo precedes the first record taken from it
    indexes/index.cdx              pywb's CDXJ lines for those files, sorted (runs of SORT_LINES merged)
    pages/pages.jsonl              one line per capture: id, url, ts (the record's WARC-Date), title, and ours:
                                   article_id, outlet, day, status, published_at, captured_at, capture_source,
                                   canonical_url, language, warc_record_id
    datapackage.json               the resources with their sha256 and size, created, software, title, and
                                   "akhbar" (what was exported)
    datapackage-digest.json        sha256 of datapackage.json and, with a key, its signature (signing.py)

Memory stays flat in the size of the export: records are copied a piece at a time, the lake's rows arrive in
record batches, the pages and index lines go through files beside the output, and the index is sorted in runs.
The package appears complete or not at all: it is written to a hidden temporary file beside the output and
renamed (akhbar.export.replaced_atomically), the scratch files in a hidden folder beside it, removed after.
"""

from __future__ import annotations

import hashlib
import heapq
import io
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from akhbar.evidence import records, zipstore
from akhbar.evidence.zipstore import EntryWriter, StoredZip
from akhbar.settings import Settings

WACZ_VERSION = "1.1.1"
WARC_ROLL_BYTES = 1_000_000_000
SORT_LINES = 20_000
#: the package's own files (everything else is listed in datapackage.json's resources)
DATAPACKAGE = "datapackage.json"
DIGEST = "datapackage-digest.json"
PAGES = "pages/pages.jsonl"
INDEX = "indexes/index.cdx"


def software() -> str:
    from importlib.metadata import version

    return f"akhbar {version('akhbar')}"


def iso(value: datetime | date | str | None) -> str | None:
    """RFC 3339 in UTC with Z, or None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


@dataclass(frozen=True)
class Wanted:
    """One capture to carry: where its response lies, and what its page line says besides the record."""

    warc_file: str
    offset: int
    record_id: str | None  # the lake's WARC-Record-ID for it, checked (None: found by the index)
    page: dict[str, Any] | None  # None: a page's requisite (its lead image, a stylesheet), carried but no page


@dataclass(frozen=True)
class Written:
    """A package written: its file, its SHA-256, what it holds."""

    path: Path
    sha256: str
    bytes: int
    pages: int
    created: str
    signed_by: str | None = None
    timestamp: str | None = None


class _Tee:
    def __init__(self, *sinks: Any) -> None:
        self.sinks = sinks

    def write(self, data: bytes) -> None:
        for sink in self.sinks:
            sink.write(data)


class PackageWriter:
    """Adds captures to a package being written into ``fh``; :meth:`finish` writes the index, the pages and the
    data package files. ``scratch``: a folder for the pages and index lines until then."""

    def __init__(self, settings: Settings, fh: BinaryIO, scratch: Path, name: str) -> None:
        self.settings = settings
        self.data_dir = settings.data_dir.resolve()
        self.zip = StoredZip(fh)
        self.scratch = scratch
        self.name = name
        self.pages = 0
        self._pages = open(scratch / "pages.jsonl", "wb")
        header = {"format": "json-pages-1.0", "id": "pages", "title": f"Pages of {name}"}
        self._pages.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
        self._index_parts: list[Path] = []
        self._warc: EntryWriter | None = None
        self._indexer: records.Indexer | None = None
        self._sink: _Tee | None = None
        self._infos: set[str] = set()
        self._source: tuple[str, BinaryIO] | None = None
        self._last: tuple[str, int] | None = None

    def add(self, wanted: Wanted) -> bool:
        """Copy one capture (its response, its request, its file's warcinfo once per package WARC); False when
        it was the capture added just before (rows naming one record twice)."""
        where = (wanted.warc_file, wanted.offset)
        if where == self._last:
            return False
        src = self._open_source(wanted.warc_file)
        span = records.read_span(src, wanted.warc_file, wanted.offset, wanted.record_id)
        sink = self._sink_for(span.length)
        if wanted.warc_file not in self._infos:
            self._infos.add(wanted.warc_file)
            info = records.warcinfo_length(src)
            if info:
                records.copy_bytes(src, 0, info, [sink], wanted.warc_file)
        records.copy_bytes(src, span.offset, span.length, [sink], wanted.warc_file)
        self._last = where
        if wanted.page is None:
            return True
        page = {"id": span.record_id.strip("<>").removeprefix("urn:uuid:").replace("-", ""), "url": span.url,
                "ts": span.date, **{k: v for k, v in wanted.page.items() if v is not None},
                "status": span.status, "warc_record_id": span.record_id}
        self._pages.write(json.dumps(page, ensure_ascii=False, default=iso).encode("utf-8") + b"\n")
        self.pages += 1
        return True

    def _open_source(self, warc_file: str) -> BinaryIO:
        if self._source is None or self._source[0] != warc_file:
            if self._source is not None:
                self._source[1].close()
            path = records.warc_path(self.data_dir, warc_file)
            try:
                self._source = (warc_file, open(path, "rb"))
            except FileNotFoundError:
                raise records.RecordMissing(f"{warc_file} is not in {self.data_dir} (moved or deleted?)") from None
        return self._source[1]

    def _sink_for(self, length: int) -> _Tee:
        if self._warc is not None and self._warc.size and self._warc.size + length > WARC_ROLL_BYTES:
            self._close_warc()
        if self._sink is None:
            name = f"akhbar-{len(self._index_parts):05d}.warc.gz"
            self._warc = self.zip.begin(f"archive/{name}")
            part = self.scratch / f"index-{len(self._index_parts):05d}.cdxj"
            self._indexer = records.Indexer(self.settings, name, part, self.scratch / "indexer.err")
            self._index_parts.append(part)
            self._sink = _Tee(self._warc, self._indexer)
            self._sink.write(_warcinfo(name, self.name))
            self._infos = set()
        return self._sink

    def _close_warc(self) -> None:
        if self._sink is None:
            return
        assert self._indexer is not None
        self._indexer.close()
        self.zip.end()
        self._warc = self._indexer = self._sink = None

    def finish(self, metadata: dict[str, Any], sign: Callable[[str, str], dict[str, str]] | None = None) -> str:
        """Write the index, the pages and the data package files, and close the ZIP; returns ``created``."""
        if not self.pages:
            raise ValueError("nothing to package: no archived response was found")
        self._close_warc()
        if self._source is not None:
            self._source[1].close()
        with self.zip.entry(INDEX) as out:
            for line in _sorted_lines(self._index_parts, self.scratch):
                out.write(line)
        self._pages.close()
        with open(self.scratch / "pages.jsonl", "rb") as pages:
            self.zip.add_file(PAGES, pages)
        created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        package = {
            "profile": "data-package",
            "wacz_version": WACZ_VERSION,
            **metadata,
            "created": created,
            "software": software(),
            "resources": [{"name": e.name.rsplit("/", 1)[-1].lower(), "path": e.name, "hash": f"sha256:{e.sha256}",
                           "bytes": e.size} for e in self.zip.entries],
        }
        data = json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")
        self.zip.add_bytes(DATAPACKAGE, data)
        digest = {"path": DATAPACKAGE, "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
        if sign is not None:
            digest["signedData"] = sign(digest["hash"], created)
        self.zip.add_bytes(DIGEST, json.dumps(digest, indent=2).encode("utf-8"))
        self.zip.close()
        return created

    def abort(self) -> None:
        """Stop the indexer and close what is open (the caller removes the files)."""
        if self._indexer is not None:
            self._indexer.kill()
        if self._source is not None:
            self._source[1].close()
        self._pages.close()


def _warcinfo(name: str, package: str) -> bytes:
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record(name, {
        "software": software(), "format": "WARC File Format 1.1", "isPartOf": package,
        "description": "Records copied byte for byte from akhbar's WARC files: each archived response with its "
                       "request, after the warcinfo record of the file it comes from.",
    }))
    return out.getvalue()


def _sorted_lines(parts: list[Path], scratch: Path) -> Iterator[bytes]:
    """Every line of ``parts`` in byte order, SORT_LINES at a time in memory: sorted runs on disk, merged."""
    runs: list[Path] = []
    chunk: list[bytes] = []

    def spill() -> None:
        run = scratch / f"run-{len(runs):05d}"
        with open(run, "wb") as fh:
            fh.writelines(sorted(chunk))
        runs.append(run)
        chunk.clear()

    for part in parts:
        for line in records.lines(part):
            chunk.append(line if line.endswith(b"\n") else line + b"\n")
            if len(chunk) >= SORT_LINES:
                spill()
    if not runs:
        yield from sorted(chunk)
        return
    if chunk:
        spill()
    with ExitStack() as stack:
        yield from heapq.merge(*(stack.enter_context(open(r, "rb")) for r in runs))


def write_package(settings: Settings, target: Path, wanted: Iterable[Wanted], metadata: dict[str, Any],
                  sign: Callable[[str, str], dict[str, str]] | None = None) -> tuple[int, str]:
    """Write the package of ``wanted`` (in the order given: by WARC file and offset reads each file once) to
    ``target`` atomically; returns (pages, created)."""
    from akhbar.export import replaced_atomically

    with tempfile.TemporaryDirectory(prefix=f".{target.name}.", suffix=".scratch", dir=target.parent) as scratch, \
            replaced_atomically(target) as fh:
        writer = PackageWriter(settings, fh, Path(scratch), target.name)
        try:
            for item in wanted:
                writer.add(item)
            created = writer.finish(metadata, sign)
        except BaseException:
            writer.abort()
            raise
    return writer.pages, created


def file_sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as fh:
        while piece := fh.read(zipstore.CHUNK):
            sha.update(piece)
    return sha.hexdigest()
