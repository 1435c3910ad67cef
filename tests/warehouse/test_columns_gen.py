"""warehouse/columns_gen.py: ``python -m akhbar.warehouse.columns_gen`` writes what render() gives (that the
committed columns.py is that: tests/warehouse/test_columns.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.warehouse import columns_gen


def test_main_writes_what_render_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    target = tmp_path / "columns.py"
    monkeypatch.setattr(columns_gen, "TARGET", target)
    assert columns_gen.main() == 0
    assert target.read_text() == columns_gen.render()
    assert str(target) in capsys.readouterr().out


def test_render_is_python_that_defines_the_columns():
    namespace: dict = {}
    exec(compile(columns_gen.render(), "columns.py", "exec"), namespace)
    assert namespace["COLUMNS"]["articles"][0] == ("article_id", "VARCHAR")
    assert ("authors", "VARCHAR[]") in namespace["COLUMNS"]["articles"]
    assert "ok" not in namespace["FAILED_OUTCOMES"]
