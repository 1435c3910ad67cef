"""akhbar_dedup: re-cluster duplicates over a range of days, on demand (`akhbar dedup --from --to` in Airflow).

The nightly DAG already re-clusters the days after a back-filled day; trigger this one after changing the
dedup parameters or loading days outside Airflow: `airflow dags trigger akhbar_dedup --conf
'{"first_day": "2025-01-05", "last_day": "2025-01-08"}'`. It updates the lake asset, so the report follows.
"""

from __future__ import annotations

from airflow.sdk import dag, get_current_context, task

from akhbar import airflow_support as af

LAKE = af.lake_asset()


@dag(**af.range_dag(af.DEDUP_DAG_ID, __doc__))
def akhbar_dedup():
    @task(outlets=[LAKE])
    def recluster() -> dict:
        return af.recluster(*af.day_range(get_current_context()["params"]))

    recluster()


akhbar_dedup()
