"""Where things are, for test modules at any depth of tests/ (``Path(__file__).parents[n]`` changes with it)."""

from __future__ import annotations

from pathlib import Path

#: the checkout: the product card's folders, bench/, scrapy.cfg
ROOT = Path(__file__).resolve().parents[1]
#: the test web's package (pages, content)
TESTWEB = ROOT / "testweb"
#: the material shared beside the checkout (real pages, seeds); tests that need it skip or say so without it
SHARED = ROOT.parent / "shared"
