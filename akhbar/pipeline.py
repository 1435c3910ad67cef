"""One night of the archive, stage by stage: crawl -> WARC -> extract -> lake -> DuckDB.

Each stage is a function the CLI and the Airflow DAG call alike; none keeps state between calls
beyond what it wrote to the data dir, so any stage can be re-run on its own.

Nothing fetched is lost: each article record a crawl archived lands in exactly one articles partition,
its *home day* (:func:`home_day`: the page's trusted date, reconciled with the listing's date, which the
crawl log keeps as listed_at / listed_by), or is logged ``not_article`` / ``extract_failed`` with the
reason. Records another day owns are logged ``other_day`` (home_day + WARC pointer) and picked up by that
day's pipeline; when that day was published first it is re-run, so days may be run in any order.
"""

from __future__ import annotations

import errno
import logging
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from crawler import run as crawl_runner
from crawler.crawllog import read_logs
from crawler.warc import ArchivedResponse, iter_responses, recover_open_files, warc_files
from outlets.registry import Outlet, outlets_dir, select_outlets
from transforms.identity import article_id, canonical_url, normalize_url
from warehouse.lake import Lake
from warehouse.locks import partition_lock

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
# Nothing fetched is lost: every archived article response of the crawl of day C is extracted by C's
# pipeline and given one *home day*, a pure function of the record and its listing (home_day below).
# The pipeline of D keeps its own records whose home is D and the records other days' pipelines handed
# over to D (their crawl_log rows ``other_day`` with home_day=D and the WARC pointer); a record never
# lands anywhere but its home. A page that is not an article is logged ``not_article`` with the reason.

#: page date and listing date further apart than this: the row is flagged date_disagrees
DATE_TOLERANCE = timedelta(hours=24)
#: page dates before this are not trusted (a scanned archive's year, a misparsed number)
EARLIEST_PAGE_DATE = datetime(1990, 1, 1, tzinfo=UTC)
#: an index page: at least this many links around less than SHORT_TEXT characters of extracted text
INDEX_MIN_LINKS, SHORT_TEXT = 50, 200
#: extractor errors that mean "no article here" rather than "extraction broke"
_NO_TEXT_ERRORS = ("empty page", "no article text found")


@dataclass(frozen=True)
class Listing:
    """What the listing that led the crawl to a page said about it (crawl_log listed_at / listed_by)."""

    at: datetime | None = None
    by: str | None = None  # "<kind> <listing URL>"

    @property
    def kind(self) -> str:
        return (self.by or "listing").split(" ", 1)[0]


@dataclass(frozen=True)
class Record:
    """An archived article response, the UTC day whose crawl archived it, and its listing evidence."""

    response: ArchivedResponse
    crawl_day: date
    listing: Listing


def trusted_page_date(published_at: datetime | None, fetched_at: datetime) -> bool:
    """A page date is trusted from 1990 up to a day after the fetch (the extractor gives full dates only)."""
    return published_at is not None and EARLIEST_PAGE_DATE <= published_at <= fetched_at + timedelta(days=1)


def home_day(crawl_day: date, page_date: datetime | None, listing: Listing) -> date:
    """The day whose articles partition holds a record archived by the crawl of ``crawl_day``.

    ``page_date`` is the trusted page date (or None), P its UTC day, L the listing's UTC day.
    1. P when it is within a day of the crawl (the outlet's local days make neighbouring crawls list it);
    2. L when a dated listing (sitemap, feed) within a day of the crawl puts the article more than a day
       from P: the crawl of P would never find it, so it stays where it was listed (published_at keeps P,
       date_disagrees says so);
    3. else P, however far (a link in an archive page's "latest news" box: P's own crawl lists it too);
    4. without a trusted page date: L when within a day of the crawl, else the crawl day.
    It depends on the record and its listing, never on which neighbouring crawl fetched the page first,
    so the days can be run in any order."""
    listed = listing.at.date() if listing.at is not None else None
    near = listed is not None and abs((listed - crawl_day).days) <= 1
    if page_date is None:
        return listed if near else crawl_day
    page = page_date.date()
    if abs((page - crawl_day).days) <= 1:
        return page
    if near and listing.kind != "archive" and abs((page - listed).days) > 1:
        return listed
    return page


def choose_date(ex: Any, listing: Listing, fetched_at: datetime) -> dict[str, Any]:
    """published_at, date_source, date_signals, listed_at and date_disagrees of one extracted page."""
    page = ex.published_at
    trusted = trusted_page_date(page, fetched_at)
    signals = list(getattr(ex, "date_signals", None) or [])
    had_page_evidence = page is not None or bool(signals)
    if page is not None:
        signals.append(f"page={page.isoformat()}" + ("" if trusted else " untrusted"))
    if listing.at is not None:
        signals.append(f"listed={listing.at.isoformat()} {listing.by or ''}".rstrip())
    if trusted:
        published, source = page, getattr(ex, "date_source", None) or "page"
    elif listing.at is not None:
        published, source = listing.at, f"listing:{listing.kind}"
    else:
        published, source = None, None
    far = trusted and listing.at is not None and abs(page - listing.at) > DATE_TOLERANCE
    return {"published_at": published, "date_source": source, "date_signals": signals, "listed_at": listing.at,
            "date_disagrees": bool(far or (had_page_evidence and not trusted))}


def not_article_reason(body: bytes, text: str) -> str | None:
    """Why an extracted page is not an article (None: it is one). Only short texts are looked at."""
    chars = len(text.strip())
    if chars >= SHORT_TEXT:
        return None
    if not chars:
        return "no body text"
    from lxml import html as lxml_html

    try:
        doc = lxml_html.fromstring(body)
    except ValueError:
        return None
    links = len(doc.xpath("//a[@href]"))
    if links >= INDEX_MIN_LINKS:
        return f"index page: {links} links around {chars} characters of text"
    if doc.xpath("//video | //iframe[@src]"):
        return f"video page: a player and {chars} characters of text"
    return None


def latest_articles(data_dir: Path, day: date, outlet: Outlet) -> list[ArchivedResponse]:
    """The newest successful archived response of every article URL the crawl of the day archived."""
    recover_open_files(data_dir, day.isoformat(), outlet.slug)
    newest: dict[str, ArchivedResponse] = {}
    for path in warc_files(data_dir, day.isoformat(), outlet.slug):
        for rec in iter_responses(data_dir, path):
            key = normalize_url(rec.url)
            if rec.kind == "article" and rec.status == 200 and (
                    key not in newest or rec.fetched_at >= newest[key].fetched_at):
                newest[key] = rec
    return list(newest.values())


def _listings(log_rows: list[dict]) -> dict[str, Listing]:
    """Listing evidence of the crawl's article lines, by normalised requested and final URL."""
    out: dict[str, Listing] = {}
    for r in log_rows:
        if r.get("kind") == "article" and (r.get("listed_at") or r.get("listed_by")):
            for u in (r.get("final_url"), r["url"]):
                if u:
                    out.setdefault(normalize_url(u), Listing(r.get("listed_at"), r.get("listed_by")))
    return out


def day_records(data_dir: Path, day: date, outlet: Outlet) -> list[Record]:
    listings = _listings(list(read_logs(data_dir, day.isoformat(), outlet.slug)))
    return [Record(rec, day, listings.get(normalize_url(rec.url), Listing()))
            for rec in latest_articles(data_dir, day, outlet)]


def handed_over(lake: Lake, data_dir: Path, day: date, outlet: Outlet) -> list[Record]:
    """Records the pipelines of other days found to belong to ``day`` (their ``other_day`` rows).

    Reads four columns of the crawl_log table; a far home (rule 3 of home_day) can be any day."""
    cols = ["outcome", "home_day", "warc_file", "warc_offset", "listed_at", "listed_by"]
    table = lake.read("crawl_log", columns=cols)
    wanted: dict[str, dict[int, dict]] = {}
    for r in table.to_pylist():
        if (r["outlet"] == outlet.slug and r["outcome"] == "other_day" and r["home_day"] == day
                and r["day"] != day and r["warc_file"]):
            wanted.setdefault(r["warc_file"], {})[r["warc_offset"]] = r
    out = []
    for warc_file, rows in sorted(wanted.items()):
        path = data_dir / warc_file
        for rec in iter_responses(data_dir, path) if path.exists() else ():
            if (r := rows.get(rec.offset)) is not None:
                out.append(Record(rec, r["day"], Listing(r["listed_at"], r["listed_by"])))
    return out


def _extract_one(args: tuple[bytes, str, str | None, Any, str]) -> Any:
    from transforms.extract import ExtractionError, extract_article

    body, url, content_type, overrides, tz = args
    try:
        return extract_article(body, url, content_type=content_type, overrides=overrides, tz=tz)
    except ExtractionError as exc:
        return exc


@dataclass
class Extraction:
    rows: list[dict]
    log_rows: list[dict]  # not_article, extract_failed and other_day lines for crawl_log
    handed: dict[date, set[str]] = field(default_factory=dict)  # home day -> article ids handed over


def extract_stage(data_dir: Path, day: date, outlet: Outlet, lake: Lake | None = None) -> tuple[list[dict], list[dict]]:
    """Article rows of the outlet-day, and crawl-log rows for pages that were not kept here (and why)."""
    ex = extract_records(data_dir, day, outlet, lake or lake_for(data_dir))
    return ex.rows, ex.log_rows


def extract_records(data_dir: Path, day: date, outlet: Outlet, lake: Lake) -> Extraction:
    """Extract the day's own records and those handed over to it; keep exactly the ones whose home is the day."""
    own = day_records(data_dir, day, outlet)
    records = own + handed_over(lake, data_dir, day, outlet)
    results = _extract_all(records, outlet)
    out = Extraction([], [])
    rows: dict[str, dict] = {}
    for record, ex in zip(records, results, strict=True):
        rec = record.response
        if isinstance(ex, Exception):
            outcome = "not_article" if str(ex) in _NO_TEXT_ERRORS else "extract_failed"
            if record.crawl_day == day:
                out.log_rows.append(_rejection(record, outcome, str(ex)))
            continue
        if (why := not_article_reason(rec.body, ex.text or "")) is not None:
            if record.crawl_day == day:
                out.log_rows.append(_rejection(record, "not_article", why))
            continue
        dates = choose_date(ex, record.listing, rec.fetched_at)
        trusted = dates["published_at"] if dates["date_source"] and not dates["date_source"].startswith(
            "listing:") else None
        home = home_day(record.crawl_day, trusted, record.listing)
        row = _article_row(rec, ex, outlet, dates)
        if home != day:
            if record.crawl_day == day:  # ours to hand over; a handed-in record always has home == day
                out.log_rows.append(_handover(record, home, dates))
                out.handed.setdefault(home, set()).add(row["article_id"])
            continue
        # the same article under two URLs (tracking parameters, AMP, redirects): keep the newest fetch
        aid = row["article_id"]
        if aid not in rows or row["fetched_at"] > rows[aid]["fetched_at"]:
            rows[aid] = row
    out.rows = sorted(rows.values(), key=lambda r: r["url"])
    return out


def _extract_all(records: list[Record], outlet: Outlet) -> list[Any]:
    jobs = [(r.response.body, r.response.url, r.response.header("Content-Type"), outlet.extract, outlet.timezone)
            for r in records]
    if len(jobs) >= PARALLEL_MIN_PAGES and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            return list(pool.map(_extract_one, jobs, chunksize=8))
    return [_extract_one(j) for j in jobs]


def _article_row(rec: ArchivedResponse, ex: Any, outlet: Outlet, dates: dict[str, Any]) -> dict:
    from transforms.dedup import signature
    from transforms.extract import EXTRACTOR_VERSION
    from transforms.normalize import normalize_text

    canonical = canonical_url(rec.url, ex.canonical_url)
    text_norm = normalize_text(ex.text or "")
    return {
        "article_id": article_id(canonical, outlet.article_url_pattern),
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
        **dates,
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


def _rejection(record: Record, outcome: str, reason: str) -> dict:
    rec = record.response
    return {
        "url": rec.url, "kind": "article", "status": rec.status, "bytes": len(rec.body),
        "fetched_at": rec.fetched_at, "duration_ms": None, "outcome": outcome, "reason": reason,
        "final_url": rec.url, "run_id": "extract", "warc_file": rec.warc_file, "warc_offset": rec.offset,
        "listed_at": record.listing.at, "listed_by": record.listing.by,
    }


def _handover(record: Record, home: date, dates: dict[str, Any]) -> dict:
    page = dates["published_at"].isoformat() if dates["published_at"] else "none"
    listed = record.listing.at.isoformat() if record.listing.at else "none"
    reason = f"belongs to {home.isoformat()}: published {page} ({dates['date_source']}), listed {listed}"
    return {**_rejection(record, "other_day", reason), "home_day": home}


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


def process_outlet_day(data_dir: Path, day: date, outlet: Outlet, lake: Lake, *, deliver: bool = True,
                       pending: dict[date, set[str]] | None = None) -> tuple[int, Counter]:
    """Extract and load the outlet-day; then re-run each already published day it handed records to that
    lacks them (it was processed first, e.g. a newest-first back-fill), so the order of days never matters.

    A caller that holds this day's lock passes ``pending`` instead: the hand-overs are collected there and
    delivered (``deliver_handed``) once it has let its lock go, so two neighbouring days run at the same time
    never wait for each other's lock while holding their own."""
    ex = extract_records(data_dir, day, outlet, lake)
    n = load_stage(lake, data_dir, day, outlet, ex.rows, ex.log_rows)
    if pending is not None:
        for home, ids in ex.handed.items():
            pending.setdefault(home, set()).update(ids)
    elif deliver:
        deliver_handed(data_dir, outlet, lake, ex.handed)
    return n, Counter(r["outcome"] for r in ex.log_rows)


def deliver_handed(data_dir: Path, outlet: Outlet, lake: Lake, handed: dict[date, set[str]]) -> None:
    """Re-run extract+load of each published day that lacks records handed to it (call without holding a lock)."""
    for home, ids in sorted(handed.items()):
        if not _lacks(lake, home, outlet, ids):
            continue  # not published yet (its own pipeline will take them), or already holds them
        with partition_lock(data_dir, home.isoformat(), outlet.slug, wait=True):
            if not _lacks(lake, home, outlet, ids):  # its own run finished meanwhile and took them
                continue
            log.info("%s %s: re-running to take %d record(s) handed over", outlet.slug, home, len(ids))
            process_outlet_day(data_dir, home, outlet, lake, deliver=False)


def _lacks(lake: Lake, day: date, outlet: Outlet, ids: set[str]) -> bool:
    table = lake.read_partition("articles", day, outlet.slug)
    return table is not None and not ids <= set(table.column("article_id").to_pylist())


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
    handed: dict[str, dict[date, set[str]]] = {o.slug: {} for o in outlets}
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
                r.articles, r.rejected = process_outlet_day(data_dir, day, o, lake, pending=handed[o.slug])
            except Exception as exc:
                if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                    raise  # a full disk fails every outlet alike: stop, the caller reports it once
                log.exception("extract/load of %s %s failed", o.slug, day)
                r.error = f"{type(exc).__name__}: {exc}"
    for o in outlets:  # our locks are released: neighbouring days' runs can never wait on each other
        try:
            deliver_handed(data_dir, o, lake, handed[o.slug])
        except Exception as exc:
            log.exception("re-running the days %s handed records to failed", o.slug)
            results[o.slug].error = results[o.slug].error or f"hand-over to another day failed: {exc}"
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
    from outlets.registry import load_outlets

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
