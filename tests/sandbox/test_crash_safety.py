"""An import is applied exactly once or not at all, whatever instant the sandbox is killed at.

Two imports (a FEC file and a JSON body) are queued in a ``--db`` store; then, for every N, a
forked copy of the sandbox settles them and is killed with SIGKILL just before its N-th SQL
statement (N = 1, 2, ... until a run completes). After each kill the same file is reopened: each
import must be applied once (entries present, status done, marked settled) or not at all (no
entry, still due), and the next API call must finish it, once.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest

from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
from cegid_loop.sandbox.auth import demo_firm
from cegid_loop.sandbox.deposit import DepositArea
from cegid_loop.sandbox.import_jobs import ImportService
from cegid_loop.sandbox.store import Store
from cegid_loop.sandbox.urls import load_spec

from .conftest import DEMO_HEADERS, FakeClock
from .test_imports import GOOD_FEC, deposit, json_body

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked sandbox")

START = 1_800_000_000.0
DUE = START + 100  # both imports are final by then (10 s per phase)
EXPECTED = {"fec": 5, "json": 2}  # entries each import holds
SPEC = load_spec()


def client_on(db: Path, clock: FakeClock) -> httpx.Client:
    app = create_app(db_path=db, import_step_seconds=10, clock=clock, spec=SPEC)
    return httpx.Client(
        transport=sandbox_sync_transport(app), base_url="http://sandbox.test", headers=DEMO_HEADERS
    )


def queue_two_imports(db: Path) -> dict[str, str]:
    with client_on(db, FakeClock(START)) as client:
        uri = deposit(client, GOOD_FEC)
        fec = client.post("/importFEC", json={"codeIbs": "CEGID001", "URI": uri}).json()
        js = client.post("/importJson", json=json_body()).json()
    return {"fec": fec["accountingImportRequestId"], "json": js["accountingImportRequestId"]}


def settle_and_die_at(db: Path, statement: int) -> int:
    """Exit status of a forked sandbox that settles the due imports, SIGKILLed before its
    ``statement``-th SQL statement (0 when it got to the end first)."""
    pid = os.fork()
    if pid == 0:  # the child: nothing it does may return into pytest
        try:
            store = Store(db)
            imports = ImportService(store, DepositArea(store), step_seconds=10, clock=lambda: DUE)
            seen = 0

            def before_each_statement(sql: str) -> None:
                nonlocal seen
                seen += 1
                if seen == statement:
                    os.kill(os.getpid(), signal.SIGKILL)

            store._conn.set_trace_callback(before_each_statement)  # the test's hook into sqlite3
            imports.settle(demo_firm().id)
            os._exit(0)
        except BaseException:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def on_disk(db: Path, request_id: str) -> tuple[int, bool, Any]:
    """(entries of the import, settled flag, status) read straight from the file."""
    with closing(sqlite3.connect(db)) as conn:
        entries = conn.execute(
            "SELECT COUNT(*) FROM documents WHERE collection = 'ecriturecomptable'"
            " AND json_extract(body, '$.importRequestId') = ?",
            (request_id,),
        ).fetchone()[0]
        settled, status = conn.execute(
            "SELECT settled, json_extract(body, '$.status') FROM imports WHERE id = ?", (request_id,)
        ).fetchone()
    return int(entries), bool(settled), status


def test_a_kill_at_any_statement_leaves_each_import_applied_once_or_not_at_all(tmp_path: Path) -> None:
    pristine = tmp_path / "pristine.sqlite"
    ids = queue_two_imports(pristine)
    outcomes: set[tuple[str, bool]] = set()
    statement = 0
    while True:
        statement += 1
        assert statement < 500, "the settlement never completed"
        db = tmp_path / f"run-{statement}.sqlite"
        shutil.copy(pristine, db)
        shutil.copytree(Path(f"{pristine}.blobs"), Path(f"{db}.blobs"))
        code = settle_and_die_at(db, statement)
        assert code in (0, -signal.SIGKILL), f"the child failed ({code}) at statement {statement}"
        for kind, request_id in ids.items():
            entries, settled, status = on_disk(db, request_id)
            applied = (entries, settled, status) == (EXPECTED[kind], True, "done")
            assert applied or (entries, settled) == (0, False), (statement, kind, entries, settled, status)
            outcomes.add((kind, applied))
        # reopened on the same file, the sandbox finishes what was left, exactly once
        with client_on(db, FakeClock(DUE)) as client:
            for kind, request_id in ids.items():
                answer = client.get("/getImportStatus", params={"accountingImportRequestId": request_id})
                assert answer.json()["statusLabel"] == "done", (statement, kind, answer.json())
                assert on_disk(db, request_id) == (EXPECTED[kind], True, "done"), (statement, kind)
            flt = {"codeDossier": "CEGID001", "filter": 'numero == "60650000"'}
            assert len(client.get("/compte", params=flt).json()) == 1  # created once by the FEC
        shutil.rmtree(Path(f"{db}.blobs"))
        db.unlink()
        if code == 0:
            break
    assert statement > 20  # every statement of both settlements was a crash point
    # kills were seen with nothing applied, and with the first import applied and not the second
    assert {("fec", False), ("json", False), ("fec", True), ("json", True)} <= outcomes
