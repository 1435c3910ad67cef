"""The one options object passed through extraction (trafilatura's ``Extractor`` is the model): what the caller
knows about the page and the thresholds it runs with. Nothing in the package reads the clock: ``now`` is the time the
page was fetched (dates after it are implausible; relative dates count back from it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from akhbar.transforms.thresholds import EXTRACTION, ExtractionThresholds


@dataclass(frozen=True)
class ExtractOptions:
    #: the page's URL (dates in its path, relative links, the canonical's base)
    url: str | None = None
    #: the response's Content-Type (a charset there, or a type that is no HTML)
    content_type: str | None = None
    #: the outlet's IANA timezone, for local times the page writes without an offset
    tz: str | None = None
    #: when the page was fetched (timezone-aware); None: no date is judged to lie in the future
    now: datetime | None = None
    #: the outlet's ``[extract]`` rules (outlets.registry.ExtractOverrides: drop_selectors, body_selector)
    overrides: Any | None = None
    thresholds: ExtractionThresholds = field(default=EXTRACTION)

    @property
    def drop_selectors(self) -> list[str]:
        return list(getattr(self.overrides, "drop_selectors", None) or [])

    @property
    def body_selector(self) -> str | None:
        return getattr(self.overrides, "body_selector", None)
