"""Options the commands share, declared once.

- :class:`Command`: every command's class. It applies the error policy (:func:`failures.cli_errors`)
  around the command, so that no command has to remember it.
- :class:`ApiCommand`: a command that talks to Loop. It adds the connection options (``--base-url``,
  ``--subscription-key``, ``--api-key``, ``--sandbox``, ``--sandbox-db``, in the "Connection" panel of
  its help) and hands them, with the root's ``--deadline``, to the command as a :class:`Connection`
  in the context (:func:`connection`), so that no command re-declares them.
- ``FormatOption``, ``DossierOption``: the options several commands take, in Typer's ``Annotated`` style
  like every other option.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperOption

from cegid_loop.cli.failures import UsageProblem, cli_errors
from cegid_loop.cli.output import OutputFormat

if TYPE_CHECKING:
    # Typer vendors Click (0.27+): its Context is the type `invoke` receives.
    from typer._click.core import Context as ClickContext

    from cegid_loop._client import LoopClient

# Any host name works with the in-process transport (no socket is opened); .localhost would resolve
# to loopback if it ever were used for real.
SANDBOX_BASE_URL = "http://sandbox.localhost/loop-api-publiques"
CONNECTION_PANEL = "Connection"

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
DossierOption = Annotated[
    str,
    typer.Option(
        "--dossier",
        "-d",
        help="Dossier code (codeDossier), e.g. CEGID001; 'cabinet' for the firm.",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class RootOptions:
    """What the root command (``cegid-loop --deadline 60 ...``) passes down, as the context's obj."""

    deadline: float | None = None


@dataclass(frozen=True)
class Connection:
    """Where and how an API command reaches Loop (or the in-process sandbox)."""

    base_url: str | None = None
    subscription_key: str | None = None
    api_key: str | None = None
    sandbox: bool = False
    sandbox_db: Path | None = None
    deadline: float | None = None

    @contextmanager
    def client(self) -> Iterator[LoopClient]:
        """A :class:`LoopClient` from the options, the ``LOOP_*`` variables filling the gaps."""
        from cegid_loop._client import LoopClient

        if not (self.sandbox or self.sandbox_db):
            with LoopClient(
                base_url=self.base_url,
                subscription_key=self.subscription_key,
                api_key=self.api_key,
                deadline=self.deadline,
            ) as loop:
                yield loop
            return
        if self.base_url:
            raise UsageProblem("--base-url and --sandbox exclude each other")
        from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
        from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY, Firm

        # The demo keys unless keys were given on the command line (the LOOP_* variables are for the
        # real service and are deliberately not read here).
        firm = Firm(self.subscription_key or DEMO_SUBSCRIPTION_KEY, self.api_key or DEMO_API_KEY)
        app = create_app(firms=[firm], db_path=self.sandbox_db, import_step_seconds=0)
        with LoopClient(
            base_url=SANDBOX_BASE_URL,
            subscription_key=firm.subscription_key,
            api_key=firm.api_key,
            deadline=self.deadline,
            transport=sandbox_sync_transport(app),
        ) as loop:
            yield loop


def _connection_options() -> list[TyperOption]:
    """The connection options, made afresh for each command (Click parameters are per command)."""

    def option(name: str, help: str, **kwargs: Any) -> TyperOption:
        return TyperOption(
            param_decls=[name, name.lstrip("-").replace("-", "_")],
            help=help,
            show_default=False,
            rich_help_panel=CONNECTION_PANEL,
            **kwargs,
        )

    return [
        option("--base-url", "API base URL (default: $LOOP_BASE_URL, else Cegid's).", type=str),
        option(
            "--subscription-key",
            "APIM subscription key (default: $LOOP_SUBSCRIPTION_KEY; "
            "prefer the variable: a command line is visible to other users).",
            type=str,
        ),
        option(
            "--api-key", "Loop API key KEY:SECRET (default: $LOOP_API_KEY; prefer the variable).", type=str
        ),
        option(
            "--sandbox",
            "Run against an in-process Loop sandbox with the demo data and keys (no server, no network).",
            is_flag=True,
            default=False,
        ),
        option(
            "--sandbox-db",
            "SQLite file for the --sandbox data, so that it survives from one command to the next "
            "(implies --sandbox).",
            type=str,
            metavar="<path>",
        ),
    ]


_CONNECTION_NAMES = ("base_url", "subscription_key", "api_key", "sandbox", "sandbox_db")


class Command(TyperCommand):
    """Every command: what it raises becomes one line on stderr and an exit code."""

    def invoke(self, ctx: ClickContext) -> Any:
        with cli_errors():
            return super().invoke(ctx)


class ApiCommand(Command):
    """A command that talks to Loop: the connection options, parsed into the context."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_connection_options())

    def invoke(self, ctx: ClickContext) -> Any:
        given = {name: ctx.params.pop(name) for name in _CONNECTION_NAMES}
        root = ctx.find_object(RootOptions) or RootOptions()
        db = given.pop("sandbox_db")
        ctx.meta[_CONNECTION_KEY] = Connection(
            **given, sandbox_db=Path(db) if db else None, deadline=root.deadline
        )
        return super().invoke(ctx)


_CONNECTION_KEY = "cegid_loop.connection"


def connection(ctx: typer.Context) -> Connection:
    """The connection options of the running :class:`ApiCommand`."""
    found = ctx.meta.get(_CONNECTION_KEY)
    if not isinstance(found, Connection):  # a programming error: the command is not an ApiCommand
        raise TypeError(f"{ctx.command_path} is not registered with cls=ApiCommand")
    return found
