"""What the Airflow DAGs do, as plain functions: the DAG files in ``dags/`` only wire these up.

Nothing here imports Airflow, so every step can be run and tested without a scheduler.
Configuration comes from the environment of the Airflow processes (scheduler, dag-processor, workers):
each task reads :class:`akhbar.settings.Settings` once when it starts (the variables are listed there).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from akhbar import quality
from akhbar.outlets.registry import load_outlets
from akhbar.settings import CAPTURE_SOURCES, Settings, capture_sources, settings  # noqa: F401 (DAGs use them)
from akhbar.warehouse import compaction
from akhbar.warehouse.compaction import UNLOCKED_TEMP_AGE  # noqa: F401 (the DAG docs name it)

log = logging.getLogger(__name__)

NIGHTLY_DAG_ID = "akhbar_nightly"
COMPACTION_DAG_ID = "akhbar_compaction"
REPORT_DAG_ID = "akhbar_report"
DEDUP_DAG_ID = "akhbar_dedup"
REEXTRACT_DAG_ID = "akhbar_reextract"
#: the Airflow Asset standing for the lake's day partitions; events carry {"day", "outlets"}
LAKE_ASSET_NAME = "akhbar_lake_day_partitions"
LAKE_ASSET_URI = "akhbar://lake/day-partitions"
POOL_PREFIX = "akhbar_"
#: the nightly run waits this long after its day ended: late sitemap/archive updates get in
SETTLE_DELAY = timedelta(hours=2)
#: the compaction DAG's weekly sweep of the past seven days: Mondays 04:00 UTC
WEEKLY_COMPACTION_CRON = "0 4 * * 1"


@cache
def lake_asset() -> Any:
    """The lake's Airflow Asset, one definition for every DAG file (Airflow is imported by them only)."""
    from airflow.sdk import Asset

    return Asset(name=LAKE_ASSET_NAME, uri=LAKE_ASSET_URI)


def range_dag(dag_id: str, doc: str, **params: Any) -> dict[str, Any]:
    """The ``@dag`` arguments of a DAG triggered by hand over a range of days (first_day, last_day, then
    ``params``): no schedule, one run at a time, on the cpu queue when AKHBAR_CPU_QUEUE is set, the failure
    hook of AKHBAR_ON_FAILURE (read when the file is parsed)."""
    from airflow.sdk import Param

    cfg = Settings.from_env()
    return dict(
        dag_id=dag_id, schedule=None, start_date=datetime(2024, 1, 1, tzinfo=UTC), catchup=False,
        max_active_runs=1, default_args={**cfg.queue("cpu"), **failure_callback_args(cfg)}, tags=["akhbar"],
        doc_md=doc, params={
            "first_day": Param(type="string", format="date", description="first UTC day, YYYY-MM-DD"),
            "last_day": Param(type="string", format="date", description="last UTC day (inclusive)"),
            **params})


def day_range(params: Mapping[str, Any]) -> tuple[date, date]:
    """The first and last day a range DAG's run was triggered with."""
    return date.fromisoformat(params["first_day"]), date.fromisoformat(params["last_day"])


class OutletFailed(RuntimeError):
    """The outlet-day was not archived; Airflow retries the task."""


# -- DAG shape --------------------------------------------------------------------------------
def pool_name(slug: str) -> str:
    """The outlet's Airflow pool (1 slot): no two runs ever crawl the same outlet at once."""
    return f"{POOL_PREFIX}{slug}"


def outlet_slugs(folder: Path | None = None, enable: Collection[str] | None = None) -> list[str]:
    """Slugs of the outlets in ``folder`` (default: the packaged ones) the night crawls, read when the DAG file is
    parsed: a disabled outlet (its terms or robots.txt refuse crawling) only when named in ``enable`` (default:
    AKHBAR_ENABLE_OUTLETS)."""
    enable = settings().enabled_outlets if enable is None else enable
    return sorted(s for s, o in load_outlets(folder).items() if o.enabled or s in enable)


#: the revisit task's pool (1 slot): one night's revisits at a time, apart from the outlets' crawl pools
REVISIT_POOL = f"{POOL_PREFIX}_revisits"


def pools_spec(folder: Path | None = None) -> dict[str, dict[str, Any]]:
    """The pools file ``airflow pools import`` reads: one 1-slot pool per outlet, and the revisits' pool."""
    spec = {pool_name(s): {"slots": 1, "description": f"akhbar: one crawl of outlet {s} at a time",
                           "include_deferred": False} for s in outlet_slugs(folder)}
    spec[REVISIT_POOL] = {"slots": 1, "description": "akhbar: one night of revisits at a time (docs/revisits.md)",
                          "include_deferred": False}
    return spec


def upkeep_start(cfg: Settings) -> datetime:
    """start_date of the compaction and report DAGs: the end of the nightly DAG's first day (AKHBAR_NIGHTLY_START).

    With catchup off, a cron trigger's first run is the later of its latest trigger so far and its first
    trigger at or after start_date, created at once if that time has come. scripts/airflow.env sets the first
    day to the day of the first start, so from that day's end the first weekly compaction comes after the
    unpausing, whatever weekday and hour it was (from midnight of that day, a first start on a Monday after
    04:00 would get one at once; tests/test_dag_schedules.py)."""
    return cfg.nightly_start_at + timedelta(days=1)


def partition_day(data_interval_start: datetime) -> date:
    """The UTC day a run covers: its data interval [D 00:00, D+1 00:00) UTC is keyed by D."""
    start = data_interval_start.astimezone(UTC)
    if (start.hour, start.minute, start.second, start.microsecond) != (0, 0, 0, 0):
        raise ValueError(f"data interval starts at {start.isoformat()}, not at a UTC midnight")
    return start.date()


# -- tasks of the nightly DAG -----------------------------------------------------------------
def archive_outlet(slug: str, day: date, run_id: str, try_number: int = 1, source: str = "live") -> dict[str, Any]:
    """Crawl, extract and publish one outlet-day; raise OutletFailed (after recording it) if it failed: an
    error, or an outage (no successful fetch, or more failed fetches than the gate allows: quality.outage).
    What an outage run did fetch or log is still published (its crawl_log keeps every refusal).
    ``source`` (the DAG's param): live, a web archive (wayback, commoncrawl) or auto (live, then each archive
    for what the runs before did not archive; docs/archives.md)."""
    from akhbar.pipeline import new_run_id
    from akhbar.pipeline.orchestrator import archive_sources

    cfg = settings()
    cfg.warn_user_agent(log.warning)
    started = datetime.now(UTC)
    crawl_run_id = new_run_id()  # one per try: WARC and crawl-log files of a retry never collide
    files = run_files(cfg.data_dir, day, slug, crawl_run_id)
    log.info("outlet-day %s %s, try %d: crawl (Scrapy log %s), then extract and load into %s", slug, day,
             try_number, files["scrapy_log"], cfg.lake_uri)
    try:
        # an outlet that was down all night failed, even though nothing crashed: the task retries
        [result] = archive_sources(day, cfg, [slug], source=source, run_id=crawl_run_id)
        error = result.error
    except Exception as exc:  # e.g. PartitionBusy, a bad outlet file: same path as a failed crawl
        log.exception("archiving %s %s failed", slug, day)
        result, error = None, f"{type(exc).__name__}: {exc}"
    if result is not None:
        _log_stages(slug, day, result, files)
    summary = {
        "outlet": slug, "day": day.isoformat(), "run_id": run_id, "crawl_run_id": crawl_run_id,
        "try_number": try_number, "started_at": started.isoformat(),
        "articles": result.articles if result else 0,
        "crawl": dict(result.crawl) if result else {}, "rejected": dict(result.rejected) if result else {},
        # articles dated another day, merged into that day's partition by this run (home day -> count)
        "delivered": {d.isoformat(): n for d, n in sorted(result.delivered.items())} if result else {},
    }
    log.info("outlet-day %s %s: %s", slug, day, json.dumps(summary, ensure_ascii=False))
    if error:
        quality.record_run(cfg.lake, day, slug, quality.failed_run_row(run_id, f"try {try_number}: {error}", started))
        raise OutletFailed(f"{slug} {day}: {error}")
    return summary


def run_files(data_dir: Path, day: date, slug: str, crawl_run_id: str) -> dict[str, Any]:
    """Where one crawl run of an outlet-day writes: the Scrapy process log, the crawl log, the WARC files' glob."""
    from akhbar.crawler import paths

    return {"scrapy_log": paths.scrapy_log_file(data_dir, day, crawl_run_id),
            "crawl_log": paths.crawl_log_file(data_dir, day, slug, crawl_run_id),
            "warc_dir": paths.warc_dir(data_dir, day, slug), "warc_glob": f"{crawl_run_id}-*.warc.gz"}


def _log_stages(slug: str, day: date, result: Any, files: Mapping[str, Any]) -> None:
    """One log line per stage with its counts, and the files the run wrote (the task log is where one looks)."""
    crawl = ", ".join(f"{k} {v}" for k, v in sorted(result.crawl.items())) or "nothing fetched"
    log.info("crawl %s %s: %d fetches (%s)", slug, day, sum(result.crawl.values()), crawl)
    rejected = ", ".join(f"{k} {v}" for k, v in sorted(result.rejected.items())) or "none"
    log.info("extract+load %s %s: %d articles into the lake; pages not kept: %s", slug, day, result.articles,
             rejected)
    warcs = sorted(Path(files["warc_dir"]).glob(files["warc_glob"]))
    log.info("files of this run: crawl log %s (%s); %d WARC file(s): %s; Scrapy log %s", files["crawl_log"],
             "written" if Path(files["crawl_log"]).exists() else "missing", len(warcs),
             ", ".join(str(w) for w in warcs) or "none", files["scrapy_log"])
    if result.error:
        log.error("outlet-day %s %s: %s", slug, day, result.error)


# -- failure notifications ----------------------------------------------------------------------
def failure_callback_args(cfg: Settings) -> dict[str, Any]:
    """default_args of the DAGs: on_failure_callback when AKHBAR_ON_FAILURE is set (checked when parsed)."""
    if not cfg.on_failure:
        return {}
    resolve_hook(cfg.on_failure)  # a typo fails the DAG import, visibly, not the first failed task
    return {"on_failure_callback": notify_failure}


def resolve_hook(spec: str) -> Any:
    """``module:function`` -> the function (AKHBAR_ON_FAILURE)."""
    import importlib

    module, sep, name = spec.partition(":")
    if not sep or not module or not name:
        raise ValueError(f"AKHBAR_ON_FAILURE={spec!r}: expected module:function")
    hook = getattr(importlib.import_module(module), name, None)
    if not callable(hook):
        raise ValueError(f"AKHBAR_ON_FAILURE={spec!r}: {name} is not a function of {module}")
    return hook


def failure_details(context: Mapping[str, Any]) -> dict[str, Any]:
    """What a notification says about a failed task: DAG, run, task, try, error, log URL."""
    ti = context.get("ti") or context.get("task_instance")
    exc = context.get("exception")
    return {"dag_id": getattr(ti, "dag_id", None), "run_id": context.get("run_id") or getattr(ti, "run_id", None),
            "task_id": getattr(ti, "task_id", None), "try_number": getattr(ti, "try_number", None),
            "error": None if exc is None else f"{type(exc).__name__}: {exc}",
            "log_url": getattr(ti, "log_url", None)}


def notify_failure(context: Mapping[str, Any]) -> None:
    """on_failure_callback: call the AKHBAR_ON_FAILURE hook; a broken hook is logged, never masks the failure."""
    spec = settings().on_failure
    if not spec:
        return
    try:
        resolve_hook(spec)(context)
    except Exception:
        log.exception("the failure hook %s failed", spec)


def dedup(day: date) -> dict[str, Any]:
    """Cluster the day's articles against the lookback days (later days follow when back-filling)."""
    from akhbar.pipeline.orchestrator import deduplicate

    result = deduplicate(day, settings())
    return {"day": day.isoformat(), "status": "done", "result": result.as_dict()}


def recluster(first: date, last: date) -> dict[str, Any]:
    """Re-cluster a range of days (``akhbar dedup --from --to``), then refresh the DuckDB views."""
    from akhbar import pipeline
    from akhbar.warehouse.duck import refresh_database

    cfg = settings()
    result = pipeline.dedup_range(first, last, cfg.data_dir, lake_uri=cfg.lake_uri, folder=cfg.outlets_dir)
    refresh_database(cfg.data_dir, cfg.lake_uri)
    return {"status": "done", **result.as_dict()}


def reextract(first: date, last: date, outlets: list[str] | None = None, everything: bool = False) -> dict[str, Any]:
    """Re-extract a range of archived days from their WARC files (``akhbar reextract``), then refresh the DuckDB
    views; raise when an outlet-day could not be (a crawl of it was running)."""
    from akhbar.pipeline.orchestrator import reextract_days
    from akhbar.warehouse.duck import refresh_database

    cfg = settings()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    done = reextract_days(days, cfg, outlets or None, everything=everything)
    refresh_database(cfg.data_dir, cfg.lake_uri)
    failed = [f"{r.outlet} {r.day}: {r.error}" for r in done if r.error]
    if failed:
        raise RuntimeError("not re-extracted: " + "; ".join(failed))
    return {"reextracted": [f"{r.day} {r.outlet}" for r in done if not r.skipped],
            "articles": sum(r.articles for r in done), "skipped": sum(r.skipped for r in done)}


def revisit(night: date, today: date | None = None) -> dict[str, Any]:
    """Revisit the archived articles due on ``night`` (``akhbar revisit --date``), each outlet bounded by its
    ``[revisit] max_per_night``, then refresh the DuckDB views. Never raises for an outlet: a revisit never fails
    a night; each outlet's error is in the result.

    Only the run of the latest complete day (``today`` - 1, today from the clock) revisits: a back-filled day's
    run would fetch now what its schedule meant for then, and a back-fill of a month would crawl every
    archived article again once per day; ``akhbar revisit --date`` runs any night by hand."""
    latest = (today or datetime.now(UTC).date()) - timedelta(days=1)
    if night < latest:
        return {"night": night.isoformat(), "skipped": f"a back-filled day (the latest complete day is {latest}): "
                                                      "revisits run with that day's run"}
    from akhbar.outlets.registry import select_outlets
    from akhbar.pipeline.revisit import revisit_night
    from akhbar.warehouse.duck import refresh_database

    cfg = settings()
    outlets = select_outlets(None, cfg.outlets_dir, enable=cfg.enabled_outlets)
    stats = revisit_night(cfg.data_dir, cfg.lake, cfg.outlets_dir, outlets, night, cfg.scrapy_overrides())
    try:
        refresh_database(cfg.data_dir, cfg.lake_uri)
    except Exception as exc:  # the views catch up on the next refresh; the versions are written
        log.warning("revisit %s: views not refreshed: %s", night, exc)
    return {"night": night.isoformat(), "outlets": {s.outlet: {"planned": s.planned, "outcomes": s.outcomes,
                                                               "versions": s.versions, "error": s.error}
                                                    for s in stats}}


def publish(day: date, results: Mapping[str, dict | None]) -> dict[str, Any]:
    """Refresh the DuckDB views over what the lake now holds; name the outlets published and not."""
    from akhbar.warehouse.duck import refresh_database

    cfg = settings()
    published = sorted(s for s, r in results.items() if r)
    failed = sorted(s for s, r in results.items() if not r)
    refresh_database(cfg.data_dir, cfg.lake_uri)
    log.info("day %s published for %s; not archived: %s", day, published or "no outlet", failed or "none")
    return {"day": day.isoformat(), "published": published, "failed": failed}


def quality_gate(day: date, run_id: str, summary: Mapping[str, Any], results: Mapping[str, dict | None],
                 dedup_status: Mapping[str, Any] | None) -> list[dict]:
    """Judge each published outlet-day, write the runs table, and raise if anything failed."""
    from akhbar.pipeline.orchestrator import judge

    published = {slug: results[slug] or {} for slug in summary["published"]}
    verdicts, not_archived = judge(day, settings(), run_id, published, dict.fromkeys(summary["failed"]))
    for verdict in verdicts:
        log.info("quality %s", verdict.describe())
    if dedup_status is None:
        not_archived["(dedup)"] = "the dedup task failed"
    quality.raise_if_failed(verdicts, not_archived)
    return [{"outlet": v.outlet, "ok": v.ok, "articles": v.metrics.articles} for v in verdicts]


# -- compaction -------------------------------------------------------------------------------
def days_from_events(events: Iterable[Any]) -> list[date]:
    """Days named by the lake asset's events (their extra is {"day": "YYYY-MM-DD", "outlets": [...]})."""
    days = set()
    for event in events:
        extra = getattr(event, "extra", None) or {}
        if extra.get("day"):
            days.add(date.fromisoformat(extra["day"]))
    return sorted(days)


def week_before(moment: datetime) -> list[date]:
    end = moment.astimezone(UTC).date()
    return [end - timedelta(days=n) for n in range(7, 0, -1)]


def compact_days(days: Iterable[date]) -> dict[str, Any]:
    """The compaction DAG's task: ``warehouse.compaction.compact`` of these days on the configured lake, then
    every settled day (older than ``compaction.SETTLE_DAYS``) folded into its month file, and the DuckDB file's
    views refreshed (they name the files)."""
    from akhbar.warehouse.duck import refresh_if_changed

    cfg = settings()
    days = list(days)
    stats = compaction.compact(cfg.data_dir, cfg.lake, days)
    settled = compaction.settled_before(cfg.lake, datetime.now(UTC).date())
    stats["fold"] = compaction.fold(cfg.data_dir, cfg.lake, settled)
    refresh_if_changed(cfg.data_dir, cfg.lake_uri)
    log.info("compaction of %s: %s", [d.isoformat() for d in days], stats)
    return stats


# -- report -----------------------------------------------------------------------------------
def write_reports(days: Iterable[date]) -> list[str]:
    """A Markdown report per day (<data>/reports/YYYY-MM-DD.md): summary counts and the gate's verdict."""
    from akhbar.warehouse.duck import summary

    cfg = settings()
    rel = summary(cfg.data_dir, cfg.lake_uri, memory_limit=cfg.query_memory)
    columns, rows = rel.columns, rel.fetchall()
    folder = cfg.data_dir / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for day in sorted(set(days)):
        lines = [f"# akhbar {day.isoformat()}", "", "| " + " | ".join([*columns, "gate"]) + " |",
                 "|" + "---|" * (len(columns) + 1)]
        for row in rows:
            if row[0] != day.isoformat():
                continue
            run = quality.latest_run(cfg.lake, day, row[1])
            verdict = run["status"] if run else "not judged"
            lines.append("| " + " | ".join([*(str(v) for v in row), verdict]) + " |")
        path = folder / f"{day.isoformat()}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(str(path))
    return written


def _jsonable(value: Any) -> Any:
    try:
        json.dumps(value)
        return value
    except TypeError:
        return repr(value)


def main(argv: list[str] | None = None) -> int:
    """``python -m akhbar.airflow_support pools [OUTLETS_DIR] > pools.json``, then ``airflow pools import``."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "pools":
        print(main.__doc__, file=sys.stderr)
        return 2
    folder = Path(args[1]) if len(args) > 1 else settings().outlets_dir
    print(json.dumps(pools_spec(folder), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
