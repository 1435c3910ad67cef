"""Export memory: `akhbar export` streams, so its peak RSS stays flat as the lake grows.

``python -m bench.export_bench [--articles 40000]`` writes a synthetic lake (Persian/Arabic bodies of ~3,000
characters, 128-byte signatures, tags; the real schema, through ``Lake.replace_partition``) of N and 4N articles
into ``.bench/export/``, then, each in a fresh process, exports ``articles`` in each format through
``akhbar.export.export`` and, as the baseline, does what a non-streaming export would: the whole result as one
Arrow table (``warehouse.duck.query(...).to_arrow_table()``) written with ``pyarrow.parquet.write_table``. It
prints each process's peak RSS (``ru_maxrss``), its ratio to the baseline on the same lake, and the growth from N
to 4N (flat ≈ 1.0×). Figures go to ``.bench/export.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / ".bench"
OUTLETS = ["fa-one", "fa-two", "ar-one", "ar-two"]
WORDS = ("نمایشگاه بین‌المللی صنایع دستی با حضور کشور در تهران گشایش یافت وزیر گفت می‌شود "
         "أعلنت وزارة البلديات والإسكان فتح باب التسجيل في الدفعة الجديدة من برنامج الإسكان التنموي").split()


def generate(folder: Path, articles: int, per_partition: int = 1000) -> None:
    import numpy as np
    import pyarrow as pa

    from akhbar.warehouse.lake import Lake
    from akhbar.warehouse.schema import TABLES

    if (folder / "done").exists():
        return
    lake = Lake(str(folder / "lake"))
    schema = TABLES["articles"]
    rng = np.random.default_rng(13)
    words = np.array(WORDS)
    written, part = 0, 0
    while written < articles:
        n = min(per_partition, articles - written)
        day, outlet = date(2025, 1, 1) + timedelta(days=part // len(OUTLETS)), OUTLETS[part % len(OUTLETS)]
        ids = [f"{written + i:016x}" for i in range(n)]
        texts = [" ".join(words[rng.integers(0, len(words), 420)]) for _ in range(n)]
        cols = {
            "article_id": ids, "url": [f"https://{outlet}.example/news/{i}" for i in ids],
            "title": [t[:80] for t in texts], "text": texts, "text_norm": texts,
            "tags": [["اقتصاد", "کتاب‌خوانی", "الإسكان"]] * n,
            "signature": [rng.bytes(128) for _ in range(n)], "text_chars": [len(t) for t in texts],
        }
        table = pa.table({f.name: pa.array(cols[f.name], f.type) if f.name in cols else pa.nulls(n, f.type)
                          for f in schema}, schema=schema)
        lake.replace_partition("articles", day, outlet, table)
        written += n
        part += 1
    (folder / "done").write_text(json.dumps({"articles": written}))


def _child(data: str, how: str, out: str) -> None:
    """Run one export in this process and print its peak RSS (MB) and seconds as JSON."""
    started = time.perf_counter()
    if how == "baseline":
        import pyarrow.parquet as pq

        from akhbar.warehouse.duck import query

        table = query(data, "select * from articles", timeout=3600, memory_limit="8GB").to_arrow_table()
        pq.write_table(table, out, compression="zstd")
        rows = table.num_rows
    else:
        from akhbar.export import export

        rows = export(data, "articles", how, out)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "peak_mb": peak, "seconds": time.perf_counter() - started}))


def _measure(data: Path, how: str) -> dict[str, float]:
    out = data / f"out.{'parquet' if how == 'baseline' else how}"
    run = subprocess.run([sys.executable, "-m", "bench.export_bench", "--child", str(data), how, str(out)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    out.unlink(missing_ok=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40_000)
    parser.add_argument("--child", nargs=3, metavar=("DATA", "HOW", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    figures: dict[str, dict[str, dict[str, float]]] = {}
    for n in (args.articles, 4 * args.articles):
        folder = BENCH_DIR / "export" / str(n)
        generate(folder, n)
        figures[str(n)] = {how: _measure(folder, how) for how in ("baseline", "parquet", "jsonl", "csv")}
    small, large = figures.values()
    print(f"{'articles':>9} {'export':<9} {'peak MB':>8} {'vs baseline':>12} {'seconds':>8} {'growth N→4N':>12}")
    for n, row in figures.items():
        for how, fig in row.items():
            growth = f"{large[how]['peak_mb'] / small[how]['peak_mb']:.2f}×" if row is large else ""
            print(f"{n:>9} {how:<9} {fig['peak_mb']:8.0f} {fig['peak_mb'] / row['baseline']['peak_mb']:11.2f}× "
                  f"{fig['seconds']:8.1f} {growth:>12}")
    out = BENCH_DIR / "export.json"
    out.write_text(json.dumps({"figures": figures, "cpus": os.cpu_count()}, indent=2))
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
