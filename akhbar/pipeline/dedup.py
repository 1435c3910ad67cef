"""Stage 4 of the night: deduplicate the lake's articles (transforms.dedup) into the ``duplicates`` table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from akhbar.pipeline.night import lake_for
from outlets.registry import outlets_dir
from transforms.dedup import LOOKBACK_DAYS, Doc, DupRow, recluster
from warehouse.lake import Lake
from warehouse.locks import partition_lock
from warehouse.schema import DuplicateRecord

# -- stage 4: deduplicate ---------------------------------------------------------------------
_DEDUP_COLUMNS = ["article_id", "published_at", "text_norm", "text_chars", "content_hash", "signature"]


@dataclass
class DedupResult:
    start: date
    end: date
    articles: int = 0
    clusters: int = 0
    copies: Counter = field(default_factory=Counter)  # method -> articles that are not their canonical
    partitions: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "articles": self.articles,
                "clusters": self.clusters, "copies": dict(self.copies), "partitions": self.partitions}


def _aggregators(folder: Path | None) -> dict[str, bool]:
    from outlets.registry import load_outlets

    return {slug: o.aggregator for slug, o in load_outlets(folder or outlets_dir()).items()}


def _read_docs(lake: Lake, first: date, last: date, aggregators: dict[str, bool]) -> list[Doc]:
    """Dedup docs of every article row in [first, last], with the stored assignment of each."""
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    stored = {r["article_id"]: r["canonical_id"]
              for r in lake.read("duplicates", days, columns=["article_id", "canonical_id"]).to_pylist()}
    return [Doc.from_row(r, aggregator=aggregators.get(r["outlet"], False), canonical_id=stored.get(r["article_id"]))
            for r in lake.read("articles", days, columns=_DEDUP_COLUMNS).to_pylist()]


def dedup_range(start: date, end: date, data_dir: Path, *, lake_uri: str | None = None,
                folder: Path | None = None) -> DedupResult:
    """Re-cluster the days [start, end] and write their ``duplicates`` partitions.

    Copies are linked to articles up to ``LOOKBACK_DAYS`` before (context, their stored canonicals
    respected) and the days after ``end`` are re-clustered too, window by window, for as long as a
    canonical changes — so a back-filled day never leaves a later cluster with two canonicals, and
    the result equals running every day in calendar order. One dedup at a time per data dir (waits).
    """
    if end < start:
        raise ValueError(f"dedup range ends ({end}) before it starts ({start})")
    lake = lake_for(data_dir, lake_uri)
    aggregators = _aggregators(folder)
    result = DedupResult(start, end)
    lookback = timedelta(days=LOOKBACK_DAYS)
    with partition_lock(data_dir, "dedup", "lake", wait=True):
        lake_days = sorted({date.fromisoformat(d) for d, _ in lake.partitions("articles")})
        last_day = lake_days[-1] if lake_days else end
        stop = min(end + lookback, max(end, last_day))
        while True:
            docs = _read_docs(lake, start - lookback, stop, aggregators)
            before = {d.article_id: d.canonical_id for d in docs if d.day >= start}
            rows = recluster(docs, start)
            empty = [(date.fromisoformat(d), o) for d, o in lake.partitions("articles")
                     if start <= date.fromisoformat(d) <= stop]
            _write_duplicates(lake, docs, rows, start, empty, result)
            changed = {r.article_id for r in rows
                       if (before.get(r.article_id) == r.article_id) != (r.canonical_id == r.article_id)}
            if not changed or stop >= last_day:
                break
            # canonicals changed near the window's end: later days may point at them, go on
            start, stop = stop + timedelta(days=1), min(stop + lookback, last_day)
    return result


def _write_duplicates(lake: Lake, docs: list[Doc], rows: list[DupRow], start: date,
                      article_partitions: list[tuple[date, str]], result: DedupResult) -> None:
    row_of = {r.article_id: r for r in rows}
    # every articles partition gets its duplicates partition, an empty one included (replaces stale rows)
    partitions: dict[tuple[date, str], dict[str, DuplicateRecord]] = {key: {} for key in article_partitions}
    for d in docs:
        if d.day < start:
            continue
        part = partitions.setdefault((d.day, d.outlet), {})
        part[d.article_id] = DuplicateRecord(**row_of[d.article_id]._asdict())
    for (day, slug), members in sorted(partitions.items()):
        lake.replace_partition("duplicates", day, slug, list(members.values()))
        result.partitions += 1
    result.articles += len(rows)
    result.clusters += len({r.cluster_id for r in rows})
    result.copies.update(r.method for r in rows if r.canonical_id != r.article_id)


def dedup_day(day: date, data_dir: Path, *, lake_uri: str | None = None, folder: Path | None = None) -> DedupResult:
    """Cluster one day's articles against the lookback days (the nightly step); later days already in
    the lake (a back-fill) are re-clustered with it."""
    return dedup_range(day, day, data_dir, lake_uri=lake_uri, folder=folder)
