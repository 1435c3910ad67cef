"""The packages written from this archive, remembered for `akhbar show`'s citation line.

``<data>/evidence/packages.jsonl``: one JSON line per package (its SHA-256, path, size, created time, pages,
signing key, timestamp, and what it holds: an article, or a range of days and outlets), appended with one
``write`` (O_APPEND: lines of two exports never interleave). A citation names the newest package holding the
article. A data dir that cannot be written (a shared archive read by others) is left alone: the package is
written all the same and the caller says it was not remembered.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

LEDGER = Path("evidence") / "packages.jsonl"


def remember(data_dir: Path, written: Any, what: dict[str, Any]) -> bool:
    """Append the package to the ledger; False when the data dir cannot be written."""
    entry = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(written).items()} | what
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    path = data_dir / LEDGER
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    except OSError:
        return False
    return True


def holds(entry: dict[str, Any], article_id: str, day: str | None, outlet: str | None) -> bool:
    """Whether a ledger entry's package holds the article (a range of ``articles`` holds every row of its days
    and outlets; one of ``articles_unique`` only the stories' chosen rows, so it is not counted)."""
    if entry.get("kind") == "article":
        return entry.get("article_id") == article_id
    if entry.get("kind") != "range" or entry.get("table") != "articles" or day is None:
        return False
    return (entry.get("from") is None or entry["from"] <= day) and (entry.get("to") is None or day <= entry["to"]) \
        and (not entry.get("outlets") or outlet in entry["outlets"])


def latest(data_dir: Path, article_id: str, day: str | None, outlet: str | None) -> dict[str, Any] | None:
    """The newest package written that holds the article, or None (where the file went since does not matter: its
    SHA-256 names it)."""
    path = data_dir / LEDGER
    found = None
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut by a full disk: the others still count
                if isinstance(entry, dict) and holds(entry, article_id, day, outlet):
                    found = entry
    except OSError:
        return None
    return found

