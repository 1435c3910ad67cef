"""Extraction thresholds live in transforms/thresholds.py: every one is used, none is a bare number elsewhere."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

from akhbar.transforms import boilerplate, extract
from akhbar.transforms.thresholds import EXTRACTION, ExtractionThresholds

ROOT = Path(__file__).resolve().parents[1]
USERS = [ROOT / "transforms" / "extract.py", ROOT / "transforms" / "boilerplate.py"]


def _module_constants(path: Path) -> dict[str, ast.expr]:
    """Module-level ``_NAME = value`` assignments of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
            for t in node.targets if isinstance(t, ast.Name) and t.id.lstrip("_").isupper()}


def test_no_bare_numeric_threshold_at_module_level():
    bare = {f"{p.name}:{name}" for p in USERS for name, value in _module_constants(p).items()
            if isinstance(value, ast.Constant) and isinstance(value.value, int | float)
            and not isinstance(value.value, bool)}
    assert bare == set(), "name it in transforms/thresholds.py (ExtractionThresholds)"


def test_every_threshold_is_used():
    used = {node.attr for p in USERS for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "EXTRACTION"}
    assert used == {f.name for f in fields(ExtractionThresholds)}


def test_the_modules_run_with_the_shared_values():
    assert extract._SHORT == EXTRACTION.short_body_chars
    assert extract._SPLIT_MIN_GAIN == EXTRACTION.split_min_gain
    assert boilerplate._REPEATS == EXTRACTION.repeated_line_count
    assert boilerplate._SITE_SEGMENT_WORDS == EXTRACTION.site_segment_words
