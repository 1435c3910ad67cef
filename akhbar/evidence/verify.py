"""`akhbar verify FILE.wacz`: is this package what its signer made?

In order, each failure a :class:`NotVerified` naming what does not hold:

1. the ZIP: for a package akhbar wrote, every byte outside the files' contents is rebuilt and compared
   (zipstore.read_layout), so no header, directory or end byte can change unseen; a package written by other
   software is read with ``zipfile`` and only its contents are checked (the report says so);
2. ``datapackage-digest.json``'s hash is that of ``datapackage.json``;
3. every file but those two is listed in datapackage.json's resources exactly once, with its size and SHA-256
   (MD5 is refused: it proves nothing against a deliberate change), and no resource is missing;
4. the signature, when there is one (signing.check): made over that hash, with the key the user gives
   (``--public-key``; without it the report shows the key's fingerprint to compare), and its RFC 3161 timestamp
   signed by the server's certificate, chained to ``--tsa-ca`` when given.

A package without signature is verified for integrity only: the report says that anyone could have rewritten it
and its digest together.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from akhbar.evidence import signing, zipstore
from akhbar.evidence.package import DATAPACKAGE, DIGEST, PAGES

#: datapackage.json and the digest larger than this are not ours to parse
MAX_JSON_BYTES = 64 << 20


class NotVerified(Exception):
    """The package does not verify; the message says which part does not hold."""


@dataclass
class Report:
    path: Path
    sha256: str  # of the whole file: what a citation names
    bytes: int
    files: int
    exact_layout: bool  # every byte checked (akhbar's layout), or the contents only
    created: str | None
    software: str | None
    title: str | None
    pages: int
    signed: signing.Checked | None
    akhbar: dict = field(default_factory=dict)


def _open(path: Path) -> BinaryIO:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise ValueError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ValueError(f"{path} is a directory: give a .wacz file") from None
    fh = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        fh.close()
        raise ValueError(f"{path} is not a regular file")
    return fh


def verify(path: str | Path, *, public_key: Path | None = None, tsa_ca: Path | None = None) -> Report:
    """Verify the package at ``path`` (see the module docstring). ValueError: bad input (no such file, a key
    file that is no key); NotVerified: the package does not verify."""
    path = Path(path)
    key = signing.load_public_key(public_key) if public_key else None
    roots = signing.load_certificates(tsa_ca) if tsa_ca else None
    with _open(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        whole = hashlib.sha256()
        while piece := fh.read(1 << 20):
            whole.update(piece)
        try:
            entries = zipstore.read_layout(fh, size)
            reader = _ExactReader(fh, entries)
        except zipstore.LayoutError as exc:
            reader = _zip_reader(fh, exc)
        try:
            return _check(path, reader, whole.hexdigest(), size, key, roots)
        except NotVerified:
            raise
        except (KeyError, TypeError, AttributeError, ValueError, UnicodeError, OverflowError) as exc:
            # a package written elsewhere may hold any JSON: what cannot be read does not verify
            raise NotVerified(f"the package's metadata cannot be read: {exc}") from None


class _ExactReader:
    """Contents of a package in akhbar's layout (headers already checked byte for byte)."""

    exact = True

    def __init__(self, fh: BinaryIO, entries: list[zipstore.Entry]) -> None:
        self.fh = fh
        self.entries = {e.name: e for e in entries}
        self.names = [e.name for e in entries]

    def size(self, name: str) -> int:
        return self.entries[name].size

    def read(self, name: str, limit: int) -> bytes:
        entry = self.entries[name]
        if entry.size > limit:
            raise NotVerified(f"{name} is larger than {limit} bytes")
        self.fh.seek(entry.data_offset)
        data = self.fh.read(entry.size)
        if zlib.crc32(data) != entry.crc:
            raise NotVerified(f"{name}'s bytes do not match its CRC-32: changed")
        return data

    def hash(self, name: str) -> str:
        crc, digest = zipstore.hash_entry(self.fh, self.entries[name])
        if crc != self.entries[name].crc:
            raise NotVerified(f"{name}'s bytes do not match its CRC-32: changed")
        return digest

    def each_line(self, name: str, visit: Callable[[bytes], None]) -> None:
        entry = self.entries[name]
        self.fh.seek(entry.data_offset)
        left, rest = entry.size, b""
        while left:
            piece = self.fh.read(min(zipstore.CHUNK, left))
            left -= len(piece)
            *done, rest = (rest + piece).split(b"\n")
            for line in done:
                visit(line)
        if rest:
            visit(rest)


class _ZipReader(_ExactReader):
    """Contents of a package written by other software, through zipfile (CRC checked by it)."""

    exact = False

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = archive.namelist()
        if len(set(self.names)) != len(self.names):
            raise NotVerified("the ZIP holds two files of one name (which one a reader takes is undefined)")

    def size(self, name: str) -> int:
        return self.archive.getinfo(name).file_size

    def read(self, name: str, limit: int) -> bytes:
        if self.size(name) > limit:
            raise NotVerified(f"{name} is larger than {limit} bytes")
        try:
            return self.archive.read(name)
        except Exception as exc:  # zipfile fails on damaged input in many ways (CRC, flags, methods)
            raise NotVerified(f"{name} cannot be read: {exc}") from None

    def _stream(self, name: str):
        try:
            with self.archive.open(name) as src:
                while piece := src.read(zipstore.CHUNK):
                    yield piece
        except Exception as exc:  # as in read
            raise NotVerified(f"{name} cannot be read: {exc}") from None

    def hash(self, name: str) -> str:
        sha = hashlib.sha256()
        for piece in self._stream(name):
            sha.update(piece)
        return sha.hexdigest()

    def each_line(self, name: str, visit: Callable[[bytes], None]) -> None:
        rest = b""
        for piece in self._stream(name):
            *done, rest = (rest + piece).split(b"\n")
            for line in done:
                visit(line)
        if rest:
            visit(rest)


def _zip_reader(fh: BinaryIO, layout: zipstore.LayoutError) -> _ZipReader:
    """A package not in akhbar's layout: read by zipfile, refused if it says akhbar wrote it (then its layout
    was changed)."""
    try:
        archive = zipfile.ZipFile(fh)
        reader = _ZipReader(archive)
        package = json.loads(reader.read(DATAPACKAGE, MAX_JSON_BYTES)) if DATAPACKAGE in reader.names else {}
    except NotVerified:
        raise
    except Exception as exc:  # damaged or hostile input: zipfile's failures are many
        raise NotVerified(f"not a readable ZIP file ({layout}; {exc})") from None
    if not isinstance(package, dict) or str(package.get("software", "")).startswith("akhbar"):
        raise NotVerified(f"the ZIP structure was changed: {layout}")
    return reader


def _json(reader: _ExactReader, name: str) -> dict:
    if name not in reader.names:
        raise NotVerified(f"no {name} in the package: not a WACZ with a digest")
    try:
        value = json.loads(reader.read(name, MAX_JSON_BYTES))
    except (ValueError, UnicodeDecodeError):
        raise NotVerified(f"{name} is not valid JSON") from None
    if not isinstance(value, dict):
        raise NotVerified(f"{name} is not a JSON object")
    return value


def _check_written_by_us(data: bytes, digest: dict) -> None:
    """The digest file in the form akhbar writes it (package.py), byte for byte: the signature covers only the
    hash, so an edit elsewhere in this file (spacing, a field's text) would otherwise go unseen."""
    if json.dumps(digest, indent=2).encode("utf-8") != data:
        raise NotVerified("datapackage-digest.json is not as akhbar wrote it: changed")


def _check(path: Path, reader: _ExactReader, whole: str, size: int, key, roots) -> Report:
    digest = _json(reader, DIGEST)
    if reader.exact:
        _check_written_by_us(reader.read(DIGEST, MAX_JSON_BYTES), digest)
    package_bytes = reader.read(DATAPACKAGE, MAX_JSON_BYTES) if DATAPACKAGE in reader.names else b""
    package = _json(reader, DATAPACKAGE)
    digest_hash = "sha256:" + hashlib.sha256(package_bytes).hexdigest()
    if digest.get("path") != DATAPACKAGE or digest.get("hash") != digest_hash:
        raise NotVerified("datapackage.json does not match the hash in datapackage-digest.json: changed")
    resources = package.get("resources")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise NotVerified("datapackage.json has no list of resources")
    listed = [r.get("path") for r in resources]
    if not all(isinstance(p, str) for p in listed):
        raise NotVerified("datapackage.json lists a resource without a path")
    files = [n for n in reader.names if n not in (DATAPACKAGE, DIGEST) and not n.endswith("/")]
    if len(set(listed)) != len(listed):
        raise NotVerified("datapackage.json lists a file twice")
    if set(files) - set(listed):
        raise NotVerified(f"files not listed in datapackage.json: {', '.join(sorted(set(files) - set(listed)))}")
    if set(listed) - set(files):
        raise NotVerified(f"files listed in datapackage.json but missing: "
                          f"{', '.join(sorted(map(str, set(listed) - set(files))))}")
    for resource in resources:
        name, want = resource["path"], str(resource.get("hash", ""))
        if not want.startswith("sha256:"):
            raise NotVerified(f"{name} is hashed with {want.split(':')[0] or 'nothing'}, not SHA-256: its "
                              "integrity cannot be shown")
        if resource.get("bytes") != reader.size(name):
            raise NotVerified(f"{name} has {reader.size(name)} bytes, datapackage.json says {resource.get('bytes')}")
        if reader.hash(name) != want.removeprefix("sha256:"):
            raise NotVerified(f"{name} does not match its SHA-256 in datapackage.json: changed")
    checked = None
    if reader.exact and isinstance(digest.get("signedData"), dict):
        said = digest["signedData"]
        if said.get("software") != package.get("software") or \
                said.get("version") != str(package.get("software", "")).split(" ")[-1]:
            raise NotVerified("the signature's software or version differs from datapackage.json's: changed")
    if "signedData" in digest:
        try:
            checked = signing.check(digest["signedData"], digest_hash, package.get("created"), public_key=key,
                                    tsa_roots=roots)
        except signing.SignatureInvalid as exc:
            raise NotVerified(str(exc)) from None
    elif key is not None:
        raise NotVerified("the package is not signed (you gave a key to check its signature against)")
    pages = [0]
    if PAGES in reader.names:
        reader.each_line(PAGES, lambda line: pages.__setitem__(0, pages[0] + (b'"url"' in line)))
    return Report(path, whole, size, len(files) + 2, reader.exact, package.get("created"),
                  package.get("software"), package.get("title"), pages[0], checked,
                  package.get("akhbar") if isinstance(package.get("akhbar"), dict) else {})
