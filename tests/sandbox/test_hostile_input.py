"""Hostile input gets a clean 4xx in Loop's error shape, never a 500; big deposits still pass."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cegid_loop.sandbox.app import create_app, sandbox_state, sandbox_sync_transport
from cegid_loop.sandbox.harness import LoopSandbox
from cegid_loop.sandbox.limits import INT64_MAX, MAX_DEPTH, MAX_INTEGER_DIGITS, MAX_JSON_BODY_BYTES

from .conftest import DEMO_HEADERS
from .test_imports import json_body, status, upload

D1 = {"codeDossier": "CEGID001"}
DEEP_ARRAY = b"[" * 100_000 + b"]" * 100_000  # far beyond the parser's recursion limit
DEEP_OBJECT = b'{"a":' * 500 + b"1" + b"}" * 500  # parses, but deeper than MAX_DEPTH
HUGE_INTEGER = b'{"numero": ' + b"9" * 5000 + b"}"


def loop_error(response: httpx.Response, status_code: int = 400) -> dict[str, Any]:
    """The sandbox's 4xx body: {"message": str, "errors": [{"field": str, "message": str, ...}]}."""
    assert response.status_code == status_code, response.text[:300]
    body = response.json()
    assert set(body) == {"message", "errors"} and isinstance(body["message"], str)
    assert body["errors"] and all({"field", "message"} <= set(e) for e in body["errors"])
    return dict(body)


@pytest.mark.parametrize("payload", [DEEP_ARRAY, DEEP_OBJECT], ids=["array-100k", "object-500"])
def test_deeply_nested_json_is_a_400(client: httpx.Client, payload: bytes) -> None:
    for method, path in (("POST", "/compte"), ("PUT", "/compte"), ("POST", "/importJson")):
        body = loop_error(client.request(method, path, params=D1, content=payload))
        assert f"plus de {MAX_DEPTH} niveaux" in body["message"]


def test_a_depth_within_the_limit_is_read_as_usual(client: httpx.Client) -> None:
    nested: Any = 1
    for _ in range(MAX_DEPTH - 2):
        nested = {"n": nested}
    created = client.post(
        "/compte", params=D1, json={"numero": "62890000", "libelle": "Profond", "x": nested}
    )
    assert created.status_code == 200, created.text[:300]


def test_numbers_no_reader_should_hold_are_a_400_naming_where(client: httpx.Client) -> None:
    body = loop_error(client.post("/compte", params=D1, content=HUGE_INTEGER))
    assert body["errors"][0]["field"] == "numero" and "5000 caractères" in body["errors"][0]["message"]
    raw = json.dumps(json_body()).replace('"amount": 250', '"amount": ' + "1" * 5000, 1)
    body = loop_error(client.post("/importJson", content=raw.encode()))
    assert body["errors"][0]["field"] == "data.ecritures[0].debit.amount"
    for literal in (b"NaN", b"Infinity", b"-Infinity", b"1e999", b"7" * (MAX_INTEGER_DIGITS + 1)):
        body = loop_error(
            client.post("/compte", params=D1, content=b'{"numero": "1", "x": [0, ' + literal + b"]}")
        )
        assert body["errors"][0]["field"] == "x[1]", literal
    # what the spec allows is accepted, however large (schema-valid data is never refused)
    within = b'{"numero": "62891000", "x": [%d, %s]}' % (2**70, b"9" * MAX_INTEGER_DIGITS)
    assert client.post("/compte", params=D1, content=within).status_code == 200


def test_skip_and_take_out_of_range(client: httpx.Client) -> None:
    for value in ("9" * 5000, "-1", "1.5"):
        body = loop_error(client.get("/compte", params={**D1, "skip": value}))
        assert body["errors"][0]["field"] == "skip"
    for value in ("9" * 5000, "101", "0"):  # the definition says 1..100
        assert loop_error(client.get("/compte", params={**D1, "take": value}))["errors"][0]["field"] == "take"
    # the definition puts no bound on skip: past the store's 64-bit integers is past the end (was a 500)
    for value in (str(2**63), f'"{2**64}"', str(INT64_MAX)):
        assert client.get("/compte", params={**D1, "skip": value}).json() == []
    assert client.get("/compte", params={**D1, "skip": str(2**70), "filter": "type == 6"}).json() == []
    # a long number inside a filter is a JavaScript double, as in the grammar's JavaScript notation
    assert client.get("/compte", params={**D1, "filter": "numero == " + "9" * 5000}).json() == []


def test_a_body_over_the_limit_is_a_413_declared_or_streamed(client: httpx.Client) -> None:
    big = b" " * (MAX_JSON_BODY_BYTES + 1)  # 20 MB of blanks: valid JSON whitespace, too large
    body = loop_error(client.post("/compte", params=D1, content=big), 413)
    assert str(MAX_JSON_BODY_BYTES) in body["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while reading
        for _ in range(60):
            yield b" " * 1_000_000

    loop_error(client.post("/compte", params=D1, content=chunks()), 413)


def test_the_limit_is_configurable() -> None:
    app = create_app(import_step_seconds=0, max_body_bytes=1000)
    with httpx.Client(transport=sandbox_sync_transport(app), base_url="http://x", headers=DEMO_HEADERS) as c:
        padded = json.dumps({"numero": "62892000", "libelle": "x" * 900})
        assert c.post("/compte", params=D1, content=padded.encode()).status_code == 200
        loop_error(c.post("/compte", params=D1, content=padded.encode() + b" " * 200), 413)


def test_the_fault_endpoint_refuses_hostile_json_too(loop_sandbox: LoopSandbox) -> None:
    client = loop_sandbox.client()
    loop_error(client.post("/__sandbox__/faults", content=DEEP_ARRAY))
    loop_error(client.post("/__sandbox__/faults", content=b'{"seed": ' + b"7" * 5000 + b"}"))


def test_a_deposit_far_over_the_json_limit_is_streamed_to_disk(loop_sandbox: LoopSandbox) -> None:
    client = loop_sandbox.client()
    data = (b"!" + b"X" * 999_998 + b"\n") * (MAX_JSON_BODY_BYTES // 1_000_000 + 5)
    answer = client.get("/getFileUrlDeposit", params={"filename": "big.tra"}).json()
    assert upload(client, answer["depositUrl"], data).status_code == 201
    deposit = sandbox_state(loop_sandbox.app).store.get_deposit(answer["uri"].split("/", 1)[0])
    assert deposit is not None and deposit.size == deposit.path.stat().st_size == len(data)
    assert deposit.path.read_bytes() == data
    request = client.post("/importTRA", json={"codeIbs": "CEGID001", "URI": answer["uri"]}).json()
    assert status(client, request["accountingImportRequestId"])["result"]["octets"] == len(data)


def test_a_deposit_over_its_own_limit_is_refused_like_azure() -> None:
    app = create_app(import_step_seconds=0, max_upload_bytes=1000)
    with httpx.Client(transport=sandbox_sync_transport(app), base_url="http://x", headers=DEMO_HEADERS) as c:
        url = c.get("/getFileUrlDeposit", params={"filename": "a.tra"}).json()["depositUrl"]
        too_big = upload(c, url, b"x" * 1001)
        assert too_big.status_code == 413 and "<Code>RequestBodyTooLarge</Code>" in too_big.text
        assert upload(c, url, b"x" * 1000).status_code == 201


HOSTILE_BODIES = (DEEP_ARRAY, DEEP_OBJECT, HUGE_INTEGER, b'{"x": NaN}', b"\xff\xfe{", b'{"a": 1' * 3)
HOSTILE_QUERIES: tuple[dict[str, str], ...] = (
    {"skip": str(2**63)},
    {"take": "9" * 5000},
    {"filter": "numero == " + "9" * 5000},
    {"filter": "a==1" + "&&a==1" * 2000},
    {"sort": "a&&" * 3000 + "a"},
    {"select": "a," * 3000 + "a"},
    {"skip": "1e999"},
    {"objectId": "x" * 10_000},
    {"accountingImportRequestId": "9" * 5000},
    {"filename": "../" * 200},
)


def test_no_operation_of_the_spec_answers_5xx_to_hostile_input(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(import_step_seconds=0)
    operations = sandbox_state(app).router.routes
    served = []
    with httpx.Client(transport=sandbox_sync_transport(app), base_url="http://x", headers=DEMO_HEADERS) as c:
        for op in operations:
            path = op.path.replace("{", "").replace("}", "")  # a path parameter gets its own name
            for content in HOSTILE_BODIES:
                answer = c.request(op.method, path, params=D1, content=content)
                served.append((op.method, op.path, content[:12], answer.status_code))
            for params in HOSTILE_QUERIES:
                answer = c.request(op.method, path, params={**D1, **params})
                served.append((op.method, op.path, next(iter(params)), answer.status_code))
    assert len(served) == len(operations) * (len(HOSTILE_BODIES) + len(HOSTILE_QUERIES))
    assert [s for s in served if s[3] >= 500] == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_over_http_a_streamed_body_is_counted_as_it_comes() -> None:
    """No Content-Length (chunked): the API and the deposit area count while they read."""
    from cegid_loop.sandbox.harness import ServerThread, free_port

    app = create_app(import_step_seconds=0, max_body_bytes=1000, max_upload_bytes=1000)
    port = free_port()
    server = ServerThread(app, port)
    server.start()
    try:
        base = f"http://127.0.0.1:{port}"

        def chunks(total: int) -> Iterator[bytes]:
            yield b" " * (total // 2)
            yield b" " * (total - total // 2)

        with httpx.Client(base_url=base, headers=DEMO_HEADERS) as client:
            loop_error(client.post("/compte", params=D1, content=chunks(1500)), 413)
            url = client.get("/getFileUrlDeposit", params={"filename": "a.tra"}).json()["depositUrl"]
        put = {"x-ms-blob-type": "BlockBlob"}
        assert httpx.put(url, content=chunks(1500), headers=put).status_code == 413
        assert httpx.put(url, content=chunks(1000), headers=put).status_code == 201
    finally:
        server.stop()
