from __future__ import annotations

import datetime as dt

import pytest
import stamina

from cegid_loop._retry import RetryPolicy, parse_retry_after, retry_after_from_message
from cegid_loop.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    NotFound,
    RateLimited,
    ServerError,
    UnexpectedResponse,
)

NOW = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"Retry-After": "-4"}, 0.0),
        ({"Retry-After": "Thu, 01 Jan 2026 12:00:30 GMT"}, 30.0),
        ({"Retry-After": "Thu, 01 Jan 2026 11:00:00 GMT"}, 0.0),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "nan"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers, now=NOW) == expected


def test_apim_message_fallback() -> None:
    assert retry_after_from_message("Rate limit is exceeded. Try again in 60 seconds.") == 60
    assert retry_after_from_message("nope") is None


POLICY = RetryPolicy()


@pytest.mark.parametrize(
    ("exc", "method", "expected"),
    [
        (RateLimited("x", retry_after=2, status_code=429), "GET", 2.0),
        (RateLimited("x", status_code=429), "GET", True),
        (RateLimited("x", retry_after=3600, status_code=429), "GET", False),  # too long: raise
        (RateLimited("x", retry_after=1, status_code=429), "POST", 1.0),  # gateway refused: safe
        (ServerError("x", status_code=503), "GET", True),
        (ServerError("x", status_code=503, retry_after=4), "DELETE", 4.0),
        (ServerError("x", status_code=502), "PUT", True),
        (ServerError("x", status_code=500), "GET", False),  # a bug, not a blip
        (ServerError("x", status_code=503), "POST", False),  # may have been processed
        (APIConnectionError("x", request_sent=True), "GET", True),
        (APIConnectionError("x", request_sent=True), "POST", False),
        (APIConnectionError("x", request_sent=False), "POST", True),
        (APITimeoutError("x", request_sent=True), "POST", False),
        (UnexpectedResponse("x", decode_error=True), "GET", True),
        (UnexpectedResponse("x", decode_error=True), "PUT", False),
        (UnexpectedResponse("x"), "GET", False),
        (AuthenticationError("x", status_code=401), "GET", False),
        (NotFound("x", status_code=404), "GET", False),
        (ValueError("x"), "GET", False),
    ],
)
def test_decide(exc: BaseException, method: str, expected: bool | float) -> None:
    assert POLICY.decide(exc, method) == expected


def test_retrying_counts_attempts_without_sleeping() -> None:
    calls = []
    policy = RetryPolicy(max_retries=3, wait_initial=100, wait_max=100)
    with pytest.raises(ServerError):
        for attempt in policy.retrying("GET"):
            with attempt:
                calls.append(attempt.num)
                raise ServerError("x", status_code=503)
    assert calls == [1, 2, 3, 4]  # and the test did not sleep 300 s
    assert stamina.is_testing()


def test_no_retry_when_policy_says_no() -> None:
    calls = 0
    with pytest.raises(ServerError):
        for attempt in RetryPolicy(max_retries=5).retrying("POST"):
            with attempt:
                calls += 1
                raise ServerError("x", status_code=503)
    assert calls == 1
