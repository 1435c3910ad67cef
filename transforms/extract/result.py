"""What extraction gives: the Extracted page, or the ExtractionError saying why there is none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ExtractionError(ValueError):
    """The page is not an article page we can extract (not HTML, empty, no text)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NoArticleText(ExtractionError):
    """The page is HTML but holds no article text (empty, or nothing the extractor takes for a body): a page that
    is no article, where any other ExtractionError means the page could not be read as one."""


@dataclass(frozen=True)
class Extracted:
    title: str | None
    text: str
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    image: str | None = None
    source_credit: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    #: where published_at came from (one of DATE_SOURCES) and every date signal seen, «source=ISO»
    date_source: str | None = None
    date_signals: list[str] = field(default_factory=list)
    language: str | None = None
    canonical_url: str | None = None
    encoding: str | None = None
    #: invalid bytes repaired while decoding (transforms.encoding.Decoded.repairs)
    decode_repairs: int = 0
    #: parts of the page left unread and why (a JSON-LD script too deep or too big, a malformed canonical)
    notes: list[str] = field(default_factory=list)


