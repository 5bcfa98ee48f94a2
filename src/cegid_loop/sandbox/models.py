"""The sandbox store: firms → dossiers → collections of JSON documents.

One implementation over ``sqlite3`` serves both modes: ``":memory:"`` by default, a file when the
sandbox is started with ``--db FILE`` (then the data survives a restart). Documents are stored as
JSON text, one row each; list order is insertion order (rowid), which modifications keep.

Revisions imitate SQL Server ``rowversion``: one counter per store, incremented on every write and
rendered ``0x`` + 16 upper-case hex digits (quirk Q-REVISION-HEX).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Document = dict[str, Any]

_WHERE_DOC = "firm = ? AND dossier = ? AND collection = ? AND object_id = ?"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (
    firm TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (firm, code));
CREATE TABLE IF NOT EXISTS documents (
    firm TEXT NOT NULL, dossier TEXT NOT NULL, collection TEXT NOT NULL,
    object_id TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (firm, dossier, collection, object_id));
-- An index holds the rowid after its columns: a collection is read in insertion order without a sort.
CREATE INDEX IF NOT EXISTS documents_in_order ON documents (firm, dossier, collection);
CREATE TABLE IF NOT EXISTS blobs (
    firm TEXT NOT NULL, token TEXT NOT NULL, filename TEXT NOT NULL, data BLOB,
    PRIMARY KEY (firm, token));
CREATE TABLE IF NOT EXISTS imports (
    firm TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, settled INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (firm, id));
"""

# The firm-level pseudo dossier that holds cabinet resources (codeDossier=cabinet in the docs).
CABINET = "cabinet"


def format_revision(counter: int) -> str:
    """A rowversion-like revision id: ``0x`` + 16 upper-case hex digits."""
    return f"0x{counter:016X}"


def new_object_id() -> str:
    return str(uuid.uuid4())


class RevisionConflict(Exception):
    """The revisionId sent with a write is not the current one: nothing was written."""

    def __init__(self, current: str) -> None:
        super().__init__("stale revisionId")
        self.current = current


@dataclass(frozen=True)
class Blob:
    token: str
    filename: str
    data: bytes | None  # None until the file has been PUT to the deposit URL


class Store:
    """Thread-safe document store. All methods take the firm id first: firms never share rows."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else ":memory:"
        # The server runs handlers in one event loop, but pytest fixtures and the sync transport
        # call from other threads: one connection guarded by a lock is enough at sandbox scale.
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        self._depth = 0
        with self._lock:
            self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing block (nested calls join the outer transaction)."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self._conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._conn.execute("COMMIT")

    # -- meta / revisions -------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def next_revision(self) -> str:
        with self.transaction():
            counter = int(self.get_meta("rowversion") or "4096") + 1
            self.set_meta("rowversion", str(counter))
        return format_revision(counter)

    # -- dossiers ---------------------------------------------------------------------------------

    def add_dossier(self, firm: str, code: str) -> None:
        with self._lock:
            self._conn.execute("INSERT OR IGNORE INTO dossiers (firm, code) VALUES (?, ?)", (firm, code))

    def has_dossier(self, firm: str, code: str) -> bool:
        with self._lock:
            row = self._conn.execute(
                "SELECT 1 FROM dossiers WHERE firm = ? AND code = ?", (firm, code)
            ).fetchone()
        return row is not None

    def dossiers(self, firm: str) -> list[str]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT code FROM dossiers WHERE firm = ? ORDER BY rowid", (firm,)
            ).fetchall()
        return [str(r[0]) for r in rows]

    # -- documents --------------------------------------------------------------------------------

    def documents(self, firm: str, dossier: str, collection: str) -> list[Document]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT body FROM documents WHERE firm = ? AND dossier = ? AND collection = ? ORDER BY rowid",
                (firm, dossier, collection),
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def documents_page(
        self, firm: str, dossier: str, collection: str, offset: int, limit: int
    ) -> list[Document]:
        """One page in storage order, decoded alone: paging a large collection costs one page."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT body FROM documents WHERE firm = ? AND dossier = ? AND collection = ?"
                " ORDER BY rowid LIMIT ? OFFSET ?",
                (firm, dossier, collection, limit, offset),
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def get(self, firm: str, dossier: str, collection: str, object_id: str) -> Document | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT body FROM documents WHERE {_WHERE_DOC}",
                (firm, dossier, collection, object_id),
            ).fetchone()
        return None if row is None else json.loads(row[0])

    def insert(self, firm: str, dossier: str, collection: str, doc: Document) -> Document:
        """Store a new document: fresh objectId unless one is given, fresh revisionId always."""
        new = dict(doc)
        new["objectId"] = str(new.get("objectId") or new_object_id())
        with self.transaction():
            new["revisionId"] = self.next_revision()
            self._conn.execute(
                "INSERT INTO documents (firm, dossier, collection, object_id, body) VALUES (?, ?, ?, ?, ?)",
                (firm, dossier, collection, new["objectId"], json.dumps(new, ensure_ascii=False)),
            )
        return new

    def update(
        self, firm: str, dossier: str, collection: str, doc: Document, *, expected_revision: str | None
    ) -> Document | None:
        """Replace a document. None when it does not exist; RevisionConflict when the revision is stale.

        ``expected_revision=None`` skips the check (internal writes such as imports).
        """
        object_id = str(doc["objectId"])
        with self.transaction():
            current = self.get(firm, dossier, collection, object_id)
            if current is None:
                return None
            if expected_revision is not None and expected_revision != current["revisionId"]:
                raise RevisionConflict(current["revisionId"])
            new = dict(doc)
            new["revisionId"] = self.next_revision()
            self._conn.execute(
                f"UPDATE documents SET body = ? WHERE {_WHERE_DOC}",
                (json.dumps(new, ensure_ascii=False), firm, dossier, collection, object_id),
            )
        return new

    def delete(self, firm: str, dossier: str, collection: str, object_id: str) -> Document | None:
        with self.transaction():
            current = self.get(firm, dossier, collection, object_id)
            if current is not None:
                self._conn.execute(
                    f"DELETE FROM documents WHERE {_WHERE_DOC}",
                    (firm, dossier, collection, object_id),
                )
        return current

    def clear_firm(self, firm: str) -> None:
        """Forget everything a firm has (used by reset before re-seeding)."""
        with self.transaction():
            for table in ("dossiers", "documents", "blobs", "imports"):
                self._conn.execute(f"DELETE FROM {table} WHERE firm = ?", (firm,))
            self._conn.execute("DELETE FROM meta WHERE key = ?", (f"seeded:{firm}",))

    def count(self, firm: str, dossier: str | None = None, collection: str | None = None) -> int:
        sql, args = "SELECT COUNT(*) FROM documents WHERE firm = ?", [firm]
        if dossier is not None:
            sql, args = sql + " AND dossier = ?", [*args, dossier]
        if collection is not None:
            sql, args = sql + " AND collection = ?", [*args, collection]
        with self._lock:
            return int(self._conn.execute(sql, args).fetchone()[0])

    # -- blobs (deposit area) and import requests -------------------------------------------------

    def put_blob(self, firm: str, token: str, filename: str, data: bytes | None) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO blobs (firm, token, filename, data) VALUES (?, ?, ?, ?)",
                (firm, token, filename, data),
            )

    def get_blob(self, firm: str, token: str) -> Blob | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT filename, data FROM blobs WHERE firm = ? AND token = ?", (firm, token)
            ).fetchone()
        return None if row is None else Blob(token, str(row[0]), None if row[1] is None else bytes(row[1]))

    def blob_owner(self, token: str) -> str | None:
        """The firm a deposit token was issued to (the upload itself carries no API key)."""
        with self._lock:
            row = self._conn.execute("SELECT firm FROM blobs WHERE token = ?", (token,)).fetchone()
        return None if row is None else str(row[0])

    def save_import(self, firm: str, record: Document, *, settled: bool = False) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO imports (firm, id, body, settled) VALUES (?, ?, ?, ?)",
                (
                    firm,
                    record["accountingImportRequestId"],
                    json.dumps(record, ensure_ascii=False),
                    int(settled),
                ),
            )

    def unsettled_imports(self, firm: str) -> list[Document]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT body FROM imports WHERE firm = ? AND settled = 0 ORDER BY rowid", (firm,)
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def get_import(self, firm: str, request_id: str) -> Document | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT body FROM imports WHERE firm = ? AND id = ?", (firm, request_id)
            ).fetchone()
        return None if row is None else json.loads(row[0])

    def list_imports(self, firm: str) -> list[Document]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT body FROM imports WHERE firm = ? ORDER BY rowid", (firm,)
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    # -- seeding marker ---------------------------------------------------------------------------

    def is_seeded(self, firm: str) -> bool:
        return self.get_meta(f"seeded:{firm}") is not None

    def mark_seeded(self, firm: str) -> None:
        self.set_meta(f"seeded:{firm}", "1")
