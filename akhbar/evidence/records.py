"""The WARC records a package carries: found in our WARC files, copied byte for byte, indexed by pywb.

A record is copied as the gzip member the crawler wrote (``crawler/warc.py`` compresses each record on its
own), so its bytes, WARC-Record-ID, WARC-Date and digests in the package are those of the archive: anyone holding
our WARC file can compare. An archived response is followed by its request record (``WARC-Concurrent-To``); both
are copied. pywb's indexer (in pywb's own venv, as akhbar.replay runs it) reads the package's WARC bytes from a
pipe as they are written, so the package's CDXJ index is pywb's own and no WARC byte is read twice.

Every capture of an article's URLs is found in the replay index (one CDXJ file per WARC file, kept by
akhbar.replay), with pywb's canonical URL keys: the same lookup that pywb's Memento TimeMap makes.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from akhbar import replay
from akhbar.evidence import zipstore
from akhbar.settings import Settings

#: run by pywb's Python: the WARC on stdin, CDXJ lines (unsorted: the package sorts them in bounded memory) to
#: argv[2], the WARC named argv[1] in them
_INDEXER = """
import sys
from pywb.indexer.cdxindexer import write_cdx_index
with open(sys.argv[2], "wb") as out:
    write_cdx_index(out, sys.stdin.buffer, sys.argv[1], cdxj=True, sort=False)
"""

#: run by pywb's Python: stdin {"folder": CDXJ folder, "urls": [...]}; stdout every index line of those URLs
#: (pywb's canonical key, an exact match in each sorted CDXJ file by binary search)
_LOOKUP = """
import json, os, sys
from pywb.utils.binsearch import iter_exact
from pywb.utils.canonicalize import canonicalize
job = json.load(sys.stdin)
keys = set()
for url in job["urls"]:
    try:
        keys.add(canonicalize(url).encode("utf-8"))
    except Exception:
        pass
out = sys.stdout.buffer
for name in sorted(os.listdir(job["folder"])):
    if name.endswith(".cdxj"):
        with open(os.path.join(job["folder"], name), "rb") as fh:
            for key in sorted(keys):
                for line in iter_exact(fh, key):
                    out.write(line.rstrip(b"\\n") + b"\\n")
"""


class RecordMissing(ValueError):
    """A record the lake or the index names is not where it says (a moved, cut or replaced WARC file)."""


@dataclass(frozen=True)
class Span:
    """Where one archived response and the records copied with it lie in a WARC file of the archive."""

    warc_file: str  # relative to the data dir: warc/day=…/outlet=…/….warc.gz
    offset: int
    length: int  # the response and its request record, end to end
    record_id: str
    url: str
    date: str  # WARC-Date as written
    status: int | None
    has_request: bool


def warc_path(data_dir: Path, warc_file: str) -> Path:
    """The WARC file a lake row names, which must lie under ``<data>/warc``."""
    root = (data_dir / "warc").resolve()
    path = (data_dir / warc_file).resolve()
    if not path.is_relative_to(root) or not warc_file.endswith(".warc.gz"):
        raise RecordMissing(f"{warc_file} is not a WARC file of the archive (<data>/warc/…/*.warc.gz)")
    return path


def read_span(fh: BinaryIO, warc_file: str, offset: int, record_id: str | None = None) -> Span:
    """The response record at ``offset`` of an open WARC file and its request record right after it (both read
    through, nothing kept); RecordMissing when it is not a response, or not the one ``record_id`` names."""
    fh.seek(offset)
    it = ArchiveIterator(fh)
    try:
        record = next(it, None)
        if record is None or record.rec_type != "response":
            found = "nothing" if record is None else f"a {record.rec_type} record"
            raise RecordMissing(f"{warc_file} holds {found} at byte {offset}, not an archived response")
        headers = record.rec_headers
        rid = headers.get_header("WARC-Record-ID")
        if record_id and rid != record_id:
            raise RecordMissing(f"{warc_file} holds record {rid} at byte {offset}, the lake names {record_id}")
        status = record.http_headers.get_statuscode() if record.http_headers else None
        it.read_to_end(record)
        length = it.get_record_length()
        has_request = False
        follower = next(it, None)
        if follower is not None and follower.rec_type == "request" and \
                follower.rec_headers.get_header("WARC-Concurrent-To") == rid:
            it.read_to_end(follower)
            length += it.get_record_length()
            has_request = True
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        if isinstance(exc, RecordMissing):
            raise
        raise RecordMissing(f"{warc_file}: no readable record at byte {offset} ({exc})") from None
    finally:
        it.close()  # its decompressor and buffers now, not at the next garbage collection (memory stays flat)
    return Span(warc_file, offset, length, rid, headers.get_header("WARC-Target-URI") or "",
                headers.get_header("WARC-Date") or "", int(status) if status and status.isdigit() else None,
                has_request)


def requisite_offsets(data_dir: Path, warc_file: str) -> list[int]:
    """Offsets of the requisite responses (an article's lead image and stylesheets, crawler.requisites) in one WARC
    file of the archive: read through once, nothing kept but the offsets (a crawl's are capped)."""
    from akhbar.crawler.requisites import REQUISITE
    from akhbar.crawler.warc import KIND_HEADER

    found: list[int] = []
    with open(warc_path(data_dir, warc_file), "rb") as fh:
        it = ArchiveIterator(fh)
        try:
            for record in it:
                if record.rec_type == "response" and record.rec_headers.get_header(KIND_HEADER) == REQUISITE:
                    found.append(it.get_record_offset())
        except (ArchiveLoadFailed, EOFError, OSError, ValueError):
            pass  # a damaged tail: the records before it are carried
        finally:
            it.close()
    return found


def warcinfo_length(fh: BinaryIO) -> int:
    """Length of the warcinfo record a WARC file starts with (0: it starts with another record)."""
    fh.seek(0)
    it = ArchiveIterator(fh)
    try:
        record = next(it, None)
        if record is None or record.rec_type != "warcinfo":
            return 0
        it.read_to_end(record)
        return it.get_record_length()
    except (ArchiveLoadFailed, EOFError, OSError, ValueError):
        return 0
    finally:
        it.close()


class Indexer:
    """pywb's CDXJ indexer reading a WARC from a pipe (see the module docstring); lines go to ``out``."""

    def __init__(self, settings: Settings, name: str, out: Path, errors: Path) -> None:
        self.out = out
        self._errors_path = errors
        self._errors = open(errors, "wb")
        self._proc = subprocess.Popen([str(replay.pywb_tool(settings, "python")), "-I", "-c", _INDEXER, name,
                                       str(out)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                      stderr=self._errors)

    def write(self, data: bytes) -> None:
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(data)
        except BrokenPipeError:
            self._failed()

    def close(self) -> Path:
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.close()
        except BrokenPipeError:
            pass
        code = self._proc.wait()
        self._errors.close()
        if code:
            self._failed()
        return self.out

    def kill(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._errors.close()

    def _failed(self) -> None:
        self._proc.wait()
        self._errors.close()
        said = self._errors_path.read_text(errors="replace").strip()[-500:]
        raise RuntimeError(f"pywb's indexer failed ({self._proc.returncode}): {said}")


@dataclass(frozen=True)
class IndexHit:
    """One capture of a URL in the replay index."""

    warc_file: str  # relative to the data dir
    offset: int
    url: str
    timestamp: str  # 14 digits
    status: str | None


def captures(settings: Settings, urls: list[str]) -> list[IndexHit]:
    """Every capture of ``urls`` in the archive's WARC files, by pywb's canonical URL: the replay index brought up
    to date first (akhbar.replay.index_warcs), then looked up in pywb's Python."""
    replay.index_warcs(settings)
    folder = replay.replay_dir(settings.data_dir.resolve()) / replay.CDXJ_DIR
    if not folder.is_dir():
        return []
    done = subprocess.run([str(replay.pywb_tool(settings, "python")), "-I", "-c", _LOOKUP],
                          input=json.dumps({"folder": str(folder), "urls": urls}).encode(), capture_output=True,
                          timeout=3600)
    if done.returncode:
        raise RuntimeError(f"pywb's index lookup failed ({done.returncode}): "
                          f"{done.stderr.decode(errors='replace').strip()[-500:]}")
    hits = {}
    for line in done.stdout.splitlines():
        key_ts, _, fields = line.partition(b" {")
        try:
            found: dict[str, Any] = json.loads(b"{" + fields)
            hit = IndexHit("warc/" + found["filename"], int(found["offset"]), found["url"],
                           key_ts.split(b" ")[-1].decode(), found.get("status"))
        except (ValueError, KeyError):
            continue
        hits[(hit.warc_file, hit.offset)] = hit
    return sorted(hits.values(), key=lambda h: (h.timestamp, h.warc_file, h.offset))


def copy_bytes(src: BinaryIO, offset: int, length: int, sinks: list[Any], name: str = "the WARC file") -> None:
    """Copy ``length`` bytes of ``src`` (``name``) from ``offset`` to every sink's ``write``, zipstore.CHUNK at a
    time."""
    src.seek(offset)
    left = length
    while left:
        piece = src.read(min(zipstore.CHUNK, left))
        if not piece:
            raise RecordMissing(f"{name} ends {left} bytes into the record at byte {offset}")
        for sink in sinks:
            sink.write(piece)
        left -= len(piece)


def lines(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        yield from fh
