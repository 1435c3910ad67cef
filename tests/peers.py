"""The field's own test material for text folding and language identification, read where it lives.

Two kinds of peer material (see tests/peers_README.md for the list, licences and provenance of each file):

- installed packages (the ``dev`` extra): dateparser's fa/ar language data is read from the installed package;
- files that no installed package ships, each peer in its own folder with its licence and a PROVENANCE file.
  Committed under ``tests/data/peers``, from a package registry: Lucene's normalisation filter tests (Debian's
  lucene4.10 source), CAMeL Tools' ``normalize.py`` and hazm's ``normalizer.py`` (whose docstring examples are
  cases) from their source distributions. Read from ``$AKHBAR_PEERS`` or ``../shared/peers`` only, since they
  come from their repositories alone: hazm's ``tests/test_normalizer.py``, lingua's test sentences, the Universal
  Dependencies treebanks (the tests that need one skip cleanly when it is absent). ``$AKHBAR_PEERS`` and
  ``../shared/peers`` override the committed copy file by file. Nothing is downloaded at test time.

Each loader parses the peer's own file format (a Java test's ``check("in", "out")`` calls, a pytest
``parametrize`` list, docstring examples, a regex character class, one sentence per line, CoNLL-U ``# text =``
lines) and never executes peer code.
"""

from __future__ import annotations

import ast
import doctest
import os
import re
from pathlib import Path

import pytest

ENV = "AKHBAR_PEERS"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "peers"
#: the peer files committed with the tests (licence and PROVENANCE in each peer's folder)
COMMITTED = Path(__file__).resolve().parent / "data" / "peers"

#: the files each peer contributes, under the peers folder
LUCENE_AR = "lucene/TestArabicNormalizationFilter.java"
LUCENE_FA = "lucene/TestPersianNormalizationFilter.java"
HAZM = "hazm/test_normalizer.py"
HAZM_DOC = "hazm/normalizer.py"
CAMEL = "camel_tools/normalize.py"
LINGUA = {lang: f"lingua/{lang}.txt" for lang in ("fa", "ar", "ur")}
UD = {"ps": "ud/ps_sikaram-ud-test.conllu", "sd": "ud/sd_isra-ud-test.conllu", "ug": "ud/ug_udt-ud-test.conllu"}


def roots() -> list[Path]:
    """The peers folders, first found first: $AKHBAR_PEERS, ../shared/peers, then the committed tests/data/peers."""
    return [Path(c) for c in (os.environ.get(ENV), SHARED, COMMITTED) if c and Path(c).is_dir()]


def path(name: str) -> Path | None:
    """The peer file ``name`` from the first folder that has it (an override may hold only some files)."""
    return next((base / name for base in roots() if (base / name).is_file()), None)


def need(name: str) -> Path:
    """The peer file ``name``, or skip the calling test (a peer not committed, and no ../shared/peers)."""
    found = path(name)
    if found is None:
        pytest.skip(f"peer file {name} not found under ${ENV}, {SHARED} or {COMMITTED}")
    return found


def text(name: str) -> str | None:
    found = path(name)
    return found.read_text(encoding="utf-8") if found else None


# -- parsers ----------------------------------------------------------------------------------------------------
_JAVA_CHECK = re.compile(r'\bcheck\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)')


def lucene_checks(source: str) -> list[tuple[str, str]]:
    """(input, expected) of every ``check("in", "out")`` call of a Lucene filter test."""
    unescape = lambda s: s.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")  # noqa: E731
    return [(unescape(a), unescape(b)) for a, b in _JAVA_CHECK.findall(source)]


def hazm_cases(source: str) -> dict[str, list[tuple[object, object]]]:
    """test function name -> its ``@pytest.mark.parametrize`` (input, expected) pairs, read from the syntax tree
    (``pytest.param(...)`` entries, hazm's known failures, are left out)."""
    out: dict[str, list[tuple[object, object]]] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef):
            continue
        for dec in node.decorator_list:
            if isinstance(dec, ast.Call) and getattr(dec.func, "attr", "") == "parametrize" and len(dec.args) > 1:
                cases = [ast.literal_eval(e) for e in dec.args[1].elts if isinstance(e, ast.Tuple)]
                out.setdefault(node.name, []).extend(cases)
    return out


def hazm_doctests(source: str) -> list[tuple[str, object, object]]:
    """(method, input, expected) of every ``>>> normalizer.method(literal)`` example in the docstrings of hazm's
    ``normalizer.py``, read with doctest's parser and ``ast`` (never run); examples that are no such call, or
    whose input is empty, are left out."""
    out: list[tuple[str, object, object]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.ClassDef) or not (doc := ast.get_docstring(node)):
            continue
        for example in doctest.DocTestParser().get_examples(doc):
            statement = ast.parse(example.source).body[0]
            call = statement.value if isinstance(statement, ast.Expr) else None  # «normalizer = …» is set-up
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and len(call.args) == 1):
                continue
            given = ast.literal_eval(call.args[0])
            if given:
                out.append((call.func.attr, given, ast.literal_eval(example.want.strip())))
    return out


_CAMEL_CLASS = re.compile(r"_ALEF_NORMALIZE_AR_RE\s*=\s*re\.compile\(u?'\[([^\]]*)\]'\)")
_CAMEL_REPLACE = re.compile(r"def (normalize_\w+_ar)\(s\):.*?return s\.replace\(u?'([^']*)', u?'([^']*)'\)", re.S)


def _py_unescape(s: str) -> str:
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape")


def camel_rules(source: str) -> dict[str, list[tuple[str, str]]]:
    """CAMeL Tools' Arabic normalisations as (from, to) character pairs per function name."""
    rules: dict[str, list[tuple[str, str]]] = {}
    match = _CAMEL_CLASS.search(source)
    if match:
        rules["normalize_alef_ar"] = [(c, "\u0627") for c in _py_unescape(match.group(1))]
    for name, frm, to in _CAMEL_REPLACE.findall(source):
        rules[name] = [(_py_unescape(frm), _py_unescape(to))]
    return rules


def lines(name: str) -> list[str]:
    """The non-empty lines of a one-sentence-per-line peer file ([] when absent)."""
    body = text(name)
    return [s.strip() for s in body.splitlines() if s.strip()] if body else []


def conllu_sentences(name: str) -> list[str]:
    """The ``# text = `` sentences of a CoNLL-U treebank file ([] when absent)."""
    body = text(name)
    if not body:
        return []
    return [line.split("=", 1)[1].strip() for line in body.splitlines() if line.startswith("# text =")]


def sentences(lang: str) -> list[str]:
    """Peer sentences of ``lang`` (lingua's for fa/ar/ur, a UD treebank's test part for ps/sd/ug)."""
    if lang in LINGUA:
        return lines(LINGUA[lang])
    if lang in UD:
        return conllu_sentences(UD[lang])
    return []


def sentence_file(lang: str) -> str | None:
    return LINGUA.get(lang) or UD.get(lang)
