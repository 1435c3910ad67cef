"""The lake's tables, defined once: writer, reader, tests and docs all use these schemas.

Every table is Hive-partitioned ``day=YYYY-MM-DD/outlet=SLUG/part-0.parquet``; ``day`` and ``outlet``
live in the path only (standard Hive layout), so DuckDB, Polars and pyarrow read them as columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar, Self

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")
PARTITION_COLUMNS = ("day", "outlet")


class CrawlOutcome(StrEnum):
    """The final outcome of one crawl-log line (a ``str``: stored, compared and printed as its value)."""

    OK = "ok"
    HTTP_ERROR = "http_error"
    NETWORK_ERROR = "network_error"
    TIMEOUT = "timeout"
    ROBOTS_DENIED = "robots_denied"
    OFFSITE = "offsite"
    TOO_LARGE = "too_large"
    SKIPPED = "skipped"
    CAPPED = "capped"  # a per-outlet-day bound (outlet [crawl] max_*) cut what this listing offered
    ARCHIVED_EARLIER = "archived_earlier"
    DROPPED = "dropped"
    #: a bot wall answered instead of the page (challenge, captcha, firewall or geo-block; transforms.blockwall):
    #: archived as it came, reason ``blocked by <vendor>: <kind> (<marker>)``; neither an article nor a not-article.
    #: Written by the crawl, and by the extract stage for a status-200 wall that reached it
    BLOCKED = "blocked"
    # written by the pipeline's extract stage, not the crawl
    EXTRACT_FAILED = "extract_failed"
    EXTRACT_TIMEOUT = "extract_timeout"  # extraction ran past the per-page limit (akhbar.pipeline.executor)
    NOT_ARTICLE = "not_article"
    OTHER_DAY = "other_day"
    NOT_ON_DAY = "not_on_day"  # older pipelines only: kept so their logs still read

    @property
    def failed(self) -> bool:
        return self in _FAILED


_FAILED = frozenset({CrawlOutcome.HTTP_ERROR, CrawlOutcome.NETWORK_ERROR, CrawlOutcome.TIMEOUT,
                     CrawlOutcome.TOO_LARGE, CrawlOutcome.EXTRACT_FAILED, CrawlOutcome.EXTRACT_TIMEOUT})
#: crawl-log outcomes that are failures, as plain strings (SQL and sets of stored values use them); the other
#: non-ok outcomes (skipped, robots_denied, offsite, archived_earlier, other_day, not_article) are pages
#: deliberately not kept here (and why); ``blocked`` is neither: the quality gate counts walls on their own
#: (``blocked_rate``), so a walled outlet is named as walled, not as failing
FAILED_OUTCOMES: tuple[str, ...] = tuple(o.value for o in CrawlOutcome if o.failed)
#: extract-stage outcomes that account for a fetched article page kept out of the day's rows (with a reason)
REJECTED_OUTCOMES: tuple[str, ...] = tuple(o.value for o in (
    CrawlOutcome.NOT_ARTICLE, CrawlOutcome.EXTRACT_FAILED, CrawlOutcome.EXTRACT_TIMEOUT, CrawlOutcome.OTHER_DAY))


def _f(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"doc": doc})


ARTICLES = pa.schema(
    [
        _f("article_id", pa.string(), "stable id: hash of the canonical URL (dedup identity)", False),
        _f("url", pa.string(), "URL the article was fetched from", False),
        _f("canonical_url", pa.string(), "rel=canonical / og:url, normalised; else the normalised URL"),
        _f("title", pa.string(), "headline"),
        _f("text", pa.string(), "article body exactly as published, one paragraph per line"),
        _f("text_norm", pa.string(), "normalised body for search and dedup (transforms.normalize)"),
        _f("description", pa.string(), "meta/og description"),
        _f("authors", pa.list_(pa.string()), "bylines"),
        _f("tags", pa.list_(pa.string()), "keywords / tags"),
        _f("section", pa.string(), "section or category"),
        _f("image", pa.string(), "lead image URL"),
        _f("source_credit", pa.string(), "credit line kept out of the body («المصدر: …», «منبع: …»)"),
        _f("published_at", TS, "first publication time, UTC: the page's date when trusted (a full date, "
           "1990 to fetched_at + 1 day), else listed_at, else null"),
        _f("date_source", pa.string(), "where published_at comes from: the extractor's source (jsonld, meta, "
           "time, text, url, htmldate) or listing:<kind> (sitemap_news, sitemap_lastmod, feed, archive)"),
        _f("date_signals", pa.list_(pa.string()), "date evidence: the extractor's signals, plus page= and "
           "listed= lines the pipeline compared"),
        _f("listed_at", TS, "date the listing that led to the page gave it (news sitemap, lastmod, feed, "
           "archive day), UTC"),
        _f("date_disagrees", pa.bool_(), "page date and listed_at are more than 24 h apart, or the page "
           "had a date that was not trusted"),
        _f("date_estimated", pa.bool_(), "published_at is not a date the page states with its day: it is the "
           "listing's (date_source listing:<kind>); the page's own evidence, refused guesses included, is in "
           "date_signals. Null: rows older than the column"),
        _f("modified_at", TS, "last modification time, UTC"),
        _f("language", pa.string(), "detected body language (fa, ar, …)"),
        _f("language_mismatch", pa.bool_(), "detected language differs from the outlet's"),
        _f("text_chars", pa.int32(), "characters in text"),
        _f("decode_repairs", pa.int32(), "bytes repaired while decoding the page (transforms.encoding: "
           "invalid bytes read as windows-1256 or dropped; 0: the page decoded cleanly)"),
        _f("content_hash", pa.string(), "sha1 of text_norm (exact-duplicate key)"),
        _f("signature", pa.binary(), "MinHash of text_norm's word shingles (transforms.dedup.signature), "
           "read back for near-duplicate search against later days"),
        _f("http_status", pa.int16(), "HTTP status of the archived response"),
        _f("fetched_at", TS, "time the response was archived (WARC-Date)"),
        _f("warc_file", pa.string(), "WARC file holding the raw response, relative to the data dir"),
        _f("warc_offset", pa.int64(), "byte offset of the response record in warc_file"),
        _f("warc_record_id", pa.string(), "WARC-Record-ID of the response record"),
        _f("extractor_version", pa.string(), "version of the extraction code that produced the row"),
        _f("capture_source", pa.string(), "where the archived response came from: live (our crawl), wayback "
           "or commoncrawl (a web archive's capture, docs/archives.md); null: rows older than the column"),
        _f("captured_at", TS, "time the response was captured, UTC: fetched_at for live rows, the archive "
           "capture's time (WARC-Refers-To-Date) for wayback and commoncrawl rows"),
        _f("versions", pa.int32(), "distinct versions revisits have seen (1: as first captured; a deletion counts as "
           "one, article_versions); null: never revisited, or rows older than the column"),
        _f("last_change_at", TS, "when a revisit last saw a new version or a deletion, UTC; null: no change seen"),
    ]
)

CRAWL_LOG = pa.schema(
    [
        _f("url", pa.string(), "requested URL", False),
        _f("kind", pa.string(), "robots | feed | sitemap | archive | home | article | requisite (lead image, CSS)"),
        _f("status", pa.int16(), "final HTTP status (null when no response)"),
        _f("bytes", pa.int64(), "response body size in bytes"),
        _f("fetched_at", TS, "time of the final response or failure, UTC"),
        _f("duration_ms", pa.int32(), "download latency of the final attempt"),
        _f("outcome", pa.string(), " | ".join(o for o in CrawlOutcome if o is not CrawlOutcome.NOT_ON_DAY)
           + " (not_on_day: older runs only; warehouse.schema.CrawlOutcome)"),
        _f("reason", pa.string(), "human-readable reason for any outcome other than ok"),
        _f("final_url", pa.string(), "URL after redirects"),
        _f("run_id", pa.string(), "crawl run that produced the row"),
        _f("warc_file", pa.string(), "WARC file holding the response, relative to the data dir"),
        _f("warc_offset", pa.int64(), "other_day rows: byte offset of the response record in warc_file"),
        _f("listed_at", TS, "article rows: date the listing gave the article, UTC"),
        _f("listed_by", pa.string(), "article rows: listing kind and URL, e.g. "
           "'sitemap_news https://…/news.xml' (kinds: sitemap_news, sitemap_lastmod, feed, archive)"),
        _f("home_day", pa.date32(), "other_day rows: the day whose articles partition holds the record"),
        _f("capture_source", pa.string(), "live | wayback | commoncrawl: fetched from the outlet or from a web "
           "archive's capture (docs/archives.md); null: rows older than the column"),
        _f("captured_at", TS, "archive rows: time of the archive's capture, UTC (null for live rows)"),
    ]
)

DUPLICATES = pa.schema(
    [
        _f("article_id", pa.string(), "member article", False),
        _f("cluster_id", pa.string(), "cluster the article belongs to", False),
        _f("canonical_id", pa.string(), "article chosen to represent the cluster", False),
        _f("method", pa.string(), "url | exact | near | self"),
        _f("similarity", pa.float32(), "estimated Jaccard similarity to the canonical"),
    ]
)

RUNS = pa.schema(
    [
        _f("run_id", pa.string(), "run identifier", False),
        _f("status", pa.string(), "ok | failed | gate_failed | skipped"),
        _f("started_at", TS, "run start, UTC"),
        _f("finished_at", TS, "run end, UTC"),
        _f("articles", pa.int32(), "article rows published for the outlet-day"),
        _f("fetched", pa.int32(), "crawl-log rows for the outlet-day"),
        _f("failed_fetches", pa.int32(), "crawl-log rows that failed: http_error, network_error, timeout, "
           "too_large, extract_failed or extract_timeout (warehouse.schema.FAILED_OUTCOMES)"),
        _f("null_title_rate", pa.float32(), "share of articles without title"),
        _f("null_text_rate", pa.float32(), "share of articles without text"),
        _f("null_published_rate", pa.float32(), "share of articles without published_at"),
        _f("language_mismatch_rate", pa.float32(), "share of articles flagged language_mismatch"),
        _f("duplicate_rate", pa.float32(), "share of articles that are not their cluster's canonical"),
        _f("checks", pa.string(), "JSON: each quality check with its value, threshold and verdict"),
        _f("error", pa.string(), "why the run failed, if it did"),
    ]
)

HANDOVERS = pa.schema(
    [
        _f("url", pa.string(), "URL of the archived response", False),
        _f("crawl_day", pa.date32(), "UTC day whose crawl archived the page; the partition's day is the page's home "
           "day (akhbar.pipeline.home_day). One file per crawl day: crawl-<crawl_day>.parquet", False),
        _f("warc_file", pa.string(), "WARC file holding the response, relative to the data dir", False),
        _f("warc_offset", pa.int64(), "byte offset of the response record in warc_file", False),
        _f("listed_at", TS, "date the listing gave the article, UTC (as in crawl_log)"),
        _f("listed_by", pa.string(), "listing kind and URL, as in crawl_log (e.g. 'feed https://…/rss')"),
        _f("reason", pa.string(), "why the page belongs to the partition's day (the crawl_log other_day reason)"),
    ]
)


class RevisitOutcome(StrEnum):
    """What one revisit of an archived article found (``article_revisits.outcome``)."""

    NOT_MODIFIED = "not_modified"  # 304 to our conditional request: a WARC revisit record
    UNCHANGED = "unchanged"  # the same payload (a WARC revisit record), or a new payload with the same version
    CHANGED = "changed"  # a new version (article_versions)
    GONE = "gone"  # 404/410, a soft-404 or a redirect to the home or a section page
    FAILED = "failed"  # no answer worth judging (network error, 5xx, a wall): says nothing about the article


class VersionState(StrEnum):
    """``article_versions.state``: what the URL served in that version."""

    LIVE = "live"
    GONE = "gone"


class ChangeEvent(StrEnum):
    """The events of a new version (``article_versions.events``; the ``article_changes`` view)."""

    HEADLINE_CHANGED = "headline_changed"
    BODY_CHANGED = "body_changed"
    STEALTH_EDIT = "stealth_edit"  # headline or body changed while the page's dateModified did not move
    DELETED = "deleted"  # gone on two revisits in a row
    RESTORED = "restored"  # live again after a deletion
    #: the article's day sitemap no longer lists it while the page is still online (article_revisits.in_sitemap;
    #: an event of the article_changes view, not a version: the page did not change)
    DROPPED_FROM_SITEMAP = "dropped_from_sitemap"


class RevisitTrigger(StrEnum):
    """Why an article was revisited (``article_revisits.trigger``)."""

    SCHEDULE = "schedule"  # its day is one of the outlet's [revisit] after_days before the night
    LISTING = "listing"  # its day sitemap (a lastmod) or a feed (an item's date) dates a change after our last look


ARTICLE_VERSIONS = pa.schema(
    [
        _f("article_id", pa.string(), "the article (articles.article_id); version 1 is the articles row itself", False),
        _f("version", pa.int32(), "2, 3, …: each distinct version a revisit saw after the first capture", False),
        _f("state", pa.string(), "live | gone (warehouse.schema.VersionState): a gone version is a deletion"),
        _f("events", pa.list_(pa.string()), "headline_changed, body_changed, stealth_edit, deleted, restored "
           "(warehouse.schema.ChangeEvent; dropped_from_sitemap is in article_revisits)"),
        _f("fetched_at", TS, "time the revisit fetched the version (WARC-Date), UTC"),
        _f("revisit_day", pa.date32(), "the night of the revisit run that saw it (a re-run of that night replaces "
           "its rows)"),
        _f("url", pa.string(), "URL revisited (the archived article's)"),
        _f("final_url", pa.string(), "URL after redirects (a deletion by redirect: the home or section page)"),
        _f("http_status", pa.int16(), "HTTP status of the revisit"),
        _f("title", pa.string(), "headline of this version (null when gone)"),
        _f("text", pa.string(), "body of this version, one paragraph per line (null when gone)"),
        _f("authors", pa.list_(pa.string()), "bylines of this version"),
        _f("modified_at", TS, "dateModified as the page states it, UTC"),
        _f("content_hash", pa.string(), "transforms.versions.version_hash: sha1 of what versions are compared on"),
        _f("changed_fields", pa.list_(pa.string()), "title, body, authors, modified_at: changed since the last live "
           "version (transforms.versions.ChangedField)"),
        _f("paragraphs_added", pa.int32(), "body paragraphs added since the last live version"),
        _f("paragraphs_removed", pa.int32(), "body paragraphs removed since the last live version"),
        _f("paragraphs_changed", pa.int32(), "body paragraphs changed in place since the last live version"),
        _f("change_summary", pa.string(), "one line: what changed, or why the article counts as gone"),
        _f("warc_file", pa.string(), "WARC file holding the version's response, relative to the data dir"),
        _f("warc_offset", pa.int64(), "byte offset of the response record in warc_file"),
        _f("warc_record_id", pa.string(), "WARC-Record-ID of the response record"),
    ]
)

ARTICLE_REVISITS = pa.schema(
    [
        _f("article_id", pa.string(), "the article revisited", False),
        _f("revisit_day", pa.date32(), "the night of the revisit run", False),
        _f("fetched_at", TS, "time of the revisit's response, UTC"),
        _f("url", pa.string(), "URL revisited"),
        _f("final_url", pa.string(), "URL after redirects"),
        _f("http_status", pa.int16(), "HTTP status (304: not modified)"),
        _f("outcome", pa.string(), " | ".join(RevisitOutcome) + " (warehouse.schema.RevisitOutcome)"),
        _f("reason", pa.string(), "why: the status, the soft-404's words, the redirect's target, the error"),
        _f("trigger", pa.string(), "schedule | listing (warehouse.schema.RevisitTrigger): its day is due tonight, or "
           "its day sitemap or a feed dated a change after our last look"),
        _f("conditional", pa.bool_(), "the request carried If-None-Match or If-Modified-Since"),
        _f("record_type", pa.string(), "response | revisit: the WARC record written (revisit: identical payload)"),
        _f("bytes", pa.int64(), "response body size in bytes"),
        _f("version", pa.int32(), "the version the article was at after this revisit"),
        _f("in_sitemap", pa.bool_(), "its day sitemap, fetched the same night, lists it (false while the page is "
           "online: dropped_from_sitemap); null: no day sitemap to check"),
        _f("warc_file", pa.string(), "WARC file holding the record, relative to the data dir"),
        _f("warc_offset", pa.int64(), "byte offset of the record in warc_file"),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "crawl_log": CRAWL_LOG,
    "duplicates": DUPLICATES,
    "runs": RUNS,
    "handovers": HANDOVERS,
    # revisits (docs/revisits.md): partitioned by the article's home day and outlet, like articles
    "article_versions": ARTICLE_VERSIONS,
    "article_revisits": ARTICLE_REVISITS,
}
#: tables whose day partitions hold one file per writing crawl day (``crawl-<day>.parquet``), each replaced by
#: that day's run under its own lock: never merged into part-0 nor folded into a month (warehouse.compaction)
PER_CRAWL_DAY_FILES: frozenset[str] = frozenset({"handovers"})
#: the row order of each table's partition files (Lake.replace_partition sorts by it): stable files, so a
#: re-run writes the same bytes and a diff of two lakes compares rows, not orders
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("url",),
    "crawl_log": ("fetched_at", "url", "outcome"),
    "duplicates": ("cluster_id", "article_id"),
    "runs": ("finished_at",),
    "handovers": ("warc_file", "warc_offset"),
    "article_versions": ("article_id", "version"),
    "article_revisits": ("article_id", "revisit_day"),
}




# -- one record type per table: fields are exactly the table's columns, in order (tests/warehouse/test_schema.py) ----
class _Row:
    """``to_row()`` / ``from_row()`` for the frozen dataclasses below; ``TABLE`` names their table."""

    TABLE: ClassVar[str]

    def to_row(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Self:
        """A record from a row dict (a lake row's partition columns are ignored; other unknown keys are an error)."""
        names = TABLES[cls.TABLE].names
        extra = set(row) - set(names) - set(PARTITION_COLUMNS)
        if extra:
            raise ValueError(f"{cls.TABLE}: unknown column(s) {sorted(extra)}")
        return cls(**{k: row[k] for k in names if k in row})


@dataclass(frozen=True, slots=True)
class ArticleRecord(_Row):
    TABLE: ClassVar[str] = "articles"
    article_id: str
    url: str
    canonical_url: str | None = None
    title: str | None = None
    text: str | None = None
    text_norm: str | None = None
    description: str | None = None
    authors: list[str] | None = None
    tags: list[str] | None = None
    section: str | None = None
    image: str | None = None
    source_credit: str | None = None
    published_at: datetime | None = None
    date_source: str | None = None
    date_signals: list[str] | None = None
    listed_at: datetime | None = None
    date_disagrees: bool | None = None
    date_estimated: bool | None = None
    modified_at: datetime | None = None
    language: str | None = None
    language_mismatch: bool | None = None
    text_chars: int | None = None
    decode_repairs: int | None = None
    content_hash: str | None = None
    signature: bytes | None = None
    http_status: int | None = None
    fetched_at: datetime | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_record_id: str | None = None
    extractor_version: str | None = None
    capture_source: str | None = None
    captured_at: datetime | None = None
    versions: int | None = None
    last_change_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CrawlLogRecord(_Row):
    TABLE: ClassVar[str] = "crawl_log"
    url: str
    kind: str | None = None
    status: int | None = None
    bytes: int | None = None
    fetched_at: datetime | None = None
    duration_ms: int | None = None
    outcome: CrawlOutcome | None = None
    reason: str | None = None
    final_url: str | None = None
    run_id: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    listed_at: datetime | None = None
    listed_by: str | None = None
    home_day: date | None = None
    capture_source: str | None = None
    captured_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.outcome is not None:  # a stored string becomes the enum; an unknown outcome is an error here
            object.__setattr__(self, "outcome", CrawlOutcome(self.outcome))


@dataclass(frozen=True, slots=True)
class DuplicateRecord(_Row):
    TABLE: ClassVar[str] = "duplicates"
    article_id: str
    cluster_id: str
    canonical_id: str
    method: str | None = None  # url | exact | near | self
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class RunRecord(_Row):
    TABLE: ClassVar[str] = "runs"
    run_id: str
    status: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    articles: int | None = None
    fetched: int | None = None
    failed_fetches: int | None = None
    null_title_rate: float | None = None
    null_text_rate: float | None = None
    null_published_rate: float | None = None
    language_mismatch_rate: float | None = None
    duplicate_rate: float | None = None
    checks: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class HandoverRecord(_Row):
    """A page the crawl of ``crawl_day`` archived whose home is another day: stored in that day's partition, so
    the home day reads it by key (its WARC pointer and listing evidence), never by scanning crawl_log."""

    TABLE: ClassVar[str] = "handovers"
    url: str
    crawl_day: date
    warc_file: str
    warc_offset: int
    listed_at: datetime | None = None
    listed_by: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleVersionRecord(_Row):
    TABLE: ClassVar[str] = "article_versions"
    article_id: str
    version: int
    state: VersionState | None = None
    events: list[str] | None = None
    fetched_at: datetime | None = None
    revisit_day: date | None = None
    url: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    title: str | None = None
    text: str | None = None
    authors: list[str] | None = None
    modified_at: datetime | None = None
    content_hash: str | None = None
    changed_fields: list[str] | None = None
    paragraphs_added: int | None = None
    paragraphs_removed: int | None = None
    paragraphs_changed: int | None = None
    change_summary: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_record_id: str | None = None

    def __post_init__(self) -> None:
        if self.state is not None:
            object.__setattr__(self, "state", VersionState(self.state))


@dataclass(frozen=True, slots=True)
class ArticleRevisitRecord(_Row):
    TABLE: ClassVar[str] = "article_revisits"
    article_id: str
    revisit_day: date
    fetched_at: datetime | None = None
    url: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    outcome: RevisitOutcome | None = None
    reason: str | None = None
    trigger: RevisitTrigger | None = None
    conditional: bool | None = None
    record_type: str | None = None
    bytes: int | None = None
    version: int | None = None
    in_sitemap: bool | None = None
    warc_file: str | None = None
    warc_offset: int | None = None

    def __post_init__(self) -> None:
        if self.outcome is not None:
            object.__setattr__(self, "outcome", RevisitOutcome(self.outcome))
        if self.trigger is not None:
            object.__setattr__(self, "trigger", RevisitTrigger(self.trigger))


RECORDS: dict[str, type[_Row]] = {r.TABLE: r for r in (ArticleRecord, CrawlLogRecord, DuplicateRecord, RunRecord,
                                                       HandoverRecord, ArticleVersionRecord, ArticleRevisitRecord)}


def empty_table(name: str) -> pa.Table:
    return TABLES[name].empty_table()


def conform(name: str, rows: list[dict[str, Any] | _Row]) -> pa.Table:
    """Rows (the table's records, or dicts) to a table of exactly the table's schema; unknown keys or a
    record of another table are an error."""
    schema = TABLES[name]
    known = set(schema.names)
    dicts = []
    for row in rows:
        if isinstance(row, _Row):
            if row.TABLE != name:
                raise ValueError(f"{name}: a {type(row).__name__} is a row of {row.TABLE}")
            dicts.append(row.to_row())
            continue
        extra = set(row) - known
        if extra:
            raise ValueError(f"{name}: unknown column(s) {sorted(extra)}")
        dicts.append(row)
    return pa.Table.from_pylist(dicts, schema=schema)


def describe_markdown() -> str:
    """The schema as Markdown tables (used for the docs)."""
    out = []
    for name, schema in TABLES.items():
        out.append(f"### `{name}`\n\n| column | type | meaning |\n|---|---|---|")
        for field in schema:
            doc = (field.metadata or {}).get(b"doc", b"").decode()
            out.append(f"| `{field.name}` | `{field.type}` | {doc} |")
        out.append("| `day` | `date` (partition) | UTC day the outlet published it / the crawl covered |")
        out.append("| `outlet` | `string` (partition) | outlet slug |\n")
    out.append(HOME_DAYS_DOC)
    return "\n".join(out)


#: how article rows get their day (akhbar.pipeline.home_day); part of docs/schema.md
HOME_DAYS_DOC = """### Dates and home days: every fetched article lands in exactly one partition

- The crawl log's article lines carry `listed_at` / `listed_by`: the date and kind of the listing that named
  the page (`sitemap_news` publication date, `sitemap_lastmod`, `feed` pubDate, `archive` page day at local
  noon); the best evidence wins (news sitemap > feed > lastmod > archive).
- `published_at` is the page's date when trusted (a full date, not before 1990, not after fetched_at + 1 day),
  else `listed_at` (`date_source` = `listing:<kind>`), else null. `date_disagrees`: page date and `listed_at`
  more than 24 h apart, or a page date that was not trusted.
- Each archived article record of the crawl of day C gets one home day H (page day P, listing day L):
  P if within a day of C; L if a dated listing within a day of C puts it more than a day from P; else P;
  without a trusted page date L (if within a day of C), else C. Records with H != C are logged in C's
  `crawl_log` as `other_day` (`home_day`, `warc_file`, `warc_offset`, reason), written with a row of H's
  `handovers` partition (`crawl-C.parquet`), merged into H's `articles` by C's run and taken again by H's
  own run, which reads its `handovers` partition by key. Pages that are no article are logged
  `not_article` with the reason (no body text, index page, video page); extraction errors `extract_failed`.
- The quality gate's `unaccounted_fetches` (threshold 0) counts status-200 article fetches of the outlet-day
  in no row and no `not_article` / `extract_failed` / `other_day` line.
- A bot wall answering instead of the page (a challenge, captcha, firewall or geo-block page, whatever its status;
  `transforms.blockwall`) is logged `blocked` with the reason `blocked by <vendor>: <kind> (<marker>)` and the
  URL's `kind`, archived in the WARC file as it came, and is never a row nor a `not_article`; a status-200 wall that
  reaches the extract stage is logged `blocked` there too. The gate fails an outlet-day whose article fetches are
  mostly walls (`blocked_rate`), naming the vendor.
"""
