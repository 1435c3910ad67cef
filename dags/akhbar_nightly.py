"""akhbar nightly archive: one UTC day per run, one task per outlet, then dedup, publish and the quality gate.

**Timetable.** `CronDataIntervalTimetable("0 0 * * *", timezone="UTC")`: the run for day D has the data
interval [D 00:00, D+1 00:00) UTC and is created once that interval has ended; its partitions are
keyed by the interval start D. (A plain cron string means `CronTriggerTimetable` in Airflow 3, whose
runs have no data interval.) `wait_for_day_to_settle` then holds the crawl until D+1 02:00 UTC, so
late sitemap and archive updates are in; for back-fills that moment is long past and it passes at once.

**Isolation.** Each outlet has its own task in its own 1-slot pool `akhbar_<slug>`, so no two runs
(nightly or back-fill) crawl the same outlet at once; tasks retry with exponential backoff, and one
failing outlet never stops the others: `dedup` and `publish` run whatever happened (`all_done`), the
quality gate records failed outlets in the `runs` table and fails the run visibly.

**Revisits.** `revisit`, in its own 1-slot pool `akhbar__revisits`, runs after `publish` whatever happened: it
fetches again the archived articles due that night (each outlet's `[revisit] after_days`, at most `max_per_night`)
and records new versions and deletions (docs/revisits.md), in the run of the latest complete day only (a back-filled
day's run skips it). It never fails the run: each outlet's error is in its result.

**Asset.** `quality_gate`, when it passes, updates the asset `akhbar://lake/day-partitions` with extra
`{"day": "YYYY-MM-DD", "outlets": [...]}`; the compaction DAG is scheduled on it.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.providers.standard.sensors.time_delta import TimeDeltaSensor
from airflow.sdk import CronDataIntervalTimetable, Param, dag, get_current_context, task
from airflow.sdk import TriggerRule as Rule

from akhbar import airflow_support as af

LAKE = af.lake_asset()
#: read once when the DAG file is parsed: the outlet tasks and their retry delay (tasks read their own)
SETTINGS = af.Settings.from_env()


def _day():
    return af.partition_day(get_current_context()["data_interval_start"])


@dag(
    dag_id=af.NIGHTLY_DAG_ID,
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=SETTINGS.nightly_start_at,  # unpausing creates no run for a day before it; back-fills ignore it
    catchup=False,
    max_active_runs=3,
    # the outlet tasks go on the crawl queue; AKHBAR_ON_FAILURE: a hook called when a task fails for good
    default_args={"retries": 0, **SETTINGS.queue("cpu"), **af.failure_callback_args(SETTINGS)},
    tags=["akhbar"],
    params={"source": Param("live", type="string", enum=[*af.CAPTURE_SOURCES, "auto"],
                            description="where the outlet tasks fetch from (docs/archives.md)")},
    doc_md=__doc__,
)
def akhbar_nightly():
    # retries: a sensor has nothing to redo, but one lost call to the api-server must not fail the whole day
    settle = TimeDeltaSensor(task_id="wait_for_day_to_settle", delta=af.SETTLE_DELAY, mode="reschedule",
                             poke_interval=600, timeout=6 * 3600, retries=2, retry_delay=timedelta(seconds=30))

    @task(retries=2, retry_delay=SETTINGS.retry_delay, retry_exponential_backoff=True,
          max_retry_delay=timedelta(hours=1))
    def archive_outlet(slug: str) -> dict:
        ctx = get_current_context()
        # params.source: live, wayback, commoncrawl or auto (a back-fill's --dag-run-conf '{"source": "wayback"}')
        return af.archive_outlet(slug, _day(), ctx["run_id"], ctx["ti"].try_number,
                                 source=ctx["params"].get("source", "live"))

    @task(trigger_rule=Rule.ALL_DONE)
    def dedup() -> dict:
        return af.dedup(_day())

    @task(trigger_rule=Rule.ALL_DONE)
    def publish(results: dict) -> dict:
        return af.publish(_day(), results)

    # runs after failed outlets too: it records them and fails the run; the lake asset is updated only when
    # it passes (a failed task emits no asset event), so compaction and the report follow judged days only
    @task(trigger_rule=Rule.ALL_DONE, outlets=[LAKE])
    def quality_gate(summary: dict | None, results: dict, dedup_status: dict | None) -> list:
        if summary is None:
            raise RuntimeError("publish failed: nothing was judged (see the publish task's log)")
        ctx = get_current_context()
        verdicts = af.quality_gate(_day(), ctx["run_id"], summary, results, dedup_status)
        ctx["outlet_events"][LAKE].extra = {"day": summary["day"], "outlets": summary["published"]}
        return verdicts

    @task(trigger_rule=Rule.ALL_DONE, pool=af.REVISIT_POOL, retries=0)
    def revisit() -> dict:
        return af.revisit(_day())

    results = {}
    for slug in af.outlet_slugs(SETTINGS.outlets_dir):
        archived = archive_outlet.override(task_id=f"archive_outlet__{slug}", pool=af.pool_name(slug),
                                           **SETTINGS.queue("crawl"))(slug)
        settle >> archived
        results[slug] = archived
    deduped = dedup()
    list(results.values()) >> deduped
    summary = publish(results)
    deduped >> summary
    quality_gate(summary, results, deduped)
    summary >> revisit.override(**SETTINGS.queue("crawl"))()


akhbar_nightly()
