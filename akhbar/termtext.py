"""Text from pages (titles, URLs, snippets, error messages quoting them) made safe to print on a terminal.

A terminal acts on control characters: ESC starts CSI sequences (colours, cursor moves, clearing the screen) and
OSC sequences (OSC 8 hyperlinks whose target is hidden, window titles), BEL rings, backspace and carriage return
overwrite what was printed, C1 characters (U+0080-U+009F, e.g. U+009B, an 8-bit CSI) are controls to some
terminals too. Every such character is written out as Python writes it (``\\x1b``, ``\\r``, ``\\x9b``), so what is
shown is the archived text, visibly, and nothing acts on the terminal. Everything else is kept, the format
characters of Persian and Arabic text included (ZWNJ U+200C, ZWJ, the directional marks). Rich markup is a
separate matter: the printers hand page text to rich as ``rich.text.Text``, which is never read as markup.

Imports nothing: the lean `akhbar query` (akhbar.quickquery) prints through it before rich is loaded.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: the same with tab and newline: text that must stay on one line (a cell, a field, a URL)
_LINE_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
#: in JSON, C0 controls are escaped already by every encoder; DEL and C1 are not
_JSON_RAW = re.compile("[\x7f-\x9f]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _written_out(found: re.Match[str]) -> str:
    char = found[0]
    return _NAMED.get(char) or f"\\x{ord(char):02x}"


def for_terminal(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character a terminal acts on written out; ``one_line``: tab and newline too."""
    return (_LINE_CONTROLS if one_line else _CONTROLS).sub(_written_out, text)


def json_for_terminal(text: str) -> str:
    """JSON text with DEL and C1 characters as ``\\u00XX`` escapes: the same JSON value, nothing a terminal runs."""
    return _JSON_RAW.sub(lambda found: f"\\u{ord(found[0]):04x}", text)
