"""akhbar.bounded: work run in a forked child under a memory ceiling and a deadline, its output held until it is
done. (The queries, searches and plots that use it: tests/test_faults_query.py.)"""

from __future__ import annotations

import os
import sys
import time

import pytest

from akhbar import bounded
from akhbar.bounded import Limits, Outcome

LIMITS = Limits(memory=100 * 10**6, timeout=1.0, what="query", memory_text="100MB")


def _hog() -> int:
    held = []
    while True:
        held.append(bytearray(10**7))  # 10 MB touched at a time, forever


def test_work_that_finishes_hands_over_its_output_and_exit_code(capfd: pytest.CaptureFixture):
    def work() -> int:
        print("نتیجه: ۳ خبر")  # Persian through the held (UTF-8) stream
        print("a warning", file=sys.stderr)
        return 0

    done = bounded.run(work, LIMITS)
    assert done.ok and done.outcome is Outcome.done and done.message is None
    out, err = capfd.readouterr()
    assert out == "نتیجه: ۳ خبر\n" and err == "a warning\n"


def test_a_failed_work_keeps_its_error_line_and_drops_its_output(capfd: pytest.CaptureFixture):
    def work() -> int:
        print("half a result")
        print("error: خطا", file=sys.stderr)
        sys.exit(2)

    done = bounded.run(work, LIMITS)
    assert (done.outcome, done.code) == (Outcome.done, 2)
    assert capfd.readouterr() == ("", "error: خطا\n")


def test_memory_past_the_ceiling_is_killed_with_one_line(capfd: pytest.CaptureFixture):
    started = time.monotonic()
    done = bounded.run(_hog, Limits(memory=100 * 10**6, timeout=30, what="query", memory_text="100MB"))
    assert (done.outcome, done.code) == (Outcome.memory, 2)
    assert LIMITS.ceiling < done.peak < LIMITS.ceiling + 100 * 10**6  # stopped within a few polls of growth
    assert done.message.startswith("the query needed more than AKHBAR_QUERY_MEMORY=100MB (stopped at ")
    assert time.monotonic() - started < 20
    assert capfd.readouterr() == ("", "")


def test_the_deadline_kills_work_that_ignores_interrupts(capfd: pytest.CaptureFixture):
    def work() -> int:
        print("never shown")
        time.sleep(60)
        return 0

    done = bounded.run(work, LIMITS)
    assert (done.outcome, done.code) == (Outcome.timeout, 2)
    assert LIMITS.timeout <= done.seconds < LIMITS.timeout + bounded.GRACE_SECONDS + 3
    assert done.message == "query stopped after the 1 s limit (set AKHBAR_QUERY_TIMEOUT to allow longer)"
    assert capfd.readouterr() == ("", "")


def test_a_large_output_is_relayed_whole_after_the_deadline_no_longer_counts(capfd: pytest.CaptureFixture):
    line = "خبر " * 20 + "\n"

    def work() -> int:
        sys.stdout.write(line * 50_000)  # ~4 MB: several frames
        return 0

    done = bounded.run(work, Limits(memory=10**9, timeout=30, what="query", memory_text="1GB"))
    assert done.ok
    assert capfd.readouterr().out == line * 50_000


def test_spooled_output_is_relayed_whole(capfd: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(bounded, "SPOOL_BYTES", 64 * 1024)
    line = "خبر " * 20 + "\n"

    def work() -> int:
        sys.stdout.write(line * 50_000)  # ~4 MB, past the 64 KiB spool
        return 0

    assert bounded.run(work, LIMITS).ok
    assert capfd.readouterr().out == line * 50_000


def test_a_large_output_is_not_counted_as_the_work_s_memory(monkeypatch: pytest.MonkeyPatch):
    """A 200 MB result under a 144 MB ceiling: spooled to an unlinked temporary file, not held in memory."""
    block = "x" * 2**20

    def work() -> int:
        for _ in range(200):
            sys.stdout.write(block)
        return 0

    with open(os.devnull, "w") as sink:
        monkeypatch.setattr(sys, "stdout", sink)
        done = bounded.run(work, Limits(memory=10 * 2**20, timeout=120, what="query", memory_text="10MiB"))
    assert done.ok, done
    assert done.peak < Limits(memory=10 * 2**20, timeout=1).ceiling


def test_an_unexpected_exception_is_a_traceback_and_exit_code_1(capfd: pytest.CaptureFixture):
    def work() -> int:
        raise RuntimeError("boom")

    done = bounded.run(work, LIMITS)
    assert (done.outcome, done.code) == (Outcome.done, 1)
    assert "RuntimeError: boom" in capfd.readouterr().err


def test_a_child_killed_from_outside_is_one_line():
    done = bounded.run(lambda: os.kill(os.getpid(), 9), LIMITS)
    assert (done.outcome, done.code) == (Outcome.died, 2)
    assert "process was ended by SIGKILL" in done.message


def test_the_child_sees_the_terminal_the_parent_writes_to(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(bounded, "_isatty", lambda stream: stream is sys.stdout)

    def work() -> int:
        return 0 if sys.stdout.isatty() and not sys.stderr.isatty() else 3

    assert bounded.run(work, LIMITS).code == 0


def test_no_limits_runs_unbounded():
    done = bounded.run(lambda: 0, None)
    assert done.ok and Limits(None, None).ceiling is None


def test_the_ceiling_leaves_duckdb_room_over_its_limit():
    assert Limits(10**9, 1).ceiling == 10**9 + 2 * 10**8  # 20 %
    assert Limits(100 * 10**6, 1).ceiling == 100 * 10**6 + bounded.MIN_MARGIN


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path):
    """`akhbar query … | head -1`: exit code 1 as click's, no traceback from either process."""
    import subprocess
    from pathlib import Path

    akhbar = Path(sys.executable).with_name("akhbar")
    proc = subprocess.Popen([str(akhbar), "query", "select * from range(3000000)", "--format", "csv", "--data-dir",
                             str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline() == b"range\n"
    proc.stdout.close()  # the reader goes away with most of the 20 MB result unread
    assert proc.wait(timeout=120) == 1
    assert b"Traceback" not in proc.stderr.read()
