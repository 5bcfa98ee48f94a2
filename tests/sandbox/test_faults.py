"""Fault injection: each mode, over the in-process transport and over a real socket (uvicorn)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cegid_loop.sandbox.faults import FaultConfigError, FaultInjector
from cegid_loop.sandbox.harness import LoopSandbox

D1 = {"codeDossier": "CEGID001"}


def statuses(client: httpx.Client, n: int, path: str = "/journal") -> list[int]:
    return [client.get(path, params=D1).status_code for _ in range(n)]


def test_off_by_default(loop_sandbox: LoopSandbox, client: httpx.Client) -> None:
    assert loop_sandbox.state.faults.to_json() == {"seed": 0, "rules": []}
    assert statuses(client, 5) == [200] * 5


def test_429_with_retry_after_for_the_first_requests(loop_sandbox: LoopSandbox, client: httpx.Client) -> None:
    loop_sandbox.set_faults({"rules": [{"kind": "429", "first": 2, "retry_after": 3}]})
    response = client.get("/journal", params=D1)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "3"
    assert response.json() == {
        "statusCode": 429,
        "message": "Rate limit is exceeded. Try again in 3 seconds.",
    }
    assert statuses(client, 3) == [429, 200, 200]


def test_503_every_third_request(loop_sandbox: LoopSandbox, client: httpx.Client) -> None:
    loop_sandbox.set_faults({"rules": [{"kind": "503", "every": 3}]})
    assert statuses(client, 6) == [200, 200, 503, 200, 200, 503]
    assert client.get("/journal", params=D1).status_code == 200


def test_per_route_and_method(loop_sandbox: LoopSandbox, client: httpx.Client) -> None:
    loop_sandbox.set_faults(
        {
            "rules": [
                {"kind": "503", "path": "/compte", "method": "GET"},
                {"kind": "429", "operation": "listJournaux"},
            ]
        }
    )
    assert client.get("/compte", params=D1).status_code == 503
    assert client.get("/loop-api-publiques/COMPTE", params=D1).status_code == 503  # same route
    assert client.get("/journal", params=D1).status_code == 429
    assert client.get("/tiers", params=D1).status_code == 200
    loop_sandbox.set_faults({"rules": [{"kind": "503", "path": "^/tiers"}]})
    assert [client.get(p, params=D1).status_code for p in ("/tiersclient", "/tiers", "/section")] == [
        503,
        503,
        200,
    ]


def test_rate_is_deterministic_given_a_seed(loop_sandbox: LoopSandbox, client: httpx.Client) -> None:
    config = {"seed": 42, "rules": [{"kind": "503", "rate": 0.5}]}
    loop_sandbox.set_faults(config)
    first = statuses(client, 20)
    loop_sandbox.set_faults(config)
    assert statuses(client, 20) == first
    assert 3 <= first.count(503) <= 17 and set(first) == {200, 503}


def test_latency_adds_up_and_then_answers(loop_sandbox: LoopSandbox, client: httpx.Client) -> None:
    loop_sandbox.set_faults(
        {"rules": [{"kind": "latency", "ms": 150}, {"kind": "latency", "ms": 100, "first": 1}]}
    )
    started = time.perf_counter()
    assert client.get("/journal", params=D1).status_code == 200
    assert time.perf_counter() - started >= 0.25
    started = time.perf_counter()
    assert client.get("/journal", params=D1).status_code == 200
    assert 0.15 <= time.perf_counter() - started < 0.25 + 0.5


def test_malformed_and_truncated_json(loop_sandbox: LoopSandbox, client: httpx.Client) -> None:
    good = client.get("/journal", params=D1).content
    loop_sandbox.set_faults({"rules": [{"kind": "malformed", "first": 1}, {"kind": "truncated"}]})
    malformed = client.get("/journal", params=D1)
    assert malformed.status_code == 200 and malformed.headers["content-type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        malformed.json()
    truncated = client.get("/journal", params=D1)
    assert truncated.status_code == 200
    assert truncated.content == good[: len(good) // 2]
    assert int(truncated.headers["content-length"]) == len(truncated.content)
    with pytest.raises(json.JSONDecodeError):
        truncated.json()


def test_drop_over_the_asgi_transport(loop_sandbox: LoopSandbox) -> None:
    loop_sandbox.set_faults({"rules": [{"kind": "drop", "first": 1}]})
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        loop_sandbox.client().get("/journal", params=D1)
    assert loop_sandbox.client().get("/journal", params=D1).status_code == 200


async def test_drop_over_the_async_transport(loop_sandbox: LoopSandbox) -> None:
    loop_sandbox.set_faults({"rules": [{"kind": "drop", "first": 1}]})
    async with loop_sandbox.async_client() as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/journal", params=D1)
        assert (await client.get("/journal", params=D1)).status_code == 200


@pytest.fixture
def server(loop_sandbox_server: LoopSandbox) -> Iterator[LoopSandbox]:
    loop_sandbox_server.clear_faults()
    yield loop_sandbox_server
    loop_sandbox_server.clear_faults()


def test_every_mode_over_a_real_socket(server: LoopSandbox) -> None:
    client = server.client()
    control = server.client()
    control.post("/__sandbox__/faults", json={"rules": [{"kind": "drop", "first": 1}]})
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        client.get("/journal", params=D1)
    assert client.get("/journal", params=D1).status_code == 200  # the server survived
    control.post(
        "/__sandbox__/faults",
        json={
            "rules": [
                {"kind": "429", "first": 1},
                {"kind": "503", "first": 1},
                {"kind": "truncated", "first": 1},
            ]
        },
    )
    assert [client.get("/journal", params=D1).status_code for _ in range(3)] == [429, 503, 200]
    assert client.get("/journal", params=D1).json()  # all spent: a normal answer again
    assert control.delete("/__sandbox__/faults").json()["rules"] == []


def test_the_control_endpoint(loop_sandbox: LoopSandbox, client: httpx.Client) -> None:
    configured = client.post(
        "/__sandbox__/faults", json={"seed": 7, "rules": [{"kind": "503", "path": "/compte"}]}
    )
    assert configured.status_code == 200
    assert configured.json()["rules"][0]["kind"] == "503"
    assert client.get("/compte", params=D1).status_code == 503
    # control endpoints are never faulted
    assert client.get("/__sandbox__/faults").json()["rules"][0]["fired"] == 1
    assert client.post("/__sandbox__/faults", json={"rules": [{"kind": "explode"}]}).status_code == 400
    assert client.post("/__sandbox__/faults", json={"rules": [{"kind": "503", "rate": 2}]}).status_code == 400
    assert client.delete("/__sandbox__/faults").json() == {"seed": 7, "rules": []}
    assert client.get("/compte", params=D1).status_code == 200


def test_faults_apply_only_after_authentication(loop_sandbox: LoopSandbox) -> None:
    loop_sandbox.set_faults({"rules": [{"kind": "503"}]})
    assert loop_sandbox.client(authenticated=False).get("/journal", params=D1).status_code == 401


def test_config_errors() -> None:
    injector = FaultInjector()
    bad: dict[str, Any]
    for bad in (
        {"rules": {}},
        {"seed": "x"},
        {"rules": [{"kind": "503", "every": 0}]},
        {"rules": [{"kind": "503", "pth": "/x"}]},
        {"rules": [{"kind": "503", "path": "^("}]},
    ):
        with pytest.raises(FaultConfigError):
            injector.configure(bad)
    assert not injector.active
