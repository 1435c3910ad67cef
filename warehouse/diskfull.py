"""Whether an error means the disk is full: the one failure no step of a night may keep quiet.

Errors reach us as OSError with an errno (our own writes, pyarrow), or as a library's own exception whose
message carries the system's text (DuckDB's ``Could not write file "…": No space left on device``, tantivy's).
"""

from __future__ import annotations

import errno
import os

#: no space, over quota, or past a file-size limit (RLIMIT_FSIZE): to a writer they are the same
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_TEXTS = {os.strerror(n): n for n in DISK_FULL_ERRNOS}


def disk_full_errno(exc: BaseException | None) -> int | None:
    """The errno of a disk-full error in ``exc`` or its causes (None: not one)."""
    seen = 0
    while exc is not None and seen < 8:
        if getattr(exc, "errno", None) in DISK_FULL_ERRNOS:
            return exc.errno  # type: ignore[union-attr]
        for text, number in _TEXTS.items():
            if text in str(exc):
                return number
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


def as_os_error(exc: BaseException, path: str) -> OSError | None:
    """``exc`` as the OSError a disk-full failure is reported as (None when it is not one)."""
    number = disk_full_errno(exc)
    return None if number is None else OSError(number, os.strerror(number), path)
