"""warehouse/diskfull.py, and the night's index step that must not keep a full disk quiet."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import duckdb
import pytest

from akhbar.pipeline import reindex
from akhbar.warehouse.diskfull import as_os_error, disk_full_errno

pytestmark = pytest.mark.faults


def test_disk_full_is_read_from_errno_message_or_cause():
    assert disk_full_errno(OSError(errno.ENOSPC, "No space left on device")) == errno.ENOSPC
    assert disk_full_errno(OSError(errno.EFBIG, "File too large")) == errno.EFBIG
    duck = duckdb.IOException(f'Could not write file "/d/akhbar.duckdb": {os.strerror(errno.EDQUOT)}')
    assert disk_full_errno(duck) == errno.EDQUOT
    try:
        try:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        except OSError as inner:
            raise ValueError("tantivy: commit failed") from inner
    except ValueError as outer:
        assert disk_full_errno(outer) == errno.ENOSPC
    assert disk_full_errno(OSError(errno.EACCES, "Permission denied")) is None
    assert disk_full_errno(ValueError("no space for another word")) is None
    full = as_os_error(duck, "/d/akhbar.duckdb")
    assert (full.errno, full.filename) == (errno.EDQUOT, "/d/akhbar.duckdb")


@pytest.mark.parametrize(("error", "raised"), [(OSError(errno.ENOSPC, "No space left on device"), True),
                                               (ValueError("index is locked"), False)])
def test_an_index_step_fails_the_night_only_on_a_full_disk(tmp_path: Path, monkeypatch, error, raised):
    def step(data_dir, lake_uri):
        raise error

    monkeypatch.setattr(reindex, "STEPS", {"search": step})
    if raised:
        with pytest.raises(OSError) as caught:
            reindex.after_night(date(2025, 1, 7), tmp_path, "r1")
        assert caught.value.errno == errno.ENOSPC
    else:
        outcomes = reindex.after_night(date(2025, 1, 7), tmp_path, "r1")
        assert outcomes["search"]["error"] == "ValueError: index is locked"
