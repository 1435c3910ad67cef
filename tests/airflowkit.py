"""A real Airflow 3 deployment for tests: the api-server, dag-processor and scheduler as processes of their own,
with a REST client (the base of tests/test_distributed.py; the local recipe has its own scripts, tested by
tests/test_airflow_recipe.py)."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from services import free_port

from akhbar import airflow_support as af

pytestmark = [pytest.mark.airflow, pytest.mark.timeout(300)]

REPO = Path(__file__).resolve().parents[1]
AIRFLOW = Path(sys.executable).with_name("airflow")
DAYS = [date(2025, 1, 5), date(2025, 1, 6), date(2025, 1, 7)]
SERVICES = ("api-server", "dag-processor", "scheduler")
STOP_ORDER = ("scheduler", "dag-processor", "api-server")


class Airflow:
    """Airflow services as child processes of the test, sharing one temporary home."""

    def __init__(self, home: Path, data: Path, extra_env: dict[str, str]) -> None:
        self.home = home
        self.data = data
        self.port = free_port()
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


