"""Partition locks: two runs of the same outlet-day never write at once.

An advisory ``flock`` on ``<data>/locks/<day>.<outlet>.lock``; the kernel drops it when the holder
dies (even by SIGKILL), so a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class PartitionBusy(RuntimeError):
    """Another process holds the lock of this outlet-day."""


@contextmanager
def partition_lock(data_dir: Path, day: str, outlet: str, *, wait: bool = False) -> Iterator[Path]:
    """Hold the lock of one outlet-day (or any named resource); ``wait`` blocks instead of failing."""
    folder = data_dir / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{day}.{outlet}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            raise PartitionBusy(
                f"day {day} of outlet {outlet} is being written by another run (pid {holder}); "
                "wait for it to finish or stop it"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing releases the lock
