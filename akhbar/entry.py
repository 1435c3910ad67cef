"""The `akhbar` console script: a plain `akhbar query …` or `akhbar summary …` runs on the lean path
(akhbar.quickquery: no typer, pydantic or rich to import, ~0.5 s of start-up saved) and anything else on the typer
app (akhbar.cli). Importing either module runs nothing."""

from __future__ import annotations

import sys


def main() -> None:
    from akhbar import quickquery

    code = quickquery.main()
    if code is not None:
        sys.exit(code)
    from akhbar.cli import app

    app()
