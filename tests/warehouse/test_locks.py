"""warehouse/locks.py: one writer per outlet-day; the lock names its holder, dies with it (even by SIGKILL), and
travels to a crawl child as a descriptor."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from akhbar.warehouse.locks import PartitionBusy, adopt_lock, lock_path, partition_lock

DAY = "2025-01-07"


def test_a_second_writer_of_the_same_outlet_day_is_refused_naming_the_holder(tmp_path: Path):
    with partition_lock(tmp_path, DAY, "irna") as held:
        assert held.path == lock_path(tmp_path, DAY, "irna") == tmp_path / "locks" / f"{DAY}.irna.lock"
        with pytest.raises(PartitionBusy, match=f"day {DAY} of outlet irna .*pid {os.getpid()}"):
            with partition_lock(tmp_path, DAY, "irna"):
                pass
        with partition_lock(tmp_path, DAY, "aljazeera-ar"), partition_lock(tmp_path, "2025-01-08", "irna"):
            pass  # other outlets and days are not held
    with partition_lock(tmp_path, DAY, "irna"):
        pass  # released on exit


def test_wait_blocks_until_the_holder_lets_go(tmp_path: Path):
    order: list[str] = []
    with partition_lock(tmp_path, DAY, "irna"):
        waiter = threading.Thread(target=lambda: _wait_and_note(tmp_path, order))
        waiter.start()
        time.sleep(0.3)
        order.append("released")
    waiter.join(10)
    assert order == ["released", "acquired"]


def _wait_and_note(data_dir: Path, order: list[str]) -> None:
    with partition_lock(data_dir, DAY, "irna", wait=True):
        order.append("acquired")


def test_a_holder_killed_by_sigkill_leaves_no_stale_lock(tmp_path: Path):
    code = ("import sys, time; from pathlib import Path; from akhbar.warehouse.locks import partition_lock\n"
            f"with partition_lock(Path({str(tmp_path)!r}), {DAY!r}, 'irna'):\n"
            "    print('held', flush=True); time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(PartitionBusy, match=f"pid {child.pid}"):
            with partition_lock(tmp_path, DAY, "irna"):
                pass
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    with partition_lock(tmp_path, DAY, "irna"):
        pass


def test_a_child_adopts_the_held_descriptor_and_nothing_else(tmp_path: Path):
    other = tmp_path / "other.lock"
    other.write_text("")
    with partition_lock(tmp_path, DAY, "irna") as held:
        adopted = adopt_lock(held.fd, tmp_path, DAY, "irna", parent_pid=4242)
        assert adopted.path == held.path
        assert held.path.read_text() == f"4242, crawler {os.getpid()}"
        fd = os.open(other, os.O_RDWR)
        try:
            with pytest.raises(ValueError, match="is not the lock file"):
                adopt_lock(fd, tmp_path, DAY, "irna")
        finally:
            os.close(fd)
        with pytest.raises(ValueError, match="not usable"):
            adopt_lock(held.fd, tmp_path, DAY, "isna")  # no lock file for that outlet-day
