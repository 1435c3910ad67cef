"""akhbar: crawl-and-archive pipeline for Persian- and Arabic-language news.

``from akhbar import Archive`` reads an archive from Python (akhbar.api); it is imported on first use, so
``import akhbar`` stays cheap (no DuckDB, no pyarrow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from akhbar.api import Archive

__all__ = ["Archive"]


def __getattr__(name: str):
    if name == "Archive":
        from akhbar.api import Archive

        return Archive
    raise AttributeError(f"module 'akhbar' has no attribute {name!r}")
