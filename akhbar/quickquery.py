"""`akhbar query` without typer: the query path loads DuckDB, fsspec (the confined reader) and the settings only.

typer with its adapters (click, pydantic) and rich are ~0.5–0.8 s of imports, more than the whole start-up
budget of `akhbar query` (issue 14: ≤ 0.3 s). The console script imports ``akhbar.cli``, whose first import is
this module: for an ``akhbar query`` whose arguments parse plainly (one SQL, ``--data-dir``, ``--lake``,
``--format`` with a valid value) the query runs here and the process exits before typer loads. Anything else
(``--help``, an unknown option, a missing or bad value, a second argument) returns to the typer command, which
answers with its own help or usage error, so the options and errors are the typer command's by construction.
Errors of the query itself print the typer command's one line (``describe``, shared) with exit code 2.
``akhbar summary`` with ``--data-dir``, ``--lake`` and ``--outlet`` only runs here the same way (with ``--from`` or
``--to`` typer checks the days).
"""

from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path
from typing import Any

#: `akhbar query --format` values (akhbar.cli.QueryFormat; tests/test_querypath.py keeps them equal)
FORMATS = ("table", "csv", "json", "jsonl")
#: the command's options that take a value, by the parameter name of akhbar.cli.query
OPTIONS = {"--data-dir": "data_dir", "--lake": "lake", "--format": "fmt"}
#: `akhbar summary`'s, without --from/--to (their day checks are the typer command's: it answers those)
SUMMARY_OPTIONS = {"--data-dir": "data_dir", "--lake": "lake", "--outlet": "outlet"}
_running = False
#: OSError numbers that mean the disk (or the user's quota, or a file size limit) is full
DISK_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def parse(args: list[str], options: dict[str, str] = OPTIONS, positionals: int = 1) -> dict[str, Any] | None:
    """The arguments after ``query`` (or with SUMMARY_OPTIONS and no positional, ``summary``) as the typer
    command reads them, or None when typer must answer. ``outlet`` repeats: a list."""
    found: dict[str, Any] = {}
    positional: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            positional += rest
            break
        if arg == "-" or not arg.startswith("-"):
            positional.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name not in options:
            return None  # --help, an unknown or abbreviated option: typer's help or usage error
        if not eq:
            if not rest or rest[0].startswith("-"):
                return None  # typer says what is missing (or takes the dash-led value: it knows best)
            value = rest.pop(0)
        if not value:
            return None
        if options[name] == "outlet":
            found.setdefault("outlet", []).append(value)
        else:
            found[options[name]] = value  # repeated: the last one wins, as in click
    if len(positional) != positionals or found.get("fmt", "table") not in FORMATS:
        return None
    return {"sql": positional[0], **found} if positionals else found


def print_relation(console: Any, rel: Any, fmt: str = "table", title: str | None = None) -> None:
    """A result on ``console`` (a rich Console; None: akhbar.cli's stdout console, made only if rich is needed):
    a table, or for machines csv, json, jsonl. A table shows text from pages written out where a terminal would act
    on it (akhbar.termtext), never read as rich markup; csv and jsonl keep it exactly, json as JSON escapes."""
    if rel is None:
        return
    if fmt in ("csv", "jsonl", "json"):  # machine formats: akhbar.export's writers (lists, blobs, UTC, LF)
        from akhbar.export import json_text, relation_reader, write_reader

        if fmt == "json":
            print_json(console or stdout_console(), json_text(relation_reader(rel, "jsonl")))
        else:
            write_reader(relation_reader(rel, fmt), fmt, "-")
        return
    from akhbar.termtext import for_terminal

    cols = [for_terminal(c) for c in rel.columns]
    rows = rel.fetchall()
    cells = [["" if v is None else for_terminal(str(v)) for v in r] for r in rows]
    title = None if title is None else for_terminal(title, one_line=True)
    if console is None:
        from akhbar.settings import piped_width

        width, file = piped_width(sys.stdout.isatty()), sys.stdout
    else:
        width, file = (console.width if console.color_system is None else None), console.file
    plain = plain_table(cols, cells, title, width) if width is not None else None
    if plain is not None:
        file.write(plain)
        file.flush()
        return
    print_table(console or stdout_console(), cols, cells, title)


def print_table(console: Any, cols: list[str], cells: list[list[str]], title: str | None = None) -> None:
    """rich's default Table of these (already terminal-safe) texts, each a ``Text``: never read as markup or emoji
    codes (a title «[/b]» used to stop the command with MarkupError, «[link=…]» printed a hidden hyperlink)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=table_title(title))
    for c in cols:
        table.add_column(Text(c))
    for r in cells:
        table.add_row(*map(Text, r))
    console.print(table)


def table_title(title: str | None) -> Any:
    """A table's title as a ``Text`` in rich's title style (a Text title is never markup, nor styled by rich)."""
    from rich.text import Text

    return None if title is None else Text(title, style="table.title")


def print_json(console: Any, text: str) -> None:
    """What rich's ``print_json`` prints (indented, highlighted), with DEL and C1 characters as JSON escapes: the
    same JSON value, nothing a terminal acts on (JSON encoders escape C0 controls, not those)."""
    import json

    from rich.highlighter import JSONHighlighter
    from rich.text import Text

    from akhbar.termtext import json_for_terminal

    shown = JSONHighlighter()(Text(json_for_terminal(json.dumps(json.loads(text), indent=2, ensure_ascii=False))))
    shown.no_wrap, shown.overflow = True, None
    console.print(shown, soft_wrap=True)


def plain_table(cols: list[str], cells: list[list[str]], title: str | None, width: int) -> str | None:
    """rich's default Table of these cells as rich prints it without colour, written directly: rich measures
    and renders every cell (3.6 s for `akhbar summary`'s 3,650 rows of a year). None when rich could render it
    otherwise: no rows, a cell that is not plain printable ASCII (wide or joining characters) or a table wider than
    ``width`` (rich wraps). Markup and emoji codes are plain text here as in print_table, whose cells are ``Text``.
    tests/test_querypath.py compares it with rich."""
    texts = [*cols, *(c for row in cells for c in row)]
    if not cells or not cols or any(not t.isascii() or not t.isprintable() for t in texts):
        return None
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    total = sum(widths) + 3 * len(widths) + 1
    if total > width or (title and len(title) > total):
        return None

    def line(left: str, fill: str, mid: str, right: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + right

    def row(edge: str, values: list[str]) -> str:
        return edge + edge.join(f" {v.ljust(w)} " for v, w in zip(values, widths, strict=True)) + edge

    out = []
    if title:
        left = (total - len(title)) // 2
        out.append(" " * left + title + " " * (total - len(title) - left))
    out += [line("┏", "━", "┳", "┓"), row("┃", cols), line("┡", "━", "╇", "┩")]
    out += [row("│", values) for values in cells]
    out.append(line("└", "─", "┴", "┘"))
    return "\n".join(out) + "\n"


def stdout_console() -> Any:
    """The console akhbar.cli prints results on."""
    from rich.console import Console

    from akhbar.settings import console_width

    return Console(width=console_width(sys.stdout.isatty()))


def run(opts: dict[str, Any], command: str = "query") -> int:
    """Run a parsed ``akhbar query`` (or ``summary``): its exit code. A query runs in a child under
    AKHBAR_QUERY_MEMORY and AKHBAR_QUERY_TIMEOUT (akhbar.bounded); this process imports neither DuckDB nor rich
    unless it must print an error."""
    from akhbar.settings import Settings

    data_dir = Path(opts["data_dir"]) if "data_dir" in opts else None
    try:
        cfg = Settings.from_env()
    except ValueError as exc:  # as the typer callback: a malformed AKHBAR_* variable
        return _fail(str(exc))
    cfg = cfg.with_options(data_dir=data_dir, lake_uri=opts.get("lake"))
    if command == "summary":
        return _run_here(opts, command, cfg, data_dir)
    from akhbar import bounded

    done = bounded.run(lambda: _run_here(opts, command, cfg, data_dir), bounded.Limits.of(cfg, "query"))
    return _fail(done.message) if done.message else done.code


def _run_here(opts: dict[str, Any], command: str, cfg: Any, data_dir: Path | None) -> int:
    """The query or summary itself, its result printed; an error: its one line, exit code 2."""
    import duckdb

    from akhbar.settings import check_lake
    from akhbar.warehouse.duck import QueryRefused
    from akhbar.warehouse.duck import query as run_query
    from akhbar.warehouse.duck import summary as run_summary
    from akhbar.warehouse.locks import PartitionBusy

    try:
        check_lake(cfg.lake_uri, writes=False)  # as the typer commands: an S3 lake without credentials is one line
        if command == "summary":  # as akhbar.cli.summary without --from/--to; --outlet once each, in order
            outlets = list(dict.fromkeys(opts.get("outlet", ())))
            rel = run_summary(cfg.data_dir, cfg.lake_uri, memory_limit=cfg.query_memory, outlets=outlets)
            print_relation(None, rel, title="summary")
        else:
            rel = run_query(cfg.data_dir, opts["sql"], cfg.lake_uri, timeout=cfg.query_timeout,
                            memory_limit=cfg.query_memory)
            print_relation(None, rel, opts.get("fmt", "table"))
    except (PartitionBusy, QueryRefused, PermissionError, OSError, ValueError,
            duckdb.Error) as exc:
        if isinstance(exc, BrokenPipeError):
            return 1  # as click: the reader went away
        return _fail(exc, data_dir or cfg.data_dir)
    return 0


def describe(exc: Exception, data_dir: Path | None) -> str:
    """An error line's text (every akhbar command's); a full disk names where it was writing (a failed write()
    has no filename)."""
    if isinstance(exc, OSError) and exc.errno in DISK_FULL:
        where = exc.filename or data_dir or "the data dir"
        return f"disk full while writing {where}: {exc.strerror or exc} (errno {errno.errorcode[exc.errno]})"
    # DuckDB reports a failed write of its database file in the message only
    for number in DISK_FULL:
        found = re.search(rf'Could not write file "([^"]+)": {re.escape(os.strerror(number))}', str(exc))
        if found:
            return f"disk full while writing {found[1]}: {os.strerror(number)} (errno {errno.errorcode[number]})"
    return str(exc)


def _fail(error: str | Exception, data_dir: Path | None = None) -> int:
    """The typer command's one error line (akhbar.cli._fail prints the same), exit code 2."""
    from rich.console import Console
    from rich.markup import escape

    from akhbar.termtext import for_terminal

    message = error if isinstance(error, str) else describe(error, data_dir)
    Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {escape(for_terminal(message))}", highlight=False)
    return 2


def main(argv: list[str] | None = None) -> int | None:
    """Run ``akhbar query …`` or ``akhbar summary …`` here if its arguments parse plainly; None: leave it (and
    anything else) to typer."""
    global _running
    args = sys.argv[1:] if argv is None else argv
    if _running or not args or args[0] not in ("query", "summary"):
        return None
    opts = parse(args[1:]) if args[0] == "query" else parse(args[1:], SUMMARY_OPTIONS, 0)
    if opts is None:
        return None
    _running = True
    try:
        return run(opts, args[0])
    except KeyboardInterrupt:
        print("\nAborted!", file=sys.stderr)  # as click
        return 1
    except BrokenPipeError:  # the reader of the relayed output went away
        return 1
    finally:
        _running = False
#: OSError numbers that mean the disk (or the user's quota, or a file size limit) is full
DISK_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})

