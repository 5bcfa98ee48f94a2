"""In-process httpx transports onto the sandbox's ASGI app (no socket): async and sync."""

from __future__ import annotations

import asyncio
import threading

import httpx
from starlette.applications import Starlette


class ConnectionDropped(Exception):
    """Raised by the ``drop`` fault when the server cannot close the socket itself (ASGI transport)."""


class SandboxTransport(httpx.ASGITransport):
    """``httpx.ASGITransport`` that turns the ``drop`` fault into what a socket client sees:
    ``httpx.RemoteProtocolError("Server disconnected without sending a response.")``."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except ConnectionDropped as exc:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from exc


class SyncSandboxTransport(httpx.BaseTransport):
    """A synchronous transport onto the ASGI app (httpx's ASGITransport is async only): the app
    runs in an event loop on a daemon helper thread (so a forgotten client never blocks exit)."""

    def __init__(self, app: Starlette) -> None:
        self._async = SandboxTransport(app=app)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None

    def _get_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._loop.run_forever, name="loop-sandbox", daemon=True).start()
            return self._loop

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        content = request.read()

        async def run() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
            forwarded = httpx.Request(request.method, request.url, headers=request.headers, content=content)
            response = await self._async.handle_async_request(forwarded)
            body = await response.aread()
            return response.status_code, response.headers.raw, body

        status, headers, body = asyncio.run_coroutine_threadsafe(run(), self._get_loop()).result()
        return httpx.Response(status, headers=headers, content=body, request=request)

    def close(self) -> None:
        with self._lock:
            loop, self._loop = self._loop, None
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
