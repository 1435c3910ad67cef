"""akhbar installs like a Python package (issue 23): the wheel, installed into a new venv without the dev extra,
adds one top-level name and runs the demo and a query from a folder that holds folders of the layers' names.

The folders the user keeps beside their outlet files (``outlets/``, ``transforms/``, ``crawler/``, even
``akhbar/``) raise when imported: the CLI, the extraction pool's fork server and the crawl child must import the
installed code only. Installs go through uv, whose cache ``make install`` filled, so no test downloads more than
what the project's own install did.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parents[1]
#: folders of the user's working directory that must never be imported
USER_FOLDERS = ("outlets", "transforms", "crawler", "warehouse", "testweb", "akhbar")


def _uv() -> str:
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        pytest.fail("uv not found beside this Python (make install puts it in .venv/bin)")
    return uv


def _run(cmd: list[str], cwd: Path, timeout: float = 600, env: dict[str, str] | None = None,
         ) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("AKHBAR_", "AIRFLOW", "PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(cmd, cwd=cwd, env={**clean, **(env or {})}, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = _run([_uv(), "build", "--wheel", "--out-dir", str(out), str(REPO)], cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (built,) = out.glob("akhbar-*.whl")
    return built


@pytest.fixture(scope="module")
def user_folder(tmp_path_factory) -> Path:
    """A working directory as a user has it: their own folders of the layers' names, each raising on import."""
    where = tmp_path_factory.mktemp("user")
    for name in USER_FOLDERS:
        (where / name).mkdir()
        (where / name / "__init__.py").write_text(f"raise ImportError('the working directory\\'s {name}/ was "
                                                  f"imported instead of the installed akhbar')\n")
    return where


#: the extraction pool's fork server, started in the user's folder (run with the venv's python from a neutral one)
POOL_SCRIPT = textwrap.dedent("""
    import multiprocessing, os, sys
    from akhbar.transforms.normalize import normalize_text
    from akhbar.warehouse.children import forkserver_context

    if __name__ == "__main__":
        os.chdir(sys.argv[1])
        if sys.argv[2] == "safe":
            ctx = forkserver_context(["akhbar.transforms.normalize"])
        else:  # multiprocessing's own start, as the pool had it before
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["akhbar.transforms.normalize"])
        with ctx.Pool(1) as pool:
            # the plain start's workers fail at once and again: a few seconds show it (a CI minute otherwise)
            print(pool.apply_async(normalize_text, ("كتاب‌ها",)).get(timeout=60 if sys.argv[2] == "safe" else 8))
""")


def _venv(tmp_path: Path, requirement: str) -> Path:
    venv = tmp_path / "venv"
    proc = _run([_uv(), "venv", "--quiet", "--python", sys.executable, str(venv)], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = _run([_uv(), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), requirement],
                cwd=tmp_path, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return venv


def _no_traceback(proc: subprocess.CompletedProcess, what: str) -> None:
    assert proc.returncode == 0, f"{what}: exit {proc.returncode}\n{proc.stdout[-1500:]}\n{proc.stderr[-3000:]}"
    assert "Traceback" not in proc.stderr, f"{what}:\n{proc.stderr[-3000:]}"


@pytest.fixture(scope="module")
def plain_venv(wheel: Path, tmp_path_factory) -> Path:
    """The wheel installed without extras."""
    return _venv(tmp_path_factory.mktemp("plain"), str(wheel))


def test_the_wheel_installs_one_top_level_name(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/", 1)[0] for n in names}
    assert tops == {"akhbar", wheel.name.split("-py3")[0] + ".dist-info"}, tops
    top_level = next(n for n in names if n.endswith("top_level.txt"))
    assert zipfile.ZipFile(wheel).read(top_level).decode().split() == ["akhbar"]
    # the layers are subpackages, with their data; tests, benchmarks and DAG files stay out
    for needed in ("akhbar/transforms/extract/__init__.py", "akhbar/crawler/spiders/outlet_day.py",
                   "akhbar/warehouse/lake.py", "akhbar/outlets/registry.py", "akhbar/outlets/irna.toml",
                   "akhbar/testweb/articles_fa.json"):
        assert needed in names, needed
    assert not any(n.startswith(("akhbar/tests", "akhbar/bench", "akhbar/dags")) for n in names)


@pytest.mark.parametrize("start", ["safe", "plain"])
def test_the_fork_server_imports_the_installed_code(plain_venv: Path, tmp_path: Path, start: str):
    """A user's own importable ``akhbar`` package where the pool starts: the fork server (``python -c``, the
    working directory first on its path) keeps it in its modules and every worker forked from it fails, unless
    the server starts with a safe path (``forkserver_context``)."""
    user = tmp_path / "user"
    (user / "akhbar").mkdir(parents=True)
    (user / "akhbar" / "__init__.py").write_text("USERS_OWN = True\n")
    script = tmp_path / "pool.py"
    script.write_text(POOL_SCRIPT)
    proc = _run([str(plain_venv / "bin" / "python"), str(script), str(user), start], cwd=tmp_path, timeout=180)
    if start == "safe":
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.strip() == "کتابها"  # normalize_text: ي -> ی, ZWNJ folded
    else:  # the case the safe start exists for: the test can fail
        assert "No module named 'akhbar.transforms'" in proc.stderr, proc.stderr[-3000:]


@pytest.mark.parametrize("extra", ["", "production"])
def test_installed_without_the_dev_extra_the_demo_and_a_query_run_from_a_user_folder(
        wheel: Path, plain_venv: Path, user_folder: Path, tmp_path: Path, extra: str):
    venv = _venv(tmp_path, f"akhbar[{extra}] @ {wheel.as_uri()}") if extra else plain_venv
    akhbar = str(venv / "bin" / "akhbar")
    version = _run([akhbar, "--version"], cwd=user_folder)
    _no_traceback(version, "akhbar --version")
    assert version.stdout.strip() == "akhbar 0.1.0"
    data = tmp_path / "demo"
    demo = _run([akhbar, "demo", "--data-dir", str(data), "--port", "0"], cwd=user_folder)
    _no_traceback(demo, "akhbar demo")
    assert "imported instead of the installed akhbar" not in demo.stdout + demo.stderr
    query = _run([akhbar, "query", "--data-dir", str(data), "--format", "csv",
                  "select outlet, count(*) as n from articles group by 1 order by 1"], cwd=user_folder)
    _no_traceback(query, "akhbar query")
    rows = dict(line.split(",") for line in query.stdout.strip().splitlines()[1:])
    assert set(rows) == {"ar-mojaz", "ar-wadi", "fa-payam", "fa-sepehr"} and all(int(n) > 0 for n in rows.values())
    # the crawl child ran from the user's folder too: its log has no import of theirs
    logs = "".join(p.read_text(errors="replace") for p in (data / "logs").glob("crawl-*.log"))
    assert "imported instead of the installed akhbar" not in logs
