"""Language identification on the field's own sentences: ``transforms.language.detect_language`` against py3langid.

``python -m bench.language_bench [--before REV]`` reads the peer sentences of tests/peers.py (lingua's
fa/ar/ur test sentences, the test parts of the Universal Dependencies treebanks of Pashto, Sindhi and Uyghur;
from ``$AKHBAR_PEERS`` or ``../shared/peers``) and prints, per language, the share of sentences each identifier
calls right: all of them, and those of at least 40 characters. Two more rows type the Persian and Arabic
sentences with the other keyboard's letters: Arabic with Persian ی/ک (Iranian outlets' Arabic services) and
Persian with Arabic ي/ك (older Iranian sites). A language py3langid has no model for (sd, ckb) shows «-» in
its column; «wrong» is the share given another language (None, «no evidence», is not a language_mismatch).

With ``--before REV`` the rule is ``transforms/language.py`` as it was at that revision (read with ``git
show``; 6cf2656 is main before issue 26). Figures go to ``.bench/language.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import peers  # noqa: E402

#: the other keyboard: Persian letters for Arabic text, Arabic letters for Persian text
AR_ON_PERSIAN_KEYBOARD = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
FA_ON_ARABIC_KEYBOARD = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643"})
LONG = 40


def corpora() -> dict[str, tuple[str, list[str]]]:
    """row name -> (expected language, sentences)."""
    out = {lang: (lang, peers.sentences(lang)) for lang in ("fa", "ar", "ur", "ps", "sd", "ug")}
    out["ar typed ی/ک"] = ("ar", [s.translate(AR_ON_PERSIAN_KEYBOARD) for s in out["ar"][1]])
    out["fa typed ي/ك"] = ("fa", [s.translate(FA_ON_ARABIC_KEYBOARD) for s in out["fa"][1]])
    return {k: v for k, v in out.items() if v[1]}


def detect_at(rev: str | None):
    """detect_language now (None) or at ``rev``."""
    if rev is None:
        from akhbar.transforms.language import detect_language

        return detect_language
    source = subprocess.run(["git", "show", f"{rev}:transforms/language.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    module = types.ModuleType(f"language_{rev}")
    sys.modules[module.__name__] = module
    exec(compile(source, f"{rev}:transforms/language.py", "exec"), module.__dict__)  # our own code, as it was
    return module.detect_language


def measure(rev: str | None = None) -> dict[str, dict]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    detect_language = detect_at(rev)

    langid = LanguageIdentifier.from_model_file(MODEL_FILE)
    known = set(langid.nb_classes)
    rows = {}
    for name, (lang, texts) in corpora().items():
        t0 = time.perf_counter()
        said = [detect_language(t) for t in texts]
        ours = [s == lang for s in said]
        elapsed = time.perf_counter() - t0
        theirs = [langid.classify(t)[0] == lang for t in texts] if lang in known else None
        long = [i for i, t in enumerate(texts) if len(t) >= LONG]
        share = lambda hits, idx: round(sum(hits[i] for i in idx) / len(idx), 4) if idx else None  # noqa: E731
        every = range(len(texts))
        rows[name] = {
            "sentences": len(texts), "long": len(long),
            "ours": share(ours, every), "ours_long": share(ours, long),
            # another language (not None): what would count as a language_mismatch
            "wrong": share([s is not None and s != lang for s in said], every),
            "py3langid": share(theirs, every) if theirs else None,
            "py3langid_long": share(theirs, long) if theirs else None,
            "ms_per_sentence": round(1000 * elapsed / len(texts), 3),
        }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--before", metavar="REV", help="measure transforms/language.py as it was at REV")
    args = parser.parse_args()
    rows = measure(args.before)
    if not rows:
        sys.exit(f"no peer sentences: set ${peers.ENV} or provide {peers.SHARED} (see tests/peers_README.md)")
    pct = lambda v: "-" if v is None else f"{100 * v:.1f}"  # noqa: E731
    print(f"{'':14} {'n':>5} {'ours':>6} {'wrong':>6} {'py3langid':>9} | {'n≥40':>5} {'ours':>6} {'py3langid':>9}"
          f" | ms/sentence")
    for name, r in rows.items():
        print(f"{name:14} {r['sentences']:5} {pct(r['ours']):>6} {pct(r['wrong']):>6} {pct(r['py3langid']):>9} | "
              f"{r['long']:5} {pct(r['ours_long']):>6} {pct(r['py3langid_long']):>9} | {r['ms_per_sentence']}")
    out = ROOT / ".bench" / ("language.json" if args.before is None else f"language-{args.before}.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
