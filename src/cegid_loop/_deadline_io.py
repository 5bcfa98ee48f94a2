"""Blocking I/O that ends by a call's deadline, for the synchronous client.

httpx's timeouts bound each wait on a socket, not a whole answer: a server that sends one byte every
5 s never trips a 30 s read timeout. Two tools, the cheaper one wherever it applies:

- :func:`deadline_transport`: the client's own ``httpx.HTTPTransport``, whose sockets cap every
  read and write at what is left of the deadline of the call running on the calling thread (set
  with :func:`bounded_by`). The call stays on the caller's thread: no thread is started per call.
  Opening a connection (name resolution has no timeout) runs on a worker thread, bounded.
- :func:`run_bounded`: any work on a daemon worker thread, waited for until the deadline at most
  (a blocked ``recv`` cannot be interrupted from another thread on every platform: the caller is
  given back control and the worker drops what it holds when it wakes up). For transports that
  are not ours (an ``httpx.MockTransport``, the in-process sandbox, a proxy).

The transport reaches into two attributes that httpx and httpcore do not document
(``HTTPTransport._pool._network_backend``); httpx is pinned below 0.29, and when they are not there
the client falls back to :func:`run_bounded` (``tests/faults`` checks that the transport is ours).
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import httpcore
import httpx

T = TypeVar("T")

# The monotonic time by which the call running in this thread (or task) must be over; None: no limit.
_DEADLINE: ContextVar[float | None] = ContextVar("cegid_loop_deadline", default=None)


@contextmanager
def bounded_by(at: float | None) -> Iterator[None]:
    """Socket waits of this thread's calls end by ``at`` (``time.monotonic()`` scale)."""
    token = _DEADLINE.set(at)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` capped at what is left of the deadline; ``error`` when nothing is."""
    at = _DEADLINE.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the call's deadline has passed")
    return left if timeout is None else min(timeout, left)


def run_bounded(
    work: Callable[[threading.Event], T],
    seconds: float,
    expired: Callable[[], BaseException],
    dispose: Callable[[T], None] = lambda _value: None,
) -> T:
    """``work(abandoned)`` on a daemon thread: its result, or ``expired()`` after ``seconds``.

    Once abandoned, the worker can see it (``abandoned.is_set()``), and a result it still returns
    is given to ``dispose`` (a connection opened too late is closed, not leaked)."""
    abandoned, done, lock = threading.Event(), threading.Event(), threading.Lock()
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            result: tuple[bool, Any] = (True, work(abandoned))
        except BaseException as exc:  # handed to the caller as is
            result = (False, exc)
        with lock:
            if not abandoned.is_set():
                outcome.append(result)
                done.set()
                return
        if result[0]:
            dispose(result[1])

    threading.Thread(target=run, name="loop-call", daemon=True).start()
    if not done.wait(seconds):
        with lock:
            if not done.is_set():
                abandoned.set()
                raise expired()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


def _opening(work: Callable[[], httpcore.NetworkStream], error: type[Exception]) -> httpcore.NetworkStream:
    """Open (connect, TLS) within the deadline: on a worker thread when there is one."""
    left = _left(None, error)
    if left is None:
        return work()

    def late() -> BaseException:
        return error("the call's deadline passed while the connection was being opened")

    return run_bounded(lambda _abandoned: work(), left, late, dispose=lambda stream: stream.close())


class _Stream(httpcore.NetworkStream):
    """A socket whose every wait ends by the deadline of the call using it."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        def handshake() -> httpcore.NetworkStream:
            return self._inner.start_tls(ssl_context, server_hostname, timeout)

        return _Stream(_opening(handshake, httpcore.ConnectTimeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        def connect() -> httpcore.NetworkStream:
            return self._inner.connect_tcp(host, port, timeout, local_address, socket_options)

        return _Stream(_opening(connect, httpcore.ConnectTimeout))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        def connect() -> httpcore.NetworkStream:
            return self._inner.connect_unix_socket(path, timeout, socket_options)

        return _Stream(_opening(connect, httpcore.ConnectTimeout))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport() -> httpx.HTTPTransport | None:
    """httpx's default transport with deadline-bounded sockets; None if httpx's internals moved."""
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if not isinstance(backend, httpcore.NetworkBackend):
        transport.close()
        return None
    pool._network_backend = _Backend(backend)  # type: ignore[union-attr]
    return transport


def is_bounded(transport: httpx.BaseTransport) -> bool:
    pool = getattr(transport, "_pool", None)
    return isinstance(getattr(pool, "_network_backend", None), _Backend)


__all__ = ["bounded_by", "deadline_transport", "is_bounded", "run_bounded"]
