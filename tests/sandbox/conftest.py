"""Fixtures of the sandbox's own tests; the public ones (``loop_sandbox``, ``loop_sandbox_server``)
come from the plugin (loaded by tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from cegid_loop.sandbox.harness import LoopSandbox


DEMO_HEADERS = {"Ocp-Apim-Subscription-Key": "demo-subscription-key", "X-ApiKey": "demo-key:demo-secret"}


class FakeClock:
    """Drives the import timeline by hand."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def slow_sandbox(clock: FakeClock) -> Iterator[LoopSandbox]:
    """A sandbox whose imports take 10 s per phase on the fake clock."""
    from cegid_loop.sandbox.app import create_app
    from cegid_loop.sandbox.harness import IN_PROCESS_URL, LoopSandbox

    sandbox = LoopSandbox(app=create_app(import_step_seconds=10, clock=clock), base_url=IN_PROCESS_URL)
    yield sandbox
    sandbox.close()


@pytest.fixture
def client(loop_sandbox: LoopSandbox) -> httpx.Client:
    return loop_sandbox.client()
