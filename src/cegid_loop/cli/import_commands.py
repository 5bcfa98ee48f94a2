"""`cegid-loop import fec|tra|perso|json FILE` and `cegid-loop status ID`.

The import goes through ``loop.imports`` (validate -> deposit -> upload -> start -> poll); the stages
are shown on stderr, as a rich progress bar on a terminal and one line per stage otherwise (CI logs),
so that stdout carries the result only.
"""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from cegid_loop.cli.failures import EXIT_OUTCOME_UNKNOWN, InputProblem, UsageProblem, fail
from cegid_loop.cli.options import DossierOption, FormatOption, connection
from cegid_loop.cli.output import OutputFormat, console, echo, output, plain_text_only, print_json
from cegid_loop.errors import LoopError
from cegid_loop.imports import DEFAULT_WAIT_TIMEOUT, ImportProgress, ImportResult, ImportStarted, ImportState

if TYPE_CHECKING:
    from cegid_loop._client import LoopClient


class Kind(enum.StrEnum):
    fec = "fec"
    tra = "tra"
    perso = "perso"
    json = "json"


# Library event -> the display stages it completes. The library reports the deposit URL request and
# the upload together ("uploaded"); a "deposit" event, if it ever comes, is honoured too.
_COMPLETES = {
    "validated": ("validate",),
    "deposit": ("deposit",),
    "uploaded": ("deposit", "upload"),
    "started": ("start",),
    "done": ("poll",),
}


def stages_for(kind: Kind, *, validate: bool, wait: bool) -> list[str]:
    stages = ["start"] if kind is Kind.json else ["validate", "deposit", "upload", "start"]
    if not validate or kind is Kind.perso:  # the custom format has no offline validator
        stages = [s for s in stages if s != "validate"]
    return [*stages, "poll"] if wait else stages


class StageDisplay:
    """``on_progress`` for ``loop.imports``: a progress bar on a terminal, plain lines elsewhere."""

    def __init__(self, stages: list[str], console: Console) -> None:
        self.stages = stages
        self.done: list[str] = []
        self.console = console
        # A progress bar moves the cursor with escape codes: a terminal only, and not under NO_COLOR.
        self.live = console.is_terminal and not plain_text_only()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self.state: str | None = None

    def _strip(self) -> str:
        parts = []
        for stage in self.stages:
            if stage in self.done:
                parts.append(f"[green]{stage} ✓[/]")
            elif stage == self.current:
                label = f"{stage} ({self.state})" if stage == "poll" and self.state else stage
                parts.append(f"[bold]{label}[/]")
            else:
                parts.append(f"[dim]{stage}[/]")
        return " → ".join(parts)

    @property
    def current(self) -> str | None:
        return next((s for s in self.stages if s not in self.done), None)

    def __enter__(self) -> StageDisplay:
        if self.live:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task(self._strip(), total=len(self.stages))
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, event: ImportProgress) -> None:
        if event.stage == "started" and event.import_request_id:
            # Printed the moment Loop accepts the import: whatever happens next, it can be reconciled.
            self.console.print(
                f"import {event.import_request_id} started (if this command is interrupted, follow it with: "
                f"cegid-loop status {event.import_request_id} --wait)",
                markup=False,
                highlight=False,
            )
        for warning in event.warnings:
            self.console.print(f"  ! {warning}", markup=False, highlight=False)
        if event.stage == "poll-error":
            self.console.print(
                f"  ! poll failed, polling goes on: {event.error}", markup=False, highlight=False
            )
        if event.status is not None:
            self.state = event.status.state.value
        for stage in _COMPLETES.get(event.stage, ()):
            if stage in self.stages and stage not in self.done:
                self.done.append(stage)
                if not self.live:
                    self.console.print(f"  ✓ {stage}", markup=False, highlight=False)
        if not self.live and event.stage == "status" and event.status is not None:
            self.console.print(f"  · poll: {self.state}", markup=False, highlight=False)
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=len(self.done), description=self._strip())


def _result_json(result: ImportResult) -> dict[str, Any]:
    return {
        "importRequestId": result.import_request_id,
        "state": result.state.value,
        "rawStatus": result.raw_status,
        "message": result.message,
        "details": result.details,
    }


def show_result(result: ImportResult, fmt: OutputFormat) -> None:
    """The result on stdout, then the exit code it means (FAILED 1, ENDED/UNKNOWN 3)."""
    if fmt is OutputFormat.json:
        print_json(_result_json(result))
    else:
        echo(
            f"import {result.import_request_id}: {result.state.value}"
            + (f" ({result.message})" if result.message else "")
        )
        counts = result.details.get("result")  # what Loop reports having done, when it says
        if isinstance(counts, dict) and counts:
            echo("result: " + ", ".join(f"{value} {key}" for key, value in counts.items()))
    if result.state is ImportState.FAILED:
        fail(f"import {result.import_request_id} finished in error: {result.message or result.raw_status}", 1)
    if result.state in (ImportState.ENDED, ImportState.UNKNOWN):
        said = (
            "ended without saying whether it succeeded"
            if result.state is ImportState.ENDED
            else ("has a status this client cannot read")
        )
        fail(
            f"import {result.import_request_id} {said} (raw status {result.raw_status!r}): check it in Loop "
            f"before importing again",
            EXIT_OUTCOME_UNKNOWN,
        )


def _read_json(path: Path) -> dict[str, Any]:
    """The `data` object of importJson (contexte, options, ecritures), or a whole body with `data`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)  # amounts: every digit
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputProblem(f"{path}: not a JSON file ({exc})") from None
    if isinstance(data, dict) and "ecritures" not in data and isinstance(data.get("data"), dict):
        data = data["data"]
    if not isinstance(data, dict):
        raise InputProblem(f"{path}: expected a JSON object with 'ecritures'")
    return data


def _run_import(
    loop: LoopClient, kind: Kind, file: Path, dossier: str, display: StageDisplay, **options: Any
) -> Any:
    if kind is Kind.json:
        for name in ("validate", "modele", "severities", "config"):
            options.pop(name)
        data = _read_json(file)
        try:
            return loop.imports.json(dossier, data, on_progress=display, **options)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            # Raised while the request body is built from the file, before anything is sent.
            raise InputProblem(
                f"{file}: does not match the JSON import format (e.g. debit/credit are "
                f'{{"amount": ...}} objects): {type(exc).__name__}: {exc}'
            ) from None
    if kind is Kind.perso:
        options.pop("validate")
        return loop.imports.perso(dossier, file, on_progress=display, validate=False, **options)
    options.pop("modele")
    method = loop.imports.fec if kind is Kind.fec else loop.imports.tra
    return method(dossier, file, on_progress=display, **options)


def import_file(
    ctx: typer.Context,
    kind: Annotated[
        Kind,
        typer.Argument(
            help="fec, tra, perso (custom format, needs --modele) or json.",
            case_sensitive=False,
            show_default=False,
        ),
    ],
    file: Annotated[Path, typer.Argument(help="The file to import.", show_default=False)],
    dossier: DossierOption,
    wait: Annotated[bool, typer.Option("--wait/--no-wait", help="Wait for the final status.")] = True,
    modele: Annotated[
        str | None,
        typer.Option(
            "--modele", help="Loop import model of a perso (custom format) file.", show_default=False
        ),
    ] = None,
    siret: Annotated[
        str | None,
        typer.Option(
            "--siret", help="SIRET of the establishment, when the dossier has several.", show_default=False
        ),
    ] = None,
    validate: Annotated[
        bool, typer.Option("--validate/--no-validate", help="Validate FEC/TRA files offline before upload.")
    ] = True,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.0, help="Seconds to wait for the final status.")
    ] = DEFAULT_WAIT_TIMEOUT,
    warn: Annotated[
        list[str] | None,
        typer.Option("--warn", help="Validation rules (e.g. N1, F4) reported as warnings, not refusals."),
    ] = None,
    error: Annotated[
        list[str] | None, typer.Option("--error", help="Validation rules that refuse the file.")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Validation rules not run.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Import accounting entries into a dossier: validate, deposit, upload, start, wait.

    The offline validation reads the closest pyproject.toml's [tool.cegid-loop.validate] table, as
    `cegid-loop validate` does; --warn/--error/--ignore set a rule's level for this import. A FEC
    whose name carries another SIREN than the dossier's is reported (warning N3) before upload."""
    conn = connection(ctx)
    if kind is Kind.perso and not modele:
        raise UsageProblem("a perso import needs --modele (the Loop import model of the file)")
    if kind is not Kind.perso and modele:
        raise UsageProblem("--modele is for perso imports only")
    if not file.is_file():
        raise UsageProblem(f"{file}: no such file")
    stages = stages_for(kind, validate=validate, wait=wait)
    from cegid_loop.fec.severities import from_lists, resolve

    try:
        severities = resolve(from_lists(warning=warn, error=error, ignore=ignore))
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    options: dict[str, Any] = {
        "wait": wait,
        "siret": siret,
        "timeout": timeout,
        "modele": modele,
        "validate": validate,
        "severities": severities or None,
        "config": True,  # the project's settings, as `cegid-loop validate` reads them
    }
    if not wait:
        options.pop("timeout")
    with conn.client() as loop, StageDisplay(stages, console(stderr=True)) as display:
        try:
            outcome = _run_import(loop, kind, file, dossier, display, **options)
        except LoopError as exc:
            if fmt is OutputFormat.json and exc.import_request_id:  # the id, for scripts too
                print_json({"importRequestId": exc.import_request_id, "state": "error", "error": str(exc)})
            raise
    if isinstance(outcome, ImportStarted):
        if fmt is OutputFormat.json:
            print_json(
                {
                    "importRequestId": outcome.import_request_id,
                    "kind": outcome.kind,
                    "dossier": outcome.code_dossier,
                    "uri": outcome.uri,
                }
            )
        else:
            echo(
                f"import {outcome.import_request_id} started; "
                f"follow it with: cegid-loop status {outcome.import_request_id} --wait"
            )
        return
    show_result(outcome, fmt)


def status(
    ctx: typer.Context,
    import_id: Annotated[
        str, typer.Argument(help="accountingImportRequestId, as `import` printed it.", show_default=False)
    ],
    wait: Annotated[bool, typer.Option("--wait", help="Poll until the import is finished.")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.0, help="With --wait: seconds to wait.")
    ] = DEFAULT_WAIT_TIMEOUT,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show the status of an import (exit 1 if it finished in error, 3 if its outcome is unknown,
    4 if it is still running when --wait ends)."""
    conn = connection(ctx)
    with conn.client() as loop:
        if wait:
            display = StageDisplay(["poll"], console(stderr=True))
            with display:
                result = loop.imports.wait(
                    import_id, timeout=timeout, on_progress=display, raise_on_failure=False
                )
        else:
            result = loop.imports.status(import_id)
    show_result(result, fmt)


def history(
    ctx: typer.Context,
    dossier: DossierOption,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The dossier's recent imports (getImportHistory): what to check before importing a file again."""
    conn = connection(ctx)
    with conn.client() as loop:
        rows = loop.imports.history(dossier)
        output(rows, fmt, title=f"imports of {dossier}: {len(rows)}")
