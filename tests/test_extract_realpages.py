"""Our extractor against bare trafilatura on a sample of the shared real pages (skipped without them)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# bench/ is not an installed package: import it from the checkout
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.extract_bench import PAGES_DIR, bare, load_pages, ours, prf

pytestmark = pytest.mark.realpages


@pytest.fixture(scope="module")
def sample():
    pages = load_pages()
    if not pages:
        pytest.skip(f"{PAGES_DIR} is absent")
    return pages[::6]  # every sixth page: ~38 pages across many outlets and languages


def test_mean_f1_at_least_bare_trafilatura(sample) -> None:
    ours_f1 = [prf(ours(p), p.gold)[2] for p in sample]
    bare_f1 = [prf(bare(p), p.gold)[2] for p in sample]
    assert sum(ours_f1) / len(sample) >= sum(bare_f1) / len(sample)
    # and no page falls clearly behind
    worse = [p.name for p, o, b in zip(sample, ours_f1, bare_f1, strict=True) if o < b - 0.02]
    assert not worse, worse


def test_no_replacement_characters_in_real_pages(sample) -> None:
    for p in sample:
        assert "\ufffd" not in ours(p), p.name
