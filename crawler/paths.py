"""Where one crawl run writes, in one place: the WARC partition, the crawl log, the Scrapy process log, the index
log of the night. Every writer and every reader (the pipeline, the Airflow task's log lines, recovery) asks here."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def _day(day: date | str) -> str:
    return day if isinstance(day, str) else day.isoformat()


def warc_dir(data_dir: Path, day: date | str, outlet: str) -> Path:
    """The outlet-day's WARC files (``<run_id>-NNNNN.warc.gz``; ``.open`` while written)."""
    return data_dir / "warc" / f"day={_day(day)}" / f"outlet={outlet}"


def crawl_log_dir(data_dir: Path, day: date | str, outlet: str) -> Path:
    """The outlet-day's crawl logs, one ``<run_id>.jsonl`` per run."""
    return data_dir / "crawl" / f"day={_day(day)}" / f"outlet={outlet}"


def crawl_log_file(data_dir: Path, day: date | str, outlet: str, run_id: str) -> Path:
    return crawl_log_dir(data_dir, day, outlet) / f"{run_id}.jsonl"


def scrapy_log_file(data_dir: Path, day: date | str, run_id: str) -> Path:
    """The crawl process's own log (every outlet of the run)."""
    return data_dir / "logs" / f"crawl-{_day(day)}-{run_id}.log"


def index_log_file(data_dir: Path, day: date | str, run_id: str) -> Path:
    """What the night's index steps did (akhbar.pipeline.reindex), one JSON line per step."""
    return data_dir / "logs" / f"index-{_day(day)}-{run_id}.jsonl"
