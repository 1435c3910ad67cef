"""Revisits: archived articles fetched again on a decaying schedule; each distinct version kept (docs/revisits.md).

Every outlet of a night (``revisit_night``, one crawl child): plan the articles due (home day = night − k for k in
the outlet's ``[revisit] after_days``, at most ``max_per_night``) and the window's candidates a day sitemap may ask
for (``listing_plan``), crawl them with the revisit spider (conditional requests from the stored capture's
validators; 304s and identical payloads become WARC ``revisit`` records), judge each answer
(``RevisitOutcome``), and write, per home day and under that day's lock, ``article_revisits`` (one row per fetch),
``article_versions`` (one row per new version: an edit, a deletion seen twice in a row, a restoration) and the
``versions`` / ``last_change_at`` columns of ``articles``. Every write replaces a partition atomically and the
night's rows are keyed by ``revisit_day``: a re-run of a night replaces its rows, and a killed run leaves each
partition as it was before or after, never a half version. A revisit never fails a night: errors of one outlet
are reported, not raised, by ``revisit_night``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from akhbar.crawler import discovery
from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.paths import warc_dir
from akhbar.crawler.spiders.outlet_day import _names_day
from akhbar.crawler.spiders.revisit import REVISIT_ROOT, day_children
from akhbar.crawler.warc import new_run_id
from akhbar.outlets.registry import Outlet
from akhbar.transforms.identity import normalize_url
from akhbar.transforms.soft404 import soft_404_reason
from akhbar.transforms.versions import ChangedField, Content, compare, version_hash
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.locks import partition_lock
from akhbar.warehouse.schema import (
    ArticleRecord,
    ArticleRevisitRecord,
    ArticleVersionRecord,
    ChangeEvent,
    RevisitOutcome,
    RevisitTrigger,
    VersionState,
)

log = logging.getLogger(__name__)
#: a deletion is recorded when the article is gone on this many revisits in a row (a one-off 404 is not one)
GONE_IN_A_ROW = 2
_EVENT_OF = {ChangedField.TITLE: ChangeEvent.HEADLINE_CHANGED, ChangedField.BODY: ChangeEvent.BODY_CHANGED}


# -- the plan ------------------------------------------------------------------------------------------------
@dataclass
class Target:
    """One article due for a revisit, with what it is compared against."""

    article_id: str
    url: str
    home_day: date
    last_version: int  # 1: the articles row
    last_state: VersionState
    last_live: Content
    live_pointer: tuple[str, int]  # WARC file (relative to the data dir) and offset of the last live version
    gone_streak: int = 0  # gone revisits in a row before this night
    etag: str | None = None
    last_modified: str | None = None
    revisit_of: dict[str, str] | None = None
    trigger: RevisitTrigger = RevisitTrigger.SCHEDULE

    def request(self, conditional: bool = True) -> dict[str, Any]:
        """What the spider needs; ``conditional`` False: a plain GET stored whole (the benchmark's baseline)."""
        if not conditional:
            return {"url": self.url}
        return {"url": self.url, "etag": self.etag, "last_modified": self.last_modified,
                "revisit_of": self.revisit_of}


def _content(row: dict[str, Any]) -> Content:
    return Content(row.get("title"), row.get("text"), tuple(row.get("authors") or ()), row.get("modified_at"))


def _rows(lake: Lake, table: str, day: date, slug: str, night: date) -> list[dict[str, Any]]:
    """A partition's rows of nights other than ``night`` (a re-run of the night replaces its own)."""
    found = lake.read_partition(table, day, slug)
    rows = found.to_pylist() if found is not None else []
    return [r for r in rows if "revisit_day" not in r or r["revisit_day"] != night]


def _record_headers(data_dir: Path, warc_file: str | None, offset: int | None) -> tuple[Any, Any] | None:
    """(WARC headers, HTTP headers) of the record at ``offset``, or None."""
    path = data_dir / warc_file if warc_file else None
    if path is None or offset is None or not path.exists():
        return None
    with open(path, "rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)), None)
        if record is None or record.rec_type not in ("response", "revisit") or record.http_headers is None:
            return None
        return record.rec_headers, record.http_headers


def stored_validators(data_dir: Path, live: tuple[str, int], latest: tuple[str | None, int | None] | None = None
                      ) -> tuple[str | None, str | None, dict | None]:
    """ETag and Last-Modified of the latest answer (``latest``: the last revisit's record, a 304's included; else
    the last live version's), and the last live version's record a WARC revisit would refer to."""
    found = _record_headers(data_dir, *live)
    if found is None or found[0].get_header("WARC-Type") != "response":
        return None, None, None
    h, http = found
    refers = {"uri": h.get_header("WARC-Target-URI"), "date": h.get_header("WARC-Date"),
              "record_id": h.get_header("WARC-Record-ID"), "digest": h.get_header("WARC-Payload-Digest")}
    newer = _record_headers(data_dir, *latest) if latest else None
    http = newer[1] if newer is not None and newer[1].get_header("ETag") else http
    return http.get_header("ETag"), http.get_header("Last-Modified"), refers if all(refers.values()) else None


def plan(data_dir: Path, lake: Lake, outlet: Outlet, night: date) -> list[Target]:
    """The outlet's articles due on ``night``: the most recent home days first, at most ``max_per_night``."""
    targets: list[Target] = []
    for after in outlet.revisit.after_days:
        day = night - timedelta(days=after)
        targets += _due(data_dir, lake, outlet.slug, day, night)
        if len(targets) >= outlet.revisit.max_per_night:
            break
    return targets[: outlet.revisit.max_per_night]


def window(outlet: Outlet, night: date) -> list[date]:
    """The days whose sitemaps a night reads: from the day before the furthest revisit day (an article may be listed
    on the local day before its UTC home day) to the night before."""
    furthest = max(outlet.revisit.after_days, default=0)
    return [night - timedelta(days=k) for k in range(1, furthest + 2)] if furthest else []


def listing_plan(lake: Lake, outlet: Outlet, night: date, due: Iterable[Target]) -> dict[str, Any]:
    """The window's days and its live articles not due tonight (normalised URL -> url, home day, and ``since``: the
    time our newest copy says it was last changed, its dateModified or else its publication), for the spider to
    revisit those its day sitemap gives a newer lastmod, or its feed item a newer date (compared with the page's own
    time, not our fetch time: a listing states the outlet's clock)."""
    skip = {normalize_url(t.url) for t in due}
    candidates: dict[str, dict[str, Any]] = {}
    for day in window(outlet, night):
        for art, history, _ in _histories(lake, outlet.slug, day, night):
            key = normalize_url(art["url"])
            if key in skip or (history and history[-1]["state"] == VersionState.GONE):
                continue
            live = [v for v in history if v["state"] == VersionState.LIVE] or [art]
            stated = [w for w in (live[-1].get("modified_at"), art.get("published_at")) if w is not None]
            if stated:
                candidates[key] = {"url": art["url"], "day": day.isoformat(), "since": max(stated).isoformat()}
    return {"days": [d.isoformat() for d in window(outlet, night)], "candidates": candidates}


def _histories(lake: Lake, slug: str, day: date, night: date) -> list[tuple[dict, list[dict], list[dict]]]:
    """Each archived article of the day with its versions and its judged revisits before ``night``, oldest first."""
    versions: dict[str, list[dict]] = {}
    for v in _rows(lake, "article_versions", day, slug, night):
        versions.setdefault(v["article_id"], []).append(v)
    revisits: dict[str, list[dict]] = {}
    for r in _rows(lake, "article_revisits", day, slug, night):
        revisits.setdefault(r["article_id"], []).append(r)
    out = []
    for art in sorted(_rows(lake, "articles", day, slug, night), key=lambda a: a["url"]):
        if not art.get("warc_file"):
            continue
        history = sorted(versions.get(art["article_id"], []), key=lambda v: v["version"])
        seen = [r for r in sorted(revisits.get(art["article_id"], []), key=lambda r: r["revisit_day"])
                if r["outcome"] != RevisitOutcome.FAILED]
        out.append((art, history, seen))
    return out


def _due(data_dir: Path, lake: Lake, slug: str, day: date, night: date, only: set[str] | None = None,
         trigger: RevisitTrigger = RevisitTrigger.SCHEDULE) -> list[Target]:
    """The day's articles as targets (``only``: those normalised URLs)."""
    out = []
    for art, history, seen in _histories(lake, slug, day, night):
        if only is not None and normalize_url(art["url"]) not in only:
            continue
        live = [v for v in history if v["state"] == VersionState.LIVE] or [art]
        last_live = live[-1]
        streak = 0
        for r in reversed(seen):
            if r["outcome"] != RevisitOutcome.GONE:
                break
            streak += 1
        pointer = (last_live["warc_file"], last_live["warc_offset"])
        latest = (seen[-1]["warc_file"], seen[-1]["warc_offset"]) if seen and seen[-1]["outcome"] in (
            RevisitOutcome.NOT_MODIFIED, RevisitOutcome.UNCHANGED) else None
        etag, modified, refers = stored_validators(data_dir, pointer, latest)
        out.append(Target(art["article_id"], art["url"], day, history[-1]["version"] if history else 1,
                          VersionState(history[-1]["state"]) if history else VersionState.LIVE,
                          _content(last_live), pointer, streak, etag, modified, refers, trigger))
    return out


def day_listings(outlet: Outlet, records: dict[str, Fetched], days: Iterable[date]) -> dict[date, set[str]]:
    """For each day whose own sitemaps the run fetched whole, the normalised URLs they list (a day whose sitemap
    was not fetched, or only in part, is not in the result: nothing is judged dropped on missing evidence)."""
    out: dict[date, set[str]] = {}
    for day in days:
        local = discovery.local_days(day, outlet.timezone)
        own = [u for u in outlet.sitemap_urls(sorted({day, *local}))]
        listed: set[str] = set()
        found, broken = False, False
        for url in own:
            listing = _sitemap(records.get(normalize_url(url)))
            if listing is None:
                continue
            children = day_children(listing, day, outlet.timezone) if listing.is_index else (
                [url] if any(_names_day(url, d) for d in {day, *local}) else [])
            for child in children:
                child_listing = listing if child == url else _sitemap(records.get(normalize_url(child)))
                if child_listing is None:
                    broken = True
                    continue
                found = True
                listed |= {normalize_url(e.url) for e in child_listing.entries}
        if found and not broken:
            out[day] = listed
    return out


def _sitemap(fetched: Fetched | None) -> discovery.SitemapListing | None:
    if fetched is None or fetched.status != 200 or fetched.rec_type != "response":
        return None
    try:
        return discovery.parse_sitemap(fetched.body)
    except ValueError:
        return None


# -- judging what came back ---------------------------------------------------------------------------------
@dataclass
class Fetched:
    """The record a revisit wrote for a URL (the last one of the run for it)."""

    rec_type: str
    status: int
    body: bytes
    content_type: str | None
    fetched_at: datetime
    record_id: str
    warc_file: str
    offset: int


def run_records(data_dir: Path, night: date, slug: str, run_id: str) -> dict[str, Fetched]:
    """Normalised URL -> the last response or revisit record the run wrote for it."""
    found: dict[str, Fetched] = {}
    for path in sorted(warc_dir(data_dir, night, slug).glob(f"{run_id}-*.warc.gz")):
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                if record.rec_type not in ("response", "revisit") or record.http_headers is None:
                    continue
                body = record.content_stream().read() if record.rec_type == "response" else b""
                h = record.rec_headers
                when = datetime.fromisoformat(h.get_header("WARC-Date").replace("Z", "+00:00"))
                found[normalize_url(h.get_header("WARC-Target-URI"))] = Fetched(
                    record.rec_type, int(record.http_headers.get_statuscode() or 0), body,
                    record.http_headers.get_header("Content-Type"), when, h.get_header("WARC-Record-ID"),
                    str(path.relative_to(data_dir)), it.get_record_offset())
    return found


@dataclass
class Seen:
    """What one revisit found."""

    outcome: RevisitOutcome
    reason: str | None = None
    status: int | None = None
    final_url: str | None = None
    fetched: Fetched | None = None
    content: Content | None = None
    fetched_at: datetime | None = None
    bytes: int | None = None
    in_sitemap: bool | None = None
    conditional: bool = False


#: outcomes that say the page is online
LIVE_OUTCOMES = frozenset({RevisitOutcome.CHANGED, RevisitOutcome.UNCHANGED, RevisitOutcome.NOT_MODIFIED})


def judge(outlet: Outlet, target: Target, line: dict[str, Any] | None, fetched: Fetched | None) -> Seen:
    """The outcome of one revisit from its crawl-log line and its record."""
    if line is None:
        return Seen(RevisitOutcome.FAILED, "not fetched (crawl ended, capped or refused)")
    status, final = line.get("status"), line.get("final_url") or target.url
    base = Seen(RevisitOutcome.FAILED, line.get("reason"), status, final, fetched,
                fetched_at=line.get("fetched_at"), bytes=line.get("bytes"))
    if status == 304:
        return _with(base, RevisitOutcome.NOT_MODIFIED, "304 Not Modified")
    if status in (404, 410):
        return _with(base, RevisitOutcome.GONE, f"HTTP {status}")
    if line.get("outcome") != "ok" or status != 200:
        return base
    if normalize_url(final) != normalize_url(target.url) and not outlet.is_article_url(final):
        return _with(base, RevisitOutcome.GONE, f"redirected to {final} (not an article page)")
    if fetched is None:
        return _with(base, RevisitOutcome.FAILED, "no record of the response in the revisit's WARC files")
    if fetched.rec_type == "revisit":
        return _with(base, RevisitOutcome.UNCHANGED, "identical payload")
    if why := soft_404_reason(fetched.body):
        return _with(base, RevisitOutcome.GONE, why)
    content = _extract(outlet, final, fetched)
    if isinstance(content, str):
        return _with(base, RevisitOutcome.GONE, f"no article on the page any more ({content})")
    same = version_hash(content) == version_hash(target.last_live)
    seen = _with(base, RevisitOutcome.UNCHANGED if same else RevisitOutcome.CHANGED, None)
    seen.content = content
    return seen


def _with(seen: Seen, outcome: RevisitOutcome, reason: str | None) -> Seen:
    seen.outcome, seen.reason = outcome, reason
    return seen


def _extract(outlet: Outlet, url: str, fetched: Fetched) -> Content | str:
    from akhbar.transforms.extract import ExtractionError, ExtractOptions, extract

    try:
        got = extract(fetched.body, ExtractOptions(url=url, content_type=fetched.content_type, tz=outlet.timezone,
                                                   now=fetched.fetched_at, overrides=outlet.extract))
    except ExtractionError as exc:
        return str(exc)[:200]
    except Exception as exc:  # one page never fails a revisit
        return f"{type(exc).__name__}: {exc}"[:200]
    return Content(got.title, got.text, tuple(got.authors), got.modified_at)


# -- versions from what was seen ----------------------------------------------------------------------------
def new_version(target: Target, seen: Seen, night: date) -> ArticleVersionRecord | None:
    """The version this revisit makes, if any: an edit, a deletion (gone twice in a row), a restoration."""
    gone_before = target.last_state is VersionState.GONE
    number = target.last_version + 1
    f = seen.fetched
    pointer = {"warc_file": f.warc_file, "warc_offset": f.offset, "warc_record_id": f.record_id} if f else {}
    common = {"article_id": target.article_id, "version": number, "revisit_day": night, "url": target.url,
              "final_url": seen.final_url, "http_status": seen.status,
              "fetched_at": seen.fetched_at or (f.fetched_at if f else None), **pointer}
    if seen.outcome is RevisitOutcome.GONE:
        if gone_before or target.gone_streak + 1 < GONE_IN_A_ROW:
            return None
        return ArticleVersionRecord(**common, state=VersionState.GONE, events=[ChangeEvent.DELETED.value],
                                    change_summary=f"deleted: {seen.reason} ({GONE_IN_A_ROW} revisits in a row)")
    if seen.outcome is RevisitOutcome.FAILED:
        return None
    if seen.outcome is not RevisitOutcome.CHANGED and not gone_before:
        return None
    content = seen.content or target.last_live  # a 304 or identical payload after a deletion: back as it was
    diff = compare(target.last_live, content)
    events = [_EVENT_OF[c].value for c in diff.changed if c in _EVENT_OF]
    events += [ChangeEvent.STEALTH_EDIT.value] if diff.stealth else []
    events += [ChangeEvent.RESTORED.value] if gone_before else []
    summary = diff.summary if diff.edited else ""
    if gone_before:
        summary = "restored" + (f"; {summary}" if summary else " as it was")
    return ArticleVersionRecord(
        **common, state=VersionState.LIVE, events=events, title=content.title, text=content.text,
        authors=list(content.authors), modified_at=content.modified_at, content_hash=version_hash(content),
        changed_fields=[c.value for c in diff.changed], paragraphs_added=diff.paragraphs_added,
        paragraphs_removed=diff.paragraphs_removed, paragraphs_changed=diff.paragraphs_changed,
        change_summary=summary)


# -- one outlet, one night ----------------------------------------------------------------------------------
@dataclass
class RevisitStats:
    outlet: str
    night: date
    planned: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    versions: int = 0
    triggered: int = 0  # revisited because a listing showed a change, beyond the planned ones
    error: str | None = None


def revisit_outlet(data_dir: Path, lake: Lake, outlets_dir: Path, outlet: Outlet, night: date,
                   overrides: dict[str, str] | None = None) -> RevisitStats:
    """Revisit one outlet's articles due on ``night`` (see :func:`revisit_night`); errors are raised."""
    stats = revisit_night(data_dir, lake, outlets_dir, [outlet], night, overrides)[0]
    if stats.error:
        raise RuntimeError(stats.error)
    return stats


def revisit_night(data_dir: Path, lake: Lake, outlets_dir: Path, outlets: list[Outlet], night: date,
                  overrides: dict[str, str] | None = None, *, conditional: bool = True) -> list[RevisitStats]:
    """Every outlet's revisits of ``night``, crawled in one child process; one outlet's failure (a busy lock, a
    crawl that broke) is its stats' ``error``, never raised: a revisit never fails a night. ``conditional`` False
    fetches every page again whole (no validators, no WARC revisit records: bench/revisit_bench.py's baseline)."""
    from akhbar.crawler.revisit_run import revisit_crawl

    stats = {o.slug: RevisitStats(o.slug, night) for o in outlets}
    run_id = "revisit-" + new_run_id()
    with ExitStack() as locks:
        planned: dict[str, tuple[list[Target], dict[str, Any]]] = {}
        for outlet in outlets:
            try:
                # the night's outlet-day lock: the revisit writes (and recovers) that day's WARC folder
                locks.enter_context(partition_lock(data_dir, night.isoformat(), outlet.slug))
                due = plan(data_dir, lake, outlet, night)
                planned[outlet.slug] = (due, listing_plan(lake, outlet, night, due))
            except Exception as exc:
                stats[outlet.slug].error = f"{type(exc).__name__}: {exc}"[:500]
                continue
            stats[outlet.slug].planned = len(planned[outlet.slug][0])
        wanted = {s: p for s, p in planned.items() if p[0] or p[1]["candidates"]}
        files = _plan_files(data_dir, night, run_id, wanted, conditional)
        if files:
            try:
                revisit_crawl(files, night, data_dir, outlets_dir, run_id, overrides,
                              log_file=data_dir / "logs" / f"revisit-{night.isoformat()}-{run_id}.log")
            except Exception as exc:  # the child broke: what it logged is still judged, the rest is failed
                log.exception("revisit crawl of %s failed", night)
                for slug in files:
                    stats[slug].error = f"revisit crawl: {type(exc).__name__}: {exc}"[:500]
        by_slug = {o.slug: o for o in outlets}
        for slug in files:
            try:
                stats[slug].versions = _judge_and_write(data_dir, lake, by_slug[slug], night, run_id,
                                                        *planned[slug], stats[slug], conditional)
            except Exception as exc:
                log.exception("revisit of %s on %s failed", slug, night)
                stats[slug].error = f"{type(exc).__name__}: {exc}"[:500]
    return [stats[o.slug] for o in outlets]


def _plan_files(data_dir: Path, night: date, run_id: str, planned: dict[str, tuple[list[Target], dict[str, Any]]],
                conditional: bool = True) -> dict[str, Path]:
    """The spider's plan per outlet (kept: what was asked, with which validators)."""
    plans = data_dir / REVISIT_ROOT / "plans" / f"day={night.isoformat()}"
    plans.mkdir(parents=True, exist_ok=True)
    files = {}
    for slug, (targets, listing) in planned.items():
        files[slug] = plans / f"{slug}-{run_id}.json"
        files[slug].write_text(json.dumps({"targets": [t.request(conditional) for t in targets], "listing": listing},
                                          ensure_ascii=False), encoding="utf-8")
    return files


def _judge_and_write(data_dir: Path, lake: Lake, outlet: Outlet, night: date, run_id: str, targets: list[Target],
                     listing: dict[str, Any], stats: RevisitStats, conditional: bool = True) -> int:
    lines = {normalize_url(r["url"]): r for r in read_logs(data_dir / REVISIT_ROOT, night.isoformat(), outlet.slug)
             if r["run_id"] == run_id and r["kind"] == "revisit"}
    records = run_records(data_dir, night, outlet.slug, run_id)
    triggered = _triggered(data_dir, lake, outlet.slug, night, listing, set(lines) - {normalize_url(t.url)
                                                                                      for t in targets})
    stats.triggered = len(triggered)
    targets = [*targets, *triggered]
    listed = day_listings(outlet, records, [date.fromisoformat(d) for d in listing["days"]])
    everywhere = set().union(*listed.values())
    by_day: dict[date, list[tuple[Target, Seen]]] = {}
    for t in targets:
        line = lines.get(normalize_url(t.url))
        final = normalize_url(line["final_url"]) if line and line.get("final_url") else normalize_url(t.url)
        seen = judge(outlet, t, line, records.get(final))
        if seen.outcome is RevisitOutcome.GONE and final != normalize_url(t.url):
            seen.fetched = records.get(normalize_url(t.url)) or seen.fetched  # the redirect itself is the evidence
        # what the spider sent: validators on planned revisits only (a listing's trigger fetches the page whole)
        seen.conditional = conditional and t.trigger is RevisitTrigger.SCHEDULE and bool(t.etag or t.last_modified)
        if seen.outcome in LIVE_OUTCOMES and _sitemaps_checked(t.home_day, night, listed):
            seen.in_sitemap = normalize_url(t.url) in everywhere
        stats.outcomes[seen.outcome.value] = stats.outcomes.get(seen.outcome.value, 0) + 1
        by_day.setdefault(t.home_day, []).append((t, seen))
    return sum(write_day(data_dir, lake, outlet.slug, day, night, seen) for day, seen in sorted(by_day.items()))


def _sitemaps_checked(day: date, night: date, listed: dict[date, set[str]]) -> bool:
    """Whether the run read whole every day sitemap that may list an article of ``day``: its own, the day before and
    the day after (page and listing dates a day apart, local days across UTC ones) up to the night."""
    one = timedelta(days=1)
    need = {day - one, day} | ({day + one} if day + one < night else set())
    return need <= listed.keys()


def _triggered(data_dir: Path, lake: Lake, slug: str, night: date, listing: dict[str, Any],
               fetched: set[str]) -> list[Target]:
    """The candidates the spider revisited because their day sitemap or a feed dated a change after our copy (the
    crawl log's ``listed_by`` says which)."""
    by_day: dict[date, set[str]] = {}
    for key in fetched:
        found = listing["candidates"].get(key)
        if found is not None:
            by_day.setdefault(date.fromisoformat(found["day"]), set()).add(key)
    return [t for day, keys in sorted(by_day.items())
            for t in _due(data_dir, lake, slug, day, night, only=keys, trigger=RevisitTrigger.LISTING)]


def write_day(data_dir: Path, lake: Lake, slug: str, day: date, night: date,
              seen: Iterable[tuple[Target, Seen]]) -> int:
    """Write one home day's revisit rows, new versions and article counts (each partition replaced atomically)."""
    revisits, versions = [], []
    for target, s in seen:
        made = new_version(target, s, night)
        if made is not None:
            versions.append(made)
        f = s.fetched
        revisits.append(ArticleRevisitRecord(
            target.article_id, night, fetched_at=s.fetched_at, url=target.url, final_url=s.final_url,
            http_status=s.status, outcome=s.outcome, reason=s.reason, trigger=target.trigger,
            conditional=s.conditional, record_type=f.rec_type if f else None,
            bytes=s.bytes, version=made.version if made else target.last_version, in_sitemap=s.in_sitemap,
            warc_file=f.warc_file if f else None, warc_offset=f.offset if f else None))
    with partition_lock(data_dir, day.isoformat(), slug, wait=True):
        kept_versions = _rows(lake, "article_versions", day, slug, night)
        lake.replace_partition("article_versions", day, slug, kept_versions + [v.to_row() for v in versions])
        all_revisits = _rows(lake, "article_revisits", day, slug, night) + [r.to_row() for r in revisits]
        lake.replace_partition("article_revisits", day, slug, all_revisits)
        _stamp_articles(lake, day, slug, kept_versions + [v.to_row() for v in versions], all_revisits)
    return len(versions)


def stamp_articles(data_dir: Path, lake: Lake, day: date, slug: str) -> None:
    """Write ``articles.versions`` and ``last_change_at`` of an outlet-day again from its revisit tables, under its
    lock: for a writer of ``articles`` that rewrote the partition (a re-run of the day's night) and left them null."""
    with partition_lock(data_dir, day.isoformat(), slug, wait=True):
        versions = lake.read_partition("article_versions", day, slug)
        revisits = lake.read_partition("article_revisits", day, slug)
        if revisits is not None:
            _stamp_articles(lake, day, slug, versions.to_pylist() if versions is not None else [], revisits.to_pylist())


def revision_marks(versions: list[dict], revisits: list[dict]) -> dict[str, tuple[int, datetime | None]]:
    """``articles.versions`` and ``last_change_at`` of each revisited article, from the day's version and revisit
    rows (an article never revisited has none: its columns stay null)."""
    newest: dict[str, tuple[int, datetime | None]] = {r["article_id"]: (1, None) for r in revisits}
    for v in versions:
        current = newest.get(v["article_id"], (1, None))
        if v["version"] > current[0]:
            newest[v["article_id"]] = (v["version"], v["fetched_at"])
    return newest


def _marks_of_day(lake: Lake, day: date, slug: str) -> dict[str, tuple[int, datetime | None]]:
    versions = lake.read_partition("article_versions", day, slug)
    revisits = lake.read_partition("article_revisits", day, slug)
    if revisits is None:
        return {}
    return revision_marks(versions.to_pylist() if versions is not None else [], revisits.to_pylist())


def stamped(lake: Lake, day: date, slug: str, articles: list[ArticleRecord]) -> list[ArticleRecord]:
    """``articles`` as a writer of the outlet-day's partition must store them (the caller holds its lock): with
    the versions and last change the revisit tables hold for them, so a re-run of the day keeps what revisits saw."""
    marks = _marks_of_day(lake, day, slug)
    if not marks:
        return articles
    return [replace(a, versions=marks[a.article_id][0], last_change_at=marks[a.article_id][1])
            if a.article_id in marks else a for a in articles]


def _stamp_articles(lake: Lake, day: date, slug: str, versions: list[dict], revisits: list[dict]) -> None:
    """``articles.versions`` and ``last_change_at`` from the day's version and revisit rows."""
    found = lake.read_partition("articles", day, slug)
    if found is None:
        return
    marks = revision_marks(versions, revisits)
    rows = found.to_pylist()
    for row in rows:
        count, when = marks.get(row["article_id"], (None, None))
        row["versions"], row["last_change_at"] = count, when
    lake.replace_partition("articles", day, slug, rows)
