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

`akhbar replay` binds the listening socket itself (:func:`listen`: a bad port or address, a busy port is one error
line before anything is written; ``--port 0`` is a real free port, printed) and runs pywb's FrontEndApp on it
through ``replay_server.py`` in pywb's Python, which serves archived responses' active headers renamed
``X-Archive-Orig-*`` and answers only the server's own host names (see that module).
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import re
import socket
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
        # -I: the working directory (a user's folder) is not on pywb's import path
        done = subprocess.run([str(pywb_tool(settings, "python")), "-I", "-c", _INDEXER], input=json.dumps(jobs),
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


#: pywb behind akhbar's guards (archived headers neutralised, own host names only), run by pywb's Python
SERVER_SCRIPT = Path(__file__).with_name("replay_server.py")
#: connections the listening socket queues while pywb starts
BACKLOG = 128


class ListenRefused(ValueError):
    """The address or port cannot be listened on (the command's one error line)."""


def check_port(port: int) -> None:
    """A TCP port to listen on, 0 meaning any free one (bind() would raise OverflowError, a traceback)."""
    if not 0 <= port <= 65535:
        raise ListenRefused(f"--port {port}: expected a port from 1 to 65535 (0: any free port)")


def listen(bind: str, port: int) -> socket.socket:
    """A socket listening on ``bind``:``port`` (0: a free port), made here so every failure is one clear line
    before anything is written, and the real port is known; pywb inherits it (:func:`start`)."""
    check_port(port)
    if (":" in bind or re.fullmatch(r"[0-9.]+", bind)) and not _is_ip(bind):  # 999.1.1.1: no DNS lookup for it
        raise ListenRefused(f"--bind {bind}: not an IP address")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(bind, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ListenRefused(f"--bind {bind}: not an address of this machine or a known host name "
                            f"({getattr(exc, 'strerror', None) or exc})") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gevent: a restart is not refused
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise ListenRefused(_listen_error(bind, port, exc)) from None
    return sock


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


def _listen_error(bind: str, port: int, exc: OSError) -> str:
    where = f"{bind}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return f"{where} is in use (another akhbar replay?): stop it or pass --port N"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {where}: {bind} is not an address of this machine"
    if exc.errno == errno.EACCES:
        return f"cannot listen on {where}: permission denied (ports below 1024 need privileges)"
    return f"cannot listen on {where}: {exc.strerror or exc}"


def address(sock: socket.socket) -> str:
    """``http://host:port`` of a listening socket (IPv6 in brackets)."""
    host, port = sock.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}"


def server_command(settings: Settings, fd: int, names: list[str]) -> list[str]:
    """pywb's Python on SERVER_SCRIPT (-I: not even the script's folder, akhbar/, is on its path)."""
    config = replay_dir(settings.data_dir.resolve()) / "config.yaml"
    return [str(pywb_tool(settings, "python")), "-I", str(SERVER_SCRIPT), "--fd", str(fd), "--config", str(config),
            *(arg for name in names for arg in ("--name", name))]


def start(settings: Settings, listener: socket.socket, names: list[str]) -> subprocess.Popen:
    """Index what is new, write the config and start pywb on ``listener`` answering for ``names`` (besides IP
    addresses and localhost); the caller waits on or stops the process and closes its copy of the socket."""
    index_warcs(settings)
    write_config(settings.data_dir)
    folder = replay_dir(settings.data_dir.resolve())
    (folder / CDXJ_DIR).mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(server_command(settings, listener.fileno(), names), cwd=folder,
                            pass_fds=(listener.fileno(),), stdout=sys.stderr, stderr=sys.stderr)


def timestamp(fetched_at: datetime) -> str:
    """The 14-digit Wayback timestamp (UTC) of a capture time."""
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=UTC)
    return fetched_at.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def replay_url(base: str, url: str, fetched_at: datetime) -> str:
    """The page as archived at ``fetched_at``: ``<base>/akhbar/<timestamp>/<url>`` (pywb's framed replay)."""
    return f"{base.rstrip('/')}/{COLLECTION}/{timestamp(fetched_at)}/{url}"


def timemap_url(base: str, url: str) -> str:
    """pywb's Memento TimeMap of ``url`` (link format, RFC 7089): every capture the replay index holds."""
    return f"{base.rstrip('/')}/{COLLECTION}/timemap/link/{url}"
