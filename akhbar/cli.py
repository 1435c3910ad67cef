"""The `akhbar` command."""

import typer

app = typer.Typer(help="Crawl, archive and query Persian and Arabic news.", no_args_is_help=True)
