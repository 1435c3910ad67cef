"""akhbar_reextract: extract a range of archived days again from their WARC files, on demand (`akhbar reextract`).

After an extractor upgrade (a new EXTRACTOR_VERSION), trigger it over the days to bring up to date: `airflow dags
trigger akhbar_reextract --conf '{"first_day": "2025-01-05", "last_day": "2025-01-08"}'` (optional "outlets": a list
of slugs, "all": true to redo every outlet-day). Nothing is fetched; each outlet-day is replaced atomically under its
lock, so a failed or cancelled run is resumed by triggering it again. It updates the lake asset, so compaction and
the report follow.
"""

from __future__ import annotations

from airflow.sdk import Param, dag, get_current_context, task

from akhbar import airflow_support as af

LAKE = af.lake_asset()


@dag(**af.range_dag(
    af.REEXTRACT_DAG_ID, __doc__,
    outlets=Param([], type="array", description="outlet slugs (empty: every outlet)"),
    all=Param(False, type="boolean", description="every outlet-day, not only those of an older extractor")))
def akhbar_reextract():
    @task(outlets=[LAKE])
    def reextract() -> dict:
        params = get_current_context()["params"]
        return af.reextract(*af.day_range(params), list(params.get("outlets") or []), bool(params.get("all")))

    reextract()


akhbar_reextract()
