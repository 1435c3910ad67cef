"""akhbar lake upkeep, scheduled on the lake's asset: compaction of the changed days, and a daily report.

`akhbar_compaction` runs when the nightly DAG (or a back-fill) publishes day partitions — it compacts
exactly the days named in the triggering asset events — and weekly (Monday 04:00 UTC) over the past
seven days, which also catches partitions written outside Airflow (`akhbar run`); the first weekly run is the
first Monday 04:00 UTC after the nightly DAG's first day (AKHBAR_NIGHTLY_START) has ended. Every rewrite goes
through the lake's atomic partition replace under the outlet-day lock. Then every settled day (SETTLE_DAYS old)
is folded into its table's month file (`lake/<table>/month=YYYY-MM/part-0.parquet`), outlet-days a writer holds
left for the next run, and akhbar.duckdb refreshed if the files changed (docs/architecture.md, the layout).

`akhbar_report` writes `<data>/reports/YYYY-MM-DD.md` for each day published.
"""

from __future__ import annotations

from airflow.sdk import AssetOrTimeSchedule, CronTriggerTimetable, dag, get_current_context, task

from akhbar import airflow_support as af

LAKE = af.lake_asset()
#: CPU-bound upkeep: on the cpu queue when AKHBAR_CPU_QUEUE is set (read when the file is parsed)
CPU = af.Settings.from_env().queue("cpu")
#: the end of the nightly DAG's first day: unpausing on the first start runs no weekly compaction, any day or hour
START = af.upkeep_start(af.Settings.from_env())
#: AKHBAR_ON_FAILURE's hook on every task, and the queue
DEFAULTS = {**CPU, **af.failure_callback_args(af.Settings.from_env())}


def _changed_days() -> list:
    ctx = get_current_context()
    days = af.days_from_events(ctx["triggering_asset_events"].get(LAKE, []))
    return days or af.week_before(ctx["dag_run"].run_after)  # time-triggered: the past week


@dag(
    dag_id=af.COMPACTION_DAG_ID,
    schedule=AssetOrTimeSchedule(timetable=CronTriggerTimetable(af.WEEKLY_COMPACTION_CRON, timezone="UTC"),
                                 assets=[LAKE]),
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULTS,
    tags=["akhbar"],
    doc_md=__doc__,
)
def akhbar_compaction():
    @task(inlets=[LAKE], retries=1)
    def compact() -> dict:
        return af.compact_days(_changed_days())

    compact()


@dag(
    dag_id=af.REPORT_DAG_ID,
    schedule=[LAKE],
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULTS,
    tags=["akhbar"],
    doc_md=__doc__,
)
def akhbar_report():
    @task(inlets=[LAKE])
    def report() -> list:
        return af.write_reports(_changed_days())

    report()


akhbar_compaction()
akhbar_report()
