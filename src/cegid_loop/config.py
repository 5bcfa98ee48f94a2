"""Client settings, from arguments first and the environment second.

- base URL: ``base_url`` / ``LOOP_BASE_URL``, default ``https://api.cegid.com/loop-api-publiques``;
- APIM subscription key: ``subscription_key`` / ``LOOP_SUBSCRIPTION_KEY`` (required);
- Loop API key: ``api_key`` / ``LOOP_API_KEY`` (required, ``KEY:SECRET``);
- timeout in seconds: ``timeout`` / ``LOOP_TIMEOUT``, default 30 s (10 s to connect), per read;
- deadline in seconds: ``deadline`` / ``LOOP_DEADLINE``, default 120 s: the wall-clock budget of a
  whole call, retries, waits and a slowly trickling body included (``0`` or ``none``: no deadline);
- logging: ``LOOP_LOG=info|debug`` prints the library's log on stderr, secrets masked
  (:mod:`cegid_loop._logs`);
- retries: ``max_retries`` / ``LOOP_MAX_RETRIES``, default 2 (so at most 3 attempts), at most 10;
- largest answer accepted once decoded: ``max_body_bytes``, default 64 MiB (a page of 100 records
  is well under 1 MiB; a gzip bomb is stopped early).

Keys are held in :class:`Secret`, whose ``repr``/``str`` never show the value, and are registered
with the redaction layer as soon as they are read.
"""

from __future__ import annotations

import hmac
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from cegid_loop._redact import register_secret
from cegid_loop._retry import RetryPolicy
from cegid_loop.errors import ConfigurationError

DEFAULT_BASE_URL = "https://api.cegid.com/loop-api-publiques"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
MAX_RETRIES_LIMIT = 10  # more than this is a mistake (LOOP_MAX_RETRIES=100000000), not a policy
DEFAULT_DEADLINE = 120.0
DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024

SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key"
API_KEY_HEADER = "X-ApiKey"

ENV_BASE_URL = "LOOP_BASE_URL"
ENV_SUBSCRIPTION_KEY = "LOOP_SUBSCRIPTION_KEY"
ENV_API_KEY = "LOOP_API_KEY"
ENV_TIMEOUT = "LOOP_TIMEOUT"
ENV_MAX_RETRIES = "LOOP_MAX_RETRIES"
ENV_DEADLINE = "LOOP_DEADLINE"


class Secret:
    """A string that does not print itself. ``get_secret_value()`` is the only way to read it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("a Secret wraps a str")
        register_secret(value)
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')" if self._value else "Secret('')"

    def __str__(self) -> str:
        return "***"

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash((Secret, self._value))


def check_max_retries(value: int) -> int:
    if not 0 <= value <= MAX_RETRIES_LIMIT:
        raise ConfigurationError(f"max_retries must be between 0 and {MAX_RETRIES_LIMIT} ({ENV_MAX_RETRIES})")
    return value


def _secret(value: str | Secret | None) -> Secret | None:
    if value is None or isinstance(value, Secret):
        return value
    return Secret(value)


def _timeout(value: float | httpx.Timeout | None) -> httpx.Timeout:
    if value is None:
        return DEFAULT_TIMEOUT
    if isinstance(value, httpx.Timeout):
        return value
    seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        raise ConfigurationError("timeout must be a positive number of seconds")
    return httpx.Timeout(seconds, connect=min(seconds, DEFAULT_TIMEOUT.connect or seconds))


_NO_DEADLINE = ("0", "none", "off", "no")


def _deadline(value: float | None, env: Mapping[str, str]) -> float | None:
    """Seconds, or None for no deadline; the variable accepts ``0``/``none`` for none."""
    if value is None:
        raw = env.get(ENV_DEADLINE)
        if raw is None or not raw.strip():
            return DEFAULT_DEADLINE
        if raw.strip().lower() in _NO_DEADLINE:
            return None
        try:
            value = float(raw)
        except ValueError:
            raise ConfigurationError(f"{ENV_DEADLINE} must be a number of seconds (or 0/none)") from None
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0:
        raise ConfigurationError("deadline must be a positive number of seconds (0: none)")
    return seconds or None


def _env_float(env: Mapping[str, str], name: str) -> float | None:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return None
    try:
        return float(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a number of seconds") from None


def _env_int(env: Mapping[str, str], name: str) -> int | None:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return None
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be an integer") from None


@dataclass(frozen=True, repr=False)
class LoopConfig:
    """Resolved settings. Build it with :meth:`resolve` (arguments, then environment)."""

    subscription_key: Secret
    api_key: Secret
    base_url: str = DEFAULT_BASE_URL
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    deadline: float | None = DEFAULT_DEADLINE
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES

    def __post_init__(self) -> None:
        if not self.subscription_key:
            raise ConfigurationError(
                f"missing subscription key: pass subscription_key= or set {ENV_SUBSCRIPTION_KEY}"
            )
        if not self.api_key:
            raise ConfigurationError(f"missing API key: pass api_key= or set {ENV_API_KEY} (KEY:SECRET)")
        key, sep, secret = self.api_key.get_secret_value().partition(":")
        if not (key and sep and secret):
            raise ConfigurationError(f"the API key ({ENV_API_KEY}) must have the form KEY:SECRET")
        if not self.base_url.startswith(("http://", "https://")):
            raise ConfigurationError("base_url must be an http(s) URL")

    @classmethod
    def resolve(
        cls,
        *,
        base_url: str | None = None,
        subscription_key: str | Secret | None = None,
        api_key: str | Secret | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        deadline: float | None = None,
        max_body_bytes: int | None = None,
        env: Mapping[str, str] | None = None,
    ) -> LoopConfig:
        """Arguments win over the environment (``env`` defaults to ``os.environ``)."""
        env = os.environ if env is None else env
        from cegid_loop._logs import setup_from_env

        setup_from_env(env)  # LOOP_LOG=info|debug: the library's logging on stderr, redacted
        if timeout is None:
            timeout = _env_float(env, ENV_TIMEOUT)
        if max_retries is None:
            max_retries = _env_int(env, ENV_MAX_RETRIES)
        if retry is None:
            retry = RetryPolicy()
        if max_retries is not None:
            retry = retry.with_max_retries(check_max_retries(max_retries))
        if max_body_bytes is not None and max_body_bytes < 1:
            raise ConfigurationError("max_body_bytes must be at least 1")
        return cls(
            subscription_key=_secret(subscription_key or env.get(ENV_SUBSCRIPTION_KEY)) or Secret(""),
            api_key=_secret(api_key or env.get(ENV_API_KEY)) or Secret(""),
            base_url=(base_url or env.get(ENV_BASE_URL) or DEFAULT_BASE_URL).rstrip("/"),
            timeout=_timeout(timeout),
            retry=retry,
            deadline=_deadline(deadline, env),
            max_body_bytes=max_body_bytes or DEFAULT_MAX_BODY_BYTES,
        )

    def auth_headers(self) -> dict[str, str]:
        """The two headers Loop wants on every call. Plain values: hand them to httpx only."""
        return {
            SUBSCRIPTION_KEY_HEADER: self.subscription_key.get_secret_value(),
            API_KEY_HEADER: self.api_key.get_secret_value(),
        }

    def __repr__(self) -> str:
        return (
            f"LoopConfig(base_url={self.base_url!r}, subscription_key={self.subscription_key!r}, "
            f"api_key={self.api_key!r}, timeout={self.timeout!r}, retry={self.retry!r}, "
            f"deadline={self.deadline!r})"
        )

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("LoopConfig holds secrets and is not picklable")


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_DEADLINE",
    "DEFAULT_TIMEOUT",
    "LoopConfig",
    "Secret",
    "check_max_retries",
]
