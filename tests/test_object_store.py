"""The lake on an fsspec URL instead of a local folder (here fsspec's in-memory filesystem, standing in for
s3:// or gs://): the pipeline writes, dedups and DuckDB queries it exactly as a local lake."""

from __future__ import annotations

from datetime import date

import fsspec
import pytest

from akhbar.pipeline import dedup_day, run_day
from akhbar.warehouse.duck import query, summary
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.e2e
DAY = date(2025, 1, 7)
ZWNJ = "\u200c"


def test_pipeline_on_an_fsspec_lake(testweb, testweb_outlets, tmp_path, fast_crawl):
    uri = "memory://akhbar-test-bucket/lake"
    memory = fsspec.filesystem("memory")
    if memory.exists("/akhbar-test-bucket"):
        memory.rm("/akhbar-test-bucket", recursive=True)
    data = tmp_path / "data"  # WARC files, crawl logs and locks stay local; the lake does not
    results = run_day(DAY, data, None, folder=testweb_outlets, overrides=fast_crawl, lake_uri=uri)
    assert all(r.ok for r in results), [r.error for r in results]
    dedup_day(DAY, data, lake_uri=uri, folder=testweb_outlets)
    assert not (data / "lake").exists()

    expected = testweb.expected_articles(DAY)
    lake = Lake(uri)
    assert lake.read("articles", [DAY]).num_rows == len(expected)
    # the day's rows (articles the test web dates on other days went to those days' partitions)
    [(total, unique, fa_zwnj)] = query(data, "select count(*), (select count(*) from articles_unique where day = "
                                       f"'{DAY}'), count(*) filter (where language = 'fa' and contains(text, "
                                       f"chr(8204))) from articles where day = '{DAY}'", lake_uri=uri).fetchall()
    planted = sum(1 for e in expected if e.syndicated_from)
    assert total == len(expected) and unique == total - planted and fa_zwnj >= 3
    assert sorted(r[1] for r in summary(data, lake_uri=uri, first=DAY, last=DAY).fetchall()) == \
        sorted(s.slug for s in testweb.sites)


def test_cli_takes_the_lake_url(testweb_outlets, tmp_path):
    """`--lake` / AKHBAR_LAKE_URI reach the writer and the reader (a file:// URL here: another process
    cannot see this one's in-memory filesystem)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    akhbar = str(Path(sys.executable).parent / "akhbar")
    lake_dir = tmp_path / "elsewhere" / "lake"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "AKHBAR_LAKE_URI": f"file://{lake_dir}",
           "AKHBAR_SCRAPY_LOG_LEVEL": "WARNING"}
    run = subprocess.run([akhbar, "run", "--date", DAY.isoformat(), "--outlet", "fa-payam", "--data-dir",
                          str(tmp_path / "data"), "--outlets-dir", str(testweb_outlets)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert list(lake_dir.glob("articles/day=2025-01-07/outlet=fa-payam/*.parquet"))
    assert not (tmp_path / "data" / "lake").exists()
    out = subprocess.run([akhbar, "query", "--data-dir", str(tmp_path / "data"), "--format", "csv",
                          "select outlet, count(*) as n from articles group by 1"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1].startswith("fa-payam,") and int(out.stdout.splitlines()[1].split(",")[1]) > 0


# -- an S3 lake on moto's server (loopback), without credentials: one line naming what is missing (issue 24) -------

BUCKET = "akhbar-lake"
S3_LAKE = f"s3://{BUCKET}/lake"


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """moto's S3 server holding one article partition of S3_LAKE (written with credentials)."""
    from services import MotoS3

    with MotoS3(tmp_path_factory.mktemp("moto")) as server:
        server.create_bucket(BUCKET)
        from datetime import UTC, datetime

        with pytest.MonkeyPatch.context() as patch:
            for key, value in server.env.items():
                patch.setenv(key, value)
            import s3fs

            # a cached s3fs instance of an earlier test (another moto server, e.g. test_distributed's) would be
            # reused: its endpoint is gone
            s3fs.S3FileSystem.clear_instance_cache()
            lake = Lake(S3_LAKE)
            row = {"article_id": "p1", "url": "https://fa-payam.example/p1", "title": f"دولت{ZWNJ}ها",
                   "text": f"دولت{ZWNJ}ها گفتند", "fetched_at": datetime(2025, 1, 7, 8, tzinfo=UTC)}
            _with_server_retries(server, lambda: lake.replace_partition("articles", DAY, "fa-payam", [row]))
        type(lake.fs).clear_instance_cache()  # the s3fs instance keeps the credentials it was made with
        yield server


def _with_server_retries(server, write) -> None:
    """``write`` against the moto server, tried again while the server lives: a CI run on a loaded machine once
    saw one refused connection right after the server answered; the setup is not what these tests are about."""
    import time

    from botocore.exceptions import EndpointConnectionError

    for attempt in range(4):
        try:
            return write()
        except EndpointConnectionError:
            if server.proc.poll() is not None or attempt == 3:
                pytest.fail(f"moto_server on {server.endpoint} refused the fixture's write:\n{server.tail()}")
            time.sleep(1 + attempt)


def _akhbar_s3(s3, tmp_path, *args: str, **aws: str):
    """The real `akhbar` on the moto server, with exactly the AWS variables given (no files, no instance role)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AKHBAR_"))}
    env.update({"NO_COLOR": "1", "COLUMNS": "1000", "AWS_ENDPOINT_URL": s3.endpoint, "AWS_DEFAULT_REGION": s3.region,
                "AWS_EC2_METADATA_DISABLED": "true", "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials"),
                "AWS_CONFIG_FILE": str(tmp_path / "no-config"), **aws})
    return subprocess.run([str(Path(sys.executable).parent / "akhbar"), *args, "--lake", S3_LAKE],
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.faults
def test_an_s3_lake_without_credentials_is_one_line_naming_them(s3, testweb_outlets, tmp_path):
    from faultkit import report

    data = tmp_path / "data"
    commands = [("query", "select count(*) from articles"), ("summary",), ("search", "دولت"),
                ("query", "select 1", "--format", "csv"), ("export", "--table", "articles", "--format", "jsonl",
                                                           "-o", str(tmp_path / "out.jsonl")),
                ("run", "--date", DAY.isoformat(), "--outlet", "fa-payam", "--outlets-dir", str(testweb_outlets)),
                ("dedup", "--from", DAY.isoformat(), "--to", DAY.isoformat())]
    for args in commands:
        proc = _akhbar_s3(s3, tmp_path, *args, "--data-dir", str(data))
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert proc.returncode == 2 and len(lines) == 1, (args, proc.stdout, proc.stderr[-2000:])
        assert lines[0].startswith(f"error: lake {S3_LAKE}: no AWS credentials found") and \
            "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" in lines[0], lines[0]
    assert not data.exists() and not (tmp_path / "out.jsonl").exists()  # refused before anything was written
    partial = _akhbar_s3(s3, tmp_path, "query", "select 1", "--data-dir", str(data), AWS_ACCESS_KEY_ID="only-key")
    assert partial.returncode == 2 and partial.stderr.strip() == (
        f"error: lake {S3_LAKE}: AWS credentials: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY")
    # with credentials the same commands read the lake (the check refuses nothing that works)
    keys = {"AWS_ACCESS_KEY_ID": s3.access_key, "AWS_SECRET_ACCESS_KEY": s3.secret_key}
    ok = _akhbar_s3(s3, tmp_path, "query", "select title from articles", "--format", "csv", "--data-dir",
                    str(data), **keys)
    assert ok.returncode == 0 and ok.stdout == f"title\nدولت{ZWNJ}ها\n", ok.stderr[-2000:]
    report("S3 lake without credentials", f"{len(commands)} commands on moto's S3 server",
           "error: lake s3://…: no AWS credentials found (…): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", 1)
