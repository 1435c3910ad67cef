"""The ``runs`` table: one row per quality-gate verdict (or failed run) of an outlet-day.

The gate (``akhbar.quality``) decides; this module only stores: each outlet-day's partition keeps the
newest RUNS_KEPT rows, a re-run replaces the row of its own run_id.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from akhbar.warehouse.lake import Lake

#: runs kept per outlet-day partition (newest first), so re-runs leave a short history
RUNS_KEPT = 20


def failed_run_row(run_id: str, error: str, started_at: datetime | None = None) -> dict:
    """A runs row for an outlet-day that was not archived (the task failed before publishing)."""
    return {"run_id": run_id, "status": "failed", "started_at": started_at, "finished_at": datetime.now(UTC),
            "error": error}


def record_run(lake: Lake, day: date, outlet: str, row: dict) -> int:
    """Put a run's row in the outlet-day's runs partition, replacing an older row of the same run_id."""
    kept = [r for r in (_runs(lake, day, outlet) or []) if r["run_id"] != row["run_id"]]
    rows = sorted([*kept, row], key=lambda r: r["finished_at"] or datetime.min.replace(tzinfo=UTC))
    return lake.replace_partition("runs", day, outlet, rows[-RUNS_KEPT:])


def latest_run(lake: Lake, day: date, outlet: str) -> dict | None:
    rows = _runs(lake, day, outlet) or []
    return rows[-1] if rows else None


def _runs(lake: Lake, day: date, outlet: str) -> list[dict] | None:
    t = lake.read_partition("runs", day, outlet)
    return None if t is None else t.to_pylist()
