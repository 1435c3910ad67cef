"""The DAG steps as plain functions (no scheduler): failure recording, publish, the gate, compaction."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import SimpleNamespace

import pyarrow.parquet as pq
import pytest

from akhbar import airflow_support as af
from akhbar import quality
from akhbar.transforms.dedup import content_hash
from akhbar.transforms.normalize import normalize_text
from akhbar.warehouse.duck import query
from akhbar.warehouse.lake import TMP_PREFIX, Lake
from akhbar.warehouse.locks import partition_lock
from akhbar.warehouse.schema import conform

DAY = date(2025, 1, 6)
TITLE_FA = "گزارش بارش برف در استان‌های شمالی"
TEXT_FA = "سازمان هواشناسی از بارش برف و باران در استان‌های شمالی کشور خبر داد."


@pytest.fixture
def data(tmp_path, monkeypatch, testweb_outlets):
    monkeypatch.setenv("AKHBAR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("AKHBAR_OUTLETS_DIR", str(testweb_outlets))
    monkeypatch.delenv("AKHBAR_LAKE_URI", raising=False)
    monkeypatch.delenv("AKHBAR_QUALITY_THRESHOLDS", raising=False)
    return tmp_path


def _lake(data) -> Lake:
    return Lake(str(data / "lake"))


def _article(n: int) -> dict:
    url = f"http://127.0.0.11/news/{n}"
    return {"article_id": f"id{n}", "url": url, "title": TITLE_FA, "text": TEXT_FA, "language": "fa",
            "published_at": datetime(2025, 1, 6, 9, n, tzinfo=UTC), "language_mismatch": False,
            "fetched_at": datetime(2025, 1, 7, 2, n, tzinfo=UTC)}


def _fetch(url: str, kind: str = "article") -> dict:
    return {"url": url, "kind": kind, "status": 200, "outcome": "ok", "final_url": url, "run_id": "r1",
            "fetched_at": datetime(2025, 1, 7, 2, 0, tzinfo=UTC)}


def test_a_failing_outlet_is_recorded_then_raised(data):
    with pytest.raises(af.OutletFailed, match="no-such-outlet"):
        af.archive_outlet("no-such-outlet", DAY, "backfill__2025-01-07", try_number=2)
    row = quality.latest_run(_lake(data), DAY, "no-such-outlet")
    assert row["status"] == "failed" and row["run_id"] == "backfill__2025-01-07"
    assert row["error"].startswith("try 2: ")


def test_publish_refreshes_duckdb_and_names_published_and_failed(data):
    _lake(data).replace_partition("articles", DAY, "fa-payam", [_article(1)])
    summary = af.publish(DAY, {"fa-payam": {"articles": 1}, "ar-wadi": None})
    assert summary == {"day": "2025-01-06", "published": ["fa-payam"], "failed": ["ar-wadi"]}
    assert (data / "akhbar.duckdb").exists()
    assert query(data, "select outlet, title from articles").fetchall() == [("fa-payam", TITLE_FA)]


def test_gate_records_every_outlet_and_fails_the_run_for_failed_ones(data):
    lake = _lake(data)
    arts = [_article(n) for n in range(3)]
    lake.replace_partition("articles", DAY, "fa-payam", arts)
    lake.replace_partition("crawl_log", DAY, "fa-payam", [_fetch(a["url"]) for a in arts])
    results = {"fa-payam": {"started_at": "2025-01-07T02:00:00+00:00", "crawl_run_id": "c1", "try_number": 1,
                            "crawl": {"ok": 3}, "rejected": {}}, "ar-wadi": None}
    summary = {"day": "2025-01-06", "published": ["fa-payam"], "failed": ["ar-wadi"]}
    with pytest.raises(quality.QualityGateFailed, match=r"ar-wadi: not archived \(task failed before publishing\)"):
        af.quality_gate(DAY, "run-9", summary, results, {"status": "unavailable"})
    assert quality.latest_run(lake, DAY, "fa-payam")["status"] == "ok"
    assert quality.latest_run(lake, DAY, "ar-wadi")["status"] == "failed"

    # all outlets through and dedup ran: the gate passes
    ok = af.quality_gate(DAY, "run-10", {**summary, "failed": []}, results, {"status": "done"})
    assert ok == [{"outlet": "fa-payam", "ok": True, "articles": 3}]
    # a failed dedup task (no XCom) fails the gate even when every outlet is fine
    with pytest.raises(quality.QualityGateFailed, match="dedup"):
        af.quality_gate(DAY, "run-11", {**summary, "failed": []}, results, None)


def test_days_come_from_asset_event_extras():
    events = [SimpleNamespace(extra={"day": "2025-01-07", "outlets": ["fa-payam"]}),
              SimpleNamespace(extra={"day": "2025-01-05", "outlets": []}), SimpleNamespace(extra={}),
              SimpleNamespace(extra={"day": "2025-01-07", "outlets": ["ar-wadi"]})]
    assert af.days_from_events(events) == [date(2025, 1, 5), date(2025, 1, 7)]
    week = af.week_before(datetime(2025, 1, 13, 4, tzinfo=UTC))
    assert week[0] == date(2025, 1, 6) and week[-1] == date(2025, 1, 12) and len(week) == 7


def test_compaction_merges_files_collapses_repeated_log_rows_and_is_idempotent(data):
    lake = _lake(data)
    lake.replace_partition("articles", DAY, "fa-payam", [_article(1), _article(2)])
    folder = Path(lake.partition_path("articles", DAY, "fa-payam")).parent  # a local lake: a plain path
    extra = io.BytesIO()  # a second file in the partition, as another writer would leave it
    pq.write_table(conform("articles", [_article(3)]), extra)
    (folder / "part-1.parquet").write_bytes(extra.getvalue())
    row = _fetch("http://127.0.0.11/news/1")
    lake.replace_partition("crawl_log", DAY, "fa-payam", [row, row, _fetch("http://127.0.0.11/rss", "feed")])
    stale = folder / f"{TMP_PREFIX}dead.partial"
    stale.write_bytes(b"half a file")

    stats = af.compact_days([DAY])
    assert stats["merged_files"] == 1 and stats["dropped_rows"] == 1 and stats["temporaries"] == 1
    assert sorted(p.name for p in folder.iterdir()) == ["part-0.parquet"]
    arts = lake.read_partition("articles", DAY, "fa-payam").to_pylist()
    assert [a["url"] for a in arts] == [f"http://127.0.0.11/news/{n}" for n in (1, 2, 3)]
    assert arts[0]["title"] == TITLE_FA
    assert lake.read_partition("crawl_log", DAY, "fa-payam").num_rows == 2

    before = {t: lake.read_partition(t, DAY, "fa-payam") for t in ("articles", "crawl_log")}
    again = af.compact_days([DAY])
    assert again["merged_files"] == 0 and again["dropped_rows"] == 0
    assert all(lake.read_partition(t, DAY, "fa-payam").equals(before[t]) for t in before)


def test_compaction_leaves_partitions_being_written(data):
    lake = _lake(data)
    lake.replace_partition("articles", DAY, "fa-payam", [_article(1)])
    with partition_lock(data, DAY.isoformat(), "fa-payam"):
        stats = af.compact_days([DAY])
    assert stats["busy"] == 1 and stats["partitions"] == 0


def test_pools_command_prints_the_pools_file(testweb_outlets, capsys):
    assert af.main(["pools", str(testweb_outlets)]) == 0
    assert '"slots": 1' in capsys.readouterr().out
    assert af.main([]) == 2


def test_dedup_and_recluster_tasks_write_duplicates_from_the_lake(data):
    """Two outlets carry the same long body on consecutive days: the later copy joins the earlier one,
    also when the days are deduplicated newest first and then re-clustered as a range."""
    body = "\n".join([TEXT_FA] * 3 + [f"بند {i}: " + TEXT_FA.replace("برف", f"برف {i}") for i in range(12)])
    lake = _lake(data)
    def load(day: date, slug: str, n: int) -> None:
        norm = normalize_text(body)
        row = {**_article(n), "text": body, "text_norm": norm, "text_chars": len(body),
               "content_hash": content_hash(norm), "published_at": datetime.combine(day, time(9), UTC)}
        lake.replace_partition("articles", day, slug, [row])

    load(date(2025, 1, 7), "fa-sepehr", 2)
    assert af.dedup(date(2025, 1, 7))["result"]["copies"] == {}  # its original is not in the lake yet
    load(date(2025, 1, 6), "fa-payam", 1)
    later = af.dedup(date(2025, 1, 6))  # the back-filled earlier day re-clusters the day after it
    assert later["status"] == "done" and later["result"]["copies"] == {"exact": 1}
    rows = {r["article_id"]: r["canonical_id"] for r in lake.read("duplicates").to_pylist()}
    assert rows == {"id1": "id1", "id2": "id1"}
    again = af.recluster(date(2025, 1, 6), date(2025, 1, 7))
    assert again["copies"] == {"exact": 1} and again["partitions"] == 2
    assert query(data, "select count(*) from articles_unique").fetchall() == [(1,)]


def test_an_outlet_down_all_night_fails_its_task_and_keeps_what_it_logged(data, testweb, tmp_path, monkeypatch,
                                                                           fast_crawl):
    """Every request refused: archive_outlet records a `failed` run and raises, so Airflow retries it; the crawl
    log of the refused fetches is still published; the gate then names the outlet-day as not archived."""
    import json

    from test_cli_errors import down_outlet

    outlets = testweb.write_outlet_configs(tmp_path / "down-outlets")
    down_outlet(outlets, "ar-wadi")
    monkeypatch.setenv("AKHBAR_OUTLETS_DIR", str(outlets))
    monkeypatch.setenv("AKHBAR_CRAWL_SETTINGS", json.dumps(fast_crawl))
    with pytest.raises(af.OutletFailed, match=r"ar-wadi 2025-01-06: outage: no successful fetch \(\w+ \d+"):
        af.archive_outlet("ar-wadi", DAY, "scheduled__2025-01-07", try_number=1)
    lake = _lake(data)
    row = quality.latest_run(lake, DAY, "ar-wadi")
    assert row["status"] == "failed" and row["error"].startswith("try 1: outage: no successful fetch")
    logged = lake.read_partition("crawl_log", DAY, "ar-wadi").to_pylist()
    assert logged and all("Connection refused" in r["reason"] for r in logged)
    summary = af.publish(DAY, {"ar-wadi": None})
    with pytest.raises(quality.QualityGateFailed, match=r"ar-wadi: not archived \(try 1: outage"):
        af.quality_gate(DAY, "scheduled__2025-01-07", summary, {"ar-wadi": None}, {"status": "done"})


def test_run_day_takes_an_outlet_named_twice_once(testweb, tmp_path, fast_crawl):
    from test_cli_errors import down_outlet

    from akhbar.pipeline import run_day

    outlets = testweb.write_outlet_configs(tmp_path / "outlets")
    down_outlet(outlets, "ar-wadi")  # quick: nothing to fetch, only the locks matter here
    results = run_day(DAY, tmp_path / "data", ["ar-wadi", "ar-wadi"], folder=outlets, overrides=fast_crawl)
    assert [r.outlet for r in results] == ["ar-wadi"] and results[0].error is None


def test_an_outlet_answering_503_all_night_fails_its_task_and_its_log_names_stages_and_files(
        data, testweb, monkeypatch, fast_crawl, caplog):
    """TestWeb.down(slug, "503"): robots.txt and every page answer 503. The task raises (Airflow retries it)
    after recording the failed run; its log has one line per stage with counts and the run's files."""
    import json
    import logging

    monkeypatch.setenv("AKHBAR_CRAWL_SETTINGS", json.dumps(fast_crawl))
    caplog.set_level(logging.INFO, logger="akhbar.airflow_support")
    with testweb.outage("fa-payam", "503"), \
            pytest.raises(af.OutletFailed, match=r"fa-payam 2025-01-06: outage: no successful fetch"):
        af.archive_outlet("fa-payam", DAY, "backfill__2025-01-07", try_number=3)
    row = quality.latest_run(_lake(data), DAY, "fa-payam")
    assert row["status"] == "failed" and row["error"].startswith("try 3: outage: no successful fetch")
    messages = [r.getMessage() for r in caplog.records]
    [crawl] = [m for m in messages if m.startswith("crawl fa-payam 2025-01-06: ")]
    outcomes = dict(o.rsplit(" ", 1) for o in crawl.split(" fetches (")[1].rstrip(")").split(", "))
    assert outcomes and "ok" not in outcomes  # e.g. robots_denied: a 503 robots.txt means disallow-all
    assert any(m.startswith("extract+load fa-payam 2025-01-06: 0 articles") for m in messages)
    [files] = [m for m in messages if m.startswith("files of this run")]
    [crawl_log] = (data / "crawl" / "day=2025-01-06" / "outlet=fa-payam").glob("*.jsonl")
    assert f"crawl log {crawl_log} (written)" in files
    warcs = sorted((data / "warc" / "day=2025-01-06" / "outlet=fa-payam").glob("*.warc.gz"))
    assert f"{len(warcs)} WARC file(s)" in files and all(str(w) in files for w in warcs)


def test_the_failure_hook_is_resolved_when_the_dag_is_parsed_and_called_with_the_context(tmp_path, monkeypatch):
    hook_file = tmp_path / "hook.jsonl"
    monkeypatch.setenv("AKHBAR_TEST_HOOK_FILE", str(hook_file))
    assert af.failure_callback_args(af.Settings()) == {}  # unset: no callback at all
    cfg = af.Settings(on_failure="airflow_hooks:record_failure")
    assert af.failure_callback_args(cfg) == {"on_failure_callback": af.notify_failure}
    for bad in ("airflow_hooks", "airflow_hooks:nope", "no_such_module_xyz:f"):
        with pytest.raises((ValueError, ImportError)):
            af.failure_callback_args(af.Settings(on_failure=bad))

    ti = SimpleNamespace(dag_id="akhbar_nightly", task_id="archive_outlet__ar-wadi", run_id="backfill__x",
                         try_number=3, log_url="http://127.0.0.1:8080/log")
    monkeypatch.setenv("AKHBAR_ON_FAILURE", "airflow_hooks:record_failure")
    af.notify_failure({"ti": ti, "exception": af.OutletFailed("ar-wadi 2025-01-06: outage: الموقع لا يستجيب")})
    import json

    [sent] = [json.loads(line) for line in hook_file.read_text(encoding="utf-8").splitlines()]
    assert sent == {"dag_id": "akhbar_nightly", "run_id": "backfill__x", "task_id": "archive_outlet__ar-wadi",
                    "try_number": 3, "error": "OutletFailed: ar-wadi 2025-01-06: outage: الموقع لا يستجيب",
                    "log_url": "http://127.0.0.1:8080/log"}
    monkeypatch.setenv("AKHBAR_ON_FAILURE", "airflow_hooks:broken")
    af.notify_failure({"ti": ti})  # a broken hook is logged; it never replaces the task's own failure
