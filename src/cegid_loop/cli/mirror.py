"""`cegid-loop mirror`: keep a local SQLite database of the firm's reference data up to date.

The work is :class:`cegid_loop.mirror.Mirror`'s; this module reads the options, shows the steps on
stderr (a rich progress bar on a terminal, one line per step otherwise, for CI logs) and prints the
summary on stdout (a table, or ``--json``).

Exit codes: 0 every step saved; 1 Loop refused something (a failed step, the firm's dossier list,
bad keys); 2 a command line or database that cannot be used; 130 interrupted (run it again: it
resumes).
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from cegid_loop._redact import scrub
from cegid_loop.cli.failures import UsageProblem, fail
from cegid_loop.cli.options import connection
from cegid_loop.cli.output import console, echo, plain_text_only, print_json
from cegid_loop.mirror import (
    DEFAULT_CONCURRENCY,
    DEFAULT_MIRROR_PATH,
    DEFAULT_RESOURCES,
    MIRRORABLE,
    EventKind,
    Mirror,
    MirrorEvent,
    MirrorSummary,
    StepOutcome,
    StepStatus,
    check_resources,
)

EXIT_INTERRUPTED = 130


def _step_text(step: StepOutcome) -> str:
    where = f"{step.dossier} {step.resource}"
    if step.status is StepStatus.FAILED:
        return f"{where}: failed: {step.error}"
    if not step.changed:
        return f"{where}: {step.records} records, unchanged"
    return (
        f"{where}: {step.records} records ({step.created} created, {step.modified} modified, "
        f"{step.deleted} deleted)"
    )


class MirrorDisplay:
    """``on_progress`` for :class:`Mirror`: a progress bar on a terminal, plain lines elsewhere."""

    def __init__(self, out: Console) -> None:
        self.console = out
        # A progress bar moves the cursor with escape codes: a terminal only, and not under NO_COLOR.
        self.live = out.is_terminal and not plain_text_only()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self.done = self.total = 0

    def _line(self, text: str) -> None:
        self.console.print(scrub(text), markup=False, highlight=False, soft_wrap=True)

    def __enter__(self) -> MirrorDisplay:
        if self.live:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
            )
            self._progress.start()
            self._task = self._progress.add_task("mirror: listing", total=None)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, event: MirrorEvent) -> None:
        self.done, self.total = event.done, event.total
        if event.kind is EventKind.PLANNED:
            resumed = f", resumed: {event.done} already saved" if event.resumed else ""
            self._line(f"run {event.run_id}: {event.total} steps{resumed}")
        if event.kind is EventKind.STEP and event.step is not None:
            text = _step_text(event.step)
            if not self.live:
                self._line(f"[{event.done}/{event.total}] {text}")
            elif event.step.status is StepStatus.FAILED:
                self._line(f"! {text}")
        if self._progress is not None and self._task is not None and event.kind is not EventKind.STARTED:
            where = f"{event.step.dossier} {event.step.resource}" if event.step else "mirror"
            self._progress.update(self._task, completed=event.done, total=event.total, description=where)


COLUMNS = ("dossier", "resource", "created", "modified", "deleted", "records")


def columns_text(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows of cells as aligned text (text left, numbers right): no terminal width to guess."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(w) if cell.isdigit() else cell.ljust(w) for cell, w in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    ]


def summary_lines(summary: MirrorSummary) -> list[str]:
    """One line per step that changed something or failed, then the totals."""
    rows: list[tuple[str, ...]] = [COLUMNS]
    for s in summary.steps:
        if s.status is StepStatus.FAILED:
            rows.append((s.dossier, s.resource, "-", "-", "-", f"failed: {s.error}"))
        elif s.changed:
            rows.append(
                (s.dossier, s.resource, str(s.created), str(s.modified), str(s.deleted), str(s.records))
            )
    t = summary.totals()
    rows.append(("total", "", str(t["created"]), str(t["modified"]), str(t["deleted"]), str(t["records"])))
    return columns_text(rows)


def show_summary(summary: MirrorSummary, *, as_json: bool, changes: list[dict[str, Any]] | None) -> None:
    totals = summary.totals()
    if as_json:
        print_json({**summary.to_json(), **({"changes": changes} if changes is not None else {})})
        return
    resumed = " (resumed)" if summary.resumed else ""
    echo(
        f"run {summary.run_id}{resumed}: {len(summary.dossiers)} dossier(s), {totals['steps']} steps, "
        f"{totals['records']} records in {summary.path} ({summary.elapsed:.1f} s)"
    )
    for line in summary_lines(summary):
        echo(line)
    if totals["failed"]:
        echo(f"{totals['failed']} step(s) failed: their resources keep what the last run saved")
    for body, why in summary.skipped:
        echo(f"dossier not mirrored ({why}): {body.get('libelle') or body.get('objectId') or body}")
    for code in summary.not_listed:
        echo(f"dossier {code}: no longer in the firm's list; its records are kept as last mirrored")
    if changes:
        names = ("kind", "dossier", "resource", "objectId", "revisionId")
        echo()
        rows = [names, *(tuple(str(c[n] or "") for n in names) for c in changes)]
        for line in columns_text(rows):
            echo(line)


def mirror(
    ctx: typer.Context,
    dossier: Annotated[
        list[str] | None,
        typer.Option(
            "--dossier", "-d", help="A dossier code to mirror (repeat for several).", show_default=False
        ),
    ] = None,
    all_dossiers: Annotated[
        bool,
        typer.Option(
            "--all-dossiers",
            help="Every dossier of the firm (the cabinet API GET /dossierClient lists them).",
        ),
    ] = False,
    db: Annotated[Path, typer.Option("--db", help="The mirror's SQLite file.")] = Path(DEFAULT_MIRROR_PATH),
    resource: Annotated[
        list[str] | None,
        typer.Option(
            "--resource",
            "-r",
            help=f"A resource to mirror (repeat for several; default: {', '.join(DEFAULT_RESOURCES)}; "
            f"also: {', '.join(r for r in MIRRORABLE if r not in DEFAULT_RESOURCES)}).",
            show_default=False,
        ),
    ] = None,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, max=16, help="Resources read at once.")
    ] = DEFAULT_CONCURRENCY,
    restart: Annotated[
        bool, typer.Option("--restart", help="Start afresh instead of resuming an interrupted run.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The summary as JSON.")] = False,
    list_changes: Annotated[
        bool, typer.Option("--changes", help="Also list each change (kind, dossier, resource, objectId).")
    ] = False,
) -> None:
    """Keep a local SQLite database of the dossiers' reference data up to date.

    Each run reads every resource completely (Loop offers no way to ask what changed), saves what
    was created, modified and deleted since the last run, and prints it. A run interrupted (Ctrl-C,
    kill) resumes where it stopped when run again with the same options."""
    conn = connection(ctx)
    display = MirrorDisplay(console(stderr=True, soft_wrap=True))
    if bool(dossier) == all_dossiers:
        raise UsageProblem("say which dossiers: --dossier CODE (repeatable) or --all-dossiers")
    try:
        resources = check_resources(resource or DEFAULT_RESOURCES)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    try:
        with (
            conn.client() as loop,
            Mirror(loop, db, resources=resources, concurrency=concurrency, on_progress=display) as mirrored,
            display,
        ):
            summary = mirrored.run(None if all_dossiers else dossier, restart=restart)
            changes = mirrored.store.changes(summary.run_id) if list_changes else None
    except KeyboardInterrupt:
        fail(
            f"interrupted after {display.done}/{display.total} steps (each saved step is kept); "
            "run the same command again to resume",
            EXIT_INTERRUPTED,
        )
    show_summary(summary, as_json=as_json, changes=changes)
    if summary.failed:
        raise typer.Exit(1)
