"""Evidence a fact-checker can hand over: WACZ packages of archived articles, signed, verifiable, cited.

- ``akhbar export --format wacz`` (:func:`export_range`): the articles of a range of days and outlets, each with
  its archived response and request, in one WACZ (package.py) that pywb and ReplayWeb.page replay;
- ``akhbar evidence ARTICLE_ID`` (:func:`export_article`): one article with every capture of its URLs that the
  archive holds (the replay index, as pywb's TimeMap lists them);
- ``--key KEY.pem`` signs the package's digest, ``--tsa URL`` adds an RFC 3161 timestamp (signing.py);
- ``akhbar verify FILE.wacz`` (verify.py) checks every byte, the signature and the timestamp;
- each package written is remembered in ``<data>/evidence/packages.jsonl`` (ledger.py) for ``akhbar show``'s
  citation line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from akhbar.evidence import ledger
from akhbar.evidence.package import Wanted, Written, file_sha256, iso, write_package
from akhbar.evidence.signing import Signer
from akhbar.settings import Settings

#: the lake's columns a page line carries (besides the record's URL, date and status)
PAGE_COLUMNS = ("article_id", "title", "outlet", "day", "published_at", "captured_at", "capture_source",
                "canonical_url", "language")
_ROW_COLUMNS = ", ".join(
    [c if c != "day" else "cast(day as varchar) as day" for c in PAGE_COLUMNS]
    + ["url", "fetched_at", "warc_file", "warc_offset", "warc_record_id"])
#: a package's tables (articles_unique: one capture per story, as `akhbar export --table articles_unique`)
WACZ_TABLES = ("articles", "articles_unique")


class ArticleNotFound(ValueError):
    pass


def wacz_target(settings: Settings, output: str | Path) -> Path:
    """The package's path, checked before anything is read (akhbar.export.output_path) and named ``*.wacz`` as
    the spec requires."""
    from akhbar.export import output_path, protected_paths

    if str(output) == "-":
        raise ValueError("a WACZ package cannot be written to standard output: give -o FILE.wacz")
    if not str(output).endswith(".wacz"):
        raise ValueError(f"{output}: a WACZ package's name ends in .wacz")
    return output_path(output, protected_paths(settings.data_dir, settings.lake_uri))


def make_signer(key: Path | None, tsa: str | None, tsa_ca: Path | None = None) -> Signer | None:
    """The key and the timestamp server's root loaded, its URL checked, before anything is read or written."""
    from akhbar.evidence.package import software
    from akhbar.evidence.signing import check_tsa_url, load_certificates, load_private_key

    if tsa is not None and key is None:
        raise ValueError("--tsa timestamps the signature: give --key too")
    if tsa_ca is not None and tsa is None:
        raise ValueError("--tsa-ca is the root of the --tsa server's certificates: give --tsa too")
    if key is None:
        return None
    name = software()
    return Signer(load_private_key(key), check_tsa_url(tsa) if tsa else None, name, name.split(" ")[-1],
                  load_certificates(tsa_ca) if tsa_ca else None)


def _check_pywb(settings: Settings) -> None:
    from akhbar import replay

    replay.pywb_tool(settings, "python")  # the package's index is pywb's: missing, one line before any work


def _page(row: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {**{k: row[k] for k in PAGE_COLUMNS}, **extra}


def export_range(settings: Settings, output: str | Path, *, start: date | None = None, end: date | None = None,
                 outlets: Iterable[str] | None = None, table: str = "articles", key: Path | None = None,
                 tsa: str | None = None, tsa_ca: Path | None = None, memory_limit: str | None = None,
                 batch_rows: int = 2048) -> Written:
    """The articles of ``table`` (WACZ_TABLES) of the days and outlets chosen, as one WACZ at ``output``."""
    from akhbar.export import select_sql
    from akhbar.warehouse.duck import confined_connection

    if table not in WACZ_TABLES:
        raise ValueError(f"--format wacz packages articles or articles_unique, not {table}")
    if start and end and end < start:
        raise ValueError("--to is before --from")
    target = wacz_target(settings, output)
    signer = make_signer(key, tsa, tsa_ca)
    _check_pywb(settings)
    chosen = list(dict.fromkeys(outlets or []))
    inner = select_sql(table, start=start, end=end, outlets=chosen, columns=[_ROW_COLUMNS])
    sql = f"select * from ({inner}) where warc_file is not null order by warc_file, warc_offset"
    con = confined_connection(settings.data_dir, settings.lake_uri, memory_limit=memory_limit)

    def wanted() -> Iterator[Wanted]:
        current = None
        for batch in con.sql(sql).to_arrow_reader(batch_rows):
            for row in batch.to_pylist():
                if row["warc_file"] != current:
                    yield from _requisites_of(settings, current)
                    current = row["warc_file"]
                yield Wanted(row["warc_file"], row["warc_offset"], row["warc_record_id"], _page(row))
        yield from _requisites_of(settings, current)

    span = f"{start or 'the first day'} to {end or 'the last day'}"
    who = ", ".join(chosen) or "every outlet"
    metadata = {
        "title": f"akhbar: {who}, {span}",
        "description": f"Articles archived by akhbar ({table}) from {who}, {span}: each archived response with its "
                       "request record, and the lead images and stylesheets the crawl fetched for them, copied byte "
                       "for byte from the archive's WARC files. pages/pages.jsonl lists the articles with their "
                       "article_id.",
        "akhbar": {"kind": "range", "table": table, "from": iso(start), "to": iso(end), "outlets": chosen},
    }
    try:
        pages, created = write_package(settings, target, wanted(), metadata,
                                       signer.sign if signer else None)
    except ValueError as exc:
        if "nothing to package" in str(exc):
            raise ValueError(f"nothing to export: no article with an archived response from {who}, {span}") \
                from None
        raise
    finally:
        con.close()
    return _record(settings, target, pages, created, signer, metadata["akhbar"])


def _requisites_of(settings: Settings, warc_file: str | None) -> Iterator[Wanted]:
    """The requisites (lead images, stylesheets) a WARC file of the range holds: the crawl fetched them for the
    articles it archived there, so replay shows those pages as they looked."""
    from akhbar.evidence.records import requisite_offsets

    if warc_file is not None:
        for offset in requisite_offsets(settings.data_dir.resolve(), warc_file):
            yield Wanted(warc_file, offset, None, None)


def _article_requisites(settings: Settings, found: Iterable[tuple[str, int]]) -> list[Wanted]:
    """Every capture of the lead image and stylesheets that the article's captures name (crawler.requisites)."""
    from akhbar.crawler.requisites import page_requisites
    from akhbar.crawler.warc import read_response
    from akhbar.evidence.records import captures

    urls: dict[str, None] = {}
    for warc_file, offset in found:
        response = read_response(settings.data_dir.resolve(), warc_file, offset)
        if response is not None and response.status == 200:
            urls.update(dict.fromkeys(page_requisites(response.body, response.url)))
    hits = captures(settings, list(urls)) if urls else []
    return [Wanted(h.warc_file, h.offset, None, None) for h in hits if h.status == "200"]


def article_rows(settings: Settings, article_id: str) -> list[dict[str, Any]]:
    """Every lake row of the article, oldest fetch first."""
    from akhbar.warehouse.duck import connect

    con = connect(settings.data_dir, settings.lake_uri)
    try:
        rel = con.execute(f"select {_ROW_COLUMNS} from articles where article_id = $1 "
                          "order by fetched_at, warc_file, warc_offset", [article_id])
        cols = [d[0] for d in rel.description]
        return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
    finally:
        con.close()


def export_article(settings: Settings, article_id: str, output: str | Path, *, key: Path | None = None,
                   tsa: str | None = None, tsa_ca: Path | None = None) -> Written:
    """One article with every capture of its URLs the archive holds (records.captures), as one WACZ."""
    from akhbar.evidence.records import captures

    target = wacz_target(settings, output)
    signer = make_signer(key, tsa, tsa_ca)
    _check_pywb(settings)
    rows = article_rows(settings, article_id)
    if not rows:
        raise ArticleNotFound(f"no article {article_id!r} in the lake (ids are in the article_id column)")
    newest = rows[-1]
    urls = list(dict.fromkeys([r["url"] for r in rows] + [r["canonical_url"] for r in rows if r["canonical_url"]]))
    by_record = {(r["warc_file"], r["warc_offset"]): r for r in rows if r["warc_file"]}
    found = {(h.warc_file, h.offset) for h in captures(settings, urls)} | set(by_record)
    wanted = []
    for where in sorted(found):
        row = by_record.get(where)
        page = _page(row, in_lake=True) if row else {"article_id": article_id, "title": newest["title"],
                                                      "outlet": newest["outlet"], "in_lake": False}
        wanted.append(Wanted(*where, row["warc_record_id"] if row else None, page))
    wanted += _article_requisites(settings, sorted(found))
    metadata = {
        "title": newest["title"] or newest["url"],
        "description": f"Every capture akhbar holds of the article {article_id} ({newest['outlet']}, "
                       f"{newest['url']}): {len(found)} archived response(s) of its URL(s), each with its "
                       "request record, with the lead image and stylesheets of the page, copied byte for byte from the "
                       "archive's WARC files.",
        # the spec's spelling, and py-wacz's and ReplayWeb.page's
        "mainPageUrl": newest["url"], "mainPageURL": newest["url"], "mainPageDate": iso(newest["fetched_at"]),
        "akhbar": {"kind": "article", "article_id": article_id, "urls": urls},
    }
    pages, created = write_package(settings, target, wanted, metadata, signer.sign if signer else None)
    return _record(settings, target, pages, created, signer, metadata["akhbar"])


def _record(settings: Settings, target: Path, pages: int, created: str, signer: Signer | None,
            what: dict[str, Any]) -> Written:
    digest = file_sha256(target)
    written = Written(target, digest, target.stat().st_size, pages, created,
                      signer.fingerprint if signer else None, signer.stamped_at if signer else None)
    ledger.remember(settings.data_dir, written, what)
    return written
