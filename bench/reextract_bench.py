"""Re-extraction benchmark (issue 25): `akhbar reextract --all` over a night already archived, next to bare
trafilatura on the very same WARC records, measured in the same run; and its peak memory over ranges of one and of
several days (flat in the range's length: a day at a time, a batch of bodies at a time).

The night is the scale benchmark's loopback web (bench/scale_web.py: N articles over M outlets at real page sizes),
archived once by `akhbar run`; each extra day of the range is the same archive copied under another day's name, so a
range of K days re-extracts K times the pages. No network is touched by the re-extraction: the web is stopped first.

Run: ``python -m bench.reextract_bench --pages 2000 --days 1 3``. Figures: pages/s of `akhbar reextract` (the
pool on every core), pages/s of bare ``trafilatura.bare_extraction`` (with metadata) over all the day's article
records on every core (one process per core, wall time: what the machine gives two busy processes, not one core's
CPU time doubled), measured right before and right after the re-extractions (this VM's speed drifts by a third
within minutes), and the ratio to the mean of the two (target ≥ 0.9); peak RSS of the command's process tree.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from bench.scale_web import BIN, DAY, ScaleWeb, bare_on_cores, run_measured


def _copy_day(data: Path, day, other) -> None:
    """The archive of ``day`` under ``other``'s name (WARC files and crawl logs), as a night of that day left it."""
    for kind in ("warc", "crawl"):
        for src in (data / kind / f"day={day}").glob("outlet=*"):
            shutil.copytree(src, data / kind / f"day={other}" / src.name)


def day_records(data: Path, day) -> list[tuple[bytes, str]]:
    """(body, URL) of every archived article response of the day."""
    from akhbar.crawler.warc import iter_responses, warc_files

    bodies = []
    for folder in sorted((data / "warc" / f"day={day}").glob("outlet=*")):
        for path in warc_files(data, day.isoformat(), folder.name.split("=", 1)[1]):
            bodies.extend((rec.body, rec.url) for rec in iter_responses(data, path)
                          if rec.kind == "article" and rec.status == 200)
    return bodies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--outlets", type=int, default=4)
    parser.add_argument("--days", type=int, nargs="+", default=[1, 3], help="range lengths to re-extract")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="reextract-bench-") as tmp:
        work = Path(tmp)
        with ScaleWeb(args.pages, args.outlets) as web:
            outlets = web.write_outlet_configs(work / "outlets")
            env = {**os.environ, "AKHBAR_SCRAPY_LOG_LEVEL": "WARNING"}
            night = run_measured([str(BIN / "akhbar"), "run", "--date", DAY.isoformat(), "--data-dir",
                                  str(work / "data"), "--outlets-dir", str(outlets)], env)
        print(f"night of {DAY}: {args.pages} pages over {args.outlets} outlets archived in {night.wall:.1f} s "
              f"(exit {night.code}); the web is stopped now")
        data = work / "data"
        for k in range(1, max(args.days)):
            _copy_day(data, DAY, DAY - timedelta(days=k))
        records = day_records(data, DAY)
        before = bare_on_cores(records, cores)
        label = f"bare trafilatura (with metadata), {cores} cores"
        print(f"{label:44} {before:7.1f} pages/s  ({len(records)} records)")
        rates = {}
        for days in args.days:
            first = DAY - timedelta(days=days - 1)
            cmd = [str(BIN / "akhbar"), "reextract", "--all", "--from", first.isoformat(), "--to", DAY.isoformat(),
                   "--data-dir", str(data), "--outlets-dir", str(outlets)]
            m = run_measured(cmd, env)
            rates[days] = args.pages * days / m.wall
            print(f"akhbar reextract --all, {days} day(s){'':17} {rates[days]:7.1f} pages/s  {m.wall:7.1f} s  peak "
                  f"RSS {m.peak / 2**30:.2f} GiB  (exit {m.code})")
        after = bare_on_cores(records, cores)
        bare = (before + after) / 2
        print(f"{label + ', again':44} {after:7.1f} pages/s; mean "
              f"{bare:.1f}")
        print("ratios to bare trafilatura on every core: "
              + ", ".join(f"{days} day(s) {rate / bare:.2f}" for days, rate in rates.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
