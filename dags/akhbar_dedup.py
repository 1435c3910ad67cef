"""akhbar_dedup: re-cluster duplicates over a range of days, on demand (`akhbar dedup --from --to` in Airflow).

The nightly DAG already re-clusters the days after a back-filled day; trigger this one after changing the
dedup parameters or loading days outside Airflow: `airflow dags trigger akhbar_dedup --conf
'{"first_day": "2025-01-05", "last_day": "2025-01-08"}'`. It updates the lake asset, so the report follows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from airflow.sdk import Param, dag, get_current_context, task

from akhbar import airflow_support as af

LAKE = af.lake_asset()
#: on the cpu queue when AKHBAR_CPU_QUEUE is set (read when the file is parsed)
CPU = af.Settings.from_env().queue("cpu")


@dag(
    dag_id=af.DEDUP_DAG_ID,
    schedule=None,
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    default_args={**CPU, **af.failure_callback_args(af.Settings.from_env())},  # AKHBAR_ON_FAILURE's hook
    tags=["akhbar"],
    doc_md=__doc__,
    params={
        "first_day": Param(type="string", format="date", description="first UTC day, YYYY-MM-DD"),
        "last_day": Param(type="string", format="date", description="last UTC day (inclusive)"),
    },
)
def akhbar_dedup():
    @task(outlets=[LAKE])
    def recluster() -> dict:
        params = get_current_context()["params"]
        return af.recluster(date.fromisoformat(params["first_day"]), date.fromisoformat(params["last_day"]))

    recluster()


akhbar_dedup()
