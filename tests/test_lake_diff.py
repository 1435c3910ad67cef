"""bench.lake_diff: snapshot and diff of small lakes written with the lake's own writer (no pipeline run)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from akhbar.warehouse.lake import Lake

# bench/ is not an installed package: import it from the checkout
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.lake_diff import (
    BuildError,
    _child_env,
    check_imports,
    diff,
    main,
    pin,
    render,
    snapshot,
    source_tree,
    unstable,
    without,
)

DAY = "2025-01-07"
TEXT_FA = "نمایشگاه بین\u200cالمللی صنایع دستی با حضور ۱۸ کشور در تهران گشایش یافت."
TEXT_AR = "ارتفاع أسعار الذهب في السوق المحلية مع بداية تعاملات الأسبوع."


def _article(article_id: str, text: str, port: int, fetched: datetime, offset: int) -> dict:
    return {"article_id": article_id, "url": f"http://127.0.0.11:{port}/fa/news/{article_id}",
            "canonical_url": f"https://127.0.0.11/fa/news/{article_id}", "title": "گشایش نمایشگاه صنایع دستی",
            "text": text,
            "authors": ["مریم احمدی"], "tags": ["فرهنگ", "صنایع دستی"], "signature": b"mh\x02\x05",
            "published_at": datetime(2025, 1, 7, 11, 0, tzinfo=UTC), "fetched_at": fetched,
            "warc_file": f"warc/day={DAY}/outlet=fa-payam/{fetched:%Y%m%dT%H%M%S}Z-00000.warc.gz",
            "warc_offset": offset, "warc_record_id": f"<urn:uuid:{offset:08d}-0000-0000-0000-000000000000>"}


def _log(url: str, outcome: str, port: int, run_id: str, ms: int, reason: str | None = None) -> dict:
    return {"url": f"http://127.0.0.11:{port}{url}", "final_url": f"http://127.0.0.11:{port}{url}",
            "kind": "robots" if url == "/robots.txt" else "article", "status": 200, "outcome": outcome,
            "reason": reason, "run_id": run_id, "duration_ms": ms, "fetched_at": datetime.now(UTC),
            "warc_file": f"warc/day={DAY}/outlet=fa-payam/{run_id}-00000.warc.gz"}


def _lake(root: Path, port: int, run_id: str, texts: dict[str, str]) -> Path:
    """A data dir as a run writes it: articles and crawl_log of one outlet-day, ports and times per run."""
    lake = Lake(str(root / "lake"))
    fetched = datetime.now(UTC)
    articles = [_article(aid, text, port, fetched, 1000 * i + port % 97) for i, (aid, text) in enumerate(texts.items())]
    lake.replace_partition("articles", DAY, "fa-payam", articles)
    log = [_log("/robots.txt", "ok", port, run_id, port % 50, "fetched by the robots.txt middleware"),
           _log("/robots.txt", "ok", port, run_id, port % 40),
           *(_log(f"/fa/news/{aid}", "ok", port, run_id, port % 30) for aid in texts)]
    lake.replace_partition("crawl_log", DAY, "fa-payam", log)
    lake.replace_partition("duplicates", DAY, "fa-payam", [
        {"article_id": aid, "cluster_id": aid, "canonical_id": aid, "method": "self", "similarity": 1.0}
        for aid in texts])
    return root


@pytest.fixture
def base(tmp_path) -> Path:
    return _lake(tmp_path / "a", 33471, "20261201T101010Z", {"a1": TEXT_FA, "a2": TEXT_AR})


def test_snapshot_drops_volatile_columns_masks_the_port_and_returns_plain_sorted_rows(base):
    snap = snapshot(base)
    assert set(snap) == {"articles", "crawl_log", "duplicates", "runs"}
    assert snap["runs"] == []  # a table the run never wrote is empty, not an error
    rows = snap["articles"]
    assert [r["article_id"] for r in rows] == ["a1", "a2"]
    first = rows[0]
    assert {"fetched_at", "warc_file", "warc_offset", "warc_record_id"}.isdisjoint(first)
    assert first["url"] == "http://127.0.0.11:<port>/fa/news/a1"
    assert first["canonical_url"] == "https://127.0.0.11/fa/news/a1"  # no port: left alone
    assert first["day"] == DAY and first["outlet"] == "fa-payam"
    assert first["text"] == TEXT_FA and "\u200c" in first["text"]
    assert first["authors"] == ["مریم احمدی"] and isinstance(first["signature"], bytes)
    assert first["published_at"] == datetime(2025, 1, 7, 11, 0, tzinfo=UTC)
    assert {"run_id", "duration_ms", "fetched_at", "warc_file"}.isdisjoint(snap["crawl_log"][0])


def test_runs_differing_only_in_volatile_columns_and_port_are_identical(base, tmp_path):
    other = _lake(tmp_path / "b", 40123, "20261202T090909Z", {"a2": TEXT_AR, "a1": TEXT_FA})
    diffs = diff(snapshot(base), snapshot(other))
    assert all(d.identical for d in diffs), render(diffs)
    assert render(diffs)[0] == "articles: 2 base / 2 head rows - identical"


def test_a_changed_text_is_reported_by_article_id_with_both_values(base, tmp_path):
    lost_zwnj = TEXT_FA.replace("\u200c", "")
    other = _lake(tmp_path / "b", 40123, "20261202T090909Z", {"a1": lost_zwnj, "a2": TEXT_AR})
    by_table = {d.table: d for d in diff(snapshot(base), snapshot(other))}
    articles = by_table["articles"]
    assert not articles.identical and not articles.only_a and not articles.only_b
    assert articles.changed == {(DAY, "fa-payam", "a1"): {"text": (TEXT_FA, lost_zwnj)}}
    assert by_table["crawl_log"].identical and by_table["duplicates"].identical
    line = next(x for x in render(list(by_table.values())) if x.startswith("  ~"))
    assert '"a1"' in line and "text:" in line


def test_an_extra_row_is_only_in_head(base, tmp_path):
    other = _lake(tmp_path / "b", 40123, "20261202T090909Z", {"a1": TEXT_FA, "a2": TEXT_AR, "a3": TEXT_AR})
    by_table = {d.table: d for d in diff(snapshot(base), snapshot(other))}
    assert by_table["articles"].only_b == [(DAY, "fa-payam", "a3")] and not by_table["articles"].changed
    assert by_table["crawl_log"].only_b == [(DAY, "fa-payam", "article", "http://127.0.0.11:<port>/fa/news/a3", "ok")]
    assert by_table["duplicates"].only_b == [(DAY, "fa-payam", "a3")]
    assert "articles: 2 base / 3 head rows - 0 only in base, 1 only in head, 0 changed" in render(
        list(by_table.values()))


def test_a_repeated_key_is_matched_by_occurrence(base, tmp_path):
    """robots.txt is logged twice (middleware and spider): a changed reason on one is a change, not a swap."""
    other = _lake(tmp_path / "b", 40123, "20261202T090909Z", {"a1": TEXT_FA, "a2": TEXT_AR})
    lake = Lake(str(other / "lake"))
    rows = lake.read_partition("crawl_log", DAY, "fa-payam").to_pylist()
    rows[0]["reason"] = "robots.txt: 404, everything allowed"
    lake.replace_partition("crawl_log", DAY, "fa-payam", rows)
    log = {d.table: d for d in diff(snapshot(base), snapshot(other))}["crawl_log"]
    assert not log.only_a and not log.only_b
    assert len(log.changed) == 1
    (cells,) = log.changed.values()
    assert set(cells) == {"reason"}


def test_a_column_only_one_side_has_is_a_difference(base, tmp_path):
    other = _lake(tmp_path / "b", 40123, "20261202T090909Z", {"a1": TEXT_FA, "a2": TEXT_AR})
    lake = Lake(str(other / "lake"))
    table = lake.read_partition("duplicates", DAY, "fa-payam").drop_columns(["similarity"])
    path = Path(lake.partition_path("duplicates", DAY, "fa-payam"))
    pq.write_table(table, path)  # an older revision's schema, written without the lake's conform()
    dup = {d.table: d for d in diff(snapshot(base), snapshot(other))}["duplicates"]
    assert dup.columns_only_a == ["similarity"] and not dup.identical
    assert not dup.changed  # the shared columns still agree


def test_a_revision_is_built_from_a_temporary_worktree_that_is_removed(tmp_path):
    with source_tree("HEAD") as (src, label):
        assert src != Path(__file__).resolve().parents[1] and (src / "transforms").is_dir()
        assert check_imports(src, _child_env(src)).startswith(str(src))  # PYTHONPATH beats the editable install
        assert "HEAD = " in label
    assert not src.exists()
    listed = subprocess.run(["git", "worktree", "list"], capture_output=True, text=True, check=True).stdout
    assert str(src) not in listed


def test_an_unknown_revision_is_a_clear_error():
    with pytest.raises(BuildError, match="no-such-rev"), source_tree("no-such-rev"):
        pass


def test_noise_seen_between_two_base_runs_is_set_aside_but_other_changes_still_count(base, tmp_path):
    """An order-dependent listing row (present in one base run only) must not hide a changed text."""
    again = _lake(tmp_path / "again", 40123, "20261202T090909Z", {"a1": TEXT_FA, "a2": TEXT_AR, "a3": TEXT_AR})
    head = _lake(tmp_path / "head", 41000, "20261202T111111Z",
                 {"a1": TEXT_FA, "a2": TEXT_AR.replace("الذهب", "الفضة"), "a3": TEXT_AR})
    noisy = unstable(diff(snapshot(base), snapshot(again)))
    assert noisy["articles"] == {(DAY, "fa-payam", "a3")}
    kept = {d.table: d for d in (without(d, noisy.get(d.table, set())) for d in diff(snapshot(base), snapshot(head)))}
    assert kept["duplicates"].identical and kept["crawl_log"].identical
    assert not kept["articles"].only_b and list(kept["articles"].changed) == [(DAY, "fa-payam", "a2")]


def test_a_run_id_inside_the_gate_checks_is_masked(base, tmp_path):
    other = _lake(tmp_path / "b", 40123, "20261202T090909Z", {"a1": TEXT_FA, "a2": TEXT_AR})
    for root, run_id in ((base, "20261201T235528318956Z"), (other, "20261202T090909123456Z")):
        checks = {"checks": {"min_articles": {"ok": True, "threshold": 1, "value": 2}}, "crawl_run_id": run_id}
        Lake(str(root / "lake")).replace_partition("runs", DAY, "fa-payam", [
            {"run_id": run_id, "status": "ok", "articles": 2, "checks": json.dumps(checks),
             "started_at": datetime.now(UTC), "finished_at": datetime.now(UTC)}])
    a, b = snapshot(base), snapshot(other)
    assert '"crawl_run_id": "<run-id>"' in a["runs"][0]["checks"]
    assert {d.table: d for d in diff(a, b)}["runs"].identical
    b["runs"][0]["status"] = "gate_failed"
    b["runs"][0]["checks"] = b["runs"][0]["checks"].replace('"value": 2', '"value": 0')
    runs = {d.table: d for d in diff(a, b)}["runs"]
    assert not runs.identical and set(runs.changed[(DAY, "fa-payam")]) == {"status", "checks"}
    # a JSON cell names the keys that changed instead of printing the common prefix
    assert 'checks: {checks.min_articles.value: 2 -> 0}' in "\n".join(render([runs]))


def test_a_revision_is_pinned_to_its_commit_once():
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    assert pin("HEAD") == head and pin(".") == "."
    with pytest.raises(BuildError, match="no-such-rev"):
        pin("no-such-rev")


def test_the_command_exits_2_with_one_error_line_for_an_unknown_revision(capsys):
    assert main(["--base", "no-such-rev", "--head", "."]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    repo = Path(__file__).resolve().parents[1]
    assert err == [f"error: 'no-such-rev' is neither a folder nor a git revision of {repo}"]
