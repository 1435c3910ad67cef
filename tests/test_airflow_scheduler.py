"""The real thing: Airflow 3 (scheduler + dag-processor + api-server, LocalExecutor, SQLite) back-fills
three days of the nightly DAG against the local test web, and the lake holds exactly those days.

Everything lives in a temporary AIRFLOW_HOME on free loopback ports; the processes run in their own
process groups and are stopped (scheduler first, so no task is left talking to a dead api-server).
On failure the processes' logs and the failed tasks' logs are printed.
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from akhbar import airflow_support as af
from transforms.identity import normalize_url
from warehouse.duck import query
from warehouse.lake import Lake

pytestmark = [pytest.mark.airflow, pytest.mark.timeout(300)]

REPO = Path(__file__).resolve().parents[1]
AIRFLOW = Path(sys.executable).with_name("airflow")
DAYS = [date(2025, 1, 5), date(2025, 1, 6), date(2025, 1, 7)]
SERVICES = ("api-server", "dag-processor", "scheduler")
STOP_ORDER = ("scheduler", "dag-processor", "api-server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Airflow:
    """Airflow services as child processes of the test, sharing one temporary home."""

    def __init__(self, home: Path, data: Path, extra_env: dict[str, str]) -> None:
        self.home = home
        self.data = data
        self.port = _free_port()
        self.procs: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "AIRFLOW_HOME": str(home),
            # SQLite allows one writer: wait for the lock (CLI vs scheduler vs dag-processor) instead of failing
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}?timeout=60",
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",  # Airflow 3 runs it on SQLite
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{self.port}/execution/",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(self.port),
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(16),  # shared by api-server and workers
            # only the back-fill may create runs: no run for "yesterday" when the DAG is unpaused
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            **extra_env,
        }

    # -- processes --------------------------------------------------------------------------
    def cli(self, *args: str, timeout: float = 120) -> str:
        proc = subprocess.run([str(AIRFLOW), *args], env=self.env, cwd=self.home, capture_output=True, text=True,
                              timeout=timeout)
        if proc.returncode:
            raise AssertionError(f"airflow {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc.stdout

    def start(self) -> None:
        for name in SERVICES:
            log = open(self.home / f"{name}.out", "wb")  # the child owns it; closed when it exits
            self.procs[name] = subprocess.Popen([str(AIRFLOW), name], env=self.env, cwd=self.home, stdout=log,
                                                stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self) -> None:
        for name in STOP_ORDER:
            proc = self.procs.get(name)
            if proc is None or proc.poll() is not None:
                continue
            _signal_group(proc, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                _signal_group(proc, signal.SIGKILL)
                proc.wait(timeout=10)
            _signal_group(proc, signal.SIGKILL)  # stragglers of the group (task workers, gunicorn)

    # -- REST API (SimpleAuthManager with all-admins: no token needed) ----------------------
    def api(self, method: str, path: str, body: dict | None = None) -> Any:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/v2{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.load(resp)

    def wait_for(self, what: str, check: Callable[[], Any], timeout: float, every: float = 2) -> Any:
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise AssertionError(f"airflow {name} exited with {proc.returncode} while waiting for {what}")
            try:
                result = check()
                if result:
                    return result
            except Exception as exc:  # not up yet
                last = exc
            time.sleep(every)
        raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what} (last error: {last})")

    def task_instances(self) -> list[dict]:
        return self.api("GET", f"/dags/{af.NIGHTLY_DAG_ID}/dagRuns/~/taskInstances?limit=500")["task_instances"]

    def dump(self) -> None:
        for name in SERVICES:
            out = self.home / f"{name}.out"
            if out.exists():
                tail = "\n".join(out.read_text(errors="replace").splitlines()[-80:])
                print(f"===== {name} (last 80 lines) =====\n{tail}")
        for log in sorted((self.home / "logs").glob("dag_id=*/run_id=*/task_id=*/attempt=*.log")):
            errors = [_error_line(line) for line in log.read_text(errors="replace").splitlines()
                      if '"level":"error"' in line]
            if errors:
                print(f"===== {log.relative_to(self.home / 'logs')} =====\n" + "\n".join(errors))


def _error_line(line: str) -> str:
    try:
        event = json.loads(line)
    except ValueError:
        return line[:2000]
    details = [f"{d.get('exc_type')}: {d.get('exc_value')}" for d in event.get("error_detail") or []]
    return " | ".join([str(event.get("event")), *details])[:2000]


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


@pytest.fixture
def airflow(tmp_path, testweb_outlets, fast_crawl) -> Iterator[Airflow]:
    home = tmp_path / "airflow"
    home.mkdir()
    data = tmp_path / "data"
    cluster = Airflow(home, data, {
        "AKHBAR_DATA_DIR": str(data),
        "AKHBAR_OUTLETS_DIR": str(testweb_outlets),
        "AKHBAR_CRAWL_SETTINGS": json.dumps(fast_crawl),
        "AKHBAR_RETRY_DELAY_SECONDS": "2",
    })
    try:
        cluster.cli("db", "migrate")
        pools = home / "pools.json"
        pools.write_text(json.dumps(af.pools_spec(testweb_outlets)))
        cluster.cli("pools", "import", str(pools))
        cluster.start()
        yield cluster
    except BaseException:
        cluster.dump()
        raise
    finally:
        cluster.stop()


def test_backfill_of_three_days_through_the_real_scheduler(airflow, testweb, testweb_outlets):
    try:
        _backfill_and_check(airflow, testweb, testweb_outlets)
    except BaseException:
        airflow.dump()
        raise


def _backfill_and_check(airflow: Airflow, testweb, outlets_dir: Path) -> None:
    slugs = af.outlet_slugs(outlets_dir)
    dag_path = f"/dags/{af.NIGHTLY_DAG_ID}"
    airflow.wait_for("the DAG to be parsed", lambda: airflow.api("GET", dag_path)["dag_id"], timeout=90)
    airflow.api("PATCH", dag_path, {"is_paused": False})
    started = time.monotonic()
    airflow.cli("backfill", "create", "--dag-id", af.NIGHTLY_DAG_ID,
                "--from-date", DAYS[0].isoformat(), "--to-date", DAYS[-1].isoformat())

    def finished() -> list[dict] | None:
        runs = airflow.api("GET", f"{dag_path}/dagRuns?limit=50")["dag_runs"]
        done = len(runs) == len(DAYS) and all(r["state"] in ("success", "failed") for r in runs)
        return runs if done else None

    runs = airflow.wait_for("the back-fill's runs to finish", finished, timeout=200, every=3)
    print(f"back-fill of {len(DAYS)} days finished in {time.monotonic() - started:.0f}s")
    tis = airflow.task_instances()
    assert [r["state"] for r in runs] == ["success"] * len(DAYS), [
        (t["dag_run_id"], t["task_id"], t["state"]) for t in tis if t["state"] != "success"]

    # one run per day, each covering exactly its UTC day
    intervals = sorted((r["data_interval_start"], r["data_interval_end"]) for r in runs)
    assert intervals == [(f"{d.isoformat()}T00:00:00Z", f"{date.fromordinal(d.toordinal() + 1).isoformat()}T00:00:00Z")
                         for d in DAYS]

    # the per-outlet pools kept every outlet to one crawl at a time across the three concurrent runs
    for slug in slugs:
        spans = sorted((_ts(t["start_date"]), _ts(t["end_date"])) for t in tis
                       if t["task_id"] == f"archive_outlet__{slug}")
        assert len(spans) == len(DAYS)
        assert all(prev_end <= start for (_, prev_end), (start, _) in itertools.pairwise(spans)), spans

    # exactly the test web's articles of each day, in that day's partitions
    table = Lake(str(airflow.data / "lake")).read("articles")
    got = {(row["day"], row["outlet"], normalize_url(row["url"])) for row in table.to_pylist()}
    want = {(d, e.outlet, normalize_url(e.url)) for d in DAYS for e in testweb.expected_articles(d)}
    assert got == want
    assert {d for d, _, _ in got} == set(DAYS)

    # the quality gate judged every outlet-day, and its verdicts are queryable in SQL
    verdicts = query(airflow.data, "select cast(day as varchar), outlet, status, articles from runs "
                                   "order by 1, 2").fetchall()
    counts = {(d.isoformat(), s): sum(1 for e in testweb.expected_articles(d) if e.outlet == s)
              for d in DAYS for s in slugs}
    assert verdicts == [(d, s, "ok", n) for (d, s), n in sorted(counts.items())]

    # the dedup tasks of the concurrent runs left one canonical per story: the planted copies are out of
    # articles_unique, whatever order the days' dedup ran in
    planted = sum(1 for d in DAYS for e in testweb.expected_articles(d) if e.syndicated_from)
    [(total, unique, assigned)] = query(airflow.data, "select (select count(*) from articles), (select count(*) from "
                                        "articles_unique), (select count(*) from duplicates)").fetchall()
    assert planted and unique == total - planted and assigned == total

    # publish updated the lake asset once per day, naming the day and the outlets published
    events = airflow.api("GET", "/assets/events?limit=50")["asset_events"]
    extras = sorted((e["extra"]["day"], tuple(e["extra"]["outlets"])) for e in events
                    if e["uri"] == af.LAKE_ASSET_URI)
    assert extras == [(d.isoformat(), tuple(slugs)) for d in DAYS]


def _ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
