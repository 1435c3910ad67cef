"""Production, started by a test: Airflow 3 with the CeleryExecutor on PostgreSQL and Redis, two Celery workers
on their own queues (``crawl`` for the outlet tasks, ``cpu`` for the rest), and the lake on an S3 API server.

All on 127.0.0.1 with free ports, in temporary folders: PostgreSQL 15 (metadata DB and Celery result backend),
redis-server (broker), moto_server (S3), then api-server, scheduler, dag-processor and the two workers as
separate processes. A 3-day back-fill of the nightly DAG crawls two outlets of the local test web into
``s3://akhbar-test/akhbar/lake``; the partitions and rows are read back through DuckDB (``akhbar query
--lake s3://…`` and a bare connection), Polars and pyarrow's own S3 client; every task ran on the worker of
its queue; then everything is stopped and no process of it is left. docs/airflow.md "Production" describes
this deployment. Run it alone: ``.venv/bin/pytest -m distributed``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psutil
import pytest
from airflowkit import AIRFLOW, Airflow
from services import WORKER_NAME_ENV, MotoS3, Postgres, Redis, free_port, stop_process

from akhbar import airflow_support as af

pytestmark = [pytest.mark.distributed, pytest.mark.timeout(600)]

TESTS = Path(__file__).resolve().parent
DAYS = [date(2025, 1, 5), date(2025, 1, 6), date(2025, 1, 7)]
OUTLETS = ("ar-wadi", "fa-payam")  # one Arabic, one Persian site; two are enough to show the queues and pools
BUCKET = "akhbar-test"
LAKE_URI = f"s3://{BUCKET}/akhbar/lake"
QUEUES = ("crawl", "cpu")
STOP_ORDER = ("scheduler", "worker-crawl", "worker-cpu", "dag-processor", "api-server")


class CeleryAirflow(Airflow):
    """The airflowkit services plus one Celery worker per queue, each worker naming itself."""

    def start(self) -> None:
        super().start()
        for queue in QUEUES:
            env = {**self.env, WORKER_NAME_ENV: f"{queue}-worker",
                   # the worker's task processes report this hostname (two workers share this machine)
                   "AIRFLOW__CORE__HOSTNAME_CALLABLE": "services.worker_hostname",
                   "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
                   # every worker serves its task logs on a port of its own
                   "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port())}
            log = open(self.home / f"worker-{queue}.out", "wb")
            self.procs[f"worker-{queue}"] = subprocess.Popen(
                [str(AIRFLOW), "celery", "worker", "--queues", queue, "--concurrency", "2",
                 "--celery-hostname", f"{queue}@%h", "--without-gossip", "--without-mingle"],
                env=env, cwd=self.home, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def pids(self) -> set[int]:
        """Every process of the deployment now: the services and all their descendants."""
        found = set()
        for proc in self.procs.values():
            try:
                found |= {proc.pid, *(c.pid for c in psutil.Process(proc.pid).children(recursive=True))}
            except psutil.NoSuchProcess:
                pass
        return found

    def stop(self) -> None:
        # no new task first, then the workers finish theirs (warm shutdown), then the API they report to
        for name in STOP_ORDER:
            if name in self.procs:
                stop_process(self.procs[name], timeout=60)

    def dump(self) -> None:
        super().dump()
        for queue in QUEUES:
            out = self.home / f"worker-{queue}.out"
            if out.exists():
                print(f"===== worker-{queue} (last 60 lines) =====\n"
                      + "\n".join(out.read_text(errors="replace").splitlines()[-60:]))


def _check_packages() -> None:
    """Fail at once, naming the package, instead of a worker dying minutes into the test."""
    import importlib.util

    missing = [m for m in ("asyncpg", "psycopg2", "celery", "redis", "s3fs", "moto") if not importlib.util.find_spec(m)]
    assert not missing, f"the distributed deployment needs {missing} (pip install asyncpg, the production extra)"
    from celery.backends import database

    assert hasattr(database, "retry"), "Celery 5.7 breaks the Celery provider 3.26: pip install 'celery<5.7'"


@pytest.fixture
def outlets_dir(testweb_outlets, tmp_path) -> Path:
    folder = tmp_path / "outlets"
    folder.mkdir()
    for slug in OUTLETS:
        shutil.copy(testweb_outlets / f"{slug}.toml", folder)
    return folder


@pytest.fixture
def cluster(tmp_path, outlets_dir, fast_crawl, monkeypatch) -> Iterator[tuple[CeleryAirflow, MotoS3]]:
    _check_packages()
    home = tmp_path / "airflow"
    home.mkdir()
    with Postgres() as pg, Redis(tmp_path / "redis") as redis, MotoS3(tmp_path / "moto") as s3:
        s3.create_bucket(BUCKET)
        for key, value in s3.env.items():  # this process reads the lake back through s3fs too
            monkeypatch.setenv(key, value)
        airflow = CeleryAirflow(home, tmp_path / "data", {
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": pg.url,
            "AIRFLOW__CELERY__BROKER_URL": redis.url,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + pg.url,  # db+postgresql+psycopg2://…
            # a task running longer than this is handed to another worker: above the longest crawl
            "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT": "21600",
            # tasks get a workload token valid while queued, swapped for a 10-minute execution token when they
            # start, which the api-server re-issues on heartbeats in its last 20 %: long crawls keep working
            "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT": "600",
            "AIRFLOW__EXECUTION_API__JWT_EXPIRATION_TIME": "600",
            # a task's calls to the execution API wait this long for the api-server (default 5 s: a busy
            # api-server made a task fail with ReadTimeout after its 5 retries)
            "AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT": "30",
            "AIRFLOW__CORE__PARALLELISM": "8",
            "AKHBAR_CRAWL_QUEUE": "crawl",
            "AKHBAR_CPU_QUEUE": "cpu",
            "AKHBAR_LAKE_URI": LAKE_URI,
            **s3.env,
            "AKHBAR_DATA_DIR": str(tmp_path / "data"),
            "AKHBAR_OUTLETS_DIR": str(outlets_dir),
            "AKHBAR_CRAWL_SETTINGS": json.dumps(fast_crawl),
            "AKHBAR_RETRY_DELAY_SECONDS": "2",
        })
        try:
            started = time.monotonic()
            airflow.cli("db", "migrate", timeout=300)
            print(f"services up, Airflow DB migrated on PostgreSQL in {time.monotonic() - started:.0f}s")
            pools = home / "pools.json"
            pools.write_text(json.dumps(af.pools_spec(outlets_dir)))
            airflow.cli("pools", "import", str(pools))
            airflow.start()
            yield airflow, s3
        except BaseException:
            airflow.dump()
            for service in (pg, redis, s3):
                print(f"===== {service.name} =====\n{service.tail()}")
            raise
        finally:
            airflow.stop()
        services = [pg.proc, redis.proc, s3.proc]
    assert all(p is not None and p.poll() is not None for p in services)


def test_backfill_through_celery_workers_into_an_s3_lake(cluster, testweb, outlets_dir, tmp_path):
    airflow, s3 = cluster
    try:
        tis = _backfill(airflow)
        pids = airflow.pids()
    except BaseException:
        airflow.dump()
        raise

    # every task ran on the worker of its queue: crawls on "crawl", everything else on "cpu"
    placed = Counter((t["task_id"].split("__")[0], t["queue"], t["hostname"]) for t in tis)
    assert placed == Counter({("archive_outlet", "crawl", "crawl-worker"): len(DAYS) * len(OUTLETS),
                              ("revisit", "crawl", "crawl-worker"): len(DAYS),
                              **{(task, "cpu", "cpu-worker"): len(DAYS) for task in
                                 ("wait_for_day_to_settle", "dedup", "publish", "quality_gate")}}), placed

    want = Counter((d.isoformat(), e.outlet) for d in DAYS for e in testweb.expected_articles(d)
                   if e.outlet in OUTLETS)
    assert len(want) == len(DAYS) * len(OUTLETS)

    # the lake is on S3 and only there: one object per partition, nothing local
    import s3fs

    fs = s3fs.S3FileSystem()
    # (the back-filled days; the crawls also deliver articles dated other days to those days' partitions)
    days = {d.isoformat() for d in DAYS}
    within = f"day between '{DAYS[0]}' and '{DAYS[-1]}'"
    parts = [p for p in fs.glob(f"{BUCKET}/akhbar/lake/articles/day=*/outlet=*/*.parquet")
             if p.split("/day=", 1)[1][:10] in days]
    assert sorted(parts) == sorted(f"{BUCKET}/akhbar/lake/articles/day={d}/outlet={o}/part-0.parquet"
                                   for d, o in want)
    assert not (tmp_path / "data" / "lake").exists()

    # DuckDB through the CLI, which reads the lake through fsspec (no httpfs needed)
    out = subprocess.run([str(Path(sys.executable).with_name("akhbar")), "query", "--lake", LAKE_URI,
                          "--data-dir", str(tmp_path / "data"), "--format", "csv",
                          f"select cast(day as varchar) as d, outlet, count(*) as n from articles where {within} "
                          "group by all"],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert out.returncode == 0, out.stderr
    rows = [line.split(",") for line in out.stdout.splitlines()[1:]]
    assert Counter({(d, o): int(n) for d, o, n in rows}) == want

    # a bare DuckDB connection with s3fs registered as its s3:// filesystem
    import duckdb

    con = duckdb.connect()
    con.register_filesystem(fs)
    duck = con.execute(f"select cast(day as varchar), outlet, count(*) from read_parquet('{LAKE_URI}/articles/*/*/"
                       f"*.parquet', hive_partitioning = true) where {within} group by all").fetchall()
    assert Counter({(d, o): n for d, o, n in duck}) == want
    persian = con.execute(f"select count(*) from read_parquet('{LAKE_URI}/articles/*/*/*.parquet', "
                          "hive_partitioning = true) where outlet = 'fa-payam' and contains(text, chr(8204))"
                          ).fetchone()[0]
    assert persian >= 1  # the zero-width non-joiner of Persian text survived the trip through S3

    # Polars with its own object-store client
    import polars as pl

    frame = pl.scan_parquet(f"{LAKE_URI}/articles/**/*.parquet", hive_partitioning=True, storage_options={
        "aws_endpoint_url": s3.endpoint, "aws_access_key_id": s3.access_key, "aws_secret_access_key": s3.secret_key,
        "aws_region": s3.region, "aws_allow_http": "true"}).group_by("day", "outlet").len().collect()
    assert Counter({(str(d), o): n for d, o, n in frame.iter_rows() if str(d) in days}) == want

    # pyarrow with its own S3 client
    import pyarrow.dataset as ds
    from pyarrow import fs as pafs

    s3_arrow = pafs.S3FileSystem(endpoint_override=s3.endpoint, scheme="http", access_key=s3.access_key,
                                 secret_key=s3.secret_key, region=s3.region)
    table = ds.dataset(f"{BUCKET}/akhbar/lake/articles", filesystem=s3_arrow, format="parquet",
                       partitioning="hive", exclude_invalid_files=True).to_table(columns=["day", "outlet"])
    pairs = zip(map(str, table["day"].to_pylist()), table["outlet"].to_pylist(), strict=True)
    assert Counter(p for p in pairs if p[0] in days) == want

    # the gate judged every outlet-day ok, recorded in the S3 lake's runs table
    gate = con.execute(f"select cast(day as varchar), outlet, status from read_parquet('{LAKE_URI}/runs/*/*/"
                       "*.parquet', hive_partitioning = true)").fetchall()
    # (a day judged before a neighbouring day's run delivered articles to it is judged again: a second ok row)
    assert set(gate) == {(d, o, "ok") for d, o in want}

    # stop everything: no process of the deployment is left
    airflow.stop()
    time.sleep(0.5)
    assert pids and not [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]


def _backfill(airflow: CeleryAirflow) -> list[dict]:
    dag_path = f"/dags/{af.NIGHTLY_DAG_ID}"
    airflow.wait_for("the DAG to be parsed", lambda: airflow.api("GET", dag_path)["dag_id"], timeout=120)
    airflow.api("PATCH", dag_path, {"is_paused": False})
    started = time.monotonic()
    airflow.cli("backfill", "create", "--dag-id", af.NIGHTLY_DAG_ID,
                "--from-date", DAYS[0].isoformat(), "--to-date", DAYS[-1].isoformat())

    def finished() -> list[dict] | None:
        runs = airflow.api("GET", f"{dag_path}/dagRuns?limit=50")["dag_runs"]
        done = len(runs) == len(DAYS) and all(r["state"] in ("success", "failed") for r in runs)
        return runs if done else None

    runs = airflow.wait_for("the back-fill's runs to finish", finished, timeout=360, every=3)
    print(f"distributed back-fill of {len(DAYS)} days finished in {time.monotonic() - started:.0f}s")
    tis = airflow.task_instances()
    assert [r["state"] for r in runs] == ["success"] * len(DAYS), [
        (t["dag_run_id"], t["task_id"], t["state"], t["hostname"]) for t in tis if t["state"] != "success"]
    return tis
