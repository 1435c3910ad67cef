"""How the extract step runs over a day's pages: in this process or a process pool (one policy decides),
each page under a time limit. A page past its limit comes back as :class:`PageTimeout` (the pipeline logs it
``extract_timeout`` with the reason), never as a lost page or a stuck night.

The limit is per page and counted from when the executor starts waiting for that page, so a page gets at
least ``timeout`` seconds. In-process it is a SIGALRM timer nested inside any timer already running (Airflow's
task timeout, pytest-timeout), only in the main thread; in a pool the stuck worker is killed and the pages
not yet done are run again in a fresh pool.

A night opens one :class:`NightPool` (``with night_pool():``) that every outlet's extraction and the
extraction during the crawl share, instead of a cold pool per outlet. Its workers come from a fork server
started before any lock is taken, so they never hold an outlet-day lock's descriptor (a forked worker would
keep the lock held after the night let it go).
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

from akhbar.warehouse.children import forkserver_context, main_not_rerun

log = logging.getLogger(__name__)
#: below this many pages extraction stays in-process (a pool costs more than it saves)
PARALLEL_MIN_PAGES = 24
#: seconds one page may take to extract (a normal page takes tens of milliseconds)
EXTRACT_TIMEOUT_S = 60.0

Mode = Literal["inline", "pool"]


class PageTimeout(BaseException):
    """A page's extraction ran past its limit. A BaseException, so that the extractor's own
    ``except Exception`` blocks cannot swallow the in-process alarm."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds

    def __str__(self) -> str:
        return f"extraction took longer than {self.seconds:g} s"


def choose_executor(pages: int, cpus: int | None = None) -> tuple[Mode, int]:
    """The one policy: a pool of one worker per core for a day of at least PARALLEL_MIN_PAGES pages on a
    machine with more than one core, else in-process."""
    cpus = cpus if cpus is not None else os.cpu_count() or 1
    if pages >= PARALLEL_MIN_PAGES and cpus > 1:
        return "pool", cpus
    return "inline", 1


class NightPool:
    """One process pool for a whole night, started on first use and started again after a stuck page."""

    def __init__(self, workers: int, start: str = "forkserver") -> None:
        self.workers = workers
        self._pool: Any = None
        if start == "forkserver":  # the server imports the extractor once; each worker forked from it starts warm
            self._ctx = forkserver_context(["akhbar.pipeline.steps", "akhbar.transforms.extract"])
        else:
            self._ctx = multiprocessing.get_context(start)

    def pool(self) -> Any:
        if self._pool is None:
            with main_not_rerun():  # the workers start here, all of them
                self._pool = self._ctx.Pool(self.workers, initializer=_die_with_parent)
        return self._pool

    def restart(self) -> None:
        """Kill the workers (a stuck page's with them); the next use starts fresh ones."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    close = restart


_night: NightPool | None = None
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """A worker is killed when the process that forked it ends (the fork server ends with the run): a run
    killed mid-night leaves no idle workers behind."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


@contextmanager
def night_pool(workers: int | None = None, start: str = "forkserver") -> Iterator[NightPool | None]:
    """Share one pool among every run_jobs of the block (None, and nothing shared, on a one-core machine);
    inside another night_pool block, that one's. ``start="fork"`` only for a block that ends before the
    outlet-day locks it runs under are let go (forked workers hold copies of their descriptors)."""
    global _night
    workers = workers or os.cpu_count() or 1
    if workers < 2 or _night is not None:
        yield _night
        return
    _night = NightPool(workers, start)
    try:
        yield _night
    finally:
        shared, _night = _night, None
        shared.close()


def run_jobs(fn: Callable[[Any], Any], jobs: Sequence[Any], *, timeout: float | None = EXTRACT_TIMEOUT_S,
             mode: Mode | None = None, workers: int | None = None) -> list[Any]:
    """``fn(job)`` for every job, in order; a job past ``timeout`` gives a PageTimeout in its place.
    ``fn`` must be a module-level function (a pool's workers import it by name). In a ``night_pool`` block
    the pool is the night's."""
    if mode is None:
        mode, chosen = choose_executor(len(jobs))
        workers = workers or chosen
    if mode == "pool":
        return _pool(fn, jobs, timeout, workers or os.cpu_count() or 1, _night)
    return [_inline(fn, job, timeout) for job in jobs]


def _inline(fn: Callable[[Any], Any], job: Any, timeout: float | None) -> Any:
    try:
        with _alarm(timeout):
            return fn(job)
    except PageTimeout as exc:
        return exc


@contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Raise PageTimeout after ``seconds``; an outer timer that is due first fires as it would have, and
    gets its remaining time back afterwards."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    outer_left, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left <= seconds:
        yield  # the outer alarm comes first anyway; ours would never fire
        return

    def fire(signum: int, frame: Any) -> None:
        raise PageTimeout(seconds)

    start = time.monotonic()
    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:  # give the outer timer what is left of it (at least a tick: it must still fire)
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - start), 1e-3), outer_interval)


def _pool(fn: Callable[[Any], Any], jobs: Sequence[Any], timeout: float | None, workers: int,
          shared: NightPool | None = None) -> list[Any]:
    results: list[Any] = [None] * len(jobs)
    pending = list(range(len(jobs)))
    while pending:
        with _round(shared, min(workers, len(pending))) as pool:  # leaving terminates: kills a stuck worker
            running = {i: pool.apply_async(fn, (jobs[i],)) for i in pending}
            pending = []
            for i, job in running.items():
                try:
                    results[i] = job.get(timeout)
                except multiprocessing.TimeoutError:
                    results[i] = PageTimeout(timeout or 0)
                    log.warning("extraction of page %d of %d passed %s s: its worker is stopped", i + 1, len(jobs),
                                timeout)
                    later = [j for j in running if j > i]
                    for j in later:  # keep what the other workers finished; run the rest again in a new pool
                        if running[j].ready():
                            results[j] = running[j].get()
                        else:
                            pending.append(j)
                    if shared is not None:
                        shared.restart()
                    break
    return results


@contextmanager
def _round(shared: NightPool | None, workers: int) -> Iterator[Any]:
    """The pool for one round of _pool: the night's (_pool restarts it after a stuck page; an error restarts
    it too, so no job of an abandoned round holds a worker) or one of its own."""
    if shared is None:
        with multiprocessing.Pool(workers) as pool:
            yield pool
        return
    try:
        yield shared.pool()
    except BaseException:
        shared.restart()
        raise
