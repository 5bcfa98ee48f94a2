"""Turn an HTTP answer (or the lack of one) into a typed :mod:`cegid_loop.errors` exception.

Bodies seen in front of and behind the gateway:
- APIM itself: ``{"statusCode": 401, "message": "Access denied due to ..."}``
- Loop: ``{"error": {"instanceId": "...", "message": "..."}}`` (even with HTTP 200), ``{"message": ...}``
- .NET / RFC 7807 style: ``{"Message": ...}``, ``{"title": ..., "detail": ...}``
- Azure Blob storage (deposit upload): XML ``<Error><Code>..</Code><Message>..</Message></Error>``
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import httpx

from cegid_loop._retry import parse_retry_after, retry_after_from_message
from cegid_loop.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequest,
    NotFound,
    PermissionDenied,
    RateLimited,
    RevisionConflict,
    ServerError,
)

REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-ms-request-id", "apim-request-id")
_MAX_MESSAGE = 500
_XML_MESSAGE_RE = re.compile(r"<Message>(.*?)</Message>", re.DOTALL)
_XML_CODE_RE = re.compile(r"<Code>(.*?)</Code>", re.DOTALL)

_BY_STATUS: dict[int, type[APIStatusError]] = {
    401: AuthenticationError,
    403: PermissionDenied,
    404: NotFound,
    409: RevisionConflict,
    412: RevisionConflict,
    429: RateLimited,
}


def request_id_of(headers: Mapping[str, str]) -> str | None:
    for name in REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value:
            return value
    return None


def _text(content: bytes) -> str:
    return content.decode("utf-8", errors="replace")


def decode_json(content: bytes) -> Any:
    """JSON or a ``ValueError`` (``json.JSONDecodeError`` / ``UnicodeDecodeError`` are both ones)."""
    return json.loads(content)


def message_from_json(data: Any) -> str | None:
    """Loop's or the gateway's own error text out of a decoded body, if it has one."""
    if not isinstance(data, dict):
        return None
    error = data.get("error")
    if isinstance(error, dict):
        for key in ("message", "Message"):
            if isinstance(error.get(key), str):
                return str(error[key])
    if isinstance(error, str):
        return error
    for key in ("message", "Message", "detail", "title", "error_description"):
        value = data.get(key)
        if isinstance(value, str) and value:
            return value
    errors = data.get("errors")
    if isinstance(errors, list) and errors:
        return "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors[:5])
    return None


def message_of(content: bytes) -> str | None:
    if not content:
        return None
    try:
        message = message_from_json(decode_json(content))
    except ValueError:
        text = _text(content)
        xml = _XML_MESSAGE_RE.search(text)
        if xml:
            code = _XML_CODE_RE.search(text)
            message = f"{code.group(1)}: {xml.group(1).strip()}" if code else xml.group(1).strip()
        else:
            message = text.strip() or None
    return message[:_MAX_MESSAGE] if message else None


def error_in_body(data: Any) -> tuple[str, str | None] | None:
    """``(message, instanceId)`` when a 2xx body is Loop's ``{"error": ...}``, else None."""
    if not isinstance(data, dict) or "error" not in data or data["error"] in (None, "", {}):
        return None
    error = data["error"]
    if isinstance(error, dict):
        message = error.get("message") or error.get("Message") or "Loop reported an error"
        instance = error.get("instanceId")
        return str(message), (str(instance) if instance is not None else None)
    return str(error), None


def error_from_response(
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    context: str = "",
) -> APIStatusError:
    """The typed error for a 4xx/5xx answer. ``context`` (e.g. ``"GET /compte"``) prefixes the text."""
    message = message_of(content) or f"HTTP {status_code}"
    text = f"{context}: {message}" if context else message
    kwargs: dict[str, Any] = {
        "status_code": status_code,
        "request_id": request_id_of(headers),
        "body": _text(content) if content else None,
    }
    if status_code == 429:
        retry_after = parse_retry_after(headers)
        if retry_after is None:
            retry_after = retry_after_from_message(message)
        return RateLimited(text, retry_after=retry_after, **kwargs)
    if status_code >= 500:
        return ServerError(text, retry_after=parse_retry_after(headers), **kwargs)
    cls = _BY_STATUS.get(status_code, BadRequest)
    return cls(text, **kwargs)


def error_from_httpx_response(response: httpx.Response, *, context: str = "") -> APIStatusError:
    return error_from_response(response.status_code, response.headers, response.content, context=context)


# Failures where the request bytes certainly never left this process.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


# What each transport failure means, for those that come without a text of their own (an async
# connection reset is a bare "ReadError").
_MEANING: tuple[tuple[type[httpx.TransportError], str], ...] = (
    (httpx.ConnectTimeout, "no connection within the connect timeout"),
    (httpx.ReadTimeout, "no data within the read timeout"),
    (httpx.WriteTimeout, "the request could not be sent within the write timeout"),
    (httpx.PoolTimeout, "no free connection within the pool timeout"),
    (httpx.ConnectError, "the connection could not be opened"),
    (httpx.ReadError, "the connection was reset or closed while the answer was being read"),
    (httpx.WriteError, "the connection was reset or closed while the request was being sent"),
    (httpx.RemoteProtocolError, "the server closed the connection or broke the HTTP protocol"),
)


def _detail(exc: httpx.TransportError) -> str:
    text = str(exc).strip()
    if text and text != type(exc).__name__:
        return text
    return next((meaning for kind, meaning in _MEANING if isinstance(exc, kind)), "the exchange failed")


def error_from_transport(exc: httpx.TransportError, *, context: str = "") -> APIConnectionError:
    detail = _detail(exc)
    text = f"{context}: {type(exc).__name__}: {detail}" if context else f"{type(exc).__name__}: {detail}"
    sent = not isinstance(exc, _NOT_SENT)
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(text, request_sent=sent)
    return APIConnectionError(text, request_sent=sent)


__all__ = [
    "REQUEST_ID_HEADERS",
    "decode_json",
    "error_from_httpx_response",
    "error_from_response",
    "error_from_transport",
    "error_in_body",
    "message_from_json",
    "message_of",
    "request_id_of",
]
