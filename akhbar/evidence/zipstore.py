"""A ZIP file of stored entries whose every byte follows from the entries' names and contents.

Why a writer of our own rather than ``zipfile``: a verifier can then rebuild every byte that is not an entry's
content (the headers, the central directory, the end records) from the names, sizes and CRCs, and compare. The
contents are covered by their SHA-256 in ``datapackage.json`` (and that file by the signed digest), so a byte
changed anywhere in the file, header or content, is found; with ``zipfile``'s output a flipped byte in a
modification time or an attribute field would change nothing a content hash sees.

Layout (PKWARE APPNOTE 6.3): for each entry a local header (30 bytes and the name, no extra field) and the data,
stored (WACZ keeps WARC and index bytes uncompressed for random access; the other files are small); then the
central directory, one record per entry (46 bytes and the name, and a zip64 extra field holding the offset once
an entry starts past 4 GiB); then, past 65,535 entries or 4 GiB, the zip64 end record and its locator; then the
end record, without comment. Fixed fields: DOS time 1980-01-01 00:00 (the creation time is in
``datapackage.json``), made by Unix, version 2.0 needed (4.5 with zip64), flags 0 (names are ASCII), a regular
file readable by all. An entry is at most 4 GiB - 1 (the writer refuses more): the local header needs no zip64.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

#: past this, sizes and offsets move to zip64 fields (a module value so tests can lower it)
ZIP64_LIMIT = 0xFFFFFFFF
#: entries past which the count moves to the zip64 end record
ZIP64_COUNT = 0xFFFF
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_END64 = struct.Struct("<IQHHIIQQQQ")
_LOCATOR64 = struct.Struct("<IIQI")
#: what an overflowing field holds (the value is then in a zip64 field)
_MARK32, _MARK16 = 0xFFFFFFFF, 0xFFFF
_DOS_DATE = (1 << 5) | 1  # 1980-01-01
_MADE_BY = (3 << 8) | 30  # Unix, 3.0
_ATTRIBUTES = 0o100644 << 16  # regular file, rw-r--r--
CHUNK = 1 << 20


class LayoutError(ValueError):
    """The file is not the layout this module writes (which bytes differ is in the message)."""


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    crc: int
    offset: int  # of the local header
    sha256: str = ""  # hex, when written or read here

    @property
    def data_offset(self) -> int:
        return self.offset + _LOCAL.size + len(self.name)


def _name_bytes(name: str) -> bytes:
    if not name or not name.isascii() or name.startswith("/") or "\\" in name or ".." in name.split("/"):
        raise ValueError(f"not a plain ASCII entry name: {name!r}")
    return name.encode("ascii")


def local_header(name: str, crc: int, size: int) -> bytes:
    raw = _name_bytes(name)
    return _LOCAL.pack(0x04034B50, 20, 0, 0, 0, _DOS_DATE, crc, size, size, len(raw), 0) + raw


def central_header(entry: Entry) -> bytes:
    raw = _name_bytes(entry.name)
    zip64 = entry.offset >= ZIP64_LIMIT
    extra = struct.pack("<HHQ", 0x0001, 8, entry.offset) if zip64 else b""
    return _CENTRAL.pack(0x02014B50, _MADE_BY, 45 if zip64 else 20, 0, 0, 0, _DOS_DATE, entry.crc, entry.size,
                         entry.size, len(raw), len(extra), 0, 0, 0, _ATTRIBUTES,
                         _MARK32 if zip64 else entry.offset) + raw + extra


def end_records(count: int, directory_offset: int, directory_size: int) -> bytes:
    """The end of the file after the central directory: zip64 records when a field would overflow, then the end
    record (its overflowing fields at their all-ones marker)."""
    short_count = _MARK16 if count >= ZIP64_COUNT else count
    short_size = _MARK32 if directory_size >= ZIP64_LIMIT else directory_size
    short_offset = _MARK32 if directory_offset >= ZIP64_LIMIT else directory_offset
    out = b""
    if (short_count, short_size, short_offset) != (count, directory_size, directory_offset):
        out += _END64.pack(0x06064B50, _END64.size - 12, _MADE_BY, 45, 0, 0, count, count, directory_size,
                           directory_offset)
        out += _LOCATOR64.pack(0x07064B50, 0, directory_offset + directory_size, 1)
    return out + _END.pack(0x06054B50, 0, 0, short_count, short_count, short_size, short_offset, 0)


class EntryWriter:
    """Data of the open entry: CRC-32, SHA-256 and size kept as it is written."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.size = 0
        self.crc = 0
        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> int:
        if self.size + len(data) >= _MARK32:
            raise ValueError("a file of the package reached 4 GiB: export fewer days or outlets at a time")
        self._fh.write(data)
        self.size += len(data)
        self.crc = zlib.crc32(data, self.crc)
        self.sha.update(data)
        return len(data)

    def copy_from(self, src: BinaryIO, length: int | None = None) -> int:
        """Copy ``length`` bytes (None: to the end) of ``src`` in pieces of CHUNK; returns the bytes copied."""
        done = 0
        while length is None or done < length:
            piece = src.read(CHUNK if length is None else min(CHUNK, length - done))
            if not piece:
                break
            self.write(piece)
            done += len(piece)
        if length is not None and done != length:
            raise EOFError(f"{length - done} bytes missing at the end of a copied record")
        return done


class StoredZip:
    """Write entries one at a time to a seekable file opened for writing at its start; :meth:`close` writes the
    central directory and the end records. The file holds nothing else."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.entries: list[Entry] = []
        self._names: set[str] = set()
        self._open: tuple[str, int, EntryWriter] | None = None

    def begin(self, name: str) -> EntryWriter:
        """Start an entry: its data goes through the writer returned, until :meth:`end`."""
        if self._open is not None:
            raise RuntimeError("one entry at a time")
        if name in self._names:
            raise ValueError(f"entry {name} written twice")
        start = self._fh.tell()
        self._fh.write(local_header(name, 0, 0))
        self._open = (name, start, EntryWriter(self._fh))
        return self._open[2]

    def end(self) -> Entry:
        """Complete the open entry's local header (CRC and sizes, now known)."""
        assert self._open is not None
        name, start, writer = self._open
        self._open = None
        end = self._fh.tell()
        self._fh.seek(start)
        self._fh.write(local_header(name, writer.crc, writer.size))
        self._fh.seek(end)
        self._names.add(name)
        self.entries.append(Entry(name, writer.size, writer.crc, start, writer.sha.hexdigest()))
        return self.entries[-1]

    @contextmanager
    def entry(self, name: str) -> Iterator[EntryWriter]:
        """An entry written through the yielded writer (:meth:`begin` … :meth:`end`)."""
        writer = self.begin(name)
        yield writer
        self.end()

    def add_bytes(self, name: str, data: bytes) -> Entry:
        with self.entry(name) as out:
            out.write(data)
        return self.entries[-1]

    def add_file(self, name: str, src: BinaryIO) -> Entry:
        with self.entry(name) as out:
            out.copy_from(src)
        return self.entries[-1]

    def close(self) -> None:
        if self._open is not None:
            raise RuntimeError(f"entry {self._open[0]} is still open")
        directory_offset = self._fh.tell()
        directory = b"".join(central_header(e) for e in self.entries)
        self._fh.write(directory)
        self._fh.write(end_records(len(self.entries), directory_offset, len(directory)))


def _read_at(fh: BinaryIO, offset: int, length: int) -> bytes:
    fh.seek(offset)
    data = fh.read(length)
    if len(data) != length:
        raise LayoutError(f"the file ends inside a record at byte {offset}")
    return data


#: a central directory larger than this is not one we wrote (a few records per WARC file)
MAX_DIRECTORY = 64 << 20


def read_layout(fh: BinaryIO, file_size: int) -> list[Entry]:
    """The entries of a file this module wrote, every byte outside the entries' data checked: the end records,
    the central directory and each local header must be exactly what :class:`StoredZip` writes for these names,
    sizes and CRCs, laid end to end from byte 0 to the file's end. LayoutError names the first difference.
    The data itself is not read (see :func:`hash_entry`)."""
    if file_size < _END.size:
        raise LayoutError("too short to be a ZIP file")
    sig, _, _, count, total, directory_size, directory_offset, _comment = _END.unpack(
        _read_at(fh, file_size - _END.size, _END.size))
    if sig != 0x06054B50:
        raise LayoutError("no ZIP end record in the file's last 22 bytes (a comment or bytes appended?)")
    if _MARK16 in (count, total) or _MARK32 in (directory_size, directory_offset):
        at = file_size - _END.size - _LOCATOR64.size
        if at < 0:
            raise LayoutError("the zip64 locator is missing")
        sig, _, end64_at, _ = _LOCATOR64.unpack(_read_at(fh, at, _LOCATOR64.size))
        if sig != 0x07064B50 or end64_at > at:
            raise LayoutError("the zip64 locator is damaged")
        fields = _END64.unpack(_read_at(fh, end64_at, _END64.size))
        if fields[0] != 0x06064B50:
            raise LayoutError("the zip64 end record is damaged")
        count, directory_size, directory_offset = fields[6], fields[8], fields[9]
    if directory_size > MAX_DIRECTORY or directory_offset + directory_size > file_size:
        raise LayoutError("the central directory's size or offset is impossible")
    directory = _read_at(fh, directory_offset, directory_size)
    entries = _parse_directory(directory, count)
    rebuilt_directory = b"".join(central_header(e) for e in entries)
    if rebuilt_directory != directory:
        raise LayoutError(f"the central directory differs from akhbar's layout at byte "
                          f"{directory_offset + _first_difference(rebuilt_directory, directory)}")
    tail = end_records(len(entries), directory_offset, directory_size)
    if directory_offset + directory_size + len(tail) != file_size or \
            _read_at(fh, file_size - len(tail), len(tail)) != tail:
        raise LayoutError("the end records differ from akhbar's layout")
    at = 0
    for e in entries:
        if e.offset != at:
            raise LayoutError(f"{e.name} starts at byte {e.offset}, the previous entry ends at {at}")
        header = local_header(e.name, e.crc, e.size)
        found = _read_at(fh, at, len(header))
        if found != header:
            raise LayoutError(f"the local header of {e.name} differs from akhbar's layout at byte "
                              f"{at + _first_difference(header, found)}")
        at += len(header) + e.size
    if at != directory_offset:
        raise LayoutError(f"{directory_offset - at} bytes between the last entry and the central directory")
    return entries


def _parse_directory(directory: bytes, count: int) -> list[Entry]:
    entries, at = [], 0
    for _ in range(count):
        if at + _CENTRAL.size > len(directory):
            raise LayoutError("the central directory ends early")
        fields = _CENTRAL.unpack_from(directory, at)
        if fields[0] != 0x02014B50:
            raise LayoutError(f"central directory record {len(entries) + 1} is damaged")
        crc, size, name_len, extra_len, comment_len, offset = fields[7], fields[9], fields[10], fields[11], \
            fields[12], fields[16]
        start = at + _CENTRAL.size
        try:
            name = directory[start:start + name_len].decode("ascii")
        except UnicodeDecodeError:
            raise LayoutError(f"central directory record {len(entries) + 1} has a non-ASCII name") from None
        extra = directory[start + name_len:start + name_len + extra_len]
        if offset == _MARK32 and len(extra) == 12:
            offset = struct.unpack_from("<Q", extra, 4)[0]
        entries.append(Entry(name, size, crc, offset))
        at = start + name_len + extra_len + comment_len
    if at != len(directory):
        raise LayoutError("the central directory holds more than its records")
    try:
        for e in entries:
            _name_bytes(e.name)
    except ValueError as exc:
        raise LayoutError(str(exc)) from None
    return entries


def _first_difference(a: bytes, b: bytes) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def hash_entry(fh: BinaryIO, entry: Entry) -> tuple[int, str]:
    """(CRC-32, SHA-256 hex) of an entry's data, read in pieces."""
    fh.seek(entry.data_offset)
    crc, sha, left = 0, hashlib.sha256(), entry.size
    while left:
        piece = fh.read(min(CHUNK, left))
        if not piece:
            raise LayoutError(f"the file ends inside {entry.name}")
        crc = zlib.crc32(piece, crc)
        sha.update(piece)
        left -= len(piece)
    return crc, sha.hexdigest()
