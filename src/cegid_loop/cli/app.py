"""The `cegid-loop` command, built in one place: the root options, then every command and group.

Command modules define plain functions and register nothing themselves; this module is the only
place that knows the command tree (``cegid-loop --help`` reads like this file). Commands that talk
to Loop are :class:`~cegid_loop.cli.options.ApiCommand`\\ s (the connection options, declared once);
the others are :class:`~cegid_loop.cli.options.Command`\\ s (the error policy only).
"""

from __future__ import annotations

import typer

from cegid_loop import _version
from cegid_loop.cli import drift, import_commands, mirror, read_commands, sandbox, spec, validate
from cegid_loop.cli.options import ApiCommand, Command, RootOptions


def _print_version(value: bool) -> None:
    if value:
        typer.echo(_version.describe())
        raise typer.Exit()


def root(
    ctx: typer.Context,
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
    ctx.obj = RootOptions(deadline=deadline)


def _group(help: str) -> typer.Typer:
    return typer.Typer(help=help, no_args_is_help=True, pretty_exceptions_enable=False)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="cegid-loop",
        help=root.__doc__,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
    )
    app.callback()(root)

    app.command("spec", cls=Command)(spec.print_spec)
    app.command("validate", cls=Command)(validate.validate)
    app.command("sandbox", cls=Command)(sandbox.sandbox)

    app.command("list", cls=ApiCommand)(read_commands.list_records)
    app.command("get", cls=ApiCommand)(read_commands.get_record)
    app.command("resources", cls=Command)(read_commands.list_resources)

    app.command("import", cls=ApiCommand)(import_commands.import_file)
    app.command("status", cls=ApiCommand)(import_commands.status)
    history = _group("Imports of a dossier, as Loop records them.")
    history.command("history", cls=ApiCommand)(import_commands.history)
    app.add_typer(history, name="imports")
    app.command("mirror", cls=ApiCommand)(mirror.mirror)

    checks = _group(
        "Drift detection: between two API definitions (spec), and between the definition and what a "
        "Loop server really answers (live)."
    )
    checks.command("spec", cls=Command)(drift.spec)
    checks.command("live", cls=Command)(drift.live)
    checks.command("check", cls=Command)(drift.check)
    checks.command("propose", cls=Command)(drift.propose)
    app.add_typer(checks, name="drift")
    return app


app = build_app()


def main() -> None:
    app()
