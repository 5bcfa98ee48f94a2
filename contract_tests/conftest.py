"""Shared setup of the contract suites (schemathesis against the Loop sandbox, live Loop, drift).

- contract_tests/ is not a package: the repository root goes on ``sys.path`` so that the helpers
  import as ``contract_tests.links``.
- Every report pytest writes (terminal, JUnit) is scrubbed of secrets: the Loop keys of the
  environment are registered with the redaction layer, and auth headers / SAS signatures are masked
  by pattern (cegid_loop._redact), whatever the failure message quotes.
- ``served_sandbox``: a sandbox served by uvicorn on 127.0.0.1 (loopback only), any profile, any keys.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cegid_loop._redact import register_secret, scrub  # noqa: E402
from cegid_loop.sandbox.app import create_app  # noqa: E402
from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY, Firm  # noqa: E402
from cegid_loop.sandbox.harness import ServerThread  # noqa: E402

for _name in ("LOOP_SUBSCRIPTION_KEY", "LOOP_API_KEY"):
    register_secret(os.environ.get(_name))


def _scrub_report(report: pytest.TestReport) -> None:
    if isinstance(report.longrepr, tuple):  # a skip: (path, line, reason)
        path, line, reason = report.longrepr
        report.longrepr = (path, line, scrub(reason))
    elif report.longrepr is not None:
        report.longrepr = scrub(str(report.longrepr))
    report.sections = [(title, scrub(text)) for title, text in report.sections]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    _scrub_report(report)  # before JUnit and the terminal log it
    return report


@pytest.hookimpl(trylast=True)
def pytest_exception_interact(node: Any, call: pytest.CallInfo[Any], report: pytest.TestReport) -> None:
    _scrub_report(report)  # schemathesis rewrites the failure text here, after makereport


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


ServeSandbox = Callable[..., str]


@pytest.fixture
def served_sandbox() -> Iterator[ServeSandbox]:
    """``serve(profile="normal", subscription_key=..., api_key=..., app=None) -> base URL`` on loopback."""
    servers: list[ServerThread] = []

    def serve(
        profile: str = "normal",
        subscription_key: str = DEMO_SUBSCRIPTION_KEY,
        api_key: str = DEMO_API_KEY,
        app: Any = None,
    ) -> str:
        application = (
            app
            if app is not None
            else create_app(firms=[Firm(subscription_key, api_key)], profile=profile, import_step_seconds=0)
        )
        port = free_port()
        server = ServerThread(application, port)
        server.start()
        servers.append(server)
        return f"http://127.0.0.1:{port}"

    yield serve
    for server in servers:
        server.stop()
