"""Revisit benchmark (issue 28): what a night of revisits costs, next to fetching every archived page again.

The test web's four outlets are archived for ``--days`` days (``akhbar run``'s pipeline); two of them (fa-sepehr,
fa-payam) answer 304 to conditional requests, the other two ignore them. The archive is then copied twice and each
copy revisited once on the night after the last day, every archived article due (``after_days`` 1..days):

- **revisit**: conditional requests from the stored validators; a 304 or an identical payload written as a WARC
  ``revisit`` record (what ``akhbar revisit`` does);
- **refetch**: the same URLs fetched again whole, each stored as a full ``response`` record (what a crawler without
  revisits would do to see changes); the window's sitemaps are read in both.

Reported per 1,000 archived articles: requests made (the revisit crawl logs' lines; of them sitemaps), 304s,
revisit records, response body bytes received, WARC bytes written, and wall-clock seconds of the revisit step
(crawl child start included). Every figure is measured in this run. Run: ``python -m bench.revisit_bench --days 3``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

LAST_DAY = date(2025, 1, 7)
CONDITIONAL_SITES = ("fa-sepehr", "fa-payam")
FAST = {"RETRY_BACKOFF_BASE": "0.05", "RETRY_BACKOFF_MAX": "0.2", "DOWNLOAD_TIMEOUT": "10", "LOG_LEVEL": "WARNING"}


def _archive(data: Path, outlets: Path, days: list[date]) -> int:
    from akhbar.pipeline import run_day
    from akhbar.warehouse.duck import query

    for day in days:
        results = run_day(day, data, None, folder=outlets, overrides=FAST)
        failed = [r.error for r in results if not r.ok]
        if failed:
            raise SystemExit(f"archiving {day} failed: {failed}")
    return int(query(data, "select count(*) from articles").fetchall()[0][0])


def _measure(data: Path, outlets: Path, night: date, conditional: bool) -> dict[str, float]:
    from akhbar.crawler.crawllog import read_logs
    from akhbar.outlets.registry import select_outlets
    from akhbar.pipeline.revisit import revisit_night
    from akhbar.warehouse.duck import query
    from akhbar.warehouse.lake import Lake

    chosen = select_outlets(None, outlets)
    started = time.monotonic()
    stats = revisit_night(data, Lake(str(data / "lake")), outlets, chosen, night, FAST, conditional=conditional)
    seconds = time.monotonic() - started
    errors = [s.error for s in stats if s.error]
    if errors:
        raise SystemExit(f"revisit failed: {errors}")
    lines = [r for o in chosen for r in read_logs(data / "revisit", night.isoformat(), o.slug)]
    warc_bytes = sum(p.stat().st_size for p in (data / "warc" / f"day={night}").rglob("revisit-*.warc.gz"))
    records = dict(query(data, "select record_type, count(*) from article_revisits group by 1").fetchall())
    return {"revisited": sum(s.planned for s in stats), "requests": len(lines),
            "sitemaps": sum(1 for r in lines if r["kind"] == "sitemap"),
            "not_modified": sum(1 for r in lines if r["status"] == 304),
            "revisit_records": records.get("revisit", 0), "response_records": records.get("response", 0),
            "body_bytes": sum(r["bytes"] or 0 for r in lines), "warc_bytes": warc_bytes, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=3, help="days archived before the night of revisits")
    args = parser.parse_args(argv)
    from akhbar.testweb import TestWeb

    days = [LAST_DAY - timedelta(days=n) for n in reversed(range(args.days))]
    night = LAST_DAY + timedelta(days=1)
    with tempfile.TemporaryDirectory(prefix="akhbar-revisit-bench-") as tmp, TestWeb(port=0) as web:
        root = Path(tmp)
        outlets = web.write_outlet_configs(root / "outlets")
        for toml in outlets.glob("*.toml"):
            with open(toml, "a", encoding="utf-8") as fh:
                fh.write(f"\n[revisit]\nafter_days = {list(range(1, args.days + 1))}\n")
        for slug in CONDITIONAL_SITES:  # from the first capture on: the stored responses carry their validators
            web.conditional(slug)
        base = root / "base"
        articles = _archive(base, outlets, days)
        results = {}
        for name, conditional in (("revisit", True), ("refetch", False)):
            copy = root / name
            shutil.copytree(base, copy)
            results[name] = _measure(copy, outlets, night, conditional)
    per = 1000 / articles
    print(f"revisit benchmark: {articles} archived articles over {args.days} day(s), 4 outlets "
          f"({', '.join(CONDITIONAL_SITES)} answer 304); figures per 1,000 archived articles\n")
    cols = ("requests", "sitemaps", "not_modified", "revisit_records", "response_records", "body_bytes",
            "warc_bytes", "seconds")
    print(f"{'':10}" + "".join(f"{c:>18}" for c in cols))
    for name, got in results.items():
        print(f"{name:10}" + "".join(f"{got[c] * per:>18,.1f}" for c in cols))
    ratio = {c: results["revisit"][c] / results["refetch"][c] for c in ("body_bytes", "warc_bytes", "seconds")
             if results["refetch"][c]}
    print("\nrevisit / refetch: " + ", ".join(f"{c} {v:.2f}" for c, v in ratio.items()))
    print(json.dumps({"articles": articles, **results}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
