"""Extraction while the crawl runs: the pages the crawl archives are sent to the night's pool as they land in
the WARC files, so both cores work through the crawl instead of one idling until it ends.

Nothing here decides what the day keeps: the extract stage still reads the day's records, chooses the newest
copy of each URL and places each page exactly as without a prefetch; it only takes an extraction from here
when the job is byte for byte the one it would send (same body, URL, content type, outlet), and sends any
other to the pool itself. A prefetch that fails or falls behind costs time, never a page.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from akhbar.crawler.warc import OPEN_SUFFIX, ArchivedResponse, growing_responses, partition_dir
from akhbar.outlets.registry import Outlet
from akhbar.pipeline import steps
from akhbar.pipeline.executor import EXTRACT_TIMEOUT_S, NightPool

log = logging.getLogger(__name__)
#: seconds between looks at the crawl's WARC files
POLL_S = 0.5
#: pages sent to the pool and not done yet, per worker: bounds the bodies in flight (memory) and keeps the
#: pool's queue short, so the crawl's own process still gets its share of the cores
INFLIGHT_PER_WORKER = 2
MISSING = object()


def job_key(slug: str, job: steps.ExtractJob) -> tuple:
    return slug, hashlib.blake2b(job.body, digest_size=16).digest(), job.options.url, job.options.content_type


class Prefetch:
    """``with Prefetch(pool, data_dir, day, outlets):`` around the crawl; afterwards ``take`` the results."""

    def __init__(self, pool: NightPool, data_dir: Path, day: date, outlets: list[Outlet], *,
                 timeout: float = EXTRACT_TIMEOUT_S) -> None:
        self._pool, self._data_dir, self._day, self._outlets = pool, data_dir, day, outlets
        self._timeout = timeout
        self._inflight = INFLIGHT_PER_WORKER * pool.workers
        self._results: dict[tuple, Any] = {}
        self._running: dict[tuple, Any] = {}
        self._next: dict[str, int] = {}  # WARC file -> offset of the first record not sent yet
        self._closed: set[str] = set()  # closed WARC files read to their end
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="akhbar-prefetch", daemon=True)
        self.sent = 0

    def __enter__(self) -> Prefetch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()

    def finish(self) -> None:
        """Stop reading; wait for the pages in flight (a page past the time limit: the pool is restarted and the
        extract stage runs it again under its own limit)."""
        self._stop.set()
        self._thread.join()
        deadline = time.monotonic() + self._timeout
        while self._running and time.monotonic() < deadline:
            self._harvest()
            time.sleep(0.01)
        if self._running:
            log.warning("prefetch: %d page(s) still extracting after %s s; the extract stage redoes them",
                        len(self._running), self._timeout)
            self._running.clear()
            self._pool.restart()
        log.info("prefetch: %d page(s) extracted during the crawl", len(self._results))

    def take(self, slug: str, job: steps.ExtractJob) -> Any:
        """The extraction of ``job`` done during the crawl, or MISSING."""
        return self._results.pop(job_key(slug, job), MISSING)

    # -- the reading thread ----------------------------------------------------------------------
    def _run(self) -> None:
        try:
            while True:
                self._poll()
                if self._stop.wait(POLL_S):
                    return
        except Exception:  # never the night's failure: the extract stage does the rest
            log.exception("prefetch stopped")

    def _poll(self) -> None:
        for outlet in self._outlets:
            folder = partition_dir(self._data_dir, self._day.isoformat(), outlet.slug)
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.warc.gz")) + sorted(folder.glob(f"*.warc.gz{OPEN_SUFFIX}")):
                if self._stop.is_set():
                    return
                try:
                    self._read(outlet, path)
                except FileNotFoundError:
                    continue  # closed (renamed) meanwhile: the next look finds it under its closed name

    def _read(self, outlet: Outlet, path: Path) -> None:
        is_open = path.name.endswith(OPEN_SUFFIX)
        rel = str(path.relative_to(self._data_dir)).removesuffix(OPEN_SUFFIX)
        if rel in self._closed:
            return
        last: ArchivedResponse | None = None
        for rec in growing_responses(self._data_dir, path, self._next.get(rel, 0)):
            if last is not None:  # another record follows it: it is whole
                self._send(outlet, last)
            last = rec
            self._next[rel] = rec.offset
            if self._stop.is_set():
                return
        if not is_open:
            if last is not None:
                self._send(outlet, last)
            self._closed.add(rel)

    def _send(self, outlet: Outlet, rec: ArchivedResponse) -> None:
        if rec.kind != "article" or rec.status != 200:
            return
        job = steps.extract_job(steps.Page(rec, self._day), outlet)
        key = job_key(outlet.slug, job)
        if key in self._results or key in self._running:
            return
        while len(self._running) >= self._inflight and not self._stop.is_set():
            self._harvest()
            time.sleep(0.01)
        self._running[key] = self._pool.pool().apply_async(steps.extract_page, (job,))
        self.sent += 1

    def _harvest(self) -> None:
        for key, job in list(self._running.items()):
            if job.ready():
                del self._running[key]
                try:
                    self._results[key] = job.get()
                except Exception:  # the extract stage runs it again and meets the error itself
                    log.debug("prefetch: a page failed; the extract stage redoes it", exc_info=True)
