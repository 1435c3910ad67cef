"""The folder layout is the architecture: no import runs up a layer.

outlets (declarations) -> transforms (pure functions) -> warehouse (schema, lake, locks, runs, compaction)
-> crawler (Scrapy) -> akhbar (config, pipeline, gate, Airflow task bodies, CLI) -> dags (wiring).
The test web (``testweb/``) is a fixture beside them: it may read the declarations only, and only the
application (the demo) starts it. Every import counts, those inside
functions too (a lazy import up a layer is still an arrow up).

Installed, the folders are subpackages of the one top-level name ``akhbar`` (``akhbar.transforms`` is
``transforms/``; pyproject.toml's package-dir): an import of a bare ``transforms`` would find whatever folder of
that name the user's working directory holds, so it is a violation wherever it appears.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["outlets", "transforms", "warehouse", "crawler", "akhbar", "dags"]
#: packages that are not layers of the product but may use some of them
FIXTURES = {"testweb": {"outlets", "testweb"}}
#: extra arrows allowed: the demo command starts the test web
ALSO = {"akhbar": {"testweb"}}
#: folders installed as ``akhbar.<name>``
SUBPACKAGES = {"outlets", "transforms", "warehouse", "crawler", "testweb"}


def _package(path: Path) -> str:
    return path.relative_to(ROOT).parts[0]


def _imported_packages(path: Path) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "akhbar":
            names = [f"akhbar.{a.name}" for a in node.names]  # from akhbar import outlets: the outlets layer
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            found.add((_layer_of(name), node.lineno))
    return found


def _layer_of(module: str) -> str:
    """The layer an absolute import names: ``akhbar.crawler.run`` is crawler, ``akhbar.cli`` the application;
    a bare ``crawler`` is reported as such (``bare:crawler``)."""
    parts = module.split(".")
    if parts[0] == "akhbar":
        return parts[1] if len(parts) > 1 and parts[1] in SUBPACKAGES else "akhbar"
    return f"bare:{parts[0]}" if parts[0] in SUBPACKAGES or parts[0] == "dags" else parts[0]


def _violations(path: Path) -> list[str]:
    here = _package(path)
    allowed = FIXTURES.get(here) or set(LAYERS[: LAYERS.index(here) + 1]) | ALSO.get(here, set())
    known = set(LAYERS) | set(FIXTURES)
    rel = path.relative_to(ROOT)
    return [f"{rel}:{line} imports {top} (allowed: {', '.join(sorted(allowed))})"
            for top, line in sorted(_imported_packages(path))
            if top.startswith("bare:") or (top in known and top not in allowed)]


def _sources() -> list[Path]:
    return sorted(p for folder in [*LAYERS, *FIXTURES] for p in (ROOT / folder).rglob("*.py"))


def test_no_import_runs_up_a_layer():
    sources = _sources()
    assert len(sources) > 30  # the walk found the tree
    problems = [v for p in sources for v in _violations(p)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("layer", "source", "bad"), [
    ("crawler", "from akhbar.pipeline import run_day\n", True),
    ("warehouse", "def f():\n    from akhbar.crawler.warc import iter_responses\n", True),  # lazy imports count
    ("outlets", "import akhbar.transforms.normalize\n", True),
    ("transforms", "from akhbar.outlets.registry import Outlet\n", False),
    ("akhbar", "from akhbar.crawler import run\nfrom akhbar.warehouse.lake import Lake\n", False),
    ("testweb", "from akhbar.crawler.discovery import parse_feed\n", True),  # the fixture reads declarations only
    ("crawler", "from akhbar.testweb import TestWeb\n", True),
    ("akhbar", "from akhbar import settings\n", False),
    ("warehouse", "from akhbar import outlets, transforms\n", False),
    ("warehouse", "from akhbar import settings\n", True),
    # a bare generic name would import the user's own folder of that name: wrong even where the layer is right
    ("akhbar", "from crawler import run\n", True),
    ("transforms", "import transforms.normalize\n", True),
])
def test_the_check_sees_an_arrow_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layer: str, source: str,
                                    bad: bool):
    fake_root = tmp_path
    (fake_root / layer).mkdir()
    module = fake_root / layer / "m.py"
    module.write_text(source, encoding="utf-8")
    monkeypatch.setitem(globals(), "ROOT", fake_root)
    assert bool(_violations(module)) is bad
