"""The archive from Python: ``Archive("data").articles(day=…)``, ``.search(…)``, ``.sql(…)`` as Arrow tables.

Read-only, through the same confined DuckDB connection as ``akhbar query`` (SELECT only, the lake and nothing
else, a memory and a time limit). Arrow tables go anywhere: ``.to_pandas()``, ``polars.from_arrow(t)``,
``duckdb.sql("select … from t")``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyarrow as pa

from akhbar.export import EXPORT_TABLES, export, select_sql
from akhbar.warehouse.duck import confined_connection, query

Day = date | str


def _day(value: Day | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"malformed date {value!r}: expected YYYY-MM-DD") from None


def _outlets(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


class Archive:
    """An akhbar data dir (or a lake URL), read-only.

    >>> a = Archive("data")
    >>> a.articles(day="2025-01-07", outlet="fa-payam").num_rows
    """

    def __init__(self, data_dir: str | Path | None = None, *, lake: str | None = None,
                 timeout: float | None = None, memory_limit: str | None = None) -> None:
        """``data_dir`` (default: AKHBAR_DATA_DIR, else data); ``lake`` a path or fsspec URL instead of
        <data_dir>/lake; ``timeout`` (seconds) and ``memory_limit`` per query, as AKHBAR_QUERY_TIMEOUT/MEMORY."""
        from akhbar.settings import Settings

        cfg = Settings.from_env().with_options(data_dir=Path(data_dir) if data_dir is not None else None,
                                               lake_uri=lake)
        self.data_dir = cfg.data_dir
        self.lake_uri = cfg.lake_uri
        self.timeout = timeout if timeout is not None else cfg.query_timeout
        self.memory_limit = memory_limit or cfg.query_memory

    def __repr__(self) -> str:
        return f"Archive({str(self.data_dir)!r}, lake={self.lake_uri!r})"

    def sql(self, sql: str) -> pa.Table:
        """A read-only query's result (the last statement's); writes, COPY, ATTACH, SET… are refused."""
        rel = query(self.data_dir, sql, self.lake_uri, timeout=self.timeout, memory_limit=self.memory_limit)
        return rel.to_arrow_table() if rel is not None else pa.table({})

    def table(self, name: str = "articles", *, day: Day | None = None, start: Day | None = None,
              end: Day | None = None, outlet: str | Iterable[str] | None = None) -> pa.Table:
        """Rows of ``articles``, ``articles_unique``, ``duplicates`` or ``crawl_log``: one ``day`` or the days
        ``start``..``end`` (inclusive), of one or more outlets; everything when no filter is given."""
        first, last = (_day(day), _day(day)) if day is not None else (_day(start), _day(end))
        sql = select_sql(name, start=first, end=last, outlets=_outlets(outlet))
        con = confined_connection(self.data_dir, self.lake_uri, memory_limit=self.memory_limit)
        try:
            return con.sql(sql).to_arrow_table()
        finally:
            con.close()

    def articles(self, day: Day | None = None, outlet: str | Iterable[str] | None = None, *,
                 start: Day | None = None, end: Day | None = None, unique: bool = False) -> pa.Table:
        """The articles of a day (or range) and outlet(s); ``unique`` keeps one row per story (no copies)."""
        return self.table("articles_unique" if unique else "articles", day=day, start=start, end=end,
                          outlet=outlet)

    def search(self, query: str, *, start: Day | None = None, end: Day | None = None,
               outlet: str | Iterable[str] | None = None, lang: str | None = None, limit: int | None = 20,
               changed: bool = False, deleted: bool = False) -> pa.Table:
        """The best-ranked articles for ``query`` (BM25 over title and text, Persian/Arabic normalised), with a
        keyword-in-context snippet; ``"…"`` is a phrase. ``changed``/``deleted``: only articles revisits saw
        edited / deleted (``akhbar search --changed/--deleted``)."""
        from akhbar.search import DELETIONS, EDITS, search

        changes = [*(EDITS if changed else ()), *(DELETIONS if deleted else ())]
        return search(self.data_dir, query, lake_uri=self.lake_uri, start=_day(start), end=_day(end),
                      outlets=_outlets(outlet), lang=lang, limit=limit, changes=changes)

    def export(self, table: str, fmt: str, output: str | Path, *, start: Day | None = None, end: Day | None = None,
               outlet: str | Iterable[str] | None = None) -> int:
        """Write a table as jsonl, csv or parquet, streaming (what ``akhbar export`` does); returns the rows."""
        return export(self.data_dir, table, fmt, output, start=_day(start), end=_day(end), outlets=_outlets(outlet),
                      lake_uri=self.lake_uri, memory_limit=self.memory_limit)

    def versions(self, article_id: str) -> pa.Table:
        """Every version of an article, oldest first: 1 is the first capture (the ``articles`` row), then each
        distinct version revisits saw (``article_versions``: edits, deletions, restorations), with its change
        summary and replay address (docs/revisits.md). Empty when the id is unknown."""
        from akhbar.changes import versions

        return pa.Table.from_pylist(versions(self.data_dir, article_id, self.lake_uri))

    tables = EXPORT_TABLES
