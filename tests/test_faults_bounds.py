"""Queries, searches, trends and plots stay within their bounds (issue 24): memory past AKHBAR_QUERY_MEMORY in
functions DuckDB does not account for, time past AKHBAR_QUERY_TIMEOUT in functions its interrupt does not stop,
search queries of hundreds of words and absurd limits, symbolic links in the lake, a damaged Parquet file, bad
limits in the environment. Each case runs the real `akhbar` command and reports its peak memory (the largest
resident set of the command's processes, from wait4)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from faultkit import report
from typer.testing import CliRunner

from akhbar import cli
from akhbar.warehouse import search_index
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.faults
AKHBAR = Path(sys.executable).with_name("akhbar")
DAY = date(2025, 1, 7)
FA = "دولت وزیر برنامه تازه اقتصاد بازار ایران تهران مجلس گفت‌وگو".split()
AR = "الحكومة المصرية أسعار الذهب الأسواق وزير القاهرة خطة جديدة".split()
OUTLETS = {"fa-payam": (FA, "fa"), "youm7": (AR, "ar")}
ROWS = 20  # per outlet and day
GB = 10**9


@dataclass
class Measured:
    code: int
    out: str
    err: str
    peak_mib: float  # ru_maxrss of the command and its reaped children (the bounded child)
    seconds: float

    @property
    def error_line(self) -> str:
        return self.err.strip()

    def one_error_line(self) -> bool:
        return self.code == 2 and self.out == "" and self.err.count("\n") == 1 and self.err.startswith("error: ")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AKHBAR_")}
    return {**env, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200", **extra}


# Runs the command from a small fresh process: ru_maxrss of RUSAGE_CHILDREN is then the command's own peak (a
# child forked from pytest itself starts with pytest's resident set until it execs).
_WAIT = """
import json, os, resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as fh:
    json.dump({"code": code, "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, fh)
"""


def measured(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
             timeout: float = 300) -> Measured:
    """Run ``akhbar ARGS``: its exit code, output and peak memory (the largest resident set of its processes)."""
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.json"
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-c", _WAIT, str(result), str(AKHBAR), *args], capture_output=True,
                             env=env or _env(), cwd=cwd, timeout=timeout)
        took = time.monotonic() - started
        waited = json.loads(result.read_text())
    return Measured(waited["code"], run.stdout.decode(), run.stderr.decode(), waited["peak_kb"] / 1024, took)


def _fill(folder: Path, days: tuple[date, ...] = (date(2025, 1, 6), DAY)) -> int:
    lake = Lake(str(folder / "lake"))
    rng = random.Random(24)
    for day in days:
        for outlet, (words, lang) in OUTLETS.items():
            lake.replace_partition("articles", day, outlet, [
                {"article_id": f"{outlet}-{day}-{i}", "url": f"https://{outlet}.example/{day}/{i}",
                 "title": " ".join(rng.choices(words, k=5)), "text": " ".join(rng.choices(words, k=60)),
                 "language": lang, "published_at": datetime(day.year, day.month, day.day, 8, tzinfo=UTC)}
                for i in range(ROWS)])
    return len(days) * len(OUTLETS) * ROWS


def _state(*roots: Path) -> dict[Path, int]:
    return {p: p.stat().st_size for r in roots for p in r.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bounds")
    _fill(folder)
    search_index.sync(folder)
    return folder


STORED = 2 * len(OUTLETS) * ROWS


# -- 1. memory DuckDB does not account for ----------------------------------------------------------------------

UNACCOUNTED = [
    "select len(range(400000000))",
    "select length(repeat('ab', 1500000000))",
    "select len(string_split(repeat('a,', 400000000), ','))",
    "select len(list_sort(range(200000000)))",
    "select md5(repeat('x', 3000000000))",
]


@pytest.mark.parametrize("sql", UNACCOUNTED)
def test_a_function_past_the_memory_limit_is_stopped_in_one_line(data: Path, tmp_path: Path, sql: str):
    before = _state(data, tmp_path)
    run = measured("query", sql, "--data-dir", str(data), env=_env(AKHBAR_QUERY_MEMORY="1GB"), cwd=tmp_path)
    assert run.one_error_line(), (run.code, run.out[:300], run.err[-2000:])
    assert run.error_line.startswith("error: the query needed more than AKHBAR_QUERY_MEMORY=1GB (stopped at ")
    assert run.peak_mib < 1500, run.peak_mib  # the ceiling: 1.2 GB of anonymous memory over the child's start
    assert _state(data, tmp_path) == before
    report(f"`{sql}` with AKHBAR_QUERY_MEMORY=1GB", "one query",
           f"exit 2, '{run.error_line[7:60]}…'; peak {run.peak_mib:.0f} MiB in {run.seconds:.1f} s "
           "(issue: past 2.4 GB)", STORED)


def test_the_default_memory_limit_holds_too(data: Path, tmp_path: Path):
    run = measured("query", "select len(range(500000000))", "--data-dir", str(data), cwd=tmp_path)
    assert run.one_error_line(), (run.code, run.err[-2000:])
    assert "AKHBAR_QUERY_MEMORY=2GB (stopped at" in run.err
    assert run.peak_mib < 2900, run.peak_mib  # ceiling 2.4 GB
    report("`select len(range(500000000))` with the default 2GB", "one query",
           f"exit 2, stopped at the 2.4 GB ceiling; peak {run.peak_mib:.0f} MiB in {run.seconds:.1f} s "
           "(issue: past 9 GB)", STORED)


def test_what_duckdb_accounts_for_fails_first_with_the_same_words(data: Path, tmp_path: Path):
    sql = "select length(string_agg(x::varchar, ',')) from range(80000000) t(x)"
    run = measured("query", sql, "--data-dir", str(data), env=_env(AKHBAR_QUERY_MEMORY="1GB"), cwd=tmp_path)
    assert run.one_error_line(), (run.code, run.err[-2000:])
    assert run.error_line.startswith("error: the query needed more than AKHBAR_QUERY_MEMORY=1GB (Out of Memory Error")
    report("`string_agg` over 80M rows with AKHBAR_QUERY_MEMORY=1GB", "one query",
           f"exit 2, DuckDB's own refusal in our words; peak {run.peak_mib:.0f} MiB in {run.seconds:.1f} s", STORED)


def test_a_query_within_the_limit_still_answers(data: Path):
    run = measured("query", "select outlet, count(*) as n from articles group by 1 order by 1", "--data-dir",
                   str(data), "--format", "csv", env=_env(AKHBAR_QUERY_MEMORY="100MB"))
    assert (run.code, run.out, run.err) == (0, f"outlet,n\nfa-payam,{2 * ROWS}\nyoum7,{2 * ROWS}\n", "")


# -- 2. time: functions DuckDB's interrupt does not stop --------------------------------------------------------

@pytest.mark.parametrize("sql", ["select jaro_winkler_similarity(repeat('a', 3000000), repeat('b', 3000000))",
                                 "select md5(repeat('x', 1500000000))"])
def test_a_function_past_the_time_limit_is_stopped(data: Path, tmp_path: Path, sql: str):
    run = measured("query", sql, "--data-dir", str(data), env=_env(AKHBAR_QUERY_TIMEOUT="1"), cwd=tmp_path)
    assert run.one_error_line(), (run.code, run.err[-2000:])
    assert run.error_line == "error: query stopped after the 1 s limit (set AKHBAR_QUERY_TIMEOUT to allow longer)"
    assert run.seconds < 10, run.seconds  # 1 s + 1 s grace + start-up (jaro_winkler alone: 2 minutes)
    report(f"`{sql[:60]}…` with AKHBAR_QUERY_TIMEOUT=1", "one query",
           f"exit 2 after {run.seconds:.1f} s ('query stopped after the 1 s limit'); peak {run.peak_mib:.0f} MiB",
           STORED)


# -- 3. search, trend and plot: words, characters, --limit ------------------------------------------------------

def _words(n: int) -> str:
    rng = random.Random(n)
    return " ".join(rng.choice(FA[:6]) for _ in range(n))


@pytest.mark.parametrize(("command", "n"), [("search", 40), ("search", 200), ("search", 800), ("trend", 200),
                                          ("plot", 200)])
def test_a_query_of_hundreds_of_words_is_refused_in_one_line(data: Path, tmp_path: Path, command: str, n: int):
    text = _words(n)
    args = ["plot", "trend", text, "-o", str(tmp_path / "chart.png")] if command == "plot" else [command, text]
    before = _state(data, tmp_path)
    run = measured(*args, "--data-dir", str(data), cwd=tmp_path)
    assert run.one_error_line(), (run.code, run.err[-2000:])
    assert "error: the search query has " in run.err and ("characters: at most 1,000" in run.err
                                                          or "words: at most 32" in run.err)
    assert _state(data, tmp_path) == before and run.peak_mib < 400
    report(f"`akhbar {command}` with {n} Persian words", "one command",
           f"exit 2, '{run.error_line[7:]}'; peak {run.peak_mib:.0f} MiB (issue: 200 words 354 MB, 800 words 3.26 GB)",
           STORED)


def test_a_query_at_the_word_cap_answers_in_little_memory(data: Path):
    phrase = " ".join(FA[:4])
    run = measured("search", f'{_words(28)} "{phrase}"', "--data-dir", str(data))
    assert run.code == 0 and " result" in run.out, run.err
    report("`akhbar search` of 28 words and a 4-word phrase (the 32-word cap)", "one search",
           f"exit 0; peak {run.peak_mib:.0f} MiB in {run.seconds:.1f} s", STORED)


@pytest.mark.parametrize("limit", ["1000000000000", "1e20", "100000000000000000000", "0", "-3"])
def test_an_absurd_limit_is_refused_in_one_line(data: Path, limit: str):
    run = measured("search", "دولت", "--limit", limit, "--data-dir", str(data))
    assert run.one_error_line(), (run.code, run.err[-2000:])
    assert run.error_line == f"error: --limit {limit}: expected a whole number from 1 to 10,000"
    report(f"`akhbar search --limit {limit}`", "one search",
           f"exit 2, '{run.error_line[7:]}'; peak {run.peak_mib:.0f} MiB (issue: a 16 TB allocation aborted / a "
           "traceback)", STORED)


def _hog(*args, **kwargs):
    held = []
    while True:
        held.append(bytearray(10**7))


def _sleep(*args, **kwargs):
    time.sleep(60)


@pytest.mark.parametrize(("args", "target", "what"), [
    (["search", "دولت"], "search", "search"), (["trend", "الذهب"], "trend", "trend"),
    (["plot", "trend", "الذهب"], "trend", "plot"), (["plot", "volume"], "volume", "plot"),
])
@pytest.mark.parametrize("stall", [_hog, _sleep], ids=["memory", "time"])
def test_search_trend_and_plot_run_under_the_limits(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    args: list[str], target: str, what: str, stall):
    """The command's work replaced by one that never stops growing or never returns: the bounded child is
    killed at the ceiling or the deadline, the command ends in one line, no chart is written."""
    from akhbar import search as archive_search

    monkeypatch.setattr(archive_search, target, stall)
    monkeypatch.setattr(cli, "_settings", None)
    chart = tmp_path / "chart.png"
    out = ["-o", str(chart)] if args[0] == "plot" else []
    started = time.monotonic()
    limits = {"AKHBAR_QUERY_MEMORY": "100MB", "AKHBAR_QUERY_TIMEOUT": "60" if stall is _hog else "0.5"}
    result = CliRunner().invoke(cli.app, [*args, *out, "--data-dir", str(data)], env=limits)
    took = time.monotonic() - started
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    wanted = (f"error: the {what} needed more than AKHBAR_QUERY_MEMORY=100MB" if stall is _hog
              else f"error: {what} stopped after the 0.5 s limit")
    assert result.output.startswith(wanted), result.output
    assert not chart.exists() and not list(tmp_path.glob(".chart.png*"))
    report(f"`akhbar {' '.join(args)}` whose work {'grows without end' if stall is _hog else 'never returns'}",
           "one command", f"exit 2 after {took:.1f} s, '{result.output.strip()[7:70]}…'", STORED)


# -- 4. symbolic links inside the lake ---------------------------------------------------------------------------

def test_symbolic_links_in_the_lake_are_not_followed(tmp_path: Path):
    data, other = tmp_path / "data", tmp_path / "other"
    stored = _fill(data, (DAY,))
    _fill(other, (DAY,))
    days = data / "lake" / "articles" / f"day={DAY}"
    (days / "outlet=linked").mkdir()
    (days / "outlet=linked" / "part-0.parquet").symlink_to(
        other / "lake" / "articles" / f"day={DAY}" / "outlet=youm7" / "part-0.parquet")  # another lake's file
    (days / "outlet=fa-payam" / "passwd.parquet").symlink_to("/etc/passwd")
    (data / "lake" / "articles" / "day=2025-01-08").symlink_to(other / "lake" / "articles" / f"day={DAY}")
    run = measured("query", "select outlet, count(*) as n from articles group by 1 order by 1", "--data-dir",
                   str(data), "--format", "csv")
    assert run.code == 0 and run.out == f"outlet,n\nfa-payam,{ROWS}\nyoum7,{ROWS}\n", (run.out, run.err)
    assert run.err.count("a symbolic link inside the lake") == 3, run.err
    reader = f"akhbarlake://{data}/lake/articles"
    direct = [f"select count(*) from read_parquet('{reader}/day={DAY}/outlet=linked/part-0.parquet')",
              f"select * from read_text('{reader}/day={DAY}/outlet=fa-payam/passwd.parquet')",
              f"select count(*) from read_parquet('{reader}/day=2025-01-08/*/*.parquet')",
              f"select count(*) from read_parquet('{reader}/*/*/*.parquet')"]
    answers = [measured("query", sql, "--data-dir", str(data), "--format", "csv") for sql in direct]
    assert "root:" not in "".join(a.out for a in answers)
    assert [a.code for a in answers[:3]] == [2, 0, 2] and answers[1].out == "filename,content,size,last_modified\n"
    assert answers[3].out == f"count_star()\n{2 * ROWS}\n"  # only the lake's own files
    lake = Lake(str(data / "lake"))
    with pytest.raises(PermissionError, match="symbolic link inside the lake"):
        lake.reader().open(f"{days}/outlet=fa-payam/passwd.parquet", "rb")
    with pytest.raises(PermissionError, match="symbolic link inside the lake"):
        lake.reader().open(f"{data}/lake/articles/day=2025-01-08/outlet=youm7/part-0.parquet", "rb")
    synced = search_index.sync(data)
    assert synced.documents == stored
    report("symbolic links in the lake: a part file to another lake's file, passwd.parquet -> /etc/passwd, a day "
           "folder -> another lake", "1 view query + 4 direct reads + a search index sync",
           f"each link skipped with a warning; counts are the lake's own ({stored}); direct reads find no file or "
           f"are refused; no /etc/passwd content; peak {run.peak_mib:.0f} MiB", stored)


# -- 5. a damaged Parquet file ------------------------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["cut", "zeroed", "empty"])
def test_a_damaged_file_fails_only_the_queries_that_read_it(tmp_path: Path, damage: str):
    data = tmp_path / "data"
    stored = _fill(data)
    search_index.sync(data)
    # the first file of the view's listing: DuckDB binds the view on it
    broken = data / "lake" / "articles" / "day=2025-01-06" / "outlet=fa-payam" / "part-0.parquet"
    body = broken.read_bytes()
    broken.write_bytes({"cut": body[:len(body) // 2], "zeroed": bytes(len(body)), "empty": b""}[damage])
    every = measured("query", "select count(*) from articles", "--data-dir", str(data))
    assert every.one_error_line(), every.err
    assert every.error_line.startswith(f"error: lake file {broken} is damaged (")
    assert every.error_line.endswith("re-run that day to write it again from its WARC files: "
                                     "`akhbar run --date 2025-01-06 --outlet fa-payam`")
    other = measured("query", "select outlet, count(*) as n from articles where day = '2025-01-07' or outlet = "
                     "'youm7' group by 1 order by 1", "--data-dir", str(data), "--format", "csv")
    assert other.code == 0 and other.out == f"outlet,n\nfa-payam,{ROWS}\nyoum7,{2 * ROWS}\n", other.err
    assert "is damaged" in other.err and "(this query did not need it)" in other.err
    found = measured("search", "الذهب", "--limit", "100", "--data-dir", str(data))  # from the index as it was
    assert found.code == 0 and f"{2 * ROWS} results" in found.out, found.err
    assert "the search index was not brought up to date: lake file" in found.err
    name = {"cut": "a Parquet file cut in half", "zeroed": "a zeroed Parquet file", "empty": "an empty Parquet file"}
    report(f"{name[damage]} (the first of the articles view)", "3 queries + a search",
           f"a query reading it: exit 2, one line naming the file and `akhbar run --date … --outlet …`; queries "
           f"and searches that do not read it answer, with a warning; peak {every.peak_mib:.0f} MiB",
           stored - ROWS)


def test_a_damaged_month_file_names_the_backfill(tmp_path: Path):
    from akhbar.warehouse.duck import DamagedFile, query

    data = tmp_path / "data"
    _fill(data)
    lake = Lake(str(data / "lake"))
    month = Path(lake.month_path("articles", "2025-01"))
    month.parent.mkdir(parents=True)
    month.write_bytes(b"PAR1 not really")
    with pytest.raises(DamagedFile, match=r"move it out of the lake, then re-run its days: "
                                          r"`akhbar backfill --from 2025-01-01 --to 2025-01-31`"):
        query(data, "select count(*) from articles").fetchall()


# -- 6. bad limits in the environment -----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "raw"), [("AKHBAR_QUERY_TIMEOUT", "inf"), ("AKHBAR_QUERY_TIMEOUT", "1e12"),
                                           ("AKHBAR_QUERY_MEMORY", "-1GB"), ("AKHBAR_QUERY_MEMORY", "0")])
@pytest.mark.parametrize("command", ["query", "search", "trend", "plot"])
def test_a_bad_limit_in_the_environment_is_one_line_and_writes_nothing(tmp_path: Path, command: str, name: str,
                                                                       raw: str):
    data = tmp_path / "data"
    args = {"query": ["query", "select 1"], "search": ["search", "دولت"], "trend": ["trend", "دولت"],
            "plot": ["plot", "trend", "دولت", "-o", str(tmp_path / "chart.png")]}[command]
    run = measured(*args, "--data-dir", str(data), env=_env(**{name: raw}), cwd=tmp_path)
    assert run.one_error_line(), (run.code, run.err)
    assert run.error_line.startswith(f"error: {name}={raw!r}: ")
    assert list(tmp_path.iterdir()) == []
    if command == "query":
        report(f"{name}={raw}", "query, search, trend, plot", f"each exit 2, '{run.error_line[7:]}'; nothing "
               "written", 0)


def test_killed_queries_leave_no_process_behind(data: Path):
    """The bounded child dies with the command (PR_SET_PDEATHSIG): SIGKILL of `akhbar query` mid-query."""
    proc = subprocess.Popen([str(AKHBAR), "query", "select jaro_winkler_similarity(repeat('a', 3000000), "
                             "repeat('b', 3000000))", "--data-dir", str(data)], env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    children: list[int] = []
    while not children and time.monotonic() < deadline:
        time.sleep(0.2)
        children = [int(c) for c in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
    assert children, "the bounded child never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    while time.monotonic() < deadline and Path(f"/proc/{children[0]}").exists():
        time.sleep(0.05)
    assert not Path(f"/proc/{children[0]}").exists() or "Z" in Path(f"/proc/{children[0]}/stat").read_text().split()[2]
