"""Search benchmark: the tantivy index (akhbar.search) against a DuckDB scan of ``text_norm`` in the same run.

``python -m bench.search_bench [--articles 20000]`` writes a synthetic lake into ``.bench/search/`` (the real
schema through ``Lake.replace_partition``; bodies of 300 words drawn with a Zipf-like law from the vocabulary of
the test web's Persian and Arabic articles, so word frequencies are skewed like real text), then measures:

- the index built from scratch (``warehouse.search_index.sync``), in articles per second;
- a sync with nothing changed, and after one partition was rewritten (only it is indexed again);
- query latency of ``akhbar.search.search`` (index in step, top 20 with snippets) for rare, common and
  two-word queries, against the baseline a user has without it: ``text_norm like '%' || normalize_text(q) ||
  '%'`` over the ``articles`` view (no ranking, substring matches), each the median of 5 runs.

Figures go to ``.bench/search.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / ".bench"
OUTLETS = ["fa-one", "fa-two", "ar-one", "ar-two"]


def _vocabulary() -> list[str]:
    from akhbar.testweb.content import Catalog

    words: dict[str, None] = {}
    for art in Catalog().all():
        for w in " ".join([art.title, *art.paragraphs]).split():
            words.setdefault(w.strip("«»،؛؟.:!()"), None)
    return [w for w in words if w]


def generate(folder: Path, articles: int, per_partition: int = 1000) -> None:
    import numpy as np
    import pyarrow as pa

    from akhbar.transforms.normalize import normalize_text
    from akhbar.warehouse.lake import Lake
    from akhbar.warehouse.schema import TABLES

    if (folder / "done").exists() and json.loads((folder / "done").read_text())["articles"] == articles:
        return
    shutil.rmtree(folder, ignore_errors=True)
    lake = Lake(str(folder / "lake"))
    schema = TABLES["articles"]
    rng = np.random.default_rng(13)
    vocab = np.array(_vocabulary())
    weights = 1 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    written, part = 0, 0
    while written < articles:
        n = min(per_partition, articles - written)
        day, outlet = date(2025, 1, 1) + timedelta(days=part // len(OUTLETS)), OUTLETS[part % len(OUTLETS)]
        ids = [f"{written + i:016x}" for i in range(n)]
        texts = [" ".join(rng.choice(vocab, 300, p=weights)) for _ in range(n)]
        cols = {"article_id": ids, "url": [f"https://{outlet}.example/news/{i}" for i in ids],
                "title": [" ".join(t.split()[:10]) for t in texts], "text": texts,
                "text_norm": [normalize_text(t) for t in texts], "language": [outlet[:2]] * n,
                "content_hash": ids}
        table = pa.table({f.name: pa.array(cols[f.name], f.type) if f.name in cols else pa.nulls(n, f.type)
                          for f in schema}, schema=schema)
        lake.replace_partition("articles", day, outlet, table)
        written += n
        part += 1
    (folder / "done").write_text(json.dumps({"articles": written}))


def _median(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args(argv)

    from akhbar.search import search
    from akhbar.warehouse import search_index
    from akhbar.warehouse.duck import query
    from akhbar.warehouse.lake import Lake

    data = BENCH_DIR / "search"
    generate(data, args.articles)
    shutil.rmtree(search_index.index_dir(data), ignore_errors=True)
    t = time.perf_counter()
    built = search_index.sync(data)
    build_s = time.perf_counter() - t
    unchanged_s = _median(lambda: search_index.sync(data), 3)
    lake = Lake(str(data / "lake"))
    rows = lake.read_partition("articles", "2025-01-01", "fa-one")
    lake.replace_partition("articles", "2025-01-01", "fa-one", rows.slice(1))
    t = time.perf_counter()
    changed = search_index.sync(data)
    one_part_s = time.perf_counter() - t

    vocab = _vocabulary()
    queries = {"rare": vocab[-1], "common": vocab[0], "two words": f"{vocab[5]} {vocab[40]}"}
    results = {}
    for kind, q in queries.items():
        ours = _median(lambda q=q: search(data, q, limit=20))
        scan = _median(lambda q=q: query(data, "select article_id, title from articles where text_norm like "
                                               f"'%' || normalize_text('{q}') || '%' limit 20").fetchall())
        results[kind] = {"query": q, "search_s": ours, "like_scan_s": scan, "ratio": ours / scan,
                         "hits": search(data, q, limit=None).num_rows}
    report = {"articles": built.documents, "build_s": build_s, "build_articles_per_s": built.documents / build_s,
              "sync_unchanged_s": unchanged_s, "sync_one_partition_s": one_part_s,
              "reindexed": changed.indexed, "queries": results,
              "index_mb": sum(f.stat().st_size for f in search_index.index_dir(data).rglob("*")) / 2**20}
    (BENCH_DIR / "search.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
