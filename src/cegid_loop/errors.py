"""One error hierarchy for everything the client raises (in the spirit of openai-python).

Every error carries ``status_code`` (``None`` when no HTTP answer came back), ``message`` (Loop's
or the gateway's own text when there is one) and ``request_id`` (from the response headers). Texts
pass through :func:`cegid_loop._redact.scrub` on the way in, so a key echoed by a server or a SAS
signature in a URL never reaches a log, a traceback or a ``repr``.

    LoopError
    ├── ConfigurationError
    ├── APIConnectionError ── APITimeoutError
    ├── APIStatusError                  (HTTP 4xx/5xx, or 200 whose body is {"error": ...})
    │   ├── BadRequest                  (400, 422 and other 4xx without a class of their own)
    │   ├── AuthenticationError         (401)
    │   ├── PermissionDenied            (403)
    │   ├── NotFound                    (404)
    │   ├── RevisionConflict            (409, 412: stale revisionId)
    │   ├── RateLimited                 (429, ``retry_after`` in seconds)
    │   ├── ServerError                 (5xx)
    │   └── OperationRejected           (200 with {"error": {...}} on a non-import call)
    ├── ImportFailed                    (import refused or finished in error)
    │   └── ImportNotConfirmed          (the start request may or may not have reached Loop)
    ├── ImportTimeout                   (still running when the wait ended: resume with its id)
    └── UnexpectedResponse              (undocumented status, malformed or truncated body)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cegid_loop._redact import scrub

if TYPE_CHECKING:  # cegid_loop.imports imports this module: the name is for type checkers only
    from cegid_loop.imports import ImportResult

_BODY_EXCERPT = 500


class LoopError(Exception):
    """Base class of every error raised by cegid_loop.

    Never put a subscription key or an API key in the message: messages are logged and shown.
    """

    status_code: int | None
    message: str
    request_id: str | None
    # Set on any error raised after an accounting import was started: the import to reconcile.
    import_request_id: str | None = None

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        body: str | None = None,
    ) -> None:
        self.message = scrub(message)
        self.status_code = status_code
        self.request_id = request_id
        # A short, scrubbed excerpt only: bodies can be large and hold customer data.
        self.body = scrub(body[:_BODY_EXCERPT]) if body else None
        super().__init__(self.message)

    def __str__(self) -> str:
        parts = [self.message]
        if self.status_code is not None:
            parts.append(f"(HTTP {self.status_code})")
        if self.request_id:
            parts.append(f"[request id {self.request_id}]")
        return " ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, status_code={self.status_code!r}, "
            f"request_id={self.request_id!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Default pickling would call __init__(*args) with the formatted text only.
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type[LoopError], state: dict[str, Any]) -> LoopError:
    err = cls.__new__(cls)
    Exception.__init__(err, state.get("message", ""))
    err.__dict__.update(state)
    return err


class ConfigurationError(LoopError, ValueError):
    """Settings are missing or malformed (the message names the setting, never its value). Also a
    ``ValueError``: a wrong argument, not an answer of the API."""


class APIConnectionError(LoopError):
    """No HTTP answer: connection refused, dropped, TLS failure...

    ``request_sent`` is False only when the request certainly never left (connect failure, pool
    exhausted): the one case where replaying a POST is safe.
    """

    def __init__(self, message: str, *, request_sent: bool = True, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.request_sent = request_sent


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool timeout)."""


class APIStatusError(LoopError):
    """Loop or its gateway answered with an error."""

    status_code: int


class BadRequest(APIStatusError):
    """400, 422 and any other 4xx that has no class of its own: the request itself is wrong."""


class AuthenticationError(APIStatusError):
    """401: subscription key or API key missing, wrong or inactive."""


class PermissionDenied(APIStatusError):
    """403: the key is valid but not allowed here (partner app not activated on the dossier...)."""


class NotFound(APIStatusError):
    """404: unknown object, dossier, or an operation the gateway does not know (APIM says 404)."""


class RevisionConflict(APIStatusError):
    """409/412: the ``revisionId`` sent is no longer the current one; re-read and retry."""


class RateLimited(APIStatusError):
    """429: over the gateway's rate or concurrency limit. ``retry_after`` is in seconds, if known."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx from Loop or the gateway. ``retry_after`` is set when the server sent one."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class OperationRejected(APIStatusError):
    """HTTP 200 whose body is ``{"error": {...}}``: Loop refused the operation anyway."""

    def __init__(self, message: str, *, instance_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.instance_id = instance_id


class ImportFailed(LoopError):
    """An accounting import was refused at start, or finished in error.

    ``import_request_id`` is the ``accountingImportRequestId`` when one was issued; ``result`` the
    final :class:`cegid_loop.imports.ImportResult` when the failure is a final status; ``instance_id``
    the import-service instance named by Loop's ``{"error": {"instanceId", ...}}``.
    """

    def __init__(
        self,
        message: str,
        *,
        import_request_id: str | None = None,
        instance_id: str | None = None,
        result: ImportResult | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.import_request_id = import_request_id
        self.instance_id = instance_id
        self.result: ImportResult | None = result


class ImportNotConfirmed(ImportFailed):
    """The import start request failed in a way that does not tell whether Loop received it
    (timeout after sending, dropped connection, 5xx). It is deliberately *not* replayed: starting
    an import twice would post the entries twice. ``uri`` is the deposited file, so a caller who has
    checked in Loop can start it again with ``loop.imports.start(...)``.
    """

    def __init__(self, message: str, *, uri: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.uri = uri


class ImportTimeout(LoopError):
    """The import was still running when the wait ended. Resume with
    ``loop.imports.wait(err.import_request_id)``."""

    def __init__(
        self,
        message: str,
        *,
        import_request_id: str,
        last_status: ImportResult | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.import_request_id: str = import_request_id
        # The last status read before the wait ended (None if no poll answered).
        self.last_status: ImportResult | None = last_status


class UnexpectedResponse(LoopError):
    """The answer does not match the API description: undocumented status, body that is not JSON,
    truncated JSON, or JSON of the wrong shape. ``decode_error`` is True when the body could not be
    decoded at all (a read may be retried then)."""

    def __init__(self, message: str, *, decode_error: bool = False, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.decode_error = decode_error


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequest",
    "ConfigurationError",
    "ImportFailed",
    "ImportNotConfirmed",
    "ImportTimeout",
    "LoopError",
    "NotFound",
    "OperationRejected",
    "PermissionDenied",
    "RateLimited",
    "RevisionConflict",
    "ServerError",
    "UnexpectedResponse",
]
