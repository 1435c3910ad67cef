"""Helpers shared by the fault-injection tests: measured crawls, crawl-log and WARC look-ups, the report line."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from akhbar.crawler.crawllog import read_logs
from akhbar.crawler.warc import iter_responses, warc_files
from akhbar.transforms.identity import normalize_url

ROOT = Path(__file__).resolve().parents[1]
#: FAST_CRAWL plus the tighter bounds the fault tests exercise
FAULT_CRAWL = {
    "RETRY_BACKOFF_BASE": "0.05",
    "RETRY_BACKOFF_MAX": "0.2",
    "RETRY_TIMES": "3",
    "DOWNLOAD_TIMEOUT": "2",
    "DOWNLOAD_MAXSIZE": str(8 * 1024 * 1024),
    "DOWNLOAD_WARNSIZE": str(4 * 1024 * 1024),
    "RETRY_AFTER_MAX": "5",
    "REDIRECT_MAX_TIMES": "5",
    "LOG_LEVEL": "INFO",
}
ATTEMPTS_MAX = int(FAULT_CRAWL["RETRY_TIMES"]) + 1

# Runs crawler.run.crawl in a fresh process, so RUSAGE_CHILDREN is the crawl child's own peak memory.
_MEASURED = """
import json, resource, sys
from datetime import date
from pathlib import Path
from akhbar.crawler.run import crawl
a = json.loads(sys.argv[1])
counts = crawl(a["slugs"], date.fromisoformat(a["day"]), Path(a["data"]), a["run_id"], Path(a["outlets"]),
               overrides=a["overrides"], log_file=Path(a["log"]))
print(json.dumps({"counts": {k: dict(v) for k, v in counts.items()},
                  "peak_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


@dataclass
class CrawlResult:
    counts: dict[str, dict[str, int]]
    peak_rss_mb: float
    seconds: float


def measured_crawl(slugs: list[str], day: date, data: Path, outlets: Path, run_id: str,
                   overrides: dict[str, str] | None = None) -> CrawlResult:
    """A real crawl (child process, as the pipeline runs it); its outcome counts and peak memory."""
    import time

    args = {"slugs": slugs, "day": day.isoformat(), "data": str(data), "run_id": run_id, "outlets": str(outlets),
            "overrides": overrides or FAULT_CRAWL, "log": str(data / "logs" / f"crawl-{run_id}.log")}
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, "-c", _MEASURED, json.dumps(args)], cwd=ROOT, check=True,
                         capture_output=True, text=True, timeout=300)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return CrawlResult(result["counts"], result["peak_rss_kb"] / 1024, time.monotonic() - t0)


def log_rows(data: Path, day: date, slug: str) -> list[dict]:
    return list(read_logs(data, day.isoformat(), slug))


def rows_for(data: Path, day: date, slug: str, path: str) -> list[dict]:
    """Crawl-log rows of one site path (query ignored) on an outlet-day."""
    want = unquote(path)
    return [r for r in log_rows(data, day, slug) if unquote(urlsplit(r["url"]).path) == want]


def archived_pages(data: Path, day: date, slug: str) -> dict[str, bytes]:
    """Normalised URL -> body of every article archived with status 200 as HTML."""
    out = {}
    for f in warc_files(data, day.isoformat(), slug):
        for rec in iter_responses(data, f):
            ctype = (rec.header("Content-Type") or "").lower()
            if rec.kind == "article" and rec.status == 200 and "html" in ctype:
                out[normalize_url(rec.url)] = rec.body
    return out


def report(fault: str, tried: str, logged: str, stored: int) -> None:
    """The one line per fault that `make test-faults` (pytest -s) prints."""
    print(f"\nFAULT {fault}: tried {tried}; logged {logged}; stored: {stored} articles intact", flush=True)
