"""Back-fill order of dedup: newest-first ends in the calendar-order state, re-clustering only what the
back-filled day's clusters reach, from stored signatures."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pytest

from akhbar.pipeline import dedup_day
from akhbar.transforms.dedup import LOOKBACK_DAYS, content_hash, signature
from akhbar.transforms.normalize import normalize_text
from akhbar.warehouse.lake import Lake

TESTWEB = Path(__file__).resolve().parents[1] / "testweb"
D1 = date(2025, 1, 6)


def _text(lang: str, key: str) -> str:
    for e in json.loads((TESTWEB / f"articles_{lang}.json").read_text(encoding="utf-8")):
        if e.get("key") == key:
            return "\n".join(e["paragraphs"])
    raise KeyError(key)


FA = "\n".join([_text("fa", "p12")] * 2)  # long enough for exact and near links
AR = "\n".join([_text("ar", "w08")] * 2)


def _row(aid: str, day: date, text: str, *, body: bool = True) -> dict:
    norm = normalize_text(text)
    return {"article_id": aid, "url": f"https://example.test/{aid}", "text_norm": norm if body else None,
            "text_chars": len(text), "content_hash": content_hash(norm), "signature": signature(norm),
            "published_at": datetime.combine(day, time(9), UTC)}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "outlets").mkdir()
    return tmp_path


def _load(data: Path, day: date, slug: str, rows: list[dict]) -> None:
    Lake(str(data / "lake")).replace_partition("articles", day, slug, rows)


def _dedup(data: Path, day: date):
    return dedup_day(day, data, folder=data / "outlets")


def _canonicals(data: Path) -> dict[str, str]:
    return {r["article_id"]: r["canonical_id"] for r in Lake(str(data / "lake")).read("duplicates").to_pylist()}


def test_newest_first_backfill_with_copies_of_copies_equals_calendar_order_and_reclusters_little() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ is not installed
    from bench.dedup_backfill import compare, plant

    planted = plant(8, 4, 8, copy_rate=0.3)
    assert planted.copies >= 20 and planted.copies_of_copies >= 8
    calendar, newest = compare(planted)
    assert newest.duplicates == calendar.duplicates  # the identical end state, row for row
    copies = sum(r["canonical_id"] != r["article_id"] for r in calendar.duplicates)
    assert copies >= planted.copies  # the planted copies were found (copies of copies join one or the other)
    assert calendar.clustered == planted.rows and calendar.reached == 0
    # a back-filled day re-clusters the later copies it reaches, not the later days: a later row is reached
    # only through a link, at most once per earlier member of its story (the original's day, the copy's day)
    assert newest.clustered == planted.rows + newest.reached
    assert 0 < newest.reached <= 2 * (planted.copies + planted.copies_of_copies) < planted.rows / 2
    assert newest.clustered <= 1.5 * calendar.clustered


def test_lookback_and_later_days_are_read_from_stored_signatures_not_bodies(data) -> None:
    later = D1 + timedelta(days=2)
    _load(data, later, "ar-wadi", [_row("copy", later, AR, body=False), _row("other", later, FA, body=False)])
    _dedup(data, later)
    _load(data, D1, "ar-sahel", [_row("orig", D1, AR, body=False)])
    result = _dedup(data, D1)
    assert _canonicals(data) == {"orig": "orig", "copy": "orig", "other": "other"}
    # the new day's rows and the one later copy its cluster reaches; the unrelated later row is kept
    assert (result.articles, result.reached, result.windows, result.partitions) == (2, 1, 1, 2)


def test_backfilled_day_follows_a_chain_of_copies_past_the_window(data) -> None:
    """original (D1) <- copy (D4) <- copy of the copy (D10: beyond the original's lookback): back-filling D1
    makes the copy a copy, so the copy of the copy (stored as its copy) founds its own cluster, as in
    calendar order."""
    copy_day, cc_day = D1 + timedelta(days=3), D1 + timedelta(days=LOOKBACK_DAYS + 2)
    _load(data, cc_day, "fa-sepehr", [_row("cc", cc_day, FA)])
    _dedup(data, cc_day)
    _load(data, copy_day, "fa-payam", [_row("copy", copy_day, FA)])
    _dedup(data, copy_day)
    assert _canonicals(data) == {"copy": "copy", "cc": "copy"}
    _load(data, D1, "fa-nama", [_row("orig", D1, FA)])
    result = _dedup(data, D1)
    assert _canonicals(data) == {"orig": "orig", "copy": "orig", "cc": "cc"}
    assert result.windows == 2 and result.reached == 2
    # the calendar-order run of the same lake
    forward = data / "forward"
    (forward / "outlets").mkdir(parents=True)
    for day, slug, aid in ((D1, "fa-nama", "orig"), (copy_day, "fa-payam", "copy"), (cc_day, "fa-sepehr", "cc")):
        _load(forward, day, slug, [_row(aid, day, FA)])
        _dedup(forward, day)
    assert _canonicals(forward) == _canonicals(data)


def test_rerun_of_a_day_with_unlinked_later_days_touches_only_its_partitions(data) -> None:
    later = D1 + timedelta(days=1)
    _load(data, later, "ar-wadi", [_row("other", later, FA)])
    _load(data, D1, "ar-sahel", [_row("orig", D1, AR)])
    _dedup(data, later)
    _dedup(data, D1)
    again = _dedup(data, D1)
    # no spurious change: the day's new rows do not send the run on into the later days
    assert (again.articles, again.reached, again.windows, again.partitions) == (1, 0, 1, 1)
    assert _canonicals(data) == {"orig": "orig", "other": "other"}


def test_look_ahead_finds_links_from_a_new_canonical_to_the_next_days_only_within_the_lookback() -> None:
    from akhbar.transforms.dedup import Doc, linked_any

    orig = Doc.from_text("orig", "fa-nama", D1, FA)
    soon, far = D1 + timedelta(days=LOOKBACK_DAYS), D1 + timedelta(days=LOOKBACK_DAYS + 1)
    assert linked_any([orig], [Doc.from_text("other", "ar-wadi", soon, AR), Doc.from_text("copy", "x", soon, FA)])
    assert not linked_any([orig], [Doc.from_text("other", "ar-wadi", soon, AR)])
    assert not linked_any([orig], [Doc.from_text("copy", "x", far, FA)])


def test_narrowing_to_the_reach_changes_no_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """cluster_reached clusters only what its seeds reach (transforms.dedup._reach): the same back-fill with
    every item kept gives the same rows, row counts and windows."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import akhbar.transforms.dedup as td
    from bench.dedup_backfill import compare, plant

    planted = plant(10, 4, 8, copy_rate=0.3, seed=3)
    narrowed = compare(planted)[1]
    seen: list[tuple[int, int]] = []
    real = td._reach

    def spy(items, *args, **kwargs):
        kept = real(items, *args, **kwargs)
        seen.append((len(kept), len(items)))
        return kept

    monkeypatch.setattr(td, "_reach", spy)
    compare(planted)
    assert sum(k for k, _ in seen) < sum(n for _, n in seen) / 2  # the narrowing leaves most items out
    monkeypatch.setattr(td, "_reach", lambda items, *a, **k: np.arange(len(items)))
    full = compare(planted)[1]
    assert narrowed.duplicates == full.duplicates
    assert (narrowed.clustered, narrowed.reached, narrowed.windows) == (full.clustered, full.reached, full.windows)


def test_a_partition_written_without_the_signature_column_reads_it_as_null(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    lake = Lake(str(tmp_path / "lake"))
    lake.replace_partition("articles", D1, "fa-nama", [_row("a", D1, FA)])
    path = lake.partition_path("articles", D1, "fa-nama")
    old = pq.read_table(path).drop_columns(["signature"])
    pq.write_table(old, path)  # an older layout's file
    t = lake.read("articles", [D1], columns=["article_id", "signature", "text_chars"])
    assert t.column("signature").to_pylist() == [None] and t.column("article_id").to_pylist() == ["a"]
    assert t.schema.field("signature").type == pa.binary()
