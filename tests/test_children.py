"""warehouse/children.py: child processes import the installed akhbar, not a folder of the working directory.

The fork server's case needs a non-editable install to show (the editable install's finder maps
``akhbar.transforms`` to the checkout whatever ``akhbar`` is): tests/test_packaging.py runs it in the wheel's venv.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from akhbar.warehouse.children import python_module


def test_a_module_child_ignores_the_working_directory(tmp_path: Path):
    (tmp_path / "akhbar").mkdir()
    (tmp_path / "akhbar" / "__init__.py").write_text("raise ImportError('the user folder akhbar/ was imported')\n")
    proc = subprocess.run(python_module("akhbar.crawler.run", "--help"), cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "--data-dir" in proc.stdout
    plain = subprocess.run([sys.executable, "-m", "akhbar.crawler.run", "--help"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert "the user folder akhbar/ was imported" in plain.stderr  # what -P prevents
