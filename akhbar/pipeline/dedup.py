"""Stage 4 of the night: deduplicate the lake's articles (transforms.dedup) into the ``duplicates`` table."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from akhbar.outlets.registry import outlets_dir
from akhbar.pipeline.night import lake_for
from akhbar.transforms.dedup import LOOKBACK_DAYS, Doc, DupRow, cluster_reached, linked_any, signature_is_current
from akhbar.warehouse.lake import CorruptPartition, Lake
from akhbar.warehouse.locks import partition_lock
from akhbar.warehouse.schema import TABLES

log = logging.getLogger(__name__)

# -- stage 4: deduplicate ---------------------------------------------------------------------
# what clustering needs of an article: the stored signature stands for text_norm (read only when it is stale)
_DEDUP_COLUMNS = ["article_id", "published_at", "text_chars", "content_hash", "signature"]
_DUP_COLUMNS = ["article_id", "cluster_id", "canonical_id", "method", "similarity"]


@dataclass
class DedupResult:
    start: date
    end: date
    articles: int = 0  # rows clustered: the range's, plus the later rows its clusters reached
    clusters: int = 0
    copies: Counter = field(default_factory=Counter)  # method -> articles that are not their canonical
    partitions: int = 0
    reached: int = 0  # later rows re-clustered because the range's clusters reach them
    windows: int = 0
    #: unreadable partition files left out (each names itself and what to do): one outlet's broken file never
    #: stops the others' dedup; that outlet-day's own duplicates partition is left as it was
    corrupt: list[CorruptPartition] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "articles": self.articles,
                "clusters": self.clusters, "copies": dict(self.copies), "partitions": self.partitions,
                "reached": self.reached, "windows": self.windows, "corrupt": [str(c) for c in self.corrupt]}


def _aggregators(folder: Path | None) -> dict[str, bool]:
    from akhbar.outlets.registry import load_outlets

    return {slug: o.aggregator for slug, o in load_outlets(folder or outlets_dir()).items()}


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _read_docs(lake: Lake, first: date, last: date, aggregators: dict[str, bool], listings: dict[str, Any],
               corrupt: list[CorruptPartition], dup: pa.Table | None = None,
               ) -> tuple[list[Doc], dict[tuple[date, str], dict[str, DupRow]]]:
    """Dedup docs of every article row in [first, last] with the stored assignment of each, and the
    stored ``duplicates`` rows by partition (``dup``: those days' rows when the caller read them already).
    Bodies are read only for rows whose signature is stale."""
    days = _days(first, last)
    stored: dict[tuple[date, str], dict[str, DupRow]] = defaultdict(dict)
    canonical: dict[str, str] = {}
    if dup is None:
        dup = lake.read("duplicates", days, columns=_DUP_COLUMNS, listing=listings["duplicates"], corrupt=corrupt)
    # column lists zipped: a dict per row (to_pylist) cost twice as much
    for *fields, day, outlet in zip(*(dup.column(c).to_pylist() for c in [*_DUP_COLUMNS, "day", "outlet"]),
                                    strict=True):
        row = DupRow(*fields)
        stored[(day, outlet)][row.article_id] = row
        canonical[row.article_id] = row.canonical_id
    t = lake.read("articles", days, columns=_DEDUP_COLUMNS, listing=listings["articles"], corrupt=corrupt)
    cols = [t.column(c).to_pylist() for c in [*_DEDUP_COLUMNS, "day", "outlet"]]
    stale = {(day, outlet) for sig, day, outlet in zip(cols[4], cols[5], cols[6], strict=True)
             if not signature_is_current(sig)}
    bodies: dict[tuple[date, str, str], str] = {}
    if stale:  # signatures missing or made with other parameters: recompute from the bodies
        for r in lake.read("articles", sorted({d for d, _ in stale}), columns=["article_id", "text_norm"],
                           corrupt=corrupt).to_pylist():
            if (r["day"], r["outlet"]) in stale:
                bodies[(r["day"], r["outlet"], r["article_id"])] = r["text_norm"]
    docs = [Doc(aid, outlet, day, published, (bodies.get((day, outlet, aid)) if bodies else None) or "",
                chars or 0, chash, aggregators.get(outlet, False), sig, canonical.get(aid))
            for aid, published, chars, chash, sig, day, outlet in zip(*cols, strict=True)]
    return docs, stored


def dedup_range(start: date, end: date, data_dir: Path, *, lake_uri: str | None = None,
                folder: Path | None = None) -> DedupResult:
    """Re-cluster the days [start, end] and write their ``duplicates`` partitions.

    Copies are linked to articles up to ``LOOKBACK_DAYS`` before (context, their stored canonicals
    respected). Later days already in the lake (a back-fill) keep their stored rows except those the
    range's clusters reach (``transforms.dedup.cluster_reached``: linked to an article whose role
    changed, transitively); the reach is followed window by window past ``end`` for as long as it
    goes on, so the result equals running every day in calendar order while a back-filled day costs
    its own rows plus the copies it reaches. One dedup at a time per data dir (waits).
    """
    if end < start:
        raise ValueError(f"dedup range ends ({end}) before it starts ({start})")
    lake = lake_for(data_dir, lake_uri)
    aggregators = _aggregators(folder)
    result = DedupResult(start, end)
    lookback = timedelta(days=LOOKBACK_DAYS)
    with partition_lock(data_dir, "dedup", "lake", wait=True):
        # each table listed once per call: a window writes only its own days, read before
        listings = {table: lake.listing(table) for table in ("articles", "duplicates")}
        article_parts = {(date.fromisoformat(d), o) for d, o in lake.partitions("articles")}
        last_day = max((d for d, _ in article_parts), default=end)
        lo, stop, moved = start, max(end, min(end + lookback, last_day)), set[str]()
        docs, stored = _read_docs(lake, start - lookback, stop, aggregators, listings, result.corrupt)
        while True:
            fresh = [d for d in docs if start <= d.day <= end and lo == start]
            out = cluster_reached(fresh, [d for d in docs if d.day < lo],
                                  [d for d in docs if d.day > end and d.day >= lo], moved=moved)
            result.windows += 1
            result.reached += out.reached
            # an unreadable articles file: its outlet-day's duplicates stay as they were (a corrupt duplicates file
            # is rewritten: it is derived data)
            unreadable = {(date.fromisoformat(c.day), c.outlet) for c in result.corrupt if c.table == "articles"}
            range_parts = {key for key in article_parts if start <= key[0] <= end and key not in unreadable
                           } if lo == start else set()
            _write_duplicates(lake, docs, out.rows, stored, range_parts, result)
            moved = out.moved
            ahead = None if stop >= last_day else _reaches_on(lake, docs, out.rows, moved, stop, last_day, aggregators,
                                                              listings, result.corrupt)
            if ahead is None:
                break
            # a row whose role changed near the window's end: later days may link to it, go on with the
            # next days, the last lookback days kept as context with the rows just written
            written = {r.article_id: r.canonical_id for r in out.rows}
            context = [d if written.get(d.article_id, d.canonical_id) == d.canonical_id
                       else replace(d, canonical_id=written[d.article_id]) for d in docs if d.day > stop - lookback]
            lo, stop = stop + timedelta(days=1), ahead[0]
            docs, stored = ahead[1] or _read_docs(lake, lo, stop, aggregators, listings, result.corrupt, dup=ahead[2])
            docs = context + docs
    result.corrupt = list({c.path: c for c in result.corrupt}.values())
    for c in result.corrupt:
        log.error("dedup of %s..%s left out %s", start, end, c)
    return result


def _reaches_on(lake: Lake, docs: list[Doc], rows: list[DupRow], moved: set[str], stop: date, last_day: date,
                aggregators: dict[str, bool], listings: dict[str, Any], corrupt: list[CorruptPartition],
                ) -> tuple[date, tuple | None, pa.Table] | None:
    """The last day a row that moved within the lookback of the window's end can reach, when it does
    reach a later row (with the next days' docs when they were read to find out, and their ``duplicates``
    rows), else None.

    One that stopped being a canonical only reaches the later rows stored as its copies, found in the
    (small) ``duplicates`` rows of the next days; one that became a canonical reaches the later rows
    linked to it, looked for in the next days' signatures before they are re-clustered.
    """
    lookback = timedelta(days=LOOKBACK_DAYS)
    day_of = {d.article_id: d.day for d in docs}
    role = {r.article_id: r.canonical_id == r.article_id for r in rows}
    near_end = [a for a in moved if a in role and day_of[a] > stop - lookback]
    if not near_end:
        return None
    reach = min(last_day, max(day_of[a] for a in near_end) + lookback)
    next_days = _days(stop + timedelta(days=1), reach)
    lost = {a for a in near_end if not role[a]}
    later = lake.read("duplicates", next_days, columns=_DUP_COLUMNS, listing=listings["duplicates"], corrupt=corrupt)
    if lost & set(later.column("canonical_id").to_pylist()):
        return reach, None, later
    founded = {a for a in near_end if role[a]}
    if not founded:
        return None
    ahead = _read_docs(lake, next_days[0], reach, aggregators, listings, corrupt, dup=later)
    return (reach, ahead, later) if linked_any([d for d in docs if d.article_id in founded], ahead[0]) else None


def _table(rows: list[DupRow]) -> pa.Table:
    """Rows as a ``duplicates`` table (DupRow's fields are the schema's columns, in order)."""
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in DupRow._fields]
    return pa.table(dict(zip(DupRow._fields, columns, strict=True)), schema=TABLES["duplicates"])


def _same(old: DupRow | None, new: DupRow) -> bool:
    """A stored row equals a new one (``similarity`` is stored as float32)."""
    return old is not None and old[:4] == new[:4] and (
        old.similarity is not None and np.float32(old.similarity) == np.float32(new.similarity))


def _write_duplicates(lake: Lake, docs: list[Doc], rows: list[DupRow],
                      stored: dict[tuple[date, str], dict[str, DupRow]],
                      range_parts: set[tuple[date, str]], result: DedupResult) -> None:
    """Replace the range's partitions (an empty one included: it replaces stale rows) and every later
    partition in which a re-clustered row differs from its stored one."""
    part_of = {d.article_id: (d.day, d.outlet) for d in docs}
    changed: dict[tuple[date, str], dict[str, DupRow]] = {key: {} for key in range_parts}
    for r in rows:
        key = part_of[r.article_id]
        if key in range_parts:
            changed[key][r.article_id] = r
        elif not _same(stored.get(key, {}).get(r.article_id), r):
            changed.setdefault(key, dict(stored.get(key, {})))[r.article_id] = r
    for (day, slug), members in sorted(changed.items()):
        lake.replace_partition("duplicates", day, slug, _table(list(members.values())))
        result.partitions += 1
    result.articles += len(rows)
    result.clusters += len({r.cluster_id for r in rows})
    result.copies.update(r.method for r in rows if r.canonical_id != r.article_id)


def dedup_day(day: date, data_dir: Path, *, lake_uri: str | None = None, folder: Path | None = None) -> DedupResult:
    """Cluster one day's articles against the lookback days (the nightly step); later days already in
    the lake (a back-fill) are re-clustered with it."""
    return dedup_range(day, day, data_dir, lake_uri=lake_uri, folder=folder)
