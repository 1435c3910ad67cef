"""CLI polish: `akhbar --version`; every command's help shows real metavars (DATE, PATH, SLUG…, never typer's
<str>/<bool> or click's TEXT) and documents every option."""

from __future__ import annotations

import re
from importlib.metadata import version

import click
import pytest
import typer
from typer.core import TyperArgument, TyperOption
from typer.testing import CliRunner

from akhbar.cli import app

runner = CliRunner()
#: what a help screen must not show: typer's Python-type labels and click's default metavars
TYPE_LABELS = re.compile(r"<(?:str|bool|int|float|path|list\[[a-z]+\])>|\b(?:TEXT|INTEGER|FLOAT|BOOLEAN)\b")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        out.append((path, cmd))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, path)
    return out


COMMANDS = _commands(typer.main.get_command(app))


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"akhbar {version('akhbar')}"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_option_is_documented_with_a_metavar(path: tuple[str, ...], command: click.Command):
    for param in command.params:
        if isinstance(param, TyperOption | click.Option):
            assert param.help, f"akhbar {' '.join(path)} {param.opts[0]} has no help"
            if not (param.is_flag or param.count):
                assert param.metavar and param.metavar.isupper(), (
                    f"akhbar {' '.join(path)} {param.opts[0]}: metavar {param.metavar!r}, want e.g. DATE, PATH, SLUG")
        elif isinstance(param, TyperArgument | click.Argument):
            assert param.metavar and param.metavar.isupper(), f"akhbar {' '.join(path)} {param.name}: no metavar"
    result = runner.invoke(app, [*path, "--help"], terminal_width=120)
    assert result.exit_code == 0, result.output
    assert not TYPE_LABELS.search(result.stdout), TYPE_LABELS.search(result.stdout)[0]
