"""Precision and recall of search on real Persian and Arabic text, before and after the matching folds (issue 26).

``python -m bench.search_folding_bench [--before REV]`` indexes real text in memory with the analysis of
``warehouse/search_index.py`` as it is now and as it was at ``REV`` (default: the commit before issue 26's folds;
read with ``git show``), runs the same queries through each, and prints micro-averaged precision and recall per
query group. Documents (each one sentence or paragraph):

- lingua's 1000 Persian and 1000 Arabic test sentences (peer material, tests/peers.py: ``$AKHBAR_PEERS`` or
  ``../shared/peers``);
- the paragraphs of the five seed texts in ``../shared/seeds`` and of the test web's articles.

Queries and what counts as relevant (an oracle that does not use our normaliser):

- ``hamza``: the 40 most frequent Arabic and 30 most frequent Persian words of the sample written with أ إ آ ٱ,
  typed as written and typed with a bare ا; relevant: a document with the word in any alef, yeh or kaf
  spelling, harakat and tatweel aside;
- ``compound``: the 40 most frequent Persian words of the sample written with ZWNJ, typed with ZWNJ, joined
  and with a space; relevant: a document with the compound in any of the three spellings;
- ``not-compound``: words an affix rule could split («تنها», «میز», «بیمار», …) and the issue's distinct pairs
  («وزیر»/«زیر», «مصر»/«مصير», «جامعة»/«جامعه», «ملك»/«مالك», «تهران»/«طهران»); relevant: the word itself (any
  alef, yeh or kaf spelling): a document found only through a split («تن ها») or another word is a false hit.

Folding merges the surface forms printed under ``merged`` (the most frequent, for a human to judge: an oracle
that folds alef forms cannot tell «أن» from «إن»).
Figures go to ``.bench/search_folding.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import types
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import peers  # noqa: E402

#: main before issue 26's folding (the analysis of warehouse/search_index.py then)
BEFORE = "6cf2656"
ZWNJ = "\u200c"
SEEDS = ROOT.parent / "shared" / "seeds"
NOT_COMPOUNDS = ["تنها", "میز", "بیمار", "میدان", "بیرون", "دفتر", "دختر", "میان", "بیشتر", "میلیون",
                 "وزیر", "زیر", "مصر", "مصير", "جامعة", "جامعه", "ملك", "مالك", "تهران", "طهران"]
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_WORDS = re.compile(r"[\w\u200c]+")
_ORACLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ي": "ی", "ى": "ی", "ك": "ک"})


def oracle_key(word: str) -> str:
    """One word in any alef, yeh or kaf spelling, harakat and tatweel aside (independent of our normaliser)."""
    word = _MARKS.sub("", unicodedata.normalize("NFKC", word))
    return word.translate(_ORACLE)


def documents() -> list[str]:
    docs = [*peers.sentences("fa"), *peers.sentences("ar")]
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            docs += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 20]
    for name in ("articles_fa.json", "articles_ar.json"):
        for article in json.loads((ROOT / "testweb" / name).read_text(encoding="utf-8")):
            docs += [t for t in [article.get("title"), *article.get("paragraphs", [])] if t]
    return list(dict.fromkeys(docs))


def _doc_words(doc: str) -> list[str]:
    return _WORDS.findall(doc)


def queries(docs: list[str]) -> dict[str, list[tuple[str, str, set[int]]]]:
    """group -> (query as typed, label, relevant document numbers)."""
    words = [[w.strip(ZWNJ) for w in _doc_words(d)] for d in docs]
    keys = [{oracle_key(w.replace(ZWNJ, "")) for w in ws} for ws in words]
    spaced = [" " + " ".join(oracle_key(w) for w in _doc_words(d.replace(ZWNJ, " "))) + " " for d in docs]
    counts = Counter(w for ws in words for w in ws)
    fa = set(peers.sentences("fa"))
    fa_counts = Counter(w for d, ws in zip(docs, words, strict=True) if d in fa for w in ws)
    hamza = re.compile("[أإآٱ]")
    out: dict[str, list] = {"hamza": [], "compound": [], "not-compound": []}
    ar_hamza = [w for w, _ in counts.most_common() if hamza.search(w) and w not in fa_counts][:40]
    fa_hamza = [w for w, _ in fa_counts.most_common() if hamza.search(w)][:30]
    for w in ar_hamza + fa_hamza:
        key = oracle_key(w.replace(ZWNJ, ""))
        relevant = {i for i, k in enumerate(keys) if key in k}
        out["hamza"] += [(w, "as written", relevant), (hamza.sub("ا", w), "bare alef", relevant)]
    compounds = [w for w, _ in fa_counts.most_common() if ZWNJ in w and len(w.split(ZWNJ)) == 2][:40]
    for w in compounds:
        parts = w.split(ZWNJ)
        joined = oracle_key("".join(parts))
        seq = " " + " ".join(oracle_key(p) for p in parts) + " "
        relevant = {i for i, k in enumerate(keys) if joined in k} | {i for i, s in enumerate(spaced) if seq in s}
        out["compound"] += [(w, "zwnj", relevant), ("".join(parts), "joined", relevant),
                            (" ".join(parts), "space", relevant)]
    for w in NOT_COMPOUNDS:
        key = oracle_key(w)
        out["not-compound"].append((w, "word", {i for i, k in enumerate(keys) if key in k}))
    return out


def load_module(rev: str | None) -> types.ModuleType:
    """warehouse/search_index.py now (None) or at ``rev``."""
    if rev is None:
        from akhbar.warehouse import search_index

        return search_index
    source = subprocess.run(["git", "show", f"{rev}:warehouse/search_index.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    module = types.ModuleType(f"search_index_{rev}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{rev}:warehouse/search_index.py", "exec"), module.__dict__)  # our own code, as it was
    return module


def build(si: types.ModuleType, docs: list[str]):
    import tantivy

    from akhbar.transforms.normalize import normalize_text

    index = tantivy.Index(si._schema())
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    for n, (title, body, parts) in enumerate(si._fields([(None, d, normalize_text(d)) for d in docs])):
        writer.add_document(tantivy.Document(article_id=str(n), part="d/o", outlet="o", lang="", day_num=1,
                                             record=b"{}", title=title, body=body, parts=parts))
    writer.commit()
    index.reload()
    return index


def run(si: types.ModuleType, index, query: str) -> set[int]:
    q = si.build_query(index.schema, si.parse(query))
    if q is None:
        return set()
    searcher = index.searcher()
    return {int(searcher.doc(a)["article_id"][0]) for _, a in searcher.search(q, searcher.num_docs).hits}


def measure(rev: str) -> dict:
    docs = documents()
    qs = queries(docs)
    result: dict = {"documents": len(docs), "queries": {g: len(v) for g, v in qs.items()}}
    for label, module_rev in (("before", rev), ("after", None)):
        si = load_module(module_rev)
        index = build(si, docs)
        rows = {}
        for group, items in qs.items():
            by_form: dict[str, list[int]] = {}
            for query, form, relevant in items:
                found = run(si, index, query)
                tally = by_form.setdefault(form, [0, 0, 0])  # hits, found, relevant
                tally[0] += len(found & relevant)
                tally[1] += len(found)
                tally[2] += len(relevant)
            rows[group] = {form: {"precision": round(h / f, 4) if f else None, "recall": round(h / r, 4) if r else None,
                                  "relevant": r} for form, (h, f, r) in by_form.items()}
        result[label] = rows
    from akhbar.transforms.normalize import normalize_text

    merged: dict[str, Counter] = {}
    for d in docs:
        for w in _doc_words(d):
            merged.setdefault(normalize_text(w, fold=True), Counter())[normalize_text(w)] += 1
    result["merged"] = [dict(forms) for _, forms in sorted(
        ((sum(c.values()), c) for c in merged.values() if len(c) > 1), key=lambda kv: -kv[0])[:15]]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--before", default=BEFORE, help="the revision whose analysis is 'before'")
    args = parser.parse_args()
    if not peers.sentences("fa"):
        sys.exit(f"no peer sentences: set ${peers.ENV} or provide {peers.SHARED} (see tests/peers_README.md)")
    result = measure(args.before)
    print(f"{result['documents']} documents; queries: {result['queries']}")
    head = ("group", "typed", "relevant", "P before", "R before", "P after", "R after")
    print("{:13} {:11} {:>8} | {:>8} {:>8} | {:>8} {:>8}".format(*head))
    for group, forms in result["after"].items():
        for form, after in forms.items():
            before = result["before"][group][form]
            pct = lambda v: "-" if v is None else f"{100 * v:.1f}"  # noqa: E731
            print(f"{group:13} {form:11} {after['relevant']:8} | {pct(before['precision']):>8} "
                  f"{pct(before['recall']):>8} | {pct(after['precision']):>8} {pct(after['recall']):>8}")
    print("merged (most frequent):", "; ".join(" ".join(f"{w}×{n}" for w, n in m.items()) for m in result["merged"]))
    out = ROOT / ".bench" / "search_folding.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
