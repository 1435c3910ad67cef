"""The alternative measured: DuckDB's fts extension over the same synthetic lake as bench/search_bench.py.

Not part of the project's environment: the fts extension has PyPI wheels only for DuckDB 1.5.5 (the project runs
2.0), so this runs in a throwaway venv, loading the extension from its local file with autoinstall off::

    python3 -m venv /tmp/ftsvenv && /tmp/ftsvenv/bin/pip install duckdb==1.5.5 duckdb-extension-fts==1.5.5
    .venv/bin/python -m bench.search_bench           # writes .bench/search/ and .bench/search.json
    /tmp/ftsvenv/bin/python bench/search_fts_duckdb.py

It builds the index (``stemmer='none'``: the Arabic Snowball stemmer damages Persian; text already normalised by
``transforms.normalize``), then times ``match_bm25`` for the queries of ``.bench/search.json`` (median of 5) and
writes ``.bench/search_fts.json``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402  (the throwaway venv's 1.5.5)
import duckdb_extension_fts  # noqa: E402

from akhbar.transforms.normalize import normalize_text  # noqa: E402


def _median(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ours = json.loads((ROOT / ".bench" / "search.json").read_text())
    lake = ROOT / ".bench" / "search" / "lake" / "articles"
    ext = next(Path(duckdb_extension_fts.__file__).parent.rglob("fts.duckdb_extension"))
    con = duckdb.connect()
    con.execute("set autoinstall_known_extensions = false")
    con.execute(f"load '{ext}'")
    t = time.perf_counter()
    con.execute(f"create table docs as select article_id, title, text_norm from read_parquet('{lake}/**/*.parquet', "
                "hive_partitioning = true)")
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    con.execute("pragma create_fts_index('docs', 'article_id', 'title', 'text_norm', stemmer = 'none', "
                "stopwords = 'none', strip_accents = 0, lower = 1)")
    build_s = time.perf_counter() - t
    n = con.execute("select count(*) from docs").fetchone()[0]
    results = {}
    for kind, q in ours["queries"].items():
        words = normalize_text(q["query"])

        def run(words=words, limit="limit 20"):
            return con.execute("select article_id, score from (select article_id, fts_main_docs.match_bm25("
                               "article_id, ?, conjunctive := 1) as score from docs) where score is not null "
                               f"order by score desc {limit}", [words]).fetchall()

        results[kind] = {"query": q["query"], "fts_s": _median(run), "hits": len(run(limit="")),
                         "ours_s": q["search_s"], "ours_hits": q["hits"]}
    report = {"duckdb": duckdb.__version__, "articles": n, "load_s": load_s, "build_s": build_s,
              "build_articles_per_s": n / build_s, "ours_build_s": ours["build_s"], "queries": results}
    (ROOT / ".bench" / "search_fts.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
