"""`cegid-loop validate FILE`: offline FEC/TRA validation; exit 0 clean, 1 errors, 2 unreadable or bad usage.

Whatever the file, the output is a report of findings (file, line, field), or one line on stderr saying
why the file could not be checked; with `--json`, stdout always holds one JSON document (the result, or
`{"ok": false, "exit_code": 2, "error": …}` for a command line that cannot run).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from cegid_loop.cli.output import console
from cegid_loop.fec import RuleSelectionError, validate_file
from cegid_loop.fec.config import ConfigError, ValidateConfig, discover_config, load_config
from cegid_loop.fec.display import printable
from cegid_loop.fec.report import render
from cegid_loop.fec.result import ValidationResult
from cegid_loop.fec.severities import from_lists, resolve
from cegid_loop.fec.siren import normalize_siren

_log = logging.getLogger("cegid_loop.cli.validate")

_RULES_HELP = (
    "Rules to run: ids or groups, comma-separated, '-' to remove (e.g. 'B2,C1', 'F,B', 'all,-C4'). "
    "Default: all (N1-N3 E1 S1-S3 F1-F5 B1-B3 C1-C6, T1-T2 for TRA)."
)
_LEVEL_HELP = "Rule ids or groups (repeat, or comma-separate: 'N1,F4')"
_SURROGATES = re.compile("[\ud800-\udfff]")


def validate(
    file: Annotated[Path, typer.Argument(help="FEC or TRA file (detected from its content).")],
    json_: bool = typer.Option(False, "--json", help="Print the result as JSON on stdout."),
    rules: str | None = typer.Option(None, "--rules", help=_RULES_HELP),
    strict: bool | None = typer.Option(
        None, "--strict/--no-strict", help="Count warnings as errors (default: the config file's, else no)."
    ),
    warn: Annotated[
        list[str] | None, typer.Option("--warn", help=f"{_LEVEL_HELP} reported as warnings.")
    ] = None,
    error: Annotated[
        list[str] | None, typer.Option("--error", help=f"{_LEVEL_HELP} reported as errors.")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help=f"{_LEVEL_HELP} not run.")] = None,
    siren: str | None = typer.Option(
        None, "--siren", help="The dossier's SIREN: warn (N3) when the file name carries another one."
    ),
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="TOML settings file (default: the closest pyproject.toml with a "
            "tool.cegid-loop.validate table).",
        ),
    ] = None,
    no_config: bool = typer.Option(False, "--no-config", help="Read no settings file."),
    examples: int = typer.Option(5, "--examples", min=0, help="Examples shown per rule."),
    kind: str | None = typer.Option(None, "--kind", help="Force 'fec' or 'tra' instead of detecting."),
    lang: str = typer.Option("en", "--lang", help="Language of the messages: 'en' or 'fr'."),
) -> None:
    """Validate a FEC or Cegid TRA file offline, before any upload."""
    err = console(stderr=True, soft_wrap=True)

    def usage(message: str) -> NoReturn:
        err.print(f"cegid-loop validate: {printable(message)}", markup=False)
        if json_:
            typer.echo(_dumps({"file": str(file), "ok": False, "exit_code": 2, "error": message}))
        raise typer.Exit(2)

    if kind is not None and kind.lower() not in ("fec", "tra"):
        usage(f"--kind must be 'fec' or 'tra', not {kind!r}")
    try:
        settings = _settings(config, no_config)
        explicit = resolve(from_lists(warning=warn, error=error, ignore=ignore))
        settings = settings.merged(severities=explicit, rules=rules, strict=strict)
    except (ConfigError, RuleSelectionError) as exc:  # SeverityError is a RuleSelectionError
        usage(str(exc))
    if siren is not None:
        try:
            normalize_siren(siren)
        except ValueError as exc:
            usage(f"--siren: {exc}")
    try:
        result = validate_file(
            file,
            rules=settings.rules,
            strict=bool(settings.strict),
            kind=kind.lower() if kind else None,
            severities=settings.severities,
            siren=siren,
        )
    except RuleSelectionError as exc:
        usage(f"--rules: {exc}")
    except Exception:  # never a traceback, nor an exception's text, for a file we could not handle
        _log.debug("validate %s failed", file, exc_info=True)
        usage(f"{file}: cannot be validated: unexpected internal error (please report it)")
    if json_:
        data = result.to_json()
        data["config"] = str(settings.source) if settings.source else None
        typer.echo(_dumps(data))
    elif result.unreadable:
        err.print(f"cegid-loop validate: {_unreadable_line(result, lang)}", markup=False)
    else:
        if settings.source is not None or settings.severities:
            levels = ", ".join(f"{r}={v}" for r, v in sorted(settings.severities.items())) or "none"
            source = printable(str(settings.source)) if settings.source else "command line"
            err.print(f"settings from {source}; rule levels: {levels}", markup=False)
        render(result, console(soft_wrap=True), examples=examples, lang=lang)
    raise typer.Exit(result.exit_code)


def _settings(config: Path | None, no_config: bool) -> ValidateConfig:
    if config is not None:
        return load_config(config)
    return ValidateConfig() if no_config else discover_config()


def _unreadable_line(result: ValidationResult, lang: str) -> str:
    """`FILE[:LINE]: reason` for a file that could not be checked."""
    reason = next((f for f in result.findings if f.rule == "IO"), None)
    if reason is None:
        return f"{printable(result.path)}: unreadable"
    text = reason.message_fr if lang == "fr" else reason.message_en
    where = printable(result.path) + (f":{reason.line}" if reason.line else "")
    return f"{where}: {printable(text)}"


def _dumps(data: dict[str, Any]) -> str:
    # A file name that is not UTF-8 decodes to lone surrogates, which no output stream can encode.
    return _SURROGATES.sub("\ufffd", json.dumps(data, ensure_ascii=False, indent=2))
