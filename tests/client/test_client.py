"""LoopClient / AsyncLoopClient over httpx.MockTransport: auth, retries, typed errors, pagination."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cegid_loop import (
    APIConnectionError,
    APITimeoutError,
    AsyncLoopClient,
    AuthenticationError,
    F,
    LoopClient,
    NotFound,
    OperationRejected,
    RateLimited,
    RevisionConflict,
    ServerError,
    Sort,
    UnexpectedResponse,
)

from .conftest import TEST_API_KEY, TEST_SUBSCRIPTION_KEY, assert_no_secret
from .fakeloop import BASE_URL, FakeLoop, apim

ENV = {
    "LOOP_SUBSCRIPTION_KEY": TEST_SUBSCRIPTION_KEY,
    "LOOP_API_KEY": TEST_API_KEY,
    "LOOP_BASE_URL": BASE_URL,
}


@pytest.fixture
def fake() -> FakeLoop:
    return FakeLoop(n_comptes=250)


@pytest.fixture
def loop(fake: FakeLoop, monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopClient]:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    with LoopClient(transport=fake.transport) as client:
        yield client


def test_both_headers_on_every_call_and_no_secret_in_repr(loop: LoopClient, fake: FakeLoop) -> None:
    loop.comptes.list("CEGID001")
    loop.dossiers.get("CEGID001")
    assert len(fake.requests) == 2
    for request in fake.requests:
        assert request.headers["Ocp-Apim-Subscription-Key"] == TEST_SUBSCRIPTION_KEY
        assert request.headers["X-ApiKey"] == TEST_API_KEY
        assert str(request.url).startswith(BASE_URL + "/")
    for text in (repr(loop), str(loop), repr(loop.config), repr(loop._api), repr(loop.comptes)):
        assert_no_secret(text)


def test_timeouts_by_default(loop: LoopClient) -> None:
    assert loop._http.timeout.read == 30 and loop._http.timeout.connect == 10


def test_list_returns_generated_models_and_renders_query(loop: LoopClient, fake: FakeLoop) -> None:
    comptes = loop.comptes.list(
        "CEGID001",
        filter=F.numero.startswith("6"),
        sort=Sort("-numero"),
        select=["numero", "libelle"],
        take=5,
    )
    assert len(comptes) == 5
    assert comptes[0].numero == "6000000"
    params = fake.requests[-1].url.params
    assert params["codeDossier"] == "CEGID001"
    assert params["filter"] == 'numero >= "6" && numero < "7"'
    assert params["sort"] == "numero:desc"
    assert params["select"] == "numero,libelle"
    assert params["take"] == "5"


@pytest.mark.parametrize("concurrency", [1, 3])
def test_iter_walks_every_page_once(loop: LoopClient, fake: FakeLoop, concurrency: int) -> None:
    numeros = [c.numero for c in loop.comptes.iter("CEGID001", concurrency=concurrency)]
    assert numeros == [str(6000000 + i) for i in range(250)]
    skips = [r.url.params["skip"] for r in fake.calls("GET", "compte")]
    assert len(skips) == len(set(skips))
    assert all(r.url.params["take"] == "100" for r in fake.calls("GET", "compte"))


def test_create_update_delete(loop: LoopClient, fake: FakeLoop) -> None:
    created = loop.comptes.create("CEGID001", {"numero": "60110000", "libelle": "Achats"})
    assert created.numero == "60110000" and created.object_id
    created.libelle = "Achats stockés"
    updated = loop.comptes.update("CEGID001", created)
    assert updated.libelle == "Achats stockés"
    with pytest.raises(RevisionConflict) as info:
        loop.comptes.update("CEGID001", created)  # stale revisionId
    assert info.value.status_code == 409 and "revisionId" in info.value.message
    loop.comptes.delete("CEGID001", updated)
    with pytest.raises(NotFound):
        loop.comptes.delete("CEGID001", updated.object_id)
    assert fake.calls("DELETE", "compte")[0].url.params["objectId"] == str(updated.object_id)


def test_namespaces_have_only_what_the_api_has(loop: LoopClient) -> None:
    assert {"list", "iter", "create", "update", "delete"} <= set(dir(loop.comptes))
    assert not hasattr(loop.comptes, "get")
    assert hasattr(loop.dossiers, "get") and not hasattr(loop.dossiers, "iter")
    with pytest.raises(AttributeError):
        _ = loop.not_a_resource


def test_raw_response(loop: LoopClient) -> None:
    raw = loop.comptes.with_raw_response.list("CEGID001", take=2)
    assert raw.status_code == 200
    assert raw.request_id and raw.request_id.startswith("req-")
    assert len(raw.parsed) == 2 and len(raw.json()) == 2


# -- retries ---------------------------------------------------------------------------------------


def test_a_call_that_succeeds_sets_up_no_retry_machinery(
    loop: LoopClient, fake: FakeLoop, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cegid_loop._retry import RetryPolicy

    monkeypatch.setattr(RetryPolicy, "retrying", lambda *a, **k: pytest.fail("stamina set up"))
    assert len(loop.comptes.list("CEGID001", take=3)) == 3


def test_the_first_attempt_counts_and_stamina_schedules_each_retry(loop: LoopClient, fake: FakeLoop) -> None:
    # The first attempt is made before stamina is set up: stamina still decides on it and waits.
    import stamina.instrumentation as hooks

    scheduled: list[int] = []
    before = hooks.get_on_retry_hooks()
    hooks.set_on_retry_hooks([lambda details: scheduled.append(details.retry_num)])
    try:
        fake.fault("GET", "compte", *[apim(503, "down")] * 5)
        with pytest.raises(ServerError):
            loop.with_options(max_retries=2).comptes.list("CEGID001")
    finally:
        hooks.set_on_retry_hooks(before)
    assert len(fake.calls("GET", "compte")) == 3  # 1 + max_retries, not one more
    assert scheduled == [1, 2]  # a backoff scheduled after the first attempt, then after the second


def test_429_honours_retry_after_then_succeeds(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault(
        "GET", "compte", apim(429, "Rate limit is exceeded. Try again in 1 seconds.", **{"Retry-After": "1"})
    )
    assert len(loop.comptes.list("CEGID001", take=3)) == 3
    assert len(fake.calls("GET", "compte")) == 2


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_retried_for_reads(loop: LoopClient, fake: FakeLoop, status: int) -> None:
    fake.fault("GET", "compte", apim(status, "oops"), apim(status, "oops"))
    assert len(loop.comptes.list("CEGID001", take=1)) == 1
    assert len(fake.calls("GET", "compte")) == 3


def test_retries_are_bounded(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault("GET", "compte", *[apim(503, "down")] * 10)
    with pytest.raises(ServerError) as info:
        loop.comptes.list("CEGID001")
    assert info.value.status_code == 503 and info.value.message.endswith("down")
    assert len(fake.calls("GET", "compte")) == 3  # 1 + max_retries (2)


def test_500_is_not_retried(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault("GET", "compte", httpx.Response(500, json={"message": "bug"}))
    with pytest.raises(ServerError):
        loop.comptes.list("CEGID001")
    assert len(fake.calls("GET", "compte")) == 1


def test_too_long_retry_after_is_raised_not_slept(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault("GET", "compte", apim(429, "later", **{"Retry-After": "3600"}))
    with pytest.raises(RateLimited) as info:
        loop.comptes.list("CEGID001")
    assert info.value.retry_after == 3600
    assert len(fake.calls("GET", "compte")) == 1


@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (httpx.ConnectError("refused"), APIConnectionError),
        (httpx.ReadTimeout("slow"), APITimeoutError),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), APIConnectionError),
    ],
)
def test_transport_failures_on_reads(loop: LoopClient, fake: FakeLoop, exc: Exception, cls: type) -> None:
    fake.fault("GET", "compte", exc)
    assert len(loop.comptes.list("CEGID001", take=1)) == 1
    fake.fault("GET", "compte", exc, exc, exc)
    with pytest.raises(cls):
        loop.comptes.list("CEGID001")


def test_truncated_json_on_a_read_is_retried_then_typed(loop: LoopClient, fake: FakeLoop) -> None:
    truncated = httpx.Response(
        200, content=b'[{"objectId": "0f57181f-', headers={"content-type": "application/json"}
    )
    fake.fault("GET", "compte", truncated)
    assert len(loop.comptes.list("CEGID001", take=1)) == 1
    fake.fault("GET", "compte", *[truncated] * 3)
    with pytest.raises(UnexpectedResponse) as info:
        loop.comptes.list("CEGID001")
    assert info.value.decode_error and info.value.status_code == 200


def test_post_is_not_replayed_after_it_may_have_landed(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault("POST", "compte", apim(503, "down"))
    with pytest.raises(ServerError):
        loop.comptes.create("CEGID001", {"numero": "1"})
    fake.fault("POST", "compte", httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        loop.comptes.create("CEGID001", {"numero": "2"})
    assert len(fake.calls("POST", "compte")) == 2


def test_post_is_retried_when_it_never_left_or_the_gateway_refused(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault(
        "POST", "compte", httpx.ConnectError("refused"), apim(429, "slow down", **{"Retry-After": "1"})
    )
    loop.comptes.create("CEGID001", {"numero": "3"})
    assert len(fake.calls("POST", "compte")) == 3
    assert sum(c["numero"] == "3" for c in fake.comptes) == 1


def test_max_retries_zero(fake: FakeLoop) -> None:
    with LoopClient(
        subscription_key=TEST_SUBSCRIPTION_KEY,
        api_key=TEST_API_KEY,
        base_url=BASE_URL,
        transport=fake.transport,
        max_retries=0,
    ) as loop:
        fake.fault("GET", "compte", apim(503, "down"))
        with pytest.raises(ServerError):
            loop.comptes.list("CEGID001")
    assert len(fake.calls("GET", "compte")) == 1


# -- errors ----------------------------------------------------------------------------------------


def test_wrong_key_is_authentication_error_with_message_and_request_id(fake: FakeLoop) -> None:
    fake.fault(
        "GET",
        "compte",
        httpx.Response(
            401,
            json={"statusCode": 401, "message": "Access denied due to invalid subscription key."},
            headers={"apim-request-id": "apim-42"},
        ),
    )
    with (
        LoopClient(
            subscription_key=TEST_SUBSCRIPTION_KEY,
            api_key=TEST_API_KEY,
            base_url=BASE_URL,
            transport=fake.transport,
        ) as loop,
        pytest.raises(AuthenticationError) as info,
    ):
        loop.comptes.list("CEGID001")
    err = info.value
    assert err.status_code == 401 and err.request_id == "apim-42"
    assert "invalid subscription key" in err.message
    assert len(fake.requests) == 1  # never retried


def test_error_in_a_200_body_raises(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault(
        "GET", "compte", httpx.Response(200, json={"error": {"instanceId": "i-9", "message": "refusé"}})
    )
    with pytest.raises(OperationRejected) as info:
        loop.comptes.list("CEGID001")
    assert info.value.instance_id == "i-9" and info.value.message.endswith("refusé")
    fake.fault("GET", "dossiercomplet", httpx.Response(200, json={"error": {"message": "non"}}))
    with pytest.raises(OperationRejected):
        loop.dossiers.get("CEGID001")


def test_non_iana_status_is_typed(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault("GET", "compte", httpx.Response(520, text="origin error"))
    with pytest.raises(ServerError) as info:
        loop.comptes.list("CEGID001")
    assert info.value.status_code == 520


def test_wrong_shape_is_unexpected_response(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault("GET", "compte", httpx.Response(200, json={"numero": "an object where an array belongs"}))
    with pytest.raises(UnexpectedResponse) as info:
        loop.comptes.list("CEGID001")
    assert not info.value.decode_error
    assert len(fake.calls("GET", "compte")) == 1  # same answer next time: not retried


def test_undocumented_redirect_is_unexpected(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault("GET", "compte", httpx.Response(302, headers={"location": "https://elsewhere.test/"}))
    with pytest.raises(UnexpectedResponse):
        loop.comptes.list("CEGID001")
    assert len(fake.requests) == 1  # the keys were not carried to another host


def test_empty_2xx_body_is_a_success(loop: LoopClient, fake: FakeLoop) -> None:
    fake.fault("DELETE", "compte", httpx.Response(200), httpx.Response(204))
    assert loop.comptes.delete("CEGID001", "00000000-0000-0000-0000-000000000001") is None
    assert loop.comptes.with_raw_response.delete("CEGID001", "x").status_code == 204


def test_every_operation_of_the_definition_is_a_typed_method(loop: LoopClient) -> None:
    from cegid_loop import spec
    from cegid_loop_api.facade.registry import OPERATIONS

    effective = spec.load_effective()
    keys = {
        f"{m.upper()} {p}"
        for p, item in effective["paths"].items()
        for m in item
        if m in ("get", "put", "post", "delete")
    }
    assert {f"{op.method} {op.path}" for op in OPERATIONS} == keys
    for op in OPERATIONS:
        assert callable(getattr(getattr(loop, op.resource), op.name)), op.qualified_name
    assert loop.dossiers.get("CEGID001").siren == "732829320"
    with pytest.raises(AttributeError):
        loop.noSuchResource  # type: ignore[attr-defined]  # noqa: B018


# -- async -----------------------------------------------------------------------------------------


@pytest.fixture
async def aloop(fake: FakeLoop, monkeypatch: pytest.MonkeyPatch) -> AsyncLoopClient:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    return AsyncLoopClient(transport=fake.transport)


@pytest.mark.asyncio
async def test_async_list_iter_and_retry(aloop: AsyncLoopClient, fake: FakeLoop) -> None:
    async with aloop as loop:
        fake.fault("GET", "compte", apim(429, "slow", **{"Retry-After": "1"}), httpx.ReadTimeout("t"))
        first = await loop.comptes.list("CEGID001", take=2)
        assert [c.numero for c in first] == ["6000000", "6000001"]
        numeros = [c.numero async for c in loop.comptes.iter("CEGID001", concurrency=4)]
        assert numeros == [str(6000000 + i) for i in range(250)]
        dossier = await loop.dossiers.get("CEGID001")
        assert dossier.siren == "732829320"
        raw = await loop.comptes.with_raw_response.list("CEGID001", take=1)
        assert raw.status_code == 200
        assert_no_secret(repr(loop))


@pytest.mark.asyncio
async def test_async_errors_typed_and_post_not_replayed(aloop: AsyncLoopClient, fake: FakeLoop) -> None:
    async with aloop as loop:
        fake.fault("POST", "compte", apim(503, "down"))
        with pytest.raises(ServerError):
            await loop.comptes.create("CEGID001", {"numero": "1"})
        assert len(fake.calls("POST", "compte")) == 1
        fake.fault("GET", "compte", *[apim(503, "down")] * 3)
        with pytest.raises(ServerError):
            await loop.comptes.list("CEGID001")
        assert len(fake.calls("GET", "compte")) == 3
