"""One night of the archive, stage by stage: crawl -> WARC -> extract -> lake -> DuckDB.

Each stage is a function the CLI and the Airflow DAG call alike; none keeps state between calls
beyond what it wrote to the data dir, so any stage can be re-run on its own.
"""

from __future__ import annotations

import errno
import logging
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from akhbar.locks import partition_lock
from akhbar.registry import Outlet, outlets_dir, select_outlets
from crawler import run as crawl_runner
from crawler.crawllog import read_logs
from crawler.discovery import on_day
from crawler.warc import ArchivedResponse, iter_responses, recover_open_files, warc_files
from transforms.identity import article_id, canonical_url, normalize_url
from warehouse.lake import Lake

log = logging.getLogger(__name__)
#: below this many pages extraction stays in-process (a pool costs more than it saves)
PARALLEL_MIN_PAGES = 24


@dataclass
class OutletDay:
    outlet: str
    day: date
    run_id: str
    crawl: Counter = field(default_factory=Counter)
    articles: int = 0
    rejected: Counter = field(default_factory=Counter)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def lake_for(data_dir: Path, lake_uri: str | None = None) -> Lake:
    return Lake(lake_uri or str(data_dir.resolve() / "lake"))


# -- stage 1: crawl ---------------------------------------------------------------------------
def crawl_stage(outlets: list[Outlet], day: date, data_dir: Path, run_id: str, folder: Path, *,
                refetch: bool = False, overrides: dict[str, str] | None = None,
                lock_fds: dict[str, int] | None = None) -> dict[str, Counter]:
    """Crawl in a child process; ``lock_fds`` (the outlet-day locks held here) are handed to it, so the
    locks stay held while the crawler lives even if this process is killed."""
    log_file = data_dir / "logs" / f"crawl-{day.isoformat()}-{run_id}.log"
    return crawl_runner.crawl([o.slug for o in outlets], day, data_dir, run_id, folder, refetch=refetch,
                              overrides=overrides, log_file=log_file, lock_fds=lock_fds)


# -- stage 2: extract from the WARC files -----------------------------------------------------
def latest_articles(data_dir: Path, day: date, outlet: Outlet) -> list[ArchivedResponse]:
    """The newest successful archived response of every article URL of the outlet-day: from the day's
    WARC files, plus the pages its crawl found archived by a neighbouring day's crawl (the crawl log
    names them ``archived_earlier`` with the archived URL)."""
    from datetime import timedelta

    recover_open_files(data_dir, day.isoformat(), outlet.slug)
    newest: dict[str, ArchivedResponse] = {}

    def take(rec: ArchivedResponse) -> None:
        key = normalize_url(rec.url)
        if key not in newest or rec.fetched_at >= newest[key].fetched_at:
            newest[key] = rec

    for path in warc_files(data_dir, day.isoformat(), outlet.slug):
        for rec in iter_responses(data_dir, path):
            if rec.kind == "article" and rec.status == 200:
                take(rec)
    borrowed = {normalize_url(r["final_url"] or r["url"]) for r in read_logs(data_dir, day.isoformat(), outlet.slug)
                if r["kind"] == "article" and r["outcome"] == "archived_earlier"} - set(newest)
    for other in (day - timedelta(days=1), day + timedelta(days=1)) if borrowed else ():
        for path in warc_files(data_dir, other.isoformat(), outlet.slug):
            for rec in iter_responses(data_dir, path):
                if rec.kind == "article" and rec.status == 200 and normalize_url(rec.url) in borrowed:
                    take(rec)
    return list(newest.values())


def _extract_one(args: tuple[bytes, str, str | None, Any, str]) -> Any:
    from transforms.extract import ExtractionError, extract_article

    body, url, content_type, overrides, tz = args
    try:
        return extract_article(body, url, content_type=content_type, overrides=overrides, tz=tz)
    except ExtractionError as exc:
        return exc


def extract_stage(data_dir: Path, day: date, outlet: Outlet) -> tuple[list[dict], list[dict]]:
    """Article rows of the outlet-day, and crawl-log rows for pages that were not kept (and why)."""
    from transforms.dedup import signature
    from transforms.extract import EXTRACTOR_VERSION
    from transforms.normalize import normalize_text

    records = latest_articles(data_dir, day, outlet)
    jobs = [(r.body, r.url, r.header("Content-Type"), outlet.extract, outlet.timezone) for r in records]
    if len(jobs) >= PARALLEL_MIN_PAGES and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            results = list(pool.map(_extract_one, jobs, chunksize=8))
    else:
        results = [_extract_one(j) for j in jobs]

    rows: dict[str, dict] = {}
    rejected: list[dict] = []
    for rec, ex in zip(records, results, strict=True):
        if isinstance(ex, Exception):
            rejected.append(_rejection(rec, "extract_failed", str(ex)))
            continue
        if ex.published_at is not None and not on_day(ex.published_at, day):
            rejected.append(_rejection(rec, "not_on_day", f"published {ex.published_at.isoformat()}"))
            continue
        canonical = canonical_url(rec.url, ex.canonical_url)
        aid = article_id(canonical, outlet.article_url_pattern)
        text_norm = normalize_text(ex.text or "")
        row = {
            "article_id": aid,
            "url": rec.url,
            "canonical_url": canonical,
            "title": ex.title,
            "text": ex.text,
            "text_norm": text_norm,
            "description": ex.description,
            "authors": list(ex.authors or []),
            "tags": list(ex.tags or []),
            "section": ex.section,
            "image": ex.image,
            "source_credit": ex.source_credit,
            "published_at": ex.published_at,
            "modified_at": ex.modified_at,
            "language": ex.language,
            "language_mismatch": bool(ex.language and ex.language != outlet.language),
            "text_chars": len(ex.text or ""),
            "content_hash": _sha1(text_norm) if text_norm else None,
            "signature": signature(text_norm) if text_norm else None,
            "http_status": rec.status,
            "fetched_at": rec.fetched_at,
            "warc_file": rec.warc_file,
            "warc_offset": rec.offset,
            "warc_record_id": rec.record_id,
            "extractor_version": EXTRACTOR_VERSION,
        }
        # the same article under two URLs (tracking parameters, AMP, redirects): keep the newest fetch
        if aid not in rows or row["fetched_at"] > rows[aid]["fetched_at"]:
            rows[aid] = row
    return sorted(rows.values(), key=lambda r: r["url"]), rejected


def _rejection(rec: ArchivedResponse, outcome: str, reason: str) -> dict:
    return {
        "url": rec.url, "kind": "article", "status": rec.status, "bytes": len(rec.body),
        "fetched_at": rec.fetched_at, "duration_ms": None, "outcome": outcome, "reason": reason,
        "final_url": rec.url, "run_id": "extract", "warc_file": rec.warc_file,
    }


def _sha1(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# -- stage 3: load into the lake --------------------------------------------------------------
def load_stage(lake: Lake, data_dir: Path, day: date, outlet: Outlet, articles: list[dict],
               rejected: list[dict]) -> int:
    """Replace the outlet-day's partitions of articles and crawl_log (each atomically)."""
    crawl_rows = list(read_logs(data_dir, day.isoformat(), outlet.slug)) + rejected
    lake.replace_partition("crawl_log", day, outlet.slug, crawl_rows, sort_by=("fetched_at", "url", "outcome"))
    return lake.replace_partition("articles", day, outlet.slug, articles, sort_by=("url",))


def process_outlet_day(data_dir: Path, day: date, outlet: Outlet, lake: Lake) -> tuple[int, Counter]:
    articles, rejected = extract_stage(data_dir, day, outlet)
    n = load_stage(lake, data_dir, day, outlet, articles, rejected)
    return n, Counter(r["outcome"] for r in rejected)


# -- the whole night --------------------------------------------------------------------------
def run_day(
    day: date,
    data_dir: Path,
    slugs: list[str] | None = None,
    *,
    folder: Path | None = None,
    lake_uri: str | None = None,
    refetch: bool = False,
    overrides: dict[str, str] | None = None,
    run_id: str | None = None,
) -> list[OutletDay]:
    """Crawl, extract and load one UTC day for the outlets; one outlet failing never stops the others."""
    slugs = list(dict.fromkeys(slugs)) if slugs else slugs  # a slug named twice would wait for its own lock
    folder = folder or outlets_dir()
    outlets = select_outlets(slugs, folder)
    run_id = run_id or new_run_id()
    data_dir.mkdir(parents=True, exist_ok=True)
    lake = lake_for(data_dir, lake_uri)
    results = {o.slug: OutletDay(o.slug, day, run_id) for o in outlets}
    with ExitStack() as locks:
        held = {o.slug: locks.enter_context(partition_lock(data_dir, day.isoformat(), o.slug)).fd for o in outlets}
        try:
            counts = crawl_stage(outlets, day, data_dir, run_id, folder, refetch=refetch, overrides=overrides,
                                 lock_fds=held)
        except Exception as exc:  # the crawl process died: still publish what it archived
            log.error("crawl of %s failed: %s", day, exc)
            counts = {o.slug: crawl_runner.run_outcomes(data_dir, day, o.slug, run_id) for o in outlets}
            for r in results.values():
                r.error = f"crawl process failed: {exc}"
        for o in outlets:
            r = results[o.slug]
            r.crawl = counts.get(o.slug, Counter())
            try:
                r.articles, r.rejected = process_outlet_day(data_dir, day, o, lake)
            except Exception as exc:
                if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                    raise  # a full disk fails every outlet alike: stop, the caller reports it once
                log.exception("extract/load of %s %s failed", o.slug, day)
                r.error = f"{type(exc).__name__}: {exc}"
    return list(results.values())


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
    from akhbar.registry import load_outlets

    return {slug: o.aggregator for slug, o in load_outlets(folder or outlets_dir()).items()}


def _read_docs(lake: Lake, first: date, last: date, aggregators: dict[str, bool]) -> list[Any]:
    """Dedup docs of every article row in [first, last], with the stored assignment of each."""
    from datetime import timedelta

    from transforms.dedup import Doc

    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    stored = {r["article_id"]: r["canonical_id"]
              for r in lake.read("duplicates", days, columns=["article_id", "canonical_id"]).to_pylist()}
    return [
        Doc(r["article_id"], r["outlet"], r["day"], r["published_at"], r["text_norm"] or "", r["text_chars"] or 0,
            r["content_hash"], aggregators.get(r["outlet"], False), r["signature"], stored.get(r["article_id"]))
        for r in lake.read("articles", days, columns=_DEDUP_COLUMNS).to_pylist()
    ]


def dedup_range(start: date, end: date, data_dir: Path, *, lake_uri: str | None = None,
                folder: Path | None = None) -> DedupResult:
    """Re-cluster the days [start, end] and write their ``duplicates`` partitions.

    Copies are linked to articles up to ``LOOKBACK_DAYS`` before (context, their stored canonicals
    respected) and the days after ``end`` are re-clustered too, window by window, for as long as a
    canonical changes — so a back-filled day never leaves a later cluster with two canonicals, and
    the result equals running every day in calendar order. One dedup at a time per data dir (waits).
    """
    from datetime import timedelta

    from transforms.dedup import LOOKBACK_DAYS, recluster

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


def _write_duplicates(lake: Lake, docs: list[Any], rows: list[Any], start: date,
                      article_partitions: list[tuple[date, str]], result: DedupResult) -> None:
    row_of = {r.article_id: r for r in rows}
    # every articles partition gets its duplicates partition, an empty one included (replaces stale rows)
    partitions: dict[tuple[date, str], dict[str, dict]] = {key: {} for key in article_partitions}
    for d in docs:
        if d.day < start:
            continue
        part = partitions.setdefault((d.day, d.outlet), {})
        part[d.article_id] = row_of[d.article_id]._asdict()
    for (day, slug), members in sorted(partitions.items()):
        lake.replace_partition("duplicates", day, slug, list(members.values()), sort_by=("cluster_id", "article_id"))
        result.partitions += 1
    result.articles += len(rows)
    result.clusters += len({r.cluster_id for r in rows})
    result.copies.update(r.method for r in rows if r.canonical_id != r.article_id)


def dedup_day(day: date, data_dir: Path, *, lake_uri: str | None = None, folder: Path | None = None) -> DedupResult:
    """Cluster one day's articles against the lookback days (the nightly step); later days already in
    the lake (a back-fill) are re-clustered with it."""
    return dedup_range(day, day, data_dir, lake_uri=lake_uri, folder=folder)
