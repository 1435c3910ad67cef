"""Unpausing the akhbar DAGs on the first start creates no run, whatever the weekday and hour (issue 23).

scripts/airflow.env sets AKHBAR_NIGHTLY_START to the UTC day of the Airflow home's first start, then
airflow-up.sh unpauses the DAGs. With catchup off, the scheduler creates at once any run whose time
(``run_after``) has come. Here each DAG is asked for its first run as the scheduler asks it (the DAG
serialised and back, ``next_dagrun_info`` with no earlier run), with Airflow's clock set to every weekday
at hours around the weekly compaction's trigger (Monday 04:00 UTC) and around midnight. No Airflow process
is started; tests/test_airflow_recipe.py checks the same promise on the real stack, on a Monday at 05:00.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

import pytest

from akhbar import airflow_support as af

REPO = Path(__file__).resolve().parents[1]
MONDAY = date(2026, 12, 7)
WEEK = [MONDAY + timedelta(days=n) for n in range(7)]
#: around midnight (the first day's end), the weekly trigger (Monday 04:00) and the settle delay (02:00)
HOURS = [time(0, 0), time(0, 0, 1), time(2, 0), time(3, 59, 59), time(4, 0), time(4, 0, 1), time(5, 0),
         time(12, 0), time(23, 59), time(23, 59, 59, 999999)]
AKHBAR_DAGS = (af.NIGHTLY_DAG_ID, af.COMPACTION_DAG_ID, af.REPORT_DAG_ID, af.DEDUP_DAG_ID, af.REEXTRACT_DAG_ID)


def _clock_modules() -> Iterator[ModuleType]:
    """Every loaded Airflow module holding Airflow's ``utcnow`` (imported by name, so patched one by one)."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] == "airflow" and module is not None:
            func = vars(module).get("utcnow")  # not getattr: deprecated modules warn on any lookup
            if callable(func) and getattr(func, "__module__", "").endswith("timezones.timezone"):
                yield module


@contextmanager
def airflow_clock(moment: datetime) -> Iterator[None]:
    """Airflow's clock reads ``moment`` (the timetables ask ``utcnow()`` what "now" is)."""
    with ExitStack() as stack:
        for module in _clock_modules():
            stack.enter_context(mock.patch.object(module, "utcnow", lambda: moment))
        from airflow.timetables import interval, trigger

        assert trigger.utcnow() == interval.utcnow() == moment  # the modules that decide are patched
        yield


@pytest.fixture(scope="module", params=WEEK, ids=lambda d: d.strftime("%a"))
def first_start(request, tmp_path_factory) -> tuple[date, dict[str, Any]]:
    """The akhbar DAGs as the scheduler sees them, parsed with AKHBAR_NIGHTLY_START = the first start's day."""
    day = request.param
    saved = dict(os.environ)
    for name in [n for n in os.environ if n.startswith("AKHBAR_")]:
        del os.environ[name]
    os.environ.update({"AIRFLOW_HOME": str(tmp_path_factory.mktemp("airflow_home")),
                       "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
                       "AKHBAR_NIGHTLY_START": day.isoformat()})
    try:
        from airflow.dag_processing.dagbag import DagBag
        from airflow.serialization.serialized_objects import DagSerialization

        bag = DagBag(dag_folder=str(REPO / "dags"))
        assert bag.import_errors == {}
        dags = {d: DagSerialization.deserialize_dag(DagSerialization.serialize_dag(bag.dags[d])) for d in AKHBAR_DAGS}
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return day, dags


def _first_run(dag: Any, now: datetime) -> Any:
    """What the scheduler would create for a DAG with no run yet, asked at ``now``."""
    with airflow_clock(now):
        return dag.next_dagrun_info(last_automated_run_info=None)


@pytest.mark.parametrize("hour", HOURS, ids=lambda t: t.strftime("%H:%M:%S"))
def test_unpausing_on_the_first_start_creates_no_run(first_start, hour):
    day, dags = first_start
    now = datetime.combine(day, hour, tzinfo=UTC)
    due = {}
    for dag_id, dag in dags.items():
        info = _first_run(dag, now)
        if info is not None and info.run_after <= now:  # due now: created as soon as the DAG is unpaused
            due[dag_id] = info.run_after.isoformat()
    assert due == {}, f"first start {now:%a %Y-%m-%d %H:%M:%S} UTC"


@pytest.mark.parametrize("hour", [time(0, 0), time(4, 0, 1), time(23, 59, 59)], ids=lambda t: t.strftime("%H:%M"))
def test_the_first_runs_are_the_first_day_then_the_first_monday_after_it(first_start, hour):
    day, dags = first_start
    now = datetime.combine(day, hour, tzinfo=UTC)
    day_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=UTC)
    nightly = _first_run(dags[af.NIGHTLY_DAG_ID], now)
    assert (nightly.data_interval.start, nightly.data_interval.end, nightly.run_after) == (
        day_end - timedelta(days=1), day_end, day_end)  # the first start's own day, once it has ended
    monday = day_end + timedelta(days=-day_end.weekday() % 7, hours=4)  # the first Monday 04:00 after it
    assert _first_run(dags[af.COMPACTION_DAG_ID], now).run_after == monday
    assert timedelta(hours=4) <= monday - day_end <= timedelta(days=6, hours=4)
    assert _first_run(dags[af.REPORT_DAG_ID], now) is None  # the lake asset's events only
    assert _first_run(dags[af.DEDUP_DAG_ID], now) is None  # on demand only
    assert _first_run(dags[af.REEXTRACT_DAG_ID], now) is None
