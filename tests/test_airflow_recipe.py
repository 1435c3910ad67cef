"""The local recipe, as the README gives it: scripts/airflow-up.sh (the real api-server, dag-processor and scheduler,
LocalExecutor on SQLite), scripts/airflow-backfill.sh (`airflow backfill create`, asked again while SQLite is
busy) of two days against the test web, scripts/airflow-wait.sh, then an outlet down all night on a third day,
then scripts/airflow-stop.sh — and no process is left.

Everything lives in a temporary AIRFLOW_HOME on a free port; on failure the services' logs and the failed
tasks' error lines are printed.

**The clock.** The whole stack always runs on a Monday at 05:00 UTC (and on from there), the worst case for
the promise that unpausing creates no run: the weekly compaction's trigger (Monday 04:00 UTC) has passed that
day, so a compaction DAG starting on the day of the first start would run at once (issue 23). libfaketime
(Debian's libfaketime, installed by scripts/system-packages.sh) is preloaded into every process the recipe
starts — the shell of airflow.env that writes nightly_start, the api-server, dag-processor, scheduler, task
processes and the crawls — with one relative offset, so they share one clock that moves on as usual:
the latest Monday 05:00 UTC at or before the real time. The monotonic clock stays real, and so does
``time.sleep`` (tests/faketime_site/sitecustomize.py says why). The test process itself and the test web keep
the real clock. tests/test_dag_schedules.py checks every other weekday and hour without starting Airflow.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
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
LIBFAKETIME = next(iter(sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))), None)
#: a sitecustomize for the faked processes: time.sleep that libfaketime 0.9.10 does not break
FAKETIME_SITE = REPO / "tests" / "faketime_site"
#: the stack's clock: Monday (weekday 0) 05:00 UTC, an hour after the weekly compaction's trigger
WORST_WEEKDAY, WORST_HOUR = 0, time(5)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worst_case_offset(now: datetime) -> int:
    """Seconds (<= 0) from ``now`` back to the latest Monday 05:00 UTC at or before it."""
    monday = datetime.combine(now.date() - timedelta(days=(now.weekday() - WORST_WEEKDAY) % 7), WORST_HOUR,
                              tzinfo=UTC)
    return round(((monday if monday <= now else monday - timedelta(days=7)) - now).total_seconds())


def _unfaked(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` without libfaketime's variables (the holder and the stack get exactly the ones set here)."""
    return {k: v for k, v in environ.items() if not k.startswith("FAKETIME") and k != "LD_PRELOAD"}


@contextmanager
def fake_clock(offset: int) -> Iterator[dict[str, str]]:
    """The environment that puts a process, and all it starts, on the real clock + ``offset`` seconds (Python
    processes also need FAKETIME_SITE on their PYTHONPATH).

    libfaketime keeps a semaphore and shared memory for a process tree, made by its first process and left in
    /dev/shm when that process is killed (and PIDs come round again here). One holder process makes them;
    every process of the stack is handed them; they are removed at the end."""
    if LIBFAKETIME is None:
        pytest.fail("libfaketime is missing: bash scripts/system-packages.sh (make system) installs it")
    env = {"LD_PRELOAD": str(LIBFAKETIME),
           "FAKETIME": f"{offset:+d}",  # relative: the faked clock moves on
           "FAKETIME_DONT_FAKE_MONOTONIC": "1"}  # timed waits on locks keep working (see FAKETIME_SITE)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import os, sys; print(os.environ['FAKETIME_SHARED'], flush=True); sys.stdin.read()"],
        env={**_unfaked(os.environ), **env}, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    shared = ""
    try:
        shared = holder.stdout.readline().strip()
        assert len(shared.split()) == 2, f"libfaketime's shared objects: {shared!r}"
        yield {**env, "FAKETIME_SHARED": shared}
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        for name in shared.split():  # /faketime_sem_N is the file sem.faketime_sem_N, /faketime_shm_N is itself
            Path("/dev/shm", ("sem." if "_sem_" in name else "") + name.lstrip("/")).unlink(missing_ok=True)


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
def stack_clock() -> Iterator[dict[str, str]]:
    """The stack's clock (see the module's docstring), as environment variables."""
    with fake_clock(worst_case_offset(datetime.now(UTC))) as env:
        yield env


@pytest.fixture
def recipe(tmp_path, testweb_outlets, fast_crawl, stack_clock) -> Iterator[Recipe]:
    home, data = tmp_path / "airflow", tmp_path / "data"
    port = _free_port()
    env = {k: v for k, v in _unfaked(os.environ).items() if not k.startswith(("AIRFLOW", "AKHBAR_"))}
    env.update(stack_clock)
    env.update({
        # the DAG files' mtimes are not faked (Python's stat escapes libfaketime): days ahead of the faked clock,
        # they would count as just changed and be parsed again and again in the default modified_time order
        "AIRFLOW__DAG_PROCESSOR__FILE_PARSING_SORT_MODE": "alphabetical",
        "AIRFLOW_HOME": str(home), "AIRFLOW__API__PORT": str(port), "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
        "AKHBAR_DATA_DIR": str(data), "AKHBAR_OUTLETS_DIR": str(testweb_outlets),  # the session's test web
        "AKHBAR_CRAWL_SETTINGS": json.dumps(fast_crawl), "AKHBAR_RETRY_DELAY_SECONDS": "2",
        "AKHBAR_ON_FAILURE": "airflow_hooks:record_failure", "AKHBAR_TEST_HOOK_FILE": str(tmp_path / "hook.jsonl"),
        # time.sleep under libfaketime; the hook's module, in the task processes
        "PYTHONPATH": os.pathsep.join([str(FAKETIME_SITE), str(REPO / "tests")]),
    })
    # timeout: on a loaded 2-core machine the api-server's answers took up to 31 s (median 1.8 s)
    r = Recipe(home, data, env, Api(home, f"http://127.0.0.1:{port}", timeout=60))
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
    # the stack's clock: the first start was on a Monday after the weekly compaction's 04:00 UTC trigger
    first_day = date.fromisoformat((r.home / "nightly_start").read_text().strip())
    assert first_day.weekday() == WORST_WEEKDAY, first_day
    day_end = datetime.combine(first_day + timedelta(days=1), time(0), tzinfo=UTC)
    # up: every akhbar DAG unpaused, and no run created by it: the nightly's first run is for the first day,
    # once it has ended; the first weekly compaction is the Monday after
    assert [r.api.get(f"/dags/{d}")["is_paused"] for d in AKHBAR_DAGS] == [False] * len(AKHBAR_DAGS)
    assert (r.home / "simple_auth_manager_passwords.json.generated").exists()
    assert [r.runs(d) for d in AKHBAR_DAGS] == [[]] * len(AKHBAR_DAGS)
    next_runs = {d: r.api.get(f"/dags/{d}")["next_dagrun_run_after"] for d in AKHBAR_DAGS}
    assert {d: t and _ts(t) for d, t in next_runs.items()} == {
        af.NIGHTLY_DAG_ID: day_end, af.COMPACTION_DAG_ID: day_end + timedelta(days=6, hours=4),
        af.DEDUP_DAG_ID: None, af.REPORT_DAG_ID: None}
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
    rows = Lake(str(r.data / "lake")).read("articles", DAYS).to_pylist()  # (articles dated other days: on those)
    got = {(row["day"], row["outlet"], normalize_url(row["url"])) for row in rows}
    assert got == {(d, e.outlet, normalize_url(e.url)) for d in DAYS for e in testweb.expected_articles(d)}
    # distinct: a day judged before its neighbour's run delivered articles to it is judged again (a second row)
    verdicts = query(r.data, "select distinct cast(day as varchar), outlet, status from runs order by 1, 2").fetchall()
    assert verdicts == [(d.isoformat(), s, "ok") for d in DAYS for s in slugs]
    # the dedup tasks of the concurrent runs left one canonical per story, whatever order they ran in
    planted = sum(1 for d in DAYS for e in testweb.expected_articles(d) if e.syndicated_from)
    within = f"where day between '{DAYS[0]}' and '{DAYS[-1]}'"
    [(total, unique)] = query(r.data, f"select (select count(*) from articles {within}), "
                                      f"(select count(*) from articles_unique {within})").fetchall()
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
