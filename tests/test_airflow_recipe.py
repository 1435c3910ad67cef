"""The local recipe, as the README gives it: scripts/airflow-up.sh (the real api-server, dag-processor and scheduler,
LocalExecutor on SQLite), scripts/airflow-backfill.sh (`airflow backfill create`, asked again while SQLite is
busy) of two days against the test web, scripts/airflow-wait.sh, then an outlet down all night on a third day,
then scripts/airflow-stop.sh — and no process is left.

Everything lives in a temporary AIRFLOW_HOME on a free port; on failure the services' logs and the failed
tasks' error lines are printed.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from akhbar import airflow_support as af
from akhbar.airflow_local import Api
from akhbar.transforms.identity import normalize_url
from akhbar.warehouse.duck import query
from akhbar.warehouse.lake import Lake

pytestmark = [pytest.mark.airflow, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
AIRFLOW = REPO / ".venv" / "bin" / "airflow"
DAYS = [date(2025, 1, 5), date(2025, 1, 6)]
DOWN_DAY, DOWN = date(2025, 1, 7), "ar-wadi"
AKHBAR_DAGS = (af.NIGHTLY_DAG_ID, af.DEDUP_DAG_ID, af.COMPACTION_DAG_ID, af.REPORT_DAG_ID)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Recipe:
    home: Path
    data: Path
    env: dict[str, str]
    api: Api

    def run(self, *cmd: str, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run(list(cmd), env=self.env, cwd=REPO, capture_output=True, text=True, timeout=timeout)
        print(f"$ {' '.join(cmd)}  (exit {proc.returncode})\n{proc.stdout}{proc.stderr[-3000:]}")
        if check and proc.returncode:
            raise AssertionError(f"{cmd[0]} failed with {proc.returncode}")
        return proc

    def backfill(self, first: date, last: date) -> None:  # the README's line, word for word
        self.run("bash", str(SCRIPTS / "airflow-backfill.sh"),
                 "--from-date", first.isoformat(), "--to-date", last.isoformat(), timeout=180)

    def runs(self, dag_id: str) -> list[dict]:
        return self.api.get(f"/dags/{dag_id}/dagRuns", limit=100)["dag_runs"]

    def sessions(self) -> dict[str, int]:
        """Component name -> its session id (airflow-up.sh starts each as a session leader)."""
        return {p.stem: int(p.read_text()) for p in (self.home / "run").glob("*.pid")}

    def left(self, sessions: dict[str, int], marked: bool = True) -> list[int]:
        """Processes of those sessions (and carrying the stack's mark), checked apart from the stop script."""
        sids = set(sessions.values())
        found = set(self.marked()) if marked else set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()  # after "(comm)": state ppid pgrp session
            except (OSError, IndexError):
                continue
            if int(fields[3]) in sids:
                found.add(int(stat.parent.name))
        return sorted(found)

    def marked(self) -> list[int]:
        """Processes carrying the stack's mark (what the stop script looks for, checked here independently)."""
        mark = f"AKHBAR_AIRFLOW_STACK={self.home}".encode()
        found = []
        for environ in Path("/proc").glob("[0-9]*/environ"):
            try:
                if mark in environ.read_bytes().split(b"\0"):
                    found.append(int(environ.parent.name))
            except OSError:
                pass
        return found

    def dump(self) -> None:
        for log in sorted((self.home / "logs" / "services").glob("*.log")):
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-60:])
            print(f"===== {log.name} (last 60 lines) =====\n{tail}")
        for log in sorted((self.home / "logs").glob("dag_id=*/run_id=*/task_id=*/attempt=*.log")):
            errors = [line[:1500] for line in log.read_text(errors="replace").splitlines() if '"level":"error"' in line]
            if errors:
                print(f"===== {log.relative_to(self.home / 'logs')} =====\n" + "\n".join(errors))


@pytest.fixture
def recipe(tmp_path, testweb_outlets, fast_crawl) -> Iterator[Recipe]:
    home, data = tmp_path / "airflow", tmp_path / "data"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "AKHBAR_"))}
    env.update({
        "AIRFLOW_HOME": str(home), "AIRFLOW__API__PORT": str(port), "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
        "AKHBAR_DATA_DIR": str(data), "AKHBAR_OUTLETS_DIR": str(testweb_outlets),  # the session's test web
        "AKHBAR_CRAWL_SETTINGS": json.dumps(fast_crawl), "AKHBAR_RETRY_DELAY_SECONDS": "2",
        "AKHBAR_ON_FAILURE": "airflow_hooks:record_failure", "AKHBAR_TEST_HOOK_FILE": str(tmp_path / "hook.jsonl"),
        "PYTHONPATH": str(REPO / "tests"),  # the hook's module, in the task processes
    })
    r = Recipe(home, data, env, Api(home, f"http://127.0.0.1:{port}"))
    sessions: dict[str, int] = {}
    try:
        r.run("bash", str(SCRIPTS / "airflow-up.sh"), timeout=420)
        sessions = r.sessions()
        assert set(sessions) == {"api-server", "dag-processor", "scheduler"}  # the session's test web: none
        yield r
    except BaseException:
        r.dump()
        raise
    finally:
        stopped = r.run("bash", str(SCRIPTS / "airflow-stop.sh"), timeout=180, check=False)
    assert stopped.returncode == 0 and f"no process of {home} is left" in stopped.stdout
    assert r.left(sessions) == []
    assert not list((home / "run").glob("*.pid"))


def test_the_local_recipe_backfills_reports_a_down_outlet_and_stops_everything(recipe, testweb, testweb_outlets):
    try:
        _recipe(recipe, testweb, testweb_outlets)
    except BaseException:
        recipe.dump()
        raise


def _recipe(r: Recipe, testweb, outlets_dir: Path) -> None:
    slugs = af.outlet_slugs(outlets_dir)
    # up: every akhbar DAG unpaused, and no run created by it (the nightly starts with the day of the first start)
    assert [r.api.get(f"/dags/{d}")["is_paused"] for d in AKHBAR_DAGS] == [False] * len(AKHBAR_DAGS)
    assert (r.home / "simple_auth_manager_passwords.json.generated").exists()
    assert [r.runs(d) for d in AKHBAR_DAGS] == [[]] * len(AKHBAR_DAGS)
    # each component's session is alive
    assert all(r.left({name: sid}, marked=False) for name, sid in r.sessions().items())

    r.backfill(DAYS[0], DAYS[-1])
    waited = r.run("bash", str(SCRIPTS / "airflow-wait.sh"), timeout=600)
    assert f"{len(DAYS)} of {len(DAYS)} day(s) succeeded" in waited.stdout
    assert [line.split()[:2] for line in waited.stdout.splitlines()[1:]] == [[d.isoformat(), "success"] for d in DAYS]

    tis = r.api.get(f"/dags/{af.NIGHTLY_DAG_ID}/dagRuns/~/taskInstances", limit=500)["task_instances"]
    for slug in slugs:  # the per-outlet pools kept every outlet to one crawl at a time across the runs
        spans = sorted((_ts(t["start_date"]), _ts(t["end_date"])) for t in tis
                       if t["task_id"] == f"archive_outlet__{slug}")
        assert len(spans) == len(DAYS)
        assert all(prev_end <= start for (_, prev_end), (start, _) in itertools.pairwise(spans)), spans
    rows = Lake(str(r.data / "lake")).read("articles").to_pylist()
    got = {(row["day"], row["outlet"], normalize_url(row["url"])) for row in rows}
    assert got == {(d, e.outlet, normalize_url(e.url)) for d in DAYS for e in testweb.expected_articles(d)}
    verdicts = query(r.data, "select cast(day as varchar), outlet, status from runs order by 1, 2").fetchall()
    assert verdicts == [(d.isoformat(), s, "ok") for d in DAYS for s in slugs]
    # the dedup tasks of the concurrent runs left one canonical per story, whatever order they ran in
    planted = sum(1 for d in DAYS for e in testweb.expected_articles(d) if e.syndicated_from)
    [(total, unique)] = query(r.data, "select (select count(*) from articles), "
                                      "(select count(*) from articles_unique)").fetchall()
    assert planted and unique == total - planted

    # an outlet down all night (503, robots.txt included): its task fails after its retries, the gate fails the
    # day, the wait says which, the failure hook hears of both, and the lake asset does not move for that day
    with testweb.outage(DOWN, "503"):
        r.backfill(DOWN_DAY, DOWN_DAY)
        waited = r.run("bash", str(SCRIPTS / "airflow-wait.sh"), timeout=600, check=False)
    assert waited.returncode == 1 and "0 of 1 day(s) succeeded" in waited.stdout
    [day_line] = waited.stdout.splitlines()[1:]
    assert day_line.split()[:2] == [DOWN_DAY.isoformat(), "failed"]
    assert f"archive_outlet__{DOWN} (failed, try 3)" in day_line and "quality_gate (failed, try 1)" in day_line
    others = {t["task_id"]: t["state"] for t in r.api.get(
        f"/dags/{af.NIGHTLY_DAG_ID}/dagRuns/~/taskInstances", limit=500)["task_instances"]
        if t["dag_run_id"].startswith(f"backfill__{date.fromordinal(DOWN_DAY.toordinal() + 1).isoformat()}")}
    assert {t: s for t, s in others.items() if t.startswith("archive_outlet__")} == {
        f"archive_outlet__{s}": "failed" if s == DOWN else "success" for s in slugs}
    hooked = [json.loads(line) for line in Path(r.env["AKHBAR_TEST_HOOK_FILE"]).read_text().splitlines()]
    assert sorted(h["task_id"] for h in hooked) == [f"archive_outlet__{DOWN}", "quality_gate"]
    assert any("outage: no successful fetch" in (h["error"] or "") for h in hooked)
    [failed_run] = query(r.data, f"select status, error from runs where day = '{DOWN_DAY}' and outlet = '{DOWN}' "
                                 "order by finished_at desc limit 1").fetchall()
    assert failed_run[0] == "failed" and "try 3: outage" in failed_run[1]

    # only back-fills created runs; the passed gates updated the lake asset once per good day, which ran the
    # (unpaused) compaction and report DAGs
    assert {x["run_type"] for x in r.runs(af.NIGHTLY_DAG_ID)} == {"backfill"}
    events = r.api.get("/assets/events", limit=50)["asset_events"]
    assert sorted(e["extra"]["day"] for e in events if e["uri"] == af.LAKE_ASSET_URI) == [d.isoformat() for d in DAYS]
    for dag_id in (af.COMPACTION_DAG_ID, af.REPORT_DAG_ID):
        assert {x["run_type"] for x in r.runs(dag_id)} <= {"asset_triggered"}, dag_id
    assert {p.name for p in (r.data / "reports").glob("*.md")} <= {f"{d.isoformat()}.md" for d in DAYS}


def _ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
