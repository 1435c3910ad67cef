"""A query, search, trend or plot run in a forked child under a memory ceiling and a deadline (issue 24).

DuckDB's ``memory_limit`` covers its buffer manager only: a list or string built inside one function
(``range(500000000)``, ``repeat``, ``string_split``, ``list_sort``, ``md5`` of a huge string), the Python objects of a
result being printed and tantivy's allocations are not counted, and DuckDB's interrupt (our timeout) does not stop
such a function either. So the work runs in a child (``os.fork``: no new interpreter, ~ms) and this process watches
it: the child's anonymous resident memory (``/proc/<pid>/statm``: RSS without file pages, so a memory-mapped index
or shared library does not count) may grow by the limit plus a margin over what it started with, and it may run
the timeout plus a grace second; past either it is killed (SIGKILL) and the command ends in one line. DuckDB's own
memory_limit stays in place, a little under the ceiling, so what it accounts for fails first with its own message.

Why not RLIMIT_AS: it counts address space, not memory. DuckDB maps ~0.8 GB at start (10 threads' stacks and
arenas, more with more cores) and peaked at 3.6 GB of address space for 2.0 GB resident; a failed allocation in
tantivy (Rust) aborts the process without a message.

The child's standard output and error are held (in memory, past 16 MiB in an unlinked temporary file) and handed
to this process only once the work is done, so a killed child leaves no half-written output; from then on the
deadline no longer applies (a slow reader of the output is not the query's time). A failed work's output is
dropped, its error line kept.
"""

from __future__ import annotations

import io
import os
import select
import signal
import struct
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NoReturn

#: how often the child's memory is read while it works (a second of growth at ~1 GB/s overshoots ≤ 10 MB)
POLL_SECONDS = 0.01
#: over the timeout, before the child is killed: DuckDB's own interrupt gives its message first where it can
GRACE_SECONDS = 1.0
#: the ceiling over the limit: DuckDB's accounting runs ~40 MB over its memory_limit before it refuses
MARGIN_FRACTION = 0.2
MIN_MARGIN = 128 * 2**20
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
#: held output beyond this many bytes is spooled to an unlinked temporary file
SPOOL_BYTES = 16 * 2**20
_FRAME = struct.Struct("!cQ")  # kind (b"E" stderr, b"O" stdout) and length
_CHUNK = 1 << 20
_in_child = False


class Outcome(StrEnum):
    """How a bounded run ended."""

    done = "done"  # the work returned (its exit code may still say it failed)
    memory = "memory"  # killed: its memory passed the ceiling
    timeout = "timeout"  # killed: it ran past the deadline
    died = "died"  # ended by a signal not ours (the kernel's OOM killer, a crash)


@dataclass(frozen=True)
class Limits:
    """What a bounded run may use; None: no such limit."""

    memory: int | None
    timeout: float | None
    what: str = "query"  # named in the error line
    memory_text: str = ""  # the limit as the user set it (AKHBAR_QUERY_MEMORY)

    @classmethod
    def of(cls, cfg: Any, what: str = "query") -> Limits:
        """AKHBAR_QUERY_MEMORY and AKHBAR_QUERY_TIMEOUT of ``cfg`` (akhbar.settings.Settings)."""
        return cls(cfg.query_memory_bytes, cfg.query_timeout, what, cfg.query_memory)

    @property
    def ceiling(self) -> int | None:
        """Bytes of memory the work may add before it is killed."""
        if self.memory is None:
            return None
        return self.memory + max(MIN_MARGIN, int(self.memory * MARGIN_FRACTION))


@dataclass(frozen=True)
class Finished:
    outcome: Outcome
    code: int  # the exit code the command ends with
    peak: int  # bytes: the most anonymous memory the child added over its start, as last read
    seconds: float
    message: str | None = None  # the error line (without "error: ") when the run was stopped

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.done and self.code == 0


def anonymous_memory(pid: int | str = "self") -> int:
    """Resident anonymous memory of a process in bytes (RSS without file-backed and shared pages); 0 if gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            fields = fh.read().split()
    except OSError:
        return 0
    return (int(fields[1]) - int(fields[2])) * _PAGE


def run(work: Callable[[], int | None], limits: Limits | None) -> Finished:
    """Run ``work`` (its return value or SystemExit/typer.Exit code is the exit code) in a forked child; its output
    reaches this process's sys.stdout/sys.stderr once it has finished. Without fork (or inside a bounded child)
    it runs here, unbounded."""
    started = time.monotonic()
    if _in_child or not hasattr(os, "fork"):
        return Finished(Outcome.done, _call(work), 0, time.monotonic() - started)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # nothing buffered here may be written twice
    tty = (_isatty(sys.stdout), _isatty(sys.stderr))
    read_end, write_end = os.pipe()
    base = anonymous_memory()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (measured by the tests through its output)
        os.close(read_end)
        _child(work, write_end, tty)
    os.close(write_end)
    watch = _Watch(pid, limits, base, started)
    pipe = os.fdopen(read_end, "rb", buffering=0)
    try:
        return watch.follow(pipe)
    except BaseException:  # Ctrl-C, a reader gone away: the child goes too (before its pipe closes under it)
        watch.kill()
        raise
    finally:
        pipe.close()


class _Watch:
    """This side of a bounded run: reads the child's frames, watches its memory and the clock."""

    def __init__(self, pid: int, limits: Limits | None, base: int, started: float) -> None:
        self.pid, self.limits, self.base, self.started = pid, limits, base, started
        self.peak = 0
        self.stopped: Outcome | None = None
        self.deadline = (started + limits.timeout + GRACE_SECONDS
                         if limits is not None and limits.timeout is not None else None)
        self.ceiling = limits.ceiling if limits is not None else None
        self.relaying = False  # the child has finished its work and is handing over its output
        self._buffer = b""
        self._status: int | None = None

    def follow(self, pipe: Any) -> Finished:
        while self.stopped is None:
            readable, _, _ = select.select([pipe], [], [], self._wait())
            if readable:
                data = pipe.read(_CHUNK)
                if not data:
                    break  # the child closed its end: it is exiting
                self._relay(data)
            self._check()
        return self._finished(self._reap())

    def _wait(self) -> float:
        if self.deadline is None or self.relaying:
            return POLL_SECONDS
        return max(0.0, min(POLL_SECONDS, self.deadline - time.monotonic()))

    def _check(self) -> None:
        added = max(0, anonymous_memory(self.pid) - self.base)
        self.peak = max(self.peak, added)
        if self.ceiling is not None and added > self.ceiling:
            self.stopped = Outcome.memory
        elif not self.relaying and self.deadline is not None and time.monotonic() > self.deadline:
            self.stopped = Outcome.timeout
        if self.stopped is not None:
            self.kill()

    def _relay(self, data: bytes) -> None:
        """Frames of the child's held output, written on as they arrive."""
        self.relaying = True
        self._buffer += data
        while len(self._buffer) >= _FRAME.size:
            kind, size = _FRAME.unpack_from(self._buffer)
            if len(self._buffer) < _FRAME.size + size:
                return
            payload = self._buffer[_FRAME.size:_FRAME.size + size]
            self._buffer = self._buffer[_FRAME.size + size:]
            _write(sys.stdout if kind == b"O" else sys.stderr, payload)

    def kill(self) -> None:
        if self._status is not None:
            return  # reaped already: the pid may be another process's by now
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._reap()

    def _reap(self) -> int:
        """The child's wait status (waited for once)."""
        if self._status is None:
            self._status = os.waitpid(self.pid, 0)[1]
        return self._status

    def _finished(self, status: int) -> Finished:
        took = time.monotonic() - self.started
        if self.stopped is Outcome.memory:
            text = self.limits.memory_text if self.limits else ""
            return Finished(self.stopped, 2, self.peak, took,
                            f"the {self._what} needed more than AKHBAR_QUERY_MEMORY={text} (stopped at "
                            f"{_size(self.peak)}; set AKHBAR_QUERY_MEMORY to allow more)")
        if self.stopped is Outcome.timeout:
            limit = self.limits.timeout if self.limits else 0
            return Finished(self.stopped, 2, self.peak, took,
                            f"{self._what} stopped after the {limit:g} s limit (set AKHBAR_QUERY_TIMEOUT to allow "
                            "longer)")
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            why = " (the system may have run out of memory)" if number == signal.SIGKILL else ""
            return Finished(Outcome.died, 2, self.peak, took,
                            f"the {self._what} process was ended by {signal.Signals(number).name} at "
                            f"{_size(self.peak)} of memory{why}")
        return Finished(Outcome.done, os.waitstatus_to_exitcode(status), self.peak, took)

    @property
    def _what(self) -> str:
        return self.limits.what if self.limits else "command"


def _size(n: int) -> str:
    return f"{n / 10**9:.2f} GB" if n >= 10**9 else f"{n / 10**6:.0f} MB"


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _write(stream: Any, payload: bytes) -> None:
    target = getattr(stream, "buffer", None)
    if target is not None:
        stream.flush()
        target.write(payload)
        target.flush()
    else:
        stream.write(payload.decode(getattr(stream, "encoding", None) or "utf-8", "replace"))
        stream.flush()


class _Held(io.TextIOWrapper):
    """A text stream held until the work is done, that answers isatty() as the stream it stands in for (rich and
    the plain table choose their rendering by it). Past SPOOL_BYTES it moves to an unlinked temporary file: a
    large CSV result costs disk, not the query's memory, and a killed child leaves nothing behind."""

    def __init__(self, tty: bool, encoding: str | None) -> None:
        import tempfile  # DuckDB imports it anyway: free in the child, never loaded by the lean parent

        super().__init__(tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b"),
                         encoding=encoding or "utf-8", errors="backslashreplace", newline="\n", write_through=True)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def chunks(self) -> Iterator[bytes]:
        """What was written, from the start, in pieces of at most _CHUNK bytes."""
        self.flush()
        self.buffer.seek(0)
        while piece := self.buffer.read(_CHUNK):
            yield piece


def _child(work: Callable[[], int | None], write_end: int, tty: tuple[bool, bool]) -> NoReturn:
    """Run the work with its output held, hand the output over, exit; never returns to the caller's code."""
    global _in_child
    _in_child = True
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent too, which kills this child
        _die_with_parent()
        out = _Held(tty[0], getattr(sys.stdout, "encoding", None))
        err = _Held(tty[1], getattr(sys.stderr, "encoding", None))
        sys.stdout, sys.stderr = out, err
        code = _call(work)
        with os.fdopen(write_end, "wb") as pipe:
            for kind, stream in ((b"E", err), (b"O", out)):
                if kind == b"O" and code != 0:
                    break  # a failed work's output is dropped: its error line says what happened
                for piece in stream.chunks():
                    pipe.write(_FRAME.pack(kind, len(piece)))
                    pipe.write(piece)
    except BrokenPipeError:
        pass  # the parent stopped reading (its own reader went away): nothing to tell
    except BaseException:  # the child must never return into the parent's code
        try:
            import traceback

            traceback.print_exc(file=sys.__stderr__)
        except BaseException:
            pass
        code = code or 1
    finally:
        os._exit(code)


def _call(work: Callable[[], int | None]) -> int:
    """The work's exit code: its return value, or the code of SystemExit / click's Exit it raised."""
    try:
        result = work()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Exception as exc:
        code = getattr(exc, "exit_code", None)  # typer.Exit (click.exceptions.Exit) after a printed error line
        if isinstance(code, int):
            return code
        import traceback  # only here: the lean `akhbar query` starts without it

        traceback.print_exc()
        return 1
    return result if isinstance(result, int) else 0


def _die_with_parent() -> None:
    """The child dies with its parent (PR_SET_PDEATHSIG): a killed `akhbar` leaves no query running."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl ran
        os._exit(1)
