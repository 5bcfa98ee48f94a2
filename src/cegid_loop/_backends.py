"""Waiting and blocking work, the part of the client's I/O that the two flavours do differently.

The async source (:mod:`cegid_loop._async`) calls :class:`AsyncBackend`; the sync code generated
from it calls :class:`SyncBackend` (``cegid_loop_tools.unasync`` renames one into the other). The
async side must never block its event loop: it sleeps with anyio and runs file reads (a FEC's MD5,
its offline validation, the chunks of an upload) in a worker thread; the sync side does the same
work in place.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import TypeVar, TypeVarTuple, Unpack

from cegid_loop import _upload as upload

T = TypeVar("T")
Args = TypeVarTuple("Args")


class SyncBackend:
    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(seconds)

    @staticmethod
    def run_blocking(work: Callable[[Unpack[Args]], T], *args: *Args) -> T:
        return work(*args)

    @staticmethod
    def file_range(path: Path, offset: int, length: int) -> Iterator[bytes]:
        """A request body: ``length`` bytes of ``path`` from ``offset``, a chunk at a time."""
        return upload.iter_range(path, offset, length)


class AsyncBackend:
    @staticmethod
    async def sleep(seconds: float) -> None:
        import anyio

        await anyio.sleep(seconds)

    @staticmethod
    async def run_blocking(work: Callable[[Unpack[Args]], T], *args: *Args) -> T:
        import anyio.to_thread

        return await anyio.to_thread.run_sync(work, *args)

    @staticmethod
    async def file_range(path: Path, offset: int, length: int) -> AsyncIterator[bytes]:
        """See :meth:`SyncBackend.file_range`; each chunk is read in a worker thread."""
        chunks = upload.iter_range(path, offset, length)
        while (chunk := await AsyncBackend.run_blocking(next, chunks, None)) is not None:
            yield chunk


__all__ = ["AsyncBackend", "SyncBackend"]
