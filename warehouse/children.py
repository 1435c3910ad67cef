"""Child Python processes run the installed akhbar, never a folder of the working directory.

``python -m X`` and ``python -c …`` put the current folder first on ``sys.path``, so a user who keeps their own
``outlets/`` or ``akhbar/`` folder where they run akhbar would have it imported in place of ours (in the crawl
child, in the extraction pool's fork server). Children start with ``-P`` (Python 3.11's safe path: nothing is
prepended), and a fork server is started with ``PYTHONSAFEPATH`` set (``multiprocessing`` starts it with
``-c``, and it does not apply the parent's ``sys.path``).
"""

from __future__ import annotations

import importlib.machinery
import multiprocessing
import multiprocessing.forkserver
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SAFE_PATH_ENV = "PYTHONSAFEPATH"


def python_module(module: str, *args: str) -> list[str]:
    """The command line running ``module`` with this Python, its working directory kept off ``sys.path``."""
    return [sys.executable, "-P", "-m", module, *args]


def forkserver_context(preload: list[str]) -> Any:
    """The forkserver multiprocessing context, its server started now with a safe path and ``preload``
    imported there once (each worker forked from it starts warm). A server already running is kept."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(preload)
    # set in the C environment the server inherits, for as long as it takes to start it; os.environ, the settings'
    # view of the user's environment, is never changed
    os.putenv(SAFE_PATH_ENV, "1")
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if not sys.flags.safe_path:  # this process was not started with it: take it out again
            os.unsetenv(SAFE_PATH_ENV)
    return ctx


@contextmanager
def main_not_rerun() -> Iterator[None]:
    """While pool workers start: they do not run this process's main script again (multiprocessing re-runs a script
    named by path in every worker it starts, as ``__mp_main__``: in an Airflow task that is the ``airflow`` command,
    which sets Airflow up again in each worker and logs errors). A main module with a ``__spec__`` name ending in
    ``.__main__`` is left alone by multiprocessing's spawn.prepare; the workers need nothing from it (what they run
    is imported by module name)."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        yield
        return
    main.__spec__ = importlib.machinery.ModuleSpec("akhbar_worker.__main__", None)
    try:
        yield
    finally:
        main.__spec__ = None
