"""The extract stage as small steps over one :class:`~akhbar.pipeline.page.Page` at a time (datatrove's model:
blocks over one document type; a filter that drops a page says why). Each step is ``Page -> Page``; a page
rejected by one step goes through the later ones unchanged.

    read -> extract -> screen -> date -> build -> place

:func:`page_refs` gives where a day's pages lie (its own, and those other days handed over to it: read by key
from the ``handovers`` table), :func:`load_records` reads a batch of them, the executor runs
:func:`extract_page` on each :class:`ExtractJob` and :func:`with_extraction` puts the result on the page,
:func:`screen` rejects a bot wall or a page that is no article, :func:`date` decides its date,
:func:`build` makes its one ``ArticleRecord``, and :func:`place` keeps it, hands it to its home day or rejects it,
always with a reason (:func:`decide` runs the four).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from akhbar.crawler.archives import with_capture
from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.warc import ArchivedResponse, newest_refs, read_response, recover_open_files
from akhbar.outlets.registry import Outlet
from akhbar.pipeline.executor import PageTimeout
from akhbar.pipeline.page import (
    DateDecision,
    ExtractJob,
    Listing,
    ListingKind,
    Page,
    PageJob,
    Placement,
    Rejection,
)
from akhbar.transforms import blockwall
from akhbar.transforms.identity import article_id, canonical_url, normalize_url
from akhbar.transforms.soft404 import soft_404_reason
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.schema import ArticleRecord, CrawlOutcome

if TYPE_CHECKING:
    from akhbar.transforms.extract import Extracted, ExtractionError

log = logging.getLogger(__name__)

#: page date and listing date further apart than this: the row is flagged date_disagrees
DATE_TOLERANCE = timedelta(hours=24)
#: page dates before this are not trusted (a scanned archive's year, a misparsed number)
EARLIEST_PAGE_DATE = datetime(1990, 1, 1, tzinfo=UTC)
#: an index page: at least this many links around less than SHORT_TEXT characters of extracted text
INDEX_MIN_LINKS, SHORT_TEXT = 50, 200
#: not_article reasons in crawl_log that say the page had no body text (the quality gate's empty-body rate counts
#: them): ours, and the reasons transforms.extract gives its NoArticleText
NO_BODY_REASONS = ("no body text", "empty page", "no article text found")
#: a failure's reason is cut to this many characters (a crawl_log line, not a dump)
MAX_REASON_CHARS = 500


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
    if near and listing.kind is not ListingKind.ARCHIVE and abs((page - listed).days) > 1:
        return listed
    return page


def choose_date(ex: Any, listing: Listing, fetched_at: datetime) -> DateDecision:
    """The page's date, its source and evidence, reconciled with the listing's (``ex``: what extraction gave)."""
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
        published, source = listing.at, listing.source
    else:
        published, source = None, None
    far = trusted and listing.at is not None and abs(page - listing.at) > DATE_TOLERANCE
    return DateDecision(published_at=published, source=source, signals=tuple(signals), listed_at=listing.at,
                        disagrees=bool(far or (had_page_evidence and not trusted)),
                        estimated=not trusted and published is not None, trusted=trusted)


# -- step 1: read archived pages --------------------------------------------------------------
@dataclass(frozen=True)
class PageRef:
    """A Page not read yet: where its response lies (the stage reads bodies a batch at a time)."""

    warc_file: str
    offset: int
    crawl_day: date
    listing: Listing

    def load(self, data_dir: Path) -> Page | None:
        """The Page, or None when the response is no longer readable there."""
        rec = read_response(data_dir, self.warc_file, self.offset)
        return None if rec is None else Page(rec, self.crawl_day, self.listing)


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
                    out.setdefault(normalize_url(u), Listing.parse(r.get("listed_at"), r.get("listed_by")))
    return out


def day_refs(data_dir: Path, day: date, outlet: Outlet) -> list[PageRef]:
    listings = _listings(list(read_logs(data_dir, day.isoformat(), outlet.slug)))
    return [PageRef(ref.warc_file, ref.offset, day, listings.get(normalize_url(ref.url), Listing()))
            for ref in latest_refs(data_dir, day, outlet)]


def handed_over_refs(lake: Lake, data_dir: Path, day: date, outlet: Outlet) -> list[PageRef]:
    """Where the pages lie that the runs of other days found to belong to ``day``: the ``handovers`` partition
    of (day, outlet), read by key. A lake older than that table is migrated once first (warehouse.migrate)."""
    from akhbar.warehouse.migrate import ensure_handovers

    ensure_handovers(data_dir, lake)
    table = lake.read_crawl_day_files("handovers", day, outlet.slug)
    rows = {} if table is None else {(r["warc_file"], r["warc_offset"]): r for r in table.to_pylist()
                                     if r["crawl_day"] != day}
    return [PageRef(warc_file, offset, r["crawl_day"], Listing.parse(r["listed_at"], r["listed_by"]))
            for (warc_file, offset), r in sorted(rows.items())]


def page_refs(data_dir: Path, day: date, outlet: Outlet, lake: Lake) -> list[Any]:
    """The day's own archived article pages, then those other days handed over to it, not read yet (each
    item's ``load(data_dir)`` reads it)."""
    return day_refs(data_dir, day, outlet) + handed_over_refs(lake, data_dir, day, outlet)


def load_records(data_dir: Path, refs: list[PageRef | Page]) -> list[Page]:
    """The pages the refs point at (one no longer readable is left out); a Page given is kept as it is."""
    return [page for page in (ref if isinstance(ref, Page) else ref.load(data_dir) for ref in refs)
            if page is not None]


# -- step 2: extract (run by akhbar.pipeline.executor) ----------------------------------------
def extract_job(page: Page, outlet: Outlet) -> ExtractJob:
    """What a worker needs to extract one page: the body and the options (picklable), the fetch time as ``now``."""
    from akhbar.transforms.extract import ExtractOptions

    rec = page.response
    return ExtractJob(rec.body, ExtractOptions(url=rec.url, content_type=rec.header("Content-Type"),
                                               tz=outlet.timezone, now=rec.fetched_at, overrides=outlet.extract))


def extract_page(job: ExtractJob) -> Extracted | Rejection:
    """The Extracted page, or the Rejection saying why there is none (returned: a pool's map goes on), classified
    by the error's type: the extractor's ExtractionError (not_article when it is NoArticleText), anything else
    of this one page (a parser's recursion limit, a library's ValueError) extract_failed with its type and
    message: one page never fails its outlet-day."""
    from akhbar.transforms.extract import ExtractionError, extract

    try:
        return extract(job.body, job.options)
    except ExtractionError as exc:
        return extraction_refused(exc)
    except Exception as exc:  # contained per page, with its type and message as the reason
        return page_failure(exc)


def extraction_refused(exc: ExtractionError) -> Rejection:
    """The Rejection of the extractor's own ExtractionError, by its type: not_article for NoArticleText (HTML with
    no text), extract_failed for the rest (not HTML, unparsable)."""
    from akhbar.transforms.extract import NoArticleText

    outcome = CrawlOutcome.NOT_ARTICLE if isinstance(exc, NoArticleText) else CrawlOutcome.EXTRACT_FAILED
    return Rejection(outcome, exc.reason)


def page_failure(exc: BaseException) -> Rejection:
    """The extract_failed Rejection standing for ``exc`` (its message cut to a log line's length)."""
    return Rejection(CrawlOutcome.EXTRACT_FAILED, f"{type(exc).__name__}: {exc}"[:MAX_REASON_CHARS])


def as_rejection(result: object) -> Rejection | None:
    """What the executor gave back for a page, as a Rejection (None: an extraction), by type."""
    if isinstance(result, Rejection):
        return result
    if isinstance(result, PageTimeout):
        return Rejection(CrawlOutcome.EXTRACT_TIMEOUT, str(result))
    if isinstance(result, BaseException):  # an error met outside extract_page: still this page's only
        from akhbar.transforms.extract import ExtractionError

        return extraction_refused(result) if isinstance(result, ExtractionError) else page_failure(result)
    return None


def with_extraction(page: Page, result: object) -> Page:
    """Page -> Page: the extraction (or why there is none) put on the page."""
    if (why := as_rejection(result)) is not None:
        return page.rejected(why.outcome, why.reason)
    return replace(page, extracted=result)


def extract(page: Page, outlet: Outlet) -> Page:
    """Page -> Page, in this process (the stage sends extract_job to the executor instead)."""
    return with_extraction(page, extract_page(extract_job(page, outlet)))


# -- step 3: screen ---------------------------------------------------------------------------
def screen(page: Page) -> Page:
    """Page -> Page: a bot wall archived in place of the page is ``blocked`` whatever was extracted from it; an
    extraction that is no article (no text, an index, a video, a soft 404) is ``not_article``."""
    rec = page.response
    if wall := blockwall.detect(rec.status, rec.headers, rec.body):
        return page.rejected(CrawlOutcome.BLOCKED, wall.reason(rec.status))
    if page.done or page.extracted is None:
        return page
    if (why := not_article_reason(rec.body, page.extracted.text or "")) is not None:
        return page.rejected(CrawlOutcome.NOT_ARTICLE, why)
    return page


def reject_extracted(body: bytes, result: Any, headers: Any = (), status: int = 200) -> Rejection | None:
    """Why an extraction result is kept out (None: an article): screen over a bare response."""
    response = ArchivedResponse(url="", status=status, kind="article", headers=list(headers), body=body,
                                fetched_at=datetime.now(UTC), record_id="", warc_file="", offset=0)
    return screen(with_extraction(Page(response, date.min), result)).rejection


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


# -- step 4: date -----------------------------------------------------------------------------
def date_page(page: Page) -> Page:
    """Page -> Page: the DateDecision (the page's trusted date, else the listing's, flagged estimated)."""
    if page.done:
        return page
    return replace(page, dates=choose_date(page.extracted, page.listing, page.response.fetched_at))


# -- step 5: identify, normalise and sign -----------------------------------------------------
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


def build_article(rec: ArchivedResponse, ex: Any, outlet: Outlet, dates: DateDecision) -> ArticleRecord:
    """The page's one ArticleRecord: extraction, identity, normalised text and signature, dates, WARC pointer."""
    from akhbar.transforms.extract import EXTRACTOR_VERSION

    aid, canonical = identify(rec, ex, outlet)
    text_norm, content_hash, sig = normalise_and_sign(ex.text or "")
    return ArticleRecord(
        article_id=aid, url=rec.url, canonical_url=canonical, title=ex.title, text=ex.text, text_norm=text_norm,
        description=ex.description, authors=list(ex.authors or []), tags=list(ex.tags or []), section=ex.section,
        image=ex.image, source_credit=ex.source_credit, **dates.columns(), modified_at=ex.modified_at,
        language=ex.language, language_mismatch=bool(ex.language and ex.language != outlet.language),
        text_chars=len(ex.text or ""), decode_repairs=getattr(ex, "decode_repairs", 0), content_hash=content_hash,
        signature=sig, http_status=rec.status, fetched_at=rec.fetched_at, warc_file=rec.warc_file,
        warc_offset=rec.offset, warc_record_id=rec.record_id, extractor_version=EXTRACTOR_VERSION)


def build(page: Page, outlet: Outlet) -> Page:
    """Page -> Page: the one ArticleRecord of the page, built here (with its capture's provenance)."""
    if page.done:
        return page
    assert page.dates is not None, "date_page runs before build"
    return replace(page, article=with_capture(build_article(page.response, page.extracted, outlet, page.dates),
                                              page.response))


# -- step 6: keep, hand over or reject --------------------------------------------------------
def place(page: Page, day: date) -> Page:
    """Page -> Page: keep (its home is ``day``), or hand over to its home day with the other_day reason."""
    if page.done:
        return page
    dates = page.dates
    assert dates is not None, "date_page runs before place"
    home = home_day(page.crawl_day, dates.published_at if dates.trusted else None, page.listing)
    if home == day:
        return replace(page, placement=Placement.KEEP, home=None, rejection=None)
    published = dates.published_at.isoformat() if dates.published_at else "none"
    listed = page.listing.at.isoformat() if page.listing.at else "none"
    reason = f"belongs to {home.isoformat()}: published {published} ({dates.source}), listed {listed}"
    return replace(page, placement=Placement.HAND_OVER, home=home,
                   rejection=Rejection(CrawlOutcome.OTHER_DAY, reason))


def run_page(job: PageJob) -> Page:
    """One page's whole way in a worker: extract (unless the job brings the extraction), then decide. The page
    comes back without its body, which the caller still holds (steps.with_body): a worker sends back the
    extraction and the record, not the page it was sent."""
    result = job.extracted if job.extracted is not None else extract_page(extract_job(job.page, job.outlet))
    page = decide(with_extraction(job.page, result), job.outlet, job.day)
    return replace(page, response=replace(page.response, body=b""))


def with_body(sent: Page, result: object, outlet: Outlet, day: date) -> Page:
    """The page ``sent`` to run_page, decided: ``result`` with the body put back, or, when the worker gave no
    page (past its time limit, or an error outside run_page's containment), ``sent`` with that result as its
    extraction, decided here."""
    if isinstance(result, Page):
        return replace(result, response=sent.response)
    return decide(with_extraction(sent, result), outlet, day)


def decide(page: Page, outlet: Outlet, day: date) -> Page:
    """Page -> Page: screen, date, build and place an extracted page; an error of any of them (dating,
    identifying or signing one page broke) is that page's extract_failed only."""
    try:
        return place(build(date_page(screen(page)), outlet), day)
    except Exception as exc:
        log.warning("%s %s: %s failed after extraction: %r", outlet.slug, day, page.response.url, exc)
        return replace(page, article=None, home=None).rejected(CrawlOutcome.EXTRACT_FAILED,
                                                                page_failure(exc).reason)


def keep_newest(kept: dict[str, ArticleRecord], article: ArticleRecord) -> None:
    """The same article under two URLs (tracking parameters, AMP, redirects): keep the newest fetch."""
    old = kept.get(article.article_id)
    if old is None or article.fetched_at > old.fetched_at:
        kept[article.article_id] = article
