"""The definition the sandbox conforms to (sandbox.definition): valid, served, the one the sandbox
routes from, and true of what it answers (grammar, 409, 413, error bodies, PUT /DossierComplet)."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from cegid_loop import spec
from cegid_loop.sandbox.app import create_app, sandbox_state, sandbox_sync_transport
from cegid_loop.sandbox.definition import DEFAULT_SERVER, SERVED_AT, sandbox_definition, sandbox_overlay
from cegid_loop.sandbox.list_query import QueryError, parse_query

from .conftest import DEMO_HEADERS

DEFINITION = sandbox_definition()
PARAMETERS = DEFINITION["components"]["parameters"]


@pytest.fixture(scope="module")
def client() -> httpx.Client:
    return httpx.Client(transport=sandbox_sync_transport(create_app()), base_url="http://sb.test")


def test_it_is_valid_openapi_and_only_adds_to_the_effective_definition() -> None:
    validate(DEFINITION)
    effective = spec.load_effective()
    assert set(DEFINITION["paths"]) == set(effective["paths"])
    assert DEFINITION["servers"][0]["url"] == DEFAULT_SERVER
    # every change names what it describes, like the quirk overlay
    assert all(a["x-quirk"] and a["description"] for a in sandbox_overlay(effective)["actions"])


def test_it_is_served_without_a_key_with_the_sandbox_as_server(client: httpx.Client) -> None:
    answer = client.get(SERVED_AT)
    assert answer.status_code == 200
    served = answer.json()
    assert served["servers"][0]["url"] == "http://sb.test/loop-api-publiques"
    assert {**served, "servers": None} == {**DEFINITION, "servers": None}


def test_it_is_the_definition_the_sandbox_routes_from() -> None:
    assert sandbox_state(create_app()).sandbox.definition.document == DEFINITION


@pytest.mark.parametrize(
    ("name", "blank_allowed"),
    [("filter", True), ("sort", True), ("select", True), ("filterEcritureComptable", False),
     ("filterGiActivitesMission", False)],
)  # fmt: skip
def test_the_grammar_is_on_every_filter_sort_and_select(name: str, blank_allowed: bool) -> None:
    pattern = PARAMETERS[name]["schema"]["pattern"]
    assert bool(re.search(pattern, " ")) is blank_allowed


@pytest.mark.parametrize("name", ["filter", "sort", "select"])
def test_whatever_the_pattern_admits_the_parser_accepts(name: str) -> None:
    pattern = PARAMETERS[name]["schema"]["pattern"]

    @settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern))
    def accepted(value: str) -> None:
        parse_query({name: value})  # raises QueryError otherwise

    accepted()


@pytest.mark.parametrize(
    ("parameter", "value", "position"),
    [("filter", "a == 1 || b == 2", 7), ("sort", "a:down", 2), ("select", "a, *", 3)],
)
def test_outside_the_pattern_is_a_400_that_says_where(
    client: httpx.Client, parameter: str, value: str, position: int
) -> None:
    answer = client.get("/compte", params={"codeDossier": "CEGID001", parameter: value}, headers=DEMO_HEADERS)
    assert answer.status_code == 400
    assert answer.json()["errors"][0] == {
        "field": parameter,
        "position": position,
        "message": answer.json()["errors"][0]["message"],
    }
    with pytest.raises(QueryError):
        parse_query({parameter: value})


def test_a_value_the_parser_takes_but_the_pattern_does_not_is_refused(client: httpx.Client) -> None:
    tab = 'code\t==\t"ACH"'  # the parser skips any whitespace; the definition says spaces
    parse_query({"filter": tab})
    answer = client.get("/journal", params={"codeDossier": "CEGID001", "filter": tab}, headers=DEMO_HEADERS)
    assert answer.status_code == 400
    assert "outside the grammar the sandbox's definition gives filter" in answer.json()["message"]


def _responses(path: str, method: str) -> dict[str, Any]:
    return dict(DEFINITION["paths"][path][method]["responses"])


def test_409_where_the_sandbox_refuses_a_duplicate_or_a_stale_revision_413_everywhere() -> None:
    assert "409" in _responses("/compte", "post") and "409" in _responses("/compte", "put")
    assert "409" in _responses("/tva", "put") and "409" in _responses("/dossierClient", "post")
    assert "409" not in _responses("/DossierComplet", "put")  # its errors come in the 200 envelope
    assert "409" not in _responses("/compte", "get") and "409" not in _responses("/importFEC", "post")
    for item in DEFINITION["paths"].values():
        for operation in item.values():
            assert "413" in operation["responses"]


def test_the_error_bodies_are_the_sandbox_s(client: httpx.Client) -> None:
    responses = DEFINITION["components"]["responses"]
    error = "#/components/schemas/SandboxError"
    assert responses["BadRequest"]["content"]["application/json"]["schema"] == {"$ref": error}
    assert {"$ref": error} in responses["NotFound"]["content"]["application/json"]["schema"]["anyOf"]
    answer = client.get("/compte", params={"codeDossier": "NOPE"}, headers=DEMO_HEADERS)
    assert answer.status_code == 404 and set(answer.json()) == {"message", "errors"}


def test_put_dossier_complet_takes_an_object_or_an_array(client: httpx.Client) -> None:
    body = DEFINITION["paths"]["/DossierComplet"]["put"]["requestBody"]["content"]["application/json"]
    assert [b.get("type") for b in body["schema"]["anyOf"]] == [None, "array"]
    current = client.get("/DossierComplet", params={"codeDossier": "CEGID003"}, headers=DEMO_HEADERS).json()
    nested = client.put(
        "/DossierComplet", params={"codeDossier": "CEGID003"}, headers=DEMO_HEADERS, json=[[current]]
    )
    assert nested.status_code == 400 and nested.json()["errors"][0]["field"] == "0"


def test_an_official_export_without_shared_responses_gets_a_definition_too() -> None:
    effective = spec.load_effective()
    inline = {
        **effective,
        "components": {k: v for k, v in effective["components"].items() if k != "responses"},
    }
    inline["paths"] = {
        path: {method: {**op, "responses": {"200": op["responses"]["200"]}} for method, op in item.items()}
        for path, item in effective["paths"].items()
    }
    document = sandbox_definition(inline)
    assert "SandboxError" in document["components"]["schemas"]
    assert "413" in document["paths"]["/compte"]["get"]["responses"]
