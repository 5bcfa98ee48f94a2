"""What the API commands share: connection options and the client, output as table/JSON/CSV, and
the error policy (one line on stderr, exit 1 for a Loop error, exit 2 for bad usage, no traceback).

Everything printed goes through :func:`cegid_loop._redact.scrub`, so a key never reaches a terminal
or a CI log, whatever a server echoes back.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from cegid_loop._redact import scrub
from cegid_loop.errors import ConfigurationError, ImportTimeout, LoopError

if TYPE_CHECKING:
    from cegid_loop._client import LoopClient

PROG = "cegid-loop"
# Any host name works with the in-process transport (no socket is opened); .localhost would resolve
# to loopback if it ever were used for real.
SANDBOX_BASE_URL = "http://sandbox.localhost/loop-api-publiques"
# Shown last in tables: needed to address a record, but not what a reader scans for.
IDENTITY_FIELDS = ("objectId", "revisionId", "description")
MAX_CELL = 40  # widest table column, in characters: long labels are cut with an ellipsis
CONNECTION_PANEL = "Connection"


# Exit codes: 0 done, 1 refused or failed (by Loop or the validator), 2 a command line or settings
# that cannot run, 3 an import whose outcome is not known (a final status that does not say, or one
# this client cannot read: check it in Loop), 4 an import still running when the wait ended.
EXIT_USAGE = 2
EXIT_OUTCOME_UNKNOWN = 3
EXIT_STILL_RUNNING = 4


class UsageProblem(Exception):
    """A command line that cannot be run as written: exit 2, one line."""


class InputProblem(Exception):
    """An input file the command cannot use (not JSON, wrong shape): exit 1, one line, like an
    invalid FEC file."""


class OutputFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


# -- options shared by the API commands ---------------------------------------------------------
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
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="API base URL (default: $LOOP_BASE_URL, else Cegid's).",
        show_default=False,
        rich_help_panel=CONNECTION_PANEL,
    ),
]
SubscriptionKeyOption = Annotated[
    str | None,
    typer.Option(
        "--subscription-key",
        help="APIM subscription key (default: $LOOP_SUBSCRIPTION_KEY; "
        "prefer the variable: a command line is visible to other users).",
        show_default=False,
        rich_help_panel=CONNECTION_PANEL,
    ),
]
ApiKeyOption = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        help="Loop API key KEY:SECRET (default: $LOOP_API_KEY; prefer the variable).",
        show_default=False,
        rich_help_panel=CONNECTION_PANEL,
    ),
]
SandboxOption = Annotated[
    bool,
    typer.Option(
        "--sandbox",
        help="Run against an in-process Loop sandbox with the demo data and keys (no server, no network).",
        rich_help_panel=CONNECTION_PANEL,
    ),
]
SandboxDbOption = Annotated[
    Path | None,
    typer.Option(
        "--sandbox-db",
        help="SQLite file for the --sandbox data, so that it survives from one "
        "command to the next (implies --sandbox).",
        show_default=False,
        rich_help_panel=CONNECTION_PANEL,
    ),
]


@dataclass
class Settings:
    """Options of the root command (``cegid-loop --deadline 60 list ...``) every API command uses."""

    deadline: float | None = None


SETTINGS = Settings()


@dataclass(frozen=True)
class Connection:
    base_url: str | None = None
    subscription_key: str | None = None
    api_key: str | None = None
    sandbox: bool = False
    sandbox_db: Path | None = None

    @contextmanager
    def client(self) -> Iterator[LoopClient]:
        """A :class:`LoopClient` from the options, the ``LOOP_*`` variables filling the gaps."""
        from cegid_loop._client import LoopClient

        if not (self.sandbox or self.sandbox_db):
            with LoopClient(
                base_url=self.base_url,
                subscription_key=self.subscription_key,
                api_key=self.api_key,
                deadline=SETTINGS.deadline,
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
            deadline=SETTINGS.deadline,
            transport=sandbox_sync_transport(app),
        ) as loop:
            yield loop


# -- output -------------------------------------------------------------------------------------
def echo(text: str = "", *, err: bool = False) -> None:
    """``typer.echo`` with secrets masked: the only way the commands print plain text."""
    typer.echo(scrub(text), err=err)


def stdout_console() -> Console:
    # Made per call: under CliRunner (and any redirection) sys.stdout changes between calls.
    return Console(highlight=False, soft_wrap=False, emoji=False)


def plain(obj: Any) -> Any:
    """A generated model as its JSON dict (API field names), anything else as is."""
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(obj, Mapping):
        return dict(obj)
    return obj


def _is_reference(value: Mapping[str, Any]) -> bool:
    return set(value) <= {"objectId", "description"} and "objectId" in value


def cell(value: Any) -> str:
    """A value as one line of text: references by their description, lists joined, the rest JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")  # an amount, its exact digits
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, Mapping) and _is_reference(value):
        description = value.get("description")
        if isinstance(description, list) and any(description):
            return " ".join(str(d) for d in description)
        return str(value.get("objectId") or "")
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(str(v) for v in value)
    from cegid_loop_api.types import json_dumps  # Decimals as JSON numbers (the client is loaded by now)

    return json_dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def columns_of(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every field of the rows, in the order they first appear (the API's order)."""
    return list(dict.fromkeys(key for row in rows for key in row))


def _fit(columns: list[str], widths: dict[str, int], available: int) -> list[str]:
    """The leading columns that fit in ``available`` characters (at least one)."""
    kept: list[str] = []
    used = 1  # left border
    for name in columns:
        used += widths[name] + 3  # padding on both sides and the separator
        if kept and used > available:
            break
        kept.append(name)
    return kept


def print_json(data: Any) -> None:
    from cegid_loop_api.types import json_dumps  # amounts (Decimal) as exact JSON numbers, not strings

    echo(json_dumps(data, ensure_ascii=False, indent=2, default=str))


def print_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> None:
    columns = list(columns) if columns is not None else columns_of(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in columns])
    echo(buffer.getvalue().rstrip("\n"))


def table_columns(columns: list[str], texts: Sequence[Mapping[str, str]]) -> list[str]:
    """Columns worth a table's width first: those with content, the identifiers last (JSON and CSV
    keep every field in the API's order)."""
    filled = [name for name in columns if any(t[name] for t in texts)]
    return [c for c in filled if c not in IDENTITY_FIELDS] + [c for c in filled if c in IDENTITY_FIELDS]


def print_table(rows: Sequence[Mapping[str, Any]], *, title: str | None = None) -> None:
    """A rich table of the columns that fit the terminal; the others are named on stderr."""
    console = stdout_console()
    columns = columns_of(rows)
    texts = [{name: scrub(cell(row.get(name))) for name in columns} for row in rows]
    ordered = table_columns(columns, texts)
    widths = {name: min(MAX_CELL, max([len(name), *(len(t[name]) for t in texts)])) for name in ordered}
    shown = _fit(ordered, widths, console.width)
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    for name in shown:
        table.add_column(name, overflow="ellipsis", no_wrap=True, max_width=MAX_CELL)
    for text in texts:
        table.add_row(*(text[name] for name in shown))
    console.print(table)
    hidden = [name for name in columns if name not in shown]
    if hidden:
        echo(
            f"({len(hidden)} column(s) not shown: {', '.join(hidden)}; "
            "see --format json, or choose with --select)",
            err=True,
        )


def print_object(obj: Mapping[str, Any]) -> None:
    """One record as a two-column table (field, value): wide objects stay readable."""
    console = stdout_console()
    table = Table(box=box.SIMPLE_HEAD, show_header=True)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for key, value in obj.items():
        table.add_row(key, scrub(cell(value)))
    console.print(table)


def output(rows: Sequence[Any], fmt: OutputFormat, *, title: str | None = None) -> None:
    records = [plain(r) for r in rows]
    if fmt is OutputFormat.json:
        print_json(records)
    elif fmt is OutputFormat.csv:
        print_csv(records)
    elif records:
        print_table(records, title=title)
    else:
        echo("(no records)", err=True)


def output_one(obj: Any, fmt: OutputFormat) -> None:
    record = plain(obj)
    if fmt is OutputFormat.json or not isinstance(record, Mapping):
        print_json(record)
    elif fmt is OutputFormat.csv:
        print_csv([record])
    else:
        print_object(record)


# -- errors -------------------------------------------------------------------------------------
def one_line(exc: BaseException) -> str:
    """The error as a single line (some messages list details on further lines)."""
    from cegid_loop.fec import InvalidImportFile

    if isinstance(exc, InvalidImportFile):
        head, *details = str(exc).splitlines()
        first = f" First: {details[0].strip()}" if details else ""
        return f"{head}{first} (run `{PROG} validate {exc.result.path}` for every finding)"
    text = " ".join(part.strip() for part in str(exc).splitlines() if part.strip())
    return text or type(exc).__name__


def fail(message: str, code: int) -> NoReturn:
    echo(f"{PROG}: error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn what a command raises into one line on stderr and an exit code, never a traceback."""
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise  # Typer's own (its vendored Click's usage errors included): they carry their exit code
    except UsageProblem as exc:
        fail(str(exc), 2)
    except InputProblem as exc:
        fail(str(exc), 1)
    except ConfigurationError as exc:  # missing keys, a bad LOOP_* value: the command cannot run
        fail(one_line(exc), EXIT_USAGE)
    except ImportTimeout as exc:
        fail(one_line(exc), EXIT_STILL_RUNNING)
    except LoopError as exc:
        fail(one_line(exc), 1)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        fail(f"{where}{exc.strerror or exc}", 1)
    except Exception as exc:  # a bug or an unforeseen answer: still one line, with the type to report
        fail(f"unexpected {type(exc).__name__}: {one_line(exc)}", 1)


__all__ = [
    "EXIT_OUTCOME_UNKNOWN",
    "EXIT_STILL_RUNNING",
    "EXIT_USAGE",
    "ApiKeyOption",
    "BaseUrlOption",
    "Connection",
    "DossierOption",
    "FormatOption",
    "InputProblem",
    "OutputFormat",
    "SandboxDbOption",
    "SandboxOption",
    "SubscriptionKeyOption",
    "UsageProblem",
    "cell",
    "cli_errors",
    "echo",
    "fail",
    "one_line",
    "output",
    "output_one",
    "plain",
]
