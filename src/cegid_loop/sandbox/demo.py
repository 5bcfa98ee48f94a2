"""cegid-loop in one run: the Loop sandbox behind a real HTTP server, and a day of work through it.

    python -m cegid_loop.sandbox.demo            (or: nox -s demo)

The sandbox is served by uvicorn on a free loopback port in a background thread, so every call goes
through real HTTP, as it would against Loop. The scenario, on dossier CEGID001: read the chart of
accounts, filter class 6, add a supplier and modify it (and see a stale revisionId refused), write a
small FEC file, validate it, import it, read the new entries and accounts back, and see an invalid
FEC refused before anything is uploaded. Exit status 0 only if every step gave the expected result.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from cegid_loop import F, LoopClient, RevisionConflict
from cegid_loop._redact import scrub
from cegid_loop.fec.samples import demo_entries, unbalanced, write_fec

DOSSIER = "CEGID001"
SUPPLIER = {
    "code": "FPAPETERIELYON",
    "raisonSociale": "Papeterie Lyonnaise",
    "nomUsuel": "Papeterie Lyonnaise",
    "email": "compta@papeterie-lyonnaise.example",
    "telephone": "04 78 00 00 01",
}


# -- the server ---------------------------------------------------------------------------------
class RequestCounter:
    """ASGI wrapper counting the HTTP requests that reach the sandbox (to prove none was sent)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.count = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.count += 1
        await self.app(scope, receive, send)


class SandboxServer:
    """uvicorn serving the sandbox on 127.0.0.1 in a daemon thread; the socket is bound first, so
    the port is known before the server starts and no other process can take it meanwhile."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = int(self.socket.getsockname()[1])
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, name="loop-sandbox-demo", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> SandboxServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.socket.close()


# -- the scenario -------------------------------------------------------------------------------
class StepFailed(Exception):
    """A step ran but did not give the expected result."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def _table(rows: Sequence[dict[str, Any]], columns: dict[str, str]) -> Table:
    """``columns``: field -> header."""
    table = Table(*columns.values(), box=box.SIMPLE_HEAD)
    for row in rows:
        table.add_row(*(scrub("" if row.get(c) is None else str(row[c])) for c in columns))
    return table


class Demo:
    def __init__(self, loop: LoopClient, console: Console, counter: RequestCounter, workdir: Path) -> None:
        self.loop, self.console, self.counter, self.workdir = loop, console, counter, workdir
        self.comptes: list[Any] = []
        self.supplier: Any = None
        self.fec: Path | None = None
        self.import_id: str | None = None
        self.lines = demo_entries()

    def say(self, text: str) -> None:
        self.console.print(scrub(text), highlight=False)

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("Chart of accounts of CEGID001", self.chart),
            ("Class 6 accounts, filtered by the server", self.class_6),
            ("Add a supplier and read it back", self.add_supplier),
            ("Modify it with its revisionId; a stale one is refused", self.modify_supplier),
            ("Write a small FEC file and validate it locally", self.write_and_validate),
            ("Import it (validate, deposit, upload, start, poll)", self.import_fec),
            ("Import status", self.status),
            ("Read the imported entries back", self.entries_back),
            ("New accounts, journals and tiers created by the import", self.new_accounts),
            ("An invalid FEC file is refused before upload", self.invalid_fec),
        ]

    def chart(self) -> str:
        self.comptes = list(self.loop.comptes.iter(DOSSIER, page_size=20))
        numbers = [c.numero for c in self.comptes]
        _check(len(numbers) > 0, "the chart of accounts is empty")
        _check(len(set(numbers)) == len(numbers), "an account came back twice while paging")
        rows = [{"numero": c.numero, "libelle": c.libelle} for c in self.comptes[:5]]
        self.console.print(_table(rows, {"numero": "numero", "libelle": "libelle"}))
        return f"{len(numbers)} accounts, read in pages of 20"

    def class_6(self) -> str:
        expr = F.numero.startswith("6")
        self.say(f"filter: {expr}")
        found = [str(c.numero) for c in self.loop.comptes.iter(DOSSIER, filter=expr)]
        expected = sorted(str(c.numero) for c in self.comptes if str(c.numero).startswith("6"))
        _check(bool(found), "no class 6 account came back")
        _check(sorted(found) == expected, f"the server returned {found}, expected {expected}")
        self.say(", ".join(found))
        return f"{len(found)} class 6 accounts"

    def add_supplier(self) -> str:
        fournisseurs = self.loop.comptes.find_one(DOSSIER, filter=F.numero == "40100000")
        body = {**SUPPLIER, "compteContrepartie": {"objectId": str(fournisseurs.object_id)}}
        created = self.loop.tiers_fournisseurs.create(DOSSIER, body)
        if created is None:
            raise StepFailed("the creation answered no object")
        self.say(f"created {created.code}: objectId {created.object_id}, revisionId {created.revision_id}")
        read = self.loop.tiers_fournisseurs.find_one(DOSSIER, filter=F.code == SUPPLIER["code"])
        _check(read.object_id == created.object_id, "reading the supplier back gave another object")
        _check(read.raison_sociale == SUPPLIER["raisonSociale"], "the supplier's name did not round-trip")
        self.supplier = read
        return f"supplier {read.code} ({read.raison_sociale}) stored and read back"

    def modify_supplier(self) -> str:
        _check(self.supplier is not None, "no supplier to modify (previous step failed)")
        stale = self.supplier
        changed = type(stale).from_dict({**stale.to_dict(), "telephone": "04 78 00 00 02"})
        updated = self.loop.tiers_fournisseurs.update(DOSSIER, changed)
        if updated is None:
            raise StepFailed("the modification answered no object")
        _check(updated.revision_id != stale.revision_id, "the revisionId did not change")
        self.say(f"updated with revisionId {stale.revision_id} -> now {updated.revision_id}")
        stale_change = type(stale).from_dict({**stale.to_dict(), "telephone": "04 78 00 00 03"})
        try:
            self.loop.tiers_fournisseurs.update(DOSSIER, stale_change)
        except RevisionConflict as exc:
            self.say(
                f"stale revisionId {stale.revision_id} refused: RevisionConflict (HTTP {exc.status_code})"
            )
        else:
            raise StepFailed("a write with a stale revisionId was accepted")
        current = self.loop.tiers_fournisseurs.find_one(DOSSIER, filter=F.code == SUPPLIER["code"])
        _check(current.telephone == "04 78 00 00 02", "the refused write changed the supplier anyway")
        return "optimistic concurrency works: the second, stale write changed nothing"

    def write_and_validate(self) -> str:
        from cegid_loop.fec import validate_file

        siren = self.loop.dossiers.get(DOSSIER).siren
        self.fec = write_fec(self.workdir, str(siren), self.lines)
        result = validate_file(self.fec)
        self.say(
            f"{self.fec.name}: {len(self.lines)} lines, {result.errors} error(s), "
            f"{result.warnings} warning(s)"
        )
        _check(result.ok, f"the demo FEC file does not validate: {[f.message_en for f in result.findings]}")
        return "valid FEC file"

    def import_fec(self) -> str:
        from cegid_loop.cli.import_commands import Kind, StageDisplay, stages_for

        _check(self.fec is not None, "no FEC file (previous step failed)")
        assert self.fec is not None
        display = StageDisplay(stages_for(Kind.fec, validate=True, wait=True), self.console)
        with display:
            result = self.loop.imports.fec(
                DOSSIER, self.fec, wait=True, on_progress=display, poll_interval=0.2
            )
        self.import_id = result.import_request_id
        _check(result.ok, f"the import ended {result.state.value}: {result.message}")
        counts = result.details.get("result") or {}
        made = ", ".join(f"{count} {what}" for what, count in counts.items())
        self.say(f"import {result.import_request_id}: {result.state.value}; created {made}")
        _check(
            counts.get("ecritures") == len(self.lines),
            f"expected {len(self.lines)} entry lines, got {counts}",
        )
        return f"{counts.get('ecritures')} entry lines imported"

    def status(self) -> str:
        _check(self.import_id is not None, "no import (previous step failed)")
        assert self.import_id is not None
        result = self.loop.imports.status(self.import_id)
        self.say(f"status {result.state.value} (raw status {result.raw_status!r})")
        _check(result.ok, f"status is {result.state.value}")
        history = [str(h.accounting_import_request_id) for h in self.loop.imports.history(DOSSIER)]
        _check(self.import_id in history, "the import is not in the dossier's import history")
        return "succeeded, and listed in the import history"

    def entries_back(self) -> str:
        rows: list[dict[str, Any]] = []
        for journal in dict.fromkeys(line.journal for line in self.lines):
            # EcritureComptable requires a filter on codeLettrage (or ecritureOrigine).
            expr = F.code_lettrage.is_null() & (F.journal_code == journal)
            found = [e.to_dict() for e in self.loop.ecritures.list(DOSSIER, filter=expr)]
            expected = [line for line in self.lines if line.journal == journal]
            _check(
                len(found) == len(expected),
                f"journal {journal}: {len(found)} lines, expected {len(expected)}",
            )
            debit = sum(Decimal(str(e.get("debit") or 0)) for e in found)
            credit = sum(Decimal(str(e.get("credit") or 0)) for e in found)
            _check(debit == credit, f"journal {journal} is not balanced: {debit} != {credit}")
            rows += found
        self.console.print(
            _table(
                rows,
                {
                    "journalCode": "journal",
                    "numeroEcriture": "n°",
                    "compteNumero": "compte",
                    "tiersCode": "tiers",
                    "libelle": "libelle",
                    "debit": "debit",
                    "credit": "credit",
                },
            )
        )
        return f"{len(rows)} lines read back with filter codeLettrage == null && journalCode == ..."

    def new_accounts(self) -> str:
        before = {str(c.numero) for c in self.comptes}
        after = {str(c.numero): c for c in self.loop.comptes.iter(DOSSIER)}
        expected = {line.compte for line in self.lines} - before
        new = sorted(set(after) - before)
        self.console.print(
            _table(
                [{"numero": n, "libelle": after[n].libelle} for n in new],
                {"numero": "numero", "libelle": "libelle"},
            )
        )
        _check(set(new) == expected, f"new accounts {new}, expected {sorted(expected)}")
        journals = {str(j.code) for j in self.loop.journaux.list(DOSSIER)}
        _check({"AC", "VE"} <= journals, f"journals AC and VE missing: {sorted(journals)}")
        tiers = {str(t.code) for t in self.loop.tiers.list(DOSSIER)}
        wanted = {line.aux for line in self.lines if line.aux}
        _check(wanted <= tiers, f"tiers missing: {sorted(wanted - tiers)}")
        return f"{len(new)} accounts, journals AC and VE, tiers {', '.join(sorted(wanted))}"

    def invalid_fec(self) -> str:
        from cegid_loop.fec import InvalidImportFile

        bad_dir = self.workdir / "invalid"
        bad_dir.mkdir(exist_ok=True)
        siren = self.fec.name[:9] if self.fec else "732829320"
        bad = write_fec(bad_dir, siren, unbalanced(self.lines))
        sent_before = self.counter.count
        try:
            self.loop.imports.fec(DOSSIER, bad)
        except InvalidImportFile as exc:
            self.say(exc.message.splitlines()[0])
            for detail in exc.message.splitlines()[1:3]:
                self.say(detail)
        else:
            raise StepFailed("the unbalanced FEC file was imported")
        sent = self.counter.count - sent_before
        _check(sent == 0, f"{sent} request(s) reached the server")
        return "InvalidImportFile, and 0 requests reached the server"

    def run(self) -> list[tuple[str, bool, str]]:
        from cegid_loop.errors import LoopError

        outcomes: list[tuple[str, bool, str]] = []
        steps = self.steps()
        for n, (title, step) in enumerate(steps, start=1):
            self.console.rule(f"[bold]{n}/{len(steps)}  {title}", align="left")
            try:
                detail, ok = step(), True
            except StepFailed as exc:
                detail, ok = str(exc), False
            except (LoopError, OSError, ValueError, KeyError, AttributeError, TypeError) as exc:
                detail, ok = f"{type(exc).__name__}: {exc}", False
            mark = "[green]✓[/]" if ok else "[red]✗ FAILED:[/]"
            self.console.print(f"{mark} {scrub(detail)}", highlight=False)
            outcomes.append((title, ok, detail))
        return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cegid_loop.sandbox.demo", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--import-step-seconds",
        type=float,
        default=0.3,
        help="how long the sandbox keeps an import pending, then running (default 0.3)",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)

    from cegid_loop.sandbox.app import create_app
    from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

    console = Console(highlight=False)
    counter = RequestCounter(create_app(import_step_seconds=args.import_step_seconds))
    with SandboxServer(counter) as server, tempfile.TemporaryDirectory(prefix="cegid-loop-demo-") as tmp:
        base_url = f"{server.url}/loop-api-publiques"
        console.print(f"[bold]cegid-loop demo[/]: Loop sandbox on {base_url} (uvicorn, real HTTP; demo keys)")
        # Explicit settings: the LOOP_* variables of a real account must not send this demo elsewhere.
        with LoopClient(
            base_url=base_url, subscription_key=DEMO_SUBSCRIPTION_KEY, api_key=DEMO_API_KEY
        ) as loop:
            outcomes = Demo(loop, console, counter, Path(tmp)).run()
    failed = [(title, detail) for title, ok, detail in outcomes if not ok]
    console.rule()
    if failed:
        console.print(f"[red]{len(failed)} of {len(outcomes)} steps failed:[/]")
        for title, detail in failed:
            console.print(f"  - {title}: {scrub(detail)}", highlight=False)
        return 1
    console.print(
        f"[green]All {len(outcomes)} steps gave the expected result.[/] "
        f"({counter.count} HTTP requests served)"
    )
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
