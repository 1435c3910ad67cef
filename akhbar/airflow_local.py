"""The local Airflow's REST API, for scripts/airflow-up.sh and scripts/airflow-wait.sh (stdlib only).

``python -m akhbar.airflow_local ready --home H --url U DAG…``: wait until the api-server answers and the DAGs
are parsed, then unpause them. ``python -m akhbar.airflow_local wait --home H --url U [--dag D]``: wait for the
DAG's latest back-fill to end, print one line per day and the failed tasks; exit 0 all days succeeded, 1 some
failed, 2 timed out. Credentials: the simple auth manager's generated password file in the Airflow home.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PASSWORDS_FILE = "simple_auth_manager_passwords.json.generated"
TERMINAL = frozenset({"success", "failed"})


class WaitTimeout(RuntimeError):
    """What was waited for did not happen in time."""


def password_file(home: Path) -> Path:
    """Where the api-server keeps the generated UI passwords ({"admin": "…"})."""
    return home / PASSWORDS_FILE


@dataclass
class Api:
    """A logged-in client of the api-server's /api/v2 (token from the generated password file)."""

    home: Path
    url: str
    user: str = "admin"
    timeout: float = 15
    _token: str | None = field(default=None, repr=False)

    def _request(self, method: str, path: str, body: dict | None = None, auth: bool = True) -> Any:
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token()}"
        req = urllib.request.Request(self.url.rstrip("/") + path, method=method, headers=headers,
                                     data=None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            return json.load(resp)

    def token(self) -> str:
        if self._token is None:
            passwords = json.loads(password_file(self.home).read_text(encoding="utf-8"))
            got = self._request("POST", "/auth/token", {"username": self.user, "password": passwords[self.user]},
                                auth=False)
            self._token = got["access_token"]
        return self._token

    def get(self, path: str, **params: Any) -> Any:
        query = urllib.parse.urlencode(params, doseq=True)
        return self._request("GET", f"/api/v2{path}" + (f"?{query}" if query else ""))

    def patch(self, path: str, body: dict) -> Any:
        return self._request("PATCH", f"/api/v2{path}", body)

    def healthy(self) -> bool:
        return self._request("GET", "/api/v2/monitor/health", auth=False)["metadatabase"]["status"] == "healthy"


def poll(what: str, check: Callable[[], Any], timeout: float, every: float = 2.0) -> Any:
    """``check()`` until it returns something true (errors count as not yet); WaitTimeout after ``timeout``."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while True:
        try:
            result = check()
            if result:
                return result
        except (OSError, KeyError, ValueError, urllib.error.HTTPError) as exc:  # not up yet
            last = exc
        if time.monotonic() >= deadline:
            raise WaitTimeout(f"timed out after {timeout:.0f} s waiting for {what}" + (f" ({last})" if last else ""))
        time.sleep(every)


def ready(api: Api, dag_ids: list[str], timeout: float = 180) -> None:
    """Wait for the api-server and for each DAG to be parsed, then unpause it."""
    poll("the api-server", api.healthy, timeout)
    for dag_id in dag_ids:
        poll(f"the DAG {dag_id} to be parsed", lambda d=dag_id: api.get(f"/dags/{d}")["dag_id"], timeout)
        api.patch(f"/dags/{dag_id}", {"is_paused": False})
        print(f"unpaused {dag_id}", flush=True)


@dataclass
class BackfillResult:
    backfill: dict
    runs: list[dict]
    failed_tasks: dict[str, list[str]]  # run id -> failed task ids

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(r["state"] == "success" for r in self.runs)

    def lines(self) -> list[str]:
        b = self.backfill
        out = [f"back-fill {b['id']} of {b['dag_id']}: {b['from_date'][:10]} .. {b['to_date'][:10]}, "
               f"{sum(r['state'] == 'success' for r in self.runs)} of {len(self.runs)} day(s) succeeded"]
        for r in sorted(self.runs, key=lambda r: r["logical_date"] or ""):
            failed = self.failed_tasks.get(r["dag_run_id"])
            out.append(f"  {(r['logical_date'] or '')[:10]}  {r['state']:8} {r['dag_run_id']}"
                       + (f"  failed: {', '.join(failed)}" if failed else ""))
        return out


def latest_backfill(api: Api, dag_id: str) -> dict | None:
    backfills = api.get("/backfills", dag_id=dag_id, limit=100)["backfills"]
    return max(backfills, key=lambda b: b["id"]) if backfills else None


def backfill_runs(api: Api, backfill: dict) -> list[dict]:
    return api.get(f"/dags/{backfill['dag_id']}/dagRuns", run_type="backfill", limit=1000,
                   logical_date_gte=backfill["from_date"], logical_date_lte=backfill["to_date"])["dag_runs"]


def wait_backfill(api: Api, dag_id: str, timeout: float, every: float = 5.0) -> BackfillResult:
    """Wait until the DAG's latest back-fill is complete and every one of its runs has ended."""
    def done() -> tuple[dict, list[dict]] | None:
        backfill = latest_backfill(api, dag_id)
        if backfill is None:
            return None
        runs = backfill_runs(api, backfill)
        finished = backfill["completed_at"] and runs and all(r["state"] in TERMINAL for r in runs)
        return (backfill, runs) if finished else None

    backfill, runs = poll(f"the back-fill of {dag_id} to end", done, timeout, every)
    failed = {}
    for r in runs:
        if r["state"] != "success":
            tis = api.get(f"/dags/{dag_id}/dagRuns/{urllib.parse.quote(r['dag_run_id'], safe='')}/taskInstances",
                          state=["failed", "upstream_failed"], limit=1000)["task_instances"]
            failed[r["dag_run_id"]] = sorted(f"{t['task_id']} ({t['state']}, try {t['try_number']})" for t in tis)
    return BackfillResult(backfill, runs, failed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m akhbar.airflow_local", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("ready", "wait"):
        p = sub.add_parser(name)
        p.add_argument("--home", type=Path, required=True, help="AIRFLOW_HOME (the password file is there)")
        p.add_argument("--url", required=True, help="the api-server, e.g. http://127.0.0.1:8080")
        p.add_argument("--timeout", type=float, default=180 if name == "ready" else 3600)
    sub.choices["ready"].add_argument("dags", nargs="+")
    sub.choices["wait"].add_argument("--dag", default="akhbar_nightly")
    args = parser.parse_args(argv)
    api = Api(args.home, args.url)
    try:
        if args.command == "ready":
            ready(api, args.dags, args.timeout)
            return 0
        result = wait_backfill(api, args.dag, args.timeout)
    except WaitTimeout as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(result.lines()))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
