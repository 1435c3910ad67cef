"""Dedup benchmark: pair precision / recall of ``transforms.dedup.cluster`` on labelled pairs built
from real text, and documents/s of signatures + LSH against a datasketch baseline in the same run.

Base articles: ``<repo>/../shared/seeds`` (naive-crawl Persian/Arabic texts), the gold bodies of
``<repo>/../shared/real-pages`` (outlet = folder prefix) and, always, the Persian/Arabic originals of
the local test web (``testweb/articles_*.json``) — so the command runs without ../shared too.

From every base article it derives copies (positives, each paired with its original):

- ``exact``: the same body, re-wrapped lines;
- ``wrapped``: the body inside different boilerplate (credit/header lines, «اقرأ أيضاً» / «اخبار
  مرتبط» lists of other stories' headlines);
- ``sentences``: one sentence dropped and one sentence of another article added;
- ``script``: digits converted to Persian/Arabic-Indic, ي/ی and ك/ک swapped, ZWNJ removed;
- ``all``: all of the above at once;

and negatives: all pairs of different seeds (000/003 are both phone calls about Gaza; 001/004 share
aggregator template lines), pairs of articles of the same outlet (real pages, test-web sites), pairs
of different stories wrapped in the *same* aggregator template, and short items (< 50 words) sharing
a template.

Run: ``python -m bench.dedup_bench [--write-md]`` (``--write-md`` replaces the "## Dedup" section of
BENCHMARKS.md).

Back-fill order: ``python -m bench.dedup_bench --days 30 [--write-md]`` deduplicates a planted lake of 30 days
(bench/dedup_backfill.py: copies and copies of copies) newest first and in calendar order, and reports rows
clustered and wall time of each with their ratio, checking both end in the identical ``duplicates`` table
(``--write-md`` replaces the "## Dedup: back-fill order" section).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations, pairwise
from pathlib import Path

import numpy as np

from akhbar.transforms.dedup import (
    SIGNATURE_PARAMS,
    Doc,
    SignatureParams,
    candidate_pairs,
    cluster,
    shingles,
    signature,
    tokens,
)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TESTWEB = REPO / "testweb"
DAY = date(2025, 1, 7)
_SENTENCE = re.compile(r"(?<=[.!?؟])\s+|\n+")
_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

BOILERPLATE = {
    "fa": {
        "head": ["به گزارش خبرگزاری پیام امروز،", "کد خبر: ۱۴۲۹۰۳۵", "سرویس بین‌الملل - سپهر نیوز",
                 "زمان انتشار: ۱۷ دی ۱۴۰۳ - ۱۰:۲۴"],
        "foot": ["انتهای پیام/", "منبع: ایرنا", "برای دریافت آخرین اخبار ما را در تلگرام دنبال کنید.",
                 "کپی‌برداری از این خبر با ذکر منبع آزاد است."],
        "related": ["اخبار مرتبط:", "خبرهای پیشنهادی"],
    },
    "ar": {
        "head": ["تابع أحدث الأخبار عبر تطبيق", "تاريخ النشر: 7th, January 2025 GMT", "القاهرة /أ ش أ/",
                 "الثلاثاء، 07 يناير 2025 10:24 ص"],
        "foot": ["المصدر: البوابة نيوز", "كلمات دلالية: الشرق الأوسط", "اضف تعليقاً واقرأ تعليقات القراء",
                 "جميع الحقوق محفوظة"],
        "related": ["إقرأ أيضاً:", "مقالات مشابهة"],
    },
    "other": {
        "head": ["Share this article", "By our correspondent", "Updated 7 January 2025"],
        "foot": ["Source: news agencies", "Read more on our app", "All rights reserved"],
        "related": ["Read more:", "Related stories"],
    },
}


#: real-page pairs that are one article published twice (found by this benchmark, then read: Taz ran
#: the same commentary on the self-determination law in 2023 and, edited, in 2024)
KNOWN_REPUBLISHED = {"page-de-Taz_2024_10_23": "page-de-Taz_2023_04_28"}


def _story(key: str) -> str:
    return KNOWN_REPUBLISHED.get(key, key)


@dataclass
class Base:
    key: str
    outlet: str
    lang: str  # fa | ar | other
    source: str  # seeds | real-pages | testweb
    text: str

    @property
    def sentences(self) -> list[str]:
        return [s.strip() for s in _SENTENCE.split(self.text) if s.strip()]

    @property
    def headline(self) -> str:
        return " ".join(self.sentences[0].split()[:12])


def _lang(text: str) -> str:
    persian = sum(text.count(c) for c in "پچژگکی")
    arabic = sum(text.count(c) for c in "ةيك")
    if persian + arabic < 20:
        return "other"
    return "fa" if persian > arabic else "ar"


def load_bases() -> list[Base]:
    bases: list[Base] = []
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        for p in sorted(seeds.glob("*.txt")):
            text = p.read_text(encoding="utf-8", errors="replace")
            bases.append(Base(f"seed-{p.name[:3]}", f"seed-{p.name[:3]}", _lang(text), "seeds", text))
    pages = SHARED / "real-pages"
    if pages.is_dir():
        for d in sorted(p for p in pages.iterdir() if (p / "gold.txt").is_file()):
            text = (d / "gold.txt").read_text(encoding="utf-8")
            bases.append(Base(f"page-{d.name}", d.name.split("_")[0], _lang(text), "real-pages", text))
    for lang in ("fa", "ar"):
        for entry in json.loads((TESTWEB / f"articles_{lang}.json").read_text(encoding="utf-8")):
            if "paragraphs" in entry:  # originals only; syndicated copies are derived at serve time
                bases.append(Base(f"tw-{entry['key']}", entry["site"], lang, "testweb",
                                  "\n".join(entry["paragraphs"])))
    return bases


# -- copies --------------------------------------------------------------------------------------
def _wrap(base: Base, others: list[Base], rng: random.Random) -> str:
    bp = BOILERPLATE[base.lang]
    head = rng.sample(bp["head"], 2)
    related = [rng.choice(bp["related"])] + [o.headline for o in rng.sample(others, 3)]
    foot = rng.sample(bp["foot"], 2)
    return "\n".join([*head, base.text, *foot, *related])


def _edit_sentences(base: Base, others: list[Base], rng: random.Random) -> str:
    sents = base.sentences
    if len(sents) > 3:
        del sents[rng.randrange(1, len(sents))]
    donor = rng.choice(others).sentences
    sents.insert(rng.randrange(1, len(sents) + 1), rng.choice(donor))
    return "\n".join(sents)


def _edit_script(text: str, lang: str) -> str:
    text = text.replace("\u200c", "")
    if lang == "fa":
        return text.translate(_FA_DIGITS).replace("ی", "ي").replace("ک", "ك")
    if lang == "ar":
        return text.translate(_AR_DIGITS).replace("ي", "ی").replace("ك", "ک")
    return text.translate(_AR_DIGITS)


def variants(base: Base, others: list[Base], rng: random.Random) -> dict[str, str]:
    return {
        "exact": base.text.replace("\n", "\n\n"),
        "wrapped": _wrap(base, others, rng),
        "sentences": _edit_sentences(base, others, rng),
        "script": _edit_script(base.text, base.lang),
        "all": _edit_script(_wrap(replace(base, text=_edit_sentences(base, others, rng)), others, rng), base.lang),
    }


@dataclass
class Corpus:
    docs: list[Doc]
    story: dict[str, str]  # article_id -> base key (ground truth)
    lang: dict[str, str]
    positives: list[tuple[str, str, str]]  # (a, b, kind)
    negatives: list[tuple[str, str, str]]


def build_corpus(bases: list[Base], seed: int = 7) -> Corpus:
    rng = random.Random(seed)
    docs: list[Doc] = []
    story: dict[str, str] = {}
    lang: dict[str, str] = {}
    positives, negatives = [], []

    def add(aid: str, outlet: str, text: str, base: Base, *, aggregator: bool = False) -> None:
        docs.append(Doc.from_text(aid, outlet, DAY, text, aggregator=aggregator))
        story[aid] = _story(base.key)
        lang[aid] = base.lang

    by_lang: dict[str, list[Base]] = {}
    for b in bases:
        by_lang.setdefault(b.lang, []).append(b)
    for b in bases:
        others = [o for o in by_lang[b.lang] if o.key != b.key] or [o for o in bases if o.key != b.key]
        add(b.key, b.outlet, b.text, b)
        for kind, text in variants(b, others, rng).items():
            aid = f"{b.key}~{kind}"
            add(aid, f"copy-{kind}", text, b, aggregator=True)
            positives.append((b.key, aid, kind))

    seeds = [b for b in bases if b.source == "seeds"]
    for a, b in combinations(seeds, 2):
        negatives.append((a.key, b.key, "seeds"))
    by_outlet: dict[str, list[Base]] = {}
    for b in bases:
        if b.source != "seeds":
            by_outlet.setdefault(b.outlet, []).append(b)
    for group in by_outlet.values():
        for a, b in combinations(group, 2):
            pair = (a.key, b.key, "same-outlet")
            if _story(a.key) == _story(b.key):
                positives.append((a.key, b.key, "republished"))
            else:
                negatives.append(pair)

    # different stories in one aggregator's identical template, long and short
    for group in by_lang.values():
        for i, (a, b) in enumerate(pairwise(group)):
            bp = BOILERPLATE[a.lang]
            template_head = bp["head"][:2]
            template_foot = [*bp["foot"][:2], bp["related"][0], *(o.headline for o in group[i + 2:i + 5])]
            for base in (a, b):
                aid = f"{base.key}~tpl{i}"
                add(aid, "aggregator-tpl", "\n".join([*template_head, base.text, *template_foot]), base,
                    aggregator=True)
            if _story(a.key) != _story(b.key):
                negatives.append((f"{a.key}~tpl{i}", f"{b.key}~tpl{i}", "same-template"))
            for base in (a, b):
                short = " ".join(base.text.split()[:25])
                add(f"{base.key}~short{i}", "aggregator-short",
                    "\n".join([*template_head, short, *template_foot]), base, aggregator=True)
            if _story(a.key) != _story(b.key):
                negatives.append((f"{a.key}~short{i}", f"{b.key}~short{i}", "short-template"))
    return Corpus(docs, story, lang, positives, negatives)


# -- quality -------------------------------------------------------------------------------------
@dataclass
class Quality:
    precision: float
    recall: float
    all_pairs_precision: float
    merged_pairs: int
    missed: list[tuple[str, str, str]]
    false: list[tuple[str, str, str]]
    recall_by_kind: dict[str, float]
    false_by_kind: dict[str, int]
    methods: dict[str, int]


def evaluate(corpus: Corpus, params: SignatureParams) -> Quality:
    rows = cluster(corpus.docs, params=params)
    cid = {r.article_id: r.cluster_id for r in rows}
    methods: dict[str, int] = {}
    for r in rows:
        methods[r.method] = methods.get(r.method, 0) + 1
    missed = [p for p in corpus.positives if cid[p[0]] != cid[p[1]]]
    false = [n for n in corpus.negatives if cid[n[0]] == cid[n[1]]]
    tp = len(corpus.positives) - len(missed)
    # every pair in a predicted cluster, judged by ground truth (stricter than the labelled pairs)
    members: dict[str, list[str]] = {}
    for aid, c in cid.items():
        members.setdefault(c, []).append(aid)
    merged = correct = 0
    for group in members.values():
        for a, b in combinations(group, 2):
            merged += 1
            correct += corpus.story[a] == corpus.story[b]
    kinds = sorted({k for *_, k in corpus.positives})
    return Quality(
        precision=tp / (tp + len(false)) if tp + len(false) else 1.0,
        recall=tp / len(corpus.positives) if corpus.positives else 1.0,
        all_pairs_precision=correct / merged if merged else 1.0,
        merged_pairs=merged,
        missed=missed,
        false=false,
        recall_by_kind={k: 1 - sum(1 for *_, m in missed if m == k) / sum(1 for *_, p in corpus.positives if p == k)
                        for k in kinds},
        false_by_kind={k: sum(1 for *_, f in false if f == k) for k in sorted({k for *_, k in corpus.negatives})},
        methods=methods,
    )


# -- speed ---------------------------------------------------------------------------------------
def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def speed(texts: list[str], params: SignatureParams) -> dict[str, float]:
    """docs/s: ours (rensa signature + banded candidates + verification) and datasketch's MinHash +
    MinHashLSH insert/query over the same shingles, same thresholds, plus our full ``cluster()``."""
    from datasketch import MinHash, MinHashLSH

    def ours() -> None:
        raw = [signature(t, params) for t in texts]
        sigs = np.stack([np.frombuffer(s, dtype="<u4", offset=12) for s in raw])
        pairs = candidate_pairs(sigs, params)
        (sigs[pairs[:, 0]] == sigs[pairs[:, 1]]).mean(axis=1)

    def baseline() -> None:
        lowest = params.threshold if params.containment is None else min(params.threshold, params.floor)
        lsh = MinHashLSH(threshold=lowest, num_perm=params.num_perm)  # same candidate level as ours
        for i, t in enumerate(texts):
            m = MinHash(num_perm=params.num_perm, seed=params.seed)
            m.update_batch([s.encode("utf-8") for s in shingles(tokens(t), params.shingle)])
            for other in lsh.query(m):
                _ = other
            lsh.insert(i, m)

    docs = [Doc.from_text(f"d{i}", "x", DAY, t) for i, t in enumerate(texts)]
    n = len(texts)
    return {
        "ours: rensa signatures + banded LSH + verify": n / _best(ours),
        "baseline: datasketch MinHash + MinHashLSH insert/query": n / _best(baseline, repeat=1),
        "ours: full cluster() (normalise excluded)": n / _best(lambda: cluster(docs, params=params)),
    }


# -- report --------------------------------------------------------------------------------------
GRID = [SignatureParams(num_perm=p, shingle=k, threshold=t, containment=c)
        for p in (64, 128) for k in (3, 4, 5) for t in (0.4, 0.5, 0.6) for c in (None, 0.7, 0.8)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write-md", action="store_true", help="replace the '## Dedup' section of BENCHMARKS.md")
    ap.add_argument("--no-grid", action="store_true", help="only the chosen parameters")
    ap.add_argument("--days", type=int, help="instead: back-fill order over a planted lake of this many days")
    ap.add_argument("--outlets", type=int, default=10, help="with --days: outlets")
    ap.add_argument("--per-day", type=int, default=100, help="with --days: original articles per outlet and day")
    ap.add_argument("--repeat", type=int, default=1, help="with --days: runs of each order, in turns (best time)")
    args = ap.parse_args(argv)
    if args.days:
        return backfill_order(args.days, args.outlets, args.per_day, args.repeat, write=args.write_md)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says

    bases = load_bases()
    corpus = build_corpus(bases)
    sources = {b.source for b in bases}
    words = np.mean([len(tokens(d.text_norm)) for d in corpus.docs])
    print(f"bases: {len(bases)} ({', '.join(sorted(sources))}); docs: {len(corpus.docs)} "
          f"(mean {words:.0f} words); positives: {len(corpus.positives)}, negatives: {len(corpus.negatives)}")
    if "seeds" not in sources:
        print("note: ../shared not found; built-in test-web sample only")

    grid_lines = []
    for params in [] if args.no_grid else GRID:
        q = evaluate(corpus, params)
        mark = " **chosen**" if params == SIGNATURE_PARAMS else ""
        line = (f"| {params.num_perm} | {params.shingle} | {params.threshold} | {params.containment or '-'} "
                f"| {q.precision:.4f} | {q.recall:.4f} | {q.all_pairs_precision:.4f} |{mark}")
        grid_lines.append(line)
        print(line)

    q = evaluate(corpus, SIGNATURE_PARAMS)
    print(f"chosen {SIGNATURE_PARAMS.num_perm=} {SIGNATURE_PARAMS.shingle=} {SIGNATURE_PARAMS.threshold=} "
          f"bands={SIGNATURE_PARAMS.bands}: precision {q.precision:.4f} recall {q.recall:.4f} "
          f"all-pairs precision {q.all_pairs_precision:.4f} ({q.merged_pairs} merged pairs)")
    print("recall by copy kind:", {k: round(v, 4) for k, v in q.recall_by_kind.items()})
    print("false merges by negative kind:", q.false_by_kind)
    print("methods:", q.methods)
    for m in q.missed[:10]:
        print("missed:", m)
    for f in q.false[:10]:
        print("false merge:", f)

    fa_ar = [d.text_norm for d in corpus.docs if corpus.lang[d.article_id] in ("fa", "ar")]
    every = [d.text_norm for d in corpus.docs]
    speeds = {"fa/ar docs": speed(fa_ar, SIGNATURE_PARAMS), "all docs": speed(every, SIGNATURE_PARAMS)}
    for name, figures in speeds.items():
        for label, v in figures.items():
            print(f"{name}: {label}: {v:,.0f} docs/s")

    if args.write_md:
        write_md(corpus, bases, q, grid_lines, speeds, fa_ar, every)
    ok = q.precision >= 0.98 and q.recall >= 0.95
    return 0 if ok else 1


# -- back-fill order ---------------------------------------------------------------------------
#: issue 14: a newest-first back-fill costs at most this much of calendar order, in rows and in time
BACKFILL_TARGET = 1.5


def backfill_order(days: int, outlets: int, per_day: int, repeat: int, *, write: bool) -> int:
    from bench.dedup_backfill import compare, plant

    t = time.perf_counter()
    planted = plant(days, outlets, per_day)
    print(f"planted lake: {days} days x {outlets} outlets, {planted.rows} articles ({planted.copies} copies, "
          f"{planted.copies_of_copies} copies of copies), generated in {time.perf_counter() - t:.0f} s")
    runs = [compare(planted) for _ in range(repeat)]  # each: calendar then newest first, in turns
    calendar = min((c for c, _ in runs), key=lambda r: r.seconds)
    newest = min((n for _, n in runs), key=lambda r: r.seconds)
    identical = all(c.duplicates == n.duplicates == runs[0][0].duplicates for c, n in runs)
    rows_ratio, time_ratio = newest.clustered / calendar.clustered, newest.seconds / calendar.seconds
    cpu_ratio = newest.cpu / calendar.cpu
    for r in (calendar, newest):
        print(f"{r.order}: {r.clustered} rows clustered ({r.reached} later rows reached), {r.seconds:.1f} s wall, "
              f"{r.cpu:.1f} s CPU")
    print(f"ratio newest first / calendar: rows {rows_ratio:.2f}, wall {time_ratio:.2f}, CPU {cpu_ratio:.2f} "
          f"(target <= {BACKFILL_TARGET}); identical duplicates: {identical}")
    if write:
        copies = sum(r["canonical_id"] != r["article_id"] for r in calendar.duplicates)
        lines = [
            "## Dedup: back-fill order",
            "",
            f"Command: `.venv/bin/python -m bench.dedup_bench --days {days} --outlets {outlets} --per-day {per_day} "
            f"--repeat {repeat} --write-md` (bench/dedup_backfill.py). A planted lake of {days} days × {outlets} "
            f"outlets: {planted.rows} Persian/Arabic articles, {planted.copies} edited copies 0-5 days after "
            f"their original and {planted.copies_of_copies} copies of copies 1-5 days after their copy (chains "
            "past the 7-day lookback). Each order loads the days one by one into an empty lake and runs "
            "`dedup_day` after each, the two orders advancing in turns a day each (so other load falls on "
            "both alike); times are the dedup calls' (best of the runs), rows are "
            "`DedupResult.articles` summed (each day's own rows plus the later rows its clusters reached).",
            "",
            "| order | rows clustered | later rows reached | dedup wall time | dedup CPU time |",
            "| --- | --- | --- | --- | --- |",
            *(f"| {r.order} | {r.clustered:,} | {r.reached:,} | {r.seconds:.1f} s | {r.cpu:.1f} s |"
              for r in (calendar, newest)),
            f"| **newest first / calendar** | **{rows_ratio:.2f}×** | | **{time_ratio:.2f}×** | **{cpu_ratio:.2f}×** |",
            "",
            f"Both end in the identical `duplicates` table: {'yes' if identical else 'NO'} "
            f"({len(calendar.duplicates):,} rows, {copies:,} copies). Target ≤ {BACKFILL_TARGET}× in rows and "
            "time (issue 14). Before this "
            "change the issue measured 345k rows re-clustered newest first against 30k in calendar order "
            "(every back-filled day re-clustered up to 15 later days; the first window always counted as "
            "changed because new rows had no stored canonical). Now a back-filled day re-clusters only the "
            "later rows linked to a row whose role (canonical or copy) changed, transitively, reading signatures "
            "rather than bodies; `cluster_reached` first narrows its input to what the re-clustered rows can "
            "reach (shared article ids, content hashes and LSH band keys), so a window's cost follows its reach; "
            "what remains above calendar order is reading the days after each back-filled day and rewriting the "
            "later `duplicates` partitions whose copies really change.",
            "",
        ]
        _replace_section("## Dedup: back-fill order", "\n".join(lines))
    ok = identical and rows_ratio <= BACKFILL_TARGET and time_ratio <= BACKFILL_TARGET
    return 0 if ok else 1


def _replace_section(heading: str, section: str) -> None:
    path = REPO / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    m = re.search(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", text, flags=re.S | re.M)
    text = text[: m.start()] + section + "\n" + text[m.end():] if m else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


def write_md(corpus: Corpus, bases: list[Base], q: Quality, grid_lines: list[str],
             speeds: dict[str, dict[str, float]], fa_ar: list[str], every: list[str]) -> None:
    p = SIGNATURE_PARAMS
    counts = {s: sum(1 for b in bases if b.source == s) for s in ("seeds", "real-pages", "testweb")}
    words = {name: np.mean([len(tokens(t)) for t in texts]) for name, texts in (("fa/ar docs", fa_ar),
                                                                                  ("all docs", every))}
    lines = [
        "## Dedup",
        "",
        "Command: `.venv/bin/python -m bench.dedup_bench --write-md` (≈1 min, pinned to one core).",
        f"Corpus: {counts['seeds']} seeds, {counts['real-pages']} real-page gold bodies and {counts['testweb']} "
        f"test-web fa/ar originals as base articles; {len(corpus.docs)} documents with their copies; "
        f"{len(corpus.positives)} labelled positive pairs (original vs exact copy, copy in other boilerplate, "
        "sentence dropped + added, digits/ي-ی/ك-ک/ZWNJ edits, all at once) and "
        f"{len(corpus.negatives)} negatives (every pair of seeds — 000/003 both Gaza phone calls, 001/004 "
        "sharing aggregator lines —, same-outlet pairs, different stories in one identical aggregator "
        "template, short items sharing a template). All in one `cluster()` call.",
        "",
        f"Chosen: `num_perm={p.num_perm}`, `shingle={p.shingle}` words, `threshold={p.threshold}` "
        f"(LSH bands × rows = {p.bands[0]} × {p.bands[1]}), `min_tokens={p.min_tokens}`.",
        "",
        "| | value | target |",
        "| --- | --- | --- |",
        f"| pair precision (labelled pairs) | **{q.precision:.4f}** | ≥ 0.98 |",
        f"| pair recall (labelled pairs) | **{q.recall:.4f}** | ≥ 0.95 |",
        f"| precision over every merged pair ({q.merged_pairs}) | {q.all_pairs_precision:.4f} | |",
        "",
        "Recall by copy kind: " + ", ".join(f"{k} {v:.3f}" for k, v in q.recall_by_kind.items()) + ". "
        "False merges by negative kind: " + ", ".join(f"{k} {v}" for k, v in q.false_by_kind.items()) + ".",
        "",
        "Parameter grid (same corpus; all-pairs = every pair in a predicted cluster judged by ground truth):",
        "",
        "| num_perm | shingle | threshold | containment | precision | recall | all-pairs precision |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *grid_lines,
        "",
        "Speed, one core, same run (best of 3; the normalisation itself is not included):",
        "",
        "| corpus | method | docs/s |",
        "| --- | --- | --- |",
    ]
    for name, figures in speeds.items():
        for label, v in figures.items():
            lines.append(f"| {name} (mean {words[name]:.0f} words) | {label} | {v:,.0f} |")
    lines += [
        "",
        "Target ≥ 2,000 docs/s for signatures + LSH on one core. rensa (Rust MinHash) replaces datasketch's "
        "MinHash for the signatures; the LSH index is a vectorised banding over the signature matrix (the "
        "stored signatures are plain uint32 bytes, which neither library's index accepts back). The "
        "baseline's LSH uses the same lowest accepted similarity as ours.",
        "",
        "Caveats: the parameters (including the containment rule) were chosen on this same corpus — there "
        "is no held-out set. Misses are short (70-120 word) test-web articles given every edit at once "
        "(boilerplate wrapping plus a sentence dropped and one added: Jaccard 0.27-0.43); the false "
        "merges are 25-word items inside a 50-word identical template. Clustering is rank-ordered "
        "(each article joins a canonical it is directly similar to), which removed the transitive "
        "chains that connected components produced (all-pairs precision 0.98 → 0.9995 at the same "
        "parameters). The same-outlet negatives turned up one real republication (Taz 2023/2024), now "
        "labelled positive.",
        "",
    ]
    path = REPO / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    section = "\n".join(lines)
    m = re.search(r"^## Dedup\n.*?(?=^## |\Z)", text, flags=re.S | re.M)
    text = text[: m.start()] + section + "\n" + text[m.end():] if m else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
