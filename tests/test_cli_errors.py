"""Bad input through the real `akhbar` command: one clear `error:` line, a non-zero exit, nothing half-written;
and `akhbar query` stays read-only and inside the lake."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from faultkit import report

from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.faults
AKHBAR = str(Path(sys.executable).parent / "akhbar")
DAY = date(2025, 1, 7)


def akhbar(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    # wide: rich wraps stderr at 80 columns when it is not a terminal (see test_long_error_stays_one_line)
    full_env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "1000", **(env or {})}
    full_env.pop("AKHBAR_DATA_DIR", None)
    return subprocess.run([AKHBAR, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=120)


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """The run failed with exit 2 and exactly one line on stderr, starting with `error:`."""
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    return lines[0]


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture()
def outlets(testweb, tmp_path) -> Path:
    return testweb.write_outlet_configs(tmp_path / "outlets")


# -- bad input to `akhbar run` ------------------------------------------------------------------

def test_invalid_outlet_file(outlets: Path, tmp_path: Path):
    bad = outlets / "fa-payam.toml"
    bad.write_text(bad.read_text().replace('timezone = "Asia/Tehran"', 'timezone = "Asia/Atlantis"'))
    data = tmp_path / "data"
    line = one_error_line(akhbar("run", "--date", DAY.isoformat(), "--data-dir", str(data),
                                 "--outlets-dir", str(outlets)))
    assert "fa-payam.toml" in line and "timezone" in line
    assert not files_under(data / "warc") and not files_under(data / "lake")
    report("invalid outlet file", "akhbar run with a bad timezone", line[:90], 0)


def test_outlet_file_that_is_not_toml(outlets: Path, tmp_path: Path):
    (outlets / "ar-wadi.toml").write_text("slug = 'ar-wadi\nname = [")
    line = one_error_line(akhbar("outlets", "list", "--outlets-dir", str(outlets)))
    assert "ar-wadi.toml" in line and "TOML" in line


def test_unknown_outlet(outlets: Path, tmp_path: Path):
    data = tmp_path / "data"
    line = one_error_line(akhbar("run", "--date", DAY.isoformat(), "--outlet", "no-such-outlet",
                                 "--data-dir", str(data), "--outlets-dir", str(outlets)))
    assert "no-such-outlet" in line and "unknown outlet" in line
    assert not files_under(data / "warc") and not files_under(data / "lake")


def test_long_error_stays_one_line(outlets: Path, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    proc = subprocess.run([AKHBAR, "run", "--date", DAY.isoformat(), "--outlet", "an-outlet-with-a-long-name-" * 3,
                           "--data-dir", str(tmp_path / "d"), "--outlets-dir", str(outlets)],
                          capture_output=True, text=True, env={**env, "NO_COLOR": "1"}, timeout=60)
    one_error_line(proc)


@pytest.mark.parametrize("slug", ["../../etc/passwd", "../fa-payam", "FA-PAYAM"])
def test_slugs_never_become_paths(outlets: Path, tmp_path: Path, slug: str):
    box = tmp_path / "box"
    data = box / "data"
    line = one_error_line(akhbar("run", "--date", DAY.isoformat(), "--outlet", slug, "--data-dir", str(data),
                                 "--outlets-dir", str(outlets)))
    assert "unknown outlet" in line
    assert all(data in p.parents for p in files_under(box))


@pytest.mark.parametrize("value", ["2025-13-45", "07/01/2025", "yesterday", "2025-1-7x"])
def test_malformed_date(outlets: Path, tmp_path: Path, value: str):
    data = tmp_path / "data"
    line = one_error_line(akhbar("run", "--date", value, "--data-dir", str(data), "--outlets-dir", str(outlets)))
    assert "malformed date" in line and value in line
    assert not files_under(data)


@pytest.mark.parametrize("args", [
    ("run", "--date", "9999-12-31"),
    ("run", "--date", "2999-06-01"),
    ("run", "--date", "1989-12-31"),
    ("backfill", "--from", "2025-01-05", "--to", "2999-06-01"),
    ("dedup", "--from", "1900-01-01", "--to", "2025-01-07"),
    ("demo", "--date", "9999-12-31"),
])
def test_date_out_of_range(outlets: Path, tmp_path: Path, args: tuple[str, ...]):
    data = tmp_path / "data"
    extra = () if args[0] == "demo" else ("--outlets-dir", str(outlets))
    line = one_error_line(akhbar(*args, "--data-dir", str(data), *extra))
    assert "out of range" in line and "1990-01-01" in line
    assert not files_under(data) and not data.exists()
    report("date out of range", " ".join(args), line[:90], 0)


@pytest.mark.parametrize("now", ["2025-01-07T00:00:00", "2025-01-07T23:59:59.999999"])
def test_dates_up_to_tomorrow_are_accepted(now):
    from datetime import UTC, datetime, timedelta
    from unittest import mock

    from akhbar import cli

    class Clock(datetime):  # the CLI's clock at a fixed UTC moment: the test never races midnight
        @classmethod
        def now(cls, tz=None):
            return datetime.fromisoformat(now).replace(tzinfo=UTC).astimezone(tz)

    tomorrow = date(2025, 1, 8)
    with mock.patch.object(cli, "datetime", Clock):
        assert cli._parse_day(tomorrow.isoformat()) == tomorrow
        assert cli._parse_day("1990-01-01") == date(1990, 1, 1)
        with pytest.raises(ValueError, match="out of range"):
            cli._parse_day((tomorrow + timedelta(days=1)).isoformat())


def test_backfill_range_backwards(outlets: Path, tmp_path: Path):
    line = one_error_line(akhbar("backfill", "--from", "2025-01-07", "--to", "2025-01-05",
                                 "--data-dir", str(tmp_path / "d"), "--outlets-dir", str(outlets)))
    assert "before" in line


def test_data_dir_is_a_file(outlets: Path, tmp_path: Path):
    # tests run as root, so chmod cannot make a folder unwritable; a path that is a file (or under one) is
    # unwritable for anyone
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    for data in (blocker, blocker / "sub"):
        line = one_error_line(akhbar("run", "--date", DAY.isoformat(), "--data-dir", str(data),
                                     "--outlets-dir", str(outlets)))
        assert str(blocker) in line
    assert blocker.read_text() == "not a folder"
    report("unwritable data dir", "akhbar run into a path that is a file", line[:90], 0)


def test_full_data_dir(testweb, outlets: Path, tmp_path: Path, fast_crawl):
    """A disk that fills mid-run (RLIMIT_FSIZE: every write past 16 KB fails with EFBIG, as ENOSPC would):
    one `error: disk full while writing …` line, exit 2, and the lake holds no partial partition."""
    import resource
    import signal

    pytest.importorskip("akhbar.transforms.extract")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    data = tmp_path / "data"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "1000"}
    proc = subprocess.run([AKHBAR, "run", "--date", DAY.isoformat(), "--outlet", "fa-sepehr", "--data-dir",
                           str(data), "--outlets-dir", str(outlets)], capture_output=True, text=True, env=env,
                          preexec_fn=limit, timeout=300)
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert proc.returncode == 2, (proc.stdout[-2000:], proc.stderr[-2000:])
    # the limit is met by the lake writer or by DuckDB's database file, whichever writes past 16 KB first
    assert len(errors) == 1 and errors[0].startswith(f"error: disk full while writing {data}"), proc.stderr
    assert errors[0].endswith(": File too large (errno EFBIG)"), proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    # nothing half-written: every Parquet file in the lake reads back whole
    import pyarrow.parquet as pq

    for f in (data / "lake").rglob("*.parquet"):
        pq.read_table(f)
    report("full data dir (EFBIG past 16 KB)", "akhbar run", errors[0][:90], 0)
    # the lake writer removes its temporary when a write fails (warehouse/lake.py)
    assert not list((data / "lake").rglob(".tmp-*"))


def test_disk_full_errors_name_where_they_were_writing(tmp_path: Path):
    import errno

    import duckdb

    from akhbar.cli import _describe

    for number in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        line = _describe(OSError(number, os.strerror(number)), tmp_path)
        assert line == f"disk full while writing {tmp_path}: {os.strerror(number)} (errno {errno.errorcode[number]})"
    named = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "lake" / "x.partial"))
    assert _describe(named, tmp_path).startswith(f"disk full while writing {tmp_path / 'lake' / 'x.partial'}: ")
    wal = tmp_path / "akhbar.duckdb.wal"
    duck = duckdb.IOException(f'Failed to commit: Could not write file "{wal}": {os.strerror(errno.ENOSPC)}')
    assert _describe(duck, tmp_path) == f"disk full while writing {wal}: {os.strerror(errno.ENOSPC)} (errno ENOSPC)"
    assert _describe(OSError(errno.EACCES, "Permission denied"), tmp_path) == "[Errno 13] Permission denied"


def test_an_outlet_named_twice_is_crawled_once(testweb, outlets: Path, tmp_path: Path):
    """`--outlet X --outlet X` used to wait for its own partition lock; now X runs once."""
    data = tmp_path / "data"
    proc = akhbar("run", "--date", DAY.isoformat(), "--outlet", "fa-sepehr", "--outlet", "fa-sepehr",
                  "--data-dir", str(data), "--outlets-dir", str(outlets))
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    # one row in the run table (a line after it may name where articles dated another day went)
    assert len([ln for ln in proc.stdout.splitlines() if ln.startswith("│ fa-sepehr ") and "2025-01-07" in ln]) == 1
    assert Lake(str(data / "lake")).read_partition("articles", DAY, "fa-sepehr").num_rows > 0


def down_outlet(outlets: Path, slug: str) -> None:
    """Point the outlet's config at a port nobody listens on: every request is refused all night."""
    import re
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free once closed: connecting to it is refused
    config = outlets / f"{slug}.toml"
    config.write_text(re.sub(r"(http://127\.0\.0\.\d+):\d+", rf"\g<1>:{port}", config.read_text()))


def test_an_outlet_down_all_night_fails_the_run(testweb, outlets: Path, tmp_path: Path):
    """An outlet whose every fetch is refused is `failed` (exit 1, one summary line), the other outlet's day is
    published, and the runs table holds the gate's verdict for both, as the nightly DAG writes it."""
    import json

    down_outlet(outlets, "ar-wadi")
    data = tmp_path / "data"
    proc = akhbar("run", "--date", DAY.isoformat(), "--outlet", "fa-sepehr", "--outlet", "ar-wadi",
                  "--data-dir", str(data), "--outlets-dir", str(outlets))
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    row = next(ln for ln in proc.stdout.splitlines() if "ar-wadi" in ln)
    assert "failed: outage: no successful fetch" in row, proc.stdout
    assert "fa-sepehr" not in proc.stderr and proc.stderr.strip().splitlines()[-1].startswith(
        "failed: 1 outlet-day(s): ar-wadi 2025-01-07 (outage: no successful fetch ("), proc.stderr
    lake = Lake(str(data / "lake"))
    assert lake.read_partition("articles", DAY, "fa-sepehr").num_rows > 0
    refused = lake.read_partition("crawl_log", DAY, "ar-wadi").to_pylist()  # the failures are kept, with reasons
    # every URL logged with the refused connection as its reason (robots.txt unreachable: robots_denied)
    assert refused and all(r["outcome"] != "ok" and "Connection refused" in r["reason"] for r in refused)
    runs = akhbar("query", "select outlet, status, error, checks from runs order by outlet", "--data-dir", str(data),
                  "--format", "json")
    assert runs.returncode == 0, runs.stderr
    got = {r["outlet"]: r for r in json.loads(runs.stdout)}
    assert got["ar-wadi"]["status"] == "failed" and got["ar-wadi"]["error"].startswith("outage: no successful")
    assert got["fa-sepehr"]["status"] in {"ok", "gate_failed"} and "article_yield" in got["fa-sepehr"]["checks"]
    kept = lake.read_partition("articles", DAY, "fa-sepehr").num_rows
    report("outlet down all night (connection refused)", f"{len(refused)} URLs of ar-wadi",
           f"failed ({got['ar-wadi']['error'][:60]}), exit 1", kept)


# -- akhbar query stays read-only ---------------------------------------------------------------

@pytest.fixture()
def lake_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    row = {"url": "https://x.example/1", "kind": "article", "status": 200, "bytes": 10, "outcome": "ok",
           "run_id": "r", "fetched_at": __import__("datetime").datetime(2025, 1, 7, tzinfo=__import__(
               "datetime").UTC)}
    Lake(str(data / "lake")).replace_partition("crawl_log", DAY, "fa-payam", [row])
    return data


REFUSED = [
    "insert into crawl_log select * from crawl_log",
    "create table t as select 1",
    "drop view crawl_log",
    "copy (select * from crawl_log) to '{out}'",
    "export database '{outdir}'",
    "attach '{out}.db' as x",
    "install httpfs",
    "load httpfs",
    "set threads = 1",
    "reset threads",
    "pragma threads = 1",
    "call pragma_version()",
    "select 1; copy (select 1) to '{out}'",
    "select 1; set enable_external_access = true",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_query_refuses_writes_and_settings(lake_dir: Path, tmp_path: Path, sql: str):
    out = tmp_path / "leak.csv"
    proc = akhbar("query", sql.format(out=out, outdir=tmp_path / "export"), "--data-dir", str(lake_dir))
    line = one_error_line(proc)
    assert "only SELECT" in line or "refused" in line
    assert not out.exists() and not (tmp_path / "export").exists() and not Path(f"{out}.db").exists()


@pytest.mark.parametrize("sql", [
    "select * from read_text('/etc/hostname')",
    "select * from read_csv('/etc/passwd')",
    "select * from read_parquet('https://example.com/x.parquet')",
    "select * from query('copy (select 1) to ''/tmp/akhbar-leak.csv''')",
])
def test_a_select_cannot_leave_the_lake(lake_dir: Path, sql: str):
    line = one_error_line(akhbar("query", sql, "--data-dir", str(lake_dir)))
    assert "disabled" in line or "Permission" in line or "SELECT" in line
    assert not Path("/tmp/akhbar-leak.csv").exists()


def test_settings_are_locked_inside_a_select(lake_dir: Path):
    proc = akhbar("query", "select current_setting('lock_configuration') as locked, "
                  "current_setting('enable_external_access') as ext, count(*) as n from crawl_log",
                  "--data-dir", str(lake_dir), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].lower() == "true,false,1"
    report("query safety", f"{len(REFUSED)} writing statements + 4 file/network reads",
           "all refused with one error line; settings locked", 1)


def test_the_run_table_tells_failed_from_gate_failed(capsys):
    """Only a failed outlet-day (error or outage) fails the command; a gate verdict below a threshold is shown."""
    import typer

    from akhbar.cli import _exit_if_failed, _status
    from akhbar.pipeline import OutletDayResult
    from akhbar.quality import Check, GateResult, Metrics

    metrics = Metrics(articles=0, fetched=3, failed_fetches=0, article_pages=0, rows_without_fetch=0,
                      null_title_rate=0.0, null_text_rate=0.0, null_published_rate=0.0, language_mismatch_rate=0.0,
                      duplicate_rate=None)
    thin = GateResult("fa-payam", DAY, metrics, [Check("min_articles", 0, 1, False)])
    ok = OutletDayResult("fa-payam", DAY, "r1")
    down = OutletDayResult("ar-wadi", DAY, "r1", error="outage: no successful fetch")
    shown = [(_status(r, v).plain, _status(r, v).style) for r, v in ((ok, thin), (down, None))]
    assert shown == [("gate_failed: min_articles=0 (limit 1)", "yellow"),
                     ("failed: outage: no successful fetch", "red")]
    _exit_if_failed([(ok, thin)])  # no exit
    with pytest.raises(typer.Exit) as stop:
        _exit_if_failed([(ok, thin), (down, None)])
    assert stop.value.exit_code == 1
    line = "failed: 1 outlet-day(s): ar-wadi 2025-01-07 (outage: no successful fetch)"
    assert capsys.readouterr().err.strip() == line


# -- the servers' ports, addresses and data dirs; lakes a command cannot use (issue 24) ---------------------------

@pytest.mark.parametrize("args", [
    ("demo", "--port", "99999"), ("demo", "--port", "-1"), ("replay", "--port", "99999"), ("replay", "--port", "-1"),
    ("replay", "--bind", "999.1.1.1"), ("replay", "--bind", "192.0.2.1"), ("replay", "--bind", "::ffff:999.1.1.1"),
])
def test_a_bad_port_or_address_is_one_line_and_writes_nothing(tmp_path: Path, args: tuple[str, ...]):
    data = tmp_path / "data"
    if args[0] == "replay":  # an archive to serve: nothing may be added to it (no index, no config)
        (data / "warc").mkdir(parents=True)
    line = one_error_line(akhbar(*args, "--data-dir", str(data)))
    assert args[2] in line, line
    assert files_under(tmp_path) == [] and data.exists() == (args[0] == "replay")
    report(f"bad {args[1]} for {args[0]}", " ".join(args), line[:100], 0)


def test_replay_refuses_a_missing_or_file_data_dir(tmp_path: Path):
    missing = tmp_path / "typo"
    line = one_error_line(akhbar("replay", "--data-dir", str(missing), "--port", "0"))
    assert "does not exist" in line and not missing.exists()
    (tmp_path / "file").write_text("x")
    assert "is not a folder" in one_error_line(akhbar("replay", "--data-dir", str(tmp_path / "file")))
    report("replay of a missing data dir", "akhbar replay --data-dir <typo>", line[:100], 0)


def test_replay_on_a_busy_port_is_one_line(tmp_path: Path):
    import socket

    (tmp_path / "warc").mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = one_error_line(akhbar("replay", "--port", str(port), "--data-dir", str(tmp_path)))
    assert f"127.0.0.1:{port} is in use" in line and files_under(tmp_path) == []


@pytest.mark.parametrize("args", [
    ("run", "--date", "2025-01-07"), ("backfill", "--from", "2025-01-06", "--to", "2025-01-07"),
    ("dedup", "--from", "2025-01-06", "--to", "2025-01-07"), ("compact",), ("lake", "migrate"),
])
def test_a_memory_lake_is_refused_to_commands_that_write(outlets: Path, tmp_path: Path, args: tuple[str, ...]):
    """fsspec's memory:// lives inside one process: a run into it was lost, and a later query saw nothing."""
    data = tmp_path / "data"
    extra = ("--outlets-dir", str(outlets)) if args[0] in ("run", "backfill", "dedup") else ()
    line = one_error_line(akhbar(*args, "--data-dir", str(data), "--lake", "memory://bucket/lake", *extra))
    assert "memory://bucket/lake" in line and "lives only inside one command" in line
    assert not data.exists()
    report("memory:// lake", " ".join(args), line[:100], 0)


def test_a_lake_url_of_an_unknown_protocol_is_one_line(tmp_path: Path):
    for args in (("query", "select 1"), ("summary",), ("run", "--date", "2025-01-07")):
        line = one_error_line(akhbar(*args, "--data-dir", str(tmp_path / "d"), "--lake", "nosuch://b/lake"))
        assert "nosuch://b/lake" in line and "Protocol not known" in line
    assert not (tmp_path / "d").exists()
