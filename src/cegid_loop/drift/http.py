"""How ``drift live`` talks to a Loop: with the client's own pieces, not copies of them.

- the two keys are added by the client's ``httpx.Auth`` (:class:`cegid_loop._base_client._LoopAuth`)
  from the :class:`~cegid_loop.config.Secret` values of a :class:`~cegid_loop.config.LoopConfig`,
  so they sit in no headers dict that could be printed or saved;
- when to try again and how long to wait is the client's :class:`~cegid_loop._retry.RetryPolicy`,
  fed with the client's own error mapping (which reads ``Retry-After`` with
  :func:`cegid_loop._retry.parse_retry_after`); only the sleeping is injectable, for tests;
- error texts go through :func:`cegid_loop._redact.scrub`.

Unlike the client, an answer that is an error is *returned* (drift reports it), never raised.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from types import TracebackType

import httpx

from cegid_loop._base_client import _LoopAuth
from cegid_loop._errors_map import error_from_httpx_response, error_from_transport
from cegid_loop._redact import scrub
from cegid_loop.config import LoopConfig
from cegid_loop.drift.errors import LiveCheckError


class LiveHttp:
    def __init__(
        self,
        config: LoopConfig,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._config = config
        self._sleep = sleep
        self._client = httpx.Client(
            base_url=config.base_url.rstrip("/") + "/",
            auth=_LoopAuth(config.subscription_key, config.api_key),
            headers={"Accept": "application/json"},
            transport=transport,
            timeout=config.timeout,
            follow_redirects=False,  # never carry the keys to another host
        )

    def send(self, method: str, path: str, params: Mapping[str, str]) -> httpx.Response:
        """The final answer after the retries the client's policy allows (429, 502-504, connection)."""
        policy = self._config.retry
        label = f"{method} {path}"
        for attempt in range(1, policy.attempts + 1):
            last = attempt == policy.attempts
            try:
                response = self._client.request(method, path.lstrip("/"), params=dict(params))
            except httpx.TransportError as exc:
                decision = False if last else policy.decide(error_from_transport(exc, context=label), method)
                if decision is False:
                    raise LiveCheckError(
                        scrub(f"{label}: cannot reach {self._config.base_url}: {exc}")
                    ) from None
                self._sleep(self._wait(decision, attempt))
                continue
            if last or response.status_code not in policy.retry_statuses:
                return response
            response.read()
            decision = policy.decide(error_from_httpx_response(response, context=label), method)
            if decision is False:
                return response
            self._sleep(self._wait(decision, attempt))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _wait(self, decision: bool | float, attempt: int) -> float:
        """The policy's wait: the server's Retry-After, else its exponential backoff (no jitter here)."""
        if decision is not True:
            return float(decision)
        policy = self._config.retry
        return min(policy.wait_max, policy.wait_initial * policy.wait_exp_base ** (attempt - 1))

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> LiveHttp:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


__all__ = ["LiveHttp"]
