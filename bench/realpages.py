"""``../shared/real-pages`` (225 real news pages: ``source.html.gz``, ``meta.json``, ``gold.txt``), read once for
every benchmark; an absent folder gives no pages, so the benchmarks skip that corpus cleanly."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES_DIR = REPO.parent / "shared" / "real-pages"


@dataclass(frozen=True)
class RealPage:
    name: str
    url: str
    html: bytes
    meta: dict
    gold_text: str | None  # gold body, one paragraph per line (None where the folder has no gold.txt)


def real_pages(directory: Path = PAGES_DIR) -> Iterator[RealPage]:
    """The pages that have a meta.json, sorted by folder name."""
    if not directory.is_dir():
        return
    for d in sorted(p for p in directory.iterdir() if (p / "meta.json").is_file()):
        meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
        gold = d / "gold.txt"
        yield RealPage(d.name, meta["url"], gzip.decompress((d / "source.html.gz").read_bytes()), meta,
                       gold.read_text(encoding="utf-8") if gold.is_file() else None)
