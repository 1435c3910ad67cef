"""Duplicate clusters across outlets and days: same URL identity, exact copies, near copies.

Nothing is deleted: every article gets one :class:`DupRow` saying which cluster it belongs to and
which member stands for the cluster (``articles_unique`` keeps the canonical rows).

Links between two articles:

- ``url``: the same ``article_id`` seen more than once (re-fetched, or on two days) is one node;
- ``exact``: the same ``content_hash`` (sha1 of the normalised body) and at least
  ``EXACT_MIN_TOKENS`` words — shorter bodies are mostly placeholders («برای مشاهده ویدیو کلیک کنید»)
  that different stories share;
- ``near``: a MinHash LSH candidate (shared band) whose estimated Jaccard similarity of word shingles
  is at least ``SIGNATURE_PARAMS.threshold`` — or at least ``floor`` with the smaller body lying for
  ``containment`` inside the larger (a story wrapped in another site's boilerplate) —, both bodies
  having at least ``min_tokens`` words, so a short item never merges on a shared template line alone.

``exact`` and ``near`` links only join articles whose days are at most ``LOOKBACK_DAYS`` apart, so the
answer for a day depends only on the days around it — whatever order days are run in.

Clusters are not connected components (A~B~C chains drift from one story into another through
shared boilerplate): articles are visited in canonical-rank order and each joins the cluster of the
canonical it is directly linked to with the highest similarity, or founds its own. Every member is
thus a copy of its canonical, and ``similarity`` in its row is measured against the canonical.

Canonical rule (the cluster's representative), first difference wins:

1. earliest publication: the day first (the UTC day the article belongs to), then ``published_at``
   with a missing time after every known time of that day;
2. an original outlet before one marked ``aggregator = true`` in its config;
3. the longest text (``text_chars``);
4. the smallest ``article_id`` (a final, arbitrary but deterministic tie-break).

Cluster id rule: ``cluster_id = canonical_id``. A cluster therefore cannot have two canonicals by
construction: the id *is* the canonical. The rank is a strict total order and a pointer only ever
goes to a member ranked at or before the article itself, so pointers never form a cycle and every
story stays visible in ``articles_unique`` at least once, whatever order days were run in.

Daily runs (:func:`cluster`) compute rows for one day's articles against ``prior`` articles of the
``LOOKBACK_DAYS`` before. Prior articles keep their stored assignment (``Doc.canonical_id``, from the
``duplicates`` table): today's copy joins a prior article only if that article is a canonical, never
re-rooting an existing cluster. A back-filled earlier day changes what later days should hold, but
only where it reaches: an article's row is a function of the canonicals ranked before it that it is
linked to, so :func:`cluster_reached` re-clusters a later article only when a linked article before
it *moved* (founded a cluster, or changed between canonical and copy) or its canonical stopped being
one, transitively — the result equals running every day in calendar order, at the cost of the copies
reached rather than of every later day (``akhbar.pipeline.dedup_range`` follows the reach window by
window). :func:`recluster` re-clusters every article of a range afresh.

What the lake must store for this (read back for the prior days): in ``articles`` the columns
``article_id, day, outlet, published_at, text_chars, content_hash`` (present) plus ``signature``
(binary, :func:`signature` of ``text_norm``; if absent or made with other parameters it is
recomputed from ``text_norm``, so either column suffices); the outlet's ``aggregator`` flag comes from
the registry; ``canonical_id`` from ``duplicates``.
"""

from __future__ import annotations

import hashlib
import struct
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np
import rensa

from akhbar.transforms.normalize import (  # tokens: words of a normalised body (bench and tests use it)
    normalize_text,
    tokens,
)

#: days before (and after) an article within which exact and near copies are linked
LOOKBACK_DAYS = 7
#: bodies shorter than this many words never form ``exact`` edges
EXACT_MIN_TOKENS = 20

_HEADER = struct.Struct("<2sBBHHI")  # magic, algorithm version, shingle, num_perm, seed, token count
_MAGIC = b"mh"
_VERIFY_CHUNK = 50_000  # candidate pairs compared per numpy batch (bounds memory)
#: a family of identical or near-identical bodies larger than this (thousands of automated price, weather or
#: prayer-time items in a week) is not paired all with all (quadratic: 12k members made 73M pairs and ran out of
#: memory): each member is paired with the family's FAMILY_HEAD best-ranked members, which hold its canonical
#: (a canonical ranks before its copies). Families of up to this size are paired all with all, as before.
FAMILY_ALL_PAIRS = 64
FAMILY_HEAD = 32


@dataclass(frozen=True)
class SignatureParams:
    """MinHash parameters; ``python -m bench.dedup_bench`` measures them (see BENCHMARKS.md).

    - ``num_perm``: permutations (signature length, 4 bytes each); 128 keeps the standard error of
      the Jaccard estimate near 0.04 at 0.5;
    - ``shingle``: words per shingle; 5 makes two different reports on the same topic (same names,
      same phrases like «وزیر امور خارجه») share few shingles, while edits only touch the shingles
      around them;
    - ``threshold``: estimated Jaccard at or above which an LSH candidate is a near copy;
    - ``min_tokens``: bodies with fewer words are never near-matched;
    - ``seed``: rensa's permutation seed — signatures stored in the lake must keep it.
    """

    num_perm: int = 128
    shingle: int = 5
    threshold: float = 0.5
    min_tokens: int = 50
    #: a pair below ``threshold`` is still a copy when the smaller body lies at least this much inside
    #: the larger (estimated containment) and their Jaccard is at least ``floor``: a story wrapped in
    #: another site's credit lines and «اقرأ أيضاً» headlines. None turns the rule off.
    containment: float | None = 0.7
    floor: float = 0.3
    seed: int = 1
    #: weight of missed pairs against extra candidates when choosing bands (verification removes
    #: false candidates, nothing brings back a missed one)
    fn_weight: float = 0.9

    @cached_property
    def bands(self) -> tuple[int, int]:
        """(bands, rows per band) for the LSH index, optimal for the lowest similarity accepted."""
        lowest = self.threshold if self.containment is None else min(self.threshold, self.floor)
        return optimal_bands(lowest, self.num_perm, self.fn_weight)

    def accept(self, jaccard: np.ndarray, words_a: np.ndarray, words_b: np.ndarray) -> np.ndarray:
        """Which candidate pairs are near copies, from estimated Jaccard and word counts."""
        ok = jaccard >= self.threshold
        if self.containment is not None:
            # |A∩B| = J(|A|+|B|)/(1+J) with |X| ~ shingles of X; containment of the smaller body
            size_a = np.maximum(words_a - self.shingle + 1, 1)
            size_b = np.maximum(words_b - self.shingle + 1, 1)
            inter = jaccard * (size_a + size_b) / (1 + jaccard)
            contained = inter / np.minimum(size_a, size_b)
            ok |= (jaccard >= self.floor) & (contained >= self.containment)
        return ok


def optimal_bands(threshold: float, num_perm: int, fn_weight: float = 0.5) -> tuple[int, int]:
    """The (b, r) with b*r <= num_perm minimising the weighted area of false candidates (below the
    threshold) and missed pairs (above it) under the S-curve 1-(1-s^r)^b."""
    s_lo = np.linspace(0.0, threshold, 200)
    s_hi = np.linspace(threshold, 1.0, 200)
    best, best_err = (1, num_perm), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = np.trapezoid(1 - (1 - s_lo**r) ** b, s_lo)
            fn = np.trapezoid((1 - s_hi**r) ** b, s_hi)
            err = (1 - fn_weight) * fp + fn_weight * fn
            if err < best_err:
                best, best_err = (b, r), err
    return best


SIGNATURE_PARAMS = SignatureParams()


def shingles(words: Sequence[str], k: int) -> list[str]:
    if len(words) <= k:
        return [" ".join(words)] if words else []
    return list(map(" ".join, zip(*(words[i:] for i in range(k)), strict=False)))


def signature(text_norm: str, params: SignatureParams = SIGNATURE_PARAMS) -> bytes | None:
    """MinHash of the word shingles of ``text_norm`` as bytes for a Parquet binary column.

    Layout: a 12-byte header (magic, rensa algorithm version, shingle size, num_perm, seed, word count)
    then ``num_perm`` little-endian uint32. The header lets a reader tell a signature made with other
    parameters (recomputed from ``text_norm``) and carries the word count for the ``min_tokens`` rule.
    None for an empty body.
    """
    words = tokens(text_norm)
    if not words:
        return None
    mh = rensa.RMinHash(num_perm=params.num_perm, seed=params.seed)
    mh.update(shingles(words, params.shingle))
    header = _HEADER.pack(_MAGIC, rensa.RMinHash.ALGORITHM_VERSION, params.shingle, params.num_perm,
                          params.seed, min(len(words), 0xFFFFFFFF))
    return header + np.asarray(mh.digest(), dtype="<u4").tobytes()


def _signature_layout(params: SignatureParams) -> tuple[int, bytes]:
    """(length, first 8 header bytes) of a current signature: magic, rensa version, shingle, num_perm, seed."""
    head = _HEADER.pack(_MAGIC, rensa.RMinHash.ALGORITHM_VERSION, params.shingle, params.num_perm, params.seed, 0)
    return _HEADER.size + 4 * params.num_perm, head[:8]


def signature_is_current(sig: bytes | None, params: SignatureParams = SIGNATURE_PARAMS) -> bool:
    """Whether ``decode_signature`` reads ``sig`` (present, made with these parameters), without decoding it."""
    size, head = _signature_layout(params)
    return sig is not None and len(sig) == size and sig[:8] == head


def decode_signature(sig: bytes | None, params: SignatureParams = SIGNATURE_PARAMS) -> tuple[np.ndarray, int] | None:
    """(hash values, word count) of a stored signature, or None when absent or made with other
    parameters (or another rensa algorithm version)."""
    if not signature_is_current(sig, params):
        return None
    n_words = _HEADER.unpack_from(sig)[-1]
    return np.frombuffer(sig, dtype="<u4", offset=_HEADER.size), n_words


def content_hash(text_norm: str) -> str:
    """The exact-duplicate key (same as the ``content_hash`` column: sha1 of ``text_norm``)."""
    return hashlib.sha1(text_norm.encode("utf-8")).hexdigest()


@dataclass
class Doc:
    """What dedup needs of one article row. ``signature`` may be None (computed from ``text_norm``);
    prior-day docs read back from the lake may carry an empty ``text_norm`` when their stored
    signature is current. ``canonical_id`` is the stored assignment of a prior doc (ignored on the
    docs being clustered)."""

    article_id: str
    outlet: str
    day: date
    published_at: datetime | None
    text_norm: str
    text_chars: int
    content_hash: str | None
    aggregator: bool = False
    signature: bytes | None = None
    canonical_id: str | None = None

    @classmethod
    def from_text(cls, article_id: str, outlet: str, day: date, text: str, *,
                  published_at: datetime | None = None, aggregator: bool = False) -> Doc:
        """A doc from a body as published (normalised here, like the pipeline's ``text_norm``)."""
        norm = normalize_text(text)
        return cls(article_id, outlet, day, published_at, norm, len(text), content_hash(norm) if norm else None,
                   aggregator)

    @classmethod
    def from_row(cls, row: Mapping[str, Any], *, aggregator: bool = False, canonical_id: str | None = None) -> Doc:
        """A doc from an ``articles`` row read back from the lake (its ``day`` and ``outlet`` partition
        columns included); a row stored without text or length gives an empty body."""
        return cls(row["article_id"], row["outlet"], row["day"], row["published_at"], row["text_norm"] or "",
                   row["text_chars"] or 0, row["content_hash"], aggregator, row["signature"], canonical_id)


class DupRow(NamedTuple):
    """One row of the ``duplicates`` table (``row._asdict()`` fits ``warehouse.schema.DUPLICATES``)."""

    article_id: str
    cluster_id: str
    canonical_id: str
    method: str  # url | exact | near | self
    similarity: float


def _utc(ts: datetime | None) -> datetime | None:
    if ts is None:
        return None
    return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)


class _Node:
    """All occurrences of one article_id."""

    __slots__ = ("aggregator", "article_id", "day", "docs", "hashes", "in_docs", "later", "published", "stored",
                 "text_chars")

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.docs: list[int] = []
        self.hashes: set[str] = set()
        self.in_docs = False
        self.later = False  # has an occurrence among the later (reopenable) articles
        self.day: date | None = None
        self.published: datetime | None = None
        self.aggregator = True
        self.text_chars = 0
        self.stored: str | None = None

    def add(self, i: int, d: Doc, in_docs: bool, later: bool = False) -> None:
        self.docs.append(i)
        self.in_docs |= in_docs
        self.later |= later
        if d.content_hash:
            self.hashes.add(d.content_hash)
        self.day = d.day if self.day is None else min(self.day, d.day)
        pub = _utc(d.published_at)
        if pub is not None and (self.published is None or pub < self.published):
            self.published = pub
        self.aggregator &= bool(d.aggregator)
        self.text_chars = max(self.text_chars, d.text_chars or 0)
        if not in_docs and d.canonical_id:
            self.stored = d.canonical_id if self.stored is None else min(self.stored, d.canonical_id)

    def rank(self) -> tuple:
        assert self.day is not None
        return (self.day, self.published is None, self.published or datetime.min.replace(tzinfo=UTC),
                self.aggregator, -self.text_chars, self.article_id)


def _signatures(items: Sequence[Doc], params: SignatureParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hash-value matrix, word counts and a has-signature mask for every item (the stored signatures decoded
    in one buffer; a missing or stale one computed from ``text_norm``)."""
    n = len(items)
    size, _ = _signature_layout(params)
    sigs = np.zeros((n, params.num_perm), dtype=np.uint32)
    n_words = np.zeros(n, dtype=np.int64)
    current = np.fromiter((signature_is_current(d.signature, params) for d in items), dtype=bool, count=n)
    where = np.flatnonzero(current)
    if len(where):
        raw = np.frombuffer(b"".join([items[i].signature for i in where.tolist()]), dtype=np.uint8).reshape(-1, size)
        n_words[where] = raw[:, _HEADER.size - 4:_HEADER.size].copy().view("<u4")[:, 0]
        sigs[where] = raw[:, _HEADER.size:].copy().view("<u4")
    ok = current.copy()
    for i in np.flatnonzero(~current).tolist():
        decoded = decode_signature(signature(items[i].text_norm, params), params) if items[i].text_norm else None
        if decoded is not None:
            sigs[i], n_words[i], ok[i] = decoded[0], decoded[1], True
    return sigs, n_words, ok


def _family_pairs(members: np.ndarray, priority: np.ndarray | None) -> np.ndarray:
    """Pairs (i < j) of one family (an LSH bucket or an exact-copy group): all of them up to FAMILY_ALL_PAIRS
    members, else every member with the FAMILY_HEAD best-ranked (lowest ``priority``; index order without one)."""
    members = np.sort(members)
    size = len(members)
    if size <= FAMILY_ALL_PAIRS:
        ii, jj = np.triu_indices(size, k=1)
        return np.stack([members[ii], members[jj]], axis=1)
    ranked = members[np.argsort(priority[members], kind="stable")] if priority is not None else members
    head, rest = ranked[:FAMILY_HEAD], ranked[FAMILY_HEAD:]
    ii, jj = np.triu_indices(len(head), k=1)
    pairs = np.concatenate([np.stack([head[ii], head[jj]], axis=1),
                            np.stack([np.repeat(rest, len(head)), np.tile(head, len(rest))], axis=1)])
    return np.sort(pairs, axis=1)


def band_keys(sigs: np.ndarray, params: SignatureParams = SIGNATURE_PARAMS) -> list[np.ndarray]:
    """One uint64 key per row and LSH band (two rows share a band when their keys are equal)."""
    b, r = params.bands
    rng = np.random.default_rng(0x5EED)
    mult = rng.integers(1, 2**63, size=r, dtype=np.uint64) | np.uint64(1)
    with np.errstate(over="ignore"):
        return [(sigs[:, band * r:(band + 1) * r].astype(np.uint64) * mult).sum(axis=1) ^ np.uint64(band)
                for band in range(b)]


def candidate_pairs(sigs: np.ndarray, params: SignatureParams = SIGNATURE_PARAMS,
                    priority: np.ndarray | None = None) -> np.ndarray:
    """LSH: the pairs (i < j) of rows sharing at least one band, as an (n, 2) array; a bucket of more than
    FAMILY_ALL_PAIRS rows gives each row's pairs with its FAMILY_HEAD best-ranked rows only (``priority``: each
    row's place in canonical-rank order, lower first; index order without it).

    Vectorised banding over the whole matrix (sort each band's hashes, pair up equal runs): the set
    of candidates does not depend on row order, unlike insert-then-query indexes.
    """
    n = len(sigs)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    out = []
    for keys in band_keys(sigs, params):
        order = np.argsort(keys, kind="stable")
        sk = keys[order]
        starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
        sizes = np.diff(np.r_[starts, n])
        # buckets of two (nearly all: a copy and its original) in one go, larger ones one by one
        two = starts[sizes == 2]
        if len(two):
            out.append(np.sort(np.stack([order[two], order[two + 1]], axis=1), axis=1))
        for s, size in zip(starts[sizes > 2], sizes[sizes > 2], strict=True):
            out.append(_family_pairs(order[s:s + size], priority))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(out), axis=0)


def cluster(docs: Sequence[Doc], prior: Iterable[Doc] = (), *, lookback_days: int = LOOKBACK_DAYS,
            params: SignatureParams = SIGNATURE_PARAMS) -> list[DupRow]:
    """One :class:`DupRow` per distinct ``article_id`` of ``docs``, clustered together with ``prior``
    (already-clustered articles of other days within the lookback, usually the days before).

    Articles are visited in canonical-rank order; each joins the cluster of the canonical it is most
    similar to (exact = 1.0, else the estimated Jaccard), or founds its own cluster. Every member is
    thus a direct copy of its canonical — no chains A~B~C that drift from one story to another. A
    prior article with a stored ``canonical_id`` keeps it. The rows depend on the set of inputs
    only, not on their order (see the module docstring for edges and rules).
    """
    return cluster_reached(docs, prior, lookback_days=lookback_days, params=params).rows


class Reclustered(NamedTuple):
    """What :func:`cluster_reached` produced: rows for the docs and for the later articles it reached,
    and the articles whose role (canonical or copy) may differ from the stored one."""

    rows: list[DupRow]
    moved: set[str]
    reached: int  # later articles re-clustered


def cluster_reached(docs: Sequence[Doc], prior: Iterable[Doc] = (), later: Iterable[Doc] = (), *,
                    moved: Iterable[str] = (), lookback_days: int = LOOKBACK_DAYS,
                    params: SignatureParams = SIGNATURE_PARAMS) -> Reclustered:
    """:func:`cluster` of ``docs`` against ``prior``, and of the ``later`` articles their clusters reach.

    ``later`` are articles ranked after ``docs`` (the days after a back-filled day) with their stored
    assignment. The greedy rank-order visit makes an article's assignment a function of the canonicals
    ranked before it that it is linked to, so a later article keeps its stored row unless a linked
    article before it *moved* (is a doc founding a cluster, or changed between canonical and copy,
    or is named in ``moved``: moved in an earlier window) or its stored canonical is no longer a
    canonical; only those are re-clustered, transitively. With stored rows equal to a calendar-order
    run, the result equals re-running every later day in calendar order.
    """
    docs, prior, later, moved = list(docs), list(prior), list(later), set(moved)
    items: list[Doc] = [*docs, *prior, *later]
    if not items:
        return Reclustered([], set(), 0)
    sigs, n_words, has_sig = _signatures(items, params)
    if later:  # only the part of the later days (and context) that the clusters can reach is clustered
        keep = _reach(items, len(docs), len(prior), sigs, has_sig, moved, params)
        if len(keep) < len(items):
            n_prior_kept = int(np.count_nonzero((keep >= len(docs)) & (keep < len(docs) + len(prior))))
            items = [items[i] for i in keep.tolist()]
            sigs, n_words, has_sig = sigs[keep], n_words[keep], has_sig[keep]
            prior = items[len(docs):len(docs) + n_prior_kept]
    n_docs, n_prior = len(docs), len(prior)
    nodes, node_of = _nodes(items, n_docs, n_prior)
    by_rank = sorted(range(len(nodes)), key=lambda k: nodes[k].rank())
    days = np.array([d.day.toordinal() for d in items], dtype=np.int64)
    links = _links(items, days, sigs, n_words, has_sig, lookback_days, params, _priority(nodes, by_rank, len(items)))

    item_node = {i: k for k, node in enumerate(nodes) for i in node.docs}
    moved_nodes = {node_of[a] for a in moved if a in node_of}
    centre_of: dict[int, int] = {}  # node -> node index of its cluster's canonical (visible ones)
    canonical_of: dict[int, str] = {}
    similarity_of: dict[int, tuple[str, float]] = {}
    produce: list[int] = []
    reached = 0

    def dirty(k: int, node: _Node) -> bool:
        if node.stored is None:
            return True
        if node.stored != node.article_id:
            c = node_of.get(node.stored)
            if c is None or centre_of.get(c) != c:
                return True  # its canonical became a copy, or is gone
        return any(item_node[j] in moved_nodes for i in node.docs for j in links.get(i, ()))

    for k in by_rank:
        node = nodes[k]
        if not node.in_docs and node.stored and not (node.later and dirty(k, node)):
            canonical_of[k] = node.stored
            if node.stored == node.article_id:
                centre_of[k] = k
            continue
        best: tuple[float, tuple, int, str] | None = None
        for i in node.docs:
            for j, (sim, how) in links.get(i, {}).items():
                c = centre_of.get(item_node[j])
                if c is None or c == k:
                    continue
                rank = nodes[c].rank()
                # the most similar canonical; at equal similarity the better-ranked one
                if best is None or sim > best[0] or (sim == best[0] and rank < best[1]):
                    best = (sim, rank, c, how)
        if best is None:
            centre_of[k] = k
            canonical_of[k] = node.article_id
        else:
            c = best[2]
            canonical_of[k] = canonical_of[c]
            similarity_of[k] = (best[3], best[0])
        if node.in_docs or node.later:
            produce.append(k)
            reached += not node.in_docs
            was_centre = node.stored == node.article_id
            # a doc founding a cluster may bring new links; otherwise only a change of role matters
            if (best is None) != was_centre or (node.in_docs and best is None):
                moved_nodes.add(k)

    out: list[DupRow] = []
    for k in produce:
        node = nodes[k]
        canonical = canonical_of[k]
        if k in similarity_of:
            method, similarity = similarity_of[k]
        else:
            method, similarity = ("url" if len(node.docs) > 1 else "self"), 1.0
        out.append(DupRow(node.article_id, canonical, canonical, method, round(float(similarity), 4)))
    out.sort(key=lambda row: row.article_id)
    return Reclustered(out, {nodes[k].article_id for k in moved_nodes}, reached)


def _reach(items: Sequence[Doc], n_docs: int, n_prior: int, sigs: np.ndarray, has_sig: np.ndarray,
           moved: set[str], params: SignatureParams) -> np.ndarray:
    """Indices (in order) of the items :func:`cluster_reached` needs, the others left out without changing
    a row: what a re-clustered article can be linked to, found without verifying any pair.

    Two items can only be linked (``url``, ``exact`` or ``near``) when they share a *group*: an article_id,
    a ``content_hash`` or an LSH band key. An article is re-clustered only when it is a doc, a later one
    without a stored row or whose stored canonical is not among the items, a later one sharing a group
    with an article that moved, or one whose stored canonical moved; and only *eligible* articles (docs,
    later ones, context without a stored row) are ever re-clustered. So the reach is the closure of those
    seeds through groups, expanded through eligible members only; kept with it: every member of their
    groups (candidate canonicals, with their stored role), the stored canonicals of the later ones, and
    the whole of any group larger than FAMILY_ALL_PAIRS (its pairs depend on all its members).

    The closure is a fixpoint computed a frontier at a time over (article, group) incidence arrays, so its
    cost is a few numpy passes per step of the longest chain rather than Python per member.
    """
    n = len(items)
    node_of: dict[str, int] = {}
    node = np.fromiter((node_of.setdefault(d.article_id, len(node_of)) for d in items), dtype=np.int64, count=n)
    n_nodes = len(node_of)
    in_docs = np.zeros(n_nodes, dtype=bool)
    in_docs[node[:n_docs]] = True
    later = np.zeros(n_nodes, dtype=bool)
    later[node[n_docs + n_prior:]] = True
    stored: dict[int, str] = {}
    for i in range(n_docs, n):
        c = items[i].canonical_id
        if c:
            k = int(node[i])
            stored[k] = min(stored.get(k, c), c)
    eligible = in_docs | later
    eligible[[k for k in range(n_nodes) if k not in stored]] = True
    # (item, group) incidence: content-hash groups, then LSH buckets, each of more than one item
    hashes: dict[str, int] = {}
    hash_id = np.fromiter((hashes.setdefault(d.content_hash, len(hashes)) if d.content_hash else -1 for d in items),
                          dtype=np.int64, count=n)
    inc_item, inc_group, n_groups = [], [], 0
    for labels, where in [(hash_id, np.flatnonzero(hash_id >= 0))] + (
            [(keys, with_sig) for with_sig in [np.flatnonzero(has_sig)] if len(with_sig) > 1
             for keys in band_keys(sigs[with_sig], params)]):
        _, inverse, counts = np.unique(labels[where] if len(where) < len(labels) else labels,
                                       return_inverse=True, return_counts=True)
        shared = counts[inverse] > 1
        inc_item.append(where[shared])
        inc_group.append(n_groups + inverse[shared])
        n_groups += len(counts)
    item_g, group = np.concatenate(inc_item), np.concatenate(inc_group)
    large = np.bincount(group, minlength=n_groups) > FAMILY_ALL_PAIRS  # its size in items, like its pairs
    pair = np.unique(node[item_g] * n_groups + group)  # (node, group), each once
    inc_n, inc_g = pair // n_groups, pair % n_groups
    large_inc = large[inc_g]
    # directed edges: a stored canonical to the later rows stored as its copies, and back
    copy_k = np.array([k for k, c in stored.items() if later[k] and c in node_of and node_of[c] != k], dtype=np.int64)
    canon_k = np.array([node_of[stored[k]] for k in copy_k.tolist()], dtype=np.int64)

    seeds = in_docs.copy()
    seeds[[node_of[a] for a in moved if a in node_of]] = True
    seeds[[k for k in np.flatnonzero(later).tolist() if k not in stored or stored[k] not in node_of]] = True
    kept, closed, frontier = seeds.copy(), seeds.copy(), seeds
    while True:
        hit = np.zeros(n_groups, dtype=bool)
        hit[inc_g[frontier[inc_n]]] = True
        kept[inc_n[hit[inc_g]]] = True  # every member of a group of an article closed just now
        kept[copy_k[frontier[canon_k]]] = True
        kept[canon_k[frontier[copy_k]]] = True
        while True:  # the whole of a large group that holds a kept article
            whole = np.zeros(n_groups, dtype=bool)
            whole[inc_g[large_inc & kept[inc_n]]] = True
            grown = np.zeros(n_nodes, dtype=bool)
            grown[inc_n[whole[inc_g]]] = True
            if not (grown & ~kept).any():
                break
            kept |= grown
        frontier = kept & eligible & ~closed
        if not frontier.any():
            return np.flatnonzero(kept[node])
        closed |= frontier


def linked_any(sources: Sequence[Doc], others: Sequence[Doc], *, lookback_days: int = LOOKBACK_DAYS,
               params: SignatureParams = SIGNATURE_PARAMS) -> bool:
    """Whether any of ``sources`` has an exact or near link to any of ``others`` (the look-ahead before
    re-clustering the days after a window for the canonicals founded near its end)."""
    if not sources or not others:
        return False
    # only the others sharing a content hash or an LSH band with a source can be linked to one
    sigs, n_words, has_sig = _signatures([*sources, *others], params)
    n = len(sources)
    hashes = {d.content_hash for d in sources if d.content_hash}
    near = np.zeros(len(others), dtype=bool)
    src = np.flatnonzero(has_sig[:n])
    if len(src):
        for keys in band_keys(sigs, params):
            near |= np.isin(keys[n:], keys[src]) & has_sig[n:]
    picked = [j for j, (d, m) in enumerate(zip(others, near.tolist(), strict=True)) if m or d.content_hash in hashes]
    if not picked:
        return False
    items = [*sources, *(others[j] for j in picked)]
    keep = np.r_[np.arange(n), n + np.array(picked, dtype=np.int64)]
    sigs, n_words, has_sig = sigs[keep], n_words[keep], has_sig[keep]  # computed once, above
    nodes, _ = _nodes(items, 0, len(items))
    priority = _priority(nodes, sorted(range(len(nodes)), key=lambda k: nodes[k].rank()), len(items))
    days = np.array([d.day.toordinal() for d in items], dtype=np.int64)
    links = _links(items, days, sigs, n_words, has_sig, lookback_days, params, priority)
    return any(j >= len(sources) for i in range(len(sources)) for j in links.get(i, ()))


def _nodes(items: Sequence[Doc], n_docs: int, n_prior: int) -> tuple[list[_Node], dict[str, int]]:
    """One node per article_id of ``items`` (the first ``n_docs`` are being clustered, the next ``n_prior`` are
    context, the rest are later articles), and each id's node index."""
    node_of: dict[str, int] = {}
    nodes: list[_Node] = []
    for i, d in enumerate(items):
        k = node_of.get(d.article_id)
        if k is None:
            k = node_of[d.article_id] = len(nodes)
            nodes.append(_Node(d.article_id))
        nodes[k].add(i, d, i < n_docs, n_docs + n_prior <= i)
    return nodes, node_of


def _priority(nodes: list[_Node], by_rank: list[int], n_items: int) -> np.ndarray:
    """Each item's place in canonical-rank order (its article's node's), lower first."""
    priority = np.empty(n_items, dtype=np.int64)
    for place, k in enumerate(by_rank):
        priority[nodes[k].docs] = place
    return priority


def _links(items: Sequence[Doc], days: np.ndarray, sigs: np.ndarray, n_words: np.ndarray, has_sig: np.ndarray,
           lookback_days: int, params: SignatureParams,
           priority: np.ndarray) -> dict[int, dict[int, tuple[float, str]]]:
    """Item -> {item: (similarity, "exact" | "near")} for every exact or verified near pair within the
    lookback (symmetric); a family larger than FAMILY_ALL_PAIRS is linked through its best-ranked members
    (``priority``: each item's place in canonical-rank order)."""
    links: dict[int, dict[int, tuple[float, str]]] = defaultdict(dict)

    def link(a: int, b: int, sim: float, how: str) -> None:
        if sim > links[a].get(b, (-1.0, ""))[0]:
            links[a][b] = links[b][a] = (sim, how)

    # exact: the same body hash; one representative per (hash, day) goes on to LSH
    by_hash: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(items):
        if d.content_hash and has_sig[i] and n_words[i] >= EXACT_MIN_TOKENS:
            by_hash[d.content_hash].append(i)
    group_of: dict[int, list[int]] = {}  # item -> the items of its group on its day (itself first of them)
    for group in by_hash.values():
        for a, b in _family_pairs(np.array(group, dtype=np.int64), priority).tolist():
            if abs(days[a] - days[b]) <= lookback_days:
                link(a, b, 1.0, "exact")
        same_day: dict[int, list[int]] = defaultdict(list)
        for i in group:
            same_day[int(days[i])].append(i)
        for members in same_day.values():
            for i in members:
                group_of[i] = members

    heads: dict[int, list[int]] = {}  # id of a large same-day group -> its best-ranked members (sorted once)

    def head(group: list[int]) -> list[int]:
        """The members a near link reaches: all of a small group, the best-ranked of a large one."""
        if len(group) <= FAMILY_ALL_PAIRS:
            return group
        if id(group) not in heads:
            heads[id(group)] = sorted(group, key=lambda i: priority[i])[:FAMILY_HEAD]
        return heads[id(group)]

    reps = [i for i in range(len(items)) if has_sig[i] and n_words[i] >= params.min_tokens
            and group_of.get(i, [i])[0] == i]
    rows_idx = np.array(reps, dtype=np.int64)
    pairs = (candidate_pairs(sigs[rows_idx], params, priority[rows_idx]) if len(rows_idx) > 1
             else np.empty((0, 2), np.int64))
    for lo in range(0, len(pairs), _VERIFY_CHUNK):
        a, b = rows_idx[pairs[lo:lo + _VERIFY_CHUNK, 0]], rows_idx[pairs[lo:lo + _VERIFY_CHUNK, 1]]
        sim = (sigs[a] == sigs[b]).mean(axis=1)
        keep = params.accept(sim, n_words[a], n_words[b]) & (np.abs(days[a] - days[b]) <= lookback_days)
        for x, y, s in zip(a[keep].tolist(), b[keep].tolist(), sim[keep].tolist(), strict=True):
            gx, gy = group_of.get(x, [x]), group_of.get(y, [y])
            hx, hy = head(gx), head(gy)
            for xs, ys in ((gx, hy), (hx, gy)) if (hx is not gx or hy is not gy) else ((gx, gy),):
                for xx in xs:
                    for yy in ys:
                        if xx != yy:
                            link(xx, yy, s, "near")
    return links


def recluster(all_docs: Iterable[Doc], start: date | None = None, *, lookback_days: int = LOOKBACK_DAYS,
              params: SignatureParams = SIGNATURE_PARAMS) -> list[DupRow]:
    """Rows for every article on or after ``start`` (all of them when None), clustered afresh.

    ``all_docs`` holds the range and the ``lookback_days`` before it; the articles before ``start``
    are context only: their stored ``canonical_id`` is respected and no row is produced for them. To
    back-fill day D consistently, re-cluster D through D + ``lookback_days`` (the later days may hold
    copies whose original only now arrived).
    """
    all_docs = list(all_docs)
    if start is None:
        return cluster(all_docs, (), lookback_days=lookback_days, params=params)
    docs = [d for d in all_docs if d.day >= start]
    prior = [d for d in all_docs if d.day < start]
    return cluster(docs, prior, lookback_days=lookback_days, params=params)
