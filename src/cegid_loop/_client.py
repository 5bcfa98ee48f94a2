"""``LoopClient`` and ``AsyncLoopClient``: the generated client, configured, retried and typed.

Every API call goes through a generated ``cegid_loop_api.api.<tag>.<operation>`` module's
``sync_detailed``/``asyncio_detailed``: this module adds no second HTTP layer, only
- one ``httpx.Client`` with the two auth headers (added by an ``httpx.Auth``, so they are in no
  headers dict that could be printed), default timeouts and an injectable transport;
- retries around each call (policy in :mod:`cegid_loop._retry`, waiting by stamina);
- typed errors for every way a call can fail (:mod:`cegid_loop._errors_map`), including the
  failures the generated code cannot report itself (undocumented or non-IANA status, bodies that do
  not parse), thanks to the ``httpx.Response`` captured by an event hook.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from cegid_loop import _redact
from cegid_loop._errors_map import (
    decode_json,
    error_from_httpx_response,
    error_from_transport,
    error_in_body,
    request_id_of,
)
from cegid_loop.config import LoopConfig, Secret
from cegid_loop.errors import LoopError, OperationRejected, UnexpectedResponse

if TYPE_CHECKING:
    from cegid_loop.imports import AsyncImports, Imports
    from cegid_loop.resources import AsyncResource, Operation, Resource

logger = logging.getLogger("cegid_loop")
T = TypeVar("T")

# Uploads of big FEC files to the deposit URL need more than the API's read/write timeouts.
UPLOAD_TIMEOUT = httpx.Timeout(300.0, connect=10.0)
_PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError)


class _LoopAuth(httpx.Auth):
    """Adds ``Ocp-Apim-Subscription-Key`` and ``X-ApiKey`` to each request of the API client."""

    def __init__(self, subscription_key: Secret, api_key: Secret) -> None:
        self._subscription_key = subscription_key
        self._api_key = api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        from cegid_loop.config import API_KEY_HEADER, SUBSCRIPTION_KEY_HEADER

        request.headers[SUBSCRIPTION_KEY_HEADER] = self._subscription_key.get_secret_value()
        request.headers[API_KEY_HEADER] = self._api_key.get_secret_value()
        yield request

    def __repr__(self) -> str:
        return "_LoopAuth(***)"


@dataclass
class _Capture:
    response: httpx.Response | None = None


# Per call (and per thread / task): the last httpx.Response seen by the event hook.
_CAPTURE: contextvars.ContextVar[_Capture | None] = contextvars.ContextVar("cegid_loop_capture", default=None)


def _remember(response: httpx.Response) -> None:
    capture = _CAPTURE.get()
    if capture is not None:
        capture.response = response


async def _aremember(response: httpx.Response) -> None:
    _remember(response)


@dataclass(frozen=True)
class LoopResponse(Generic[T]):
    """What ``loop.with_raw_response....`` returns: the answer as received, plus the parsed value."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    parsed: T | None
    http_response: httpx.Response

    @property
    def request_id(self) -> str | None:
        return request_id_of(self.headers)

    def json(self) -> Any:
        return decode_json(self.content)

    def __repr__(self) -> str:
        return f"LoopResponse(status_code={self.status_code}, request_id={self.request_id!r})"


def _context(op: Operation) -> str:
    return f"{op.method} {op.path} ({op.operation_id})"


def _empty_success(response: httpx.Response) -> bool:
    """A 2xx with no body (a DELETE, typically): success, even if the generated code wanted JSON."""
    return 200 <= response.status_code < 300 and not response.content.strip()


def _unparseable(response: httpx.Response, exc: BaseException, context: str) -> LoopError:
    """The error for an answer the generated code could not turn into a result."""
    if response.status_code >= 400:
        return error_from_httpx_response(response, context=context)
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
    if rejected is not None and 200 <= response.status_code < 300:
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


def _checked(op: Operation, response: httpx.Response, parsed: Any) -> LoopResponse[Any]:
    """Raise for error statuses and for a 2xx body that is Loop's ``{"error": ...}``."""
    context = _context(op)
    if response.status_code >= 400:
        raise error_from_httpx_response(response, context=context)
    if not 200 <= response.status_code < 300:
        raise UnexpectedResponse(
            f"{context}: unexpected HTTP {response.status_code}",
            status_code=response.status_code,
            request_id=request_id_of(response.headers),
        )
    # Only a body that mentions "error" can be Loop's refusal: the others are not decoded twice.
    if response.content and (parsed is None or b'"error"' in response.content):
        try:
            data = decode_json(response.content)
        except ValueError:
            data = None
            if parsed is None:
                # Nothing parsed a non-JSON 2xx body: nothing can be returned from it either.
                raise _unparseable(response, ValueError("not JSON"), context) from None
        rejected = error_in_body(data)
        if rejected is not None:
            raise OperationRejected(
                f"{context}: {rejected[0]}",
                instance_id=rejected[1],
                status_code=response.status_code,
                request_id=request_id_of(response.headers),
                body=response.text,
            )
        if parsed is None:
            parsed = data  # a 2xx the spec does not document (201...): hand back the JSON
    return LoopResponse(
        status_code=response.status_code,
        headers=response.headers,
        content=response.content,
        parsed=parsed,
        http_response=response,
    )


def _log_failure(op: Operation, attempt: int, total: int, exc: LoopError, retry: bool | float) -> None:
    if retry is False or attempt >= total:
        logger.debug("%s failed on attempt %d/%d: %r", _context(op), attempt, total, exc)
    else:
        logger.info("%s attempt %d/%d failed, retrying: %r", _context(op), attempt, total, exc)


class _BaseClient:
    config: LoopConfig

    def _resolve(self, name: str) -> Operation:
        from cegid_loop.resources import operations

        ops = operations()
        try:
            return ops[name]
        except KeyError:
            raise AttributeError(f"no operation {name!r} in the Loop API description") from None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.config.base_url!r}, "
            f"subscription_key={self.config.subscription_key!r}, api_key={self.config.api_key!r})"
        )


def _make_config(config: LoopConfig | None, **kwargs: Any) -> LoopConfig:
    if config is not None:
        if any(v is not None for v in kwargs.values()):
            raise TypeError("pass either config= or individual settings, not both")
        return config
    return LoopConfig.resolve(**kwargs)


def _api_client(config: LoopConfig) -> Any:
    from cegid_loop_api.client import Client

    # No headers here: the generated Client is an attrs class whose repr would print them.
    return Client(base_url=config.base_url, timeout=config.timeout)


class LoopClient(_BaseClient):
    """Synchronous client. Settings come from the arguments, else ``LOOP_*`` environment variables.

    >>> with LoopClient() as loop:                                   # doctest: +SKIP
    ...     for compte in loop.comptes.iter("CEGID001", filter=F.numero.startswith("6")):
    ...         print(compte.numero, compte.libelle)

    ``transport`` replaces httpx's network transport (the sandbox's in-process transport, a
    ``httpx.MockTransport``...). ``max_retries=0`` turns retries off.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        subscription_key: str | Secret | None = None,
        api_key: str | Secret | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        transport: httpx.BaseTransport | None = None,
        config: LoopConfig | None = None,
    ) -> None:
        self.config = _make_config(
            config,
            base_url=base_url,
            subscription_key=subscription_key,
            api_key=api_key,
            timeout=timeout,
            max_retries=max_retries,
        )
        _redact.install()
        self._transport = transport
        self._http = httpx.Client(
            base_url=self.config.base_url,
            auth=_LoopAuth(self.config.subscription_key, self.config.api_key),
            timeout=self.config.timeout,
            transport=transport,
            follow_redirects=False,  # never carry the keys to another host
            event_hooks={"response": [_remember]},
        )
        self._upload_http: httpx.Client | None = None
        self.api_client = _api_client(self.config).set_httpx_client(self._http)
        self._resources: dict[str, Resource] = {}
        self._raw = False

    # -- plumbing ---------------------------------------------------------------------------------
    def request(self, operation: str | Operation, /, **kwargs: Any) -> LoopResponse[Any]:
        """Call any operation by its ``operationId`` with the generated function's keyword
        arguments (``code_dossier=``, ``body=``...): retried if idempotent, errors raised typed."""
        op = self._resolve(operation) if isinstance(operation, str) else operation
        fn = op.function("sync_detailed")
        policy = self.config.retry
        for attempt in policy.retrying(op.method):
            with attempt:
                try:
                    return self._once(op, fn, kwargs)
                except LoopError as exc:
                    _log_failure(op, attempt.num, policy.attempts, exc, policy.decide(exc, op.method))
                    raise
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    def call(self, operation: str | Operation, /, **kwargs: Any) -> Any:
        """Like :meth:`request`, returning the parsed result only."""
        return self.request(operation, **kwargs).parsed

    def _once(self, op: Operation, fn: Any, kwargs: Mapping[str, Any]) -> LoopResponse[Any]:
        capture = _Capture()
        token = _CAPTURE.set(capture)
        started = time.monotonic()
        try:
            result = fn(client=self.api_client, **kwargs)
        except httpx.TransportError as exc:
            raise error_from_transport(exc, context=_context(op)) from exc
        except _PARSE_ERRORS as exc:
            if capture.response is None:
                raise  # raised before any HTTP exchange: a wrong argument, not a bad answer
            if not _empty_success(capture.response):
                raise _unparseable(capture.response, exc, _context(op)) from exc
            result = None
        finally:
            _CAPTURE.reset(token)
        response = capture.response
        if response is None:  # pragma: no cover - the hook always runs when a response came back
            raise UnexpectedResponse(f"{_context(op)}: no response captured")
        logger.debug(
            "%s -> %s in %.0f ms (request id %s)",
            _context(op),
            response.status_code,
            (time.monotonic() - started) * 1000,
            request_id_of(response.headers),
        )
        return _checked(op, response, result.parsed if result is not None else None)

    def _upload_client(self) -> httpx.Client:
        """A client *without* the Loop keys, for the storage deposit URL (a different host)."""
        if self._upload_http is None:
            self._upload_http = httpx.Client(
                transport=self._transport, timeout=UPLOAD_TIMEOUT, follow_redirects=False
            )
        return self._upload_http

    # -- namespaces -------------------------------------------------------------------------------
    def __getattr__(self, name: str) -> Resource:
        if name.startswith("_"):
            raise AttributeError(name)
        from cegid_loop.resources import make_resource

        resources = self.__dict__.setdefault("_resources", {})
        if name not in resources:
            resources[name] = make_resource(self, name, raw=self.__dict__.get("_raw", False))
        resource: Resource = resources[name]
        return resource

    def __dir__(self) -> list[str]:
        from cegid_loop.resources import resource_names

        return sorted({*super().__dir__(), *resource_names()})

    @property
    def imports(self) -> Imports:
        from cegid_loop.imports import Imports

        if "imports" not in self._resources:
            self._resources["imports"] = Imports(self)  # type: ignore[assignment]
        return self._resources["imports"]  # type: ignore[return-value]

    @property
    def with_raw_response(self) -> LoopClient:
        """A view of this client whose resource methods return :class:`LoopResponse`."""
        view = object.__new__(type(self))
        view.__dict__.update(self.__dict__)
        view._resources = {}
        view._raw = True
        return view

    # -- lifecycle --------------------------------------------------------------------------------
    def close(self) -> None:
        self._http.close()
        if self._upload_http is not None:
            self._upload_http.close()

    def __enter__(self) -> LoopClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncLoopClient(_BaseClient):
    """Asynchronous twin of :class:`LoopClient` (same arguments, ``await`` the calls).

    >>> async with AsyncLoopClient() as loop:                        # doctest: +SKIP
    ...     async for compte in loop.comptes.iter("CEGID001", concurrency=4):
    ...         print(compte.numero)
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        subscription_key: str | Secret | None = None,
        api_key: str | Secret | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        config: LoopConfig | None = None,
    ) -> None:
        self.config = _make_config(
            config,
            base_url=base_url,
            subscription_key=subscription_key,
            api_key=api_key,
            timeout=timeout,
            max_retries=max_retries,
        )
        _redact.install()
        self._transport = transport
        self._http = httpx.AsyncClient(
            base_url=self.config.base_url,
            auth=_LoopAuth(self.config.subscription_key, self.config.api_key),
            timeout=self.config.timeout,
            transport=transport,
            follow_redirects=False,
            event_hooks={"response": [_aremember]},
        )
        self._upload_http: httpx.AsyncClient | None = None
        self.api_client = _api_client(self.config).set_async_httpx_client(self._http)
        self._resources: dict[str, AsyncResource] = {}
        self._raw = False

    async def request(self, operation: str | Operation, /, **kwargs: Any) -> LoopResponse[Any]:
        """See :meth:`LoopClient.request`."""
        op = self._resolve(operation) if isinstance(operation, str) else operation
        fn = op.function("asyncio_detailed")
        policy = self.config.retry
        async for attempt in policy.retrying(op.method):
            with attempt:
                try:
                    return await self._once(op, fn, kwargs)
                except LoopError as exc:
                    _log_failure(op, attempt.num, policy.attempts, exc, policy.decide(exc, op.method))
                    raise
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    async def call(self, operation: str | Operation, /, **kwargs: Any) -> Any:
        return (await self.request(operation, **kwargs)).parsed

    async def _once(self, op: Operation, fn: Any, kwargs: Mapping[str, Any]) -> LoopResponse[Any]:
        capture = _Capture()
        token = _CAPTURE.set(capture)
        started = time.monotonic()
        try:
            result = await fn(client=self.api_client, **kwargs)
        except httpx.TransportError as exc:
            raise error_from_transport(exc, context=_context(op)) from exc
        except _PARSE_ERRORS as exc:
            if capture.response is None:
                raise
            if not _empty_success(capture.response):
                raise _unparseable(capture.response, exc, _context(op)) from exc
            result = None
        finally:
            _CAPTURE.reset(token)
        response = capture.response
        if response is None:  # pragma: no cover
            raise UnexpectedResponse(f"{_context(op)}: no response captured")
        logger.debug(
            "%s -> %s in %.0f ms (request id %s)",
            _context(op),
            response.status_code,
            (time.monotonic() - started) * 1000,
            request_id_of(response.headers),
        )
        return _checked(op, response, result.parsed if result is not None else None)

    def _upload_client(self) -> httpx.AsyncClient:
        if self._upload_http is None:
            self._upload_http = httpx.AsyncClient(
                transport=self._transport, timeout=UPLOAD_TIMEOUT, follow_redirects=False
            )
        return self._upload_http

    def __getattr__(self, name: str) -> AsyncResource:
        if name.startswith("_"):
            raise AttributeError(name)
        from cegid_loop.resources import make_async_resource

        resources = self.__dict__.setdefault("_resources", {})
        if name not in resources:
            resources[name] = make_async_resource(self, name, raw=self.__dict__.get("_raw", False))
        resource: AsyncResource = resources[name]
        return resource

    def __dir__(self) -> list[str]:
        from cegid_loop.resources import resource_names

        return sorted({*super().__dir__(), *resource_names()})

    @property
    def imports(self) -> AsyncImports:
        from cegid_loop.imports import AsyncImports

        if "imports" not in self._resources:
            self._resources["imports"] = AsyncImports(self)  # type: ignore[assignment]
        return self._resources["imports"]  # type: ignore[return-value]

    @property
    def with_raw_response(self) -> AsyncLoopClient:
        view = object.__new__(type(self))
        view.__dict__.update(self.__dict__)
        view._resources = {}
        view._raw = True
        return view

    async def aclose(self) -> None:
        await self._http.aclose()
        if self._upload_http is not None:
            await self._upload_http.aclose()

    async def __aenter__(self) -> AsyncLoopClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


__all__ = ["AsyncLoopClient", "LoopClient", "LoopResponse"]
