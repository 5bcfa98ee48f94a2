"""When to try a call again, and how long to wait first. The waiting itself is stamina's.

Rules (why):
- GET, PUT, DELETE are retried on 429, 502, 503, 504 and on connection errors and timeouts: HTTP
  defines them as idempotent. A replayed PUT whose first try did land gets a RevisionConflict, a
  replayed DELETE a NotFound: loud, never a silent double write.
- A GET whose 200 body is not valid JSON (truncated) is retried too: reading again is harmless.
- POST (creations, imports) is retried only when the request certainly did not reach Loop: the
  connection could not be opened, or the APIM gateway refused it with 429 (the gateway answers
  that itself, before the backend). Anything else - a timeout after sending, a dropped
  connection, a 5xx - may have been processed, and an import started twice posts its entries
  twice, so it is raised instead.
- ``Retry-After`` (seconds or an HTTP date) sets the wait when present; a wait longer than
  ``max_retry_after`` is not slept through: the error is raised with ``retry_after`` set.

In tests, :func:`no_wait` turns every wait off (stamina's testing mode) without changing how many
attempts are made.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import stamina

from cegid_loop.errors import (
    APIConnectionError,
    RateLimited,
    ServerError,
    UnexpectedResponse,
)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})

_APIM_MESSAGE_RE = re.compile(r"try again in (\d+(?:\.\d+)?) seconds?", re.IGNORECASE)


def parse_retry_after(headers: Mapping[str, str], *, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait according to ``Retry-After`` (delta-seconds or HTTP-date) or
    ``retry-after-ms``; ``None`` when absent or unreadable. Never negative."""
    lowered = {k.lower(): v for k, v in headers.items()}
    raw_ms = lowered.get("retry-after-ms")
    if raw_ms is not None:
        try:
            return max(0.0, float(raw_ms) / 1000.0)
        except ValueError:
            pass
    raw = lowered.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        seconds = float(raw)
    except ValueError:
        import email.utils  # only for the rare HTTP-date form (the email package costs start-up time)

        try:
            when = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        current = now or dt.datetime.now(dt.UTC)
        return max(0.0, (when - current).total_seconds())
    if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN, inf
        return None
    return max(0.0, seconds)


def retry_after_from_message(message: str | None) -> float | None:
    """APIM's default 429 text says "Try again in 60 seconds." even when a policy drops the header."""
    if not message:
        return None
    match = _APIM_MESSAGE_RE.search(message)
    return float(match.group(1)) if match else None


@dataclass(frozen=True)
class RetryPolicy:
    """How many times and how long. Exponential backoff with jitter between attempts:
    ``min(wait_max, wait_initial * wait_exp_base ** (n - 1) + uniform(0, wait_jitter))``."""

    max_retries: int = 2
    wait_initial: float = 0.5
    wait_max: float = 8.0
    wait_jitter: float = 0.5
    wait_exp_base: float = 2.0
    max_retry_after: float = 60.0
    retry_statuses: frozenset[int] = RETRY_STATUSES

    @property
    def attempts(self) -> int:
        return self.max_retries + 1

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        return replace(self, max_retries=max_retries)

    def decide(self, exc: BaseException, method: str, remaining: float | None = None) -> bool | float:
        """stamina backoff hook: False = raise now, True = back off, a float = wait that long.
        ``remaining``: seconds left of the call's deadline; a wait that would pass it is not made."""
        verdict = self._decide(exc, method)
        if remaining is None or verdict is False:
            return verdict
        wait = verdict if not isinstance(verdict, bool) else self.wait_initial
        return verdict if wait < remaining else False

    def _decide(self, exc: BaseException, method: str) -> bool | float:
        method = method.upper()
        idempotent = method in IDEMPOTENT_METHODS
        if isinstance(exc, RateLimited):
            # 429 comes from the gateway before the backend sees the call: safe for POST too.
            return self._wait_for(exc.retry_after)
        if isinstance(exc, ServerError):
            if not idempotent or exc.status_code not in self.retry_statuses:
                return False
            return self._wait_for(exc.retry_after)
        if isinstance(exc, APIConnectionError):
            return idempotent or not exc.request_sent
        if isinstance(exc, UnexpectedResponse):
            return exc.decode_error and method == "GET"
        return False

    def _wait_for(self, retry_after: float | None) -> bool | float:
        if retry_after is None:
            return True
        if retry_after > self.max_retry_after:
            return False
        return retry_after

    def retrying(self, method: str, deadline: Any = None) -> Any:
        """A ``stamina.retry_context`` for one call, within ``deadline`` (a
        :class:`cegid_loop._exchange.Deadline`, or None).

        ``for attempt in policy.retrying("GET"): with attempt: ...`` (``async for`` works too).
        """
        remaining = None if deadline is None else deadline.remaining
        return stamina.retry_context(
            on=lambda exc: self.decide(exc, method, remaining() if remaining else None),
            attempts=self.attempts,
            timeout=None if deadline is None else deadline.seconds,
            wait_initial=self.wait_initial,
            wait_max=self.wait_max,
            wait_jitter=self.wait_jitter,
            wait_exp_base=self.wait_exp_base,
        )


def quiet_retry_fallback() -> None:
    """stamina logs each scheduled retry as a bare "stamina.retry_scheduled" WARNING; when the
    application has configured no logging, Python's last-resort handler prints it on stderr. A
    NullHandler on that logger stops only that fallback: an application that configures logging
    still receives the records (and our own INFO line says which call is retried, and why)."""
    stamina_logger = logging.getLogger("stamina")
    if not any(isinstance(h, logging.NullHandler) for h in stamina_logger.handlers):
        stamina_logger.addHandler(logging.NullHandler())


def no_wait() -> Any:
    """Context manager (or plain call) that makes every backoff instant and keeps attempt counts.

    Wraps ``stamina.set_testing(True, attempts=..., cap=True)``: with ``cap`` the configured count
    is kept (capped at a large number) instead of being forced to 1. Import polling reads
    :func:`waits_disabled` too.
    """
    return stamina.set_testing(True, attempts=1_000, cap=True)


def waits_disabled() -> bool:
    return stamina.is_testing()


__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRY_STATUSES",
    "RetryPolicy",
    "no_wait",
    "parse_retry_after",
    "quiet_retry_fallback",
    "retry_after_from_message",
    "waits_disabled",
]
