"""The parts of the evidence packages on synthetic archives: the stored ZIP (zip64 included) whose every byte is
checked, memory flat in the number of articles (the index sorted in runs), a missing record failing the export
with nothing written, the ledger behind the citation, the citation's parts."""

from __future__ import annotations

import io
import json
import shutil
import sys
import tracemalloc
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from akhbar.evidence import export_range, ledger, package, zipstore
from akhbar.evidence.records import RecordMissing
from akhbar.evidence.verify import verify
from akhbar.settings import Settings
from akhbar.show import citation

# bench/ is not an installed package: its synthetic archive is imported from the checkout
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.export_bench import generate_warc_archive

ENTRIES = {"archive/akhbar-00000.warc.gz": b"\x1f\x8b" + bytes(range(256)) * 3,
           "pages/pages.jsonl": "{\"title\": \"خبر فوری\"}\n".encode(), "datapackage.json": b"{}"}


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    writer = zipstore.StoredZip(out)
    for name, data in entries.items():
        writer.add_bytes(name, data)
    writer.close()
    return out.getvalue()


@pytest.mark.parametrize("limits", [(0xFFFFFFFF, 0xFFFF), (300, 2)], ids=["zip32", "zip64"])
def test_stored_zip_reads_back_and_every_byte_is_checked(monkeypatch, limits):
    """Offsets past the limit move to zip64 fields (the limits lowered here to reach them with small files)."""
    monkeypatch.setattr(zipstore, "ZIP64_LIMIT", limits[0])
    monkeypatch.setattr(zipstore, "ZIP64_COUNT", limits[1])
    data = _zip(ENTRIES)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None and {n: zf.read(n) for n in zf.namelist()} == ENTRIES
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) and i.compress_type == zipfile.ZIP_STORED
                   for i in zf.infolist())
    assert (b"PK\x06\x06" in data) == (limits[0] == 300)
    entries = zipstore.read_layout(io.BytesIO(data), len(data))
    assert [e.name for e in entries] == list(ENTRIES)
    missed = []
    for at in range(len(data)):
        for mask in (0x01, 0x80):
            changed = bytearray(data)
            changed[at] ^= mask
            fh = io.BytesIO(bytes(changed))
            try:
                found = zipstore.read_layout(fh, len(changed))
                if all(zipstore.hash_entry(fh, e)[0] == e.crc for e in found):
                    missed.append((at, mask))
            except zipstore.LayoutError:
                pass
    assert not missed
    with pytest.raises(zipstore.LayoutError, match="end record"):
        zipstore.read_layout(io.BytesIO(data + b"x"), len(data) + 1)


def test_entry_names_are_plain():
    for name in ("", "/abs", "a/../b", "a\\b", "صفحات.jsonl"):
        with pytest.raises(ValueError):
            _zip({name: b"x"})


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("warc-archives")
    return {n: generate_warc_archive(root / str(n), n, per_partition=75, words=150, noise=200, image=300)
            for n in (150, 600)}


def test_export_memory_is_flat_in_the_number_of_articles(archives, tmp_path, monkeypatch):
    """The Python heap's peak (tracemalloc) exporting 150 and 600 articles, with the in-memory pieces made small
    (copy chunks, index runs, lake batches) so that anything held per article would show; the 1k-10k figures of
    real size are `make bench-export`'s."""
    monkeypatch.setattr(package, "SORT_LINES", 50)
    monkeypatch.setattr(zipstore, "CHUNK", 16 * 1024)
    export_range(Settings(data_dir=archives[150]), tmp_path / "warm.wacz", batch_rows=25)  # imports, caches
    peaks = {}
    for n, data in archives.items():
        tracemalloc.start()
        written = export_range(Settings(data_dir=data), tmp_path / f"{n}.wacz", batch_rows=25)
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert written.pages == n
        with zipfile.ZipFile(tmp_path / f"{n}.wacz") as zf:
            index = zf.read("indexes/index.cdx").splitlines()
        # each page, its lead image, each outlet-day's stylesheet; merged from sorted runs of 50
        assert len(index) == 2 * n + n // 75 and index == sorted(index)
        assert verify(tmp_path / f"{n}.wacz").pages == n
    assert peaks[600] < peaks[150] * 1.15, peaks


@pytest.mark.parametrize("damage", ["truncated", "deleted"])
def test_a_missing_record_fails_the_export_and_writes_nothing(archives, tmp_path, damage):
    data = tmp_path / "data"
    shutil.copytree(archives[150], data)
    warc = sorted((data / "warc").rglob("*.warc.gz"))[-1]
    if damage == "truncated":
        with open(warc, "r+b") as fh:
            fh.truncate(warc.stat().st_size // 2)
    else:
        warc.unlink()
    shutil.rmtree(data / "evidence", ignore_errors=True)
    out = tmp_path / "out" / "package.wacz"
    out.parent.mkdir()
    with pytest.raises(RecordMissing, match=warc.name):
        export_range(Settings(data_dir=data), out)
    assert list(out.parent.iterdir()) == []  # no package, no temporary, no scratch folder
    assert not (data / ledger.LEDGER).exists()


def test_ledger_names_the_newest_package_that_holds_the_article(tmp_path):
    data = tmp_path / "data"
    written = package.Written(tmp_path / "a.wacz", "aa" * 32, 10, 1, "2025-01-08T00:00:00Z")
    assert ledger.remember(data, written, {"kind": "range", "table": "articles", "from": "2025-01-07",
                                           "to": "2025-01-07", "outlets": ["fa-payam"]})
    assert ledger.latest(data, "x", "2025-01-07", "fa-payam")["sha256"] == "aa" * 32
    assert ledger.latest(data, "x", "2025-01-07", "ar-wadi") is None
    assert ledger.latest(data, "x", "2025-01-08", "fa-payam") is None
    ledger.remember(data, written, {"kind": "range", "table": "articles_unique", "from": None, "to": None,
                                    "outlets": []})
    assert ledger.latest(data, "x", "2025-01-07", "ar-wadi") is None  # one row per story: not every article
    newer = package.Written(tmp_path / "b.wacz", "bb" * 32, 10, 1, "2025-01-09T00:00:00Z")
    ledger.remember(data, newer, {"kind": "article", "article_id": "x"})
    assert ledger.latest(data, "x", "2025-01-07", "fa-payam")["sha256"] == "bb" * 32
    with open(data / ledger.LEDGER, "ab") as fh:
        fh.write(b'{"cut by a full disk')
    assert ledger.latest(data, "x", None, None)["sha256"] == "bb" * 32
    assert json.loads((data / ledger.LEDGER).read_text().splitlines()[0])["path"] == str(tmp_path / "a.wacz")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert not ledger.remember(not_a_folder, newer, {"kind": "article", "article_id": "y"})  # said, not raised


def test_citation_parts_in_a_fixed_order():
    rec = {"outlet": "ar-wadi", "title": "  افتتاح موسم\nالتزلج  ", "published_at": None,
           "captured_at": datetime(2019, 5, 1, 10, 0, tzinfo=UTC), "fetched_at": datetime(2025, 1, 7, 20, 0, 5,
                                                                                          tzinfo=UTC),
           "capture_source": "wayback", "url": "https://example.com/a", "replay_url": "http://127.0.0.1:8090/x",
           "wacz": None}
    assert citation(rec) == ("ar-wadi. «افتتاح موسم التزلج». published unknown. captured 2019-05-01T10:00:00Z by "
                             "wayback, fetched 2025-01-07T20:00:05Z. https://example.com/a. archived "
                             "http://127.0.0.1:8090/x.")
    rec |= {"replay_url": None, "wacz": {"sha256": "ab" * 32}, "capture_source": "live", "title": None}
    assert citation(rec) == ("ar-wadi. «untitled». published unknown. captured 2019-05-01T10:00:00Z. "
                             f"https://example.com/a. no archived response. WACZ sha256:{'ab' * 32}.")
