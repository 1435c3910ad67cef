"""The full-text index of the articles: a tantivy index under ``<data>/index/search``, kept in step with the lake.

One document per article row (day, outlet, article_id). The text is analysed here, in Python, with the same
``transforms.normalize`` the lake's ``text_norm`` uses, and handed to tantivy already split (its ``whitespace``
tokenizer only splits on the spaces we put): so the query and the documents can never be analysed differently,
and no stemmer touches Persian or Arabic (the Arabic Snowball stemmer turns وزیر into زیر).

Fields: ``title`` and ``body`` hold the words of the matching form (``normalize_text(…, fold=True)``: alef
forms, heh goal and yeh barree folded on top of ``text_norm``, see transforms.normalize) of the title and of
``text_norm``, where a ZWNJ-joined word is one word («گفت‌وگو» and «گفتوگو» are both ``گفتوگو``); ``parts`` holds
the body with every ZWNJ read as a space (``گفت``, ``وگو``). Arabic punctuation («» ، ؛ ؟ ٪) is never part of a
word (``tokens()``), digits of any script are ASCII.

A Persian compound is written three ways — with ZWNJ «می‌شود», joined «میشود», or with a space «می شود» — and
each must find the other two. The index stores one form per document; the query analysis generates the others,
so the query grows by a constant per word (linear, with MAX_QUERY_WORDS as the cap):

- typed with a space («می شود»): each word may be joined to a neighbour (``گفتوگو`` in ``body``), or found as it
  is (``parts`` holds the halves of every ZWNJ word);
- typed with ZWNJ («کتاب‌ها»): the writer told us the boundary, so the phrase of its halves («کتاب ها») is a
  variant (up to 2**3 joins of a word of four parts, «زمین‌لرزه‌ای»: «زمین لرزه ای», «زمینلرزه ای», …);
- typed joined («کتابها»): the boundary is guessed from the affixes Persian writes with ZWNJ or a space
  (``PREFIXES`` می, نمی, بی; ``SUFFIXES`` ها, های, تر, ترین, …; ای and ی after a final ه), never from a
  dictionary, and only with a stem of at least two letters (three after بی), so «میز», «تنها»'s «تن ها» aside,
  ordinary words are not split: «وزیر» is never «و زیر».

Incremental: each (day, outlet) partition has a fingerprint (row count and a hash of article_id and
content_hash, read through the DuckDB views, so the lake's layout stays warehouse.duck's business); a partition
whose fingerprint changed is deleted by its ``part`` term and indexed again, a vanished one deleted. The
manifest of fingerprints is written (atomically) after tantivy's commit, so a crash in between only means the
partition is indexed again next time. Writers take turns through a lock in ``<data>/locks``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import tantivy

from akhbar.transforms.normalize import ZWNJ, fold_normalized, normalize_text, tokens
from akhbar.warehouse.children import forkserver_context, main_not_rerun
from akhbar.warehouse.duck import DamagedFile, connect, readable_error
from akhbar.warehouse.lake import Lake
from akhbar.warehouse.locks import partition_lock

#: bump when the schema or the analysis changes: the index is then rebuilt from the lake
INDEX_VERSION = 3
INDEX_DIR = Path("index") / "search"
MANIFEST = "manifest.json"
#: the text fields a query looks in, and their BM25 boosts (a word in the headline weighs more)
TEXT_FIELDS = {"title": 2.0, "body": 1.0, "parts": 0.5}
_QUOTED = re.compile(r'"([^"]*)"')
log = logging.getLogger(__name__)


def index_dir(data_dir: str | Path) -> Path:
    return Path(data_dir) / INDEX_DIR


def analyze(text: str | None) -> list[str]:
    """The index words of ``text``: in matching form (ي/ی, ك/ک, أ/ا, digits, harakat, ZWNJ joined), split on
    non-words."""
    return tokens(normalize_text(text or "", fold=True))


def analyze_norm(text_norm: str) -> list[str]:
    """:func:`analyze` of a body from its stored ``text_norm`` (of any version: only the matching folds are added)."""
    return tokens(fold_normalized(text_norm))


def analyze_parts(text: str | None) -> list[str]:
    """Like :func:`analyze`, but a ZWNJ separates words («گفت‌وگو» gives «گفت», «وگو»)."""
    return tokens(normalize_text((text or "").replace(ZWNJ, " "), fold=True))


#: Persian affixes written with ZWNJ, a space or joined (in matching form): where a joined query word may split
PREFIXES = ("نمی", "می", "بی")
SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها", "ترین", "تر")
#: ... only after a word's final ه («خانه‌ای», «خانه‌ی», «خانه‌اش»)
AFTER_HEH = ("ای", "ی", "اش")
_MIN_STEM = {"بی": 3}
#: a ZWNJ word of at most this many parts gets every mix of joined and spaced halves as a variant
MAX_PART_MIXES = 4


def compound_variants(word: str, parts: list[str] | None = None) -> list[tuple[str, ...]]:
    """The other spellings of the Persian compound ``word`` (an analysed query word) as word sequences: from its
    ZWNJ ``parts`` when the query had them, else from its affixes; [] for an ordinary word («وزیر»)."""
    if parts and len(parts) > 1:
        if len(parts) > MAX_PART_MIXES:
            return [tuple(parts)]
        out = []
        for mask in range(2 ** (len(parts) - 1) - 1):  # every boundary a space or joined, not all joined
            seq = [parts[0]]
            for i, part in enumerate(parts[1:]):
                if mask >> i & 1:
                    seq[-1] += part
                else:
                    seq.append(part)
            out.append(tuple(seq))
        return out
    out = []
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM.get(prefix, 2):
            out.append((prefix, word[len(prefix):]))
            break  # «نمی» before «می»: «نمیشود» is «نمی شود», not «نمی» split again
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            out.append((word[:-len(suffix)], suffix))
            break  # the longest: «کتابهایشان» is «کتاب هایشان»
    for suffix in AFTER_HEH:
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2 and stem.endswith("\u0647"):
            out.append((stem, suffix))
            break
    return out


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in ("article_id", "part", "outlet", "lang"):
        sb.add_text_field(name, stored=True, tokenizer_name="raw")
    sb.add_integer_field("day_num", stored=True, indexed=True, fast=True)
    # the row a result shows (title, url, text for the snippet, …) as JSON, stored only: a search reads no Parquet
    sb.add_bytes_field("record", stored=True, indexed=False)
    for name in TEXT_FIELDS:
        sb.add_text_field(name, stored=False, tokenizer_name="whitespace")
    return sb.build()


def _part_key(day: str, outlet: str) -> str:
    return f"{day}/{outlet}"


def _day_num(day: date | str) -> int:
    return int(str(day).replace("-", ""))


def _open_index(folder: Path, *, fresh: bool) -> tantivy.Index:
    if fresh and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return tantivy.Index(_schema(), path=str(folder))


def _read_manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    return data if data.get("version") == INDEX_VERSION else None


def _write_manifest(folder: Path, parts: dict[str, str], stamp: str | None, documents: int) -> None:
    tmp = folder / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps({"version": INDEX_VERSION, "parts": parts, "stamp": stamp, "documents": documents},
                              sort_keys=True))
    os.replace(tmp, folder / MANIFEST)


def _lake_stamp(lake_uri: str) -> str | None:
    """A hash of the articles files' names, sizes and modification times (Lake.listing, whatever the layout):
    equal to the last sync's, nothing can have changed and the (dearer) row fingerprints are skipped. None:
    unknown (the rows decide)."""
    try:
        lake = Lake(lake_uri)
        listing = lake.listing("articles")
        paths = [*listing.days, *listing.months]
        infos = [(p, (i := lake.fs.info(p)).get("size"), str(i.get("mtime") or i.get("LastModified") or i.get("ETag")))
                 for p in paths]
    except (AttributeError, OSError):
        return None
    return hashlib.sha1(json.dumps(sorted(infos)).encode()).hexdigest()


FINGERPRINT_SQL = """
select cast(day as varchar) as day, outlet,
       count(*) || ':' || hash(string_agg(article_id || '|' || coalesce(content_hash, '') || '|'
                                          || coalesce(title, ''), ',' order by article_id, content_hash)) as fp
from articles group by all
"""

#: the columns a result carries besides article_id, day, outlet, score, snippet (the newest row of an article)
RECORD_COLUMNS = ["title", "url", "text", "published_at", "language", "warc_file", "fetched_at"]
#: the rows of a batch of partitions (keys "day/outlet" in $3, their days between $1 and $2, so the scan prunes
#: files and row groups), the newest row of each article
BATCH_SQL = f"""
select cast(day as varchar) as day, outlet, article_id, text_norm, {", ".join(RECORD_COLUMNS)} from articles
where day between cast($1 as date) and cast($2 as date) and list_contains($3, cast(day as varchar) || '/' || outlet)
qualify row_number() over (partition by day, outlet, article_id order by fetched_at desc nulls last) = 1
order by day, outlet, article_id
"""
#: a sync reads the changed partitions in batches of about this many rows (one query each, not one per partition)
BATCH_ROWS = 20_000
#: from this many rows to index, the analysis runs in a process pool of one worker per core
POOL_MIN_ROWS = 40_000


@dataclass
class SyncResult:
    indexed: list[str]
    deleted: list[str]
    documents: int


def _batches(keys: list[str], rows: dict[str, int], size: int = BATCH_ROWS) -> list[list[str]]:
    """Sorted partition keys cut into consecutive runs of about ``size`` rows (a partition is never split)."""
    out: list[list[str]] = []
    count = size
    for key in keys:
        if count >= size:
            out.append([])
            count = 0
        out[-1].append(key)
        count += rows.get(key, 0)
    return out


def _fields(rows: list[tuple[str | None, str | None, str | None]]) -> list[tuple[str, str, str]]:
    """The title, body and parts fields (words joined by spaces) of (title, text, text_norm) rows."""
    return [(" ".join(analyze(title)), " ".join(analyze_norm(norm) if norm is not None else analyze(text)),
             " ".join(analyze_parts(text))) for title, text, norm in rows]


class _Analysis:
    """Analyses batches in this process, or in a pool of one worker per core (a first build of a large lake):
    a batch is handed out when it is read and collected after the next one is read, so the DuckDB scan, the
    workers and tantivy's indexing thread overlap."""

    def __init__(self, rows: int) -> None:
        cpus = os.cpu_count() or 1
        self.workers = cpus if rows >= POOL_MIN_ROWS and cpus > 1 else 0
        self._pool: ProcessPoolExecutor | None = None
        if self.workers:  # forkserver: a worker never inherits the index lock held here
            ctx = forkserver_context(["akhbar.transforms.normalize"])
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx)

    def submit(self, rows: list[tuple[str | None, str | None, str | None]]) -> Callable[[], list[tuple[str, str, str]]]:
        if self._pool is None:
            return lambda: _fields(rows)
        step = max(1, -(-len(rows) // (2 * self.workers)))
        with main_not_rerun():  # a submit may start a worker
            futures = [self._pool.submit(_fields, rows[i:i + step]) for i in range(0, len(rows), step)]
        return lambda: [f for fut in futures for f in fut.result()]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _read_batch(con: duckdb.DuckDBPyConnection, keys: list[str]) -> list[tuple]:
    days = [k.split("/", 1)[0] for k in keys]
    return con.execute(BATCH_SQL, [min(days), max(days), keys]).fetchall()


def _add_batch(writer: tantivy.IndexWriter, rows: list[tuple], fields: list[tuple[str, str, str]]) -> None:
    for (day, outlet, article_id, _norm, *values), (title, body, parts) in zip(rows, fields, strict=True):
        rec = dict(zip(RECORD_COLUMNS, values, strict=True))
        writer.add_document(tantivy.Document(
            article_id=article_id, part=_part_key(day, outlet), outlet=outlet, lang=rec["language"] or "",
            day_num=_day_num(day), record=json.dumps(rec, default=str, ensure_ascii=False).encode(),
            title=title, body=body, parts=parts,
        ))


def sync(data_dir: str | Path, lake_uri: str | None = None, *,
         con: duckdb.DuckDBPyConnection | None = None) -> SyncResult:
    """Bring the index in step with the lake: re-index changed partitions, delete vanished ones. ``con``: a
    connection from warehouse.duck.connect to reuse (opening one costs more than an unchanged sync). A lake file
    DuckDB cannot read is a DamagedFile naming it (the index is left as it was)."""
    try:
        return _sync(data_dir, lake_uri, con=con)
    except duckdb.Error as exc:
        error = readable_error(exc, Lake(lake_uri or str(Path(data_dir).resolve() / "lake")))
        if error is exc:
            raise
        raise error from exc


def sync_index(data_dir: str | Path, lake_uri: str | None = None) -> SyncResult | None:
    """:func:`sync`, except that a damaged lake file leaves the index as it was, with a warning naming the file
    (None): searches answer from the index meanwhile."""
    try:
        return sync(data_dir, lake_uri)
    except DamagedFile as exc:
        log.warning("the search index was not brought up to date: %s", exc)
        return None


def _sync(data_dir: str | Path, lake_uri: str | None, *, con: duckdb.DuckDBPyConnection | None) -> SyncResult:
    folder = index_dir(data_dir)
    with partition_lock(Path(data_dir), "search", "index", wait=True):
        manifest = _read_manifest(folder)
        stamp = _lake_stamp(lake_uri or str(Path(data_dir).resolve() / "lake"))
        if manifest is not None and stamp is not None and manifest.get("stamp") == stamp:
            return SyncResult([], [], manifest.get("documents", 0))  # no file of the lake changed: nothing to do
        con = con or connect(data_dir, lake_uri)
        current = {_part_key(d, o): fp for d, o, fp in con.sql(FINGERPRINT_SQL).fetchall()}
        known: dict[str, str] = manifest["parts"] if manifest else {}
        index = _open_index(folder, fresh=manifest is None)
        changed = sorted(k for k, fp in current.items() if known.get(k) != fp)
        gone = sorted(set(known) - set(current))
        if not changed and not gone and manifest is not None:
            documents = index.searcher().num_docs
            _write_manifest(folder, current, stamp, documents)
            return SyncResult([], [], documents)
        rows = {k: int(current[k].split(":", 1)[0]) for k in changed}  # the fingerprint starts with the count
        writer = index.writer(heap_size=50_000_000, num_threads=1)
        for key in changed + gone:
            writer.delete_documents_by_term("part", key)
        analysis = _Analysis(sum(rows.values()))
        try:
            pending: tuple[list[tuple], Callable[[], list]] | None = None
            for keys in _batches(changed, rows):
                batch = _read_batch(con, keys)
                ready = analysis.submit([(r[4], r[6], r[3]) for r in batch])  # title, text, text_norm
                if pending is not None:
                    _add_batch(writer, pending[0], pending[1]())
                pending = (batch, ready)
            if pending is not None:
                _add_batch(writer, pending[0], pending[1]())
        finally:
            analysis.close()
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        documents = index.searcher().num_docs
        _write_manifest(folder, current, stamp, documents)
        return SyncResult(changed, gone, documents)


@dataclass(frozen=True)
class ParsedQuery:
    """The query's quoted phrases and its loose words, each already analysed, and the other spellings of its
    Persian compounds (analysed word -> word sequences, see :func:`compound_variants`)."""

    phrases: list[list[str]]
    words: list[str]
    compounds: dict[str, list[tuple[str, ...]]] = dataclasses.field(default_factory=dict)

    @property
    def terms(self) -> set[str]:
        """Every index word the query can match (with joined neighbours), for highlighting a snippet."""
        out = set(self.words)
        for seq in [*self.phrases, self.words]:
            out.update(seq)
            out.update(a + b for a, b in itertools.pairwise(seq))
            out.update(a + b + c for a, b, c in zip(seq, seq[1:], seq[2:], strict=False))
        return out


#: a search query's bounds: its length in characters and its words (loose and quoted, after analysis). Each word
#: adds a few term queries (a phrase's joined variants: its length squared), so these bound what a query costs.
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 32


#: the most results a search returns (`akhbar search --limit`); None (every match) only in the library
MAX_LIMIT = 10_000


class QueryTooLong(ValueError):
    """A search query longer than MAX_QUERY_CHARS or with more than MAX_QUERY_WORDS words."""


def check_limit(limit: int | None) -> int | None:
    """``limit`` if it is None or a whole number from 1 to MAX_LIMIT, else ValueError."""
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"--limit {limit}: expected a whole number from 1 to {MAX_LIMIT:,}")
    return limit


def parse_limit(text: str) -> int:
    """`akhbar search --limit` as typed: a whole number from 1 to MAX_LIMIT (``1e20``, ``abc``: ValueError)."""
    value = text.strip()
    if not value.isascii() or not value.isdigit() or len(value) > len(str(MAX_LIMIT)):
        raise ValueError(f"--limit {text}: expected a whole number from 1 to {MAX_LIMIT:,}")
    return check_limit(int(value))  # type: ignore[return-value]


def check_query(query: str) -> None:
    """A search query within MAX_QUERY_CHARS and MAX_QUERY_WORDS, else QueryTooLong (a ValueError)."""
    parse(query)


def parse(query: str) -> ParsedQuery:
    """``"..."`` is a phrase, the rest loose words (all must match); normalised like the documents. QueryTooLong
    beyond MAX_QUERY_CHARS characters or MAX_QUERY_WORDS words."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryTooLong(f"the search query has {len(query):,} characters: at most {MAX_QUERY_CHARS:,}")
    compounds: dict[str, list[tuple[str, ...]]] = {}
    phrases = [_analyze_query(p, compounds) for p in _QUOTED.findall(query)]
    rest = _QUOTED.sub(" ", query).replace('"', " ")
    parsed = ParsedQuery([p for p in phrases if p], _analyze_query(rest, compounds), compounds)
    words = len(parsed.words) + sum(len(p) for p in parsed.phrases)
    if words > MAX_QUERY_WORDS:
        raise QueryTooLong(f"the search query has {words} words: at most {MAX_QUERY_WORDS}")
    for word in {*parsed.words, *itertools.chain.from_iterable(parsed.phrases)} - set(compounds):
        if variants := compound_variants(word):
            compounds[word] = variants
    return parsed


def _analyze_query(text: str, compounds: dict[str, list[tuple[str, ...]]]) -> list[str]:
    """:func:`analyze` of query text, noting in ``compounds`` the variants of each word typed with ZWNJ (the
    boundary as typed; ZWNJ is not whitespace, so a chunk between spaces holds one such word)."""
    words = []
    for chunk in text[:MAX_QUERY_CHARS].split():
        joined = analyze(chunk)
        words += joined
        if len(joined) == 1 and ZWNJ in chunk and len(parts := analyze_parts(chunk)) > 1:
            compounds[joined[0]] = compound_variants(joined[0], parts)
    return words


def _variants(words: list[str]) -> list[list[str]]:
    """A phrase as typed, and with each pair and each triple of neighbours joined: «گفت وگو» may be the
    half-spaced «گفتوگو», «زمین لرزه ای» the «زمینلرزهای», typed with spaces (about 2 * len(words) variants of
    about len(words) words: bounded by MAX_QUERY_WORDS)."""
    out = [words]
    for size in (2, 3):
        out += [[*words[:i], "".join(words[i:i + size]), *words[i + size:]] for i in range(len(words) - size + 1)]
    return out


def _joins_around(words: list[str], i: int) -> list[str]:
    """The joined pairs and triples of neighbours that contain word ``i``."""
    return ["".join(words[j:j + size]) for size in (2, 3) for j in range(max(0, i - size + 1), i + 1)
            if j + size <= len(words)]


def _any_field(schema: tantivy.Schema, words: list[str]) -> tantivy.Query:
    """``words`` as a phrase (one word: that word) in any text field, each field with its boost."""
    per_field = []
    for field, boost in TEXT_FIELDS.items():
        if len(words) > 1:
            q = tantivy.Query.phrase_query(schema, field, words)
        else:
            q = tantivy.Query.term_query(schema, field, words[0])
        per_field.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, boost)))
    return tantivy.Query.boolean_query(per_field)


def _phrase_clause(schema: tantivy.Schema, words: list[str],
                   compounds: dict[str, list[tuple[str, ...]]] | None = None) -> tantivy.Query:
    """The phrase in any of its spellings: as typed, with neighbours joined, or with one compound spelled
    another way (its word replaced by the variant's words)."""
    variants = _variants(words)
    for i, word in enumerate(words):
        variants += [[*words[:i], *v, *words[i + 1:]] for v in (compounds or {}).get(word, [])]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, _any_field(schema, v)) for v in variants])


def _words_clause(schema: tantivy.Schema, words: list[str],
                  compounds: dict[str, list[tuple[str, ...]]] | None = None) -> tantivy.Query:
    """Every loose word, each in any field, or inside a neighbour-joined pair or triple (a half-spaced word typed
    with spaces: «گفت وگو» finds «گفتوگو»), or as its compound variants' phrases («کتابها» finds «کتاب ها»): one
    clause of at most six words and a few phrases per word, so the query grows linearly with its words (the old
    form, every pair joined in a copy of all the words, grew with their square)."""
    clauses = []
    for i, word in enumerate(words):
        options = [[o] for o in dict.fromkeys([word, *_joins_around(words, i)])]
        options += [list(v) for v in (compounds or {}).get(word, [])]
        clauses.append((tantivy.Occur.Must, tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, _any_field(schema, o)) for o in options])))
    return tantivy.Query.boolean_query(clauses)


def build_query(schema: tantivy.Schema, parsed: ParsedQuery, *, start: date | None = None, end: date | None = None,
                outlets: Iterable[str] | None = None, lang: str | None = None,
                article_ids: Collection[str] | None = None) -> tantivy.Query | None:
    """The tantivy query: every phrase and the loose words must match, then the filters (``article_ids``: only
    these articles, e.g. those revisits saw change); None: nothing to find."""
    if article_ids is not None and not article_ids:
        return None
    must = [_phrase_clause(schema, p, parsed.compounds) for p in parsed.phrases]
    if parsed.words:
        must.append(_words_clause(schema, parsed.words, parsed.compounds))
    if not must:
        return None
    if start or end:
        must.append(tantivy.Query.range_query(schema, "day_num", tantivy.FieldType.Integer,
                                              _day_num(start) if start else None, _day_num(end) if end else None))
    if outlets:
        must.append(tantivy.Query.term_set_query(schema, "outlet", list(outlets)))
    if lang:
        must.append(tantivy.Query.term_query(schema, "lang", lang))
    if article_ids is not None:
        must.append(tantivy.Query.term_set_query(schema, "article_id", sorted(article_ids)))
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in must])


@dataclass(frozen=True)
class Hit:
    article_id: str
    day: str
    outlet: str
    score: float
    #: RECORD_COLUMNS of the row (timestamps as ISO strings)
    record: dict


def search(data_dir: str | Path, query: str, *, limit: int | None = 20, records: bool = True,
           **filters) -> list[Hit]:
    """Hits of ``query`` in the index as it is (call :func:`sync` first), best first; ``limit`` None: all.
    ``records`` False: each hit's stored row is not decoded (``Hit.record`` empty; counting needs no text)."""
    parsed = parse(query)  # QueryTooLong before the index is opened
    folder = index_dir(data_dir)
    if _read_manifest(folder) is None:
        return []
    index = tantivy.Index.open(str(folder))
    q = build_query(index.schema, parsed, **filters)
    if q is None:
        return []
    searcher = index.searcher()
    # tantivy sizes its top-k heap by the limit: never more than there are documents
    n = searcher.num_docs if limit is None else min(limit, searcher.num_docs)
    if n <= 0:
        return []
    hits = []
    for score, address in searcher.search(q, n).hits:
        doc = searcher.doc(address)
        day, outlet = doc["part"][0].split("/", 1)
        record = json.loads(doc["record"][0]) if records else {}
        hits.append(Hit(doc["article_id"][0], day, outlet, float(score), record))
    return hits


_WORD_SPAN = re.compile(r"[\w\u200c\u0640\u064b-\u065f\u0670]+")  # words with their ZWNJ, tatweel, harakat


def _match_at(joined: list[list[str]], i: int, wanted: set[str]) -> int | None:
    """The last word of a match starting at word ``i``: the word itself, or it and up to MAX_PART_MIXES - 1
    following words that together spell a query word (a compound written with spaces, «کتاب ها» for «کتابها»)."""
    if not joined[i]:
        return None
    if joined[i][0] in wanted:
        return i
    spelled = joined[i][0]
    for k in range(i + 1, min(len(joined), i + MAX_PART_MIXES)):
        if not joined[k]:
            return None
        spelled += joined[k][0]
        if spelled in wanted:
            return k
    return None


def snippet(text: str | None, parsed: ParsedQuery, *, width: int = 8) -> str:
    """Keyword in context: the first matching word of ``text`` as published, ``width`` words either side, the
    match in [brackets]."""
    if not text:
        return ""
    spans = list(_WORD_SPAN.finditer(text))
    joined = [analyze(m.group()) for m in spans]
    wanted = parsed.terms
    hit = last = None
    for i in range(len(spans)):
        if (last := _match_at(joined, i, wanted)) is not None:
            hit = i
            break
    if hit is None:  # a query word that is one part of a half-spaced word («گفت» of «گفت‌وگو»)
        hit = next((i for i, m in enumerate(spans) if wanted & set(analyze_parts(m.group()))), None)
        last = hit
    if hit is None:
        end = spans[min(len(spans), 2 * width) - 1].end() if spans else len(text)
        return text[:end].replace("\n", " ") + (" …" if end < len(text) else "")
    # a quoted phrase is bracketed whole
    for phrase in parsed.phrases:
        flat = [w for ws in joined[hit:hit + len(phrase)] for w in ws]
        if flat == phrase:
            last = max(last, hit + len(phrase) - 1)
    lo, hi = max(0, hit - width), min(len(spans) - 1, last + width)
    first, end = spans[hit].start(), spans[last].end()
    out = text[spans[lo].start():first] + "[" + text[first:end] + "]" + text[end:spans[hi].end()]
    return ("… " if lo > 0 else "") + " ".join(out.split()) + (" …" if hi < len(spans) - 1 else "")
