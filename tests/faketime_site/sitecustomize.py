"""Imported at start-up by every Python process of the Airflow stack that tests/test_airflow_recipe.py runs on a
faked clock (this folder is on its PYTHONPATH; nothing else uses it).

Debian 12's libfaketime (0.9.10) shifts the deadline of an absolute CLOCK_MONOTONIC ``clock_nanosleep`` even when
the monotonic clock is left alone (FAKETIME_DONT_FAKE_MONOTONIC=1): Python 3.11's ``time.sleep`` then fails with
EINVAL (fixed in libfaketime 0.9.11). Faking the monotonic clock instead hangs every timed wait on a lock or an
event (0.9.10 does not intercept ``sem_clockwait``). So the monotonic clock stays real and ``time.sleep`` waits
in ``select``, whose relative timeout libfaketime passes through.
"""

from __future__ import annotations

import os
import select
import time


def _sleep(seconds: float) -> None:
    """``time.sleep`` on the real monotonic clock (``select`` retries on a signal, PEP 475). Like it, even
    ``sleep(0)`` lets the other threads run (``select`` releases the GIL)."""
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = time.monotonic() + seconds
    select.select([], [], [], seconds)
    while (left := deadline - time.monotonic()) > 0:
        select.select([], [], [], left)


if "libfaketime" in os.environ.get("LD_PRELOAD", ""):
    time.sleep = _sleep
