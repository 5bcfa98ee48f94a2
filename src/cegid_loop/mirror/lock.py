"""One mirror at a time per database: an exclusive lock on ``FILE.lock`` (stdlib only).

The operating system drops the lock when the process ends, however it ends (``kill -9``
included), so an interrupted mirror never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import IO

from cegid_loop.errors import LoopError


class MirrorBusy(LoopError):
    """Another process is mirroring into the same database."""


class DatabaseLock:
    def __init__(self, db_path: str) -> None:
        self.path = None if db_path == ":memory:" else db_path + ".lock"
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        if self.path is None:
            return
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise MirrorBusy(f"{self.path}: another mirror is writing this database; wait for it") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            _unlock(self._file)
            self._file.close()
            self._file = None

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


__all__ = ["DatabaseLock", "MirrorBusy"]
