"""Import a FEC file, and never send the same file twice: reconcile by the import's id.

    python examples/import_fec.py                             # sandbox, with a sample FEC it writes
    python examples/import_fec.py FILE --live --dossier CODE  # your Loop (LOOP_* variables): it WRITES

The import id (``accountingImportRequestId``) is written to a journal file the moment Loop accepts
the start, before the wait. Run the script again after a crash, a timeout or a Ctrl-C: it finds the
file (by dossier and SHA-256) in the journal and waits for *that* import instead of sending the file
again, which would post its entries twice. The journal is ``loop-imports.json`` (``--journal``);
the sandbox keeps its data in ``loop-sandbox.sqlite`` (``--sandbox-db``), so that a second run finds
the import of the first one there too.

Exit status as the ``cegid-loop`` command: 0 succeeded, 1 refused or failed, 2 cannot run,
3 outcome unknown, 4 still running.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from cegid_loop import ImportNotConfirmed, ImportProgress, ImportResult, ImportTimeout, LoopClient, LoopError


def connect(live: bool, sandbox_db: Path) -> LoopClient:
    """Loop itself with ``--live`` (``LOOP_*`` variables), otherwise an in-process sandbox whose data
    is kept in ``sandbox_db`` (a second run sees the imports of the first)."""
    if live:
        return LoopClient()
    from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
    from cegid_loop.sandbox.app import sandbox_sync_transport

    return LoopClient(
        base_url="http://sandbox.localhost/loop-api-publiques",
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        api_key=DEMO_API_KEY,
        transport=sandbox_sync_transport(import_step_seconds=0.1, db_path=sandbox_db),
    )


def load(journal: Path) -> dict[str, Any]:
    return dict(json.loads(journal.read_text(encoding="utf-8"))) if journal.exists() else {}


def save(journal: Path, entries: dict[str, Any]) -> None:
    """Write the journal atomically: a crash leaves the old file or the new one, never half of it."""
    partial = journal.with_suffix(".partial")
    partial.write_text(json.dumps(entries, indent=2), encoding="utf-8")
    partial.replace(journal)


def sample_fec() -> Path:
    """The sandbox's sample FEC (dossier CEGID001, SIREN 732829320), for a run without a file."""
    from cegid_loop.fec.samples import demo_entries, write_fec

    return write_fec(Path(tempfile.mkdtemp()), "732829320", demo_entries())


def show(event: ImportProgress) -> None:
    print(f"  {event.stage}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import a FEC file once, reconciling by its import id.")
    parser.add_argument("file", type=Path, nargs="?", help="the FEC file (sandbox: a sample if omitted)")
    parser.add_argument("--live", action="store_true", help="import into Loop (LOOP_* variables)")
    parser.add_argument("--dossier", default="CEGID001")
    parser.add_argument("--journal", type=Path, default=Path("loop-imports.json"))
    parser.add_argument("--sandbox-db", type=Path, default=Path("loop-sandbox.sqlite"), help="sandbox data")
    args = parser.parse_args(argv)
    if args.file is None and args.live:
        parser.error("--live needs a FEC file")
    path: Path = args.file or sample_fec()

    key = f"{args.dossier}:{hashlib.sha256(path.read_bytes()).hexdigest()}"
    journal = load(args.journal)
    try:
        with connect(args.live, args.sandbox_db) as loop:
            # --8<-- [start:reconcile]
            entry = journal.get(key)
            if entry and "import_request_id" in entry:
                import_id = entry["import_request_id"]
                print(f"{path.name} was already sent to {args.dossier} as import {import_id}: not sent again")
            elif entry:  # ImportNotConfirmed last time: only a person can tell whether Loop has it
                print(f"{path.name}: the last start was not confirmed; check `cegid-loop imports history`")
                return 3
            else:
                # Validated offline first (a broken file is never uploaded), deposited, started.
                started = loop.imports.fec(args.dossier, path, wait=False, on_progress=show)
                import_id = started.import_request_id
                journal[key] = {"file": str(path), "import_request_id": import_id}
                save(args.journal, journal)
                print(f"import {import_id} started")
            result: ImportResult = loop.imports.wait(import_id, raise_on_failure=False, on_progress=show)
            # --8<-- [end:reconcile]
    except ImportNotConfirmed as exc:  # the start may have reached Loop: never replayed blindly
        journal[key] = {"file": str(path), "uri": exc.uri, "not_confirmed": True}
        save(args.journal, journal)
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except ImportTimeout as exc:  # still running: the next run waits for it again
        print(f"error: {exc}", file=sys.stderr)
        return 4
    except LoopError as exc:  # InvalidImportFile included: nothing was uploaded
        print(f"error: {exc}", file=sys.stderr)
        return 1

    journal[key]["state"] = str(result.state)
    save(args.journal, journal)
    print(f"import {result.import_request_id}: {result.state}")
    if result.details.get("result"):
        print("result:", ", ".join(f"{n} {what}" for what, n in result.details["result"].items()))
    if result.ok:
        return 0
    return 1 if result.state.final else 3


if __name__ == "__main__":
    sys.exit(main())
