"""How the commands print: plain text, tables, JSON and CSV, with secrets masked.

Everything goes through :func:`cegid_loop._redact.scrub`, so a key never reaches a terminal or a CI
log, whatever a server echoes back. Escape codes only reach a terminal: never a pipe or a file, and
never when ``NO_COLOR`` is set (https://no-color.org; bold and italic are escape codes too) or
``TERM=dumb``.
"""

from __future__ import annotations

import csv
import enum
import io
import os
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from cegid_loop._redact import scrub

# Shown last in tables: needed to address a record, but not what a reader scans for.
IDENTITY_FIELDS = ("objectId", "revisionId", "description")
MAX_CELL = 40  # widest table column, in characters: long labels are cut with an ellipsis


class OutputFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def plain_text_only() -> bool:
    """No escape code at all: NO_COLOR set (to anything but empty) or a dumb terminal."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def console(*, stderr: bool = False, soft_wrap: bool = False) -> Console:
    """The one way the commands make a rich console (styles only on a terminal, none under NO_COLOR)."""
    stream = sys.stderr if stderr else sys.stdout
    if plain_text_only():
        return Console(file=stream, color_system=None, highlight=False, soft_wrap=soft_wrap, emoji=False)
    return Console(file=stream, highlight=False, soft_wrap=soft_wrap, emoji=False)


def echo(text: str = "", *, err: bool = False) -> None:
    """``typer.echo`` with secrets masked: the only way the commands print plain text."""
    typer.echo(scrub(text), err=err)


def stdout_console() -> Console:
    # Made per call: under CliRunner (and any redirection) sys.stdout changes between calls.
    return console()


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
