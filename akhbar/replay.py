"""Replay of the archived pages with pywb (`akhbar replay`), and the replay address of an article.

pywb runs from its own virtualenv (it pins redis==2.10.6; setting AKHBAR_PYWB_BIN, default ``pywb/bin`` in the
venv next to this Python's). Its one collection, ``akhbar``, reads our WARC files where they are: the generated
``<data>/index/replay/config.yaml`` points the collection's ``archive_paths`` at ``<data>/warc/`` and its
``index_paths`` at ``<data>/index/replay/cdxj/``, which holds one CDXJ file per WARC file
(``day=D__outlet=S__<run>.cdxj``, the WARC named relative to ``<data>/warc``).

The index is brought up to date when `akhbar replay` starts: a WARC file is indexed when it has no CDXJ file yet
or was written after its CDXJ file (an interrupted crawl's file grows when resumed). All new files are indexed
in one process of pywb's Python (its ``write_cdx_index``), each to a temporary file renamed into place, so a
killed indexer leaves no half index and the next start does the rest. The end of every night does the same
(akhbar.pipeline.reindex) once this folder exists, under a lock in ``<data>/locks``: a running pywb lists the CDXJ
folder again when the folder's stat changes, so it serves the night's pages without a restart. pywb compares the
stat in whole seconds, so after renaming the new files in, the folder's mtime is set a second past any it had:
a listing pywb cached between two renames of one second is never taken for the current one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from akhbar.settings import Settings
from akhbar.warehouse.locks import partition_lock

COLLECTION = "akhbar"
REPLAY_DIR = Path("index") / "replay"
CDXJ_DIR = "cdxj"

#: run by pywb's Python: stdin a JSON list of [warc path, name recorded in the index, output path]
_INDEXER = """
import json, sys
from pywb.indexer.cdxindexer import write_cdx_index
for warc, name, out in json.load(sys.stdin):
    with open(warc, "rb") as infile, open(out, "wb") as outfile:
        write_cdx_index(outfile, infile, name, cdxj=True, sort=True)
"""


def replay_dir(data_dir: Path) -> Path:
    return data_dir / REPLAY_DIR


def pywb_bin(settings: Settings) -> Path:
    """AKHBAR_PYWB_BIN, else ``pywb/bin`` in the venv of this Python (``.venv/bin/python`` -> ``.venv/pywb/bin``;
    not resolved: a venv's python is a symlink to the system's)."""
    return settings.pywb_bin_override or Path(sys.executable).parent.parent / "pywb" / "bin"


def pywb_tool(settings: Settings, name: str) -> Path:
    """A program of pywb's venv; FileNotFoundError naming the setting when it is missing."""
    tool = pywb_bin(settings) / name
    if not tool.exists():
        raise FileNotFoundError(f"pywb's {name} not found at {tool} (install pywb in its own venv there, or set "
                                "AKHBAR_PYWB_BIN to its bin folder)")
    return tool


def _cdxj_name(rel: Path) -> str:
    return "__".join(rel.parts).removesuffix(".warc.gz") + ".cdxj"


def pending_warcs(data_dir: Path) -> list[tuple[Path, Path]]:
    """(WARC file, its CDXJ file) of every WARC file not indexed yet or changed since."""
    warc_root = data_dir / "warc"
    out = []
    for warc in sorted(warc_root.glob("day=*/outlet=*/*.warc.gz")):
        cdxj = replay_dir(data_dir) / CDXJ_DIR / _cdxj_name(warc.relative_to(warc_root))
        if not cdxj.exists() or cdxj.stat().st_mtime < warc.stat().st_mtime:
            out.append((warc, cdxj))
    return out


def index_warcs(settings: Settings) -> int:
    """Index the WARC files that need it (see the module docstring); returns how many were indexed."""
    data_dir = settings.data_dir.resolve()
    if not pending_warcs(data_dir):
        return 0
    with partition_lock(data_dir, "replay", "index", wait=True):
        todo = pending_warcs(data_dir)  # another indexer may have done some while we waited
        if not todo:
            return 0
        folder = replay_dir(data_dir) / CDXJ_DIR
        folder.mkdir(parents=True, exist_ok=True)
        jobs = [(str(w), str(w.relative_to(data_dir / "warc")), str(c.with_name(f".{c.name}.partial")))
                for w, c in todo]
        done = subprocess.run([str(pywb_tool(settings, "python")), "-c", _INDEXER], input=json.dumps(jobs),
                              text=True, capture_output=True, timeout=3600)
        if done.returncode:
            raise RuntimeError(f"pywb's indexer failed ({done.returncode}): {done.stderr.strip()[-500:]}")
        before = int(folder.stat().st_mtime)
        for (_, _, tmp), (_, cdxj) in zip(jobs, todo, strict=True):
            os.replace(tmp, cdxj)
        stamp = max(int(time.time()), before) + 1  # see the module docstring: pywb's listing cache
        os.utime(folder, (stamp, stamp))
    return len(todo)


def write_config(data_dir: Path) -> Path:
    """pywb's config.yaml for the ``akhbar`` collection over our folders (JSON is YAML)."""
    data_dir = data_dir.resolve()
    folder = replay_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    config = {
        "collections": {COLLECTION: {"index_paths": f"{folder / CDXJ_DIR}/", "archive_paths": f"{data_dir}/warc/"}},
        "framed_replay": True,
        "enable_memento": True,
    }
    path = folder / "config.yaml"
    tmp = path.with_name(".config.yaml.partial")
    tmp.write_text(json.dumps(config, indent=2))
    os.replace(tmp, path)
    return path


def server_command(settings: Settings, port: int, bind: str) -> list[str]:
    return [str(pywb_tool(settings, "wayback")), "-p", str(port), "-b", bind, "-d",
            str(replay_dir(settings.data_dir.resolve()))]


def start(settings: Settings, port: int, bind: str = "127.0.0.1") -> subprocess.Popen:
    """Index what is new, write the config and start pywb (the caller waits on or stops the process)."""
    index_warcs(settings)
    write_config(settings.data_dir)
    (replay_dir(settings.data_dir.resolve()) / CDXJ_DIR).mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(server_command(settings, port, bind), stdout=sys.stderr, stderr=sys.stderr)


def timestamp(fetched_at: datetime) -> str:
    """The 14-digit Wayback timestamp (UTC) of a capture time."""
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=UTC)
    return fetched_at.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def replay_url(base: str, url: str, fetched_at: datetime) -> str:
    """The page as archived at ``fetched_at``: ``<base>/akhbar/<timestamp>/<url>`` (pywb's framed replay)."""
    return f"{base.rstrip('/')}/{COLLECTION}/{timestamp(fetched_at)}/{url}"
