"""Partition locks: two runs of the same outlet-day never write at once.

An advisory ``flock`` on ``<data>/locks/<day>.<outlet>.lock``; the kernel drops it when the holder
dies (even by SIGKILL), so a crashed run never leaves a stale lock behind. An flock belongs to the
open file description, not to a process: a run hands its locked descriptor to its crawl child
(``subprocess`` ``pass_fds``), so the lock stays held for as long as *either* of them lives and a
re-run can never overlap a crawler that outlived its parent.

Stdlib only, so the crawler (a lower layer) may use it too.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class PartitionBusy(RuntimeError):
    """Another process holds the lock of this outlet-day."""


@dataclass(frozen=True)
class HeldLock:
    """A lock this process holds: the lock file and the locked descriptor (to hand to a child)."""

    path: Path
    fd: int


def lock_path(data_dir: Path, day: str, outlet: str) -> Path:
    return data_dir / "locks" / f"{day}.{outlet}.lock"


def _busy(fd: int, day: str, outlet: str) -> PartitionBusy:
    holder = os.pread(fd, 128, 0).decode(errors="replace").strip() or "unknown"
    return PartitionBusy(
        f"day {day} of outlet {outlet} is being written by another run (pid {holder}); "
        "wait for it to finish or stop it"
    )


def _note_holder(fd: int, text: str) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode(), 0)


@contextmanager
def partition_lock(data_dir: Path, day: str, outlet: str, *, wait: bool = False) -> Iterator[HeldLock]:
    """Hold the lock of one outlet-day (or any named resource); ``wait`` blocks instead of failing."""
    path = lock_path(data_dir, day, outlet)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _busy(fd, day, outlet) from None
        _note_holder(fd, str(os.getpid()))
        yield HeldLock(path, fd)
    finally:
        os.close(fd)  # closing the last descriptor of the description releases the lock


def adopt_lock(fd: int, data_dir: Path, day: str, outlet: str, *, parent_pid: int | None = None) -> HeldLock:
    """Check that an inherited descriptor is the held lock of this outlet-day, and name this process in it.

    Raises ValueError if ``fd`` is not that lock file, PartitionBusy if its lock is held by someone else
    (re-locking the description that already holds it succeeds at once).
    """
    path = lock_path(data_dir, day, outlet)
    try:
        mine, theirs = os.fstat(fd), os.stat(path)
    except OSError as exc:
        raise ValueError(f"lock descriptor {fd} for {day} {outlet} is not usable: {exc}") from exc
    if (mine.st_dev, mine.st_ino) != (theirs.st_dev, theirs.st_ino):
        raise ValueError(f"descriptor {fd} is not the lock file {path}")
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise _busy(fd, day, outlet) from None
    who = f"{parent_pid}, crawler {os.getpid()}" if parent_pid else str(os.getpid())
    _note_holder(fd, who)
    return HeldLock(path, fd)
