"""Shared fixtures of the client tests: no real sleeping, test keys known to the leak checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cegid_loop._retry import no_wait

# Distinctive values, so that a leak check can grep for them anywhere.
TEST_SUBSCRIPTION_KEY = "sub-TESTKEY-7f3a9c"
TEST_API_KEY_ID = "pubkey-TEST-41d2"
TEST_API_SECRET = "secret-TEST-b8e6f0"
TEST_API_KEY = f"{TEST_API_KEY_ID}:{TEST_API_SECRET}"
SECRETS = (TEST_SUBSCRIPTION_KEY, TEST_API_KEY_ID, TEST_API_SECRET)


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"secret leaked: {text[:200]!r}"


@pytest.fixture(autouse=True)
def _instant_backoff() -> Iterator[None]:
    """Backoffs and poll delays take no time; attempt counts stay as configured."""
    with no_wait():
        yield
