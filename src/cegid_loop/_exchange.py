"""One HTTP exchange that ends by a deadline, with a bounded body, and errors that hold no key.

- **Deadline**: a wall-clock budget for a whole call (every attempt, every backoff wait, a body that
  trickles in). httpx timeouts are per read: a server that sends a byte every 5 s never trips them.
  The synchronous client (:class:`Sender`) runs the exchange on the calling thread with every
  socket wait capped at what is left of the deadline, or, on a transport it did not make, on a
  worker thread waited for until the deadline (:mod:`cegid_loop._deadline_io`); the asynchronous one
  (:class:`AsyncSender`) in an ``anyio.fail_after`` scope. The two are written apart on purpose:
  this is what differs between them (the rest of the client is one source, see
  :mod:`cegid_loop._async`).
- **Bounded body**: the decoded body is read chunk by chunk and refused past ``max_body_bytes``
  (a gzip bomb inflates ~1000x: it is stopped after its first chunks, not after 2 GB).
- **No key in any exception**: httpx's exceptions hold the request, and the request holds both
  keys in its headers (httpx masks only ``Authorization``). Transport errors are turned into our
  own errors *outside* the ``except`` block, so that neither ``__cause__`` nor ``__context__`` of
  what the caller catches leads back to them.
"""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from cegid_loop._deadline_io import bounded_by, deadline_transport, run_bounded
from cegid_loop._errors_map import error_from_transport
from cegid_loop.errors import APIConnectionError, APITimeoutError, LoopError, UnexpectedResponse

_DROPPED_HEADERS = ("content-encoding", "content-length", "transfer-encoding")


@dataclass(frozen=True)
class Deadline:
    """The end of a call's budget (``None``: no deadline)."""

    at: float | None
    seconds: float | None

    @classmethod
    def after(cls, seconds: float | None) -> Deadline:
        return cls(None if seconds is None else time.monotonic() + seconds, seconds)

    def remaining(self) -> float | None:
        return None if self.at is None else self.at - time.monotonic()

    def expired(self, context: str) -> APITimeoutError:
        return APITimeoutError(
            f"{context}: no complete answer within the call's deadline of {self.seconds:g} s "
            "(LOOP_DEADLINE / deadline=; retries and slow bodies included)",
            request_sent=True,
        )

    def passed(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def check(self, context: str) -> float | None:
        """The seconds left; :class:`APITimeoutError` when none are."""
        left = self.remaining()
        if left is not None and left <= 0:
            raise self.expired(context)
        return left


def _plain(response: httpx.Response, body: bytes) -> httpx.Response:
    """The answer with its decoded body in memory, and without the request (nor its keys)."""
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _DROPPED_HEADERS]
    return httpx.Response(response.status_code, headers=headers, content=body)


def _too_big(context: str, limit: int, response: httpx.Response) -> UnexpectedResponse:
    return UnexpectedResponse(
        f"{context}: the answer is larger than {limit} bytes once decoded (max_body_bytes); refused",
        status_code=response.status_code,
    )


def read_body(
    response: httpx.Response, limit: int, context: str, stop: Callable[[], bool] = lambda: False
) -> httpx.Response:
    size, parts = 0, []
    for chunk in response.iter_bytes():
        if stop():
            break
        size += len(chunk)
        if size > limit:
            raise _too_big(context, limit, response)
        parts.append(chunk)
    return _plain(response, b"".join(parts))


async def aread_body(response: httpx.Response, limit: int, context: str) -> httpx.Response:
    size, parts = 0, []
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            raise _too_big(context, limit, response)
        parts.append(chunk)
    return _plain(response, b"".join(parts))


def _exchange(
    http: httpx.Client,
    request: httpx.Request,
    limit: int,
    context: str,
    stop: Callable[[], bool] = lambda: False,
) -> httpx.Response:
    failure: LoopError | None = None
    try:
        response = http.send(request, stream=True)
    except httpx.TransportError as exc:
        failure = error_from_transport(exc, context=context)
    if failure is not None:
        raise failure  # outside the except block: no httpx exception in the chain
    try:
        return read_body(response, limit, context, stop)
    except httpx.TransportError as exc:
        failure = error_from_transport(exc, context=context)
    finally:
        response.close()
    raise failure


class Sender:
    """How the synchronous client sends a request and reads its answer by the deadline.

    On its own transport (:func:`~cegid_loop._deadline_io.deadline_transport`, made when none is
    given) the exchange runs on the calling thread, every socket wait capped at what is left; on a
    transport it did not make, on a daemon worker thread waited for until the deadline. With a
    proxy in the environment (``HTTPS_PROXY``...) httpx's own transports are kept, so that httpx
    routes through it as it would (httpx ignores the environment's proxies when given a transport).
    """

    def __init__(self, transport: httpx.BaseTransport | None) -> None:
        own = deadline_transport() if transport is None and not _proxies_configured() else None
        self.transport: httpx.BaseTransport | None = own or transport
        self.inline = own is not None  # the exchange on the calling thread

    def send(
        self, http: httpx.Client, request: httpx.Request, deadline: Deadline, limit: int, context: str
    ) -> httpx.Response:
        """Send ``request`` and read the whole answer, by the deadline."""
        left = deadline.check(context)
        if left is None:
            return _exchange(http, request, limit, context)
        if self.inline:
            try:
                with bounded_by(deadline.at):
                    return _exchange(http, request, limit, context)
            except APIConnectionError:
                if not deadline.passed():
                    raise
            raise deadline.expired(context)  # a socket wait cut at the deadline

        def work(abandoned: threading.Event) -> httpx.Response:
            return _exchange(http, request, limit, context, stop=abandoned.is_set)

        return run_bounded(work, left, lambda: deadline.expired(context))


def _proxies_configured() -> bool:
    """Whether httpx would route through a proxy it reads from the environment (or the system)."""
    found = urllib.request.getproxies()
    return any(found.get(scheme) for scheme in ("http", "https", "all"))


class AsyncSender:
    """How the asynchronous client sends: the exchange in an ``anyio.fail_after`` scope (asyncio
    and trio alike), which cancels whatever wait is under way when the deadline comes."""

    def __init__(self, transport: httpx.AsyncBaseTransport | None) -> None:
        self.transport = transport

    async def send(
        self, http: httpx.AsyncClient, request: httpx.Request, deadline: Deadline, limit: int, context: str
    ) -> httpx.Response:
        """Send ``request`` and read the whole answer, by the deadline."""
        import anyio

        left = deadline.check(context)
        failure: LoopError | None = None
        try:
            with anyio.fail_after(left) if left is not None else _no_limit():
                try:
                    response = await http.send(request, stream=True)
                except httpx.TransportError as exc:
                    failure = error_from_transport(exc, context=context)
                if failure is None:
                    try:
                        return await aread_body(response, limit, context)
                    except httpx.TransportError as exc:
                        failure = error_from_transport(exc, context=context)
                    finally:
                        await response.aclose()
        except TimeoutError:
            failure = deadline.expired(context)
        assert failure is not None
        raise failure


class _no_limit:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


__all__ = ["AsyncSender", "Deadline", "Sender", "aread_body", "read_body"]
