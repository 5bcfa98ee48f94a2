"""One HTTP exchange that ends by a deadline, with a bounded body, and errors that hold no key.

- **Deadline**: a wall-clock budget for a whole call (every attempt, every backoff wait, a body that
  trickles in). httpx timeouts are per read: a server that sends a byte every 5 s never trips them.
  The synchronous client runs the exchange on a daemon worker thread and waits for it at most until
  the deadline (a blocked ``recv`` cannot be interrupted from another thread on every platform, so
  the caller is given back control and the worker closes what it holds when it wakes up); the async
  client uses ``anyio.fail_after`` (asyncio and trio alike).
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
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import httpx

from cegid_loop._errors_map import error_from_transport
from cegid_loop.errors import APITimeoutError, LoopError, UnexpectedResponse

T = TypeVar("T")
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


def send(
    http: httpx.Client, request: httpx.Request, deadline: Deadline, limit: int, context: str
) -> httpx.Response:
    """Send ``request`` and read the whole answer, by the deadline."""
    left = deadline.check(context)
    abandoned = threading.Event()

    def exchange() -> httpx.Response:
        failure: LoopError | None = None
        try:
            response = http.send(request, stream=True)
        except httpx.TransportError as exc:
            failure = error_from_transport(exc, context=context)
        if failure is not None:
            raise failure  # outside the except block: no httpx exception in the chain
        try:
            return read_body(response, limit, context, stop=abandoned.is_set)
        except httpx.TransportError as exc:
            failure = error_from_transport(exc, context=context)
        finally:
            response.close()
        raise failure

    if left is None:
        return exchange()
    return _bounded(exchange, left, abandoned, lambda: deadline.expired(context))


def _bounded(
    work: Callable[[], T], seconds: float, abandoned: threading.Event, expired: Callable[[], LoopError]
) -> T:
    """``work()`` on a daemon thread; its result, or ``expired()`` once ``seconds`` have passed."""
    box: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the caller as is
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="loop-call", daemon=True).start()
    if not done.wait(seconds):
        abandoned.set()  # the worker stops reading at its next chunk and closes the response
        raise expired()
    error = box.get("error")
    if isinstance(error, BaseException):
        raise error
    return box["value"]  # type: ignore[return-value]


async def asend(
    http: httpx.AsyncClient, request: httpx.Request, deadline: Deadline, limit: int, context: str
) -> httpx.Response:
    """Async :func:`send`."""
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


__all__ = ["Deadline", "aread_body", "asend", "read_body", "send"]
