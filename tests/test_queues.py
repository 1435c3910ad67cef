"""The DAGs' Celery queues: AKHBAR_CRAWL_QUEUE for the outlet tasks, AKHBAR_CPU_QUEUE for every other task;
unset, every task keeps Airflow's default queue (LocalExecutor and one-queue Celery setups are unaffected)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _queues(home: Path, outlets: Path, extra: dict[str, str]) -> dict[str, set[tuple[str, str]]]:
    """{dag_id: {(task kind, queue)}} of the DAG files parsed with this environment."""
    saved = dict(os.environ)
    os.environ.update({"AIRFLOW_HOME": str(home), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                       "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"), "AKHBAR_OUTLETS_DIR": str(outlets), **extra})
    try:
        from airflow.dag_processing.dagbag import DagBag

        bag = DagBag(dag_folder=str(REPO / "dags"))
        assert bag.import_errors == {}
        return {dag_id: {(t.task_id.split("__")[0], t.queue) for t in dag.tasks} for dag_id, dag in bag.dags.items()}
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.mark.parametrize("queues", [{}, {"AKHBAR_CRAWL_QUEUE": "crawl", "AKHBAR_CPU_QUEUE": "cpu"}])
def test_tasks_are_on_their_queues(tmp_path, testweb_outlets, queues):
    from airflow.configuration import conf

    default = conf.get("operators", "default_queue")
    got = _queues(tmp_path, testweb_outlets, dict(queues))
    crawl, cpu = queues.get("AKHBAR_CRAWL_QUEUE", default), queues.get("AKHBAR_CPU_QUEUE", default)
    nightly = got.pop("akhbar_nightly")
    assert nightly == {("archive_outlet", crawl), ("wait_for_day_to_settle", cpu), ("dedup", cpu), ("publish", cpu),
                       ("quality_gate", cpu), ("revisit", crawl)}  # revisits fetch: the crawl queue
    assert got and all(queue == cpu for tasks in got.values() for _, queue in tasks), got
