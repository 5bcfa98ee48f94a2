"""The sandbox store: firms → dossiers → collections of JSON documents.

One implementation over ``sqlite3`` serves both modes: ``":memory:"`` by default, a file when the
sandbox is started with ``--db FILE`` (then the data survives a restart). Documents are stored as
JSON text, one row each; list order is insertion order (rowid), which modifications keep.

Revisions imitate SQL Server ``rowversion``: one counter per store, incremented on every write and
rendered ``0x`` + 16 upper-case hex digits (quirk Q-REVISION-HEX).

Files put in the deposit area live on disk, not in the database (a FEC can weigh a gigabyte): in
``FILE.blobs/`` beside a ``--db FILE``, in a temporary directory for an in-memory store. The
database keeps who owns each deposit, its file name and, once uploaded, its size.

The store holds no rule: revision checks, unique keys and the like belong to ``backend``.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import threading
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cegid_loop.sandbox import exactjson
from cegid_loop.sandbox.exceptions import StartupError

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
-- size is NULL until the file has been PUT to its deposit URL
CREATE TABLE IF NOT EXISTS deposits (
    token TEXT PRIMARY KEY, firm TEXT NOT NULL, filename TEXT NOT NULL, size INTEGER);
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


@dataclass(frozen=True)
class StoredDeposit:
    """A file put (or to be put) in the deposit area, as the store records it."""

    token: str
    firm: str
    filename: str
    size: int | None  # None until the file has been PUT to the deposit URL
    path: Path  # where its content is (or will be) on disk


class Store:
    """Thread-safe document store. All methods take the firm id first: firms never share rows."""

    def __init__(self, path: str | Path | None = None, *, blob_dir: str | Path | None = None) -> None:
        """Open (or create) the store. Raises :class:`StartupError` with a one-line reason when the
        file cannot be used: not a SQLite database, not writable, in a missing directory..."""
        self.path = str(path) if path is not None else ":memory:"
        # The server runs handlers in one event loop, but pytest fixtures and the sync transport
        # call from other threads: one connection guarded by a lock is enough at sandbox scale.
        self._lock = threading.RLock()
        self._depth = 0
        self._conn = self._open()
        self.blob_dir = self._blob_dir(blob_dir)

    def _open(self) -> sqlite3.Connection:
        where = "the in-memory store" if self.path == ":memory:" else f"--db {self.path}"
        if self.path != ":memory:" and Path(self.path).is_dir():
            raise StartupError(f"{where}: is a directory, not a SQLite file")
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StartupError(f"{where}: cannot be opened ({exc})") from exc
        try:
            conn.executescript(_SCHEMA)
            # A write now, so that a read-only file fails at start-up rather than on the first POST.
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', '2')")
        except sqlite3.DatabaseError as exc:
            conn.close()
            reason = "not a SQLite database" if "not a database" in str(exc) else str(exc)
            raise StartupError(f"{where}: cannot be used ({reason})") from exc
        return conn

    def _blob_dir(self, blob_dir: str | Path | None) -> Path:
        if blob_dir is not None:
            target = Path(blob_dir)
        elif self.path == ":memory:":
            target = Path(tempfile.mkdtemp(prefix="loop-sandbox-deposits-"))
            weakref.finalize(self, shutil.rmtree, target, ignore_errors=True)
        else:
            target = Path(self.path + ".blobs")
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StartupError(f"deposit area {target}: cannot be created ({exc.strerror or exc})") from exc
        self._export_legacy_blobs(target)
        return target

    def _export_legacy_blobs(self, target: Path) -> None:
        """Stores written before deposits moved to disk hold their uploads in a ``blobs`` table."""
        with self._lock:
            if self._conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'blobs'").fetchone() is None:
                return
            rows = self._conn.execute("SELECT firm, token, filename, data FROM blobs").fetchall()
            with self.transaction():
                for firm, token, filename, data in rows:
                    self.add_deposit(str(firm), str(token), str(filename))
                    if data is not None:
                        path = target / str(token) / safe_filename(str(filename))
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_bytes(bytes(data))
                        self.set_deposit_size(str(token), len(data))
                self._conn.execute("DROP TABLE blobs")

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
        return [exactjson.loads(r[0]) for r in rows]

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
        return [exactjson.loads(r[0]) for r in rows]

    def get(self, firm: str, dossier: str, collection: str, object_id: str) -> Document | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT body FROM documents WHERE {_WHERE_DOC}",
                (firm, dossier, collection, object_id),
            ).fetchone()
        return None if row is None else exactjson.loads(row[0])

    def insert(self, firm: str, dossier: str, collection: str, doc: Document) -> Document:
        """Store a new document: fresh objectId unless one is given, fresh revisionId always."""
        new = dict(doc)
        new["objectId"] = str(new.get("objectId") or new_object_id())
        with self.transaction():
            new["revisionId"] = self.next_revision()
            self._conn.execute(
                "INSERT INTO documents (firm, dossier, collection, object_id, body) VALUES (?, ?, ?, ?, ?)",
                (firm, dossier, collection, new["objectId"], exactjson.dumps(new, ensure_ascii=False)),
            )
        return new

    def update(self, firm: str, dossier: str, collection: str, doc: Document) -> Document | None:
        """Replace a document (fresh revisionId); None when it does not exist."""
        object_id = str(doc["objectId"])
        with self.transaction():
            if self.get(firm, dossier, collection, object_id) is None:
                return None
            new = dict(doc)
            new["revisionId"] = self.next_revision()
            self._conn.execute(
                f"UPDATE documents SET body = ? WHERE {_WHERE_DOC}",
                (exactjson.dumps(new, ensure_ascii=False), firm, dossier, collection, object_id),
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
        with self._lock:
            tokens = [r[0] for r in self._conn.execute("SELECT token FROM deposits WHERE firm = ?", (firm,))]
        for token in tokens:  # the uploaded files go with their rows
            shutil.rmtree(self.blob_dir / str(token), ignore_errors=True)
        with self.transaction():
            for table in ("dossiers", "documents", "deposits", "imports"):
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

    # -- deposit area and import requests ---------------------------------------------------------

    def add_deposit(self, firm: str, token: str, filename: str) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO deposits (token, firm, filename, size) VALUES (?, ?, ?, NULL)",
                (token, firm, filename),
            )

    def get_deposit(self, token: str) -> StoredDeposit | None:
        """A deposit by its token (the upload carries no API key: the token says whose it is)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT firm, filename, size FROM deposits WHERE token = ?", (token,)
            ).fetchone()
        if row is None:
            return None
        firm, filename, size = str(row[0]), str(row[1]), row[2]
        path = self.blob_dir / token / safe_filename(filename)
        return StoredDeposit(token, firm, filename, None if size is None else int(size), path)

    def set_deposit_size(self, token: str, size: int) -> None:
        with self._lock:
            self._conn.execute("UPDATE deposits SET size = ? WHERE token = ?", (size, token))

    def save_import(self, firm: str, record: Document, *, settled: bool = False) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO imports (firm, id, body, settled) VALUES (?, ?, ?, ?)",
                (
                    firm,
                    record["accountingImportRequestId"],
                    exactjson.dumps(record, ensure_ascii=False),
                    int(settled),
                ),
            )

    def unsettled_imports(self, firm: str) -> list[Document]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT body FROM imports WHERE firm = ? AND settled = 0 ORDER BY rowid", (firm,)
            ).fetchall()
        return [exactjson.loads(r[0]) for r in rows]

    def import_settled(self, firm: str, request_id: str) -> bool:
        with self._lock:
            row = self._conn.execute(
                "SELECT settled FROM imports WHERE firm = ? AND id = ?", (firm, request_id)
            ).fetchone()
        return row is not None and bool(row[0])

    def get_import(self, firm: str, request_id: str) -> Document | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT body FROM imports WHERE firm = ? AND id = ?", (firm, request_id)
            ).fetchone()
        return None if row is None else exactjson.loads(row[0])

    def list_imports(self, firm: str) -> list[Document]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT body FROM imports WHERE firm = ? ORDER BY rowid", (firm,)
            ).fetchall()
        return [exactjson.loads(r[0]) for r in rows]

    # -- seeding marker ---------------------------------------------------------------------------

    def is_seeded(self, firm: str) -> bool:
        return self.get_meta(f"seeded:{firm}") is not None

    def mark_seeded(self, firm: str) -> None:
        self.set_meta(f"seeded:{firm}", "1")


def safe_filename(name: str) -> str:
    """The name a deposited file gets on disk: what the client chose, made harmless for a file system
    (the validator reads the FEC's name for its closing date, so the usual names stay as they are)."""
    cleaned = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)[:200]
    return "_" if cleaned in ("", ".", "..") else cleaned
