"""What an outlet writes never acts on the terminal (issue 24): titles, texts and URLs carrying rich markup and
terminal control sequences, through every command that prints them (the real `akhbar`, lean and typer paths),
without colour and with it. Tables and fields show the archived text with its controls written out (\\x1b …);
csv, jsonl and json keep it exactly; Persian and Arabic text prints as it is, ZWNJ kept."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from faultkit import report

from akhbar.termtext import for_terminal, json_for_terminal
from akhbar.transforms.normalize import normalize_text
from akhbar.warehouse.lake import Lake

pytestmark = pytest.mark.faults
AKHBAR = str(Path(sys.executable).parent / "akhbar")
DAY = date(2025, 1, 7)
ZWNJ = "\u200c"
PERSIAN = f"دولت{ZWNJ}ها درباره{ZWNJ}ی برنامه{ZWNJ}ی تازه گفت{ZWNJ}وگو کردند"
ARABIC = "أعلنت الحكومة المصرية اليوم عن خطة جديدة"
#: article id -> a hostile title (each also carries a word every search below finds)
HOSTILE = {
    "close-tag": f"خبر [/b] فوری {PERSIAN}",
    "link": "[link=http://evil.example/]اینجا[/link] را ببینید",
    "restyle": "[bold red]هشدار[/bold red] [/]",
    "emoji-code": ":warning: :smile: عنوان",
    "csi": "clear\x1b[2J\x1b[Hscreen\x1b[31m red",
    "osc8": "\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07 here \x1b]0;window title\x07",
    "bel-bs-cr": "ring\x07 back\x08\x08xx over\rwritten",
    "c1": "eight-bit\x9b31m csi \x9d0;title\x9c \x85next",
    "arabic": ARABIC,
}
#: a URL as hostile as the titles (the replay_url line of `akhbar show` prints it)
HOSTILE_URL = "https://x.example/a\x1b]8;;http://evil.example/\x07b"
WORD = "گزارش"
#: what a terminal acts on: C0 controls but tab and newline, DEL, C1 controls
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: with colour, rich's own escape sequences are SGR only (ESC [ … m); any other ESC came from a page
NOT_SGR = re.compile(r"\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]")


def _env(colour: bool = False) -> dict[str, str]:
    """Wide output (no wrapping of the titles), without colour or (``colour``) as on a 256-colour terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("AKHBAR_DATA_DIR", "AKHBAR_LAKE_URI", "NO_COLOR",
                                                              "FORCE_COLOR")}
    return {**env, "COLUMNS": "1000", **({"FORCE_COLOR": "1", "TERM": "xterm-256color"} if colour
                                        else {"NO_COLOR": "1", "TERM": "dumb"})}


def akhbar(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real command; its output decoded as it is (no newline translation: a page's CR stays a CR)."""
    proc = subprocess.run([AKHBAR, *args], capture_output=True, env=env or _env(), timeout=180)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def typer_path(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The same command line through the typer app (the lean `akhbar query` told to decline)."""
    code = ("import sys; import akhbar.quickquery as q; q._running = True; "
            f"sys.argv = ['akhbar', *{list(args)!r}]; from akhbar.cli import app; app()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env or _env(), timeout=180)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-titles")
    at = datetime(2025, 1, 7, 8, tzinfo=UTC)
    rows = []
    for aid, title in HOSTILE.items():
        text = f"{title}\n{WORD} {PERSIAN if aid != 'arabic' else ARABIC}"
        rows.append({"article_id": aid, "url": HOSTILE_URL if aid == "osc8" else f"https://x.example/{aid}",
                     "title": title, "text": text, "text_norm": normalize_text(text),
                     "language": "ar" if aid == "arabic" else "fa", "published_at": at, "fetched_at": at,
                     "authors": [title], "warc_file": "day=2025-01-07/outlet=fa-payam/r.warc.gz", "warc_offset": 0})
    Lake(str(folder / "lake")).replace_partition("articles", DAY, "fa-payam", rows)
    return folder


def _shown(title: str) -> str:
    """The title as a table shows it."""
    return for_terminal(title)


def _clean(proc: subprocess.CompletedProcess, pattern: re.Pattern[str] = CONTROLS) -> str:
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-3000:])
    assert "Traceback" not in proc.stderr and "MarkupError" not in proc.stderr, proc.stderr[-3000:]
    found = pattern.findall(proc.stdout + proc.stderr)
    assert not found, sorted(set(found))
    return proc.stdout


QUERY = "select article_id, title from articles order by article_id"


@pytest.mark.parametrize("path", ["lean", "typer"])
def test_query_tables_show_titles_as_archived(data: Path, path: str):
    args = ("query", QUERY, "--data-dir", str(data))
    out = _clean(akhbar(*args) if path == "lean" else typer_path(*args))
    for title in HOSTILE.values():
        assert _shown(title) in out, title
    assert PERSIAN in out and ARABIC in out  # ZWNJ kept, Arabic as it is
    assert "\\x1b]8;;http://evil.example/\\x07click" in out and "[link=http://evil.example/]" in out
    if path == "lean":  # the lean path prints the typer command's bytes
        assert out == typer_path(*args).stdout


def test_search_trend_and_show_print_page_text_safely(data: Path):
    found = _clean(akhbar("search", WORD, "--data-dir", str(data), "--limit", "50"))
    assert f"{len(HOSTILE)} results" in found
    for title in HOSTILE.values():
        assert _shown(title) in found, title
    trend = _clean(akhbar("trend", f"{WORD} [/b]", "--data-dir", str(data)))  # the term is in the table's title
    assert f"{WORD} [/b] per day" in trend
    for aid, title in HOSTILE.items():  # the title over the table, wrapped to its width
        shown = _clean(akhbar("show", aid, "--data-dir", str(data)))
        assert re.sub(r"\s+", "", _shown(title)) in re.sub(r"\s+", "", shown), shown
    replay_line = _clean(akhbar("show", "osc8", "--data-dir", str(data))).splitlines()[-1]
    assert replay_line.startswith("replay_url: http://127.0.0.1:8090/akhbar/20250107080000/https://x.example/a"
                                  "\\x1b]8;;http://evil.example/\\x07b")
    report("page text with rich markup and terminal controls", f"{len(HOSTILE)} titles through query (lean, typer), "
           "search, trend, show", "exit 0, no MarkupError, 0 control characters printed", len(HOSTILE))


@pytest.mark.parametrize("command", [
    ("query", QUERY), ("query", "select title, text from articles order by article_id", "--format", "json"),
    ("search", WORD, "--limit", "50"), ("show", "osc8"), ("show", "close-tag")])
def test_with_colour_only_rich_s_own_sgr_codes_are_printed(data: Path, command: tuple[str, ...]):
    """A terminal (FORCE_COLOR): rich colours the output with SGR codes; nothing else reaches the terminal."""
    out = _clean(akhbar(*command, "--data-dir", str(data), env=_env(colour=True)), NOT_SGR)
    assert "\x1b[" in out  # coloured indeed
    assert PERSIAN in re.sub(r"\x1b\[[0-9;]*m", "", out) or command[0] == "show"


def test_machine_formats_keep_the_archived_text_exactly(data: Path):
    sql = "select article_id, title, text from articles order by article_id"
    rows = {aid: title for aid, title in HOSTILE.items()}
    as_csv = akhbar("query", sql, "--data-dir", str(data), "--format", "csv")
    assert as_csv.returncode == 0, as_csv.stderr
    assert all(title in as_csv.stdout for title in rows.values())  # byte for byte
    # a bare CR is left unquoted by akhbar.export's csv.writer (its line terminator is LF), so a reader splits
    # that row: compared where the text has none
    parsed = list(csv.DictReader(io.StringIO(as_csv.stdout, newline="")))
    whole = {aid: title for aid, title in rows.items() if "\r" not in title}
    assert {r["article_id"]: r["title"] for r in parsed if r["article_id"] in whole} == whole
    as_jsonl = akhbar("query", sql, "--data-dir", str(data), "--format", "jsonl")
    assert {r["article_id"]: r["title"] for r in map(json.loads, as_jsonl.stdout.split("\n")[:-1])} == rows
    for path in (akhbar, typer_path):
        as_json = path("query", sql, "--data-dir", str(data), "--format", "json")
        assert not CONTROLS.findall(as_json.stdout)  # C1 and DEL as \u00XX escapes, C0 escaped by JSON itself
        assert {r["article_id"]: r["title"] for r in json.loads(as_json.stdout)} == rows
        assert all(r["text"].startswith(r["title"]) for r in json.loads(as_json.stdout))
    report("machine formats of hostile titles", "csv, jsonl, json (lean and typer)",
           "the archived text exactly (json: C1/DEL as \\u00XX escapes)", len(rows))


def test_an_error_quoting_a_title_is_written_out(data: Path):
    """DuckDB's message quotes the value it could not cast: the error line shows it, controls written out."""
    proc = akhbar("query", "select cast(title as integer) from articles where article_id = 'csi'",
                  "--data-dir", str(data))
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr
    assert not CONTROLS.findall(proc.stderr) and _shown(HOSTILE["csi"]) in proc.stderr


def test_for_terminal_writes_out_controls_and_keeps_every_other_character():
    controls = [chr(c) for c in (*range(0x20), 0x7f, *range(0x80, 0xa0))]
    for char in controls:
        shown = for_terminal(f"a{char}b", one_line=True)
        assert not CONTROLS.search(shown) and "\n" not in shown and "\t" not in shown and len(shown) > 3, repr(char)
    assert for_terminal("a\tb\nc") == "a\tb\nc" and for_terminal("a\tb\nc", one_line=True) == "a\\tb\\nc"
    assert for_terminal("\x1b[31m\x9b\r\x07") == "\\x1b[31m\\x9b\\r\\x07"
    # Persian and Arabic, their format characters (ZWNJ, ZWJ, LRM, RLM, ALM) and markup-like text: unchanged
    kept = f"{PERSIAN} {ARABIC} \u200d\u200e\u200f\u061c [/b] :smile: ۱۲۳ ١٢٣"
    assert for_terminal(kept, one_line=True) == kept
    assert json.loads(json_for_terminal(json.dumps("a\x9b\x7fb\x1b", ensure_ascii=False))) == "a\x9b\x7fb\x1b"


def test_fetch_prints_a_hostile_page_s_fields_safely(testweb, testweb_outlets, tmp_path: Path):
    """`akhbar fetch` of a live page whose title, author and text carry markup and controls: the fields are printed
    as --json gives them (extraction keeps C1 characters and markup; lxml drops most C0), written out."""
    site = next(s for s in testweb.sites if s.slug.startswith("fa-"))
    title = f"{HOSTILE['c1']} {HOSTILE['osc8']} {HOSTILE['close-tag']}"
    html = (f'<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="author" content="{HOSTILE["link"]}\x9b2J"></head><body><article><h1>{title}</h1>'
            + "".join(f"<p>{PERSIAN} {HOSTILE['bel-bs-cr']} {HOSTILE['restyle']} {n}</p>" for n in range(8))
            + "</article></body></html>")
    path = "/fa/news/2025/01/07/hostile-title"
    testweb.set_fault(site.slug, path, "raw", body=html, content_type="text/html; charset=utf-8")
    try:
        args = ("fetch", testweb.url(site.slug, path), "--data-dir", str(tmp_path), "--outlets-dir",
                str(testweb_outlets))
        fields = json.loads(akhbar(*args, "--json").stdout)
        out = _clean(akhbar(*args))
    finally:
        testweb.clear_faults()
    assert "\x9b" in fields["title"] and "[/b]" in fields["title"]  # what the page gave survived extraction
    assert f"title: {for_terminal(fields['title'], one_line=True)}\n" in out, out
    assert f"authors: {for_terminal(', '.join(fields['authors']), one_line=True)}\n" in out, out
    assert "[bold red]هشدار[/bold red]" in out and PERSIAN in out
    report("a hostile page fetched", "akhbar fetch of a page with C1, OSC 8, BEL/BS/CR and markup in title, "
           "author and text", "exit 0, fields as --json gives them, written out; 0 control characters printed", 1)


def test_outlets_check_shows_probe_details_written_out(testweb_outlets: Path):
    """`akhbar outlets check` prints what a live site answered (a sample article's title, a server's reason)."""
    from rich.console import Console

    from akhbar.cli import _terminal_safe_report
    from akhbar.outletcheck import CheckReport, Probe, render
    from akhbar.outlets.registry import select_outlets

    outlet = select_outlets(["fa-payam"], testweb_outlets)[0]
    probes = [Probe("article", f"https://x.example/{HOSTILE['osc8']}", True, HOSTILE["c1"] + " " + PERSIAN, 200),
              Probe("feed", "https://x.example/rss", False, HOSTILE["csi"], 503)]
    console = Console(file=io.StringIO(), width=400, force_terminal=True, color_system="256")
    console.print(render(_terminal_safe_report(CheckReport(outlet, probes))))
    printed = console.file.getvalue()
    assert not NOT_SGR.findall(printed) and PERSIAN in printed and for_terminal(HOSTILE["csi"]) in printed
