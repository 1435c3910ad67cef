"""An in-memory search index with the schema and analysis of warehouse.search_index, for tests of what a query
finds without a lake (tests/warehouse/test_search_index.py, tests/test_peers.py)."""

from __future__ import annotations

import tantivy

from akhbar.transforms.normalize import normalize_text
from akhbar.warehouse import search_index as si


class MiniIndex:
    def __init__(self, texts: list[str], *, norms: list[str] | None = None) -> None:
        """``norms``: the stored text_norm of each text (default: this version's)."""
        self.texts = texts
        self.index = tantivy.Index(si._schema())
        writer = self.index.writer(heap_size=15_000_000, num_threads=1)
        norms = norms or [normalize_text(t) for t in texts]
        fields = si._fields([(None, t, n) for t, n in zip(texts, norms, strict=True)])
        for n, (title, body, parts) in enumerate(fields):
            writer.add_document(tantivy.Document(
                article_id=str(n), part="2025-01-01/x", outlet="x", lang="fa", day_num=20250101, record=b"{}",
                title=title, body=body, parts=parts))
        writer.commit()
        self.index.reload()

    def find(self, query: str) -> set[str]:
        q = si.build_query(self.index.schema, si.parse(query))
        if q is None:
            return set()
        searcher = self.index.searcher()
        return {self.texts[int(searcher.doc(a)["article_id"][0])] for _, a in searcher.search(q, 100).hits}
