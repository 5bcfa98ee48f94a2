"""The sandbox's own errors. Those a request can meet carry the API's wire shape (status and body),
so the backend raises them and ``responses`` only turns them into HTTP answers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cegid_loop.sandbox.serializer import import_error, loop_error


class SandboxError(Exception):
    """An answer other than the operation's success: ``status`` and the JSON ``body`` to send."""

    status = 500

    def body(self) -> Any:
        raise NotImplementedError


class LoopApiError(SandboxError):
    """Loop's own 4xx body, ``{"message", "errors"}`` (inferred: see serializer.loop_error)."""

    def __init__(self, message: str, errors: Iterable[Any] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.errors = list(errors)

    def body(self) -> Any:
        return loop_error(self.message, self.errors)


class InvalidRequest(LoopApiError):
    """A request the API refuses as it is: a malformed parameter or body (400)."""

    status = 400


class NoSuchEntity(LoopApiError):
    """The dossier, record or import request named does not exist (404)."""

    status = 404


class Conflict(LoopApiError):
    """A duplicate natural key or a stale revision (Q-REVISION-CONFLICT-409, status inferred)."""

    status = 409


class PayloadTooLarge(LoopApiError):
    status = 413


def bad_field(message: str, field: str, detail: str, **extra: Any) -> InvalidRequest:
    """A 400 whose ``errors`` names the one field at fault."""
    return InvalidRequest(message, [{"field": field, "message": detail, **extra}])


class StaleRevision(Conflict):
    """The revisionId sent is missing or not the current one: nothing was written."""

    def __init__(self, object_id: str, sent: Any, current: str) -> None:
        message = (
            "revisionId obligatoire"
            if sent in (None, "")
            else f"La révision {sent} n'est pas la révision courante de l'objet {object_id} : "
            "relisez-le avant de le modifier."
        )
        super().__init__(
            message,
            [
                {
                    "field": "revisionId",
                    "objectId": object_id,
                    "message": "stale or missing revisionId",
                    "currentRevisionId": current,
                }
            ],
        )
        self.current = current


class ImportRefused(SandboxError):
    """A documented import refusal: HTTP 200 with ``{"error": {...}}`` (Q-IMPORT-ERROR-200)."""

    status = 200

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def body(self) -> Any:
        return import_error(self.message)


class ImportFailure(Exception):
    """Raised while an import is settled: it ends ``failed`` with this message, nothing written."""


class StartupError(Exception):
    """The sandbox cannot start as configured (unreadable or corrupt store, bad fault rules...).
    The message is one line that names the culprit; it never holds a key."""
