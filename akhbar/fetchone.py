"""``akhbar fetch URL``: one page now, through the real crawler, archived, extracted and printed.

Like ``trafilatura -u`` or news-please's ``from_url``, but the page goes through the crawl's own Scrapy
downloader, settings and middlewares (robots.txt per RFC 9309, http(s) and allowed domains only, the private
host and DNS-rebinding guards, size caps, retries) in a child process (Twisted's reactor runs once per
process; the child dies with its parent), and every exchange — robots.txt, redirect hops, the page — is written
to the day's WARC (``warc/day=<today UTC>/outlet=<slug>/<run>.warc.gz``) with a crawl-log line, under the
outlet-day's lock, as a crawl writes them. The page is then read back *from the WARC* and extracted with the
pipeline's ``transforms.extract.extract_article`` and the outlet's timezone and overrides.

The outlet is ``--outlet``, else the registry's outlet whose ``allowed_domains`` hold the URL's host, else an
unlisted one (slug ``unlisted``: just that host, UTC, public addresses only).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from akhbar.outlets.registry import Outlet
from akhbar.warehouse.children import python_module

#: the outlet slug of a URL no registered outlet holds
UNLISTED = "unlisted"
#: seconds the fetch may take in all (robots.txt, redirects, retries), beyond the child's start-up
FETCH_DEADLINE = 120.0
STARTUP_SLACK = 60.0


@dataclass
class Fetched:
    """What the crawler child reports: the outcome as the crawl log has it, and where the page is archived."""

    url: str
    outcome: str
    status: int | None = None
    reason: str | None = None
    final_url: str | None = None
    content_type: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL with a host; ValueError (one clear line) otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"only http(s) URLs are fetched, not {parts.scheme or 'a relative URL'!s}: {url}")
    if not parts.hostname:
        raise ValueError(f"no host in {url}")
    return url.strip()


def _holds(domain: str, host: str) -> bool:
    return host == domain or host.endswith("." + domain)


def outlet_for(url: str, outlets: dict[str, Outlet]) -> Outlet | None:
    """The registered outlet whose allowed_domains hold the URL's host (the longest domain wins)."""
    host = (urlsplit(url).hostname or "").lower()
    found = [(len(d), o.slug) for o in outlets.values() for d in o.allowed_domains if _holds(d.lower(), host)]
    return outlets[max(found)[1]] if found else None


def unlisted_outlet(url: str) -> Outlet:
    """An outlet for a host no config names: that host only, public addresses only, UTC."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return Outlet(slug=UNLISTED, name=host, language="fa", country="ZZ", timezone="UTC",
                  base_url=f"{parts.scheme}://{parts.netloc}/", allowed_domains=[host], article_url_pattern=".",
                  notes="akhbar fetch of a URL no outlet config holds")


# ---- the crawler child ----------------------------------------------------------------------------

def _kind(outlet: Outlet, url: str) -> str:
    import re

    return "article" if re.search(outlet.article_url_pattern, url) else "other"


async def _fetch_job(fetcher, url: str, kind: str, deadline: float) -> dict[str, Any]:
    """One GET through the engine (downloader middlewares: robots, guards, retries, WARC), logged as a crawl logs."""
    import asyncio

    from scrapy import Request
    from twisted.python.failure import Failure

    from akhbar.crawler.crawllog import send_outcome
    from akhbar.crawler.spiders.outlet_day import classify_failure

    crawler = fetcher.spider.crawler
    request = Request(url, dont_filter=True, meta={"akhbar_kind": kind})
    size = None
    try:
        response = await asyncio.wait_for(crawler.engine.download_async(request), deadline)
    except TimeoutError:
        result = Fetched(url, "timeout", reason=f"no answer within {deadline:g} s")
    except Exception as exc:  # every refusal or failure is the fetch's outcome, worded as the crawl log words it
        outcome, status, reason, _ = classify_failure(Failure(exc))
        result = Fetched(url, outcome, status, reason)
    else:
        size = len(response.body)
        warc = response.request.meta.get("akhbar_warc") if response.request is not None else None
        ctype = response.headers.get(b"Content-Type")
        result = Fetched(url, "ok" if response.status < 400 else "http_error", response.status,
                         None if response.status < 400 else f"HTTP {response.status}", response.url,
                         ctype.decode("latin-1") if ctype else None, *(warc or (None, None)))
    send_outcome(crawler, url, kind, result.outcome, status=result.status, size=size, reason=result.reason,
                 final_url=result.final_url, warc_file=result.warc_file)
    return asdict(result)


def _child_main(argv: list[str] | None = None) -> None:
    """``python -m akhbar.fetchone --out FILE`` with the job as JSON on stdin (run by ``fetch_url``)."""
    parser = argparse.ArgumentParser(description="Fetch one URL through the crawler (used by `akhbar fetch`).")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    job = json.load(sys.stdin)
    from scrapy.crawler import CrawlerProcess

    from akhbar.crawler.crawllog import OUTLET_DAY_SETTING, OutletDay
    from akhbar.crawler.probe import ProbeSpider
    from akhbar.crawler.run import crawl_settings, die_with_parent

    die_with_parent(job["parent_pid"])
    outlet = Outlet.model_validate(job["outlet"])
    target = OutletDay(outlet, job["day"], Path(job["data_dir"]), job["run_id"])

    class FetchSpider(ProbeSpider):
        """The probe spider with the crawl's data root: WARC and crawl log are written."""

        name = "fetch_url"

        @classmethod
        def from_crawler(cls, crawler, *a, **kw):
            spider = super().from_crawler(crawler, *a, **kw)
            crawler.settings.set(OUTLET_DAY_SETTING, target, priority="spider")
            return spider

    settings = crawl_settings([outlet], job["overrides"])
    process = CrawlerProcess(settings, install_root_handler=False)
    crawler = process.create_crawler(FetchSpider)
    url, kind, deadline = job["url"], _kind(outlet, job["url"]), job["deadline"]
    process.crawl(crawler, job=lambda fetcher: _fetch_job(fetcher, url, kind, deadline), outlet=outlet,
                  timeout=float(settings.get("DOWNLOAD_TIMEOUT")), deadline=deadline)
    process.start()
    if crawler.spider.error is not None:
        raise crawler.spider.error
    args.out.write_text(json.dumps(crawler.spider.result, ensure_ascii=False), encoding="utf-8")


# ---- the parent ---------------------------------------------------------------------------------

@dataclass
class FetchResult:
    fetched: Fetched
    outlet: Outlet
    day: str
    extracted: Any | None = None  # transforms.extract.Extracted
    extract_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.fetched.outcome == "ok" and self.extracted is not None


def fetch_url(url: str, data_dir: Path, *, outlet: Outlet | None = None, outlets: dict[str, Outlet] | None = None,
              overrides: dict[str, str] | None = None, deadline: float = FETCH_DEADLINE) -> FetchResult:
    """Fetch ``url`` now into ``data_dir``'s WARC of today (UTC), then extract it from the archived record.

    ValueError for a URL that is not http(s); PartitionBusy while a crawl of the outlet's day runs."""
    from akhbar.warehouse.locks import partition_lock

    url = check_url(url)
    chosen = outlet or outlet_for(url, outlets or {}) or unlisted_outlet(url)
    now = datetime.now(UTC)
    day, run_id = now.date().isoformat(), "fetch-" + now.strftime("%Y%m%dT%H%M%S%fZ")
    job = {"url": url, "outlet": chosen.model_dump(mode="json"), "data_dir": str(Path(data_dir).resolve()),
           "day": day, "run_id": run_id, "overrides": dict(overrides or {}), "deadline": deadline,
           "parent_pid": __import__("os").getpid()}
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    with partition_lock(Path(data_dir), day, chosen.slug), tempfile.TemporaryDirectory(prefix="akhbar-fetch-") as tmp:
        out = Path(tmp) / "fetched.json"
        try:
            proc = subprocess.run(python_module("akhbar.fetchone", "--out", str(out)), input=json.dumps(job),
                                  capture_output=True, text=True, timeout=deadline + STARTUP_SLACK)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"fetch of {url} overran {exc.timeout:.0f} s") from None
        if proc.returncode != 0 or not out.exists():
            tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
            raise RuntimeError(f"fetch of {url} failed (exit {proc.returncode}): {tail}")
        fetched = Fetched(**json.loads(out.read_text(encoding="utf-8")))
    result = FetchResult(fetched, chosen, day)
    if fetched.outcome == "ok" and fetched.warc_file:
        _extract(result, Path(data_dir))
    return result


def _extract(result: FetchResult, data_dir: Path) -> None:
    """The page as archived (read back from the WARC record), extracted as the pipeline extracts it."""
    from akhbar.crawler.warc import read_response
    from akhbar.transforms.extract import ExtractionError, extract_article

    f = result.fetched
    record = read_response(data_dir.resolve(), f.warc_file, f.warc_offset)
    if record is None:
        result.extract_error = f"the response is not readable at {f.warc_file}:{f.warc_offset}"
        return
    from akhbar.transforms import blockwall

    if wall := blockwall.detect(record.status, record.headers, record.body):  # archived as it came, never extracted
        result.extract_error = wall.reason(record.status)
        return
    try:
        result.extracted = extract_article(record.body, record.url, content_type=record.header("Content-Type"),
                                           overrides=result.outlet.extract, tz=result.outlet.timezone,
                                           now=record.fetched_at)
    except ExtractionError as exc:
        result.extract_error = str(exc)


def record(result: FetchResult, *, text_chars: int = 300) -> dict[str, Any]:
    """What ``akhbar fetch`` prints: the outcome, where it is archived, and the extracted fields."""
    f, ex = result.fetched, result.extracted
    out: dict[str, Any] = {"url": f.url, "final_url": f.final_url, "outlet": result.outlet.slug, "outcome": f.outcome,
                           "status": f.status, "reason": f.reason, "warc_file": f.warc_file,
                           "warc_offset": f.warc_offset}
    if ex is not None:
        text = ex.text or ""
        out |= {"title": ex.title, "published_at": ex.published_at.isoformat() if ex.published_at else None,
                "date_source": ex.date_source,
                "modified_at": ex.modified_at.isoformat() if ex.modified_at else None, "authors": ex.authors,
                "tags": ex.tags, "section": ex.section, "source_credit": ex.source_credit, "language": ex.language,
                "text_chars": len(text), "text": text if text_chars <= 0 else text[:text_chars]}
    if result.extract_error:
        out["extract_error"] = result.extract_error
    return {k: v for k, v in out.items() if v not in (None, [], "")}


if __name__ == "__main__":
    _child_main()
