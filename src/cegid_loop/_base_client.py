"""The core under ``LoopClient`` / ``AsyncLoopClient``: auth, settings, options, what an answer means.

The typed facade (generated into ``cegid_loop_api.facade``) calls ``_call`` of
:class:`~cegid_loop._async.client.AsyncAPIClient` (or of the :class:`SyncAPIClient` generated from
it, see :mod:`cegid_loop._async`) with an :class:`~cegid_loop._types.Operation`, the request
arguments made by the generated module's ``_get_kwargs`` and its ``_parse_response``. Everything that
needs no I/O lives here once, for both clients:

- the two keys added by an ``httpx.Auth`` (so they sit in no headers dict that could be printed);
- settings, ``with_options(timeout=..., max_retries=..., deadline=...)`` (a client sharing the
  connection pool), the request arguments of one attempt;
- what an answer means (:func:`interpret`: error mapping, a 200 that is Loop's ``{"error": ...}``
  refusal, a body that does not parse).

``SyncAPIClient`` and ``AsyncAPIClient`` are importable from here (where the facade imports them);
they are loaded on first use, since their modules import this one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, Protocol, Self, TypeVar

import httpx

from cegid_loop import _redact
from cegid_loop._errors_map import (
    decode_json,
    error_from_httpx_response,
    error_in_body,
    request_id_of,
)
from cegid_loop._exchange import Deadline
from cegid_loop._retry import quiet_retry_fallback
from cegid_loop._types import NotGiven, Operation, RequestOptions, Timeout
from cegid_loop.config import API_KEY_HEADER, SUBSCRIPTION_KEY_HEADER, LoopConfig, Secret, check_max_retries
from cegid_loop.errors import LoopError, OperationRejected, UnexpectedResponse

if TYPE_CHECKING:
    from cegid_loop_api.client import Client

logger = logging.getLogger("cegid_loop")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# Uploads of big FEC files to the deposit URL need more than the API's read/write timeouts.
UPLOAD_TIMEOUT = httpx.Timeout(300.0, connect=10.0)
_PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError)


class ParseResponse(Protocol[T_co]):
    """A generated endpoint module's ``_parse_response``."""

    def __call__(self, *, client: Client, response: httpx.Response) -> T_co: ...


class _LoopAuth(httpx.Auth):
    """Adds ``Ocp-Apim-Subscription-Key`` and ``X-ApiKey`` to each request of the API client."""

    def __init__(self, subscription_key: Secret, api_key: Secret) -> None:
        self._subscription_key = subscription_key
        self._api_key = api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[SUBSCRIPTION_KEY_HEADER] = self._subscription_key.get_secret_value()
        request.headers[API_KEY_HEADER] = self._api_key.get_secret_value()
        yield request

    def __repr__(self) -> str:
        return "_LoopAuth(***)"


@dataclass(frozen=True)
class LoopResponse(Generic[T]):
    """An answer as received, plus what the generated parser made of it."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    parsed: T | None

    @property
    def request_id(self) -> str | None:
        """The gateway's request id (to quote to Cegid's support), when the answer carried one."""
        return request_id_of(self.headers)

    def json(self) -> Any:
        """The body as JSON, amounts as exact ``Decimal`` (never floats), whatever its shape."""
        return decode_json(self.content)

    def __repr__(self) -> str:
        return f"LoopResponse(status_code={self.status_code}, request_id={self.request_id!r})"


# -- what an answer means (sans-IO, shared by both clients) ---------------------------------------
def _unparseable(response: httpx.Response, exc: BaseException, context: str) -> LoopError:
    """The error for an answer the generated code could not turn into a result."""
    request_id = request_id_of(response.headers)
    body = response.content.decode("utf-8", errors="replace")
    try:
        data = decode_json(response.content)
    except ValueError:
        return UnexpectedResponse(
            f"{context}: the body is not valid JSON (truncated?)",
            status_code=response.status_code,
            request_id=request_id,
            body=body,
            decode_error=True,
        )
    rejected = error_in_body(data)
    if rejected is not None:
        return OperationRejected(
            f"{context}: {rejected[0]}",
            instance_id=rejected[1],
            status_code=response.status_code,
            request_id=request_id,
            body=body,
        )
    return UnexpectedResponse(
        f"{context}: the answer does not match the API description ({type(exc).__name__}: {exc})",
        status_code=response.status_code,
        request_id=request_id,
        body=body,
    )


def interpret(
    op: Operation, response: httpx.Response, parse: ParseResponse[T], api: Client
) -> LoopResponse[T]:
    """Raise the typed error an answer means, or return it parsed."""
    context = op.label
    if response.status_code >= 400:
        raise error_from_httpx_response(response, context=context)
    if not 200 <= response.status_code < 300:
        raise UnexpectedResponse(
            f"{context}: unexpected HTTP {response.status_code}",
            status_code=response.status_code,
            request_id=request_id_of(response.headers),
        )
    from cegid_loop_api.types import bulk_parsing

    parsed: T | None = None
    if response.content.strip():
        try:
            with bulk_parsing(len(response.content)):
                parsed = parse(client=api, response=response)
        except _PARSE_ERRORS as exc:
            raise _unparseable(response, exc, context) from None
        # Only a body that mentions "error" can be Loop's refusal: the others are not decoded twice.
        if b'"error"' in response.content:
            try:
                rejected = error_in_body(decode_json(response.content))
            except ValueError:
                rejected = None
            if rejected is not None:
                raise OperationRejected(
                    f"{context}: {rejected[0]}",
                    instance_id=rejected[1],
                    status_code=response.status_code,
                    request_id=request_id_of(response.headers),
                    body=response.text,
                )
    return LoopResponse(response.status_code, response.headers, response.content, parsed)


_GUESSES_SAID: set[str] = set()


def say_if_guessed(op: Operation) -> None:
    """Once per operation and process: the definition of this operation is a reconstruction."""
    if op.provenance == "inferred" and op.operation_id not in _GUESSES_SAID:
        _GUESSES_SAID.add(op.operation_id)
        logger.info(
            "%s: this operation's shape is inferred, not documented by Cegid (%s); "
            "cegid-loop drift live checks it against a real Loop",
            op.label,
            op.provenance_note or "no page found",
        )


def log_failure(op: Operation, attempt: int, total: int, exc: LoopError, retry: bool | float) -> None:
    if retry is False or attempt >= total:
        logger.debug("%s failed on attempt %d/%d: %r", op.label, attempt, total, exc)
    else:
        logger.info("%s attempt %d/%d failed, retrying: %r", op.label, attempt, total, exc)


def log_answer(op: Operation, response: httpx.Response, started: float) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s -> %s in %.0f ms (request id %s)",
            op.label,
            response.status_code,
            (time.monotonic() - started) * 1000,
            request_id_of(response.headers),
        )


def _timeout_of(value: Timeout | NotGiven, default: httpx.Timeout) -> httpx.Timeout:
    if isinstance(value, NotGiven):
        return default
    if value is None or isinstance(value, httpx.Timeout):
        return httpx.Timeout(value) if value is None else value
    return httpx.Timeout(float(value), connect=min(float(value), default.connect or float(value)))


def call_deadline(options: RequestOptions, config: LoopConfig) -> Deadline:
    seconds = config.deadline if isinstance(options.deadline, NotGiven) else options.deadline
    return Deadline.after(seconds or None)


def _bounded_timeout(timeout: httpx.Timeout, left: float | None) -> httpx.Timeout:
    """No single wait (connect, read, write, pool) longer than what is left of the deadline."""
    if left is None:
        return timeout

    def cap(value: float | None) -> float:
        return max(0.001, left if value is None else min(value, left))

    return httpx.Timeout(
        connect=cap(timeout.connect), read=cap(timeout.read), write=cap(timeout.write), pool=cap(timeout.pool)
    )


def request_args(
    kwargs: dict[str, Any], options: RequestOptions, config: LoopConfig, left: float | None = None
) -> dict[str, Any]:
    """``httpx.Client.build_request`` arguments: the generated ones plus the per-call options."""
    args = dict(kwargs)
    if options.extra_query:
        args["params"] = {**(args.get("params") or {}), **options.extra_query}
    if options.extra_headers:
        blocked = {SUBSCRIPTION_KEY_HEADER.lower(), API_KEY_HEADER.lower()}
        extra = {k: v for k, v in options.extra_headers.items() if k.lower() not in blocked}
        args["headers"] = {**(args.get("headers") or {}), **extra}
    args["timeout"] = _bounded_timeout(_timeout_of(options.timeout, config.timeout), left)
    return args


def _api_client(config: LoopConfig) -> Client:
    from cegid_loop_api.client import Client

    # Only handed to the generated parsers; no headers here (the attrs repr would print them).
    return Client(base_url=config.base_url, timeout=config.timeout)


class ClientBase:
    """Settings and options, the same for both clients."""

    _config: LoopConfig
    _api: Client

    def _configure(self, config: LoopConfig | None, **settings: Any) -> LoopConfig:
        """Settings from ``config``, else from the arguments, else from the ``LOOP_*`` variables."""
        if config is None:
            config = LoopConfig.resolve(**settings)
        elif any(v is not None for v in settings.values()):
            raise TypeError("pass either config= or individual settings, not both")
        _redact.install()
        quiet_retry_fallback()
        self._config = config
        self._api = _api_client(config)
        return config

    def _auth(self) -> httpx.Auth:
        return _LoopAuth(self._config.subscription_key, self._config.api_key)

    @property
    def config(self) -> LoopConfig:
        return self._config

    def _copy(self, config: LoopConfig) -> Self:
        """A client on the same connections with other settings (resources are bound anew)."""
        clone = object.__new__(type(self))
        state = {k: v for k, v in self.__dict__.items() if k.startswith("_")}
        clone.__dict__.update(state)  # cached resource properties (public names) are not copied
        clone._config = config
        return clone

    def _with_options(
        self, timeout: Timeout | NotGiven, max_retries: int | NotGiven, deadline: float | NotGiven | None
    ) -> Self:
        config = self._config
        if not isinstance(timeout, NotGiven):
            config = replace(config, timeout=_timeout_of(timeout, config.timeout))
        if not isinstance(max_retries, NotGiven):
            config = replace(config, retry=config.retry.with_max_retries(check_max_retries(max_retries)))
        if not isinstance(deadline, NotGiven):
            if deadline is not None and deadline < 0:
                raise ValueError("deadline must be >= 0 seconds (0 or None: no deadline)")
            config = replace(config, deadline=deadline or None)
        return self._copy(config)

    def __repr__(self) -> str:
        c = self._config
        return (
            f"{type(self).__name__}(base_url={c.base_url!r}, "
            f"subscription_key={c.subscription_key!r}, api_key={c.api_key!r})"
        )


if TYPE_CHECKING:
    from cegid_loop._async.client import AsyncAPIClient
    from cegid_loop._sync.client import SyncAPIClient
else:

    def __getattr__(name: str) -> object:
        # The clients' modules import this one: they are loaded when first asked for.
        if name == "AsyncAPIClient":
            from cegid_loop._async.client import AsyncAPIClient as found
        elif name == "SyncAPIClient":
            from cegid_loop._sync.client import SyncAPIClient as found
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = found
        return found


__all__ = [
    "UPLOAD_TIMEOUT",
    "AsyncAPIClient",
    "ClientBase",
    "LoopResponse",
    "ParseResponse",
    "SyncAPIClient",
    "call_deadline",
    "interpret",
    "log_answer",
    "log_failure",
    "request_args",
    "say_if_guessed",
]
