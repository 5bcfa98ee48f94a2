"""`cegid-loop --version` and `cegid-loop spec`."""

from __future__ import annotations

import sys

import typer

from cegid_loop import _version, spec
from cegid_loop.cli.app import app


def _print_version(value: bool) -> None:
    if value:
        typer.echo(_version.describe())
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Show versions and exit."
    ),
    deadline: float | None = typer.Option(
        None,
        "--deadline",
        min=0.0,
        help="Seconds each API call may take, retries included (default $LOOP_DEADLINE, else 120; 0: none).",
        show_default=False,
    ),
) -> None:
    """Client, sandbox, validator and drift detector for the Cegid Loop public APIs."""
    from cegid_loop.cli._common import SETTINGS

    SETTINGS.deadline = deadline


@app.command("spec")
def print_spec(
    effective: bool = typer.Option(
        False,
        "--effective/--upstream",
        help="--upstream: the definition as the portal documents it; --effective: with overrides/ applied.",
    ),
) -> None:
    """Print the vendored Loop API definition (YAML)."""
    sys.stdout.write(spec.read_text(spec.EFFECTIVE_NAME if effective else spec.UPSTREAM_NAME))
