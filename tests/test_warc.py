"""WARC archive: every exchange written, read back, and recovered after a crash."""

import gzip
import subprocess
import sys
from pathlib import Path

from crawler.warc import WarcArchive, iter_responses, recover_open_files, warc_files

PERSIAN = "وزیران امور خارجه در این گفت‌وگو بر همکاری بین‌المللی تأکید کردند."


def _write(archive: WarcArchive, url: str, body: bytes, status: int = 200, kind: str = "article", **kw):
    return archive.write_exchange(
        url=url, method="GET", request_headers=[("User-Agent", "akhbar-test")], request_body=b"",
        status=status, protocol="HTTP/1.1",
        response_headers=[(b"Content-Type", b"text/html; charset=utf-8"), (b"Transfer-Encoding", b"chunked")],
        body=body, kind=kind, **kw,
    )


def test_round_trip_keeps_bytes_and_marks_kind(tmp_path: Path):
    archive = WarcArchive(tmp_path, "2025-01-07", "fa-site", "run1", "test")
    html = f"<html><body><p>{PERSIAN}</p></body></html>".encode()
    rel, offset = _write(archive, "http://127.0.0.11/fa/news/1", html)
    _write(archive, "http://127.0.0.11/rss.xml", b"<rss/>", kind="feed")
    _write(archive, "http://127.0.0.11/missing", b"nope", status=404, kind="other")
    archive.close()

    files = warc_files(tmp_path, "2025-01-07", "fa-site")
    assert [str(p.relative_to(tmp_path)) for p in files] == [rel]
    records = list(iter_responses(tmp_path, files[0]))
    assert [(r.kind, r.status) for r in records] == [("article", 200), ("feed", 200), ("other", 404)]
    first = records[0]
    assert first.body == html and PERSIAN in first.body.decode()
    assert first.offset == offset
    # the body was dechunked by the client: the stored headers must not claim chunking
    assert first.header("Transfer-Encoding") is None
    assert first.header("content-type") == "text/html; charset=utf-8"


def test_gzip_body_is_stored_raw_and_read_decoded(tmp_path: Path):
    archive = WarcArchive(tmp_path, "2025-01-07", "ar-site", "run1", "test")
    html = "<p>أعلنت الولايات المتحدة واليابان التزامهما</p>".encode()
    archive.write_exchange(
        url="http://127.0.0.12/a", method="GET", request_headers=[], request_body=b"", status=200,
        protocol="HTTP/1.1", response_headers=[(b"Content-Encoding", b"gzip")], body=gzip.compress(html),
        kind="article",
    )
    archive.close()
    (rec,) = iter_responses(tmp_path, warc_files(tmp_path, "2025-01-07", "ar-site")[0])
    assert rec.body == html


def test_warcio_cli_indexes_the_file(tmp_path: Path):
    archive = WarcArchive(tmp_path, "2025-01-07", "fa-site", "run1", "test")
    _write(archive, "http://127.0.0.11/fa/news/1", b"<p>x</p>")
    archive.close()
    path = warc_files(tmp_path, "2025-01-07", "fa-site")[0]
    warcio = str(Path(sys.executable).parent / "warcio")
    out = subprocess.run([warcio, "index", str(path)], check=True, capture_output=True, text=True).stdout
    types = [line for line in out.splitlines() if '"warc-type"' in line]
    assert len(types) == 3 and "response" in out and "request" in out and "warcinfo" in out


def test_killed_writer_leaves_open_file_that_recovers_to_whole_records(tmp_path: Path):
    archive = WarcArchive(tmp_path, "2025-01-07", "fa-site", "run1", "test")
    offsets = [_write(archive, f"http://127.0.0.11/fa/news/{i}", f"<p>{PERSIAN} {i}</p>".encode())[1]
               for i in range(3)]
    open_file = next((tmp_path / "warc").rglob("*.open"))
    assert warc_files(tmp_path, "2025-01-07", "fa-site") == []  # not visible as finished
    # simulate SIGKILL in the middle of the third response record
    data = open_file.read_bytes()
    open_file.write_bytes(data[: offsets[2] + 60])
    recovered = recover_open_files(tmp_path, "2025-01-07", "fa-site")
    assert len(recovered) == 1 and not list((tmp_path / "warc").rglob("*.open"))
    urls = [r.url for r in iter_responses(tmp_path, recovered[0])]
    assert urls == ["http://127.0.0.11/fa/news/0", "http://127.0.0.11/fa/news/1"]
