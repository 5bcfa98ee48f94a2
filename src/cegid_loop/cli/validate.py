"""`cegid-loop validate FILE`: offline FEC/TRA validation; exit 0 clean, 1 errors, 2 unreadable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cegid_loop.cli.app import app
from cegid_loop.fec import RuleSelectionError, validate_file
from cegid_loop.fec.report import render

_RULES_HELP = (
    "Rules to run: ids or groups, comma-separated, '-' to remove (e.g. 'B2,C1', 'F,B', 'all,-C4'). "
    "Default: all (N1-N2 E1 S1-S3 F1-F5 B1-B3 C1-C6, T1-T2 for TRA)."
)


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="FEC or TRA file (detected from its content).")],
    json_: bool = typer.Option(False, "--json", help="Print the result as JSON on stdout."),
    rules: str | None = typer.Option(None, "--rules", help=_RULES_HELP),
    strict: bool = typer.Option(False, "--strict", help="Count warnings as errors."),
    examples: int = typer.Option(5, "--examples", min=0, help="Examples shown per rule."),
    kind: str | None = typer.Option(None, "--kind", help="Force 'fec' or 'tra' instead of detecting."),
    lang: str = typer.Option("en", "--lang", help="Language of the messages: 'en' or 'fr'."),
) -> None:
    """Validate a FEC or Cegid TRA file offline, before any upload."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if kind is not None and kind.lower() not in ("fec", "tra"):
        err.print(f"cegid-loop validate: --kind must be 'fec' or 'tra', not {kind!r}", markup=False)
        raise typer.Exit(2)
    try:
        result = validate_file(file, rules=rules, strict=strict, kind=kind.lower() if kind else None)
    except RuleSelectionError as exc:
        err.print(f"cegid-loop validate: --rules: {exc}", markup=False)
        raise typer.Exit(2) from None
    except Exception as exc:  # never a traceback for a file we could not handle
        err.print(f"cegid-loop validate: {file}: cannot be validated: {exc}", markup=False)
        raise typer.Exit(2) from None
    if json_:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif result.unreadable:
        reason = next((f for f in result.findings if f.rule == "IO"), None)
        text = (
            reason.message_fr if reason and lang == "fr" else (reason.message_en if reason else "unreadable")
        )
        err.print(f"cegid-loop validate: {file}: {text}", markup=False)
    else:
        render(result, Console(highlight=False, soft_wrap=True), examples=examples, lang=lang)
    raise typer.Exit(result.exit_code)
