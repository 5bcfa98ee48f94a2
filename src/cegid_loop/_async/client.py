"""The client core's I/O: one call sent, retried when safe, within its deadline.

Settings, options and what an answer means are shared with the other flavour in
:mod:`cegid_loop._base_client`; how an exchange is bounded by the deadline in
:mod:`cegid_loop._exchange`.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from cegid_loop import _exchange
from cegid_loop._base_client import (
    UPLOAD_TIMEOUT,
    ClientBase,
    LoopResponse,
    ParseResponse,
    call_deadline,
    interpret,
    log_answer,
    log_failure,
    request_args,
    say_if_guessed,
)
from cegid_loop._types import NOT_GIVEN, NotGiven, Operation, RequestOptions, Timeout
from cegid_loop.config import LoopConfig, Secret
from cegid_loop.errors import LoopError

if TYPE_CHECKING:
    from cegid_loop._exchange import Deadline

T = TypeVar("T")


class AsyncAPIClient(ClientBase):
    """The client core. Settings come from the arguments, else the ``LOOP_*`` environment variables.

    Args:
        base_url: the Loop gateway (``LOOP_BASE_URL``, default
            ``https://api.cegid.com/loop-api-publiques``).
        subscription_key: the APIM subscription key (``LOOP_SUBSCRIPTION_KEY``); kept as a
            :class:`~cegid_loop.config.Secret`, never shown in a repr, a log or an error.
        api_key: the Loop API key of the firm (``LOOP_API_KEY``), kept the same way.
        timeout: seconds for each network wait, or an ``httpx.Timeout`` (``LOOP_TIMEOUT``, default 30).
        max_retries: retries of a failed call when it is safe to retry; 0 turns them off
            (``LOOP_MAX_RETRIES``, default 2, at most 10).
        deadline: the seconds a whole call may take, retries included (``LOOP_DEADLINE``, default
            120; 0: none).
        transport: replaces httpx's network transport (the sandbox's in-process transport, an
            ``httpx.MockTransport``...).
        config: a ready :class:`~cegid_loop.config.LoopConfig`, instead of the settings above.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        subscription_key: str | Secret | None = None,
        api_key: str | Secret | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        config: LoopConfig | None = None,
    ) -> None:
        config = self._configure(
            config,
            base_url=base_url,
            subscription_key=subscription_key,
            api_key=api_key,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        self._transport = transport
        self._sender = _exchange.AsyncSender(transport)
        self._http = httpx.AsyncClient(
            base_url=config.base_url,
            auth=self._auth(),
            timeout=config.timeout,
            transport=self._sender.transport,
            follow_redirects=False,  # never carry the keys to another host
        )
        self._uploads: list[httpx.AsyncClient] = []

    def with_options(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> Self:
        """This client with other defaults, sharing its connections:
        ``loop.with_options(timeout=120, max_retries=0, deadline=600).comptes.list(...)``."""
        return self._with_options(timeout, max_retries, deadline)

    async def _call(
        self, op: Operation, kwargs: dict[str, Any], parse: ParseResponse[T], options: RequestOptions
    ) -> LoopResponse[T]:
        """One operation: retried when safe, within the call's deadline, errors raised typed."""
        say_if_guessed(op)
        deadline = call_deadline(options, self._config)
        try:
            return await self._once(op, kwargs, parse, options, deadline)
        except LoopError as exc:
            first = exc
        # Only a failed first attempt pays for the retry machinery (stamina), most calls do not.
        policy = self._config.retry
        verdict = policy.decide(first, op.method, deadline.remaining())
        log_failure(op, 1, policy.attempts, first, verdict)
        if verdict is False or policy.attempts == 1:
            raise first
        async for attempt in policy.retrying(op.method, deadline):
            with attempt:
                if attempt.num == 1:
                    raise first  # the attempt made above: stamina decides on it and waits
                try:
                    return await self._once(op, kwargs, parse, options, deadline)
                except LoopError as exc:
                    verdict = policy.decide(exc, op.method, deadline.remaining())
                    log_failure(op, attempt.num, policy.attempts, exc, verdict)
                    raise
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    async def _once(
        self,
        op: Operation,
        kwargs: dict[str, Any],
        parse: ParseResponse[T],
        options: RequestOptions,
        deadline: Deadline,
    ) -> LoopResponse[T]:
        started = time.monotonic()
        left = deadline.check(op.label)
        request = self._http.build_request(**request_args(kwargs, options, self._config, left))
        response = await self._sender.send(
            self._http, request, deadline, self._config.max_body_bytes, op.label
        )
        log_answer(op, response, started)
        return interpret(op, response, parse, self._api)

    def _upload_client(self) -> httpx.AsyncClient:
        """A client *without* the Loop keys, for the storage deposit URL (a different host)."""
        if not self._uploads:
            self._uploads.append(
                httpx.AsyncClient(transport=self._transport, timeout=UPLOAD_TIMEOUT, follow_redirects=False)
            )
        return self._uploads[0]

    async def aclose(self) -> None:
        await self._http.aclose()
        for client in self._uploads:
            await client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


__all__ = ["AsyncAPIClient"]
