"""pytest fixtures for users' own test suites (entry point ``pytest11``: ``cegid_loop``).

- ``loop_client``: a :class:`~cegid_loop.LoopClient` on a fresh in-process sandbox (demo firm, imports
  final at once); the sandbox itself is ``loop_sandbox`` in the same test.
- ``async_loop_client``: the same as an :class:`~cegid_loop.AsyncLoopClient`, a pytest-asyncio
  fixture (async tests need pytest-asyncio: ``asyncio_mode = "auto"``, or ``@pytest.mark.asyncio``).
- ``loop_sandbox``: the fresh in-process sandbox (no socket): its state, faults, extra firms.
- ``loop_sandbox_server``: one sandbox served by uvicorn on a free loopback port, for the session
  (``loop_sandbox_server.reset()`` brings the demo data back).

pytest loads this module in every project where cegid-loop is installed, so it imports nothing
beyond the core: the sandbox comes when a test asks for a fixture, and without the ``sandbox`` extra
that test fails with the line to install it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

from cegid_loop import AsyncLoopClient, LoopClient

if TYPE_CHECKING:
    from cegid_loop.sandbox.harness import LoopSandbox

SANDBOX_EXTRA = "pip install 'cegid-loop[sandbox]'"


def _require_sandbox() -> None:
    try:
        import cegid_loop.sandbox.harness  # noqa: F401  # starlette, uvicorn, jsonschema
    except ModuleNotFoundError as exc:
        missing = (exc.name or "a dependency").split(".")[0]
    else:
        return
    # Outside the except: the report is this one line, not an import error chained to it.
    pytest.fail(
        f"the cegid-loop sandbox fixtures need the sandbox extra ({missing} is not installed): "
        f"{SANDBOX_EXTRA}",
        pytrace=False,
    )


@pytest.fixture
def loop_sandbox() -> Iterator[LoopSandbox]:
    """A fresh in-process sandbox (memory store, imports final at once)."""
    _require_sandbox()
    from cegid_loop.sandbox.app import create_app
    from cegid_loop.sandbox.harness import IN_PROCESS_URL, LoopSandbox

    sandbox = LoopSandbox(app=create_app(import_step_seconds=0), base_url=IN_PROCESS_URL)
    yield sandbox
    sandbox.close()


@pytest.fixture(scope="session")
def loop_sandbox_server() -> Iterator[LoopSandbox]:
    """A sandbox served over HTTP on 127.0.0.1 (a free port), shared by the session."""
    _require_sandbox()
    from cegid_loop.sandbox.app import create_app
    from cegid_loop.sandbox.harness import LoopSandbox, ServerThread, free_port

    app = create_app(import_step_seconds=0)
    server = ServerThread(app, free_port())
    server.start()
    sandbox = LoopSandbox(app=app, base_url=server.base_url, in_process=False)
    yield sandbox
    sandbox.close()
    server.stop()


@pytest.fixture
def loop_client(loop_sandbox: LoopSandbox) -> Iterator[LoopClient]:
    """A LoopClient on ``loop_sandbox`` (the demo firm's keys; dossiers CEGID001 and CEGID003)."""
    with loop_sandbox.loop_client() as client:
        yield client


try:
    import pytest_asyncio
except ModuleNotFoundError:  # the fixture then says what it needs instead of vanishing

    @pytest.fixture(name="async_loop_client")
    def _async_loop_client_needs_plugin() -> AsyncLoopClient:
        pytest.fail(
            "the async_loop_client fixture needs pytest-asyncio: pip install pytest-asyncio", pytrace=False
        )

else:

    @pytest_asyncio.fixture
    async def async_loop_client(loop_sandbox: LoopSandbox) -> AsyncIterator[AsyncLoopClient]:
        """An AsyncLoopClient on ``loop_sandbox``."""
        async with loop_sandbox.async_loop_client() as client:
            yield client
