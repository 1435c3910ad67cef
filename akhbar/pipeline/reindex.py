"""The last step of a night: keep the replay and search indexes in step with what the night wrote.

Each index is kept in step once it exists: the replay index (``<data>/index/replay/cdxj``) from the first
`akhbar replay`, the search index from the first search. An archive that uses neither pays nothing, and a night
never needs pywb. Both updates are incremental (akhbar.replay.index_warcs: the WARC files new or grown since;
warehouse.search_index.sync: the partitions whose rows changed), so a running `akhbar replay` serves the night's
pages at once (pywb lists its CDXJ directory again when the directory changes) and the next search starts warm.

Failure-tolerant: the lake and the WARC files are already written, so an indexing error is logged and recorded
(one JSON line per step in ``<data>/logs/index-<day>-<run>.jsonl``) and never fails the night (except a full disk:
a night that could not write everything says so); the next night,
replay start or search indexes what was missed.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from akhbar import replay
from akhbar.crawler.paths import index_log_file
from akhbar.settings import settings
from akhbar.warehouse import search_index
from akhbar.warehouse.diskfull import disk_full_errno

log = logging.getLogger(__name__)


def _replay_step(data_dir: Path, lake_uri: str | None) -> dict | None:
    if not (replay.replay_dir(data_dir.resolve()) / replay.CDXJ_DIR).is_dir():
        return None  # replay never started here: `akhbar replay` indexes everything when it first starts
    return {"warc_files_indexed": replay.index_warcs(settings().with_options(data_dir=data_dir))}


def _search_step(data_dir: Path, lake_uri: str | None) -> dict | None:
    if not (search_index.index_dir(data_dir) / search_index.MANIFEST).exists():
        return None  # never searched here: the first search builds the index
    result = search_index.sync(data_dir, lake_uri)
    return {"partitions_indexed": len(result.indexed), "partitions_deleted": len(result.deleted),
            "documents": result.documents}


STEPS: dict[str, Callable[[Path, str | None], dict | None]] = {"replay": _replay_step, "search": _search_step}


def after_night(day: date, data_dir: Path, run_id: str, lake_uri: str | None = None) -> dict[str, dict]:
    """Run each index step; returns (and records) step -> its outcome (``error`` when it failed)."""
    outcomes: dict[str, dict] = {}
    for name, step in STEPS.items():
        started = time.monotonic()
        try:
            done = step(data_dir, lake_uri)
        except Exception as exc:  # the night's data is safe; the next run indexes what was missed
            if disk_full_errno(exc) is not None:
                raise  # but a full disk is the night's failure: it could not write everything
            log.exception("%s index after the night of %s failed (the night's data is kept)", name, day)
            done = {"error": f"{type(exc).__name__}: {exc}"}
        if done is None:
            continue
        outcomes[name] = {"step": name, "day": day.isoformat(), "run_id": run_id,
                          "at": datetime.now(UTC).isoformat(timespec="seconds"),
                          "seconds": round(time.monotonic() - started, 3), **done}
    if outcomes:
        try:
            _record(index_log_file(data_dir, day, run_id), outcomes.values())
        except OSError:
            log.exception("could not record the index steps of %s", day)
    return outcomes


def _record(path: Path, rows) -> None:
    """Append one line per step (O_APPEND: the outlets' tasks of one Airflow run may append at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
