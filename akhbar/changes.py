"""An article's versions and what changed between two of them: ``akhbar versions``, ``akhbar diff`` and
``Archive.versions`` (docs/revisits.md).

Version 1 is the ``articles`` row (the first capture, what was published that day); 2, 3, … are the
``article_versions`` rows revisits added. The diff is word by word over the headline and each paragraph, on the
text as published (not normalised), so a reader sees the outlet's own words. In a terminal, removed words are
shown struck through in red and added words underlined in green, each paragraph on its own line isolated as
right-to-left (U+2067 … U+2069) so a terminal that applies the bidi algorithm keeps Persian and Arabic in order;
``--html`` writes the two versions side by side in a ``dir="rtl"`` page.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from html import escape
from typing import Any

from akhbar.warehouse.duck import query, sql_string

#: the columns of a version, in the order ``akhbar versions`` shows them
VERSION_COLUMNS = ("version", "state", "events", "fetched_at", "http_status", "title", "change_summary",
                   "replay_url")
_RLI, _PDI = "\u2067", "\u2069"


class Op(StrEnum):
    SAME = "same"
    REMOVED = "removed"
    ADDED = "added"


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


def versions(data_dir: Any, article_id: str, lake_uri: str | None = None, *,
             replay_base: str | None = None) -> list[dict[str, Any]]:
    """Every version of an article, oldest first (version 1: the articles row); empty when the id is unknown.
    Each has its replay address (pywb serves a capture by its timestamp)."""
    aid = sql_string(article_id)
    base = f", base := {sql_string(replay_base)}" if replay_base else ""
    sql = f"""
        with first as (
            select 1 as version, 'live' as state, []::varchar[] as events, fetched_at, http_status, url, title,
                   text, authors, modified_at, 'first capture' as change_summary, warc_file, warc_offset
            from articles where article_id = {aid}
            qualify row_number() over (order by fetched_at) = 1
        ), later as (
            select version, state, events, fetched_at, http_status, url, title, text, authors, modified_at,
                   change_summary, warc_file, warc_offset
            from article_versions where article_id = {aid}
        )
        select *, replay_url(warc_file, fetched_at, url{base}) as replay_url
        from (select * from first union all by name select * from later) order by version"""
    rel = query(data_dir, sql, lake_uri)
    return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()] if rel is not None else []


def word_diff(old: str, new: str) -> list[Piece]:
    """The words of ``new`` against ``old``: same, removed and added runs, in reading order."""
    a, b = old.split(), new.split()
    out: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(Piece(Op.SAME, " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Piece(Op.REMOVED, " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(Piece(Op.ADDED, " ".join(b[j1:j2])))
    return out


def paragraph_diff(old: str | None, new: str | None) -> list[list[Piece]]:
    """Paragraph by paragraph (aligned by difflib), each a word diff; a paragraph only on one side is all
    removed or all added."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    out: list[list[Piece]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += [[Piece(Op.SAME, p)] for p in a[i1:i2]]
        elif op == "replace":
            pairs = list(zip(a[i1:i2], b[j1:j2], strict=False))
            out += [word_diff(x, y) for x, y in pairs]
            out += [[Piece(Op.REMOVED, p)] for p in a[i1 + len(pairs):i2]]
            out += [[Piece(Op.ADDED, p)] for p in b[j1 + len(pairs):j2]]
        elif op == "delete":
            out += [[Piece(Op.REMOVED, p)] for p in a[i1:i2]]
        else:
            out += [[Piece(Op.ADDED, p)] for p in b[j1:j2]]
    return out


def changed_only(paragraphs: list[list[Piece]]) -> list[list[Piece]]:
    return [p for p in paragraphs if any(piece.op is not Op.SAME for piece in p)]


def terminal_lines(pieces: list[Piece]) -> Any:
    """One paragraph as a rich Text: removed words red and struck, added green and underlined, isolated RTL."""
    from rich.text import Text

    from akhbar.termtext import for_terminal

    style = {Op.SAME: "", Op.REMOVED: "red strike", Op.ADDED: "green underline"}
    marks = {Op.SAME: ("", ""), Op.REMOVED: ("[-", "-]"), Op.ADDED: ("{+", "+}")}
    line = Text(_RLI)
    for n, piece in enumerate(pieces):
        if n:
            line.append(" ")
        left, right = marks[piece.op]  # markers too, for a terminal (or a pipe) that shows no colour
        line.append(f"{left}{for_terminal(piece.text, one_line=True)}{right}", style=style[piece.op])
    line.append(_PDI)
    return line


def html_page(article_id: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """The two versions side by side (removed words marked in the old column, added words in the new one)."""
    def column(version: dict[str, Any], keep: Op) -> str:
        title = word_diff(old.get("title") or "", new.get("title") or "")
        body = paragraph_diff(old.get("text"), new.get("text"))
        head = _html_pieces(title, keep)
        paras = "".join(f"<p>{_html_pieces(p, keep)}</p>" for p in body if _html_pieces(p, keep))
        return (f'<td><div class="meta">version {version["version"]} · {escape(str(version.get("fetched_at")))} · '
                f'{escape(version.get("state") or "")}</div><h1>{head}</h1>{paras}</td>')

    return ("<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(article_id)}: version {old['version']} → {new['version']}</title><style>"
            "table{width:100%;border-collapse:collapse}td{vertical-align:top;width:50%;padding:1em;"
            "border:1px solid #ccc}del{background:#fdd}ins{background:#dfd;text-decoration:none}"
            ".meta{color:#666;font-size:small}</style></head><body>"
            f"<p>{escape(new.get('change_summary') or '')}</p><table><tr>"
            f"{column(old, Op.REMOVED)}{column(new, Op.ADDED)}</tr></table></body></html>\n")


def _html_pieces(pieces: list[Piece], keep: Op) -> str:
    tag = {Op.REMOVED: "del", Op.ADDED: "ins"}
    out = []
    for p in pieces:
        if p.op is Op.SAME:
            out.append(escape(p.text))
        elif p.op is keep:
            out.append(f"<{tag[keep]}>{escape(p.text)}</{tag[keep]}>")
    return " ".join(out)
