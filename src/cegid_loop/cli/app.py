"""The `cegid-loop` Typer application; each command lives in its own module of this package."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="cegid-loop",
    help="Client, sandbox, validator and drift detector for the Cegid Loop public APIs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
