"""The night's throughput machinery on real Persian/Arabic test-web pages: bodies read back one record at a time
(the same records, the same order as reading a whole day), a WARC file read while it is written, one pool for
the night whose workers hold no outlet-day lock, extraction during the crawl that gives exactly the rows the
stage gives without it, and the stage reading a day in bounded batches."""

from __future__ import annotations

import os
import shutil
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from akhbar.crawler.warc import (
    OPEN_SUFFIX,
    WarcArchive,
    archived_articles,
    growing_responses,
    iter_responses,
    newest_articles,
    read_response,
    warc_files,
)
from akhbar.outlets.registry import load_outlets
from akhbar.pipeline import executor, night, steps
from akhbar.pipeline.executor import night_pool, run_jobs
from akhbar.pipeline.prefetch import MISSING, Prefetch
from akhbar.transforms.identity import normalize_url
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.locks import lock_path, partition_lock

DAY = "2025-01-07"
day = date.fromisoformat(DAY)


def _write(archive: WarcArchive, url: str, body: bytes, kind: str = "article", status: int = 200) -> tuple[str, int]:
    return archive.write_exchange(
        url=url, method="GET", request_headers=[("User-Agent", "akhbar-test")], request_body=b"", status=status,
        protocol="HTTP/1.1", response_headers=[(b"Content-Type", b"text/html; charset=utf-8")], body=body,
        kind=kind)


@pytest.fixture(scope="module")
def site_pages(testweb, testweb_outlets):
    """(outlet, [(url, body)]) of the first articles of a Persian and an Arabic outlet, as served."""
    out = []
    for slug in ("fa-sepehr", "ar-mojaz"):
        arts = [a for a in testweb.catalog.by_site[slug] if a.home_day == day][:4]
        assert len(arts) == 4
        fetched = []
        for art in arts:
            url = testweb.article_url(art)
            with urllib.request.urlopen(url, timeout=10) as resp:
                fetched.append((url, resp.read()))
        out.append((load_outlets(testweb_outlets)[slug], fetched))
    return out


def _archive_day(root: Path, outlet, pages, runs: int = 2) -> None:
    """Two runs of the outlet-day; the second fetches the first two pages again (newer copies)."""
    for run in range(runs):
        archive = WarcArchive(root, DAY, outlet.slug, f"2025010{run}T000000000000Z", "test")
        _write(archive, pages[0][0].rsplit("/", 1)[0] + "/", b"<html>home</html>", kind="home")
        for url, body in pages if run == 0 else pages[:2]:
            _write(archive, url, body)
        archive.close()


def test_newest_articles_read_back_record_by_record_are_the_whole_day_read_at_once(tmp_path, site_pages):
    outlet, pages = site_pages[0]
    _archive_day(tmp_path, outlet, pages)
    newest: dict[str, object] = {}  # what reading every body of the day at once chose
    for rec in archived_articles(tmp_path, DAY, outlet.slug):
        key = normalize_url(rec.url)
        if key not in newest or rec.fetched_at >= newest[key].fetched_at:
            newest[key] = rec
    got = newest_articles(tmp_path, DAY, outlet.slug)
    assert [(r.url, r.warc_file, r.offset, r.body) for r in got] == [
        (r.url, r.warc_file, r.offset, r.body) for r in newest.values()]
    assert {r.warc_file for r in got[:2]} != {r.warc_file for r in got[2:]}  # the re-fetched copies won
    assert "آ" in got[0].body.decode() or "ا" in got[0].body.decode()
    home = next(r for f in warc_files(tmp_path, DAY, outlet.slug) for r in iter_responses(tmp_path, f)
                if r.kind == "home")
    assert read_response(tmp_path, home.warc_file, home.offset).body == b"<html>home</html>"
    assert read_response(tmp_path, home.warc_file, home.offset + 1) is None  # not a record's start
    assert read_response(tmp_path, "warc/none.warc.gz", 0) is None


def test_a_file_being_written_is_read_up_to_the_record_in_progress(tmp_path, site_pages):
    outlet, pages = site_pages[1]
    _archive_day(tmp_path, outlet, pages, runs=1)
    (closed,) = warc_files(tmp_path, DAY, outlet.slug)
    whole = list(iter_responses(tmp_path, closed))
    growing = closed.with_name(closed.name + OPEN_SUFFIX)
    data = closed.read_bytes()
    growing.write_bytes(data[: whole[-1].offset + 200])  # the writer is inside the last record
    closed.unlink()
    seen = list(growing_responses(tmp_path, growing))
    assert [(r.url, r.body) for r in seen[:-1]] == [(r.url, r.body) for r in whole[:len(seen) - 1]]
    assert len(seen) >= len(whole) - 1
    later = list(growing_responses(tmp_path, growing, start=whole[2].offset))  # read on from a record's offset
    assert [r.offset for r in later][: len(whole) - 3] == [r.offset for r in whole[2:-1]]


def _pid_and_fds(_job: object) -> tuple[int, list[str]]:
    fds = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            fds.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue
    return os.getpid(), fds


def test_one_pool_serves_the_night_and_its_workers_hold_no_lock(tmp_path):
    with night_pool(2) as pool, partition_lock(tmp_path, DAY, "fa-sepehr"):
        assert pool is not None
        first = run_jobs(_pid_and_fds, list(range(8)), mode="pool", workers=2)
        second = run_jobs(_pid_and_fds, list(range(8)), mode="pool", workers=2)
    pids = {pid for pid, _ in first}
    assert {pid for pid, _ in second} <= pids and os.getpid() not in pids  # the same warm workers
    held = str(lock_path(tmp_path, DAY, "fa-sepehr").resolve())
    assert not any(held in fds for _, fds in first + second)


def test_pages_extracted_during_the_crawl_give_the_rows_the_stage_gives_alone(tmp_path, site_pages):
    outlets = [outlet for outlet, _ in site_pages]
    alone = tmp_path / "alone"
    for outlet, pages in site_pages:
        _archive_day(alone, outlet, pages)
    shutil.copytree(alone, tmp_path / "pre")
    pre = tmp_path / "pre"
    with night_pool(2) as pool:
        with Prefetch(pool, pre, day, outlets) as prefetched:
            end = time.monotonic() + 60
            while prefetched.sent < 8 and time.monotonic() < end:  # 4 pages per outlet (a re-fetch is the same job)
                time.sleep(0.1)
        assert prefetched.sent == 8
        for outlet, _ in site_pages:
            ex_pre = night.extract_records(pre, day, outlet, Lake(str(pre / "lake")), prefetched=prefetched)
            ex_alone = night.extract_records(alone, day, outlet, Lake(str(alone / "lake")))
            assert ex_pre.rows == ex_alone.rows
            assert ex_pre.log_rows == ex_alone.log_rows
            assert len(ex_pre.rows) == 4
    # every page the stage needed came from the prefetch: what is left is the older copies it did not take
    job = steps.extract_job(steps.load_records(pre, steps.day_refs(pre, day, outlets[0]))[0], outlets[0])
    assert prefetched.take(outlets[0].slug, job) is MISSING


def test_the_stage_reads_a_day_in_bounded_batches(tmp_path, site_pages, monkeypatch):
    outlet, pages = site_pages[0]
    _archive_day(tmp_path, outlet, pages)
    whole = night.extract_records(tmp_path, day, outlet, Lake(str(tmp_path / "lake")))
    sizes: list[int] = []
    real = steps.load_records

    def counted(data_dir, refs):
        sizes.append(len(refs))
        return real(data_dir, refs)

    monkeypatch.setattr(night, "BATCH_PAGES", 3)
    monkeypatch.setattr(steps, "load_records", counted)
    monkeypatch.setattr(executor, "PARALLEL_MIN_PAGES", 2)
    batched = night.extract_records(tmp_path, day, outlet, Lake(str(tmp_path / "lake")))
    assert sizes == [3, 1] and batched.rows == whole.rows and batched.log_rows == whole.log_rows
