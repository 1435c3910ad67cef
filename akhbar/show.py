"""One article's record (`akhbar show ARTICLE_ID`): its metadata, its cluster's other copies, its replay address,
and a citation line to quote it by."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from akhbar.replay import replay_url, timemap_url
from akhbar.warehouse.duck import connect

RECORD_SQL = """
select article_id, title, outlet, cast(day as varchar) as day, url, canonical_url, published_at, modified_at,
       fetched_at, captured_at, capture_source, authors, source_credit, language, section, tags, warc_file,
       warc_offset
from articles where article_id = $1
qualify row_number() over (order by fetched_at desc) = 1
"""

CLUSTER_SQL = """
select d.cluster_id, d.canonical_id, d.method, d.similarity
from duplicates d where d.article_id = $1 limit 1
"""

COPIES_SQL = """
select d.article_id, a.outlet, a.title, a.url, d.method, d.similarity, d.article_id = d.canonical_id as canonical
from duplicates d join articles a using (article_id)
where d.cluster_id = $1 and d.article_id <> $2
qualify row_number() over (partition by d.article_id order by a.fetched_at desc) = 1
order by canonical desc, a.outlet
"""


class ArticleNotFound(ValueError):
    pass


def _rows(con, sql: str, params: list) -> list[dict[str, Any]]:
    rel = con.execute(sql, params)
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]


def article(data_dir: str | Path, article_id: str, *, lake_uri: str | None = None,
            replay_base: str = "http://127.0.0.1:8090") -> dict[str, Any]:
    """The article's newest row, with ``cluster`` (None: not clustered yet), ``copies`` (the cluster's other
    articles), ``replay_url``, ``timemap_url``, ``wacz`` (the newest package holding it, from the evidence
    ledger, or None) and ``citation``; ArticleNotFound when no row has that id."""
    from akhbar.evidence import ledger

    con = connect(data_dir, lake_uri)
    found = _rows(con, RECORD_SQL, [article_id])
    if not found:
        raise ArticleNotFound(f"no article {article_id!r} in the lake (ids are in the article_id column)")
    rec = found[0]
    cluster = _rows(con, CLUSTER_SQL, [article_id])
    rec["cluster"] = cluster[0] if cluster else None
    rec["copies"] = _rows(con, COPIES_SQL, [cluster[0]["cluster_id"], article_id]) if cluster else []
    rec["replay_url"] = (replay_url(replay_base, rec["url"], rec["fetched_at"])
                         if rec["warc_file"] and rec["fetched_at"] else None)
    rec["timemap_url"] = timemap_url(replay_base, rec["url"]) if rec["warc_file"] else None
    rec["wacz"] = ledger.latest(Path(data_dir), article_id, rec["day"], rec["outlet"])
    rec["citation"] = citation(rec)
    return rec


def _utc(value: datetime | None) -> str:
    if value is None:
        return "unknown"
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    return f"{value.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"


def citation(rec: dict[str, Any]) -> str:
    """One line to cite the article by, its parts always in this order: outlet, «title», published, captured
    (and by whom, for a web archive's capture), URL, replay address, the package's SHA-256 when one was exported.
    Times are UTC to the second; a part the archive does not know says so."""
    captured = _utc(rec.get("captured_at") or rec.get("fetched_at"))
    source = rec.get("capture_source") or "live"
    if source != "live":
        captured += f" by {source}, fetched {_utc(rec.get('fetched_at'))}"
    parts = [rec["outlet"], f"«{' '.join((rec.get('title') or 'untitled').split())}»",
             f"published {_utc(rec.get('published_at'))}", f"captured {captured}", rec["url"],
             f"archived {rec['replay_url']}" if rec.get("replay_url") else "no archived response"]
    if rec.get("wacz"):
        parts.append(f"WACZ sha256:{rec['wacz']['sha256']}")
    return ". ".join(parts) + "."
