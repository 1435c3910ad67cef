"""The extract stage as small steps over one record at a time (datatrove's model: blocks over one document
type; a filter that drops a page returns why).

    read archived pages -> extract -> identify -> normalise and sign -> keep / reject with a reason -> write

:func:`page_refs` gives where a day's :class:`Record` s lie (its own and those other days handed over),
:func:`load_records` reads a batch of them, the executor runs :func:`extract_page` on each,
:func:`reject_extracted` turns an extraction that is no article into a :class:`Rejection`,
:func:`build_article` identifies, normalises and signs it into an ``ArticleRecord`` (built once, here), and
:func:`place` keeps it, hands it to its home day or rejects it, always with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.warc import ArchivedResponse, newest_refs, read_response, recover_open_files
from akhbar.outlets.registry import Outlet
from akhbar.pipeline.executor import PageTimeout
from akhbar.transforms import blockwall
from akhbar.transforms.identity import article_id, canonical_url, normalize_url
from akhbar.transforms.soft404 import soft_404_reason
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.schema import ArticleRecord, CrawlLogRecord, CrawlOutcome

#: page date and listing date further apart than this: the row is flagged date_disagrees
DATE_TOLERANCE = timedelta(hours=24)
#: page dates before this are not trusted (a scanned archive's year, a misparsed number)
EARLIEST_PAGE_DATE = datetime(1990, 1, 1, tzinfo=UTC)
#: an index page: at least this many links around less than SHORT_TEXT characters of extracted text
INDEX_MIN_LINKS, SHORT_TEXT = 50, 200
#: extractor errors that mean "no article here" rather than "extraction broke"
_NO_TEXT_ERRORS = ("empty page", "no article text found")
#: not_article reasons that say the page had no body text (the quality gate's empty-body rate counts them)
NO_BODY_REASONS = ("no body text", *_NO_TEXT_ERRORS)
#: a failure's reason is cut to this many characters (a crawl_log line, not a dump)
MAX_REASON_CHARS = 500


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


@dataclass(frozen=True)
class RecordRef:
    """A Record not read yet: where its response lies (the stage reads bodies a batch at a time)."""

    warc_file: str
    offset: int
    crawl_day: date
    listing: Listing

    def load(self, data_dir: Path) -> Record | None:
        """The Record, or None when the response is no longer readable there."""
        rec = read_response(data_dir, self.warc_file, self.offset)
        return None if rec is None else Record(rec, self.crawl_day, self.listing)


@dataclass(frozen=True)
class Rejection:
    """Why a page is not kept: the crawl_log outcome and its reason (a rejected page always has one)."""

    outcome: CrawlOutcome
    reason: str
    home_day: date | None = None  # other_day: the day that keeps it

    def log_row(self, record: Record) -> CrawlLogRecord:
        """The crawl_log line of the rejected page (with the WARC pointer, so its home day can read it)."""
        rec = record.response
        return CrawlLogRecord(
            url=rec.url, kind="article", status=rec.status, bytes=len(rec.body), fetched_at=rec.fetched_at,
            duration_ms=None, outcome=self.outcome, reason=self.reason, final_url=rec.url, run_id="extract",
            warc_file=rec.warc_file, warc_offset=rec.offset, listed_at=record.listing.at,
            listed_by=record.listing.by, home_day=self.home_day)


# -- dates and home days ----------------------------------------------------------------------
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
            "date_disagrees": bool(far or (had_page_evidence and not trusted)),
            "date_estimated": not trusted and published is not None}


def is_trusted(dates: dict[str, Any]) -> bool:
    """Whether choose_date took the page's own date (not the listing's, not none)."""
    return dates["published_at"] is not None and not dates["date_estimated"]


# -- step 1: read archived pages --------------------------------------------------------------
def latest_refs(data_dir: Path, day: date, outlet: Outlet) -> list[Any]:
    """Where the newest successful archived response of every article URL the crawl of the day archived lies
    (crawler.warc.ResponseRef), read without holding their bodies."""
    recover_open_files(data_dir, day.isoformat(), outlet.slug)
    return newest_refs(data_dir, day.isoformat(), outlet.slug)


def _listings(log_rows: list[dict]) -> dict[str, Listing]:
    """Listing evidence of the crawl's article lines, by normalised requested and final URL."""
    out: dict[str, Listing] = {}
    for r in log_rows:
        if r.get("kind") == "article" and (r.get("listed_at") or r.get("listed_by")):
            for u in (r.get("final_url"), r["url"]):
                if u:
                    out.setdefault(normalize_url(u), Listing(r.get("listed_at"), r.get("listed_by")))
    return out


def day_refs(data_dir: Path, day: date, outlet: Outlet) -> list[RecordRef]:
    listings = _listings(list(read_logs(data_dir, day.isoformat(), outlet.slug)))
    return [RecordRef(ref.warc_file, ref.offset, day, listings.get(normalize_url(ref.url), Listing()))
            for ref in latest_refs(data_dir, day, outlet)]


def handed_over_refs(lake: Lake, data_dir: Path, day: date, outlet: Outlet) -> list[RecordRef]:
    """Where the records lie that the pipelines of other days found to belong to ``day`` (their ``other_day``
    rows), by WARC file and offset.

    Reads a few columns of the crawl_log table; a far home (rule 3 of home_day) can be any day."""
    cols = ["outcome", "home_day", "warc_file", "warc_offset", "listed_at", "listed_by"]
    # this outlet's partitions of other days only: another outlet's files, or the day's own (which this run
    # replaces), are none of its business, a corrupt one among them included
    listing = lake.listing("crawl_log").for_outlet(outlet.slug, but_day=day.isoformat())
    table = lake.read("crawl_log", columns=cols, listing=listing)
    wanted: dict[str, dict[int, dict]] = {}
    for r in table.to_pylist():
        if (r["outlet"] == outlet.slug and r["outcome"] == CrawlOutcome.OTHER_DAY and r["home_day"] == day
                and r["day"] != day and r["warc_file"]):
            wanted.setdefault(r["warc_file"], {})[r["warc_offset"]] = r
    return [RecordRef(warc_file, offset, r["day"], Listing(r["listed_at"], r["listed_by"]))
            for warc_file, rows in sorted(wanted.items()) for offset, r in sorted(rows.items())]


def page_refs(data_dir: Path, day: date, outlet: Outlet, lake: Lake) -> list[Any]:
    """The day's own archived article records, then those other days handed over to it, not read yet
    (each item's ``load(data_dir)`` reads it)."""
    return day_refs(data_dir, day, outlet) + handed_over_refs(lake, data_dir, day, outlet)


def load_records(data_dir: Path, refs: list[RecordRef | Record]) -> list[Record]:
    """The records the refs point at (one no longer readable is left out); a Record given is kept as it is."""
    return [rec for rec in (ref if isinstance(ref, Record) else ref.load(data_dir) for ref in refs)
            if rec is not None]


# -- step 2: extract (run by akhbar.pipeline.executor) ----------------------------------------
def extract_job(record: Record, outlet: Outlet) -> tuple[bytes, Any]:
    """What a worker needs to extract one page: the body and the options (picklable), the fetch time as ``now``."""
    from akhbar.transforms.extract import ExtractOptions

    rec = record.response
    return rec.body, ExtractOptions(url=rec.url, content_type=rec.header("Content-Type"), tz=outlet.timezone,
                                    now=rec.fetched_at, overrides=outlet.extract)


class PageFailed(Exception):
    """Extraction of one page broke in a way the extractor did not foresee (``"<Type>: <message>"``): the page is
    logged extract_failed with that reason and the outlet-day goes on. A plain one-string exception, so it
    crosses a process pool whatever the original was."""


def extract_page(job: tuple[bytes, Any]) -> Any:
    """The Extracted page, or the ExtractionError saying why there is none (returned: a pool's map goes on).
    Any other error of this one page (a parser's recursion limit, a library's ValueError) comes back as a
    PageFailed: one page never fails its outlet-day."""
    from akhbar.transforms.extract import ExtractionError, extract

    body, options = job
    try:
        return extract(body, options)
    except ExtractionError as exc:
        return exc
    except Exception as exc:  # contained per page, with its type and message as the reason
        return page_failure(exc)


def page_failure(exc: BaseException) -> PageFailed:
    """The PageFailed standing for ``exc`` (its message cut to a log line's length)."""
    return PageFailed(f"{type(exc).__name__}: {exc}"[:MAX_REASON_CHARS])


def reject_extracted(body: bytes, result: Any, headers: Any = (), status: int = 200) -> Rejection | None:
    """Why an extraction result is kept out (None: an article): a bot wall archived in place of the page (whatever
    was extracted from it), the extractor's error, the time limit, or a page that is no article."""
    if wall := blockwall.detect(status, headers, body):
        return Rejection(CrawlOutcome.BLOCKED, wall.reason(status))
    if isinstance(result, PageTimeout):
        return Rejection(CrawlOutcome.EXTRACT_TIMEOUT, str(result))
    if isinstance(result, Exception):
        outcome = CrawlOutcome.NOT_ARTICLE if str(result) in _NO_TEXT_ERRORS else CrawlOutcome.EXTRACT_FAILED
        return Rejection(outcome, str(result))
    if (why := not_article_reason(body, result.text or "")) is not None:
        return Rejection(CrawlOutcome.NOT_ARTICLE, why)
    return None


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
    if why := soft_404_reason(body):  # a removed article served live as a «not found» page with status 200
        return why
    links = len(doc.xpath("//a[@href]"))
    if links >= INDEX_MIN_LINKS:
        return f"index page: {links} links around {chars} characters of text"
    if doc.xpath("//video | //iframe[@src]"):
        return f"video page: a player and {chars} characters of text"
    return None


# -- steps 3 and 4: identify, normalise and sign ----------------------------------------------
def identify(rec: ArchivedResponse, ex: Any, outlet: Outlet) -> tuple[str, str]:
    """(article_id, canonical URL): the page's rel=canonical when it is trusted, else its normalised URL."""
    canonical = canonical_url(rec.url, ex.canonical_url)
    return article_id(canonical, outlet.article_url_pattern), canonical


def normalise_and_sign(text: str) -> tuple[str, str | None, bytes | None]:
    """(text_norm, content_hash, signature) of a body as published; an empty body has neither key."""
    from akhbar.transforms.dedup import content_hash, signature
    from akhbar.transforms.normalize import normalize_text

    text_norm = normalize_text(text)
    if not text_norm:
        return text_norm, None, None
    return text_norm, content_hash(text_norm), signature(text_norm)


def build_article(rec: ArchivedResponse, ex: Any, outlet: Outlet, dates: dict[str, Any]) -> ArticleRecord:
    """The page's one ArticleRecord: extraction, identity, normalised text and signature, dates, WARC pointer."""
    from akhbar.transforms.extract import EXTRACTOR_VERSION

    aid, canonical = identify(rec, ex, outlet)
    text_norm, content_hash, sig = normalise_and_sign(ex.text or "")
    return ArticleRecord(
        article_id=aid, url=rec.url, canonical_url=canonical, title=ex.title, text=ex.text, text_norm=text_norm,
        description=ex.description, authors=list(ex.authors or []), tags=list(ex.tags or []), section=ex.section,
        image=ex.image, source_credit=ex.source_credit, **dates, modified_at=ex.modified_at,
        language=ex.language, language_mismatch=bool(ex.language and ex.language != outlet.language),
        text_chars=len(ex.text or ""), decode_repairs=getattr(ex, "decode_repairs", 0), content_hash=content_hash,
        signature=sig, http_status=rec.status, fetched_at=rec.fetched_at, warc_file=rec.warc_file,
        warc_offset=rec.offset, warc_record_id=rec.record_id, extractor_version=EXTRACTOR_VERSION)


# -- step 5: keep, hand over or reject --------------------------------------------------------
def place(record: Record, dates: dict[str, Any], day: date) -> Rejection | None:
    """None: the record's home is ``day`` (keep it); else the other_day hand-over with its reason."""
    source = dates["date_source"]
    trusted = dates["published_at"] if is_trusted(dates) else None
    home = home_day(record.crawl_day, trusted, record.listing)
    if home == day:
        return None
    page = dates["published_at"].isoformat() if dates["published_at"] else "none"
    listed = record.listing.at.isoformat() if record.listing.at else "none"
    reason = f"belongs to {home.isoformat()}: published {page} ({source}), listed {listed}"
    return Rejection(CrawlOutcome.OTHER_DAY, reason, home)


def keep_newest(kept: dict[str, ArticleRecord], article: ArticleRecord) -> None:
    """The same article under two URLs (tracking parameters, AMP, redirects): keep the newest fetch."""
    old = kept.get(article.article_id)
    if old is None or article.fetched_at > old.fetched_at:
        kept[article.article_id] = article
