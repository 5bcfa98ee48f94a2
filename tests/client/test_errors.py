from __future__ import annotations

import pickle

import httpx
import pytest

from cegid_loop import _redact
from cegid_loop._errors_map import (
    error_from_response,
    error_from_transport,
    error_in_body,
    message_of,
    request_id_of,
)
from cegid_loop.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequest,
    LoopError,
    NotFound,
    PermissionDenied,
    RateLimited,
    RevisionConflict,
    ServerError,
)

from .conftest import TEST_API_KEY, TEST_SUBSCRIPTION_KEY, assert_no_secret


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequest),
        (401, AuthenticationError),
        (403, PermissionDenied),
        (404, NotFound),
        (409, RevisionConflict),
        (412, RevisionConflict),
        (418, BadRequest),
        (422, BadRequest),
        (429, RateLimited),
        (500, ServerError),
        (503, ServerError),
        (520, ServerError),
    ],
)
def test_status_maps_to_class(status: int, cls: type[LoopError]) -> None:
    err = error_from_response(status, {}, b"")
    assert type(err) is cls
    assert err.status_code == status


def test_apim_body_message_and_request_id() -> None:
    body = b'{"statusCode": 401, "message": "Access denied due to invalid subscription key."}'
    err = error_from_response(401, {"apim-request-id": "abc-1"}, body, context="GET /compte")
    assert isinstance(err, AuthenticationError)
    assert err.message == "GET /compte: Access denied due to invalid subscription key."
    assert err.request_id == "abc-1"
    assert "abc-1" in str(err) and "401" in str(err)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            b'{"error": {"instanceId": "i", "message": "Le dossier X n\'existe pas"}}',
            "Le dossier X n'existe pas",
        ),
        (b'{"message": "plain"}', "plain"),
        (b'{"Message": "dotnet"}', "dotnet"),
        (b'{"title": "Bad", "detail": "why"}', "why"),
        (
            b"<?xml version='1.0'?><Error><Code>Md5Mismatch</Code><Message>MD5 differs</Message></Error>",
            "Md5Mismatch: MD5 differs",
        ),
        (b"plain text", "plain text"),
        (b"", None),
    ],
)
def test_message_extraction(body: bytes, message: str | None) -> None:
    assert message_of(body) == message


def test_request_id_header_order() -> None:
    assert request_id_of(httpx.Headers({"x-ms-request-id": "ms", "x-request-id": "x"})) == "x"
    assert request_id_of(httpx.Headers({"Request-Id": "r"})) == "r"
    assert request_id_of(httpx.Headers({})) is None


def test_retry_after_seconds_and_message_fallback() -> None:
    err = error_from_response(429, {"Retry-After": "7"}, b"{}")
    assert isinstance(err, RateLimited) and err.retry_after == 7
    apim = b'{"statusCode": 429, "message": "Rate limit is exceeded. Try again in 60 seconds."}'
    err = error_from_response(429, {}, apim)
    assert isinstance(err, RateLimited) and err.retry_after == 60


def test_error_in_body() -> None:
    assert error_in_body({"error": {"instanceId": "g", "message": "m"}}) == ("m", "g")
    assert error_in_body({"error": None, "accountingImportRequestId": "x"}) is None
    assert error_in_body({"accountingImportRequestId": "x"}) is None
    assert error_in_body([{"error": "x"}]) is None


def test_transport_errors_know_whether_the_request_left() -> None:
    assert error_from_transport(httpx.ConnectError("refused")).request_sent is False
    assert error_from_transport(httpx.ConnectTimeout("t")).request_sent is False
    timeout = error_from_transport(httpx.ReadTimeout("t"))
    assert isinstance(timeout, APITimeoutError) and timeout.request_sent is True
    dropped = error_from_transport(httpx.RemoteProtocolError("closed"))
    assert type(dropped) is APIConnectionError and dropped.request_sent is True


def test_server_echoing_keys_is_scrubbed() -> None:
    _redact.register_secret(TEST_SUBSCRIPTION_KEY)
    _redact.register_secret(TEST_API_KEY)
    body = f'{{"message": "bad key {TEST_SUBSCRIPTION_KEY} / X-ApiKey: {TEST_API_KEY}"}}'.encode()
    err = error_from_response(401, {}, body)
    for text in (str(err), repr(err), err.message, err.body or ""):
        assert_no_secret(text)
    # a header the process never registered is masked by its shape
    other = error_from_response(400, {}, b'{"message": "Ocp-Apim-Subscription-Key: zzzz-unknown"}')
    assert "zzzz-unknown" not in str(other)


def test_errors_pickle_round_trip() -> None:
    err = RateLimited("slow down", retry_after=3, status_code=429, request_id="r")
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is RateLimited and copy.retry_after == 3 and copy.request_id == "r"
    assert str(copy) == str(err)


def test_import_errors_keep_their_statuses_across_a_pickle() -> None:
    # A task queue (celery, multiprocessing) hands errors to another process: the import to
    # reconcile and its last status must survive the trip, typed.
    from cegid_loop.errors import ImportFailed, ImportTimeout
    from cegid_loop.imports import ImportResult, ImportState

    status = ImportResult.from_status("abc-123", {"status": "Rejeté", "message": "compte 999 inconnu"})
    failed = pickle.loads(pickle.dumps(ImportFailed("refused", import_request_id="abc-123", result=status)))
    assert failed.import_request_id == "abc-123"
    assert failed.result == status and failed.result is not None
    assert failed.result.state is ImportState.FAILED
    late = pickle.loads(pickle.dumps(ImportTimeout("late", import_request_id="abc-123", last_status=status)))
    assert late.import_request_id == "abc-123" and late.last_status == status
