"""HTTP/1.1 on a raw socket for the stub server: requests read with bounds, response heads written."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

MAX_HEAD = 64 * 1024
MAX_BODY = 64 * 1024 * 1024

Headers = Mapping[str, str] | Iterable[tuple[str, str]]


@dataclass(frozen=True)
class Request:
    """One request as received: what a test asserts on (a POST sent once, keys never sent elsewhere)."""

    method: str
    target: str  # as on the request line: path and query
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]  # in order, as spelt by the client
    body: bytes  # chunked uploads are decoded
    version: str
    connection: int  # the number of the connection it came on (keep-alive reuse shows here)
    answered_with: str  # name of the behaviour that answered it
    received_at: float  # time.monotonic()

    def header(self, name: str) -> str | None:
        """The first value of header `name` (case-insensitive), None when absent."""
        values = self.header_values(name)
        return values[0] if values else None

    def header_values(self, name: str) -> list[str]:
        low = name.lower()
        return [v for k, v in self.headers if k.lower() == low]

    @property
    def params(self) -> dict[str, list[str]]:
        return parse_qs(self.query, keep_blank_values=True)

    def json(self) -> Any:
        return json.loads(self.body)

    def wants_close(self) -> bool:
        connection = (self.header("Connection") or "").lower()
        return connection == "close" or (self.version == "HTTP/1.0" and connection != "keep-alive")


class BadRequest(Exception):
    """A request the server answers with `status`, then closes: malformed, or over a bound."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def items(headers: Headers) -> list[tuple[str, str]]:
    return list(headers.items() if isinstance(headers, Mapping) else headers)


def head(status: int, headers: Headers = (), reason: str | None = None) -> bytes:
    """Status line and headers; `reason` defaults to the standard phrase ("Unknown" for 520 and such)."""
    if reason is None:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
    lines = [f"HTTP/1.1 {status} {reason}", *(f"{k}: {v}" for k, v in items(headers)), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def with_length(headers: Headers, length: int) -> list[tuple[str, str]]:
    """`headers` plus Content-Length, unless the test set one itself (to lie about it, say)."""
    result = items(headers)
    if not any(k.lower() in ("content-length", "transfer-encoding") for k, _ in result):
        result.append(("Content-Length", str(length)))
    return result


RequestParts = tuple[str, str, str, tuple[tuple[str, str], ...], bytes]


def read_request(sock: socket.socket, buffer: bytearray) -> RequestParts | None:
    """(method, target, version, headers, body) of the next request on `sock`; None when the client
    closed between requests. `buffer` carries bytes already received (keep-alive, pipelining).
    Raises BadRequest (malformed, over MAX_HEAD / MAX_BODY), ConnectionError (closed mid-request)."""
    while b"\r\n\r\n" not in buffer:
        if len(buffer) > MAX_HEAD:
            raise BadRequest(431, "request head too large")
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    end = buffer.index(b"\r\n\r\n")
    lines = bytes(buffer[:end]).decode("latin-1").split("\r\n")
    del buffer[: end + 4]
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise BadRequest(400, f"malformed request line {lines[0]!r}")
    method, target, version = parts
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise BadRequest(400, f"malformed header line {line!r}")
        headers.append((name, value.strip()))
    lowered = {k.lower(): v for k, v in headers}
    if lowered.get("expect", "").lower() == "100-continue":
        sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    if "chunked" in lowered.get("transfer-encoding", "").lower():
        body = _read_chunked(sock, buffer)
    else:
        try:
            length = int(lowered.get("content-length", "0"))
        except ValueError:
            raise BadRequest(400, "malformed Content-Length") from None
        if length < 0 or length > MAX_BODY:
            raise BadRequest(413, "request body too large")
        body = _read_exact(sock, buffer, length)
    return method, target, version, tuple(headers), body


def _read_exact(sock: socket.socket, buffer: bytearray, n: int) -> bytes:
    while len(buffer) < n:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("client closed in the middle of a request body")
        buffer += chunk
    data = bytes(buffer[:n])
    del buffer[:n]
    return data


def _read_line(sock: socket.socket, buffer: bytearray) -> bytes:
    while b"\r\n" not in buffer:
        if len(buffer) > MAX_HEAD:
            raise BadRequest(400, "chunk size line too long")
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("client closed in the middle of a chunked body")
        buffer += chunk
    end = buffer.index(b"\r\n")
    line = bytes(buffer[:end])
    del buffer[: end + 2]
    return line


def _read_chunked(sock: socket.socket, buffer: bytearray) -> bytes:
    body = bytearray()
    while True:
        size_text = _read_line(sock, buffer).split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise BadRequest(400, "malformed chunk size") from None
        if size == 0:
            while _read_line(sock, buffer):  # trailer fields, up to the empty line
                pass
            return bytes(body)
        if len(body) + size > MAX_BODY:
            raise BadRequest(413, "request body too large")
        body += _read_exact(sock, buffer, size)
        _read_exact(sock, buffer, 2)  # the CRLF after the chunk
