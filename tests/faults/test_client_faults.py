"""The fault suite: what the clients and the CLI do when the server misbehaves (issue 12).

Every case runs against the programmable stub server over real loopback sockets: a body that drips,
a server that hangs, a connection reset half-way, an empty or HTML 200, a redirect, a gzip bomb, and
status vocabularies that must never be read as a success.
"""

from __future__ import annotations

import gzip
import json
import re
import resource
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from cegid_loop import (
    APIConnectionError,
    APITimeoutError,
    AsyncLoopClient,
    ImportFailed,
    ImportState,
    ImportTimeout,
    LoopClient,
    LoopError,
    UnexpectedResponse,
)
from tests.faults.stubserver import (
    Drip,
    Empty,
    GzipBomb,
    Hang,
    Html,
    Json,
    Redirect,
    ResetMidBody,
    Respond,
    StubServer,
)

from .conftest import StubFactory

SUBSCRIPTION_KEY = "sub-FAULTS-7f3c9a1b"
API_KEY = "key-FAULTS:secret-FAULTS-5d2e8c4a"
SECRETS = (SUBSCRIPTION_KEY, API_KEY, "secret-FAULTS-5d2e8c4a")
ACCOUNT = {
    "objectId": "0f57181f-379e-44f5-9470-64680ed50bb5",
    "revisionId": "0x0000000000017ED5",
    "numero": "6",
}


def _client(stub: StubServer, **options: Any) -> LoopClient:
    return LoopClient(base_url=stub.base_url, subscription_key=SUBSCRIPTION_KEY, api_key=API_KEY, **options)


def _aclient(stub: StubServer, **options: Any) -> AsyncLoopClient:
    return AsyncLoopClient(
        base_url=stub.base_url, subscription_key=SUBSCRIPTION_KEY, api_key=API_KEY, **options
    )


@pytest.fixture(autouse=True)
def _no_backoff() -> Iterator[None]:
    from cegid_loop._retry import no_wait

    with no_wait():
        yield


# -- what an exception lets reach ------------------------------------------------------------------
def _reachable(root: object) -> Iterator[object]:
    """Every object reachable from an exception: its chain, its attributes and arguments, and the
    headers, URL and content of any httpx request or response it holds."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen or node is None:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, BaseException):
            todo += [node.__cause__, node.__context__, *node.args, *vars(node).values()]
        elif isinstance(node, httpx.Request):
            todo += [str(node.url), *node.headers.raw, node.content if node.stream is None else b""]
        elif isinstance(node, httpx.Response):
            todo += [*node.headers.raw, node.request if node._request is not None else None]
        elif isinstance(node, dict):
            todo += [*node.keys(), *node.values()]
        elif isinstance(node, list | tuple | set):
            todo += list(node)
        elif hasattr(node, "__dict__") and type(node).__module__.startswith(("cegid_loop", "httpx")):
            todo += list(vars(node).values())


def assert_no_secret_reachable(exc: BaseException) -> None:
    for node in _reachable(exc):
        text = (
            node.decode("latin-1") if isinstance(node, bytes) else str(node) if isinstance(node, str) else ""
        )
        for secret in SECRETS:
            assert secret not in text, f"{secret[:8]}… reachable from {type(exc).__name__} via {type(node)}"


# -- deadline ------------------------------------------------------------------------------------------
def test_a_dripping_body_ends_by_the_deadline(stub_server: StubServer) -> None:
    stub_server.add("/compte", Drip(b"[" + b" " * 500 + b"]", interval=0.1))  # 50 s of body
    started = time.monotonic()
    with _client(stub_server, deadline=1.0) as loop, pytest.raises(APITimeoutError, match="deadline") as info:
        loop.comptes.list("CEGID001")
    assert time.monotonic() - started < 2.5
    assert_no_secret_reachable(info.value)


def test_a_server_that_never_answers_ends_by_the_deadline_retries_included(stub_server: StubServer) -> None:
    stub_server.add("/compte", Hang())
    started = time.monotonic()
    with _client(stub_server, deadline=1.5, max_retries=5) as loop, pytest.raises(APITimeoutError) as info:
        loop.comptes.list("CEGID001")
    assert time.monotonic() - started < 3.0  # not 6 attempts x 30 s of read timeout
    assert_no_secret_reachable(info.value)


def test_headers_then_silence_ends_by_the_deadline(stub_server: StubServer) -> None:
    stub_server.add("/DossierComplet", Hang(after_headers=True))
    started = time.monotonic()
    with _client(stub_server, deadline=1.0) as loop, pytest.raises(APITimeoutError):
        loop.dossiers.get("CEGID001")
    assert time.monotonic() - started < 2.5


async def test_async_dripping_and_hanging_end_by_the_deadline(stub_server: StubServer) -> None:
    stub_server.add("/compte", Drip(b"[" + b" " * 500 + b"]", interval=0.1))
    stub_server.add("/journal", Hang())
    async with _aclient(stub_server, deadline=1.0) as loop:
        for call in (loop.comptes.list, loop.journaux.list):
            started = time.monotonic()
            with pytest.raises(APITimeoutError, match="deadline") as info:
                await call("CEGID001")
            assert time.monotonic() - started < 2.5
            assert_no_secret_reachable(info.value)


# -- broken answers ---------------------------------------------------------------------------------------
def test_a_reset_mid_body_is_a_connection_error_without_the_keys(stub_server: StubServer) -> None:
    stub_server.add("/compte", ResetMidBody())
    with _client(stub_server) as loop, pytest.raises(APIConnectionError) as info:
        loop.comptes.list("CEGID001")
    assert len(stub_server.requests_to("/compte")) == 3  # a read is retried
    assert_no_secret_reachable(info.value)


async def test_async_reset_says_what_happened(stub_server: StubServer) -> None:
    stub_server.add("/compte", ResetMidBody())
    async with _aclient(stub_server, max_retries=0) as loop:
        with pytest.raises(APIConnectionError) as info:
            await loop.comptes.list("CEGID001")
    assert "ReadError: ReadError" not in str(info.value) and "connection" in str(info.value).lower()
    assert_no_secret_reachable(info.value)


def test_a_refused_connection_holds_no_key(stub_server_factory: StubFactory) -> None:
    stub = stub_server_factory()
    base = stub.base_url
    stub.close()  # nobody listens on that port any more
    keys = {"subscription_key": SUBSCRIPTION_KEY, "api_key": API_KEY}
    with LoopClient(base_url=base, **keys) as loop, pytest.raises(APIConnectionError) as info:
        loop.comptes.list("CEGID001")
    assert_no_secret_reachable(info.value)


@pytest.mark.parametrize(
    "answer", [Empty(), Html(), Respond(200, b"null", (("Content-Type", "application/json"),))]
)
def test_an_empty_or_non_json_200_is_never_an_empty_result(stub_server: StubServer, answer: Any) -> None:
    stub_server.add("/compte", answer)
    stub_server.add("/DossierComplet", answer)
    with _client(stub_server) as loop:
        with pytest.raises(UnexpectedResponse):
            loop.comptes.list("CEGID001")
        with pytest.raises(UnexpectedResponse):
            loop.dossiers.get("CEGID001")


def test_an_empty_second_page_is_not_the_end_of_the_list(stub_server: StubServer) -> None:
    page = [{**ACCOUNT, "objectId": str(uuid.UUID(int=i + 1)), "numero": str(i)} for i in range(100)]
    stub_server.sequence("/compte", (1, Json(page)), Empty())
    with _client(stub_server) as loop, pytest.raises(UnexpectedResponse):
        list(loop.comptes.iter("CEGID001"))


def test_a_redirect_is_not_followed_and_its_target_never_sees_the_keys(
    stub_server_factory: StubFactory,
) -> None:
    stub, elsewhere = stub_server_factory(), stub_server_factory()
    elsewhere.add("/compte", Json([ACCOUNT]))
    stub.add("/compte", Redirect(elsewhere.url("/compte"), status=307))
    with _client(stub) as loop, pytest.raises(UnexpectedResponse, match="307"):
        loop.comptes.list("CEGID001")
    assert elsewhere.requests == []


def test_a_gzip_bomb_is_refused_early(stub_server: StubServer) -> None:
    stub_server.add("/compte", GzipBomb())  # 2 GiB once inflated
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with _client(stub_server, max_retries=0) as loop, pytest.raises(UnexpectedResponse, match="larger than"):
        loop.comptes.list("CEGID001")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert time.monotonic() - started < 10 and grown_mb < 300, grown_mb


def test_a_small_gzip_answer_still_reads(stub_server: StubServer) -> None:
    body = gzip.compress(json.dumps([ACCOUNT]).encode())
    stub_server.add(
        "/compte", Respond(200, body, (("Content-Type", "application/json"), ("Content-Encoding", "gzip")))
    )
    with _client(stub_server) as loop:
        assert [c.numero for c in loop.comptes.list("CEGID001")] == ["6"]


# -- imports ------------------------------------------------------------------------------------------
IMPORT_ID = "ca85671e-6f98-4c2e-b075-c5cd9fea57ed"


@pytest.fixture
def fec_file(tmp_path: Path) -> Path:
    from cegid_loop.fec.samples import demo_entries, write_fec

    return write_fec(tmp_path, "732829320", demo_entries())


def _import_server(stub: StubServer, *statuses: Any) -> None:
    stub.add(
        "/getFileUrlDeposit",
        Json({"depositUrl": stub.url("/blob/f.txt?sig=SAS-SIG-FAULTS"), "uri": "t/f.txt"}),
    )
    stub.add("/blob/f.txt", Respond(201))
    stub.add("/importFEC", Json({"accountingImportRequestId": IMPORT_ID}))
    stub.sequence("/getImportStatus", *[(1, s) for s in statuses[:-1]], statuses[-1])


def test_polling_rides_through_an_outage_and_the_import_is_started_once(
    stub_server: StubServer, fec_file: Path
) -> None:
    _import_server(
        stub_server,
        Respond(503, b'{"statusCode": 503, "message": "down"}'),
        Html(status=200),
        ResetMidBody(),
        Json({"status": 2}),
        Json({"status": 3}),
    )
    with _client(stub_server) as loop:
        result = loop.imports.fec("CEGID001", fec_file, poll_interval=0.01)
    assert result.ok and result.import_request_id == IMPORT_ID
    assert len(stub_server.requests_to("/importFEC", method="POST")) == 1


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ({"status": "Not OK"}, ImportState.UNKNOWN),
        ({"status": "broken"}, ImportState.UNKNOWN),
        ({"status": 30}, ImportState.ENDED),
    ],
)
def test_a_status_that_does_not_say_success_is_not_one(
    stub_server: StubServer, fec_file: Path, status: dict[str, Any], state: ImportState
) -> None:
    _import_server(stub_server, Json(status))
    with _client(stub_server) as loop:
        result = loop.imports.fec("CEGID001", fec_file, poll_interval=0.01)
    assert result.state is state and not result.ok


def test_a_french_refusal_is_a_failure_that_names_the_import(stub_server: StubServer, fec_file: Path) -> None:
    _import_server(stub_server, Json({"status": "Rejeté", "message": "compte inconnu"}))
    with _client(stub_server) as loop, pytest.raises(ImportFailed) as info:
        loop.imports.fec("CEGID001", fec_file, poll_interval=0.01)
    assert info.value.import_request_id == IMPORT_ID


def test_an_error_after_the_start_carries_the_id_and_how_to_resume(
    stub_server: StubServer, fec_file: Path
) -> None:
    _import_server(stub_server, Respond(401, b'{"statusCode": 401, "message": "Access denied"}'))
    with _client(stub_server) as loop, pytest.raises(LoopError) as info:
        loop.imports.fec("CEGID001", fec_file, poll_interval=0.01)
    assert info.value.import_request_id == IMPORT_ID
    assert f"cegid-loop status {IMPORT_ID} --wait" in str(info.value)
    assert_no_secret_reachable(info.value)


def test_an_outage_longer_than_the_wait_is_a_timeout_naming_the_import(
    stub_server: StubServer, fec_file: Path
) -> None:
    _import_server(stub_server, Respond(503, b"{}"))
    with _client(stub_server) as loop, pytest.raises(ImportTimeout, match="the last poll failed") as info:
        loop.imports.fec("CEGID001", fec_file, poll_interval=0.01, timeout=0.3)
    assert info.value.import_request_id == IMPORT_ID


async def test_async_import_rides_through_an_outage(stub_server: StubServer, fec_file: Path) -> None:
    _import_server(stub_server, Respond(502, b"{}"), Json({"status": 3}))
    async with _aclient(stub_server) as loop:
        assert (await loop.imports.fec("CEGID001", fec_file, poll_interval=0.01)).ok


# -- the CLI ----------------------------------------------------------------------------------------------
def _cli(stub: StubServer, *args: str) -> Any:

    from cegid_loop.cli.app import app

    env = {"LOOP_BASE_URL": stub.base_url, "LOOP_SUBSCRIPTION_KEY": SUBSCRIPTION_KEY, "LOOP_API_KEY": API_KEY}
    return CliRunner().invoke(app, list(args), env=env)


def test_the_cli_prints_the_id_as_soon_as_the_import_starts(stub_server: StubServer, fec_file: Path) -> None:
    _import_server(stub_server, Respond(401, b'{"statusCode": 401, "message": "Access denied"}'))
    result = _cli(stub_server, "import", "fec", str(fec_file), "-d", "CEGID001", "--format", "json")
    assert result.exit_code == 1
    assert f"import {IMPORT_ID} started" in result.stderr
    assert result.stderr.index(f"import {IMPORT_ID} started") < result.stderr.index("error:")
    assert json.loads(result.stdout)["importRequestId"] == IMPORT_ID
    assert not any(secret in result.output for secret in SECRETS)


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (Json({"status": 3}), 0),
        (Json({"status": 4}), 1),
        (Json({"status": "Not OK"}), 3),
        (Json({"status": 30}), 3),
        (Json({"status": 2}), 4),
    ],
)
def test_cli_exit_codes_say_what_the_status_means(stub_server: StubServer, status: Any, code: int) -> None:
    stub_server.add("/getImportStatus", status)
    result = _cli(stub_server, "status", IMPORT_ID, "--wait", "--timeout", "0.3")
    assert result.exit_code == code, result.output
    if code:
        assert IMPORT_ID in result.stderr


def test_cli_deadline_option(stub_server: StubServer) -> None:
    stub_server.add("/compte", Hang())
    started = time.monotonic()
    result = _cli(stub_server, "--deadline", "1", "list", "comptes", "-d", "CEGID001")
    assert result.exit_code == 1 and "deadline" in result.stderr, result.output
    assert time.monotonic() - started < 5  # the server never answers: without the deadline, forever


def test_cli_configuration_errors_exit_2(stub_server: StubServer) -> None:
    from cegid_loop.cli.app import app

    result = CliRunner().invoke(
        app,
        ["list", "comptes", "-d", "X"],
        env={
            "LOOP_BASE_URL": stub_server.base_url,
            "LOOP_MAX_RETRIES": "100000000",
            "LOOP_SUBSCRIPTION_KEY": "s",
            "LOOP_API_KEY": "k:s",
        },
    )
    assert result.exit_code == 2 and re.search(r"max_retries must be between 0 and \d+", result.stderr)
