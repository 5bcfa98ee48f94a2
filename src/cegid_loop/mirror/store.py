"""The mirror database: the change-detection state (every record's JSON) plus the runs that fill it.

One SQLite file. Besides ``records`` and ``scopes`` (:mod:`cegid_loop.changes.state`)::

    mirror_runs    (id, plan, started_at, finished_at, status)     -- running | finished | abandoned
    mirror_steps   (run, dossier, resource, status, records, created, modified, deleted, ...)
    mirror_changes (run, dossier, resource, kind, key, object_id, revision_id, previous_revision_id)

and one view per resource (``comptes``, ``tiers_clients``...: dossier, object_id, revision_id,
body) to query it: ``SELECT json_extract(body, '$.numero') FROM comptes WHERE dossier = 'CEGID001'``.

A step (one resource of one dossier) is saved in one transaction, with its records, its changes and
its outcome: a run killed at any point leaves every step either saved or not started, and the next
run with the same plan resumes it (skips the saved steps).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cegid_loop.changes.records import Change, Delta
from cegid_loop.changes.state import ChangeState, now_utc
from cegid_loop.mirror.scope import FIRM_RESOURCE, MIRRORABLE
from cegid_loop.mirror.summary import StepOutcome, StepStatus

DEFAULT_MIRROR_PATH = "cegid-loop-mirror.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mirror_runs (
    id INTEGER PRIMARY KEY, plan TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
    status TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mirror_steps (
    run INTEGER NOT NULL, dossier TEXT NOT NULL, resource TEXT NOT NULL, status TEXT NOT NULL,
    records INTEGER NOT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL,
    deleted INTEGER NOT NULL, looked_up INTEGER NOT NULL, reads INTEGER NOT NULL, error TEXT,
    finished_at TEXT NOT NULL, PRIMARY KEY (run, dossier, resource));
CREATE TABLE IF NOT EXISTS mirror_changes (
    run INTEGER NOT NULL, dossier TEXT NOT NULL, resource TEXT NOT NULL, kind TEXT NOT NULL,
    key TEXT NOT NULL, object_id TEXT, revision_id TEXT, previous_revision_id TEXT);
CREATE INDEX IF NOT EXISTS mirror_changes_by_run ON mirror_changes (run, dossier, resource);
"""
_STEP_COLUMNS = "dossier, resource, status, records, created, modified, deleted, looked_up, reads, error"


@dataclass(frozen=True)
class OpenRun:
    id: int
    resumed: bool
    done: frozenset[tuple[str, str]]  # (dossier, resource) already saved by this run
    started_at: str


def plan_text(dossiers: Iterable[str] | None, resources: Iterable[str]) -> str:
    """What a run does, as text: a run resumes only an interrupted run with the same plan."""
    return json.dumps(
        {"dossiers": "all" if dossiers is None else list(dossiers), "resources": list(resources)},
        separators=(",", ":"),
    )


class MirrorStore:
    """The mirror database (a :class:`ChangeState` and the run tables, one connection)."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_MIRROR_PATH) -> None:
        self.state = ChangeState(path)
        self.path = self.state.path
        self.db = self.state.connection
        self.db.executescript(_SCHEMA)  # (executescript commits: not inside a transaction)
        with self.state.transaction() as conn:
            for name in (*MIRRORABLE, FIRM_RESOURCE):
                conn.execute(
                    f'CREATE VIEW IF NOT EXISTS "{name}" AS SELECT dossier, object_id, revision_id, body'
                    f" FROM records WHERE resource = '{name}'"
                )

    # -- runs -----------------------------------------------------------------------------------

    def open_run(self, plan: str, *, restart: bool = False) -> OpenRun:
        """Resume the interrupted run with this plan, or start one (abandoning any other open run)."""
        with self.state.transaction() as conn:
            row = conn.execute(
                "SELECT id, plan, started_at FROM mirror_runs WHERE status = 'running'"
                " ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is not None and row[1] == plan and not restart:
                done = conn.execute(
                    "SELECT dossier, resource FROM mirror_steps WHERE run = ? AND status = 'done'", (row[0],)
                )
                return OpenRun(int(row[0]), True, frozenset((str(d), str(r)) for d, r in done), str(row[2]))
            conn.execute(
                "UPDATE mirror_runs SET status = 'abandoned', finished_at = ? WHERE status = 'running'",
                (now_utc(),),
            )
            started = now_utc()
            cursor = conn.execute(
                "INSERT INTO mirror_runs (plan, started_at, status) VALUES (?, ?, 'running')", (plan, started)
            )
            assert cursor.lastrowid is not None
            return OpenRun(cursor.lastrowid, False, frozenset(), started)

    def finish_run(self, run_id: int) -> None:
        with self.state.transaction() as conn:
            conn.execute(
                "UPDATE mirror_runs SET status = 'finished', finished_at = ? WHERE id = ?",
                (now_utc(), run_id),
            )

    def run_status(self, run_id: int) -> str | None:
        row = self.db.execute("SELECT status FROM mirror_runs WHERE id = ?", (run_id,)).fetchone()
        return None if row is None else str(row[0])

    # -- steps ----------------------------------------------------------------------------------

    def save_step(
        self, run_id: int, outcome: StepOutcome, delta: Delta, changes: Iterable[Change[Any]]
    ) -> None:
        """The records read, the changes and the outcome of one step, all or nothing."""
        with self.state.transaction() as conn:
            self.state.apply(outcome.dossier, outcome.resource, delta, records=outcome.records)
            conn.executemany(
                "INSERT INTO mirror_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        c.dossier,
                        c.resource,
                        c.kind.value,
                        c.key,
                        c.object_id,
                        c.revision_id,
                        c.previous_revision_id,
                    )
                    for c in changes
                ],
            )
            self._put_step(run_id, outcome)

    def fail_step(self, run_id: int, outcome: StepOutcome) -> None:
        with self.state.transaction():
            self._put_step(run_id, outcome)

    def _put_step(self, run_id: int, s: StepOutcome) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO mirror_steps (run, {_STEP_COLUMNS}, finished_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                s.dossier,
                s.resource,
                s.status.value,
                s.records,
                s.created,
                s.modified,
                s.deleted,
                s.looked_up,
                s.reads,
                s.error,
                now_utc(),
            ),
        )

    def steps(self, run_id: int) -> list[StepOutcome]:
        rows = self.db.execute(
            f"SELECT {_STEP_COLUMNS} FROM mirror_steps WHERE run = ? ORDER BY rowid", (run_id,)
        )
        return [
            StepOutcome(d, r, StepStatus(st), n, c, m, x, lk, rd, err)
            for d, r, st, n, c, m, x, lk, rd, err in rows
        ]

    def changes(self, run_id: int) -> list[dict[str, Any]]:
        """The changes a run saved: kind, dossier, resource, key, objectId, revisionId, previous."""
        rows = self.db.execute(
            "SELECT kind, dossier, resource, key, object_id, revision_id, previous_revision_id"
            " FROM mirror_changes WHERE run = ? ORDER BY rowid",
            (run_id,),
        )
        names = ("kind", "dossier", "resource", "key", "objectId", "revisionId", "previousRevisionId")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def mirrored_dossiers(self) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT dossier FROM scopes WHERE resource != ? ORDER BY dossier", (FIRM_RESOURCE,)
        )
        return [str(d) for (d,) in rows]

    def records(self, dossier: str, resource: str) -> list[Mapping[str, Any]]:
        return list(self.state.records(dossier, resource))

    def close(self) -> None:
        self.state.close()


__all__ = ["DEFAULT_MIRROR_PATH", "MirrorStore", "OpenRun", "plan_text"]
