"""The help screens' type column: the metavar an option names (DATE, PATH, SLUG, URL, SQL…), not typer's
``<str>``/``<bool>``.

typer 0.29 prints each parameter's Python type in its rich help (``--data-dir <path>``, ``--json <bool>``,
``SQL <str>``). An option's column shows its metavar instead; a flag takes no value, so it shows nothing; an
argument's metavar is already its name in the first column (and ``{SQL}`` in the usage line), so its type column
is left empty too. Options without a metavar keep typer's label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typer.core import TyperArgument, TyperOption

if TYPE_CHECKING:  # typer 0.29 carries its own click (typer._click); the standalone click is not a dependency
    from typer import Context

_option_type = TyperOption.display_type_rich


def _argument_type(self: TyperArgument, ctx: Context) -> str | None:
    return None


def _option_type_column(self: TyperOption, ctx: Context) -> str | None:
    if self.is_flag or self.count:
        return None
    return _option_type(self, ctx)


def install() -> None:
    """Show metavars in every help screen of this process (idempotent)."""
    TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]
    TyperOption.display_type_rich = _option_type_column  # type: ignore[method-assign]
