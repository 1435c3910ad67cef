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

from warehouse.lake import Lake

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
    the run fails loudly and the lake holds no partial partition."""
    import resource
    import signal

    pytest.importorskip("transforms.extract")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    data = tmp_path / "data"
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([AKHBAR, "run", "--date", DAY.isoformat(), "--outlet", "fa-sepehr", "--data-dir",
                           str(data), "--outlets-dir", str(outlets)], capture_output=True, text=True, env=env,
                          preexec_fn=limit, timeout=300)
    assert proc.returncode != 0, proc.stdout
    assert "File too large" in proc.stdout + proc.stderr, (proc.stdout[-2000:], proc.stderr[-2000:])
    # nothing half-written: every Parquet file in the lake reads back whole
    import pyarrow.parquet as pq

    for f in (data / "lake").rglob("*.parquet"):
        pq.read_table(f)
    report("full data dir (EFBIG past 16 KB)", "akhbar run", f"exit {proc.returncode}", 0)


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
