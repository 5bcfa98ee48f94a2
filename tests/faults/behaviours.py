"""What the stub server answers with: each behaviour is one way a server (or what stands between it
and the client) can answer, well or badly. A behaviour writes the answer itself on the connection."""

from __future__ import annotations

import functools
import json
import select
import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Any, Protocol

from tests.faults.http11 import Headers, Request, head, items, with_length

POLL = 0.05  # seconds between checks of "is the server closing / is the client still there"


class Exchange:
    """The connection as a behaviour sees it while answering one request."""

    def __init__(self, sock: socket.socket, stop: threading.Event, hold_limit: float) -> None:
        self.sock = sock
        self.stop = stop
        self.hold_limit = hold_limit

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def send_head(self, status: int, headers: Headers = (), reason: str | None = None) -> None:
        self.send(head(status, headers, reason))

    def client_gone(self) -> bool:
        """True when the client closed its side (a read would return end of stream)."""
        readable, _, _ = select.select([self.sock], [], [], 0)
        if not readable:
            return False
        try:
            return self.sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def wait(self, seconds: float) -> bool:
        """Sleep `seconds`; False (early) when the server is closing or the client went away."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if self.stop.wait(min(POLL, left)) or self.client_gone():
                return False
        return True

    def hold(self) -> None:
        """Say nothing until the server closes, the client goes away, or `hold_limit` passes."""
        self.wait(self.hold_limit)

    def reset(self) -> None:
        """Close with a TCP RST instead of a FIN (SO_LINGER on, timeout 0)."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


class Behaviour(Protocol):
    def answer(self, exchange: Exchange, request: Request) -> bool:
        """Answer `request`; True when the connection may carry another request."""
        ...


@dataclass(frozen=True)
class Respond:
    """Any status, headers and body, e.g. `Respond(503, headers={"Retry-After": "2"})`, 429, 520."""

    status: int = 200
    body: bytes = b""
    headers: Headers = ()
    reason: str | None = None

    def answer(self, exchange: Exchange, request: Request) -> bool:
        exchange.send_head(self.status, with_length(self.headers, len(self.body)), self.reason)
        if request.method != "HEAD":
            exchange.send(self.body)
        return True


@dataclass(frozen=True)
class Json:
    """A normal JSON answer."""

    data: Any
    status: int = 200
    headers: Headers = ()

    def answer(self, exchange: Exchange, request: Request) -> bool:
        body = json.dumps(self.data).encode()
        return Respond(
            self.status, body, [("Content-Type", "application/json"), *items(self.headers)]
        ).answer(exchange, request)


@dataclass(frozen=True)
class Empty:
    """An empty body (Content-Length: 0) where JSON is expected."""

    status: int = 200

    def answer(self, exchange: Exchange, request: Request) -> bool:
        return Respond(self.status, b"", [("Content-Type", "application/json")]).answer(exchange, request)


@dataclass(frozen=True)
class Html:
    """A non-JSON body, as a gateway or a captive portal sends."""

    text: str = "<html><body><h1>Service Unavailable</h1></body></html>"
    status: int = 200

    def answer(self, exchange: Exchange, request: Request) -> bool:
        headers = [("Content-Type", "text/html; charset=utf-8")]
        return Respond(self.status, self.text.encode(), headers).answer(exchange, request)


@dataclass(frozen=True)
class Redirect:
    """A redirect (301/302/307/308) to `location`, e.g. another StubServer's url, to see what follows it."""

    location: str
    status: int = 302

    def answer(self, exchange: Exchange, request: Request) -> bool:
        return Respond(self.status, b"", [("Location", self.location)]).answer(exchange, request)


@dataclass(frozen=True)
class Drip:
    """The headers at once, then the body one byte every `interval` seconds."""

    body: bytes = b'{"items": []}'
    interval: float = 0.5
    status: int = 200
    headers: Headers = (("Content-Type", "application/json"),)

    def answer(self, exchange: Exchange, request: Request) -> bool:
        exchange.send_head(self.status, with_length(self.headers, len(self.body)))
        for i in range(len(self.body)):
            if not exchange.wait(self.interval):
                return False
            exchange.send(self.body[i : i + 1])
        return True


@dataclass(frozen=True)
class DripHead:
    """The status line and headers one byte every `interval` seconds (no single read waits long)."""

    body: bytes = b"[]"
    interval: float = 0.5
    status: int = 200

    def answer(self, exchange: Exchange, request: Request) -> bool:
        data = head(self.status, with_length((("Content-Type", "application/json"),), len(self.body)))
        for i in range(len(data)):
            if not exchange.wait(self.interval):
                return False
            exchange.send(data[i : i + 1])
        exchange.send(self.body)
        return True


@dataclass(frozen=True)
class Hang:
    """Read the request and never answer; with `after_headers`, send the headers (announcing
    `content_length` bytes) and never the body."""

    after_headers: bool = False
    status: int = 200
    content_length: int = 1024

    def answer(self, exchange: Exchange, request: Request) -> bool:
        if self.after_headers:
            exchange.send_head(
                self.status,
                [("Content-Type", "application/json"), ("Content-Length", str(self.content_length))],
            )
        exchange.hold()
        return False


@dataclass(frozen=True)
class ResetMidBody:
    """Announce the whole body, send `fraction` of it, then reset the connection (RST), or just close it
    (FIN) with `rst=False`."""

    body: bytes = b'{"items": [' + b'{"id": 1}, ' * 200 + b'{"id": 2}]}'
    fraction: float = 0.5
    rst: bool = True
    status: int = 200

    def answer(self, exchange: Exchange, request: Request) -> bool:
        cut = int(len(self.body) * self.fraction)
        exchange.send_head(
            self.status, [("Content-Type", "application/json"), ("Content-Length", str(len(self.body)))]
        )
        exchange.send(self.body[:cut])
        exchange.wait(0.1)  # a RST discards what is still in our send buffer: let the half body leave
        if self.rst:
            exchange.reset()
        return False


@dataclass(frozen=True)
class Close:
    """Read the request and close the connection without a byte of answer."""

    def answer(self, exchange: Exchange, request: Request) -> bool:
        return False


@dataclass(frozen=True)
class GzipBomb:
    """`Content-Encoding: gzip` body of about 2 MB that inflates to `inflated` zero bytes (2 GiB)."""

    inflated: int = 2 << 30
    status: int = 200
    content_type: str = "application/json"

    def answer(self, exchange: Exchange, request: Request) -> bool:
        header, block, repeat, tail = gzip_bomb(self.inflated)
        size = len(header) + len(block) * repeat + len(tail)
        headers = [
            ("Content-Type", self.content_type),
            ("Content-Encoding", "gzip"),
            ("Content-Length", str(size)),
        ]
        exchange.send_head(self.status, headers)
        exchange.send(header)
        batch, left = 64, repeat  # streamed, 64 blocks (about 64 KB) a send: 2 GiB never exists
        while left:
            n = min(batch, left)
            exchange.send(block * n)
            left -= n
        exchange.send(tail)
        return True


_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # deflate, no name, mtime 0, best compression


def _crc32_of_zeros(n: int) -> int:
    """zlib.crc32(bytes(n)) in O(log n) steps: the CRC after one more zero byte is an affine map of the
    CRC before (over GF(2)), so the map for n bytes is that map composed with itself n times."""

    def apply(columns: list[int], constant: int, crc: int) -> int:
        out, i = constant, 0
        while crc:
            if crc & 1:
                out ^= columns[i]
            crc >>= 1
            i += 1
        return out

    constant = zlib.crc32(b"\0", 0)
    columns = [zlib.crc32(b"\0", 1 << i) ^ constant for i in range(32)]
    result = 0  # the map for the zero bytes counted so far, evaluated at 0 (zlib's initial value)
    while n:
        if n & 1:
            result = apply(columns, constant, result)
        columns, constant = [apply(columns, 0, c) for c in columns], apply(columns, constant, constant)
        n >>= 1
    return result


@functools.lru_cache(maxsize=4)
def gzip_bomb(inflated: int, chunk: int = 1 << 20) -> tuple[bytes, bytes, int, bytes]:
    """(header, block, repeat, tail): header + block * repeat + tail is one gzip member that inflates to
    `inflated` zero bytes. A full flush resets the compressor, so every chunk of zeros compresses to the
    same `block` and is computed once; the trailer's CRC is computed without the data."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    repeat, rest = divmod(inflated, chunk)
    block = b""
    if repeat:
        block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
        if compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH) != block:
            raise RuntimeError("zlib did not reset on a full flush: cannot repeat the compressed block")
    tail = compressor.compress(bytes(rest)) + compressor.flush(zlib.Z_FINISH)
    trailer = struct.pack("<II", _crc32_of_zeros(inflated), inflated & 0xFFFFFFFF)
    return _GZIP_HEADER, block, repeat, tail + trailer
