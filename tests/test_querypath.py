"""The query path of issue 14: the lean `akhbar query` (same output, errors and help as the typer command,
without loading typer, rich's help, pyarrow or pydantic), views created only for the tables a query names, the
generated column list equal to warehouse/schema.py, and the faster summary SQL equal to the old formulation."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from akhbar import quickquery
from akhbar.warehouse import duck
from akhbar.warehouse.lake import Lake

AKHBAR = Path(sys.executable).with_name("akhbar")
DAY = date(2025, 1, 7)
ROWS = {
    "youm7": [("a1", "أعلنت الحكومة المصرية اليوم عن خطة جديدة"), ("a2", "ارتفاع أسعار الذهب في الأسواق")],
    "fa-payam": [("p1", "دولت\u200cها درباره\u200cی برنامه\u200cی تازه گفت\u200cوگو کردند")],
}


def _fill(lake: Lake) -> None:
    for outlet, rows in ROWS.items():
        lake.replace_partition("articles", DAY, outlet, [
            {"article_id": aid, "url": f"https://{outlet}.example/{aid}", "title": text[:12], "text": text,
             "published_at": datetime(2025, 1, 7, 8, tzinfo=UTC)} for aid, text in rows])


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "1000"}
    env.pop("AKHBAR_DATA_DIR", None)
    return env


def _lean(*args: str) -> subprocess.CompletedProcess:
    """The real console script (the lean path when the arguments parse plainly)."""
    return subprocess.run([str(AKHBAR), *args], capture_output=True, text=True, env=_env(), timeout=120)


def _typer(*args: str) -> subprocess.CompletedProcess:
    """The same command line through the typer app (the lean path told to decline)."""
    code = f"import sys; sys.argv = ['akhbar', *{list(args)!r}]; from akhbar.cli import app; app()"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=120)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("querypath")
    _fill(Lake(str(folder / "lake")))
    return folder


def test_the_lean_entry_knows_the_typer_command_s_formats_and_the_macros_names():
    from akhbar.cli import QueryFormat

    assert quickquery.FORMATS == tuple(f.value for f in QueryFormat)
    import re

    assert duck.MACRO_NAMES == tuple(re.findall(r"\bmacro\s+(?:\w+\.)?(\w+)", duck._macro_sql(), flags=re.I))


@pytest.mark.parametrize(("args", "parsed"), [
    (["select 1"], {"sql": "select 1"}),
    (["select 1", "--data-dir", "d", "--format=csv", "--lake", "s3://b/l"],
     {"sql": "select 1", "data_dir": "d", "fmt": "csv", "lake": "s3://b/l"}),
    (["--format", "json", "--format", "jsonl", "--", "-- a comment\nselect 1"],
     {"sql": "-- a comment\nselect 1", "fmt": "jsonl"}),
    (["--help"], None), (["select 1", "--format", "xml"], None), ([], None), (["a", "b"], None),
    (["select 1", "--data-dir"], None), (["select 1", "--data"], None), (["select 1", "--lake="], None),
])
def test_parse_takes_plain_command_lines_and_leaves_the_rest_to_typer(args: list[str], parsed):
    assert quickquery.parse(args) == parsed


def test_views_only_for_the_tables_a_query_names():
    assert duck.views_named("select 1") == set()
    assert duck.views_named("SELECT count(*) FROM Articles") == {"articles"}
    assert duck.views_named('select * from "articles_unique"') == {"articles_unique", "articles", "duplicates"}
    assert duck.views_named("select * from information_schema.tables") is None
    assert duck.views_named("show tables") is None


def _imports(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


TEXTS = "select outlet, article_id, text from articles order by article_id"
COUNTS = "select outlet, count(*) as n from articles group by 1 order by 1"


@pytest.mark.parametrize(("fmt", "sql"), [("table", TEXTS), ("table", COUNTS), ("json", TEXTS)])
def test_lean_query_prints_what_the_typer_command_prints_without_typer_pyarrow_or_pydantic(data: Path, fmt: str,
                                                                                            sql: str):
    """Persian and Arabic text: rich's table; plain counts: written directly (no rich at all); json: rich."""
    lean = subprocess.run([sys.executable, "-X", "importtime", str(AKHBAR), "query", sql, "--data-dir", str(data),
                           "--format", fmt], capture_output=True, text=True, env=_env(), timeout=120)
    typer = _typer("query", sql, "--data-dir", str(data), "--format", fmt)
    assert lean.returncode == typer.returncode == 0, lean.stderr[-2000:] + typer.stderr
    assert lean.stdout == typer.stdout and typer.stderr == ""
    wanted = ["برنامه\u200cی", "الذهب"] if sql == TEXTS else ["│ youm7    │ 2 │", "│ fa-payam │ 1 │"]
    assert all(w in lean.stdout for w in wanted), lean.stdout
    loaded = _imports(lean.stderr)
    assert ("rich.console" in loaded) == (sql == TEXTS)
    assert {"duckdb", "fsspec", "akhbar.warehouse.duck", "akhbar.quickquery"} <= loaded
    assert not {"typer", "click", "pydantic", "akhbar.outlets.registry"} & loaded
    if fmt == "table":  # the machine formats are akhbar.export's writers, which read batches with pyarrow
        assert not {"pyarrow", "numpy"} & loaded


def test_lean_summary_prints_what_the_typer_command_prints(data: Path):
    for args in (["summary", "--data-dir", str(data)],
                 ["summary", "--outlet", "youm7", "--data-dir", str(data), "--outlet", "youm7", "--outlet=fa-payam"]):
        lean, typer = _lean(*args), _typer(*args)
        assert (lean.returncode, lean.stdout, lean.stderr) == (typer.returncode, typer.stdout, typer.stderr), args
    assert quickquery.parse(["--outlet", "a", "--outlet", "b"], quickquery.SUMMARY_OPTIONS, 0) == {"outlet": ["a", "b"]}
    assert quickquery.parse(["--from", "2025-01-07"], quickquery.SUMMARY_OPTIONS, 0) is None  # typer checks days


def test_lean_query_errors_and_help_are_the_typer_command_s(data: Path):
    for args in (["query", "copy (select 1) to 'x.csv'", "--data-dir", str(data)],  # refused: our error line
                 ["query", "select 1", "--format", "xml"]):  # typer's usage error (the lean path declines)
        lean, typer = _lean(*args), _typer(*args)
        assert (lean.returncode, lean.stdout, lean.stderr) == (typer.returncode, typer.stdout, typer.stderr), args
        assert lean.returncode == 2
    helped = _lean("query", "--help")  # typer's help, complete
    assert helped.returncode == 0
    assert all(word in helped.stdout for word in ("SQL", "--data-dir", "--lake", "--format", "FORMAT"))


# -- the summary: one group-by per outlet-day article instead of three distinct aggregates over a join -------

#: SUMMARY_SQL's article counts as written before (count(distinct …) over articles ⟕ duplicates): the spec
OLD_A = """), a as (
    select a.day, a.outlet, count(distinct a.article_id) as articles,
           count(distinct a.article_id) filter (where d.canonical_id <> a.article_id) as copies,
           count(distinct a.article_id) filter (where a.language_mismatch) as lang_mismatch
    from articles a left join duplicates d using (article_id)
    where a.day between coalesce($first, a.day) and coalesce($last, a.day)
      and (len($outlets) = 0 or list_contains($outlets, a.outlet))
    group by all
"""


def _old_summary_sql() -> str:
    sql = duck.SUMMARY_SQL
    start, end = sql.index("), copy_ids as ("), sql.index("), g as (")
    return sql[:start] + OLD_A + sql[end:]


def test_the_summary_counts_as_the_old_formulation(tmp_path: Path):
    """Rows that make count(distinct) matter: an article fetched twice in one outlet-day (once flagged as a
    language mismatch), an article with two duplicates rows (one naming another canonical), one with none, the
    same article id on two days, a copy whose canonical is in another outlet."""
    lake = Lake(str(tmp_path / "lake"))

    def art(aid: str, text: str, mismatch: bool = False, hour: int = 8) -> dict:
        return {"article_id": aid, "url": f"https://x.example/{aid}/{hour}", "title": text[:10], "text": text,
                "language_mismatch": mismatch, "fetched_at": datetime(2025, 1, 7, hour, tzinfo=UTC)}

    lake.replace_partition("articles", DAY, "fa-payam", [
        art("p1", "دولت برنامه تازه"), art("p1", "دولت برنامه تازه", mismatch=True, hour=9),
        art("p2", "قیمت دلار"), art("p3", "تیم ملی", mismatch=True), art("w1", "خبر")])
    lake.replace_partition("articles", DAY, "youm7", [art("a1", "أعلنت الحكومة"), art("a2", "ارتفاع أسعار الذهب")])
    lake.replace_partition("articles", date(2025, 1, 8), "youm7", [art("a1", "أعلنت الحكومة", mismatch=True)])

    def dup(aid: str, canonical: str) -> dict:
        return {"article_id": aid, "cluster_id": canonical, "canonical_id": canonical, "method": "near",
                "similarity": 0.9}

    lake.replace_partition("duplicates", DAY, "fa-payam", [dup("p1", "p1"), dup("p2", "p2"), dup("p2", "a2"),
                                                          dup("p3", "a1")])
    lake.replace_partition("duplicates", DAY, "youm7", [dup("a1", "a1"), dup("a2", "a2")])
    con = duck.connect(tmp_path)
    for params in ({"first": None, "last": None, "outlets": []},
                   {"first": DAY, "last": DAY, "outlets": ["youm7", "fa-payam"]}):
        new = con.execute(duck.SUMMARY_SQL, params).fetchall()
        assert new == con.execute(_old_summary_sql(), params).fetchall()
    got = {(r[0], r[1]): r[2:5] for r in duck.summary(tmp_path).fetchall()}
    assert got == {("2025-01-07", "fa-payam"): (4, 2, 2), ("2025-01-07", "youm7"): (2, 0, 0),
                   ("2025-01-08", "youm7"): (1, 0, 1)}


# -- a plain table written directly, as rich prints it --------------------------------------------------------

class _Rel:
    def __init__(self, columns: list[str], rows: list[tuple]) -> None:
        self.columns, self._rows = columns, rows

    def fetchall(self) -> list[tuple]:
        return self._rows


def _printed(rel: _Rel, title: str | None, *, direct: bool) -> str:
    """print_relation's output (``direct``) or rich's own Table of the same cells, on a colourless console."""
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=io.StringIO(), width=120)
    if direct:
        quickquery.print_relation(console, rel, "table", title)
        return console.file.getvalue()
    table = Table(title=title)
    for c in rel.columns:
        table.add_column(c)
    for r in rel.fetchall():  # Text: page text is never read as markup (tests/test_faults_shell.py)
        table.add_row(*[Text("" if v is None else str(v)) for v in r])
    console.print(table)
    return console.file.getvalue()


@pytest.mark.parametrize(("columns", "rows", "title"), [
    (["day", "outlet", "articles"], [("2025-01-01", "ar-outlet0", 274), ("2025-01-02", "fa", None)], "summary"),
    (["n"], [(1,), (22,)], "summary"), (["count_star()"], [(3,)], None), (["a", "bb"], [("x" * 30, 1)], "ttl"),
    (["text"], [("دولت\u200cها",)], None), (["t"], [("[bold]x[/bold]",)], None), (["t"], [(":smile:",)], None),
    (["wide"], [("y" * 130,)], None), (["empty"], [], "summary"),
])
def test_the_direct_table_is_rich_s_table(columns: list[str], rows: list[tuple], title: str | None):
    """Where the direct path applies it prints rich's bytes; elsewhere (Persian text, too wide, no rows) it leaves
    the table to rich. Markup and emoji codes are plain text on both paths."""
    rel = _Rel(columns, rows)
    assert _printed(rel, title, direct=True) == _printed(rel, title, direct=False)
    cells = [["" if v is None else str(v) for v in r] for r in rows]
    direct = quickquery.plain_table(columns, cells, title, 120) is not None
    assert direct == (columns[0] in ("day", "count_star()", "a", "t")), columns  # ["n"]: its title is wider
