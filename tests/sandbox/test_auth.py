"""Authentication as APIM + Loop do it, and isolation between firms."""

from __future__ import annotations

import httpx
import pytest

from cegid_loop.sandbox.auth import (
    INVALID_API_KEY_BODY,
    INVALID_SUBSCRIPTION_BODY,
    MISSING_API_KEY_BODY,
    MISSING_SUBSCRIPTION_BODY,
)
from cegid_loop.sandbox.harness import LoopSandbox

APIM_MISSING = {
    "statusCode": 401,
    "message": "Access denied due to missing subscription key. Make sure to include subscription key when "
    "making requests to an API.",
}
APIM_INVALID = {
    "statusCode": 401,
    "message": "Access denied due to invalid subscription key. "
    "Make sure to provide a valid key for an active subscription.",
}
LIST = ("/compte", {"codeDossier": "CEGID001"})


def test_the_apim_bodies_are_verbatim() -> None:
    assert MISSING_SUBSCRIPTION_BODY == APIM_MISSING
    assert INVALID_SUBSCRIPTION_BODY == APIM_INVALID


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({}, APIM_MISSING),
        ({"X-ApiKey": "demo-key:demo-secret"}, APIM_MISSING),
        ({"Ocp-Apim-Subscription-Key": "nope", "X-ApiKey": "demo-key:demo-secret"}, APIM_INVALID),
        ({"Ocp-Apim-Subscription-Key": "demo-subscription-key"}, MISSING_API_KEY_BODY),
        (
            {"Ocp-Apim-Subscription-Key": "demo-subscription-key", "X-ApiKey": "demo-key:wrong"},
            INVALID_API_KEY_BODY,
        ),
    ],
)
def test_every_call_needs_both_keys(loop_sandbox: LoopSandbox, headers: dict[str, str], body: object) -> None:
    client = loop_sandbox.client(authenticated=False, headers=headers)
    for method, path in (
        ("GET", "/compte"),
        ("POST", "/compte"),
        ("GET", "/nowhere"),
        ("DELETE", "/journal"),
    ):
        response = client.request(method, path, params={"codeDossier": "CEGID001"})
        assert response.status_code == 401, (method, path)
        assert response.json() == body
        assert "demo-secret" not in response.text and "demo-subscription-key" not in response.text


def test_header_names_are_case_insensitive(loop_sandbox: LoopSandbox) -> None:
    client = loop_sandbox.client(
        authenticated=False,
        headers={"ocp-apim-subscription-key": "demo-subscription-key", "x-apikey": "demo-key:demo-secret"},
    )
    assert client.get(LIST[0], params=LIST[1]).status_code == 200


def test_control_endpoints_are_guarded_by_the_same_keys(loop_sandbox: LoopSandbox) -> None:
    anonymous = loop_sandbox.client(authenticated=False)
    assert anonymous.post("/__sandbox__/reset").status_code == 401
    assert anonymous.get("/__sandbox__/faults").json() == APIM_MISSING
    assert anonymous.get("/__sandbox__/health").status_code == 200  # readiness probe only
    assert loop_sandbox.client().get("/__sandbox__/faults").status_code == 200


def test_the_api_is_also_served_under_its_real_base_path(client: httpx.Client) -> None:
    a = client.get("/compte", params={"codeDossier": "CEGID001"})
    b = client.get("/loop-api-publiques/compte", params={"codeDossier": "CEGID001"})
    assert a.status_code == b.status_code == 200
    assert a.json() == b.json()


def test_unknown_routes_get_apim_404_even_on_known_paths(client: httpx.Client) -> None:
    for method, path in (
        ("GET", "/nowhere"),
        ("PATCH", "/compte"),
        ("DELETE", "/tiers"),
        ("HEAD", "/compte"),
        ("OPTIONS", "/journal"),
        ("GET", "/importFEC"),
    ):
        response = client.request(method, path, params={"codeDossier": "CEGID001"})
        assert response.status_code == 404, (method, path)
        if method != "HEAD":
            assert response.json() == {"statusCode": 404, "message": "Resource not found"}


# -- isolation -------------------------------------------------------------------------------------


def _numeros(client: httpx.Client) -> set[str]:
    response = client.get("/compte", params={"codeDossier": "CEGID001", "take": 100})
    assert response.status_code == 200
    return {c["numero"] for c in response.json()}


def test_a_firm_never_sees_another_firms_data(loop_sandbox: LoopSandbox) -> None:
    loop_sandbox.add_firm("second-subscription", "second-key:second-secret")
    first = loop_sandbox.client()
    second = loop_sandbox.client(
        authenticated=False,
        headers={"Ocp-Apim-Subscription-Key": "second-subscription", "X-ApiKey": "second-key:second-secret"},
    )
    # same demo layout, different objects
    ids_first = {c["objectId"] for c in first.get("/compte", params={"codeDossier": "CEGID001"}).json()}
    ids_second = {c["objectId"] for c in second.get("/compte", params={"codeDossier": "CEGID001"}).json()}
    assert ids_first and ids_second and not ids_first & ids_second

    created = first.post(
        "/compte",
        params={"codeDossier": "CEGID001"},
        json={"numero": "62880000", "libelle": "Autres services extérieurs"},
    )
    assert created.status_code == 200
    assert "62880000" in _numeros(first)
    assert "62880000" not in _numeros(second)
    oid = created.json()["objectId"]
    # the other firm can neither modify nor delete it
    assert second.delete("/compte", params={"codeDossier": "CEGID001", "objectId": oid}).status_code == 404
    stale = second.put(
        "/compte",
        params={"codeDossier": "CEGID001"},
        json={"objectId": oid, "revisionId": created.json()["revisionId"], "libelle": "x"},
    )
    assert stale.status_code == 404
    assert (
        first.get("/compte", params={"codeDossier": "CEGID001", "filter": 'numero=="62880000"'}).json()[0][
            "libelle"
        ]
        == "Autres services extérieurs"
    )


def test_a_shared_subscription_key_with_another_loop_key_is_another_firm(loop_sandbox: LoopSandbox) -> None:
    loop_sandbox.add_firm("demo-subscription-key", "other-key:other-secret", seed=False)
    other = loop_sandbox.client(
        authenticated=False,
        headers={"Ocp-Apim-Subscription-Key": "demo-subscription-key", "X-ApiKey": "other-key:other-secret"},
    )
    response = other.get("/compte", params={"codeDossier": "CEGID001"})
    assert response.status_code == 404  # that firm has no dossier CEGID001
    assert "CEGID001" in response.json()["message"]
    mixed = loop_sandbox.client(
        authenticated=False,
        headers={
            "Ocp-Apim-Subscription-Key": "demo-subscription-key",
            "X-ApiKey": "second-key:second-secret",
        },
    )
    assert mixed.get("/compte", params={"codeDossier": "CEGID001"}).json() == INVALID_API_KEY_BODY


def test_reset_only_touches_the_callers_firm(loop_sandbox: LoopSandbox) -> None:
    loop_sandbox.add_firm("s2", "k2:s2")
    first = loop_sandbox.client()
    second = loop_sandbox.client(
        authenticated=False, headers={"Ocp-Apim-Subscription-Key": "s2", "X-ApiKey": "k2:s2"}
    )
    for c in (first, second):
        assert (
            c.post(
                "/compte", params={"codeDossier": "CEGID001"}, json={"numero": "62880000", "libelle": "x"}
            ).status_code
            == 200
        )
    assert first.post("/__sandbox__/reset").json() == {"status": "reset"}
    assert "62880000" not in _numeros(first)
    assert "62880000" in _numeros(second)
