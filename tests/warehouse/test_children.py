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


_POOL_SCRIPT = """
import sys
print("main ran as", __name__, flush=True)
if __name__ == "__main__":
    from akhbar.transforms.normalize import normalize_text
    from akhbar.warehouse.children import forkserver_context, main_not_rerun
    ctx = forkserver_context(["akhbar.transforms.normalize"])
    if sys.argv[1] == "quiet":
        with main_not_rerun():
            pool = ctx.Pool(2)
    else:
        pool = ctx.Pool(2)
    with pool:
        print(pool.apply_async(normalize_text, ("ك",)).get(timeout=60), flush=True)
"""


def test_pool_workers_do_not_run_the_main_script_again(tmp_path: Path):
    """multiprocessing re-runs a main script given by path in every worker (in an Airflow task: the airflow
    command, which sets Airflow up again in each worker); main_not_rerun keeps the workers from it."""
    script = tmp_path / "night.py"
    script.write_text(_POOL_SCRIPT)
    runs = {}
    for mode in ("quiet", "plain"):
        proc = subprocess.run([sys.executable, str(script), mode], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        runs[mode] = proc.stdout.count("main ran as __mp_main__")
    # plain: each worker that got as far as preparing re-ran it (the pool may be torn down before the second
    # worker is ready on a loaded machine, so at least one)
    assert runs["quiet"] == 0 and runs["plain"] >= 1, runs
