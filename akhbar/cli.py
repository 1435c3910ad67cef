"""The `akhbar` command: run a night, back-fill, query, inspect outlets and pages."""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from akhbar import clihelp, quickquery
from akhbar.settings import DEFAULT_DATA_DIR, Settings, capture_sources, check_lake, console_width
from akhbar.termtext import for_terminal

if TYPE_CHECKING:
    from akhbar.outletcheck import CheckReport
    from akhbar.pipeline import OutletDayResult
    from akhbar.quality import GateResult

app = typer.Typer(help="akhbar: crawl, archive and query Persian and Arabic news.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
outlets_app = typer.Typer(help="The outlet registry.", no_args_is_help=True)
clihelp.install()  # help shows DATE, PATH, SLUG… where typer would print <str>, and nothing for flags
app.add_typer(outlets_app, name="outlets")
lake_app = typer.Typer(help="Upkeep of the Parquet lake.", no_args_is_help=True)
app.add_typer(lake_app, name="lake")
console = Console(width=console_width(sys.stdout.isatty()))
err = Console(stderr=True, soft_wrap=True)
#: read once by the typer callback (the environment: akhbar.settings); the options below win over it
_settings: Settings | None = None

DataDir = Annotated[
    Path | None, typer.Option("--data-dir", metavar="PATH", help="Where WARC, logs and the lake live (default: "
                                                                 "AKHBAR_DATA_DIR, else data).", show_default=False)
]
OutletsDir = Annotated[
    Path | None, typer.Option("--outlets-dir", metavar="PATH", help="Folder of outlet TOML files (default: "
                                                                    "AKHBAR_OUTLETS_DIR, else the packaged outlets).")
]
LakeUri = Annotated[
    str | None, typer.Option("--lake", metavar="URI", help="The Parquet lake: a path or fsspec URL "
                                                           "(s3://bucket/akhbar/lake) (default: AKHBAR_LAKE_URI, "
                                                           "else <data-dir>/lake).")
]
FromDay = Annotated[str, typer.Option("--from", metavar="DATE", help="First UTC day, YYYY-MM-DD.")]
ToDay = Annotated[str, typer.Option("--to", metavar="DATE", help="Last UTC day (inclusive).")]
Outlets = Annotated[list[str] | None, typer.Option("--outlet", metavar="SLUG", help="Outlet slug (repeatable).")]
DEFAULT_DATA = DEFAULT_DATA_DIR
#: the demo's archive and test-web port, apart from the default archive and the Airflow recipe's test web (8765)
DEMO_DATA_DIR = DEFAULT_DATA_DIR / "demo"
DEMO_PORT = 8764
#: the earliest day the archive accepts (page dates before it are not trusted either)
FIRST_DAY = date(1990, 1, 1)
#: OSError numbers that mean the disk (or the user's quota, or a file size limit) is full
DISK_FULL = quickquery.DISK_FULL


class QueryFormat(StrEnum):
    """What `akhbar query --format` takes (anything else is an error listing these)."""

    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


def _user_errors(fn: Callable) -> Callable:
    """Known failures end in one clear line and exit code 2, not a traceback."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        from akhbar.outlets.registry import OutletConfigError
        from akhbar.warehouse.duck import QueryRefused
        from akhbar.warehouse.locks import PartitionBusy

        try:
            return fn(*args, **kwargs)
        except (OutletConfigError, PartitionBusy, QueryRefused, PermissionError, OSError, ValueError) as exc:
            _fail(_describe(exc, kwargs.get("data_dir") or _cfg().data_dir))
        except Exception as exc:
            import duckdb

            if isinstance(exc, duckdb.Error):
                _fail(_describe(exc, kwargs.get("data_dir") or _cfg().data_dir))
            raise

    return wrapper


def _fail(message: str) -> None:
    """One error line and exit code 2 (its text may quote a page: written out where a terminal would act on it)."""
    err.print(f"[red]error:[/red] {escape(for_terminal(message))}", highlight=False)
    raise typer.Exit(2) from None


def _warn(message: str) -> None:
    """One warning line on stderr (the work goes on)."""
    err.print(f"[yellow]warning:[/yellow] {escape(for_terminal(message))}", highlight=False)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"akhbar {version('akhbar')}")
        raise typer.Exit()


@app.callback()
def _read_settings(
    version: Annotated[bool, typer.Option("--version", help="Print akhbar's version and exit.", is_eager=True,
                                          callback=_print_version)] = False,
) -> None:
    """akhbar: crawl, archive and query Persian and Arabic news."""
    global _settings
    try:
        _settings = Settings.from_env()
    except ValueError as exc:  # a malformed AKHBAR_* variable: one clear line before any work
        _fail(str(exc))


class LakeUse(StrEnum):
    """What a command does with the lake (akhbar.settings.check_lake refuses a memory:// lake to writers)."""

    reads = "reads"
    writes = "writes"


def _cfg(data_dir: Path | None = None, lake: str | None = None, outlets_dir: Path | None = None,
         lake_use: LakeUse | None = None) -> Settings:
    """The settings read at start with this command's options on top (commands called directly read them now);
    with ``lake_use``, the lake URI checked before the command does anything."""
    cfg = (_settings or Settings.from_env()).with_options(data_dir=data_dir, lake_uri=lake, outlets_dir=outlets_dir)
    if lake_use is not None:
        check_lake(cfg.lake_uri, writes=lake_use is LakeUse.writes)
    return cfg


#: the error line's text (shared with the lean `akhbar query`: akhbar.quickquery)
_describe = quickquery.describe


def _parse_day(value: str) -> date:
    """A UTC day from 1990-01-01 to tomorrow (a day not over anywhere yet can still be crawled)."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"malformed date {value!r}: expected YYYY-MM-DD") from None
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    if not FIRST_DAY <= day <= tomorrow:
        raise ValueError(f"date {value} out of range: expected a day from {FIRST_DAY} to {tomorrow} "
                         "(tomorrow, UTC)")
    return day


def _unique(values: list[str] | None) -> list[str] | None:
    """Repeated --outlet values once each, in the order given."""
    return list(dict.fromkeys(values)) if values else None


def _parse_range(first: str, last: str) -> tuple[date, date]:
    start, end = _parse_day(first), _parse_day(last)
    if end < start:
        raise ValueError("--to is before --from")
    return start, end


def _check_writable(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    if not os.access(data_dir, os.W_OK):
        raise PermissionError(f"data dir {data_dir} is not writable")


def _existing_archive(data_dir: Path) -> None:
    """A data dir to read from exists (a missing one is not created: a typo would serve an empty archive)."""
    if not data_dir.exists():
        raise ValueError(f"data dir {data_dir} does not exist: nothing archived to serve (give --data-dir, or run "
                         "`akhbar run` or `akhbar demo` first)")
    if not data_dir.is_dir():
        raise ValueError(f"data dir {data_dir} is not a folder")


def _print_results(judged: list[tuple[OutletDayResult, GateResult | None]]) -> None:
    from akhbar.quality import FAILED_OUTCOMES

    table = Table(title="run")
    for col in ("outlet", "day", "articles", "fetched ok", "failed", "not kept", "status"):
        table.add_column(col)
    for r, verdict in judged:
        failed = sum(v for k, v in r.crawl.items() if k in FAILED_OUTCOMES)
        table.add_row(*map(_cell, (r.outlet, r.day.isoformat(), str(r.articles), str(r.crawl.get("ok", 0)),
                                   str(failed), str(sum(r.rejected.values())))), _status(r, verdict))
    console.print(table)


def _cell(value: object) -> Text:
    """A table cell of text that may come from a page: never markup, nothing a terminal acts on."""
    return Text(for_terminal("" if value is None else str(value)))


def _status(r: OutletDayResult, verdict: GateResult | None) -> Text:
    """The run table's status cell (an error may quote a page or a server's reason: a Text, never markup)."""
    if not r.ok:
        return Text(for_terminal(f"failed: {r.error or ''}"), style="red")
    if verdict is not None and not verdict.ok:
        return Text(for_terminal(f"gate_failed: {verdict.describe().split(': ', 1)[1]}"), style="yellow")
    return Text("ok", style="green")


def _exit_if_failed(judged: list[tuple[OutletDayResult, GateResult | None]]) -> None:
    """Exit 1 with one line naming every outlet-day that was not archived (an outage included)."""
    failed = [f"{r.outlet} {r.day} ({r.error})" for r, _ in judged if not r.ok]
    if failed:
        err.print(f"failed: {len(failed)} outlet-day(s): {escape(for_terminal('; '.join(failed)))}",
                  highlight=False)
        raise typer.Exit(1)


def _print_relation(rel, fmt: str = "table", title: str | None = None) -> None:
    quickquery.print_relation(console, rel, fmt, title)  # the lean `akhbar query` prints the same way


def _archive(days: list[date], cfg: Settings, outlet: list[str] | None, refetch: bool = False,
             source: str = "live") -> None:
    """What ``run`` and ``backfill`` share: archive the days, print each outlet-day, exit 1 if any failed."""
    judged = _run_days(days, cfg, _unique(outlet), refetch, source)
    _print_results(judged)
    _print_delivered(judged)
    _exit_if_failed(judged)


def _print_delivered(judged: list[tuple[OutletDayResult, GateResult | None]]) -> None:
    """Where articles whose home is another day went: that day's partition, added in the same run."""
    for r, _ in judged:
        if r.delivered:
            days = ", ".join(f"{d.isoformat()} ({n})" for d, n in sorted(r.delivered.items()))
            console.print(f"{r.outlet} {r.day.isoformat()}: {sum(r.delivered.values())} article(s) dated another "
                          f"day went to that day's partition: {days}", highlight=False)


def _run_days(days: list[date], cfg: Settings, outlet: list[str] | None, refetch: bool, source: str = "live",
              identify: bool = True) -> list[tuple[OutletDayResult, GateResult | None]]:
    """Archive, deduplicate and judge each day (akhbar.pipeline.orchestrator, as the nightly DAG's tasks do), then
    refresh the DuckDB views."""
    from akhbar import quality
    from akhbar.outlets.registry import select_outlets
    from akhbar.pipeline.orchestrator import archive_days
    from akhbar.warehouse.duck import refresh_database

    quality.load_overrides(cfg.quality_thresholds)  # bad AKHBAR_QUALITY_THRESHOLDS: an error before anything is crawled
    _check_writable(cfg.data_dir)
    select_outlets(_unique(outlet), cfg.outlets_dir, enable=cfg.enabled_outlets)  # a disabled or unknown outlet first
    if identify:  # the demo crawls only its own loopback test web: nobody there to contact
        cfg.warn_user_agent(_warn)
    number = {d: n for n, d in enumerate(days, 1)}

    def progress(day: date, src: str, runs: list[OutletDayResult]) -> None:
        if len(days) > 1 or source != "live":
            for r in runs:
                console.print(f"day {number[day]} of {len(days)} {day} {r.outlet} from {src}: "
                              f"{r.crawl.get('ok', 0)} fetched, {r.crawl.get('archived_earlier', 0)} "
                              f"archived before, {r.articles} articles")

    with console.status("") as status:
        judged = archive_days(days, cfg, _unique(outlet), source=source, refetch=refetch, progress=progress,
                              step=status.update)
        status.update("refreshing DuckDB views…")
        refresh_database(cfg.data_dir, cfg.lake_uri)
    return [(j.result, j.verdict) for j in judged]


@app.command()
@_user_errors
def run(
    date_: Annotated[str, typer.Option("--date", metavar="DATE", help="UTC day to archive, YYYY-MM-DD.")],
    outlet: Outlets = None,
    data_dir: DataDir = None,
    outlets_dir: OutletsDir = None,
    lake: LakeUri = None,
    refetch: Annotated[bool, typer.Option(help="Fetch articles again even if archived.")] = False,
) -> None:
    """Crawl, archive, extract, load and deduplicate one day, then print what each outlet gave."""
    _archive([_parse_day(date_)], _cfg(data_dir, lake, outlets_dir, lake_use=LakeUse.writes), outlet, refetch)


@app.command()
@_user_errors
def backfill(
    from_: FromDay,
    to: ToDay,
    outlet: Outlets = None,
    data_dir: DataDir = None,
    outlets_dir: OutletsDir = None,
    lake: LakeUri = None,
    source: Annotated[str, typer.Option(
        "--source", metavar="SOURCE",
        help="live | wayback | commoncrawl | auto (live, then the archives for what it did not get); "
                         "see docs/archives.md.")] = "live",
) -> None:
    """Archive a range of past days, one after the other (Airflow's backfill does this in parallel)."""
    capture_sources(source)  # an unknown source: an error before anything runs
    first, last = _parse_range(from_, to)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    _archive(days, _cfg(data_dir, lake, outlets_dir, lake_use=LakeUse.writes), outlet, source=source)


@app.command()
@_user_errors
def dedup(
    from_: FromDay,
    to: ToDay,
    data_dir: DataDir = None,
    outlets_dir: OutletsDir = None,
    lake: LakeUri = None,
) -> None:
    """Re-cluster duplicates over a range of days (after a back-fill; later days follow as needed)."""
    from akhbar import pipeline
    from akhbar.warehouse.duck import refresh_database

    cfg = _cfg(data_dir, lake, outlets_dir, lake_use=LakeUse.writes)
    first, last = _parse_range(from_, to)
    with console.status(f"re-clustering {first}..{last}…"):
        res = pipeline.dedup_range(first, last, cfg.data_dir, folder=cfg.outlets_dir, lake_uri=cfg.lake_uri)
        refresh_database(cfg.data_dir, cfg.lake_uri)
    copies = ", ".join(f"{k} {v}" for k, v in sorted(res.copies.items())) or "none"
    console.print(f"dedup {first}..{last}: {res.articles} articles in {res.clusters} clusters; "
                  f"copies by method: {copies}; {res.partitions} partitions written")


@app.command()
@_user_errors
def reextract(
    from_: FromDay,
    to: ToDay,
    outlet: Outlets = None,
    all_: Annotated[bool, typer.Option("--all", help="Every outlet-day, not only those of an older extractor.")]
    = False,
    data_dir: DataDir = None,
    outlets_dir: OutletsDir = None,
    lake: LakeUri = None,
) -> None:
    """Extract archived days again from their WARC files, no network (after an extractor upgrade).

    Only the outlet-days whose rows an older extractor wrote (--all: every one); resumable, each partition
    replaced atomically, duplicates and the quality gate redone as a night does."""
    from akhbar.pipeline.orchestrator import reextract_days
    from akhbar.warehouse.duck import refresh_database

    cfg = _cfg(data_dir, lake, outlets_dir, lake_use=LakeUse.writes)
    first, last = _parse_range(from_, to)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    with console.status("") as status:
        done = reextract_days(days, cfg, _unique(outlet), everything=all_, step=status.update)
        status.update("refreshing DuckDB views…")
        refresh_database(cfg.data_dir, cfg.lake_uri)
    redone = [r for r in done if not r.skipped and r.error is None]
    console.print(f"re-extracted {len(redone)} outlet-day(s), {sum(r.articles for r in redone)} articles; "
                  f"{sum(r.skipped for r in done)} already of this extractor", highlight=False)
    failed = [f"{r.outlet} {r.day} ({r.error})" for r in done if r.error]
    if failed:
        err.print(Text(f"failed: {len(failed)} outlet-day(s): {'; '.join(failed)}"))
        raise typer.Exit(1)


@contextmanager
def _demo_web(port: int) -> Iterator:
    """The test web on the demo's fixed port; a port in use is a user error naming the way out."""
    from akhbar.testweb import TestWeb

    web = TestWeb(port)
    try:
        web.start()
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            _fail(f"cannot start the demo's test web on port {port}: {exc.strerror or exc}")
        _fail(f"the demo's test-web port {port} is in use (another demo running?): stop it or pass --port N")
    try:
        yield web
    finally:
        web.stop()


@app.command()
@_user_errors
def demo(
    date_: Annotated[str, typer.Option("--date", metavar="DATE",
                                       help="Day of the test web to archive.")] = "2025-01-07",
    data_dir: Annotated[Path | None, typer.Option(
        "--data-dir", metavar="PATH",
        help=f"The demo's own archive (default {DEMO_DATA_DIR}; AKHBAR_DATA_DIR does not apply).",
    )] = None,
    port: Annotated[int, typer.Option(metavar="PORT",
                                      help="The test web's port (fixed: the archive's URLs carry it).")] = DEMO_PORT,
) -> None:
    """One night against the built-in offline test web (no internet needed), then the summary."""
    from akhbar.replay import check_port

    day = _parse_day(date_)
    check_port(port)  # before the data dir is made
    # its own data dir and a fixed port: the demo's WARC records (URLs with the port) never mix with a real or
    # Airflow archive, and a later demo finds the same URLs live again
    data_dir = data_dir or DEMO_DATA_DIR
    _check_writable(data_dir)
    # the demo's lake is always <data>/lake (AKHBAR_LAKE_URI does not apply), its outlets the test web's
    local_lake = str(data_dir.resolve() / "lake")
    with _demo_web(port) as web:
        folder = web.write_outlet_configs(data_dir / "testweb-outlets")
        console.print(f"test web: {', '.join(web.base_url(s.slug) for s in web.sites)}")
        judged = _run_days([day], _cfg(data_dir, local_lake, folder), None, refetch=False, identify=False)
    _print_results(judged)
    _print_delivered(judged)
    summary(data_dir=data_dir, lake=local_lake)
    console.print(f"lake: {data_dir / 'lake'}   DuckDB: {data_dir / 'akhbar.duckdb'}")
    exe = Path(sys.argv[0]).resolve()
    exe = exe.relative_to(Path.cwd()) if exe.is_relative_to(Path.cwd()) else Path("akhbar")
    data_opt = "" if data_dir == DEFAULT_DATA else f" --data-dir {data_dir}"
    console.print(f'try:  {exe} query{data_opt} "select outlet, count(*) from articles group by 1"', highlight=False)
    _exit_if_failed(judged)


@app.command()
@_user_errors
def query(
    sql: Annotated[str, typer.Argument(metavar="SQL",
                                       help="A read-only SQL query over articles, crawl_log, duplicates, runs.")],
    data_dir: DataDir = None,
    lake: LakeUri = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", metavar="FORMAT",
                                             help="table, or for machines: csv (lists as JSON arrays), json, jsonl "
                                                  "(binary columns base64).")] = QueryFormat.table,
) -> None:
    """Query the lake with DuckDB (SELECT only)."""
    from akhbar.warehouse.duck import query as run_query

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    _bounded(lambda: _print_relation(run_query(cfg.data_dir, sql, cfg.lake_uri, timeout=cfg.query_timeout,
                                               memory_limit=cfg.query_memory), fmt), cfg, "query")


def _bounded(work: Callable[[], None], cfg: Settings, what: str, *, limited: bool = True) -> None:
    """Run a command's work in a child under AKHBAR_QUERY_MEMORY and AKHBAR_QUERY_TIMEOUT (``limited`` False:
    unbounded, only apart: the search index's upkeep); a limit reached or the work failing ends the command with
    its one error line and exit code 2. See akhbar.bounded."""
    from akhbar import bounded

    done = bounded.run(_user_errors(work), bounded.Limits.of(cfg, what) if limited else None)
    if done.message:
        _fail(done.message)
    if done.code:
        raise typer.Exit(done.code)


@app.command()
@_user_errors
def compact(
    day: Annotated[list[str] | None, typer.Option(metavar="DATE",
                                                  help="Also merge these days' partitions (repeatable).")] = None,
    before: Annotated[str | None, typer.Option(metavar="DATE",
                                               help="Fold days before DATE into month files (default: the "
                                                    "settled days, warehouse.compaction.SETTLE_DAYS old).")] = None,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """Compact the lake: merge the given days' partitions, fold settled days into one file per table and month."""
    from akhbar.warehouse import compaction
    from akhbar.warehouse.duck import refresh_if_changed

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.writes)
    merged = compaction.compact(cfg.data_dir, cfg.lake, [_parse_day(d) for d in day or []])
    until = _parse_day(before) if before else compaction.settled_before(cfg.lake, datetime.now(UTC).date())
    folded = compaction.fold(cfg.data_dir, cfg.lake, until)
    refresh_if_changed(cfg.data_dir, cfg.lake_uri)
    console.print(f"merged {merged['partitions']} partitions; folded {folded['folded']} outlet-day partitions "
                  f"before {until} into {folded['months']} month files; {folded['busy'] + merged['busy']} busy "
                  "(left for the next run)", highlight=False)


@lake_app.command("migrate")
@_user_errors
def lake_migrate(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List the files that differ, rewrite nothing.")] = False,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """Rewrite lake files whose Parquet schema differs from warehouse/schema.py (a column added since)."""
    from akhbar.warehouse.duck import refresh_if_changed
    from akhbar.warehouse.migrate import migrate

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.writes)
    stats = migrate(cfg.data_dir, cfg.lake, dry_run=dry_run)
    for path in stats["rewritten"]:
        console.print(("differs: " if dry_run else "rewritten: ") + escape(for_terminal(path)), highlight=False)
    for why in stats["refused"]:
        err.print("left as it is: " + escape(for_terminal(why)), highlight=False)
    if not dry_run:
        refresh_if_changed(cfg.data_dir, cfg.lake_uri)
    console.print(f"{stats['checked']} files checked, {len(stats['rewritten'])} "
                  f"{'differ' if dry_run else 'rewritten'}", highlight=False)
    if stats["refused"]:
        raise typer.Exit(1)


class ExportTable(StrEnum):
    articles = "articles"
    articles_unique = "articles_unique"
    duplicates = "duplicates"
    crawl_log = "crawl_log"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    wacz = "wacz"


SigningKey = Annotated[Path | None, typer.Option("--key", metavar="PATH", help="Sign the package with this "
                                                 "ECDSA P-384 private key (PEM; make one with `akhbar keygen`).")]
TimestampServer = Annotated[str | None, typer.Option("--tsa", metavar="URL", help="Also timestamp the "
                                                     "signature at this RFC 3161 server (needs --key).")]
TimestampRoot = Annotated[Path | None, typer.Option("--tsa-ca", metavar="PATH", help="The --tsa server's root "
                                                    "certificate (PEM): its answer must chain to it, and the "
                                                    "package carries it for verifiers.")]


@app.command()
@_user_errors
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", metavar="FORMAT", help="jsonl, csv (lists as JSON "
                                              "arrays) or parquet (binary columns base64 in jsonl and csv); "
                                              "wacz: the articles' archived pages as a WACZ package.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="PATH", help="The file to write (replaced "
                                         "whole when complete); - writes jsonl or csv to standard output.")],
    table: Annotated[ExportTable | None, typer.Option("--table", metavar="TABLE", help="articles, "
                                                      "articles_unique (one row per story), duplicates or "
                                                      "crawl_log; wacz: articles (default) or articles_unique.",
                                                      show_default=False)] = None,
    from_: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First UTC day, YYYY-MM-DD "
                                              "(default: the first in the lake).")] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last UTC day, inclusive "
                                           "(default: the last in the lake).")] = None,
    outlet: Annotated[list[str] | None, typer.Option("--outlet", metavar="SLUG", help="Only this outlet "
                                                     "(repeatable).")] = None,
    raw_cells: Annotated[bool, typer.Option("--raw-cells", help="CSV: write every cell as stored, formulas "
                                            "included (for programs; by default a cell starting = + - @ gets a "
                                            "leading ' so spreadsheets show it as text).")] = False,
    key: SigningKey = None,
    tsa: TimestampServer = None,
    tsa_ca: TimestampRoot = None,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """Export a table for other tools, or the archived pages as WACZ, streaming (constant memory however large)."""
    from akhbar.export import export as run_export

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    start = _parse_day(from_) if from_ else None
    end = _parse_day(to) if to else None
    if fmt is ExportFormat.wacz:
        if raw_cells:
            raise ValueError("--raw-cells is for --format csv")
        from akhbar import evidence

        written = evidence.export_range(cfg, output, start=start, end=end, outlets=_unique(outlet),
                                        table=(table or ExportTable.articles).value, key=key, tsa=tsa,
                                        tsa_ca=tsa_ca, memory_limit=cfg.query_memory)
        _print_written(written, "archived pages")
        return
    if key is not None or tsa is not None or tsa_ca is not None:
        raise ValueError("--key, --tsa and --tsa-ca sign WACZ packages: use them with --format wacz")
    if table is None:
        raise ValueError(f"--format {fmt.value} needs --table (articles, articles_unique, duplicates or crawl_log)")
    rows = run_export(cfg.data_dir, table.value, fmt.value, output, start=start, end=end, outlets=_unique(outlet),
                      lake_uri=cfg.lake_uri, memory_limit=cfg.query_memory, raw_cells=raw_cells)
    if str(output) != "-":
        err.print(f"{rows} rows of {table.value} written to {output}", highlight=False)


def _print_written(written, what: str) -> None:
    """A package's summary on standard error: file, pages, SHA-256, signing key, timestamp."""
    lines = [f"{written.pages} {what} written to {written.path} ({written.bytes} bytes)",
             f"  sha256:{written.sha256}"]
    if written.signed_by:
        lines.append(f"  signed with key {written.signed_by}")
    if written.timestamp:
        lines.append(f"  timestamped {written.timestamp}")
    for line in lines:
        err.print(Text(for_terminal(line, one_line=True)), highlight=False)


@app.command()
@_user_errors
def evidence(
    article_id: Annotated[str, typer.Argument(metavar="ARTICLE_ID", help="The article's id (the article_id "
                                                                         "column).")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="PATH", help="The .wacz file to write "
                                         "(replaced whole when complete).")],
    key: SigningKey = None,
    tsa: TimestampServer = None,
    tsa_ca: TimestampRoot = None,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """One article as a WACZ package: every capture of it the archive holds, replayable elsewhere, signed."""
    from akhbar import evidence as packages

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    _existing_archive(cfg.data_dir)
    with console.status("finding the article's captures…"):
        written = packages.export_article(cfg, article_id, output, key=key, tsa=tsa, tsa_ca=tsa_ca)
    _print_written(written, "captures")


@app.command()
@_user_errors
def verify(
    package: Annotated[Path, typer.Argument(metavar="FILE", help="A .wacz package.")],
    public_key: Annotated[Path | None, typer.Option("--public-key", metavar="PATH", help="The signer's public "
                                                    "key (PEM, KEY.pub): the signature must be made with it.")]
    = None,
    tsa_ca: Annotated[Path | None, typer.Option("--tsa-ca", metavar="PATH", help="Root certificate(s) (PEM) the "
                                                "timestamp server's chain must lead to.")] = None,
) -> None:
    """Check a WACZ package: every byte, every file's hash, the signature and timestamp; exit 1 if any fails."""
    from akhbar.evidence.verify import NotVerified
    from akhbar.evidence.verify import verify as check

    try:
        report = check(package, public_key=public_key, tsa_ca=tsa_ca)
    except NotVerified as exc:
        err.print(Text(for_terminal(f"not verified: {package}: {exc}", one_line=True), style="red"),
                  highlight=False)
        raise typer.Exit(1) from None
    layout = ("every byte of the ZIP checked" if report.exact_layout
              else "its contents checked; its ZIP headers are not covered (not written by akhbar)")
    lines = [f"verified: {package}", f"  sha256:{report.sha256} ({report.bytes} bytes)",
             f"  {report.files} files, each matching its SHA-256 in datapackage.json; {layout}",
             f"  {report.pages} pages; created {report.created or 'unknown'} by {report.software or 'unknown'}"]
    if report.title:
        lines.append(f"  title: {report.title}")
    signed = report.signed
    if signed is None:
        lines.append("  not signed: integrity only (anyone could have rewritten the files and the digest together)")
    else:
        trust = "the key you gave" if signed.key_matches else \
            "not compared with a key you trust: give the signer's public key with --public-key"
        lines.append(f"  signed with key {signed.fingerprint} ({trust})")
        if signed.timestamp:
            chain = {"root": "its signature chained to the root you gave",
                     "self": "its signature checked against the root it came with, which you have not said you "
                             "trust: give it with --tsa-ca",
                     "imprint": "its signature not checked: give the server's root certificate with --tsa-ca"}
            lines.append(f"  timestamped {signed.timestamp:%Y-%m-%dT%H:%M:%SZ} by {signed.tsa} (RFC 3161; "
                         f"{chain[signed.tsa_checked or 'imprint']})")
    for line in lines:
        console.print(Text(for_terminal(line, one_line=True)), soft_wrap=True)


@app.command()
@_user_errors
def keygen(
    output: Annotated[Path, typer.Option("-o", "--output", metavar="PATH", help="The private key file to write "
                                         "(PEM, mode 600); the public key goes beside it as .pub.")],
) -> None:
    """Make an ECDSA P-384 key to sign WACZ packages with (--key); give others its .pub to verify them."""
    from akhbar.evidence.signing import generate_key

    private, public, fingerprint = generate_key(output)
    console.print(Text(for_terminal(f"private key: {private} (keep it private)\npublic key: {public} (give it "
                                    f"to those who verify)\nfingerprint: {fingerprint}")), soft_wrap=True)


@app.command()
@_user_errors
def summary(
    data_dir: DataDir = None,
    lake: LakeUri = None,
    from_: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First UTC day, YYYY-MM-DD.")] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last UTC day (inclusive).")] = None,
    outlet: Outlets = None,
) -> None:
    """Per day and outlet: articles, copies, the latest crawl run's fetches and failures, crawl runs, gate verdict.

    Once articles were revisited: how many of the day's were revisited, edited, retitled, stealth-edited, deleted
    and restored."""
    from akhbar.warehouse.duck import summary as run_summary

    first = _parse_day(from_) if from_ else None
    last = _parse_day(to) if to else None
    if first and last and first > last:
        _fail(f"--from {first} is after --to {last}")
    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    listing = cfg.lake.listing("article_revisits")
    rel = run_summary(cfg.data_dir, cfg.lake_uri, memory_limit=cfg.query_memory, first=first, last=last,
                      outlets=_unique(outlet) or (), changes=bool(listing.days or listing.months))
    _print_relation(rel, title="summary")




def _day_option(value: str | None) -> date | None:
    return _parse_day(value) if value else None


def _print_table(table, title: str | None = None) -> None:
    """An Arrow table as a rich table (lists joined, nulls empty; page text as quickquery.print_table shows it)."""
    cells = [[for_terminal("" if v is None else ", ".join(map(str, v)) if isinstance(v, list)
                           else f"{v:.2f}" if isinstance(v, float) else str(v)) for v in row.values()]
             for row in table.to_pylist()]
    quickquery.print_table(console, [for_terminal(c) for c in table.column_names], cells,
                           None if title is None else for_terminal(title, one_line=True))


@app.command()
@_user_errors
def revisit(
    date_: Annotated[str | None, typer.Option("--date", metavar="DATE", help="The night of the revisit, "
                                                                              "YYYY-MM-DD (default: today, UTC).")]
    = None,
    outlet: Outlets = None,
    data_dir: DataDir = None,
    outlets_dir: OutletsDir = None,
    lake: LakeUri = None,
) -> None:
    """Fetch archived articles again to see edits and deletions (docs/revisits.md).

    Each outlet's articles [revisit] after_days after their day, at most max_per_night; new versions, deletions and
    restorations go to article_versions."""
    from akhbar.outlets.registry import select_outlets
    from akhbar.pipeline.revisit import revisit_night
    from akhbar.warehouse.duck import refresh_database

    night = _parse_day(date_) if date_ else datetime.now(UTC).date()
    cfg = _cfg(data_dir, lake, outlets_dir, lake_use=LakeUse.writes)
    _check_writable(cfg.data_dir)
    outlets = select_outlets(_unique(outlet), cfg.outlets_dir, enable=cfg.enabled_outlets)
    cfg.warn_user_agent(_warn)
    with console.status(f"revisiting articles on {night}…"):
        stats = revisit_night(cfg.data_dir, cfg.lake, cfg.outlets_dir, outlets, night, cfg.scrapy_overrides())
        refresh_database(cfg.data_dir, cfg.lake_uri)
    for s in stats:
        seen = ", ".join(f"{n} {k}" for k, n in sorted(s.outcomes.items())) or "nothing due"
        line = f"{s.outlet} {night}: {s.planned} revisited ({seen}); {s.versions} new version(s)"
        console.print(Text(line + (f"; error: {s.error}" if s.error else "")), highlight=False)


@app.command()
@_user_errors
def versions(
    article_id: Annotated[str, typer.Argument(metavar="ARTICLE_ID", help="articles.article_id")],
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """Every version of an article: 1 is the first capture, then what revisits saw, with replay addresses."""
    from akhbar import changes

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    found = changes.versions(cfg.data_dir, article_id, cfg.lake_uri, replay_base=cfg.replay_url)
    if not found:
        _fail(f"no article {article_id!r} in the lake")
    import pyarrow as pa

    _print_table(pa.Table.from_pylist([{k: v.get(k) for k in changes.VERSION_COLUMNS} for v in found]),
                 title=f"{len(found)} version(s) of {article_id}")


@app.command()
@_user_errors
def diff(
    article_id: Annotated[str, typer.Argument(metavar="ARTICLE_ID", help="articles.article_id")],
    from_: Annotated[int | None, typer.Option("--from", metavar="N", help="Older version (default: the one "
                                                                          "before --to).")] = None,
    to: Annotated[int | None, typer.Option("--to", metavar="N", help="Newer version (default: the last).")] = None,
    html: Annotated[Path | None, typer.Option("--html", metavar="PATH", help="Write the two versions side by "
                                                                             "side as an HTML page.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Show unchanged paragraphs too.")] = False,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """What changed between two versions of an article, word by word: headline and body."""
    from akhbar import changes

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    found = {v["version"]: v for v in changes.versions(cfg.data_dir, article_id, cfg.lake_uri,
                                                        replay_base=cfg.replay_url)}
    if not found:
        _fail(f"no article {article_id!r} in the lake")
    new_n = to if to is not None else max(found)
    old_n = from_ if from_ is not None else max([n for n in found if n < new_n], default=new_n)
    for n in (old_n, new_n):
        if n not in found:
            _fail(f"{article_id} has no version {n} (versions: {', '.join(map(str, sorted(found)))})")
    old, new = found[old_n], found[new_n]
    if html is not None:
        html.write_text(changes.html_page(article_id, old, new), encoding="utf-8")
        console.print(Text(f"wrote {html}"))
        return
    console.print(Text(for_terminal(f"version {old_n} ({old['fetched_at']}) -> {new_n} ({new['fetched_at']}): "
                                    f"{new.get('change_summary') or ''}", one_line=True)), highlight=False)
    console.print(changes.terminal_lines(changes.word_diff(old.get("title") or "", new.get("title") or "")))
    body = changes.paragraph_diff(old.get("text"), new.get("text"))
    for paragraph in body if all_ else changes.changed_only(body):
        console.print(changes.terminal_lines(paragraph))


@app.command()
@_user_errors
def search(
    text: Annotated[str, typer.Argument(metavar="QUERY",
                                        help='Words (all must match) and "quoted phrases", Persian or Arabic '
                                             "typed any way (ي/ی, ك/ک, ZWNJ or not, any digits); at most 32 "
                                             "words and 1000 characters.")],
    from_: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First UTC day, YYYY-MM-DD.")] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last UTC day (inclusive).")] = None,
    outlet: Outlets = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="LANG",
                                             help="Language code of the text (fa, ar, …).")] = None,
    limit: Annotated[str, typer.Option("--limit", metavar="N", help="At most this many results, best first "
                                                                    "(1 to 10000).")] = "20",
    changed: Annotated[bool, typer.Option("--changed", help="Only articles revisits saw edited (headline or body, "
                                                            "stealth edits included).")] = False,
    deleted: Annotated[bool, typer.Option("--deleted", help="Only articles revisits saw deleted.")] = False,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """Full-text search (BM25 over title and text) with a keyword-in-context snippet per article."""
    from akhbar.warehouse import search_index  # no pyarrow here: its threads would be forked

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    count = search_index.parse_limit(limit)
    search_index.check_query(text)
    start, end = _day_option(from_), _day_option(to)

    def found() -> None:
        from akhbar import search as archive_search

        changes = [*(archive_search.EDITS if changed else ()), *(archive_search.DELETIONS if deleted else ())]
        rows = archive_search.search(cfg.data_dir, text, lake_uri=cfg.lake_uri, start=start, end=end,
                                     outlets=_unique(outlet), lang=lang, limit=count, sync=False, changes=changes)
        _print_table(rows.select(["day", "outlet", "score", "title", "snippet", "article_id"]),
                     title=f"{rows.num_rows} result{'' if rows.num_rows == 1 else 's'}")

    _search_index(cfg)
    _bounded(found, cfg, "search")


def _search_index(cfg: Settings) -> None:
    """The search index brought up to date with the lake, in a child of its own: its memory is that of its
    batches, not of a query, so it runs outside AKHBAR_QUERY_MEMORY and AKHBAR_QUERY_TIMEOUT."""
    def update() -> None:
        from akhbar.warehouse import search_index  # not akhbar.search: no pyarrow to import twice

        search_index.sync_index(cfg.data_dir, cfg.lake_uri)

    _bounded(update, cfg, "search index update", limited=False)


@app.command()
@_user_errors
def trend(
    term: Annotated[str, typer.Argument(metavar="TERM", help="Words or a \"quoted phrase\", as for `akhbar search`.")],
    by: Annotated[str, typer.Option("--by", metavar="PERIOD", help="day | week (weeks start on Monday).")] = "day",
    from_: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First UTC day, YYYY-MM-DD.")] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last UTC day (inclusive).")] = None,
    outlet: Outlets = None,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """How many articles matched a term, per day or week and outlet."""
    from akhbar.warehouse import search_index

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    search_index.check_query(term)
    start, end = _day_option(from_), _day_option(to)

    def counts() -> None:
        from akhbar import search as archive_search

        _print_table(archive_search.trend(cfg.data_dir, term, by=by, lake_uri=cfg.lake_uri, start=start, end=end,
                                          outlets=_unique(outlet), sync=False), title=f"{term} per {by}")

    _search_index(cfg)
    _bounded(counts, cfg, "trend")


@app.command()
@_user_errors
def plot(
    chart: Annotated[str, typer.Argument(metavar="CHART",
                                         help="volume (articles archived) | trend (articles matching TERM).")],
    term: Annotated[str | None, typer.Argument(metavar="TERM",
                                               help="The term of a trend chart.", show_default=False)] = None,
    out: Annotated[Path, typer.Option("-o", "--output", metavar="PATH",
                                      help="The PNG file to write.")] = Path("chart.png"),
    by: Annotated[str, typer.Option("--by", metavar="PERIOD", help="day | week.")] = "day",
    outlet: Outlets = None,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """Draw a chart as PNG (headless; Persian/Arabic labels shaped)."""
    from akhbar.export import output_path, protected_paths
    from akhbar.warehouse import search_index

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    protected = protected_paths(cfg.data_dir, cfg.lake_uri)
    output_path(out, protected)  # a refused output before the lake is read
    if chart not in ("volume", "trend"):
        raise ValueError(f"unknown chart {chart!r}: expected volume or trend")
    if chart == "trend":
        if not term:
            raise ValueError("plot trend needs a TERM: akhbar plot trend «…» -o FILE.png")
        search_index.check_query(term)
        _search_index(cfg)

    def draw() -> None:
        from akhbar import charts
        from akhbar import search as archive_search

        if chart == "volume":
            fig = charts.volume_chart(archive_search.volume(cfg.data_dir, by=by, lake_uri=cfg.lake_uri,
                                                            outlets=_unique(outlet)), by)
        else:
            fig = charts.trend_chart(archive_search.trend(cfg.data_dir, term, by=by, lake_uri=cfg.lake_uri,
                                                          outlets=_unique(outlet), sync=False), term, by)
        console.print(f"wrote {charts.save_png(fig, out, protected)}")

    _bounded(draw, cfg, "plot")


@app.command()
@_user_errors
def show(
    article_id: Annotated[str, typer.Argument(metavar="ARTICLE_ID", help="The article's id (the article_id column).")],
    open_: Annotated[bool, typer.Option("--open", help="Open the replay address in a web browser.")] = False,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """One article: title, dates, outlet, authors, source credit, cluster and its copies, replay address."""
    from akhbar.show import article

    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    rec = article(cfg.data_dir, article_id, lake_uri=cfg.lake_uri, replay_base=cfg.replay_url)
    table = Table(show_header=False, title=quickquery.table_title(None if rec["title"] is None
                                                                  else for_terminal(rec["title"])))
    for key in ("article_id", "outlet", "day", "url", "canonical_url", "published_at", "modified_at", "fetched_at",
                "authors", "source_credit", "language", "section", "tags", "warc_file", "warc_offset"):
        value = rec[key]
        table.add_row(key, _cell(", ".join(value) if isinstance(value, list) else value))
    cluster = rec["cluster"]
    table.add_row("cluster", _cell(None if cluster is None else
                                   f"{cluster['cluster_id']} (canonical {cluster['canonical_id']})"))
    for c in rec["copies"]:
        table.add_row("copy", _cell(f"{c['article_id']} {c['outlet']} {c['method']} {c['title']} {c['url']}"))
    console.print(table)
    # on a line of its own, never cut by the table's width: it is to be copied or clicked
    console.print(Text(f"cite: {for_terminal(rec['citation'], one_line=True)}"), soft_wrap=True)
    if rec["timemap_url"]:  # every capture of the URL the archive holds (pywb's Memento TimeMap)
        console.print(Text(f"timemap: {for_terminal(rec['timemap_url'], one_line=True)}"), soft_wrap=True)
    shown = for_terminal(rec["replay_url"], one_line=True) if rec["replay_url"] else "(no archived response)"
    console.print(Text(f"replay_url: {shown}"), soft_wrap=True)
    if open_ and rec["replay_url"]:
        import webbrowser

        webbrowser.open(rec["replay_url"])


@app.command()
@_user_errors
def replay(
    port: Annotated[int | None, typer.Option("--port", metavar="PORT",
                                             help="Port (default: AKHBAR_REPLAY_URL's, 8090); 0 takes a free port "
                                                  "and prints it.")] = None,
    bind: Annotated[str, typer.Option("--bind", metavar="ADDRESS",
                                      help="Address to listen on (loopback unless you say so).")]
    = "127.0.0.1",
    data_dir: DataDir = None,
) -> None:
    """Serve the archived pages with pywb (index new WARC files first); replay addresses are in `akhbar show`.

    Archived responses' active headers (Refresh, Set-Cookie, Link, …) are served renamed X-Archive-Orig-…, and
    only requests for this server's own names are answered (IP addresses, localhost, AKHBAR_REPLAY_URL's host)."""
    from urllib.parse import urlsplit

    from akhbar import replay as pywb

    cfg = _cfg(data_dir)
    base = urlsplit(cfg.replay_url)
    _existing_archive(cfg.data_dir)
    pywb.pywb_tool(cfg, "python")  # not installed: one line before anything is bound or written
    with pywb.listen(bind, (base.port or 8090) if port is None else port) as listener:
        where = pywb.address(listener)
        with console.status("indexing new WARC files…"):
            indexed = pywb.index_warcs(cfg)
        server = pywb.start(cfg, listener, [name for name in (base.hostname, bind) if name])
    console.print(f"indexed {indexed} new WARC files; replay at {where}/{pywb.COLLECTION}/<timestamp>/<url>  "
                  "(Ctrl-C stops)", highlight=False)
    if urlsplit(where).port != (base.port or 8090):
        console.print(f"(`akhbar show` gives addresses on {cfg.replay_url}: set AKHBAR_REPLAY_URL={where} for "
                      "them to match)", highlight=False)
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a stopped `akhbar replay` stops pywb too
    try:
        code = server.wait()
    except KeyboardInterrupt:
        code = 0
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
    raise typer.Exit(code)


@app.command()
@_user_errors
def extract(
    page: Annotated[Path, typer.Argument(metavar="PAGE", help="A saved HTML page.", exists=True, dir_okay=False)],
    url: Annotated[str | None, typer.Option(metavar="URL", help="The page's URL (helps metadata and links).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole record as JSON.")] = False,
    outlet: Annotated[str | None, typer.Option(metavar="SLUG",
                                               help="Outlet slug: its timezone and extraction overrides, "
                                                    "as the pipeline uses them.")] = None,
    tz: Annotated[str | None, typer.Option(metavar="ZONE", help="IANA timezone for local times on the page "
                                                "(default: the outlet's, else UTC).")] = None,
    outlets_dir: OutletsDir = None,
) -> None:
    """Extract one saved page with exactly the code the pipeline runs."""
    from dataclasses import asdict

    from akhbar.crawler.settings import DOWNLOAD_MAXSIZE
    from akhbar.transforms.extract import extract_article

    chosen = None
    if outlet:
        from akhbar.outlets.registry import select_outlets

        # offline: reading a page with a disabled outlet's rules crawls nothing
        chosen = select_outlets([outlet], _cfg(outlets_dir=outlets_dir).outlets_dir, enable=[outlet])[0]
    zone = tz or (chosen.timezone if chosen else None)
    _check_zone(zone)
    data = _read_page(page, DOWNLOAD_MAXSIZE)
    # the pipeline passes the fetch time; a saved page's is unknown: now (a date after it is implausible)
    ex = extract_article(data, url or page.resolve().as_uri(), tz=zone, overrides=chosen.extract if chosen else None,
                         now=datetime.now(UTC))
    if as_json:
        print(json.dumps(asdict(ex), ensure_ascii=False, indent=2, default=str))
    else:
        print(ex.text or "")


def _check_zone(tz: str | None) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if tz:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA timezone {tz!r}") from None


def _read_page(page: Path, cap: int) -> bytes:
    """A saved page's bytes, gzip undone, from a regular file only and at most ``cap`` bytes (the crawl's
    DOWNLOAD_MAXSIZE: no page the pipeline extracts is larger), read and inflated no further than that.

    Opened without blocking and checked on the open descriptor, so a FIFO (which would wait for a writer) or a
    device (``/dev/zero`` never ends) is refused at once, and a file swapped after a check cannot slip by."""
    import gzip
    import io
    import stat

    fd = os.open(page, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{page} is not a regular file (a FIFO, device or socket): save the page to a file")
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise ValueError(f"{page} is larger than {cap} bytes, the crawl's DOWNLOAD_MAXSIZE: not a page it keeps")
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                data = stream.read(cap + 1)
        except (OSError, EOFError) as exc:
            raise ValueError(f"{page} is not a readable gzip file: {exc}") from None
        if len(data) > cap:
            raise ValueError(f"{page} inflates past {cap} bytes, the crawl's DOWNLOAD_MAXSIZE: not a page it keeps")
    return data


@app.command("fetch")
@_user_errors
def fetch_one(
    url: Annotated[str, typer.Argument(metavar="URL", help="An http(s) URL.", show_default=False)],
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="SLUG", help="The outlet it belongs to "
                                               "(default: the outlet whose allowed_domains hold its host, else "
                                               "unlisted).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the record as JSON, with the whole text.")] = False,
    data_dir: DataDir = None,
    outlets_dir: OutletsDir = None,
) -> None:
    """Fetch one page now through the crawler (robots.txt, confinement, WARC kept), extract it and print it."""
    from akhbar.fetchone import fetch_url, record
    from akhbar.outlets.registry import load_outlets, select_outlets

    cfg = _cfg(data_dir, outlets_dir=outlets_dir)
    chosen = select_outlets([outlet], cfg.outlets_dir, enable=cfg.enabled_outlets)[0] if outlet else None
    _check_writable(cfg.data_dir)
    with console.status(f"fetching {url}…"):
        result = fetch_url(url, cfg.data_dir, outlet=chosen, outlets=None if chosen else load_outlets(cfg.outlets_dir),
                           overrides=cfg.scrapy_overrides())
    rec = record(result, text_chars=0 if as_json else 400)
    if as_json:
        print(json.dumps(rec, ensure_ascii=False, indent=2))
    else:
        text = rec.pop("text", None)
        for key, value in rec.items():
            shown = ", ".join(value) if isinstance(value, list) else value
            console.print(f"[bold]{key}[/bold]: {escape(for_terminal(str(shown), one_line=True))}", highlight=False)
        if text:
            console.print(escape(for_terminal(text)) + ("…" if rec.get("text_chars", 0) > len(text) else ""),
                          highlight=False)
    if not result.ok:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """The lake's tables and columns."""
    from akhbar.warehouse.schema import describe_markdown

    print(describe_markdown())


@outlets_app.command("list")
@_user_errors
def outlets_list(outlets_dir: OutletsDir = None) -> None:
    """The configured outlets; a disabled one (its terms or robots.txt refuse crawling) with the reason."""
    from akhbar.outlets.registry import ENABLE_VARIABLE, load_outlets

    cfg = _cfg(outlets_dir=outlets_dir)
    table = Table()
    for col in ("slug", "name", "lang", "country", "timezone", "feeds", "sitemaps", "archives", "crawled"):
        table.add_column(col)
    disabled = []
    for o in load_outlets(cfg.outlets_dir).values():
        d = o.discovery
        if o.enabled:
            crawled = "yes"
        else:
            crawled = f"yes (enabled by {ENABLE_VARIABLE})" if o.slug in cfg.enabled_outlets else "no: disabled"
            disabled.append(o)
        table.add_row(*map(_cell, (o.slug, f"{o.name} ({o.name_native})" if o.name_native else o.name, o.language,
                                   o.country, o.timezone, len(d.feeds), len(d.sitemaps), len(d.archives), crawled)))
    console.print(table)
    for o in disabled:  # the reason in full: it quotes the terms the user accepts by enabling the outlet
        console.print(Text(f"{o.slug} is disabled: {' '.join((o.disabled_reason or '').split())}"))
    if disabled:
        console.print(Text(f"Enable one knowingly with {ENABLE_VARIABLE}=<slug>[,<slug>…] (or enabled = true in its "
                           "file)."))


#: the largest saved home page or robots.txt `outlets draft` reads
DRAFT_FILE_CAP = 16 * 1024 * 1024


@outlets_app.command("draft")
@_user_errors
def outlets_draft(
    url: Annotated[str, typer.Argument(metavar="URL", help="The outlet's home page.")],
    html: Annotated[Path | None, typer.Option("--html", metavar="PATH", help="Draft offline from this saved copy "
                                              "of the home page (URL is then only its address).")] = None,
    robots: Annotated[Path | None, typer.Option("--robots", metavar="PATH",
                                                help="With --html: the site's saved robots.txt.")] = None,
    slug: Annotated[str | None, typer.Option("--slug", metavar="SLUG",
                                             help="The outlet's slug (default: from the host name).")] = None,
    language: Annotated[str | None, typer.Option("--language", metavar="fa|ar",
                                                 help="Persian or Arabic (default: guessed).")] = None,
    timezone: Annotated[str | None, typer.Option("--timezone", metavar="ZONE",
                                                 help="IANA timezone (default: guessed).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="PATH", help="Write the TOML here (a "
                                                "new file) instead of printing it.")] = None,
) -> None:
    """Draft an outlet TOML from its home page, live or saved; every guess marked in its notes.

    Feeds, sitemaps, dated archives, the article URL pattern (with the share of links it matches), language and
    timezone. Review it, then `akhbar outlets check`."""
    from akhbar.outletdraft import check_url, draft_outlet, gather_live, read_saved
    from akhbar.outlets.registry import SLUG_RE

    check_url(url)
    if robots is not None and html is None:
        raise ValueError("--robots goes with --html (a live draft fetches robots.txt itself)")
    if language is not None and language not in ("fa", "ar"):
        raise ValueError(f"--language {language!r}: expected fa or ar")
    if slug is not None and not SLUG_RE.match(slug):
        raise ValueError(f"--slug {slug!r}: lowercase letters, digits, '-' or '_' (2-41 characters)")
    if timezone is not None:
        _check_zone(timezone)
    if output is not None and output.exists():
        raise ValueError(f"{output}: exists; not overwritten (choose a new file)")
    cfg = _cfg()
    if html is not None:
        evidence = read_saved(url, html, robots, DRAFT_FILE_CAP)
    else:
        cfg.warn_user_agent(_warn)
        try:
            evidence = gather_live(url, user_agent=cfg.scrapy_overrides()["USER_AGENT"])
        except RuntimeError as exc:
            _fail(str(exc))
    draft = draft_outlet(evidence, slug=slug, language=language, timezone=timezone)
    share = (f"article pattern matches {draft.home_matched} of {draft.home_links} home-page links"
             + (f", {draft.listed_matched} of {draft.listed} feed/sitemap entries" if draft.listed else ""))
    if output is None:
        print(draft.toml, end="")
    else:
        with output.open("x", encoding="utf-8") as f:
            f.write(draft.toml)
    err.print(Text(f"drafted {draft.outlet.slug}: {share}. Review the GUESS lines of its notes, then: akhbar outlets "
                   f"check {draft.outlet.slug} --outlets-dir <its folder>"))


def _terminal_safe_report(report: CheckReport) -> CheckReport:
    """The probes' URLs and details (a live page's title, a server's reason) with controls written out."""
    from dataclasses import replace

    return replace(report, probes=[replace(p, url=for_terminal(p.url, one_line=True),
                                           detail=for_terminal(p.detail, one_line=True)) for p in report.probes])


@outlets_app.command("health")
@_user_errors
def outlets_health(
    outlet: Outlets = None,
    from_: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First UTC day, YYYY-MM-DD (default: "
                                                                            "four weeks before --to).")] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last UTC day (default: the outlet's newest "
                                                                       "judged night).")] = None,
    plot_: Annotated[Path | None, typer.Option(
        "--plot", metavar="PATH", help="Also draw each outlet's nights against its baseline (PNG).")] = None,
    data_dir: DataDir = None,
    lake: LakeUri = None,
) -> None:
    """Each outlet's nights against its baseline: articles beside the weekday's median, extraction rates, verdict."""
    from akhbar import quality

    first, last = _day_option(from_), _day_option(to)
    if first and last and first > last:
        _fail(f"--from {first} is after --to {last}")
    cfg = _cfg(data_dir, lake, lake_use=LakeUse.reads)
    overrides = quality.load_overrides(cfg.quality_thresholds)
    from akhbar.export import output_path, protected_paths

    protected = protected_paths(cfg.data_dir, cfg.lake_uri)
    if plot_ is not None:
        output_path(plot_, protected)  # a refused output before the lake is read
    report = quality.health_report(cfg.lake, _unique(outlet) or (), first, last, overrides)
    _print_health(report)
    if plot_ is not None:
        from akhbar import charts

        console.print(f"wrote {charts.save_png(charts.health_chart(report), plot_, protected)}")


def _print_health(report: list) -> None:
    """The health report as a table: one row per outlet-night, rates as «night (baseline)»."""
    if not report:
        console.print("no judged nights in the lake for these outlets and days")
        return
    table = Table(title="outlet health: each night against its baseline")
    for col in ("outlet", "day", "articles", "baseline", "change", "empty bodies", "missing titles", "missing dates",
                "verdict"):
        table.add_column(col)

    def rate(h, name: str) -> str:
        value, usual = h.night.rates.get(name), h.base.rates.get(name)
        shown = "–" if value is None else f"{value:.0%}"
        return shown if usual is None else f"{shown} ({usual:.0%})"

    for h in report:
        base = h.base
        usual = (f"{base.articles:g} ({base.volume_nights} {h.night.day:%a})" if base.articles is not None
                 else f"none yet ({base.volume_nights} {h.night.day:%a})")
        change = "" if h.change is None else f"{h.change:+.0%}"
        style = "green" if h.verdict == "ok" else "yellow" if h.night.status == "gate_failed" else "red"
        table.add_row(*map(_cell, (h.outlet, h.night.day.isoformat(), h.night.articles, usual, change,
                                   rate(h, "empty_body"), rate(h, "missing_title"), rate(h, "missing_date"))),
                      Text(for_terminal(h.verdict), style=style))
    console.print(table)


@outlets_app.command("check")
@_user_errors
def outlets_check(slug: Annotated[str, typer.Argument(metavar="SLUG", help="The outlet's slug.")],
                  outlets_dir: OutletsDir = None) -> None:
    """Probe one outlet live: robots.txt, feeds, sitemaps, archive, one sample article."""
    from akhbar.outletcheck import check_outlet, render
    from akhbar.outlets.registry import select_outlets

    cfg = _cfg(outlets_dir=outlets_dir)
    outlet = select_outlets([slug], cfg.outlets_dir, enable=cfg.enabled_outlets)[0]
    cfg.warn_user_agent(_warn)
    report = check_outlet(outlet, user_agent=cfg.scrapy_overrides()["USER_AGENT"])
    console.print(render(_terminal_safe_report(report)))
    if not report.ok:
        raise typer.Exit(1)


if __name__ == "__main__":
    from akhbar.entry import main

    main()
