"""Crash safety: SIGKILL mid-crawl and mid-partition-write, and concurrent runs of one outlet-day."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from faultkit import FAULT_CRAWL, ROOT, archived_pages, log_rows, report

from akhbar.crawler.run import crawl
from akhbar.crawler.warc import partition_dir
from akhbar.testweb import TestWeb
from akhbar.transforms.identity import normalize_url
from akhbar.warehouse.locks import PartitionBusy, partition_lock
from akhbar.warehouse.locks import lock_path as lock_file

pytestmark = pytest.mark.faults
DAY = date(2025, 1, 7)
OTHER_DAY = date(2025, 1, 5)
SLUG = "fa-sepehr"
AKHBAR = str(Path(sys.executable).parent / "akhbar")
#: a crawler configured as in production (its own User-Agent), so stderr holds only what these tests are about
CONFIGURED = {"AKHBAR_USER_AGENT": "akhbar-tests/1.0 (+http://127.0.0.1/contact)"}
WARCIO = str(Path(sys.executable).parent / "warcio")


def _wait_for(cond, timeout: float = 60, what: str = "") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _crawl_cmd(day: date, data: Path, outlets: Path, run_id: str, overrides: dict[str, str]) -> list[str]:
    cmd = [sys.executable, "-m", "akhbar.crawler.run", "--day", day.isoformat(), "--data-dir", str(data),
           "--outlets-dir", str(outlets), "--run-id", run_id, "--outlet", SLUG]
    for k, v in overrides.items():
        cmd += ["--set", f"{k}={v}"]
    return cmd


def test_sigkill_mid_crawl_then_resume(tmp_path: Path):
    data = tmp_path / "data"
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        arts = sorted((a for a in web.catalog.all() if a.site.slug == SLUG and a.published.date() == DAY),
                      key=lambda a: a.path)
        stalled = arts[len(arts) // 2:]
        for a in stalled:  # these hang, so the kill lands mid-crawl with the WARC file open
            web.set_fault(SLUG, a.path, "slow", sleep=120)
        overrides = {**FAULT_CRAWL, "DOWNLOAD_TIMEOUT": "180"}
        with open(tmp_path / "crawl.log", "wb") as log:
            proc = subprocess.Popen(_crawl_cmd(DAY, data, outlets, "killed", overrides), cwd=ROOT, stdout=log,
                                    stderr=subprocess.STDOUT)
        try:
            _wait_for(lambda: len([r for r in log_rows(data, DAY, SLUG) if r["kind"] == "article"
                                   and r["outcome"] == "ok"]) >= len(arts) - len(stalled), what="first articles")
            # attempts are counted on arrival (hits only once a response is done)
            _wait_for(lambda: all(web.attempts(SLUG, a.path) for a in stalled), what="stalled requests")
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        assert proc.returncode == -signal.SIGKILL
        assert list(partition_dir(data, DAY.isoformat(), SLUG).glob("*.open")), "no WARC file was open at the kill"
        done_first = {normalize_url(r["url"]) for r in log_rows(data, DAY, SLUG)
                      if r["kind"] == "article" and r["outcome"] == "ok"}
        hits_before = {a.path: web.hits(SLUG, a.path) for a in arts}

        web.clear_faults()
        counts = crawl([SLUG], DAY, data, "resumed", outlets, overrides=FAULT_CRAWL)[SLUG]
        rows = [r for r in log_rows(data, DAY, SLUG) if r["run_id"] == "resumed" and r["kind"] == "article"]
        earlier = {normalize_url(r["url"]) for r in rows if r["outcome"] == "archived_earlier"}
        refetched = 0
        for a in arts:
            key = normalize_url(web.article_url(a))
            if key in done_first:
                assert key in earlier, a.path
                assert web.hits(SLUG, a.path) == hits_before[a.path], f"{a.path} fetched again"
            else:
                refetched += 1
                assert web.hits(SLUG, a.path) == hits_before[a.path] + 1, a.path
        assert refetched == len(stalled)
        pages = archived_pages(data, DAY, SLUG)
        assert {normalize_url(web.article_url(a)) for a in arts} <= set(pages)
        files = sorted(partition_dir(data, DAY.isoformat(), SLUG).iterdir())
        assert files and all(f.name.endswith(".warc.gz") for f in files)
        for f in files:
            subprocess.run([WARCIO, "index", str(f)], check=True, capture_output=True)
    report("SIGKILL mid-crawl, then re-run", f"{len(done_first)} articles archived before the kill, "
           f"{refetched} fetched by the re-run", f"{counts.get('archived_earlier', 0)} archived_earlier, "
           f"0 re-fetched, {len(files)} WARC files readable", len(arts))


# Dies by SIGKILL half-way through writing the articles partition's temporary file.
_KILL_MID_WRITE = """
import json, os, signal, sys
from datetime import date
from pathlib import Path
from akhbar.warehouse import lake as L

original = L.Lake.replace_partition

class HalfWriter:
    def __init__(self, fh):
        self.fh = fh
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def write(self, data):
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        os.fsync(self.fh.fileno())
        os.kill(os.getpid(), signal.SIGKILL)

def replace_partition(self, table, day, outlet, rows, sort_by=()):
    if table == "articles":
        opener = self.fs.open
        self.fs.open = lambda path, mode="rb", **kw: HalfWriter(open(path, mode))
    return original(self, table, day, outlet, rows, sort_by)

L.Lake.replace_partition = replace_partition
from akhbar.pipeline import run_day
a = json.loads(sys.argv[1])
run_day(date.fromisoformat(a["day"]), Path(a["data"]), [a["slug"]], folder=Path(a["outlets"]),
        overrides=a["overrides"], refetch=True)
"""


def test_sigkill_during_partition_write_keeps_the_previous_partition(testweb, tmp_path: Path):
    pytest.importorskip("akhbar.transforms.extract")
    import duckdb

    from akhbar.pipeline import run_day
    from akhbar.warehouse.lake import Lake

    data = tmp_path / "data"
    outlets = testweb.write_outlet_configs(tmp_path / "outlets")
    (first,) = run_day(DAY, data, [SLUG], folder=outlets, overrides=FAULT_CRAWL)
    assert first.ok and first.articles, first
    lake = Lake(str(data / "lake"))
    before = lake.read_partition("articles", DAY, SLUG)

    args = {"day": DAY.isoformat(), "data": str(data), "slug": SLUG, "outlets": str(outlets),
            "overrides": FAULT_CRAWL}
    proc = subprocess.run([sys.executable, "-c", _KILL_MID_WRITE, json.dumps(args)], cwd=ROOT,
                          capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    folder = Path(lake.partition_path("articles", DAY, SLUG)).parent
    assert [p for p in folder.iterdir() if p.name.startswith(".tmp-")], "the kill did not land mid-write"
    after = lake.read_partition("articles", DAY, SLUG)
    assert after is not None and after.equals(before)
    glob = f"{data}/lake/articles/day={DAY}/**/*.parquet"  # the day's (articles dated other days land on theirs)
    n = duckdb.connect().execute(f"select count(*) from read_parquet('{glob}', hive_partitioning=true)").fetchall()
    assert n[0][0] == before.num_rows
    # the next run replaces the partition normally; the dead writer's temporary file is never read
    (again,) = run_day(DAY, data, [SLUG], folder=outlets, overrides=FAULT_CRAWL)
    assert again.ok and lake.read_partition("articles", DAY, SLUG).num_rows == before.num_rows
    assert lake.clean_temporaries() >= 1
    report("SIGKILL during partition write", "killed half-way through the articles file",
           "previous partition unchanged, DuckDB reads it", before.num_rows)


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from akhbar.warehouse.locks import partition_lock
with partition_lock(Path(sys.argv[1]), sys.argv[2], sys.argv[3]):
    print("held", flush=True)
    time.sleep(120)
"""


def test_a_held_partition_refuses_a_second_run_and_frees_on_kill(tmp_path: Path, testweb, testweb_outlets):
    data = tmp_path / "data"
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(data), DAY.isoformat(), SLUG], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        env = {**os.environ, **CONFIGURED, "NO_COLOR": "1", "COLUMNS": "1000"}
        proc = subprocess.run([AKHBAR, "run", "--date", DAY.isoformat(), "--outlet", SLUG, "--data-dir", str(data),
                               "--outlets-dir", str(testweb_outlets)], capture_output=True, text=True, env=env,
                              timeout=120)
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert proc.returncode == 2, (proc.stdout, proc.stderr)
        assert len(lines) == 1 and lines[0].startswith("error: ") and "being written by another run" in lines[0]
        assert f"pid {holder.pid}" in lines[0]
        assert not (data / "warc").exists(), "the refused run must not crawl"
        with pytest.raises(PartitionBusy):
            with partition_lock(data, DAY.isoformat(), SLUG):
                pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with partition_lock(data, DAY.isoformat(), SLUG):  # the kernel dropped the dead holder's lock
        pass
    report("second run of a held outlet-day", "akhbar run while another process holds the lock",
           f"exit 2: {lines[0][:80]}", 0)


def test_same_outlet_day_at_once_fails_other_day_side_by_side_succeeds(tmp_path: Path):
    pytest.importorskip("akhbar.transforms.extract")
    data = tmp_path / "data"
    env = {**os.environ, **CONFIGURED, "NO_COLOR": "1", "COLUMNS": "1000"}
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        slow = next(a for a in web.catalog.all() if a.site.slug == SLUG and a.published.date() == DAY)
        web.set_fault(SLUG, slow.path, "slow", sleep=4)  # keeps the first run inside its lock a while

        def run(day: date) -> subprocess.Popen:
            return subprocess.Popen([AKHBAR, "run", "--date", day.isoformat(), "--outlet", SLUG, "--data-dir",
                                     str(data), "--outlets-dir", str(outlets)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, env=env)

        first = run(DAY)
        _wait_for(lambda: web.attempts(SLUG, slow.path) > 0, what="the first run to crawl")
        second, other_day = run(DAY), run(OTHER_DAY)
        _, err2 = second.communicate(timeout=120)
        out3, err3 = other_day.communicate(timeout=300)
        out1, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, (out1, err1)
    assert second.returncode == 2 and err2.strip().startswith("error: ") and "being written" in err2, err2
    assert other_day.returncode == 0, (out3, err3)
    report("two runs of one outlet-day + another day beside them", "3 concurrent `akhbar run`",
           "same day: exit 2 (PartitionBusy); other day: exit 0", 0)


# `akhbar run`'s body (pipeline.run_day) in a process the test can SIGKILL; its crawl child is a grandchild.
_RUN_DAY = """
import json, sys
from datetime import date
from pathlib import Path
from akhbar.pipeline import run_day
a = json.loads(sys.argv[1])
run_day(date.fromisoformat(a["day"]), Path(a["data"]), [a["slug"]], folder=Path(a["outlets"]),
        overrides=a["overrides"], run_id=a["run_id"])
"""


def _alive(pid: int) -> bool:
    """Any thread of the process still running. A zombie holds no files and no locks, but the leader of a
    killed multi-threaded process turns zombie while its other threads still exit (and hold its files)."""
    states = []
    for stat in Path(f"/proc/{pid}/task").glob("*/stat"):
        try:
            states.append(stat.read_text().rsplit(")", 1)[1].split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return any(s not in ("Z", "X") for s in states)


def _crawler_pid(data: Path, day: date, slug: str) -> int | None:
    """The crawl child names itself in the lock file it inherited: '<parent pid>, crawler <pid>'."""
    path = lock_file(data, day.isoformat(), slug)
    text = path.read_text() if path.exists() else ""
    return int(text.rsplit("crawler ", 1)[1]) if "crawler " in text else None


def _stall_half(web, slug: str, day: date) -> list:
    arts = sorted((a for a in web.catalog.all() if a.site.slug == slug and a.published.date() == day),
                  key=lambda a: a.path)
    stalled = arts[len(arts) // 2:]
    for a in stalled:
        web.set_fault(slug, a.path, "slow", sleep=120)
    return stalled


def test_sigkill_of_the_run_kills_its_crawler_and_the_rerun_never_overlaps_it(tmp_path: Path):
    pytest.importorskip("akhbar.transforms.extract")
    from akhbar.pipeline import run_day

    data = tmp_path / "data"
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        stalled = _stall_half(web, SLUG, DAY)
        args = {"day": DAY.isoformat(), "data": str(data), "slug": SLUG, "outlets": str(outlets),
                "overrides": {**FAULT_CRAWL, "DOWNLOAD_TIMEOUT": "180"}, "run_id": "killed"}
        parent = subprocess.Popen([sys.executable, "-c", _RUN_DAY, json.dumps(args)], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for(lambda: _crawler_pid(data, DAY, SLUG) is not None, what="the crawl child")
            child = _crawler_pid(data, DAY, SLUG)
            _wait_for(lambda: all(web.attempts(SLUG, a.path) for a in stalled), what="stalled requests")
            assert _alive(child) and os.getpgid(child) == child, "the crawler runs in its own process group"
        finally:
            parent.send_signal(signal.SIGKILL)
            parent.wait()
        # from the kill on: whenever the lock can be taken, no crawler of that outlet-day may be alive
        t0, refused, gone_after = time.monotonic(), 0, None
        while time.monotonic() - t0 < 10:
            try:
                with partition_lock(data, DAY.isoformat(), SLUG):
                    assert not _alive(child), "the lock was free while the orphaned crawler still ran"
                    gone_after = time.monotonic() - t0
                    break
            except PartitionBusy:
                assert _alive(child)
                refused += 1
                time.sleep(0.05)
        assert gone_after is not None and gone_after < 5, "the crawler outlived its parent"
        assert not _alive(child)
        web.clear_faults()
        (again,) = run_day(DAY, data, [SLUG], folder=outlets, overrides=FAULT_CRAWL, run_id="rerun")
        assert again.ok and again.articles, again
        files = sorted(partition_dir(data, DAY.isoformat(), SLUG).iterdir())
        assert files and all(f.name.endswith(".warc.gz") for f in files)  # the orphan's .open file recovered
        for f in files:
            subprocess.run([WARCIO, "index", str(f)], check=True, capture_output=True)
    report("SIGKILL of `akhbar run` mid-crawl", f"parent killed with {len(stalled)} articles stalled",
           f"crawler gone {gone_after:.2f} s after the kill ({refused} lock attempts refused meanwhile), "
           f"re-run ok, {len(files)} WARC files readable", again.articles)


def test_a_standalone_crawler_holds_the_lock_so_a_run_is_refused(tmp_path: Path):
    data = tmp_path / "data"
    env = {**os.environ, **CONFIGURED, "NO_COLOR": "1", "COLUMNS": "1000"}
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        stalled = _stall_half(web, SLUG, DAY)
        crawler = subprocess.Popen(_crawl_cmd(DAY, data, outlets, "alone", {**FAULT_CRAWL, "DOWNLOAD_TIMEOUT": "180"}),
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for(lambda: all(web.attempts(SLUG, a.path) for a in stalled), what="stalled requests")
            assert list(partition_dir(data, DAY.isoformat(), SLUG).glob("*.open"))
            proc = subprocess.run([AKHBAR, "run", "--date", DAY.isoformat(), "--outlet", SLUG, "--data-dir",
                                   str(data), "--outlets-dir", str(outlets)], capture_output=True, text=True,
                                  env=env, timeout=120)
            assert crawler.poll() is None
            open_files = list(partition_dir(data, DAY.isoformat(), SLUG).glob("*.open"))
        finally:
            crawler.send_signal(signal.SIGKILL)
            crawler.wait()
    assert proc.returncode == 2 and "being written by another run" in proc.stderr, proc.stderr
    assert f"pid {crawler.pid}" in proc.stderr
    assert open_files, "the refused run must not recover (rename) the live crawler's open WARC file"
    report("`akhbar run` beside a standalone crawler of the same outlet-day", "python -m crawler.run alone",
           f"exit 2: {proc.stderr.strip()[:80]}", 0)


def test_the_crawler_refuses_a_descriptor_that_is_not_its_lock(tmp_path: Path):
    from akhbar.crawler.run import main

    data = tmp_path / "data"
    lock_file(data, DAY.isoformat(), "yjc").parent.mkdir(parents=True)
    lock_file(data, DAY.isoformat(), "yjc").write_text("")
    other = os.open(tmp_path / "other", os.O_RDWR | os.O_CREAT)
    try:
        with pytest.raises(SystemExit, match="is not the lock file"):
            main(["--day", DAY.isoformat(), "--data-dir", str(data), "--outlets-dir", str(ROOT / "outlets"),
                  "--run-id", "x", "--outlet", "yjc", "--lock-fd", f"yjc={other}"])
    finally:
        os.close(other)


def test_a_standalone_crawler_refuses_an_outlet_day_another_run_holds(tmp_path: Path, testweb_outlets):
    data = tmp_path / "data"
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(data), DAY.isoformat(), SLUG], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        proc = subprocess.run(_crawl_cmd(DAY, data, testweb_outlets, "second", FAULT_CRAWL), cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode != 0 and f"being written by another run (pid {holder.pid})" in proc.stderr, proc.stderr
    assert not (data / "warc").exists() and not (data / "crawl").exists(), "the refused crawler wrote files"


# As an Airflow task is stopped: SIGTERM becomes an exception, and the task process lives on to record it.
_RUN_DAY_TERM = """
import json, signal, sys, time
from datetime import date
from pathlib import Path
from akhbar.pipeline import run_day
def stop(*_):
    raise SystemExit("terminated")
signal.signal(signal.SIGTERM, stop)
a = json.loads(sys.argv[1])
try:
    run_day(date.fromisoformat(a["day"]), Path(a["data"]), [a["slug"]], folder=Path(a["outlets"]),
            overrides=a["overrides"], run_id=a["run_id"])
except SystemExit:
    print("caught", flush=True)
    time.sleep(120)
"""


def test_a_terminated_run_stops_its_crawler_and_lives_on(tmp_path: Path):
    data = tmp_path / "data"
    with TestWeb(port=0) as web:
        outlets = web.write_outlet_configs(tmp_path / "outlets")
        stalled = _stall_half(web, SLUG, DAY)
        args = {"day": DAY.isoformat(), "data": str(data), "slug": SLUG, "outlets": str(outlets),
                "overrides": {**FAULT_CRAWL, "DOWNLOAD_TIMEOUT": "180"}, "run_id": "terminated"}
        parent = subprocess.Popen([sys.executable, "-c", _RUN_DAY_TERM, json.dumps(args)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            _wait_for(lambda: _crawler_pid(data, DAY, SLUG) is not None, what="the crawl child")
            child = _crawler_pid(data, DAY, SLUG)
            _wait_for(lambda: all(web.attempts(SLUG, a.path) for a in stalled), what="stalled requests")
            t0 = time.monotonic()
            parent.send_signal(signal.SIGTERM)
            assert parent.stdout.readline().strip() == "caught"
            took = time.monotonic() - t0
            # the run process is alive (no death signal for the child), yet its crawler is gone and unlocked
            assert parent.poll() is None and not _alive(child), "the interrupted run left its crawler running"
            with partition_lock(data, DAY.isoformat(), SLUG):
                pass
        finally:
            parent.kill()
            parent.wait()
    report("SIGTERM of a run mid-crawl (Airflow stopping a task)", "SIGTERM to the run, crawler stalled",
           f"crawler group stopped (SIGTERM, SIGKILL after the 10 s grace) in {took:.1f} s; the lock is free", 0)
