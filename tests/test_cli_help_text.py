"""Help screens as a user reads them: typer prints a docstring's single newlines as they are, so a command's
summary (its docstring's first paragraph) is one line, or `akhbar --help` breaks it mid-sentence."""

from __future__ import annotations

import typer.main

from akhbar.cli import app


def _commands(command, path: str = "akhbar"):
    if hasattr(command, "commands"):  # a group: its subcommands
        for name, sub in command.commands.items():
            yield from _commands(sub, f"{path} {name}")
    else:
        yield path, command


def test_every_command_summary_is_one_line():
    found = dict(_commands(typer.main.get_command(app)))
    assert len(found) > 10 and "akhbar summary" in found and "akhbar search" in found
    broken = {path: c.help for path, c in found.items() if "\n" in (c.help or "").strip().split("\n\n")[0]}
    assert not broken, broken
