"""The one door to trafilatura: every part of it that transforms/extract/ drives, private ones included.

Only ``bare_extraction`` and ``__version__`` are trafilatura's public API. The rest are internals that
extract/ runs step by step instead of trafilatura's own metadata pass (see ``extract.meta.page_meta``):
the ``<meta>`` reader, the JSON-LD reader fed our parsed documents, the title/byline/tag-link finders,
the HTML loader and the htmldate parameters. Internals change without notice between minor versions,
which is why pyproject pins trafilatura below 2.4; tests/transforms/test_trafilatura_adapter.py checks that each
still exists with the signature and behaviour we rely on, so an upgrade fails there first, by name.
"""

from __future__ import annotations

from typing import Any

import trafilatura
from trafilatura.json_metadata import extract_json, normalize_json
from trafilatura.metadata import examine_meta, extract_author, extract_catstags, extract_title
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import load_html

__all__ = ["VERSION", "Document", "bare_extraction", "date_params", "examine_meta", "extract_author",
           "extract_catstags", "extract_json", "extract_title", "load_html", "normalize_json"]

VERSION: str = trafilatura.__version__


def bare_extraction(tree: Any, url: str | None, **options: Any) -> Document | None:
    """trafilatura's main-text pass over a parsed page (``.text`` holds the body), or None."""
    return trafilatura.bare_extraction(tree, url=url, **options)


def date_params() -> dict[str, Any]:
    """The htmldate arguments trafilatura's metadata pass uses (extensive search; max_date is today, so
    it is computed per call)."""
    return set_date_params(True)
