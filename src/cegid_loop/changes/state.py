"""The saved state of change detection: one SQLite file (stdlib ``sqlite3``), every record's body kept.

Tables (the file may hold others: the mirror adds its own)::

    records (dossier, resource, key, object_id, revision_id, digest, body)   -- body: JSON as sent
    scopes  (dossier, resource, records, read_at)                            -- last complete read

A resource of a dossier moves from one complete read to the next in one transaction, so an
interrupted process leaves the previous state, never half of the new one. The file is in WAL
mode: it can be read (``sqlite3 FILE "select body from records"``) while a process writes it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from cegid_loop.changes.records import Body, Delta, Saved
from cegid_loop.errors import ConfigurationError
from cegid_loop_api.types import loads  # amounts back as Decimals, as they were read

DEFAULT_STATE_PATH = "cegid-loop-state.sqlite"
SCHEMA_KEY, SCHEMA_VERSION = "cegid-loop.changes", "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cegid_loop_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    dossier TEXT NOT NULL, resource TEXT NOT NULL, key TEXT NOT NULL,
    object_id TEXT, revision_id TEXT, digest TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (dossier, resource, key));
CREATE TABLE IF NOT EXISTS scopes (
    dossier TEXT NOT NULL, resource TEXT NOT NULL, records INTEGER NOT NULL, read_at TEXT NOT NULL,
    PRIMARY KEY (dossier, resource));
"""
_UPSERT = """
INSERT INTO records (dossier, resource, key, object_id, revision_id, digest, body)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (dossier, resource, key) DO UPDATE SET
    object_id = excluded.object_id, revision_id = excluded.revision_id,
    digest = excluded.digest, body = excluded.body
"""
_BATCH = 500  # keys per SELECT ... IN (...): under SQLite's smallest variable limit


class StateError(ConfigurationError):
    """The state file cannot be used (not SQLite, unwritable, made by an unknown version)."""


@dataclass(frozen=True)
class Scope:
    """A resource of a dossier as last read completely: how many records, and when (UTC)."""

    dossier: str
    resource: str
    records: int
    read_at: str


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class ChangeState:
    """The saved records of every (dossier, resource) read so far. Use from one thread."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_STATE_PATH) -> None:
        self.path = os.fspath(path)
        self._depth = 0
        self.connection = self._open()

    def _open(self) -> sqlite3.Connection:
        if self.path != ":memory:" and Path(self.path).is_dir():
            raise StateError(f"{self.path}: is a directory, not a SQLite file")
        try:
            conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StateError(f"{self.path}: cannot be opened ({exc})") from None
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # with WAL: a killed process loses nothing
            conn.executescript(_SCHEMA)
            row = conn.execute("SELECT value FROM cegid_loop_meta WHERE key = ?", (SCHEMA_KEY,)).fetchone()
            if row is None:
                conn.execute("INSERT INTO cegid_loop_meta VALUES (?, ?)", (SCHEMA_KEY, SCHEMA_VERSION))
            elif row[0] != SCHEMA_VERSION:
                raise StateError(
                    f"{self.path}: state format {row[0]!r}, this version reads {SCHEMA_VERSION!r}"
                )
        except sqlite3.Error as exc:
            conn.close()
            reason = "not a SQLite database" if "not a database" in str(exc) else str(exc)
            raise StateError(f"{self.path}: cannot be used ({reason})") from None
        except StateError:
            conn.close()
            raise
        return conn

    # -- transactions ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing; a nested block joins the outer one."""
        outer = self._depth == 0
        if outer:
            self.connection.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield self.connection
        except BaseException:
            self._depth -= 1
            if outer:
                self.connection.execute("ROLLBACK")
            raise
        self._depth -= 1
        if outer:
            self.connection.execute("COMMIT")

    # -- reads ----------------------------------------------------------------------------------

    def saved(self, dossier: str, resource: str) -> dict[str, Saved]:
        rows = self.connection.execute(
            "SELECT key, object_id, revision_id, digest FROM records"
            " WHERE dossier = ? AND resource = ? ORDER BY rowid",
            (dossier, resource),
        )
        return {key: Saved(key, oid, rev, digest) for key, oid, rev, digest in rows}

    def bodies(self, dossier: str, resource: str, keys: Iterable[str]) -> dict[str, Body]:
        wanted = list(keys)
        out: dict[str, Body] = {}
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            rows = self.connection.execute(
                f"SELECT key, body FROM records WHERE dossier = ? AND resource = ? AND key IN ({marks})",
                (dossier, resource, *batch),
            )
            out.update((key, loads(body)) for key, body in rows)
        return out

    def records(self, dossier: str, resource: str) -> list[Body]:
        """The saved bodies, in the order first read."""
        rows = self.connection.execute(
            "SELECT body FROM records WHERE dossier = ? AND resource = ? ORDER BY rowid", (dossier, resource)
        )
        return [loads(body) for (body,) in rows]

    def scope(self, dossier: str, resource: str) -> Scope | None:
        row = self.connection.execute(
            "SELECT records, read_at FROM scopes WHERE dossier = ? AND resource = ?", (dossier, resource)
        ).fetchone()
        return None if row is None else Scope(dossier, resource, int(row[0]), str(row[1]))

    def scopes(self) -> list[Scope]:
        rows = self.connection.execute(
            "SELECT dossier, resource, records, read_at FROM scopes ORDER BY dossier, resource"
        )
        return [Scope(str(d), str(r), int(n), str(at)) for d, r, n, at in rows]

    # -- writes ---------------------------------------------------------------------------------

    def apply(self, dossier: str, resource: str, delta: Delta, *, records: int) -> None:
        """Move (dossier, resource) to what was read: ``records`` is how many that read holds."""
        upserts = [
            (dossier, resource, s.key, s.object_id, s.revision_id, s.digest, s.text)
            for s in [*delta.created, *(snap for _, snap in delta.modified)]
        ]
        with self.transaction() as conn:
            conn.executemany(_UPSERT, upserts)
            conn.executemany(
                "DELETE FROM records WHERE dossier = ? AND resource = ? AND key = ?",
                [(dossier, resource, saved.key) for saved in delta.deleted],
            )
            conn.execute(
                "INSERT OR REPLACE INTO scopes VALUES (?, ?, ?, ?)", (dossier, resource, records, now_utc())
            )

    # -- lifetime -------------------------------------------------------------------------------

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> ChangeState:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


__all__ = ["DEFAULT_STATE_PATH", "ChangeState", "Scope", "StateError", "now_utc"]
