"""Fixtures of the fault suite: programmable stub HTTP servers, closed (threads joined) after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.faults.stubserver import StubServer

StubFactory = Callable[[], StubServer]


@pytest.fixture
def stub_server_factory() -> Iterator[StubFactory]:
    """Start as many stub servers as a test needs (e.g. a redirect target); all are closed afterwards,
    and a thread left running fails the test."""
    servers: list[StubServer] = []

    def make() -> StubServer:
        server = StubServer().start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


@pytest.fixture
def stub_server(stub_server_factory: StubFactory) -> StubServer:
    """One started stub server on 127.0.0.1 (`stub_server.url("/path")`)."""
    return stub_server_factory()
