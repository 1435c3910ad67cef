"""Hostile `akhbar query` input: EXPLAIN ANALYZE of a write, reads outside a local or fsspec lake, runaway
queries, data dirs whose names break SQL or read as globs, an outside reader holding akhbar.duckdb."""

from __future__ import annotations

import http.server
import logging
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import fsspec
import pytest
from faultkit import report

from akhbar.warehouse.duck import DB_FILE, QueryRefused, QueryTimeout, confine, connect, query, refresh_database
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.faults
DAY = date(2025, 1, 7)
ROWS = {
    "youm7": [("a1", "أعلنت الحكومة المصرية اليوم عن خطة جديدة"), ("a2", "ارتفاع أسعار الذهب في الأسواق")],
    "fa-payam": [("p1", "دولت\u200cها درباره\u200cی برنامه\u200cی تازه گفت\u200cوگو کردند")],
}


def _fill(lake: Lake) -> int:
    for outlet, rows in ROWS.items():
        lake.replace_partition("articles", DAY, outlet, [
            {"article_id": aid, "url": f"https://{outlet}.example/{aid}", "title": text[:12], "text": text,
             "published_at": datetime(2025, 1, 7, 8, tzinfo=UTC)} for aid, text in rows])
    return sum(len(r) for r in ROWS.values())


def _files(*roots: Path) -> set[Path]:
    return {p for r in roots for p in r.rglob("*")}


def _articles(lake: Lake) -> list[tuple]:
    return sorted(lake.read("articles").select(["article_id", "text", "outlet"]).to_pylist(),
                  key=lambda r: r["article_id"])


# -- 1. EXPLAIN ANALYZE runs its statement: refused, whatever its spelling --------------------------------

ATTACKS = [
    "EXPLAIN ANALYZE COPY (select * from articles where false) TO '{lake}/articles' "
    "(format parquet, partition_by (day, outlet), overwrite true)",
    "explain analyze copy (select 1) to '{cwd}/.tmp/x.csv'",
    "/* harmless */ explain (format json, analyze) copy (select 1) to '{cwd}/.tmp/x.csv'",
    "explain analyse select 1; explain analyze copy (select 1) to '{cwd}/.tmp/y.csv'",
    "explain copy (select * from articles) to '{cwd}/x.csv'",
    "explain explain analyze copy (select 1) to '{cwd}/x.csv'",
    "explain insert into articles select * from articles",
]


def test_explain_analyze_of_a_write_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # DuckDB's default temp dir is <cwd>/.tmp
    lake = Lake(str(tmp_path / "lake"))
    stored = _fill(lake)
    before, files = _articles(lake), _files(tmp_path)
    reasons = []
    for sql in ATTACKS:
        with pytest.raises(QueryRefused, match=r"only SELECT|cannot parse") as exc:
            query(tmp_path, sql.format(lake=lake.root, cwd=tmp_path))
        reasons.append(str(exc.value))
    assert _articles(lake) == before and _files(tmp_path) == files
    assert query(tmp_path, "explain select count(*) from articles").fetchall()[0][0] == "physical_plan"
    report("EXPLAIN ANALYZE COPY over the lake / into <cwd>/.tmp", f"{len(ATTACKS)} statements",
           f"all refused ({reasons[0].split('refused: ')[1]}); no file created or deleted", stored)


def test_a_confined_connection_cannot_write_even_past_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The second wall: were a write to get past the statement check, the connection itself refuses it
    (the lake is read through a read-only filesystem, no local path is allowed, there is no temp dir)."""
    monkeypatch.chdir(tmp_path)
    lake = Lake(str(tmp_path / "lake"))
    stored = _fill(lake)
    before, files = _articles(lake), _files(tmp_path)
    con = connect(tmp_path)
    confine(con, lake)
    writes = [f"copy (select * from articles where false) to '{lake.reader_root}/articles' "
              "(format parquet, partition_by (day, outlet), overwrite true)",
              f"copy (select 1) to '{lake.reader_root}/x.csv'",
              f"copy (select 1) to '{lake.root}/articles/x.csv'",
              "copy (select 1) to '.tmp/x.csv'",
              "explain analyze copy (select 1) to '.tmp/y.csv'"]
    for sql in writes:
        with pytest.raises(duckdb.Error, match=r"read-only|disabled by configuration"):
            con.sql(sql).fetchall()
    for setting in ("set temp_directory = '/tmp'", "set enable_external_access = true"):
        with pytest.raises(duckdb.Error, match="configuration has been locked"):
            con.execute(setting)
    assert con.sql("select current_setting('temp_directory')").fetchall() == [("",)]
    assert _articles(lake) == before and _files(tmp_path) == files
    assert con.sql("select count(*) from articles").fetchall() == [(stored,)]
    report("writes on the confined connection", f"{len(writes)} COPY statements + 2 SETs",
           "all failed (read-only lake / disabled by configuration)", stored)


# -- 2. an fsspec lake: the lake is the only way in --------------------------------------------------------

class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        self.send_response(404)
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args) -> None:
        pass


def test_memory_lake_reads_only_the_lake(tmp_path: Path):
    memory = fsspec.filesystem("memory")
    for folder in ("/akhbar-q-bucket", "/other-bucket"):
        if memory.exists(folder):
            memory.rm(folder, recursive=True)
    uri = "memory://akhbar-q-bucket/lake"
    lake = Lake(uri)
    stored = _fill(lake)
    memory.pipe("/other-bucket/secret.csv", b"x\n1\n")
    local = tmp_path / "local.csv"
    local.write_text("x\n1\n")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/x.parquet"
    try:
        assert query(tmp_path, "select count(*) from articles", lake_uri=uri).fetchall() == [(stored,)]
        outside = ["select * from read_text('/etc/passwd')", f"select * from read_csv('{local}')",
                   f"select * from read_parquet('{url}')", "select * from read_csv('memory://other-bucket/secret.csv')",
                   f"select * from read_text('{uri}/../../other-bucket/secret.csv')"]
        for sql in outside:
            with pytest.raises(duckdb.Error, match=r"disabled by configuration|not found|No files"):
                query(tmp_path, sql, lake_uri=uri).fetchall()
        assert _Counter.hits == 0
        before = memory.find("/")
        con = connect(tmp_path, uri)
        confine(con, lake)
        for sql in [f"copy (select 1) to '{uri}/x.csv'", f"copy (select 1) to '{lake.reader_root}/x.csv'",
                    f"copy (select * from articles where false) to '{lake.reader_root}/articles' "
                    "(format parquet, partition_by (day, outlet), overwrite true)",
                    f"copy (select 1) to '{local}.out'"]:
            with pytest.raises(duckdb.Error, match=r"read-only|disabled by configuration"):
                con.sql(sql).fetchall()
        assert memory.find("/") == before and not Path(f"{local}.out").exists()
        assert con.sql("select current_setting('lock_configuration'), current_setting('enable_external_access'), "
                       "current_setting('autoinstall_known_extensions')").fetchall() == [(True, False, False)]
    finally:
        server.shutdown()
    report("memory:// lake: reads and writes outside it", f"{len(outside)} reads + 4 COPY",
           f"all failed (disabled by configuration / read-only); {_Counter.hits} HTTP requests", stored)


# -- runaway queries ----------------------------------------------------------------------------------------

def test_a_runaway_query_stops_at_the_time_limit(tmp_path: Path):
    stored = _fill(Lake(str(tmp_path / "lake")))
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"0\.5 s limit"):
        query(tmp_path, "select count(*) from range(100000000) a, range(100000) b, articles "
              "where a.range + b.range = 7", timeout=0.5)
    took = time.monotonic() - started
    assert took < 5, took
    assert query(tmp_path, "select count(*) from articles", timeout=5).fetchall() == [(stored,)]
    report("cross join of 10^13 rows", "one query, 0.5 s limit", f"QueryTimeout after {took:.1f} s", stored)


def test_timeout_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from akhbar.settings import Settings

    _fill(Lake(str(tmp_path / "lake")))
    monkeypatch.setenv("AKHBAR_QUERY_TIMEOUT", "0.3")
    with pytest.raises(QueryTimeout, match=r"0\.3 s"):
        query(tmp_path, "select count(*) from range(100000000) a, range(100000) b where a.range + b.range = 7",
              timeout=Settings.from_env().query_timeout)
    monkeypatch.setenv("AKHBAR_QUERY_TIMEOUT", "soon")
    with pytest.raises(ValueError, match="AKHBAR_QUERY_TIMEOUT"):
        Settings.from_env()
    with pytest.raises(ValueError, match="more than 0"):
        query(tmp_path, "select 1", timeout=0)


# -- 3. data dirs whose names are SQL or glob syntax -------------------------------------------------------

@pytest.mark.e2e
@pytest.mark.parametrize("name", ["it's", "d[1]", "a*b"])
def test_pipeline_into_a_data_dir_named_like_sql(testweb, testweb_outlets, tmp_path, fast_crawl, name):
    from akhbar.pipeline import dedup_day, run_day

    data = tmp_path / name / "data"
    results = run_day(DAY, data, ["fa-payam", "ar-wadi"], folder=testweb_outlets, overrides=fast_crawl)
    assert all(r.ok for r in results), [r.error for r in results]
    dedup_day(DAY, data, folder=testweb_outlets)
    want = {s: sum(1 for e in testweb.expected_articles(DAY) if e.outlet == s) for s in ("fa-payam", "ar-wadi")}
    got = dict(query(data, f"select outlet, count(*) from articles where day = '{DAY}' group by 1").fetchall())
    assert got == want and all(want.values())
    assert refresh_database(data) == data / DB_FILE
    con = duckdb.connect(str(data / DB_FILE), read_only=True)
    assert con.sql(f"select count(*) from articles where day = '{DAY}'").fetchall() == [(sum(want.values()),)]
    report(f"data dir named {name!r}", "pipeline run + query", f"per-outlet counts {got}", sum(want.values()))


# -- 4. an outside reader holds akhbar.duckdb ------------------------------------------------------------

def _hold(path: Path, seconds: float) -> subprocess.Popen:
    code = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "time.sleep(float(sys.argv[2]))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_refresh_gives_up_cleanly_while_the_file_is_held(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    stored = _fill(Lake(str(tmp_path / "lake")))
    path = refresh_database(tmp_path)
    holder = _hold(path, 30)
    try:
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="akhbar.warehouse.duck"):
            assert refresh_database(tmp_path, max_wait=1.5) is None
        took = time.monotonic() - started
        assert 1.0 <= took < 6, took
        assert any("not refreshed" in r.message and "held by another process" in r.message for r in caplog.records)
        assert query(tmp_path, "select count(*) from articles").fetchall() == [(stored,)]  # the lake is the truth
    finally:
        holder.kill()
        holder.wait()
    assert refresh_database(tmp_path, max_wait=5) == path
    report("akhbar.duckdb held by another process", f"retries for {took:.1f} s",
           "warning 'views … not refreshed', run not failed", stored)


def test_refresh_waits_for_a_reader_that_lets_go(tmp_path: Path):
    _fill(Lake(str(tmp_path / "lake")))
    path = refresh_database(tmp_path)
    holder = _hold(path, 1.0)
    try:
        started = time.monotonic()
        assert refresh_database(tmp_path, max_wait=20) == path
        assert time.monotonic() - started >= 0.5
    finally:
        holder.kill()
        holder.wait()
