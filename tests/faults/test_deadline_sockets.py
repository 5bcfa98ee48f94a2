"""The synchronous client's deadline without a thread per call: on its own transport every socket
wait is capped at what is left of the deadline, so a server that sends one byte just before each
read timeout would expire is still cut at the deadline; on a transport it did not make (a proxy, a
mock), the call runs on a worker thread bounded by the deadline, as before."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cegid_loop import APITimeoutError, LoopClient
from cegid_loop._deadline_io import deadline_transport, is_bounded, run_bounded
from tests.faults.stubserver import Drip, DripHead, Json, StubServer

SUBSCRIPTION_KEY = "sub-DEADLINE-1b2c3d"
API_KEY = "key-DEADLINE:secret-DEADLINE-4e5f6a"


def _client(stub: StubServer, **options: Any) -> LoopClient:
    return LoopClient(base_url=stub.base_url, subscription_key=SUBSCRIPTION_KEY, api_key=API_KEY, **options)


@pytest.fixture(autouse=True)
def _no_backoff() -> Iterator[None]:
    from cegid_loop._retry import no_wait

    with no_wait():
        yield


class ThreadWatch:
    """Names of the threads started while it is on."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self._start = threading.Thread.start

    def __enter__(self) -> ThreadWatch:
        watch = self

        def start(thread: threading.Thread) -> None:
            watch.names.append(thread.name)
            watch._start(thread)

        threading.Thread.start = start  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        threading.Thread.start = self._start  # type: ignore[method-assign]


def test_the_client_makes_its_own_bounded_transport() -> None:
    # httpx's internals this relies on are still where they were (else: the slower thread path).
    transport = deadline_transport()
    assert transport is not None and is_bounded(transport)
    transport.close()


def test_a_call_on_an_open_connection_starts_no_thread(stub_server: StubServer) -> None:
    stub_server.add("/compte", Json([]))
    with _client(stub_server, deadline=10.0) as loop:
        loop.comptes.list("CEGID001")  # opens the connection (on a bounded worker thread)
        with ThreadWatch() as watch:
            for _ in range(3):
                assert loop.comptes.list("CEGID001") == []
    assert watch.names == []


def test_one_byte_every_5_s_is_cut_at_the_deadline(stub_server: StubServer) -> None:
    # Each read would get its byte within the 30 s read timeout: only the deadline can end this.
    stub_server.add("/compte", Drip(b"[" + b" " * 20 + b"]", interval=5.0))
    started = time.monotonic()
    with _client(stub_server, deadline=1.5) as loop, pytest.raises(APITimeoutError, match="deadline"):
        loop.comptes.list("CEGID001")
    assert 1.4 < time.monotonic() - started < 2.5


def test_dripping_headers_are_cut_at_the_deadline(stub_server: StubServer) -> None:
    stub_server.add("/compte", DripHead(interval=0.2))  # ~90 bytes of head: 18 s
    started = time.monotonic()
    with _client(stub_server, deadline=1.0) as loop, pytest.raises(APITimeoutError, match="deadline"):
        loop.comptes.list("CEGID001")
    assert time.monotonic() - started < 2.0


def test_a_deadline_cut_leaves_the_client_usable(stub_server: StubServer) -> None:
    stub_server.add("/compte", Drip(b"[]", interval=5.0))
    stub_server.add("/journal", Json([]))
    with _client(stub_server, deadline=1.0) as loop:
        with pytest.raises(APITimeoutError):
            loop.comptes.list("CEGID001")
        assert loop.journaux.list("CEGID001") == []


def test_a_proxy_from_the_environment_takes_the_thread_path(
    stub_server: StubServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with _client(stub_server) as loop:
        assert not loop._sender.inline  # httpx's transports, which route through the proxy
    monkeypatch.delenv("HTTP_PROXY")
    with _client(stub_server) as loop:
        assert loop._sender.inline


def test_a_foreign_transport_is_bounded_by_a_worker_thread() -> None:
    release = threading.Event()

    def stuck(request: httpx.Request) -> httpx.Response:
        release.wait(10)
        return httpx.Response(200, json=[])

    started = time.monotonic()
    try:
        loop = LoopClient(
            base_url="http://mock.localhost",
            subscription_key=SUBSCRIPTION_KEY,
            api_key=API_KEY,
            deadline=0.5,
            max_retries=0,
            transport=httpx.MockTransport(stuck),
        )
        with loop, pytest.raises(APITimeoutError, match="deadline"):
            loop.comptes.list("CEGID001")
        assert time.monotonic() - started < 1.5
    finally:
        release.set()


def test_work_finished_after_the_deadline_is_disposed_of() -> None:
    disposed: list[str] = []
    release = threading.Event()

    def late(abandoned: threading.Event) -> str:
        release.wait(5)
        assert abandoned.is_set()
        return "connection"

    with pytest.raises(TimeoutError):
        run_bounded(late, 0.1, lambda: TimeoutError("deadline"), dispose=disposed.append)
    release.set()
    for _ in range(100):
        if disposed:
            break
        time.sleep(0.01)
    assert disposed == ["connection"]
