"""The DAG files: they import cleanly, and the nightly DAG's shape, day semantics, pools and retries hold.

The timetable is checked through Airflow's own serialisation, i.e. as the scheduler sees it.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from akhbar import airflow_support as af

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dagbag(tmp_path_factory, testweb_outlets):
    home = tmp_path_factory.mktemp("airflow_home")
    saved = dict(os.environ)
    os.environ.update({"AIRFLOW_HOME": str(home), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                       "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
                       "AKHBAR_OUTLETS_DIR": str(testweb_outlets)})
    try:
        from airflow.dag_processing.dagbag import DagBag

        yield DagBag(dag_folder=str(REPO / "dags"))
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def nightly(dagbag):
    return dagbag.dags[af.NIGHTLY_DAG_ID]


@pytest.fixture(scope="module")
def scheduled_nightly(nightly):
    """The nightly DAG after a serialise/deserialise round trip: the scheduler's view of it."""
    from airflow.serialization.serialized_objects import DagSerialization

    return DagSerialization.deserialize_dag(DagSerialization.serialize_dag(nightly))


def test_dag_files_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert {af.NIGHTLY_DAG_ID, af.COMPACTION_DAG_ID, af.REPORT_DAG_ID} <= set(dagbag.dags)


@pytest.mark.parametrize("day", [date(2025, 1, 5), date(2024, 12, 31), date(2024, 2, 29), date(2025, 3, 30)])
def test_run_for_day_d_covers_d_utc_and_starts_after_it(scheduled_nightly, day):
    from airflow.timetables.base import DataInterval, TimeRestriction

    tt = scheduled_nightly.timetable
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    info = tt.next_dagrun_info(last_automated_data_interval=None,
                               restriction=TimeRestriction(earliest=start, latest=None, catchup=True))
    assert (info.data_interval.start, info.data_interval.end) == (start, start + timedelta(days=1))
    assert info.run_after >= start + timedelta(days=1)  # never before the day is over
    following = tt.next_dagrun_info(last_automated_data_interval=DataInterval(start, start + timedelta(days=1)),
                                    restriction=TimeRestriction(earliest=None, latest=None, catchup=True))
    assert following.data_interval.start == start + timedelta(days=1)
    assert af.partition_day(info.data_interval.start) == day


def test_manual_run_covers_the_last_complete_utc_day(scheduled_nightly):
    interval = scheduled_nightly.timetable.infer_manual_data_interval(run_after=datetime(2025, 1, 8, 2, 30, tzinfo=UTC))
    assert (interval.start, interval.end) == (datetime(2025, 1, 7, tzinfo=UTC), datetime(2025, 1, 8, tzinfo=UTC))


def test_partition_day_is_the_utc_date_of_the_interval_start():
    tehran = timezone(timedelta(hours=3, minutes=30))
    assert af.partition_day(datetime(2025, 1, 6, 3, 30, tzinfo=tehran)) == date(2025, 1, 6)
    with pytest.raises(ValueError, match="not at a UTC midnight"):
        af.partition_day(datetime(2025, 1, 6, 2, 0, tzinfo=UTC))


def test_concurrency_is_bounded(nightly):
    assert nightly.catchup is False
    assert nightly.max_active_runs == 3


def test_one_task_per_outlet_in_its_own_pool_with_backoff(scheduled_nightly, testweb):
    slugs = sorted(s.slug for s in testweb.sites)
    archive = {t.task_id: t for t in scheduled_nightly.tasks if t.task_id.startswith("archive_outlet__")}
    assert sorted(archive) == [f"archive_outlet__{s}" for s in slugs]
    for slug in slugs:
        t = archive[f"archive_outlet__{slug}"]
        assert t.pool == f"akhbar_{slug}"
        assert t.retries == 2 and t.retry_exponential_backoff
        assert t.retry_delay == af.Settings.from_env().retry_delay
        assert t.upstream_task_ids == {"wait_for_day_to_settle"}
    pools = {t.pool for t in archive.values()}
    assert len(pools) == len(slugs)  # no two outlets share a slot, no outlet has two


def test_dedup_publish_and_gate_run_whatever_the_outlets_did(scheduled_nightly):
    tasks = {t.task_id: t for t in scheduled_nightly.tasks}
    archive = {t for t in tasks if t.startswith("archive_outlet__")}
    assert tasks["dedup"].trigger_rule == "all_done" and archive <= tasks["dedup"].upstream_task_ids
    assert tasks["publish"].trigger_rule == "all_done"
    assert archive | {"dedup"} <= tasks["publish"].upstream_task_ids
    assert tasks["quality_gate"].trigger_rule == "all_done"
    assert "publish" in tasks["quality_gate"].upstream_task_ids
    assert tasks["quality_gate"].downstream_task_ids == set()  # a leaf: its failure fails the run
    assert tasks["publish"].retries == 0 and tasks["quality_gate"].retries == 0


def test_the_passed_gate_updates_the_lake_asset_that_schedules_compaction_and_report(dagbag):
    nightly = dagbag.dags[af.NIGHTLY_DAG_ID]
    assert nightly.get_task("publish").outlets == []  # the asset moves only once the gate has passed
    [outlet] = nightly.get_task("quality_gate").outlets
    assert (outlet.name, outlet.uri) == (af.LAKE_ASSET_NAME, af.LAKE_ASSET_URI)
    for dag_id in (af.COMPACTION_DAG_ID, af.REPORT_DAG_ID):
        dag = dagbag.dags[dag_id]
        assert [a.uri for a in dag.timetable.asset_condition.objects] == [af.LAKE_ASSET_URI], dag_id
        assert dag.max_active_runs == 1
    # compaction also sweeps the past week on Mondays, for partitions written outside Airflow
    assert dagbag.dags[af.COMPACTION_DAG_ID].timetable.timetable.expression == af.WEEKLY_COMPACTION_CRON == "0 4 * * 1"


def test_pools_file_has_one_single_slot_pool_per_outlet(testweb_outlets, testweb):
    spec = af.pools_spec(testweb_outlets)
    assert spec == {name: {"slots": 1, "description": spec[name]["description"], "include_deferred": False}
                    for name in [*(f"akhbar_{s.slug}" for s in testweb.sites), af.REVISIT_POOL]}


def test_revisits_run_after_publish_in_their_own_pool_and_never_hold_the_gate(scheduled_nightly):
    tasks = {t.task_id: t for t in scheduled_nightly.tasks}
    revisit = tasks["revisit"]
    assert revisit.pool == af.REVISIT_POOL and revisit.trigger_rule == "all_done" and revisit.retries == 0
    assert revisit.upstream_task_ids == {"publish"} and revisit.downstream_task_ids == set()
    assert "revisit" not in tasks["quality_gate"].upstream_task_ids
    assert not any(t.pool == af.REVISIT_POOL for t in tasks.values() if t is not revisit)


def test_dedup_dag_reclusters_a_range_on_demand(dagbag):
    dag = dagbag.dags[af.DEDUP_DAG_ID]
    assert type(dag.timetable).__name__ == "NullTimetable"  # manual only
    assert set(dag.params.keys()) == {"first_day", "last_day"}
    [task] = dag.tasks
    assert [a.uri for a in task.outlets] == [af.LAKE_ASSET_URI]


def test_reextract_dag_takes_a_range_on_demand(dagbag):
    dag = dagbag.dags[af.REEXTRACT_DAG_ID]
    assert type(dag.timetable).__name__ == "NullTimetable"  # manual only
    assert set(dag.params.keys()) == {"first_day", "last_day", "outlets", "all"}
    [task] = dag.tasks
    assert [a.uri for a in task.outlets] == [af.LAKE_ASSET_URI]
