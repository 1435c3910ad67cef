"""Full-text search and term trends over the archive (the commands `akhbar search` and `akhbar trend`).

The index (warehouse.search_index) is brought in step with the lake lazily, at the start of every search: only
partitions whose rows changed since the last search are indexed again, so the first search after a night pays
for that night only. A hit's row (title, url, text for the snippet, …) is stored in the index with it, so a search
reads no Parquet.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from akhbar.warehouse import search_index
from akhbar.warehouse.duck import changed_article_ids, connect
from akhbar.warehouse.schema import ChangeEvent

#: result columns, in order (F's Archive.search returns exactly these)
COLUMNS = ["article_id", "day", "outlet", "title", "url", "score", "snippet", "published_at", "language",
           "warc_file", "fetched_at"]
PERIODS = ("day", "week")

_EMPTY = pa.schema([("article_id", pa.string()), ("day", pa.date32()), ("outlet", pa.string()),
                    ("title", pa.string()), ("url", pa.string()), ("score", pa.float32()),
                    ("snippet", pa.string()), ("published_at", pa.timestamp("us", tz="UTC")),
                    ("language", pa.string()), ("warc_file", pa.string()),
                    ("fetched_at", pa.timestamp("us", tz="UTC"))])


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _ts(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


#: what ``search(changes=…)`` calls an edited article and a deleted one (``akhbar search --changed/--deleted``)
EDITS = (ChangeEvent.HEADLINE_CHANGED, ChangeEvent.BODY_CHANGED, ChangeEvent.STEALTH_EDIT)
DELETIONS = (ChangeEvent.DELETED,)
MAX_LIMIT = search_index.MAX_LIMIT
MAX_QUERY_WORDS = search_index.MAX_QUERY_WORDS
MAX_QUERY_CHARS = search_index.MAX_QUERY_CHARS
check_limit = search_index.check_limit
parse_limit = search_index.parse_limit
check_query = search_index.check_query
sync_index = search_index.sync_index


def _hits(data_dir: str | Path, query: str, lake_uri: str | None, limit: int | None,
          start, end, outlets, lang, *, sync: bool = True, records: bool = True,
          changes: Iterable[str] | None = None) -> list[search_index.Hit]:
    check_limit(limit)
    check_query(query)
    start, end = _day(start), _day(end)
    if start and end and end < start:
        raise ValueError("--to is before --from")
    if sync:
        sync_index(data_dir, lake_uri)
    ids = None if not changes else changed_article_ids(data_dir, changes, lake_uri)
    return search_index.search(data_dir, query, limit=limit, records=records, start=start, end=end,
                               outlets=list(outlets) if outlets else None, lang=lang, article_ids=ids)


def search(data_dir: str | Path, query: str, *, lake_uri: str | None = None, start: date | str | None = None,
           end: date | str | None = None, outlets: Iterable[str] | None = None, lang: str | None = None,
           limit: int | None = 20, sync: bool = True, changes: Iterable[str] | None = None) -> pa.Table:
    """The articles matching ``query`` best first (BM25 over title and text), with a keyword-in-context snippet.

    Loose words must all match, each anywhere in the article; ``"..."`` is a phrase; at most MAX_QUERY_WORDS
    words and MAX_QUERY_CHARS characters. ``start``/``end`` are UTC days (inclusive), ``outlets`` slugs, ``lang``
    a language code; ``limit`` 1 to MAX_LIMIT, or None for every match. ``sync`` False: search the index as it is
    (the CLI brings it up to date first, outside the query's memory and time limits). ``changes``: only articles
    with one of these events in ``article_changes`` (``EDITS``, ``DELETIONS``: warehouse.schema.ChangeEvent)."""
    hits = _hits(data_dir, query, lake_uri, limit, start, end, outlets, lang, sync=sync, changes=changes)
    if not hits:
        return _EMPTY.empty_table()
    rows = pa.table({
        "article_id": [h.article_id for h in hits], "day": [date.fromisoformat(h.day) for h in hits],
        "outlet": [h.outlet for h in hits], "title": [h.record["title"] for h in hits],
        "url": [h.record["url"] for h in hits], "score": pa.array([h.score for h in hits], pa.float32()),
        "text": [h.record["text"] for h in hits],
        "published_at": pa.array([_ts(h.record["published_at"]) for h in hits], pa.timestamp("us", tz="UTC")),
        "language": [h.record["language"] for h in hits], "warc_file": [h.record["warc_file"] for h in hits],
        "fetched_at": pa.array([_ts(h.record["fetched_at"]) for h in hits], pa.timestamp("us", tz="UTC")),
    })
    parsed = search_index.parse(query)
    snippets = [search_index.snippet(t, parsed) for t in rows.column("text").to_pylist()]
    rows = rows.drop_columns(["text"]).add_column(6, "snippet", pa.array(snippets, pa.string()))
    return rows.select(COLUMNS).cast(_EMPTY)


def trend(data_dir: str | Path, term: str, *, by: str = "day", lake_uri: str | None = None,
          start: date | str | None = None, end: date | str | None = None, outlets: Iterable[str] | None = None,
          lang: str | None = None, sync: bool = True) -> pa.Table:
    """How many articles matched ``term`` per period (``day``, or ``week`` starting Monday) and outlet."""
    if by not in PERIODS:
        raise ValueError(f"--by {by!r}: expected one of {', '.join(PERIODS)}")
    hits = _hits(data_dir, term, lake_uri, None, start, end, outlets, lang, sync=sync, records=False)
    found = pa.table({"article_id": pa.array([h.article_id for h in hits], pa.string()),
                      "day": pa.array([date.fromisoformat(h.day) for h in hits], pa.date32()),
                      "outlet": pa.array([h.outlet for h in hits], pa.string())})
    con = duckdb.connect()
    con.register("found", found)
    period = "day" if by == "day" else "cast(date_trunc('week', day) as date)"
    rel = con.sql(f"select {period} as period, outlet, count(distinct article_id) as articles "
                  "from found group by all order by period, outlet").to_arrow_table()
    return rel


def volume(data_dir: str | Path, *, by: str = "day", lake_uri: str | None = None,
           outlets: Iterable[str] | None = None) -> pa.Table:
    """Articles archived per period and outlet (the `akhbar plot volume` chart)."""
    if by not in PERIODS:
        raise ValueError(f"--by {by!r}: expected one of {', '.join(PERIODS)}")
    con = connect(data_dir, lake_uri)
    period = "day" if by == "day" else "cast(date_trunc('week', day) as date)"
    wanted = list(outlets) if outlets else None
    return con.sql(f"select {period} as period, outlet, count(distinct article_id) as articles from articles "
                   "where $1::varchar[] is null or list_contains($1::varchar[], outlet) group by all "
                   "order by period, outlet", params=[wanted]).to_arrow_table()
