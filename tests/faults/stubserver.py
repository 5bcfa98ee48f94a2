"""A programmable HTTP/1.1 stub server on 127.0.0.1, for fault tests of an HTTP client.

Frameworks always answer properly; faults live below them (a body dripping one byte at a time, a
connection reset half-way through a body, a 2 GB gzip bomb), so this server speaks HTTP over raw sockets.
A test programs answers per path (and optionally method), as a sequence when needed, and reads back every
request received::

    with StubServer() as stub:
        stub.sequence("/importFec", (3, Respond(503, headers={"Retry-After": "0"})), Json({"id": "42"}))
        stub.add("/compte", Drip(b'{"items": []}', interval=0.5))
        ...                                   # the client under test talks to stub.url("/importFec")
        assert len(stub.requests_to("/importFec", method="POST")) == 4

Bounds: every socket operation of the server times out (`io_timeout`); an answer that holds the line
(`Hang`, `Drip`) ends when the server closes, the client goes away, or after `hold_limit` seconds;
`close()` shuts every connection and joins every thread it started.

The behaviours live in `behaviours.py`, the HTTP/1.1 reading and writing in `http11.py`; everything a
test needs is importable from here. Fixtures: `stub_server`, `stub_server_factory` (conftest.py).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

from tests.faults.behaviours import (
    POLL,
    Behaviour,
    Close,
    Drip,
    DripHead,
    Empty,
    Exchange,
    GzipBomb,
    Hang,
    Html,
    Json,
    Redirect,
    ResetMidBody,
    Respond,
    gzip_bomb,
)
from tests.faults.http11 import BadRequest, Request, head, read_request

__all__ = [
    "Behaviour",
    "Close",
    "Drip",
    "DripHead",
    "Empty",
    "Exchange",
    "GzipBomb",
    "Hang",
    "Html",
    "Json",
    "Redirect",
    "Request",
    "ResetMidBody",
    "Respond",
    "StubServer",
    "gzip_bomb",
]

IO_TIMEOUT = 5.0  # seconds any single send or receive of the server may take
HOLD_LIMIT = 60.0  # seconds a hanging answer lasts at most, even if nobody closes the server


# ---------------------------------------------------------------------------------------- programs


@dataclass
class _Step:
    behaviour: Behaviour
    remaining: int | None  # None: for every further request


@dataclass
class _Program:
    steps: deque[_Step] = field(default_factory=deque)
    served: int = 0


def _not_programmed(message: str) -> Behaviour:
    return Json({"stub": message}, status=404)


# ---------------------------------------------------------------------------------------- server


class StubServer:
    """HTTP/1.1 on 127.0.0.1, a free port, one thread accepting and one per connection."""

    def __init__(self, *, io_timeout: float = IO_TIMEOUT, hold_limit: float = HOLD_LIMIT) -> None:
        self.io_timeout = io_timeout
        self.hold_limit = hold_limit
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._programs: dict[tuple[str | None, str], _Program] = {}
        self._requests: list[Request] = []
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._threads: set[threading.Thread] = set()
        self._sockets: set[socket.socket] = set()
        self._connections = 0
        self.port = 0

    # -- life cycle

    def start(self) -> Self:
        if self._listener is not None:
            return self
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(POLL)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._spawn(self._accept, f"stubserver-{self.port}-accept")
        return self

    def close(self, timeout: float = 5.0) -> None:
        """Stop accepting, cut every connection, join every thread; RuntimeError if one is left."""
        self._stop.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed by its thread
                sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv or sendall
        deadline = time.monotonic() + timeout
        for thread in list(self._threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        if self._listener is not None:
            self._listener.close()
        left = self.threads()
        if left:
            raise RuntimeError(
                f"stub server threads still running after {timeout}s: {[t.name for t in left]}"
            )

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def threads(self) -> list[threading.Thread]:
        """This server's threads still alive."""
        return [t for t in list(self._threads) if t.is_alive()]

    # -- addresses

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- programming

    def add(
        self, path: str, behaviour: Behaviour, *, times: int | None = None, method: str | None = None
    ) -> None:
        """Answer requests to `path` (exact, query ignored; "*" for any path) with `behaviour`, `times`
        times (None: every further request), after what was already added for that path and method."""
        if times is not None and times < 1:
            raise ValueError(f"times must be at least 1 or None, not {times}")
        key = (method.upper() if method else None, path)
        with self._lock:
            self._programs.setdefault(key, _Program()).steps.append(_Step(behaviour, times))

    def sequence(
        self, path: str, *steps: Behaviour | tuple[int, Behaviour], method: str | None = None
    ) -> None:
        """Answers in turn: each behaviour once, `(n, behaviour)` n times; the last one for every later
        request. `sequence("/x", (3, Respond(503)), Json({}))`: three 503, then 200 for good."""
        for i, step in enumerate(steps):
            times, behaviour = step if isinstance(step, tuple) else (1, step)
            self.add(path, behaviour, times=None if i == len(steps) - 1 else times, method=method)

    def reset(self) -> None:
        """Forget every program and every recorded request."""
        with self._lock:
            self._programs.clear()
            self._requests.clear()

    # -- what was received

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str, *, method: str | None = None) -> list[Request]:
        return [r for r in self.requests if r.path == path and (method is None or r.method == method.upper())]

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Request]:
        """The requests once at least `count` have arrived; TimeoutError naming how many did otherwise."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self._requests) >= count, timeout):
                raise TimeoutError(
                    f"{len(self._requests)} request(s) received in {timeout}s, {count} expected"
                )
            return list(self._requests)

    # -- internals

    def _spawn(self, target: Any, name: str, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        self._threads.add(thread)
        thread.start()

    def _accept(self) -> None:
        listener = self._listener
        assert listener is not None
        while not self._stop.is_set():
            try:
                sock, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                if self._stop.is_set():
                    sock.close()
                    return
                self._connections += 1
                number = self._connections
                self._sockets.add(sock)
            self._spawn(self._serve, f"stubserver-{self.port}-conn-{number}", sock, number)

    def _pick(self, method: str, path: str) -> Behaviour:
        with self._lock:
            for key in ((method, path), (None, path), (method, "*"), (None, "*")):
                program = self._programs.get(key)
                if program is None:
                    continue
                if not program.steps:
                    return _not_programmed(
                        f"the program for {method} {path} ran out after {program.served} request(s)"
                    )
                step = program.steps[0]
                program.served += 1
                if step.remaining is not None:
                    step.remaining -= 1
                    if step.remaining == 0:
                        program.steps.popleft()
                return step.behaviour
        return _not_programmed(f"nothing programmed for {method} {path}")

    def _record(self, request: Request) -> None:
        with self._arrived:
            self._requests.append(request)
            self._arrived.notify_all()

    def _serve(self, sock: socket.socket, number: int) -> None:
        exchange = Exchange(sock, self._stop, self.hold_limit)
        buffer = bytearray()
        try:
            sock.settimeout(self.io_timeout)
            while not self._stop.is_set():
                try:
                    parsed = read_request(sock, buffer)
                except BadRequest as exc:
                    exchange.send(head(exc.status, [("Content-Length", "0"), ("Connection", "close")]))
                    return
                if parsed is None:
                    return
                method, target, version, headers, body = parsed
                split = urlsplit(target)
                behaviour = self._pick(method, split.path)
                request = Request(
                    method,
                    target,
                    split.path,
                    split.query,
                    headers,
                    body,
                    version,
                    number,
                    type(behaviour).__name__,
                    time.monotonic(),
                )
                self._record(request)
                keep = behaviour.answer(exchange, request)
                if not keep or request.wants_close():
                    return
        except OSError:  # the client went away, or stopped reading for io_timeout: nobody to answer
            return
        finally:
            with self._lock:
                self._sockets.discard(sock)
            with contextlib.suppress(OSError):
                sock.close()
