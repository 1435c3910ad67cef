"""Extraction thresholds live in transforms/thresholds.py: every one is used, none is a bare number elsewhere."""

from __future__ import annotations

import ast
from dataclasses import fields, replace
from pathlib import Path

from repo import ROOT

from akhbar.transforms.extract import ExtractOptions, extract
from akhbar.transforms.thresholds import EXTRACTION, ExtractionThresholds

USERS = [*sorted((ROOT / "transforms" / "extract").glob("*.py")), ROOT / "transforms" / "boilerplate.py"]
NAMES = {f.name for f in fields(ExtractionThresholds)}


def _module_constants(path: Path) -> dict[str, ast.expr]:
    """Module-level ``_NAME = value`` assignments of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
            for t in node.targets if isinstance(t, ast.Name) and t.id.lstrip("_").isupper()}


def test_no_bare_numeric_threshold_at_module_level():
    bare = {f"{p.name}:{name}" for p in USERS for name, value in _module_constants(p).items()
            if isinstance(value, ast.Constant) and isinstance(value.value, int | float)
            and not isinstance(value.value, bool)
            and name.lstrip("_") not in {"LD_MAX_DEPTH", "LD_MAX_NODES", "MAX_EVIDENCE", "BEFORE_YEAR", "AFTER_YEAR"}}
    assert bare == set(), "name it in transforms/thresholds.py (ExtractionThresholds)"


def test_every_threshold_is_read_by_name():
    """Each field is read somewhere as ``<thresholds>.<field>`` (``opts.thresholds.x``, ``th.x``, ``EXTRACTION.x``)."""
    used = {node.attr for p in USERS for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and node.attr in NAMES}
    assert used == NAMES


def test_the_options_thresholds_are_the_ones_extraction_runs_with():
    """A threshold given in the options changes what comes out (read per call, not copied at import): with no date
    node to read (max_date_nodes 0) the date printed under the headline is not found."""
    body = "".join(f"<p>گزارش شماره {i} درباره بازار کتاب تهران که جزئیات بیشتری از آن منتشر شده است.</p>"
                   for i in range(8))
    page = ("<html><head><title>بازار کتاب</title></head><body><article><h1>بازار کتاب تهران</h1>"
            f'<span class="date">۱۸ دی ۱۴۰۳ - ۱۴:۳۰</span>{body}</article></body></html>')
    url = "https://example.ir/news/1"
    found = extract(page, ExtractOptions(url=url, tz="Asia/Tehran"))
    assert found.published_at is not None and found.date_source == "text"
    blind = extract(page, ExtractOptions(url=url, tz="Asia/Tehran", thresholds=replace(EXTRACTION, max_date_nodes=0)))
    assert blind.date_source != "text"
