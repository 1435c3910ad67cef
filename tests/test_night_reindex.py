"""The end of a night keeps the replay and search indexes in step: a running `akhbar replay` serves the new
night's article without a restart and the search index holds it before any search; an indexing failure is logged
and recorded and never fails the night."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from akhbar import replay
from akhbar.pipeline import run_day
from akhbar.search import search
from akhbar.show import article
from akhbar.warehouse import search_index
from akhbar.warehouse.duck import query

pytestmark = pytest.mark.e2e
AKHBAR = str(Path(sys.executable).parent / "akhbar")
OUTLET = "fa-sepehr"
DAY1, DAY2 = date(2025, 1, 7), date(2025, 1, 8)


def _night(data: Path, day: date, outlets: Path, fast_crawl: dict[str, str]) -> None:
    results = run_day(day, data, [OUTLET], folder=outlets, overrides=fast_crawl)
    assert all(r.ok for r in results) and sum(r.articles for r in results) > 0, [r.error for r in results]


def _records(data: Path, day: date) -> list[dict]:
    return [json.loads(line) for f in sorted((data / "logs").glob(f"index-{day}-*.jsonl"))
            for line in f.read_text().splitlines()]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except OSError:  # not listening yet
        return 0, ""


@pytest.fixture
def replay_server(tmp_path):
    """`akhbar replay` on a data dir, as a user starts it; stopped by its process group."""
    procs = []

    def start(data: Path) -> tuple[str, subprocess.Popen]:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen([AKHBAR, "replay", "--port", str(port), "--data-dir", str(data)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        procs.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while _get(f"{base}/{replay.COLLECTION}/")[0] != 200:
            assert proc.poll() is None and time.monotonic() < deadline, "akhbar replay did not come up"
            time.sleep(0.3)
        return base, proc

    yield start
    for proc in procs:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def test_running_replay_serves_the_next_night_without_restart(testweb, testweb_outlets, fast_crawl, tmp_path,
                                                              replay_server):
    data = tmp_path / "data"
    _night(data, DAY1, testweb_outlets, fast_crawl)
    assert _records(data, DAY1) == []  # neither index in use yet: the night indexed nothing
    search(data, "خبر", limit=1)  # the first search builds the search index
    assert (search_index.index_dir(data) / search_index.MANIFEST).exists()
    base, proc = replay_server(data)
    old = {u for (u,) in query(data, f"select url from articles where day = '{DAY1}'").fetchall()}

    _night(data, DAY2, testweb_outlets, fast_crawl)

    steps = {r["step"]: r for r in _records(data, DAY2)}
    assert steps["replay"]["warc_files_indexed"] >= 1 and "error" not in steps["replay"]
    # the search step ran (the night's articles may be indexed already: the night before delivered those of its
    # crawl that are dated this day, and the first search indexed them)
    assert "partitions_indexed" in steps["search"] and "error" not in steps["search"]
    assert replay.pending_warcs(data) == []
    new = query(data, f"select article_id, url, title from articles where day = '{DAY2}' order by url").fetchall()
    new = [row for row in new if row[1] not in old and row[2]]
    assert new, "the second night archived no new article"
    article_id, _, title = new[0]
    rec = article(data, article_id, replay_base=base)
    assert _get(rec["replay_url"])[0] == 200
    # the archived page itself (pywb's mp_ form, what the replay frame loads), served by the pywb started before
    status, body = _get(rec["replay_url"].replace(f"/{replay.timestamp(rec['fetched_at'])}/",
                                                  f"/{replay.timestamp(rec['fetched_at'])}mp_/"))
    assert proc.poll() is None and status == 200 and title.strip() in body
    # the search index already holds the night: found without the sync a search would do
    word = max(search_index.analyze(title), key=len)
    assert article_id in {h.article_id for h in search_index.search(data, word, limit=None)}


def test_an_index_failure_is_recorded_and_never_fails_the_night(testweb, testweb_outlets, fast_crawl, tmp_path,
                                                                monkeypatch):
    data = tmp_path / "data"
    # both indexes in use, and both broken: pywb missing, the search index's files damaged
    (replay.replay_dir(data) / replay.CDXJ_DIR).mkdir(parents=True)
    folder = search_index.index_dir(data)
    folder.mkdir(parents=True)
    (folder / search_index.MANIFEST).write_text(json.dumps({"version": search_index.INDEX_VERSION, "parts": {},
                                                            "stamp": None, "documents": 0}))
    (folder / "meta.json").write_text("{not json")
    monkeypatch.setenv("AKHBAR_PYWB_BIN", str(tmp_path / "no-pywb"))

    _night(data, DAY1, testweb_outlets, fast_crawl)

    steps = {r["step"]: r for r in _records(data, DAY1)}
    assert "pywb" in steps["replay"]["error"] and "no-pywb" in steps["replay"]["error"]
    assert steps["search"]["error"]
    assert query(data, "select count(*) from articles").fetchall()[0][0] > 0  # the night's data is published
    assert len(replay.pending_warcs(data)) >= 1  # left for the next night or `akhbar replay` to index
