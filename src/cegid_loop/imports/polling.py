"""Following an import once started: status polls, progress events, how to resume.

The polling state machine (:class:`Wait`) is shared by both clients: only sleeping and calling
differ, and those are in the workflow (:mod:`cegid_loop._async.imports`).
"""

from __future__ import annotations

import logging
import time

from cegid_loop._retry import waits_disabled
from cegid_loop.errors import (
    APIConnectionError,
    ImportFailed,
    ImportTimeout,
    LoopError,
    RateLimited,
    ServerError,
    UnexpectedResponse,
)
from cegid_loop.imports import ImportProgress, ImportResult, ImportState, ProgressCallback

logger = logging.getLogger("cegid_loop")  # the redacting filter sits on this very logger

POLL_INITIAL = 1.0
POLL_FACTOR = 1.5
POLL_MAX = 30.0


class Poller:
    """Delays between status polls: exponential, capped at POLL_MAX.

    When waits are disabled (tests), nothing is slept but the skipped delays still count against
    the timeout, so a never-ending import ends in ImportTimeout quickly instead of spinning.
    """

    def __init__(self, timeout: float, poll_interval: float | None) -> None:
        self.timeout = timeout
        self.delay = poll_interval or POLL_INITIAL
        self.fixed = poll_interval is not None
        self.started = time.monotonic()
        self.skipped = 0.0

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started + self.skipped

    def next_delay(self) -> float | None:
        """Seconds to sleep before the next poll, or None when the time is up."""
        remaining = self.timeout - self.elapsed
        if remaining <= 0:
            return None
        delay = min(self.delay, remaining)
        if not self.fixed:
            self.delay = min(self.delay * POLL_FACTOR, POLL_MAX)
        if waits_disabled():
            self.skipped += delay
            return 0.0
        return delay


def final(result: ImportResult, raise_on_failure: bool) -> ImportResult:
    if result.state is ImportState.FAILED and raise_on_failure:
        raise ImportFailed(
            f"import {result.import_request_id} finished in error: {result.message or result.raw_status}",
            import_request_id=result.import_request_id,
            result=result,
        )
    return result


def timeout_error(request_id: str, last: ImportResult | None, timeout: float) -> ImportTimeout:
    return ImportTimeout(
        f"import {request_id} still not finished after {timeout:g} s ({resume_hint(request_id)})",
        import_request_id=request_id,
        last_status=last,
    )


def notify(on_progress: ProgressCallback | None, event: ImportProgress) -> None:
    status = event.status
    logger.log(
        logging.INFO if event.stage in ("started", "done") else logging.DEBUG,
        "import %s: %s%s",
        event.import_request_id or event.kind or "-",
        event.stage,
        f" ({status.state.value}, raw status {status.raw_status!r})" if status is not None else "",
    )
    if on_progress is not None:
        on_progress(event)


UNKNOWN_POLLS = 3  # an unreadable status this many times in a row ends the wait (reported, not guessed)


def resume_hint(import_request_id: str) -> str:
    return (
        f"import {import_request_id} was started on Loop; do not start it again: follow it with "
        f"`cegid-loop status {import_request_id} --wait` or loop.imports.wait({import_request_id!r})"
    )


def attach_import(exc: LoopError, import_request_id: str) -> LoopError:
    """Make ``exc`` say which import it is about and how to resume (its type is kept)."""
    if getattr(exc, "import_request_id", None) is None:
        exc.import_request_id = import_request_id
    if import_request_id not in exc.message:
        exc.message = f"{exc.message} ({resume_hint(import_request_id)})"
        exc.args = (exc.message,)
    return exc


def transient(exc: LoopError) -> bool:
    """A poll that may work next time: the import itself is not in question."""
    if isinstance(exc, ImportFailed):
        return False
    return isinstance(exc, (APIConnectionError, ServerError, RateLimited, UnexpectedResponse))


class Wait:
    """The polling state machine shared by both clients (only sleeping and calling differ)."""

    def __init__(
        self,
        import_request_id: str,
        timeout: float,
        on_progress: ProgressCallback | None,
        poll_interval: float | None,
        raise_on_failure: bool,
    ) -> None:
        self.id = import_request_id
        self.timeout = timeout
        self.on_progress = on_progress
        self.raise_on_failure = raise_on_failure
        self.poller = Poller(timeout, poll_interval)
        self.last: ImportResult | None = None
        self.last_error: LoopError | None = None
        self.unknown = 0

    def seen(self, result: ImportResult) -> ImportResult | None:
        """The result to return when the wait is over, else None."""
        self.last, self.last_error = result, None
        notify(self.on_progress, ImportProgress("status", None, self.id, result, self.poller.elapsed))
        self.unknown = self.unknown + 1 if result.state is ImportState.UNKNOWN else 0
        if result.final or self.unknown >= UNKNOWN_POLLS:
            notify(self.on_progress, ImportProgress("done", None, self.id, result, self.poller.elapsed))
            return final(result, self.raise_on_failure)
        return None

    def failed(self, exc: LoopError) -> None:
        """A poll failed: go on if it is transient, else raise it (naming the import)."""
        if not transient(exc):
            raise attach_import(exc, self.id)
        self.last_error = exc
        logger.info("import %s: status poll failed, polling goes on: %s", self.id, exc)
        event = ImportProgress("poll-error", None, self.id, self.last, self.poller.elapsed, error=exc.message)
        notify(self.on_progress, event)

    def next_delay(self) -> float | None:
        """Seconds to sleep before the next poll; None when the wait is over on an unreadable
        status (the caller returns :attr:`last`: unknown, not "still running")."""
        delay = self.poller.next_delay()
        if delay is None and self.last is not None and self.last.state is ImportState.UNKNOWN:
            notify(self.on_progress, ImportProgress("done", None, self.id, self.last, self.poller.elapsed))
            return None
        if delay is None:
            timeout = timeout_error(self.id, self.last, self.timeout)
            if self.last_error is not None:
                timeout.message += f"; the last poll failed: {self.last_error.message}"
                timeout.args = (timeout.message,)
            raise timeout
        return delay


__all__ = [
    "POLL_FACTOR",
    "POLL_INITIAL",
    "POLL_MAX",
    "UNKNOWN_POLLS",
    "Poller",
    "Wait",
    "attach_import",
    "notify",
    "resume_hint",
    "timeout_error",
    "transient",
]
