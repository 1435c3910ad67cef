"""Export memory: `akhbar export` streams, so its peak RSS stays flat as the lake grows.

``python -m bench.export_bench [--articles 40000] [--wacz-articles 1000]`` writes a synthetic lake (Persian/Arabic
bodies of ~3,000 characters, 128-byte signatures, tags; the real schema, through ``Lake.replace_partition``) of N
and 4N articles into ``.bench/export/``, then, each in a fresh process, exports ``articles`` in each format through
``akhbar.export.export`` and, as the baseline, does what a non-streaming export would: the whole result as one
Arrow table (``warehouse.duck.query(...).to_arrow_table()``) written with ``pyarrow.parquet.write_table``. It
prints each process's peak RSS (``ru_maxrss``), its ratio to the baseline on the same lake, and the growth from N
to 4N (flat ≈ 1.0×).

The WACZ export (``akhbar.evidence.export_range``) needs WARC files behind the rows: a second synthetic archive
(:func:`generate_warc_archive`: article pages of ~60 KB of Persian/Arabic HTML, each with a 40 KB lead image and
each outlet-day with a stylesheet, written through the crawler's own WarcArchive, and their lake rows) of M and 10M
articles, exported to WACZ in a fresh process each; the figures are the process's peak RSS, that of pywb's indexer
reading the package's WARC from a pipe (measured apart, see :func:`_indexer_peak`), seconds, MB/s of package
written and articles/s. Figures go to ``.bench/export.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
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


def _page(rng, words, n: int, title: str, noise: int = 12_000) -> bytes:
    """An article page of real size: ~``n`` words of body in paragraphs, right to left, and ``noise`` bytes of
    inline data (scripts, ad and analytics payloads) that compress as little as real ones: the gzipped record is
    some 15 KB at the defaults, as a news page's is."""
    import base64

    body = "".join(f"<p>{' '.join(words[rng.integers(0, len(words), 60)])}</p>\n" for _ in range(max(1, n // 60)))
    data = base64.b64encode(rng.bytes(noise * 3 // 4)).decode()
    return (f'<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
            f'<script type="application/json">"{data}"</script></head>'
            f"<body><article><h1>{title}</h1>\n{body}</article></body></html>").encode()


def generate_warc_archive(folder: Path, articles: int, per_partition: int = 1000, words: int = 4000,
                          noise: int = 12_000, image: int = 40_000) -> Path:
    """A data dir of ``articles`` article pages (``words`` words each, ~60 KB of HTML at the defaults) archived in
    WARC files by the crawler's WarcArchive, each page with its lead image (``image`` bytes that do not compress, as
    a JPEG's; none at 0) and each outlet-day with one stylesheet, as the crawl's requisites (crawler.requisites), one
    partition of ``per_partition`` per outlet-day, and their rows in the lake (URL, title, times, warc_file,
    warc_offset, warc_record_id): what the WACZ export reads. Made once for the same arguments."""
    import shutil

    import numpy as np
    import pyarrow as pa

    from akhbar.crawler.warc import WarcArchive, iter_responses
    from akhbar.warehouse.lake import Lake
    from akhbar.warehouse.schema import TABLES

    data = folder / "data"
    made = {"articles": articles, "per_partition": per_partition, "words": words, "noise": noise, "image": image}
    if (folder / "done").exists() and json.loads((folder / "done").read_text()) == made:
        return data
    shutil.rmtree(data, ignore_errors=True)  # made for other arguments, or cut short
    lake = Lake(str(data / "lake"))
    schema = TABLES["articles"]
    rng = np.random.default_rng(29)
    vocabulary = np.array(WORDS)
    written, part = 0, 0
    while written < articles:
        n = min(per_partition, articles - written)
        day = date(2025, 1, 1) + timedelta(days=part // len(OUTLETS))
        outlet = OUTLETS[part % len(OUTLETS)]
        archive = WarcArchive(data, day.isoformat(), outlet, f"20250101T00000{part:06d}Z", "akhbar bench")
        rows = []
        if image:
            _requisite(archive, f"https://{outlet}.example/static/site.css", b"text/css", STYLESHEET, day)
        for i in range(n):
            aid = f"{written + i:016x}"
            url = f"https://{outlet}.example/news/{aid}"
            title = " ".join(vocabulary[rng.integers(0, len(vocabulary), 9)])
            fetched = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=part // len(OUTLETS), seconds=i)
            warc_file, offset = archive.write_exchange(
                url=url, method="GET", request_headers=[("User-Agent", "akhbar-bench")], request_body=b"",
                status=200, protocol="HTTP/1.1", response_headers=[(b"Content-Type", b"text/html; charset=utf-8")],
                body=_page(rng, vocabulary, words, title, noise), kind="article", fetched_at=fetched)
            if image:
                _requisite(archive, f"https://{outlet}.example/images/{aid}.jpg", b"image/jpeg", rng.bytes(image), day)
            rows.append({"article_id": aid, "url": url, "canonical_url": url, "title": title,
                         "fetched_at": fetched, "captured_at": fetched, "capture_source": "live",
                         "warc_file": warc_file, "warc_offset": offset, "language": "fa"})
        archive.close()
        ids = {}
        for path in sorted((data / "warc" / f"day={day}" / f"outlet={outlet}").glob("*.warc.gz")):
            ids.update({r.offset: r.record_id for r in iter_responses(data, path)})
        for row in rows:
            row["warc_record_id"] = ids[row["warc_offset"]]
        columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
        table = pa.table({name: pa.array(values, schema.field(name).type) for name, values in columns.items()},
                         schema=schema)
        lake.replace_partition("articles", day, outlet, table)
        written += n
        part += 1
    (folder / "done").write_text(json.dumps(made))
    return data


STYLESHEET = b"body { direction: rtl; font-family: serif; }\n" * 200


def _requisite(archive, url: str, mime: bytes, body: bytes, day: date) -> None:
    """One requisite exchange (kind ``requisite``), as the crawl archives a page's lead image or stylesheet."""
    archive.write_exchange(url=url, method="GET", request_headers=[("User-Agent", "akhbar-bench")], request_body=b"",
                           status=200, protocol="HTTP/1.1", response_headers=[(b"Content-Type", mime)], body=body,
                           kind="requisite", fetched_at=datetime(day.year, day.month, day.day, tzinfo=UTC))


def _child(data: str, how: str, out: str) -> None:
    """Run one export in this process and print its peak RSS (MB, its own and its children's) and seconds as
    JSON."""
    started = time.perf_counter()
    if how == "wacz":
        from akhbar.evidence import export_range
        from akhbar.settings import Settings

        settings = Settings.from_env().with_options(data_dir=Path(data))
        written = export_range(settings, out)
        rows, size = written.pages, written.bytes
        seconds = time.perf_counter() - started
        indexer = _indexer_peak(settings, Path(out))
    elif how == "baseline":
        import pyarrow.parquet as pq

        from akhbar.warehouse.duck import query

        table = query(data, "select * from articles", timeout=3600, memory_limit="8GB").to_arrow_table()
        pq.write_table(table, out, compression="zstd")
        rows = table.num_rows
    else:
        from akhbar.export import export

        rows = export(data, "articles", how, out)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if how != "wacz":
        seconds = time.perf_counter() - started
    figures = {"rows": rows, "peak_mb": peak, "seconds": seconds}
    if how == "wacz":
        figures |= {"indexer_peak_mb": indexer, "package_mb": size / 1e6, "mb_per_s": size / 1e6 / seconds,
                    "articles_per_s": rows / seconds}
    print(json.dumps(figures))


def _indexer_peak(settings, package: Path) -> float:
    """Peak RSS (MB) of pywb's indexer reading the package's WARC files from a pipe, as the export runs it, run
    again here because a child's ru_maxrss counts the parent's memory it was forked with: its own VmHWM after
    exec is the figure."""
    import shutil
    import subprocess
    import zipfile

    from akhbar import replay
    from akhbar.evidence import records

    code = records._INDEXER + "\nprint(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\n"
    peak = 0.0
    with zipfile.ZipFile(package) as zf:
        for name in (n for n in zf.namelist() if n.startswith("archive/")):
            proc = subprocess.Popen([str(replay.pywb_tool(settings, "python")), "-I", "-c", code, name, "/dev/null"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            with zf.open(name) as warc:
                shutil.copyfileobj(warc, proc.stdin)
            proc.stdin.close()
            peak = max(peak, int(proc.stdout.read().split()[-1]) / 1024)
            proc.wait()
    return peak


def _measure(data: Path, how: str) -> dict[str, float]:
    out = data.parent / f"out.{'parquet' if how == 'baseline' else how}"
    run = subprocess.run([sys.executable, "-m", "bench.export_bench", "--child", str(data), how, str(out)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    out.unlink(missing_ok=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40_000)
    parser.add_argument("--wacz-articles", type=int, default=1000, help="M: WACZ of M and 10M articles")
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
    wacz: dict[str, dict[str, float]] = {}
    for n in (args.wacz_articles, 10 * args.wacz_articles):
        data = generate_warc_archive(BENCH_DIR / "export-wacz" / str(n), n)
        wacz[str(n)] = _measure(data, "wacz")
    first, last = wacz.values()
    print(f"\n{'articles':>9} {'export':<9} {'peak MB':>8} {'indexer':>8} {'seconds':>8} {'MB/s':>7} "
          f"{'art/s':>7} {'package MB':>11} {'growth':>7}")
    for n, fig in wacz.items():
        growth = f"{fig['peak_mb'] / first['peak_mb']:.2f}×" if fig is last else ""
        print(f"{n:>9} {'wacz':<9} {fig['peak_mb']:8.0f} {fig['indexer_peak_mb']:8.0f} {fig['seconds']:8.1f} "
              f"{fig['mb_per_s']:7.1f} {fig['articles_per_s']:7.0f} {fig['package_mb']:11.1f} {growth:>7}")
    out = BENCH_DIR / "export.json"
    out.write_text(json.dumps({"figures": figures, "wacz": wacz, "cpus": os.cpu_count()}, indent=2))
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
