"""Per-request options, as openai-python users expect: ``with_options(...)`` on the client,
``timeout=`` / ``extra_headers=`` / ``extra_query=`` on every call."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cegid_loop import AsyncLoopClient, LoopClient, ServerError

from .conftest import TEST_API_KEY, TEST_SUBSCRIPTION_KEY
from .fakeloop import BASE_URL, FakeLoop, apim


@pytest.fixture
def fake() -> FakeLoop:
    return FakeLoop(n_comptes=5)


@pytest.fixture
def loop(fake: FakeLoop) -> Iterator[LoopClient]:
    keys = {"subscription_key": TEST_SUBSCRIPTION_KEY, "api_key": TEST_API_KEY}
    with LoopClient(base_url=BASE_URL, transport=fake.transport, **keys) as client:
        yield client


def _timeout(request: httpx.Request) -> dict[str, float | None]:
    timeout: dict[str, float | None] = request.extensions["timeout"]
    return timeout


def test_a_call_s_timeout_headers_and_query(loop: LoopClient, fake: FakeLoop) -> None:
    loop.comptes.list("CEGID001", timeout=2.5, extra_headers={"X-Trace": "t-1"}, extra_query={"debug": "1"})
    request = fake.requests[-1]
    assert _timeout(request)["read"] == 2.5 and _timeout(request)["connect"] == 2.5
    assert request.headers["X-Trace"] == "t-1"
    assert request.url.params["debug"] == "1" and request.url.params["codeDossier"] == "CEGID001"
    loop.comptes.list("CEGID001")
    assert _timeout(fake.requests[-1])["read"] == 30 and "X-Trace" not in fake.requests[-1].headers


def test_extra_headers_cannot_replace_the_keys(loop: LoopClient, fake: FakeLoop) -> None:
    loop.comptes.list("CEGID001", extra_headers={"x-apikey": "other:key", "Ocp-Apim-Subscription-Key": "x"})
    request = fake.requests[-1]
    assert request.headers["X-ApiKey"] == TEST_API_KEY
    assert request.headers["Ocp-Apim-Subscription-Key"] == TEST_SUBSCRIPTION_KEY


def test_with_options_is_a_client_on_the_same_connections(loop: LoopClient, fake: FakeLoop) -> None:
    patient = loop.with_options(timeout=120, max_retries=0, deadline=600)
    assert patient._http is loop._http and patient.comptes is not loop.comptes
    assert patient.config.retry.max_retries == 0 and loop.config.retry.max_retries == 2
    fake.fault("GET", "compte", apim(503, "down"))
    with pytest.raises(ServerError):
        patient.comptes.list("CEGID001")
    assert len(fake.calls("GET", "compte")) == 1  # no retry on the copy
    assert _timeout(fake.requests[-1])["read"] == 120
    fake.fault("GET", "compte", apim(503, "down"))
    assert len(loop.comptes.list("CEGID001")) == 5  # the original still retries
    with pytest.raises(ValueError, match="max_retries"):
        loop.with_options(max_retries=-1)


def test_timeout_none_means_no_timeout_but_the_deadline(loop: LoopClient, fake: FakeLoop) -> None:
    loop.comptes.list("CEGID001", timeout=None, deadline=None)
    assert _timeout(fake.requests[-1])["read"] is None
    loop.comptes.list("CEGID001", timeout=None)  # the default deadline still bounds every wait
    assert 119 < (_timeout(fake.requests[-1])["read"] or 0) <= 120


async def test_the_async_client_has_the_same_options(fake: FakeLoop) -> None:
    async with AsyncLoopClient(
        base_url=BASE_URL,
        subscription_key=TEST_SUBSCRIPTION_KEY,
        api_key=TEST_API_KEY,
        transport=fake.transport,
    ) as loop:
        fast = loop.with_options(timeout=1.5)
        await fast.comptes.list("CEGID001", extra_query={"a": "b"})
        assert _timeout(fake.requests[-1])["read"] == 1.5 and fake.requests[-1].url.params["a"] == "b"
        raw = await fast.comptes.with_raw_response.list("CEGID001", take=2)
        assert raw.status_code == 200 and len(raw.parsed or []) == 2


def test_no_single_wait_outlasts_the_deadline(loop: LoopClient, fake: FakeLoop) -> None:
    loop.with_options(deadline=5).comptes.list("CEGID001")
    timeout = _timeout(fake.requests[-1])
    assert all(value is not None and 4 < value <= 5 for value in timeout.values()), timeout
    loop.comptes.list("CEGID001", deadline=None, timeout=50)
    assert _timeout(fake.requests[-1])["read"] == 50
    with pytest.raises(ValueError, match="deadline"):
        loop.with_options(deadline=-1)


def test_an_inferred_operation_says_once_that_its_shape_is_a_guess(
    loop: LoopClient, fake: FakeLoop, caplog: pytest.LogCaptureFixture
) -> None:
    from cegid_loop import _base_client
    from cegid_loop_api.facade.registry import OP_COMPTES_DELETE, OP_COMPTES_LIST

    assert OP_COMPTES_LIST.provenance == "documented" and OP_COMPTES_DELETE.provenance == "inferred"
    _base_client._GUESSES_SAID.clear()
    with caplog.at_level("INFO", logger="cegid_loop"):
        loop.comptes.list("CEGID001")
        loop.comptes.delete("CEGID001", "00000000-0000-0000-0000-000000000001")
        loop.comptes.delete("CEGID001", "00000000-0000-0000-0000-000000000002")
    said = [r.getMessage() for r in caplog.records if "inferred" in r.getMessage()]
    assert len(said) == 1 and "DELETE /compte" in said[0]
    assert OP_COMPTES_DELETE.provenance_note[:30] in said[0]
