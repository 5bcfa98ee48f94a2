"""Step 3 of a file import: the file streamed to the storage deposit URL (Azure Blob).

What is sent is planned and encoded by :mod:`cegid_loop._upload` (blocks, MD5s, ids); this module
sends it, retrying each request (every one of them is idempotent), through a client that does not
carry the Loop keys. File reads go through the backend (a worker thread for the async client).
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from cegid_loop import _upload as upload
from cegid_loop._backends import AsyncBackend
from cegid_loop._errors_map import error_from_httpx_response, error_from_transport
from cegid_loop.errors import LoopError

if TYPE_CHECKING:
    from .client import AsyncAPIClient

Body = Callable[[], bytes | AsyncIterator[bytes]]


class AsyncUploader:
    """Streams one file to a deposit URL: one Put Blob up to ``SINGLE_PUT_MAX``, blocks beyond."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
        self._http = client._upload_client()

    async def upload(self, url: str, path: Path) -> None:
        size = path.stat().st_size
        if size <= upload.SINGLE_PUT_MAX:
            md5 = await AsyncBackend.run_blocking(upload.file_md5, path)
            headers = {**upload.BLOB_TYPE, "Content-MD5": md5, "Content-Length": str(size)}
            await self._put(url, functools.partial(AsyncBackend.file_range, path, 0, size), headers)
            return
        have = await self._uncommitted(url)
        whole, ids = upload.WholeFileMd5(), []
        blocks = upload.iter_blocks(path, whole)  # each block's MD5 is one read of its range
        while (block := await AsyncBackend.run_blocking(next, blocks, None)) is not None:
            ids.append(block.id)
            if block.id not in have:  # resuming: the storage already holds this very block
                target = upload.with_query(url, comp="block", blockid=block.id)
                body = functools.partial(AsyncBackend.file_range, path, block.offset, block.length)
                await self._put(target, body, {"Content-MD5": block.md5, "Content-Length": str(block.length)})
        headers = {
            "x-ms-blob-content-md5": whole.b64(),
            "Content-Type": "application/xml",
            **upload.BLOB_TYPE,
        }
        await self._put(upload.with_query(url, comp="blocklist"), lambda: upload.block_list_xml(ids), headers)

    async def _uncommitted(self, url: str) -> set[str]:
        """The blocks the storage already holds from an interrupted upload (Get Block List)."""
        target = upload.with_query(url, comp="blocklist", blocklisttype="uncommitted")
        try:
            response = await self._http.get(target)
        except httpx.TransportError:
            return set()  # nothing to resume from: every block is sent
        return upload.uncommitted_ids(response.content) if response.status_code == 200 else set()

    async def _put(self, url: str, body: Body, headers: dict[str, str]) -> None:
        async for attempt in self._client.config.retry.retrying("PUT"):
            with attempt:
                failure: LoopError | None = None
                try:
                    response = await self._http.put(url, content=body(), headers=headers)
                except httpx.TransportError as exc:
                    failure = error_from_transport(exc, context="PUT deposit URL")
                if failure is not None:
                    raise failure  # outside the except: the URL's SAS signature is in no chain
                if response.status_code >= 300:
                    raise error_from_httpx_response(response, context="PUT deposit URL")


__all__ = ["AsyncUploader"]
