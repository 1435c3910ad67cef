"""The one document type of the extract stage: a :class:`Page`, from its archived response to its row.

A page is read once from the WARC file (its response, the day whose crawl archived it, its listing evidence),
and each step of :mod:`akhbar.pipeline.steps` returns a copy with one more field filled (``dataclasses.replace``):

    response, crawl_day, listing -> extracted (or a rejection) -> dates -> article -> placement (+ home)

A page that is not kept carries a :class:`Rejection` (an outcome and a reason) and is logged with it; a page whose
home is another day carries both its article and the ``other_day`` rejection (whose crawl_log line becomes the
home day's ``handovers`` row).
Outcomes are enums end to end (``CrawlOutcome``, :class:`ListingKind`, :class:`Placement`); strings are
written only where the lake stores them, exactly as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Self

from akhbar.crawler.warc import ArchivedResponse
from akhbar.warehouse.schema import ArticleRecord, CrawlLogRecord, CrawlOutcome

if TYPE_CHECKING:
    from akhbar.outlets.registry import Outlet
    from akhbar.transforms.extract import Extracted, ExtractOptions

log = logging.getLogger(__name__)


class ListingKind(StrEnum):
    """The kind of listing that named a page (crawl_log ``listed_by`` is ``"<kind> <listing URL>"``); the same
    values as crawler.crawllog.LISTING_KINDS (tests/test_pipeline_steps.py keeps them equal)."""

    SITEMAP_NEWS = "sitemap_news"
    SITEMAP_LASTMOD = "sitemap_lastmod"
    FEED = "feed"
    ARCHIVE = "archive"


@dataclass(frozen=True)
class Listing:
    """What the listing that led the crawl to a page said about it: its date, kind and URL (parsed once from
    crawl_log's listed_at / listed_by, written back as the same string)."""

    at: datetime | None = None
    kind: ListingKind | None = None
    url: str | None = None

    @classmethod
    def parse(cls, at: datetime | None, by: str | None) -> Self:
        if not by:
            return cls(at)
        kind, _, url = by.partition(" ")
        try:
            return cls(at, ListingKind(kind), url or None)
        except ValueError:  # a kind this code does not know: its date still counts, as an unnamed listing
            log.warning("unknown listing kind in %r", by)
            return cls(at, None, by)

    @property
    def by(self) -> str | None:
        """The crawl_log ``listed_by`` string."""
        if self.kind is None:
            return self.url
        return f"{self.kind} {self.url}" if self.url else str(self.kind)

    @property
    def source(self) -> str:
        """``date_source`` of a date taken from this listing."""
        return f"listing:{self.kind or 'listing'}"


class Placement(StrEnum):
    """Where a page goes: kept on the day being run, handed over to its home day, or rejected."""

    KEEP = "keep"
    HAND_OVER = "hand_over"
    REJECT = "reject"


@dataclass(frozen=True)
class Rejection:
    """Why a page is not kept: the crawl_log outcome and its reason (a rejected page always has one)."""

    outcome: CrawlOutcome
    reason: str


@dataclass(frozen=True)
class DateDecision:
    """The page's publication date as the pipeline decided it, with its evidence."""

    published_at: datetime | None
    source: str | None
    signals: tuple[str, ...]
    listed_at: datetime | None
    #: page date and listing date far apart, or page evidence that was not trusted
    disagrees: bool
    #: published_at is the listing's, not the page's own
    estimated: bool
    #: published_at is the page's own date (what placement goes by)
    trusted: bool

    def columns(self) -> dict[str, Any]:
        """The articles columns it fills."""
        return {"published_at": self.published_at, "date_source": self.source, "date_signals": list(self.signals),
                "listed_at": self.listed_at, "date_disagrees": self.disagrees, "date_estimated": self.estimated}


@dataclass(frozen=True)
class ExtractJob:
    """The smallest picklable part of a Page a worker needs to extract it: the body and the options (the fetch
    time is ``options.now``)."""

    body: bytes
    options: ExtractOptions


@dataclass(frozen=True)
class PageJob:
    """What a worker needs to take one page from its extraction to its placement (steps.run_page): the page,
    body included, its outlet, the day being run, and the extraction when it is done already (the crawl's
    prefetch; None: the worker extracts)."""

    page: Page
    outlet: Outlet
    day: date
    extracted: object = None


@dataclass(frozen=True)
class Page:
    """One archived article response on its way through the extract stage (see the module doc)."""

    response: ArchivedResponse
    crawl_day: date
    listing: Listing = field(default_factory=Listing)
    extracted: Extracted | None = None
    dates: DateDecision | None = None
    article: ArticleRecord | None = None
    placement: Placement | None = None
    home: date | None = None  # hand_over: the day that keeps it
    rejection: Rejection | None = None

    def rejected(self, outcome: CrawlOutcome, reason: str) -> Page:
        return replace(self, placement=Placement.REJECT, rejection=Rejection(outcome, reason))

    @property
    def done(self) -> bool:
        """Rejected: the later steps pass it on unchanged."""
        return self.placement is Placement.REJECT

    def log_row(self) -> CrawlLogRecord:
        """The crawl_log line of a page not kept (with the WARC pointer, so its home day can read it)."""
        assert self.rejection is not None, "a kept page has no crawl_log line of the extract stage"
        rec = self.response
        return CrawlLogRecord(
            url=rec.url, kind="article", status=rec.status, bytes=len(rec.body), fetched_at=rec.fetched_at,
            duration_ms=None, outcome=self.rejection.outcome, reason=self.rejection.reason, final_url=rec.url,
            run_id="extract", warc_file=rec.warc_file, warc_offset=rec.offset, listed_at=self.listing.at,
            listed_by=self.listing.by, home_day=self.home)
