"""A sandbox to test against: :class:`LoopSandbox` (where it is, its keys, clients bound to it) and
:class:`ServerThread` (uvicorn on a loopback port). The pytest fixtures that hand them out live in
:mod:`cegid_loop.pytest_plugin`, which imports this module only when a test asks for one.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from starlette.applications import Starlette

from cegid_loop.sandbox.app import (
    SandboxState,
    SandboxTransport,
    SyncSandboxTransport,
    sandbox_state,
)
from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY, Firm

if TYPE_CHECKING:
    from cegid_loop import AsyncLoopClient, LoopClient

IN_PROCESS_URL = "http://loop-sandbox.test"  # in-process: no socket, any host name will do


@dataclass
class LoopSandbox:
    """A running sandbox: where it is, the demo firm's keys, and clients bound to it."""

    app: Starlette
    base_url: str
    subscription_key: str = field(default=DEMO_SUBSCRIPTION_KEY, repr=False)  # keys never in reprs
    api_key: str = field(default=DEMO_API_KEY, repr=False)
    in_process: bool = True
    _clients: list[httpx.Client | httpx.AsyncClient] = field(default_factory=list, repr=False)

    @property
    def state(self) -> SandboxState:
        return sandbox_state(self.app)

    @property
    def headers(self) -> dict[str, str]:
        return {"Ocp-Apim-Subscription-Key": self.subscription_key, "X-ApiKey": self.api_key}

    def client(self, *, authenticated: bool = True, **kwargs: Any) -> httpx.Client:
        """An ``httpx.Client`` on the sandbox (keys set unless ``authenticated=False``)."""
        headers = {**(self.headers if authenticated else {}), **kwargs.pop("headers", {})}
        if self.in_process:
            kwargs.setdefault("transport", SyncSandboxTransport(self.app))
        client = httpx.Client(base_url=self.base_url, headers=headers, **kwargs)
        self._clients.append(client)
        return client

    def async_client(self, *, authenticated: bool = True, **kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` on the sandbox (keys set unless ``authenticated=False``)."""
        headers = {**(self.headers if authenticated else {}), **kwargs.pop("headers", {})}
        if self.in_process:
            kwargs.setdefault("transport", SandboxTransport(app=self.app))
        client = httpx.AsyncClient(base_url=self.base_url, headers=headers, **kwargs)
        self._clients.append(client)
        return client

    def loop_client(
        self,
        *,
        subscription_key: str | None = None,
        api_key: str | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
    ) -> LoopClient:
        """A :class:`LoopClient` on the sandbox: the demo firm's keys unless others are given (a firm
        added with :meth:`add_firm`, or wrong keys to see a 401)."""
        from cegid_loop import LoopClient

        transport = SyncSandboxTransport(self.app) if self.in_process else None
        return LoopClient(
            base_url=self.base_url,
            subscription_key=subscription_key or self.subscription_key,
            api_key=api_key or self.api_key,
            deadline=deadline,
            max_retries=max_retries,
            transport=transport,
        )

    def async_loop_client(
        self,
        *,
        subscription_key: str | None = None,
        api_key: str | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
    ) -> AsyncLoopClient:
        """An :class:`AsyncLoopClient` on the sandbox, like :meth:`loop_client`."""
        from cegid_loop import AsyncLoopClient

        transport = SandboxTransport(app=self.app) if self.in_process else None
        return AsyncLoopClient(
            base_url=self.base_url,
            subscription_key=subscription_key or self.subscription_key,
            api_key=api_key or self.api_key,
            deadline=deadline,
            max_retries=max_retries,
            transport=transport,
        )

    def add_firm(self, subscription_key: str, api_key: str, *, seed: bool = True) -> Firm:
        """Another firm with its own keys (and the demo dossiers unless ``seed=False``): data of one
        firm is invisible to the other's keys."""
        firm = Firm(subscription_key, api_key, name="Second cabinet", seed=seed)
        self.state.add_firm(firm)
        return firm

    def set_faults(self, config: Mapping[str, Any]) -> None:
        """Inject faults (429, 503, latency, dropped or malformed answers): see
        :mod:`cegid_loop.sandbox.faults` for the rules."""
        self.state.faults.configure(config)

    def clear_faults(self) -> None:
        """No fault any more."""
        self.state.faults.clear()

    def reset(self) -> None:
        """Demo data back and faults off, for the demo firm."""
        self.state.faults.clear()
        self.state.reset(self.state.auth.firms[0])

    def close(self) -> None:
        for client in self._clients:
            if isinstance(client, httpx.Client):
                client.close()
        self._clients.clear()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """uvicorn in a daemon thread, stopped cleanly at the end."""

    def __init__(self, app: Starlette, port: int) -> None:
        import uvicorn

        self.base_url = f"http://127.0.0.1:{port}"

        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        self.thread = threading.Thread(target=self.server.run, name="loop-sandbox-server", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the Loop sandbox server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
